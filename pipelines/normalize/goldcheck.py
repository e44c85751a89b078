"""Dictionary coverage over gold files: `python -m pipelines.normalize.goldcheck GOLD.jsonl [...] [-v]`.

Not a score of the coder: it checks the normalization dictionaries against what the annotators wrote.

  places  every gold `location` and each of its `location_aliases`, resolved with the article's countries
          (from its text, plus the gold country): resolved at all, and to the gold `location_admin1`
          (names compared as `pipelines.evaluate` compares them).
  actors  every gold `actor` / `target` (and their aliases): does some actor mention `find_spans` finds in
          the article text resolve to it?

Prints the totals and, with -v, every miss.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polars as pl

from pipelines.evaluate import norm_name
from pipelines.normalize import article_countries, find_spans, normalize_events


def _articles(paths: list[str]) -> list[dict]:
    """Gold records with their article text (extracted from `html`/`html_path` as the evaluation does)."""
    from pipelines import process

    out = []
    for p in paths:
        recs = [json.loads(ln) for ln in Path(p).read_text(encoding="utf-8").splitlines() if ln.strip()]
        frame = process.articles_frame(recs, Path(p).parent)
        for a, text in zip(recs, frame["text"].to_list(), strict=True):  # one row per record, in order
            if text:
                out.append({**a, "id": str(a["id"]), "text": text})
    return out


def check(paths: list[str]) -> dict:
    arts = _articles(paths)
    adf = pl.DataFrame({"article_id": [a["id"] for a in arts], "text": [a["text"] for a in arts]})
    ac = article_countries(adf)
    # the gold country joins the text's countries (at the top) so every alias is tried in context
    gold_c = pl.DataFrame(
        [(a["id"], e["country"], -1.0) for a in arts for e in a["events"] if e.get("country")],
        schema={"article_id": pl.String, "country_iso3": pl.String, "mentions": pl.Float64}, orient="row",
    ).unique()
    ac_ctx = (
        pl.concat([gold_c.with_columns(pl.lit(1e6).alias("mentions")),
                   ac.select("article_id", "country_iso3", "mentions")])
        .group_by("article_id", "country_iso3").agg(pl.col("mentions").max())
        .sort(["article_id", "mentions"], descending=[False, True])
        .with_columns(pl.int_range(pl.len()).over("article_id").cast(pl.Int32).alias("rank"))
        .join(ac.select("article_id", "main_group", "main_air").unique("article_id"), on="article_id", how="left")
    )
    # places
    prow = []
    for a in arts:
        for e in a["events"]:
            if not e.get("location"):
                continue
            for i, nm in enumerate([e["location"], *(e.get("location_aliases") or [])]):
                prow.append((a["id"], nm, i == 0, e.get("location_admin1"), e.get("country")))
    pdf = pl.DataFrame(prow, schema={"article_id": pl.String, "location_raw": pl.String, "primary": pl.Boolean,
                                     "gold_admin1": pl.String, "gold_country": pl.String}, orient="row")
    pe = normalize_events(pdf, ac_ctx).events
    pres = []
    for r in pe.iter_rows(named=True):
        ok_admin = r["gold_admin1"] is None or norm_name(r["admin1"]) == norm_name(r["gold_admin1"])
        ok_country = r["gold_country"] is None or r["country_iso3"] == r["gold_country"]
        pres.append({**r, "resolved": r["place_id"] is not None, "ok": r["place_id"] is not None and ok_admin
                     and ok_country})
    # actors: spans of each article's text, resolved with the article's own countries
    srow = []
    for a in arts:
        for s in find_spans(a["text"]):
            if s.kind == "actor":
                srow.append((a["id"], s.text))
    sdf = pl.DataFrame(srow, schema={"article_id": pl.String, "actor_raw": pl.String}, orient="row")
    se = normalize_events(sdf, ac).events
    found: dict[str, set[str]] = {}
    for aid, nm in zip(se["article_id"], se["actor_name"], strict=True):
        if nm:
            found.setdefault(aid, set()).add(nm)
    ares = []
    for a in arts:
        for e in a["events"]:
            for role in ("actor", "target"):
                if not e.get(role):
                    continue
                names = [e[role], *(e.get(f"{role}_aliases") or [])]
                ares.append({"article_id": a["id"], "role": role, "gold": e[role],
                             "ok": e[role] in found.get(a["id"], set()),
                             "any": bool(set(names) & found.get(a["id"], set()))})
    prim = [r for r in pres if r["primary"]]
    return {
        "places": prim, "place_aliases": [r for r in pres if not r["primary"]], "actors": ares,
        "summary": {
            "locations": len(prim),
            "location_resolved": sum(r["resolved"] for r in prim) / max(len(prim), 1),
            "location_admin1_ok": sum(r["ok"] for r in prim) / max(len(prim), 1),
            "aliases_admin1_ok": sum(r["ok"] for r in pres if not r["primary"]) / max(len(pres) - len(prim), 1),
            "actor_slots": len(ares),
            "actor_found_in_text": sum(r["ok"] for r in ares) / max(len(ares), 1),
            "actor_or_alias_found": sum(r["any"] for r in ares) / max(len(ares), 1),
        },
    }


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"] or ["pipelines/sample_corpus/gold.jsonl",
                                                "pipelines/gold/other_conflicts.jsonl"]
    res = check(paths)
    for k, v in res["summary"].items():
        print(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}")
    if verbose:
        seen = set()
        for r in res["places"] + res["place_aliases"]:
            if not r["ok"] and (r["location_raw"], r["gold_admin1"]) not in seen:
                seen.add((r["location_raw"], r["gold_admin1"]))
                print(f"PLACE {r['location_raw']!r} [{r['gold_country']}/{r['gold_admin1']}] -> "
                      f"{r['place_id']} {r['location_name']} / {r['admin1']} / {r['country_iso3']}")
        seen = set()
        for r in res["actors"]:
            if not r["ok"] and (r["article_id"], r["gold"]) not in seen:
                seen.add((r["article_id"], r["gold"]))
                print(f"ACTOR {r['role']} {r['gold']!r} not found in {r['article_id']}"
                      + (" (an alias is)" if r["any"] else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
