"""The dbt project for real: a small raw warehouse -> `dbt build` -> marts, data tests, unit tests, sql/.

The fixture covers two ISO weeks (6-19 Jan 2025), three factions with strikes, an alliance change between
two strikes of the same faction, an unresolved attacker ('Unknown'), a non-strike event, a mention below a
confidence threshold, a rejected candidate, an unresolved mention and a quarantined URL.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines import warehouse

REPO = Path(__file__).resolve().parent.parent
DBT_DIR = REPO / "dbt"
SQL_DIR = REPO / "sql"
DBT = Path(sys.executable).parent / "dbt"

pytestmark = pytest.mark.timeout(300)

ACTORS = [
    # actor_id, name, actor_type, country
    ("rus_af", "Russian Aerospace Forces", "state_forces", "RUS"),
    ("saa", "Syrian Arab Army", "state_forces", "SYR"),
    ("sdf", "Syrian Democratic Forces", "rebel_group", "SYR"),
    ("hts", "Hayat Tahrir al-Sham", "rebel_group", "SYR"),
]
ALLIANCES = [
    # SDF changes sides on 2025-01-12: its strike on 8 Jan is 'US-led coalition', on 15 Jan 'Damascus'.
    ("rus_af", "Damascus", date(2015, 9, 30), None),
    ("saa", "Damascus", date(2011, 1, 1), None),
    ("sdf", "US-led coalition", date(2015, 10, 10), date(2025, 1, 12)),
    ("sdf", "Damascus", date(2025, 1, 12), None),
    ("hts", "Idlib opposition", date(2017, 1, 28), None),
]
PLACES = [
    # place_id, geonameid, name, kind, iso3, admin1, admin1_code, lat, lon
    ("gn:170794", 170794, "Deir ez-Zor", "populated_place", "SYR", "Deir ez-Zor", "07", 35.336, 40.141),
    ("gn:169389", 169389, "Idlib", "populated_place", "SYR", "Idlib", "10", 35.931, 36.634),
    ("gn:169388", 169388, "Saraqib", "populated_place", "SYR", "Idlib", "10", 35.864, 36.806),
    ("adm1:SY.10", None, "Idlib", "admin1", "SYR", None, "10", 35.8, 36.6),
]
ARTICLES = [
    # article_id, source, published
    ("a1", "Outlet One", date(2025, 1, 9)),
    ("a2", "Outlet Two", date(2025, 1, 12)),
    ("a3", "Outlet One", date(2025, 1, 16)),
    ("a4", "Outlet Three", date(2025, 1, 18)),
]
PLACE_NAMES = {p[0]: p[2] for p in PLACES}
MENTIONS = [
    # id, article, type, actor, actor_raw, target, place, date, fatalities, injured, confidence
    ("m1", "a1", "air_strike", "rus_af", "Russian jets", "hts", "gn:169389", date(2025, 1, 7), 5, 3, 0.9),
    ("m2", "a1", "shelling", "saa", "government forces", "hts", "gn:169388", date(2025, 1, 9), 1, None, 0.8),
    ("m3", "a1", "shelling", "sdf", "the SDF", None, "gn:170794", date(2025, 1, 8), 0, 2, 0.7),
    # Saturday 11 Jan: ISO week of 6 Jan, ACLED week of 11 Jan
    ("m4", "a2", "air_strike", "rus_af", "Russian warplanes", "hts", "gn:169389", date(2025, 1, 11), 2, 1, 0.85),
    ("m5", "a3", "shelling", "saa", "regime artillery", "hts", "gn:169388", date(2025, 1, 14), None, 4, 0.75),
    ("m6", "a3", "shelling", "sdf", "SDF", "saa", "gn:170794", date(2025, 1, 15), 3, None, 0.6),
    ("m7", "a3", "air_strike", None, "unidentified warplanes", None, "gn:170794", date(2025, 1, 16), 4, 0, 0.5),
    ("m8", "a4", "armed_clash", "hts", "HTS fighters", "saa", "gn:169388", date(2025, 1, 17), 6, None, 0.9),
    ("m9", "a4", "explosion", None, None, None, None, date(2025, 1, 17), 1, 1, 0.4),
    ("m10", "a4", "air_strike", "rus_af", "Russian jets", None, "gn:169389", date(2025, 1, 18), 0, 0, 0.2),
]


def article_text(article_id: str) -> tuple[str, dict[str, tuple[int, int, str]]]:
    """A text holding one sentence per mention of the article; returns offsets of each sentence."""
    text, spans = "", {}
    for m in MENTIONS:
        if m[1] != article_id:
            continue
        sentence = f"On {m[7]:%d %B} {m[4] or 'an explosion'} hit {PLACE_NAMES.get(m[6], 'somewhere')}, killing {m[8]}."
        start = len(text)
        text += sentence + " "
        spans[m[0]] = (start, start + len(sentence), sentence)
    return text.strip(), spans


def raw_frames() -> dict[str, pl.DataFrame]:
    now = datetime(2025, 1, 19, 12, 0)
    pages, articles, mentions = [], [], []
    for aid, source, published in ARTICLES:
        url = f"https://{source.lower().replace(' ', '')}.example/{aid}"
        pages.append({"page_id": f"p_{aid}", "url": url, "source_name": source, "fetched_at": now,
                      "http_status": 200, "content_type": "text/html", "content_hash": f"h_{aid}",
                      "html_zlib": b"x\x9c\x03\x00\x00\x00\x00\x01", "feed_title": f"Title {aid}",
                      "feed_published": published})
        text, spans = article_text(aid)
        articles.append({"article_id": aid, "page_id": f"p_{aid}", "url": url, "source_name": source,
                         "title": f"Title {aid}", "published": published, "language": "en", "text": text,
                         "text_hash": f"t_{aid}", "content_hash": f"h_{aid}", "extractor_version": "test",
                         "extracted_at": now})
        for i, m in enumerate(x for x in MENTIONS if x[1] == aid):
            start, end, sentence = spans[m[0]]
            mentions.append({
                "mention_id": m[0], "article_id": aid, "coder_version": "test", "event_type": m[2],
                "sub_event_type": m[2], "trigger": m[2].split("_")[0], "actor_raw": m[4], "actor_id": m[3],
                "target_raw": m[5], "target_id": m[5], "location_raw": PLACE_NAMES.get(m[6]), "place_id": m[6],
                "geo_precision": 1, "event_date": m[7], "date_precision": 1, "date_raw": f"{m[7]:%d %B}",
                "fatalities": m[8], "injured": m[9], "sentence_index": i, "char_start": start,
                "char_end": end, "evidence": sentence, "confidence": m[10], "hedged": m[10] < 0.5,
                "coded_at": now,
            })
    return {
        "pages": pl.DataFrame(pages),
        "articles": pl.DataFrame(articles),
        "event_mentions": pl.DataFrame(mentions),
        "rejected_candidates": pl.DataFrame([{
            "candidate_id": "c1", "article_id": "a2", "coder_version": "test", "sentence_index": 9,
            "char_start": 0, "char_end": 10, "trigger": "strike", "reason": "threat",
            "evidence": "They threatened to strike."}]),
        "actors": pl.DataFrame([dict(zip(("actor_id", "name", "actor_type", "country_iso3"), a, strict=True))
                                for a in ACTORS]).with_columns(dictionary_version=pl.lit("t1")),
        "actor_alliances": pl.DataFrame(
            [dict(zip(("actor_id", "alliance", "valid_from", "valid_to"), a, strict=True)) for a in ALLIANCES],
            schema={"actor_id": pl.String, "alliance": pl.String, "valid_from": pl.Date, "valid_to": pl.Date},
            orient="row",
        ).with_columns(dictionary_version=pl.lit("t1")),
        "places": pl.DataFrame(
            {k: [p[i] for p in PLACES] for i, k in enumerate(
                ("place_id", "geonameid", "name", "feature_kind", "country_iso3", "admin1", "admin1_code",
                 "latitude", "longitude"))},
            schema_overrides={"geonameid": pl.Int64, "admin1": pl.String},
        ),
        "unresolved_mentions": pl.DataFrame([
            {"kind": "actor", "raw_text": "unidentified warplanes", "article_id": "a3", "mentions": 1, "seen_at": now},
            {"kind": "place", "raw_text": "somewhere", "article_id": "a4", "mentions": 1, "seen_at": now},
        ]),
        "quarantine": pl.DataFrame([{
            "item_id": "q1", "stage": "fetch", "source_name": "Outlet Two", "url": "https://outlettwo.example/gone",
            "reason": "http_404", "detail": "Not Found", "first_seen": now, "last_seen": now}]),
    }


def dbt(*args: str, warehouse_path: Path, target: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run the dbt CLI of this venv on dbt/, with its own target and log dirs (other runs may share dbt/)."""
    env = {**os.environ, "CONFLICT_ETL_WAREHOUSE": str(warehouse_path),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False", "DO_NOT_TRACK": "1"}
    cmd = [str(DBT), *args, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
           "--target-path", str(target), "--log-path", str(target / "logs")]
    proc = subprocess.run(cmd, cwd=DBT_DIR, env=env, capture_output=True, text=True, timeout=240)
    if check:
        assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    return proc


def results(target: Path) -> dict[str, str]:
    data = json.loads((target / "run_results.json").read_text())
    return {r["unique_id"]: r["status"] for r in data["results"]}


def query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.sql(sql).fetchall()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture warehouse after `dbt build` with default vars (ISO weeks)."""
    root = tmp_path_factory.mktemp("dbt_wh")
    path = root / "warehouse.duckdb"
    with warehouse.connect(path) as conn:
        warehouse.load_batch(conn, raw_frames())
    target = root / "target"
    dbt("build", warehouse_path=path, target=target)
    return path, target


def test_build_runs_every_model_test_and_unit_test(built: tuple[Path, Path]) -> None:
    _, target = built
    statuses = results(target)
    kinds = {uid.split(".")[0] for uid in statuses}
    assert {"model", "test", "unit_test"} <= kinds
    assert all(s in ("success", "pass") for s in statuses.values()), {
        k: s for k, s in statuses.items() if s not in ("success", "pass")}
    unit_tests = {uid.split(".")[-1] for uid in statuses if uid.startswith("unit_test.")}
    assert {"dedup_three_outlets_one_strike", "dedup_two_strikes_same_day_same_governorate",
            "dedup_dates_two_days_apart_and_bounded_chain", "fct_events_rolls_up_three_outlets",
            "strikes_per_faction_week_monday_weeks", "strikes_per_faction_week_saturday_weeks"} <= unit_tests
    assert sum(uid.startswith("model.") for uid in statuses) >= 17


def test_strikes_per_faction_week_iso_weeks(built: tuple[Path, Path]) -> None:
    path, _ = built
    rows = query(path, """
        select week_start, faction, alliance, strikes, fatalities, injured, events, articles
        from main.strikes_per_faction_week order by week_start, faction""")
    assert rows == [
        (date(2025, 1, 6), "Russian Aerospace Forces", "Damascus", 2, 7, 4, 2, 2),
        (date(2025, 1, 6), "Syrian Arab Army", "Damascus", 1, 1, 0, 1, 1),
        (date(2025, 1, 6), "Syrian Democratic Forces", "US-led coalition", 1, 0, 2, 1, 1),
        (date(2025, 1, 13), "Russian Aerospace Forces", "Damascus", 1, 0, 0, 1, 1),
        (date(2025, 1, 13), "Syrian Arab Army", "Damascus", 1, 0, 4, 1, 1),
        (date(2025, 1, 13), "Syrian Democratic Forces", "Damascus", 1, 3, 0, 1, 1),
        (date(2025, 1, 13), "Unknown", None, 1, 4, 0, 2, 1),  # + the explosion (m9)
    ]
    # the column types analysts rely on
    types = dict(query(path, """select column_name, data_type from information_schema.columns
                                where table_schema = 'main' and table_name = 'strikes_per_faction_week'"""))
    assert types["week_start"] == "DATE" and types["faction"] == "VARCHAR" and types["strikes"] == "INTEGER"


def test_fct_events_alliance_in_force_and_lineage(built: tuple[Path, Path]) -> None:
    path, _ = built
    rows = dict(query(path, "select event_id, alliance from main.fct_events where actor_id = 'sdf'"))
    assert rows == {"m3": "US-led coalition", "m6": "Damascus"}
    assert query(path, "select count(*), count(distinct event_id) from main.fct_events") == [(10, 10)]
    ev = query(path, """select faction, actor_name, target_alliance, admin1, country_iso3, week_start,
                               num_mentions, num_articles, num_sources, source_name
                        from main.fct_events where event_id = 'm1'""")
    assert ev == [("Russian Aerospace Forces", "Russian Aerospace Forces", "Idlib opposition", "Idlib", "SYR",
                   date(2025, 1, 6), 1, 1, 1, "Outlet One")]
    assert query(path, "select faction, actor_name from main.fct_events where event_id = 'm7'") == [("Unknown", None)]
    # admin1 centroid comes from the admin1 feature when the gazetteer has one
    assert query(path, """select distinct admin1_latitude from main.events_by_admin1_week
                          where admin1 = 'Idlib'""") == [(35.8,)]
    assert query(path, """select events, strikes from main.dyads_week where week_start = '2025-01-06'
                          and faction = 'Russian Aerospace Forces' and target_faction = 'Hayat Tahrir al-Sham'""") == [(2, 2)]


def test_saturday_weeks_and_confidence_threshold(built: tuple[Path, Path], tmp_path: Path) -> None:
    src, _ = built
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(src, path)
    target = tmp_path / "target"
    dbt("build", "--exclude", "resource_type:unit_test", "--vars", "{week_start_day: saturday, min_confidence: 0.3}",
        warehouse_path=path, target=target)
    assert all(s in ("success", "pass") for s in results(target).values())
    rows = query(path, """select week_start, faction, strikes, fatalities
                          from main.strikes_per_faction_week order by week_start, faction""")
    # m10 (confidence 0.2, Sat 18 Jan) is dropped; Sat 11 Jan starts the second ACLED week
    assert rows == [
        (date(2025, 1, 4), "Russian Aerospace Forces", 1, 5),
        (date(2025, 1, 4), "Syrian Arab Army", 1, 1),
        (date(2025, 1, 4), "Syrian Democratic Forces", 1, 0),
        (date(2025, 1, 11), "Russian Aerospace Forces", 1, 2),
        (date(2025, 1, 11), "Syrian Arab Army", 1, 0),
        (date(2025, 1, 11), "Syrian Democratic Forces", 1, 3),
        (date(2025, 1, 11), "Unknown", 1, 4),
    ]
    assert query(path, "select distinct dayname(week_start) from main.fct_events") == [("Saturday",)]


def test_sql_queries_run_on_the_built_warehouse(built: tuple[Path, Path]) -> None:
    path, _ = built
    files = sorted(SQL_DIR.glob("*.sql"))
    assert len(files) >= 8
    with duckdb.connect(str(path), read_only=True) as conn:
        for f in files:
            rows = conn.sql(f.read_text()).fetchall()
            assert rows, f"{f.name} returned no rows on the fixture warehouse"


def test_dbt_parse_writes_the_manifest(tmp_path: Path) -> None:
    """dagster-dbt loads dbt/target/manifest.json; sources carry the Python assets' keys.

    conftest's session fixture usually parsed already; parse here only when the manifest is missing.
    """
    path = DBT_DIR / "target" / "manifest.json"
    if not path.exists():
        dbt("parse", warehouse_path=tmp_path / "warehouse.duckdb", target=DBT_DIR / "target")
    manifest = json.loads(path.read_text())
    assert {"model.conflict_etl.fct_events", "model.conflict_etl.strikes_per_faction_week"} <= set(manifest["nodes"])
    keys = {s["name"]: s["meta"]["dagster"]["asset_key"] for s in manifest["sources"].values()}
    assert keys == {
        "pages": ["raw_pages"], "articles": ["articles"], "quarantine": ["quarantine"],
        "event_mentions": ["event_mentions"], "rejected_candidates": ["rejected_candidates"],
        "actors": ["actor_dictionary"], "actor_alliances": ["actor_alliances"], "places": ["places"],
        "unresolved_mentions": ["unresolved_mentions"],
    }
