"""Acceptance: the seed page (HTML in) yields the analyst's coding, with canonical actors and places."""

from __future__ import annotations

from datetime import date

from conftest import SEED_HTML, need_shared

from pipelines.process import code_articles


def test_seed_page_codes_like_an_analyst() -> None:
    html = need_shared(SEED_HTML)
    events = code_articles([{"id": "seed", "html_path": str(html), "published": "2017-09-16"}])
    strikes = events.filter(events["event_type"] == "air_strike").to_dicts()
    assert len(strikes) == 1, strikes
    s = strikes[0]
    assert s["actor_name"] == "Russia"
    assert s["associated_actor_name"] in (None, "Syrian government")
    assert s["target_name"] == "SDF"
    assert s["geonameid"] == 170794 or s["admin1"] == "Deir ez-Zor"
    assert s["country_iso3"] == "SYR"
    assert s["event_date"] == date(2017, 9, 16)
    assert s["injured"] == 6
    # Threats ("would fight any force"), the demarcation-line talk and the three-year siege are not events.
    for e in events.to_dicts():
        assert "would fight" not in e["evidence"]
        assert "demarcation" not in e["evidence"]
        assert "siege that had lasted" not in e["evidence"]
