"""Cross-outlet dedup end to end: HTML pages of three outlets -> the real coder (Dagster assets) -> dbt.

Three outlets report the same Russian strike on Mayadin (different wording, spelling of the town, casualty
figures and publication days) -> one row in fct_events with num_articles = 3 and the lowest toll. Two other
Russian strikes on one day in the same governorate (Deir ez-Zor), on towns ~120 km apart -> two rows.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import folder_sources
from test_flow import run_refresh  # the same way the flow tests run the Dagster assets

pytestmark = pytest.mark.timeout(240)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - {outlet}</title>
<link rel="canonical" href="https://www.{host}/{slug}/">
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{published}T12:00:00+00:00">
</head><body><article><h1>{title}</h1>
{paragraphs}
</article></body></html>
"""

# (file, outlet host, outlet name, published, title, paragraphs)
ARTICLES = [
    (
        "a-mayadin.html",
        "euphrates-wire.example",
        "Euphrates Wire",
        "2017-10-03",
        "Russian air strikes kill civilians in Mayadin",
        [
            "Russian warplanes struck the town of Mayadin in Deir ez-Zor province on Monday, killing 14 civilians, "
            "the Syrian Observatory for Human Rights said.",
            "The monitor said the dead included women and children, and that rescue workers were still searching "
            "the rubble of several buildings near the town's main market.",
        ],
    ),
    (
        "b-mayadin.html",
        "levant-monitor.example",
        "Levant Monitor",
        "2017-10-03",
        "Jets pound Al-Mayadin, activists say",
        [
            "Russian jets bombed Al-Mayadin on Monday, killing at least 12 civilians and wounding 20, local "
            "activists said.",
            "Residents said families had been trying to leave the town by boat across the Euphrates for days.",
        ],
    ),
    (
        "c-mayadin.html",
        "alsharq-daily.example",
        "Alsharq Daily",
        "2017-10-04",
        "Civilians killed in Mayadeen raid",
        [
            "At least 15 civilians were killed when Russian aircraft carried out air strikes on Mayadeen on Monday, "
            "residents told Alsharq Daily.",
            "The town has been one of the last strongholds of the militants in the Euphrates valley.",
        ],
    ),
    (
        "d-bukamal.html",
        "euphrates-wire.example",
        "Euphrates Wire",
        "2017-10-06",
        "Russian strikes hit Al-Bukamal",
        [
            "Russian warplanes struck Al-Bukamal near the Iraqi border on Thursday, killing five people, "
            "the Syrian Observatory for Human Rights said."
        ],
    ),
    (
        "e-deir.html",
        "levant-monitor.example",
        "Levant Monitor",
        "2017-10-06",
        "Air strikes on Deir ez-Zor city",
        [
            "Russian jets carried out air strikes on the eastern districts of Deir ez-Zor city on Thursday, "
            "killing two civilians, a monitor said."
        ],
    ),
]


def write_pages(folder: Path) -> None:
    folder.mkdir(parents=True)
    for name, host, outlet, published, title, paragraphs in ARTICLES:
        (folder / name).write_text(
            PAGE.format(
                title=title,
                outlet=outlet,
                host=host,
                slug=name.removesuffix(".html"),
                published=published,
                paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs),
            )
        )


def test_three_outlets_one_strike_two_strikes_stay_two(warehouse: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    write_pages(folder)
    result = run_refresh(folder_sources(tmp_path, folder))
    assert result.success
    failed = [c for c in result.get_asset_check_evaluations() if not c.passed and c.severity.value == "ERROR"]
    assert not failed, failed

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        mentions = conn.sql("""
            select a.url, m.event_type, m.actor_id, m.place_id, m.event_date, m.fatalities
            from raw.event_mentions m join raw.articles a using (article_id) order by a.url""").fetchall()
        events = conn.sql("""
            select location_name, event_date, num_mentions, num_articles, num_sources, fatalities,
                   fatalities_min, fatalities_max, first_seen, last_seen, len(source_urls), faction
            from main.fct_events where event_type in ('air_strike', 'shelling', 'explosion')
            order by num_articles desc, location_name""").fetchall()
        strikes = conn.sql(
            "select sum(strikes) from main.strikes_per_faction_week where faction = 'Russia'"
        ).fetchall()
    # the coder found the strike in each of the three Mayadin articles, on the same place and day
    mayadin = [m for m in mentions if "mayadin" in m[0]]
    assert len({m[0] for m in mayadin}) == 3, mentions
    assert len({(m[3], m[4]) for m in mayadin}) == 1, mayadin

    assert len(events) == 3, events
    top = events[0]
    assert top[3] == 3 and top[4] == 3, top  # one event, 3 articles from 3 outlets
    assert top[5] == 12 and (top[6], top[7]) == (12, 15), top  # ACLED: lowest figure, range kept
    assert (
        str(top[8]) == "2017-10-03" and str(top[9]) == "2017-10-04" and top[10] == 3 and top[11] == "Russia"
    )
    # the two strikes of Thursday 5 Oct in Deir ez-Zor governorate stay two events
    others = events[1:]
    assert [e[3] for e in others] == [1, 1] and {str(e[1]) for e in others} == {"2017-10-05"}, events
    assert strikes == [(3,)]
