"""Tests of the rules added in rules-0.4.0 (own side is never the opponent, reporters are not parties,
datelines are not parties, the attacked state and the campaign's target after normalization). Every
sentence here is written for the test."""

from __future__ import annotations

from pipelines import process
from pipelines.coding import ArticleIn, RuleCoder
from pipelines.coding.rules import VERSION


def coded(text: str, published: str) -> list[dict]:
    return process.code_articles([{"id": "t", "text": text, "published": published}]).to_dicts()


def at(rows: list[dict], place: str) -> dict:
    hits = [r for r in rows if place in (r["location_name"] or "") or place in (r["location_raw"] or "")]
    assert hits, (place, rows)
    return hits[0]


def test_version():
    assert VERSION == "rules-0.4.0" and RuleCoder.version == VERSION


def test_opponent_is_never_an_ally():
    # the army's opponent is not the air force that supports it, however often the article names it
    rows = coded(
        "Russian warplanes struck Islamic State positions near Palmyra on Sunday. Russian aircraft also hit "
        "Al-Sukhnah. On Monday, government troops recaptured Palmyra, a military source said.",
        "2017-10-03",
    )
    clash = next(r for r in rows if r["event_type"] == "armed_clash")
    assert clash["actor_name"] == "Syrian government"
    assert clash["target_name"] == "Islamic State"


def test_dateline_country_is_not_a_party_and_last_positions_are_the_object():
    rows = coded(
        "HAMA, Syria, Oct 3 (Test Wire) - Kurdish-led forces seized the last remaining Islamic State "
        "positions in Tabqa on Monday.",
        "2017-10-03",
    )
    r = at(rows, "Tabqa")
    assert (r["actor_name"], r["target_name"]) == ("SDF", "Islamic State")


def test_an_agency_that_reports_strikes_is_not_the_attacker():
    rows = coded(
        "Syria's state news agency SANA reports air strikes on the outskirts of Idlib on Monday.",
        "2024-05-06",
    )
    r = at(rows, "Idlib")
    assert r["actor_name"] != "Syrian government" and r["actor_raw"] != "Syria"


def test_residents_who_report_blasts_are_not_the_target():
    rows = coded(
        "Israeli jets struck a weapons depot near Homs on Tuesday, a war monitor said.\n\n"
        "Residents report heavy explosions at the Shayrat air base near Homs.",
        "2024-12-10",
    )
    r = at(rows, "Shayrat")
    assert r["target_name"] != "Civilians"


def test_cross_border_attack_with_no_named_target_hits_the_state_at_war():
    rows = coded(
        "Ukrainian drones struck an oil depot in the Bryansk region overnight, the regional governor said.",
        "2024-06-04",
    )
    r = at(rows, "Bryansk")
    assert (r["actor_name"], r["target_name"], r["target_raw"]) == ("Ukraine", "Russia", None)


def test_strike_in_a_country_whose_army_is_not_a_party_gets_no_state_target():
    rows = coded(
        "Israeli jets struck a depot near Zahle on Monday, the state news agency said.", "2024-10-01"
    )
    r = at(rows, "Zahl")
    assert r["actor_name"] == "Israel" and r["target_name"] != "Lebanon"


def test_later_strike_of_the_same_campaign_keeps_its_target():
    rows = coded(
        "Israeli jets struck Hezbollah targets in the Tyre area on Monday, the military said.\n\n"
        "Later, strikes hit the outskirts of Marjayoun, the state news agency said.",
        "2024-10-01",
    )
    r = at(rows, "Marjayoun")
    assert (r["actor_name"], r["target_name"]) == ("Israel", "Hezbollah")
    # the inferred target costs confidence: the named one is surer
    assert r["confidence"] < at(rows, "Tyre")["confidence"]


def test_coder_alone_still_runs_without_a_span_finder():
    res = RuleCoder(span_finder=None).code(
        ArticleIn("t", "Government troops recaptured the town on Monday after heavy fighting.", None)
    )
    assert res is not None
