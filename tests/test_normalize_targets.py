"""The target conventions applied after normalization (pipelines/normalize/targets.py), on hand-made
normalized rows (ids as in reference/actors.csv)."""

from __future__ import annotations

from datetime import date

import polars as pl

from pipelines.normalize import reference as ref
from pipelines.normalize.targets import apply_target_conventions, at_war, same_side

SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int32,
    "event_type": pl.String,
    "actor_id": pl.String,
    "associated_actor_id": pl.String,
    "target_id": pl.String,
    "country_iso3": pl.String,
    "event_date": pl.Date,
    "confidence": pl.Float64,
    "target_raw": pl.String,
}


def run(rows: list[tuple]) -> list[dict]:
    df = pl.DataFrame(rows, schema=SCHEMA, orient="row")
    return apply_target_conventions(df, ref.actor_names()).to_dicts()


def test_alliances_and_wars_follow_the_dates():
    assert same_side("HTS", "SYR_OPP", date(2024, 11, 2))
    assert same_side("RUS_MIL", "SYR_GOV", date(2019, 5, 1))
    assert not same_side("RUS_MIL", "SYR_GOV", date(2025, 1, 5))
    assert at_war("UKR_MIL", "RUS_MIL", date(2023, 3, 1))
    assert at_war("HEZ", "ISR_MIL", date(2024, 2, 2))  # via the Axis of Resistance
    assert not at_war("ISR_MIL", "LBN_MIL", date(2024, 2, 2))


def test_an_ally_as_target_becomes_the_associated_actor_and_the_state_is_inferred():
    out = run([("a", 3, "armed_clash", "HTS", None, "SYR_OPP", "SYR", date(2024, 11, 2), 0.9, "fighters")])
    r = out[0]
    assert r["associated_actor_name"] == "Syrian opposition"
    assert r["target_name"] == "Syrian government"  # rebels at war with the Assad government then
    assert r["confidence"] < 0.9


def test_attacker_as_its_own_target_is_dropped():
    out = run([("a", 1, "armed_clash", "SDF", None, "YPG", "SYR", date(2018, 4, 4), 0.8, "YPG")])
    assert out[0]["target_id"] is None and out[0]["associated_actor_id"] is None


def test_no_state_target_for_a_country_not_at_war_with_the_attacker():
    out = run(
        [
            ("a", 1, "air_strike", "USA_MIL", None, None, "IRQ", date(2024, 3, 3), 0.9, None),
            ("a", 2, "air_strike", "RUS_MIL", None, None, "SYR", date(2017, 6, 6), 0.9, None),  # allies
        ]
    )
    assert [r["target_id"] for r in out] == [None, None]


def test_the_attacked_state_when_the_article_shows_the_two_fighting():
    # no war listed between them, but another event of the article pits the two against each other
    out = run(
        [
            ("b", 1, "armed_clash", "JNIM", None, None, "BFA", date(2024, 6, 1), 0.8, None),
            ("b", 4, "air_strike", "WAGNER", None, None, "MLI", date(2024, 6, 1), 0.8, None),
        ]
    )
    assert [r["target_id"] for r in out] == [None, None]
    out = run(
        [
            ("c", 1, "shelling", "RSF", None, "SAF", "SDN", date(2024, 2, 9), 0.9, "the army"),
            ("c", 2, "shelling", "RSF", None, None, "SDN", date(2024, 2, 9), 0.9, None),
        ]
    )
    assert out[1]["target_name"] == "Sudanese Armed Forces"


def test_campaign_target_is_carried_but_civilians_are_not():
    out = run(
        [
            ("d", 1, "air_strike", "ISR_MIL", None, "HEZ", "LBN", date(2024, 10, 2), 0.95, "Hezbollah"),
            ("d", 5, "air_strike", "ISR_MIL", None, None, "LBN", date(2024, 10, 2), 0.9, None),
            ("e", 1, "air_strike", "RUS_MIL", None, "CIV", "SYR", date(2017, 10, 2), 0.95, "civilians"),
            ("e", 2, "air_strike", "RUS_MIL", None, None, "SYR", date(2017, 10, 2), 0.9, None),
        ]
    )
    assert out[1]["target_name"] == "Hezbollah" and out[1]["target_raw"] is None
    assert out[3]["target_id"] is None
