"""The synthetic corpus generator: deterministic, streaming, fast, and pages the pipeline can read."""

from __future__ import annotations

import hashlib
import json
from html import unescape
from pathlib import Path

from pipelines import synthetic


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_deterministic_and_fast(tmp_path: Path) -> None:
    a = synthetic.write_corpus(tmp_path / "a", 300, seed=3, shard_size=120)
    synthetic.write_corpus(tmp_path / "b", 300, seed=3, shard_size=120)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    synthetic.write_corpus(tmp_path / "c", 300, seed=4, shard_size=120)
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert a["pages"] == 300 and a["shards"] == 3 and a["pages_per_s"] > 1000
    # page i depends only on (seed, i): any slice can be regenerated alone
    assert synthetic.article(3, 150) == synthetic.article(3, 150)


def test_layout_gold_feed_and_sources(tmp_path: Path) -> None:
    from pipelines.sources import load_sources_file
    from pipelines.sources.local import read_feed_file

    synthetic.write_corpus(tmp_path, 40, seed=1, shard_size=25)
    gold = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text().splitlines()]
    assert len(gold) == 40 and all(g["events"] for g in gold)
    for g in gold:
        html = unescape((tmp_path / g["html_path"]).read_text())
        assert f'<link rel="canonical" href="{g["url"]}">' in html
        for e in g["events"]:
            assert e["country"] and e["actor"] and e["target"] and e["date"] <= g["published"]
            assert any(alias in html for alias in e["location_aliases"])
    layouts = {synthetic.article(1, i)[1].count("<article") > 0 for i in range(40)}
    assert layouts == {True, False}  # several layouts
    src = load_sources_file(tmp_path / "sources.yaml")
    assert [s.kind for s in src.sources] == ["folder", "folder"]
    feed = read_feed_file(tmp_path / "feeds" / "0000.xml")
    assert len(feed) == 25


def test_coder_finds_the_known_events(tmp_path: Path) -> None:
    """The templates are realistic enough for the rule coder: most gold events are found."""
    from pipelines.evaluate import evaluate

    synthetic.write_corpus(tmp_path, 30, seed=2)
    res = evaluate(tmp_path / "gold.jsonl")
    assert res["gold_events"] > 30
    assert res["f1"] > 0.8, json.dumps(res, default=str)[:500]
