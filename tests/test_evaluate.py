"""Tests of pipelines/evaluate.py (scoring the coder against gold JSONL)."""

from __future__ import annotations

import json
import re

from pipelines.evaluate import (
    evaluate,
    format_report,
    main_evaluate,
    match_article,
    norm_name,
    slot_agreement,
)


def test_norm_name():
    assert norm_name("Deir ez-Zor Governorate") == norm_name("deir ez zor")
    assert norm_name("Al-Mayadin") == norm_name("Mayadin")
    assert norm_name("Raqqa Province") == norm_name("raqqa")
    assert norm_name("Ḥajīn") == norm_name("Hajin")
    assert norm_name(None) is None


def _gold(**kw):
    g = {
        "event_type": "air_strike",
        "actor": "Russia",
        "target": "SDF",
        "location": "Deir ez-Zor",
        "location_aliases": ["Deir al-Zor"],
        "location_admin1": "Deir ez-Zor",
        "country": "SYR",
        "date": "2017-09-16",
        "fatalities": None,
        "injured": 6,
    }
    g.update(kw)
    return g


def _pred(**kw):
    p = {
        "event_type": "shelling",
        "actor_name": "Russia",
        "associated_actor_name": None,
        "target_name": "SDF",
        "location_name": "Deir al-Zor",
        "location_raw": "Deir al-Zor province",
        "admin1": "Deir ez-Zor",
        "country_iso3": "SYR",
        "event_date": "2017-09-15",
        "fatalities": None,
        "injured": 6,
        "confidence": 0.7,
    }
    p.update(kw)
    return p


def test_matching_rules():
    # same family (remote), country, place alias, date within a day -> match; the type is a slot
    m = match_article([_pred()], [_gold()])
    assert len(m) == 1 and m[0][2]["type"] is False and m[0][2]["date"] is False and m[0][2]["wounded"]
    assert match_article([_pred(event_type="armed_clash")], [_gold()]) == []
    assert match_article([_pred(country_iso3="IRQ")], [_gold()]) == []
    assert match_article([_pred(event_date="2017-09-12")], [_gold()]) == []
    assert len(match_article([_pred(event_date="2017-09-12")], [_gold(date=None)])) == 1
    # place through admin1 only
    assert len(match_article([_pred(location_name="Hajin", location_raw="Hajin")], [_gold()])) == 1
    assert match_article([_pred(location_name="Hajin", location_raw="Hajin", admin1="Homs")], [_gold()]) == []


def test_greedy_one_to_one_prefers_best_score():
    golds = [_gold(), _gold(event_type="shelling", injured=None)]
    preds = [_pred(event_type="air_strike", event_date="2017-09-16", confidence=0.5)]
    m = match_article(preds, golds)
    assert len(m) == 1 and m[0][1] == 0  # the exact-type gold wins
    assert slot_agreement(_pred(associated_actor_name="Russia", actor_name="Syrian government"), _gold())[
        "actor"
    ]


def test_evaluate_end_to_end(tmp_path, capsys):
    text = (
        "BEIRUT, Sept 16 (Reuters) - Russian jets struck SDF positions in Deir al-Zor on Saturday, "
        "wounding six fighters, the SDF said."
    )
    gold = {"id": "a1", "published": "2017-09-16", "text": text, "events": [_gold()]}
    other = {"id": "a2", "published": "2017-09-16", "text": "Nothing happened today.", "events": []}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    res = evaluate(path)
    assert res["gold_events"] == 1 and res["articles"] == 2
    assert res["predicted_events"] >= 1 and res["matched"] == 1
    report = format_report(res)
    last = report.strip().splitlines()[-1]
    assert re.fullmatch(r"event_f1=\d\.\d{3} tuple_f1=\d\.\d{3}", last)
    assert main_evaluate(path) == 0
    assert "event_f1=" in capsys.readouterr().out
    assert main_evaluate(tmp_path / "missing.jsonl") == 2


def test_evaluate_several_files_per_file_and_overall(tmp_path, capsys):
    text = "Russian jets struck SDF positions in Deir al-Zor on Saturday, wounding six fighters, the SDF said."
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "a1", "published": "2017-09-16", "text": text, "events": [_gold()]}) + "\n")
    b.write_text(json.dumps({"id": "b1", "published": "2017-09-16", "text": "All quiet.", "events": []}) + "\n")
    assert main_evaluate([a, b]) == 0
    out = capsys.readouterr().out
    assert "=== per file" in out and "=== overall" in out
    assert str(a) in out and str(b) in out
    assert out.strip().splitlines()[-1].startswith("event_f1=")
    from pipelines.cli import main as cli_main

    assert cli_main(["evaluate", str(a), str(b)]) == 0
    assert main_evaluate([a, tmp_path / "missing.jsonl"]) == 2
