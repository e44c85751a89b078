"""The Python asset checks and the charts/HTML report on a small hand-made warehouse (no Dagster run,
no dbt): thresholds, what the metadata points at, and that nothing needs the network."""

from __future__ import annotations

import socket
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines import checks, warehouse


def _rows(table: str, rows: list[dict]) -> pl.DataFrame:
    return warehouse.conform(table, pl.DataFrame(rows))


@pytest.fixture
def conn(tmp_path: Path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    warehouse.migrate(c)
    now = datetime(2017, 10, 1)
    pages = [{"page_id": f"p{i}", "url": f"https://x/{i}", "source_name": "feedsrc" if i < 6 else "archive",
              "content_hash": str(i)} for i in range(10)]
    quarantine = [{"item_id": f"p{i}", "stage": "extract", "source_name": "archive", "url": f"https://x/{i}",
                   "reason": "empty_text", "first_seen": now, "last_seen": now} for i in (8, 9)]
    articles = [{"article_id": f"p{i}", "page_id": f"p{i}", "url": f"https://x/{i}",
                 "source_name": "feedsrc" if i < 6 else "archive", "published": date(2017, 9, 10 + i),
                 "text": "t"} for i in range(8)]
    mentions = [
        {"mention_id": "m1", "article_id": "p1", "actor_raw": "Russian jets", "actor_id": "RUS",
         "target_raw": "SDF", "target_id": None, "location_raw": "Deir ez-Zor", "place_id": "gn:1",
         "event_date": date(2017, 9, 11), "date_raw": "Monday", "evidence": "Russian jets struck SDF"},
        {"mention_id": "m2", "article_id": "p2", "actor_raw": "unknown militia", "actor_id": None,
         "location_raw": "Nowhere", "place_id": None, "event_date": date(2017, 9, 30), "date_raw": "on Saturday",
         "evidence": "unknown militia shelled Nowhere"},
    ]
    unresolved = [{"kind": "actor", "raw_text": "unknown militia", "article_id": "p2", "mentions": 3, "seen_at": now},
                  {"kind": "place", "raw_text": "Nowhere", "article_id": "p2", "mentions": 1, "seen_at": now}]
    warehouse.load_batch(c, {"pages": _rows("pages", pages), "quarantine": _rows("quarantine", quarantine),
                             "articles": _rows("articles", articles),
                             "event_mentions": _rows("event_mentions", mentions),
                             "unresolved_mentions": _rows("unresolved_mentions", unresolved)})
    yield c
    c.close()


def test_empty_text_share(conn) -> None:
    out = checks.empty_text_share(conn, max_share=0.1)
    assert not out.passed and out.metadata["share"] == 0.2 and out.metadata["empty_text_pages"] == 2
    assert "https://x/8" in out.metadata["examples"] and "archive" in out.metadata["by_source"]
    assert checks.empty_text_share(conn, max_share=0.25).passed
    assert "raw.quarantine" in out.metadata["look_at"]


def test_unresolved_share_names_the_unknown_strings(conn) -> None:
    out = checks.unresolved_share(conn, max_share=0.3)
    # actors: RUS ok, SDF unresolved, militia unresolved -> 2/3; places 1/2
    assert out.metadata["actor_share"] == round(2 / 3, 4) and out.metadata["place_share"] == 0.5
    assert not out.passed and "unknown militia" in out.metadata["top_unknown"]
    assert checks.unresolved_share(conn, max_share=0.7).passed


def test_sources_still_publishing(conn) -> None:
    kinds = {"feedsrc": "feed", "archive": "folder"}
    out = checks.sources_still_publishing(conn, 7, kinds, today=date(2017, 9, 20))
    assert out.passed, out.metadata  # feed's newest 2017-09-15 is 5 days old; archive is the newest
    out = checks.sources_still_publishing(conn, 7, kinds, today=date(2017, 10, 20))
    assert not out.passed and out.metadata["stale_sources"] == "feedsrc"
    # an archive source lagging the newest article by more than N days is stale too
    out = checks.sources_still_publishing(conn, 1, {"feedsrc": "folder", "archive": "folder"},
                                          today=date(2017, 9, 20))
    assert "feedsrc" in out.metadata["stale_sources"]


def test_event_dates_not_after_article(conn) -> None:
    out = checks.event_dates_not_after_article(conn)
    assert not out.passed and out.metadata["events_after_article"] == 1
    assert "on Saturday" in out.metadata["examples"]
    conn.execute("DELETE FROM raw.event_mentions WHERE mention_id = 'm2'")
    assert checks.event_dates_not_after_article(conn).passed


def test_check_results_are_warnings_with_markdown_metadata(conn) -> None:
    import dagster as dg

    res = checks.event_dates_not_after_article(conn).result()
    assert res.severity == dg.AssetCheckSeverity.WARN
    assert isinstance(res.metadata["examples"], dg.MarkdownMetadataValue)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _marts(conn) -> None:
    weeks = [date(2017, 7, 3) + timedelta(weeks=i) for i in range(16)]
    rows = [(w, f, None, (i * 7 + j) % 4, 1, 0, 2, 1) for i, w in enumerate(weeks)
            for j, f in enumerate(["Russia", "Islamic State", "US-led coalition"])]
    conn.execute("CREATE TABLE strikes_per_faction_week (week_start DATE, faction VARCHAR, alliance VARCHAR, "
                 "strikes INT, fatalities INT, injured INT, events INT, articles INT)")
    conn.executemany("INSERT INTO strikes_per_faction_week VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("CREATE TABLE fct_events AS SELECT * FROM (VALUES "
                 "('e1', DATE '2017-09-11', 'air_strike', 'Russia', 'SDF', 'Deir ez-Zor', 'Deir ez-Zor', 'SYR', "
                 "35.33, 40.14, 2, 1, 1, 'src'), "
                 "('e2', DATE '2017-09-12', 'armed_clash', 'SDF', 'Islamic State', 'Raqqa', 'Raqqa', 'SYR', "
                 "35.95, 39.01, 0, 0, 1, 'src')) t(event_id, event_date, event_type, actor_name, target_name, "
                 "location_name, admin1, country_iso3, latitude, longitude, fatalities, injured, num_articles, "
                 "source_name)")


def test_charts_and_report_offline(conn, tmp_path: Path, no_network) -> None:
    from pipelines.report import (
        build_report,
        event_points,
        events_map_png,
        recent_strikes,
        strikes_chart_png,
        write_report,
    )

    _marts(conn)
    strikes = recent_strikes(conn)
    assert strikes["week_start"].n_unique() == 12  # the last 12 weeks of data, not of the calendar
    png = strikes_chart_png(strikes)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    points = event_points(conn)
    assert points.height == 2
    assert events_map_png(points)[:4] == b"\x89PNG"
    html = build_report(conn, "wh")
    assert html.count("data:image/png;base64,") == 2 and "Deir ez-Zor" in html and "unknown militia" in html
    assert "http://" not in html and "https://" not in html.replace("https://x/", "")  # nothing fetched
    path = write_report(conn, tmp_path / "out" / "report.html")
    assert path.read_text(encoding="utf-8") .startswith("<!doctype html>")
    (tmp_path / "strikes.png").write_bytes(png)  # for a look when debugging


def test_charts_on_an_empty_warehouse(conn, no_network) -> None:
    from pipelines.report import build_report

    html = build_report(conn)
    assert html.count("data:image/png;base64,") == 2  # "no data yet" placeholders, no crash


def test_a_chart_is_drawn_once_per_data(conn, monkeypatch) -> None:
    """The dbt step and the report step draw the same charts from the same marts: the second is not drawn
    again; other data is."""
    from pipelines.report import charts, recent_strikes

    _marts(conn)
    strikes = recent_strikes(conn)
    first = charts.strikes_chart_png(strikes)
    monkeypatch.setattr(charts, "_pyplot", lambda: (_ for _ in ()).throw(AssertionError("drawn again")))
    assert charts.strikes_chart_png(strikes.clone()) is first
    monkeypatch.undo()
    other = charts.strikes_chart_png(strikes.with_columns(strikes["strikes"] + 1))
    assert other[:4] == b"\x89PNG" and other != first
