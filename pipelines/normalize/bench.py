"""Throughput check: `python -m pipelines.normalize.bench [n_mentions]`.

Builds a synthetic batch of mentions drawn (with repetition, as in real corpora) from the surface forms
in tests/data/surface_forms.csv plus misspellings and unknown strings, and times normalize_events and
find_spans. Reference data is warmed first (one-off cost reported separately).
"""

from __future__ import annotations

import csv
import random
import sys
import time
from pathlib import Path

import polars as pl

from pipelines.normalize import find_spans, normalize_events
from pipelines.normalize import reference as ref

FORMS = Path(__file__).resolve().parents[2] / "tests" / "data" / "surface_forms.csv"


def main(n: int = 1_000_000, n_articles: int = 50_000, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with open(FORMS, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    countries = sorted({r["country"] for r in rows})
    by_c = {c: ([r["surface"] for r in rows if r["kind"] == "actor" and r["country"] == c],
                [r["surface"] for r in rows if r["kind"] == "place" and r["country"] == c]) for c in countries}
    all_a = [r["surface"] for r in rows if r["kind"] == "actor"]
    all_p = [r["surface"] for r in rows if r["kind"] == "place"]
    # a long tail: strings that do not resolve, and typos that go to rapidfuzz
    noise_a = [f"unknown group {i}" for i in range(30)] + [a[:-1] for a in all_a[:60]]
    noise_p = [f"Village {i}" for i in range(30)] + [p + "e" for p in all_p[:60]]
    t0 = time.perf_counter()
    ref.place_index(), ref.actor_index(), find_spans("warm")
    warm = time.perf_counter() - t0
    art_c = [rnd.choice(countries) for _ in range(n_articles)]

    def pick(pool_i: int, noise: list[str], a: int) -> str:
        r = rnd.random()
        pool = by_c[art_c[a]][pool_i] or (all_a, all_p)[pool_i]
        return rnd.choice(noise) if r < 0.05 else rnd.choice(pool) if r < 0.9 else rnd.choice((all_a, all_p)[pool_i])

    arts = [rnd.randrange(n_articles) for _ in range(n)]
    ev = pl.DataFrame(
        {
            "article_id": [f"a{a}" for a in arts],
            "actor_raw": [pick(0, noise_a, a) for a in arts],
            "associated_actor_raw": [pick(0, noise_a, a) if rnd.random() < 0.1 else None for a in arts],
            "target_raw": [pick(0, noise_a, a) if rnd.random() < 0.5 else None for a in arts],
            "location_raw": [pick(1, noise_p, a) if rnd.random() < 0.9 else None for a in arts],
        }
    )
    ac = pl.DataFrame({"article_id": [f"a{i}" for i in range(n_articles)], "country_iso3": art_c})
    t0 = time.perf_counter()
    res = normalize_events(ev, ac)
    dt = time.perf_counter() - t0
    print(f"warm-up (reference data + automaton): {warm:.2f} s")
    print(f"normalize_events: {n:,} mentions in {dt:.2f} s = {n / dt:,.0f} mentions/s "
          f"({res.events['actor_id'].is_not_null().mean():.1%} actors, "
          f"{res.events['place_id'].is_not_null().mean():.1%} places resolved; {res.unresolved.height:,} unresolved rows)")
    sents = [
        "Russian jets struck Deir Ezzor on Tuesday, killing 12 civilians, the Syrian Observatory said.",
        "U.S.-backed militias of the SDF clashed with ISIS east of the Euphrates near Al-Bukamal.",
        "The minister said the talks would continue next week despite the disagreements over the budget.",
        "Israeli strikes on Gaza City killed 20 Palestinians, Hamas said; the IDF said it targeted PIJ.",
        "Russian missiles struck Kyiv and Kharkiv overnight, Ukraine's air force said on Telegram.",
    ] * 4000
    t0 = time.perf_counter()
    for s in sents:
        find_spans(s)
    per = (time.perf_counter() - t0) / len(sents)
    print(f"find_spans: {per * 1e6:.1f} µs/sentence (mean of {len(sents):,}, avg {sum(map(len, sents)) / len(sents):.0f} chars)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
