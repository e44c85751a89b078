"""Score the coder against gold JSONL files (`conflict-etl evaluate GOLD.jsonl [MORE.jsonl ...]`).

With several files the full report is printed per file, then a one-line summary per file and the overall
report (every article of every file counted once).

A gold line is an article (`id`, `url`?, `published`?, `title`?, one of `text` | `html` | `html_path`
relative to the gold file's folder) plus `events`: [{event_type, actor, actor_aliases?, target,
target_aliases?, location, location_aliases?, location_admin1?, country, date, fatalities, injured}].

Articles are coded through `pipelines.process.code_articles` (extraction, coder, normalization), so the
score is the score of what the warehouse receives.

Matching. A predicted event matches a gold event of the same article when
  * the type family agrees (air_strike, shelling and explosion are one family, "remote violence"; the
    exact type is scored as a slot),
  * the country agrees (or the gold country is null),
  * the place agrees: predicted location name (or raw string) equals the gold location or one of its
    aliases, or the predicted admin1 equals the gold `location_admin1` (names compared normalized:
    casefold, accents, hyphens/spaces, leading al-/ar-/as-/el-, "governorate"/"province" suffixes),
  * the date is within one day (or the gold date is null).
Among all (prediction, gold) pairs that match, pairs are taken greedily by best score (number of agreeing
slots, then confidence), so each gold event matches at most one prediction and vice versa.

Reported: precision, recall and F1 of event detection; accuracy over matched pairs of type, actor
(predicted actor_name or associated_actor_name equals the gold actor or an alias), target, place (exact
place), date (exact), killed and wounded (exact, null == null); the type confusion; the 10 worst misses
with their sentences; precision per confidence bucket; and a last line
`event_f1=<x> tuple_f1=<y>` where a tuple match also needs actor and target right.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

REMOTE = frozenset({"air_strike", "shelling", "explosion"})
SLOTS = ("type", "actor", "target", "place", "date", "killed", "wounded")
BUCKETS = ((0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))


def type_family(t: str | None) -> str | None:
    if t is None:
        return None
    return "remote" if t in REMOTE else t


def norm_name(s: Any) -> str | None:
    """casefold, accents, hyphens/spaces, leading al-/ar-/as-/el-, governorate/province suffixes."""
    if s is None:
        return None
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"['’‘`ʼ]", "", s)
    s = re.sub(r"[-‐‑‒–—_/.,]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(?:the )", "", s)
    s = re.sub(r"^(?:al|ar|as|el|an|ad|at|az|ash|ad) ", "", s)
    s = re.sub(r" (?:governorate|province|muhafazah|oblast|region)$", "", s)
    s = re.sub(r"^(?:governorate|province) of ", "", s)
    return s.replace(" ", "")


def _names(primary: Any, aliases: Any) -> set[str]:
    out = set()
    for v in [primary, *(aliases or [])]:
        n = norm_name(v)
        if n:
            out.add(n)
    return out


def _as_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _int_or_none(v: Any) -> int | None:
    if v is None:
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


# --- loading and coding ----------------------------------------------------------------------------------


def load_gold(gold_path: str | Path) -> list[dict]:
    path = Path(gold_path)
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def _code(records: list[dict], base_dir: Path) -> tuple[list[dict], dict[str, str]]:
    """Predicted events (dict rows with the CLI columns) and the extracted text per article."""
    try:
        from pipelines import process
    except Exception:  # pragma: no cover - the lead's module is expected to exist
        process = None
    if process is not None and hasattr(process, "articles_frame"):
        frame = process.articles_frame(records, base_dir)
        texts = dict(zip(frame["article_id"].to_list(), frame["text"].to_list(), strict=True))
        preds = process.code_articles(frame)
        return preds.to_dicts(), texts
    # fallback: the coder alone, raw strings as names
    from pipelines.coding import RuleCoder
    from pipelines.coding.types import ArticleIn

    coder = RuleCoder()
    rows, texts = [], {}
    for r in records:
        text = r.get("text") or ""
        texts[str(r["id"])] = text
        res = coder.code(ArticleIn(str(r["id"]), text, _as_date(r.get("published")), r.get("title")))
        for e in res.events:
            d = e.to_dict()
            d.update(
                actor_name=e.actor_raw,
                target_name=e.target_raw,
                location_name=e.location_raw,
                associated_actor_name=e.associated_actor_raw,
                country_iso3=None,
                admin1=None,
            )
            rows.append(d)
    return rows, texts


# --- matching ---------------------------------------------------------------------------------------------


def _place_ok(p: dict, g: dict) -> bool:
    gold_names = _names(g.get("location"), g.get("location_aliases"))
    for v in (p.get("location_name"), p.get("location_raw")):
        n = norm_name(v)
        if n and n in gold_names:
            return True
    ga, pa = norm_name(g.get("location_admin1")), norm_name(p.get("admin1"))
    return bool(ga and pa and ga == pa)


def _matches(p: dict, g: dict) -> bool:
    if type_family(p.get("event_type")) != type_family(g.get("event_type")):
        return False
    gc = g.get("country")
    if gc and (p.get("country_iso3") or "").upper() != str(gc).upper():
        return False
    if not _place_ok(p, g):
        return False
    gd, pd_ = _as_date(g.get("date")), _as_date(p.get("event_date"))
    return gd is None or (pd_ is not None and abs((gd - pd_).days) <= 1)


def slot_agreement(p: dict, g: dict) -> dict[str, bool]:
    actors = _names(g.get("actor"), g.get("actor_aliases"))
    targets = _names(g.get("target"), g.get("target_aliases"))
    pa = {norm_name(p.get("actor_name")), norm_name(p.get("associated_actor_name"))} - {None}
    pt = norm_name(p.get("target_name"))
    places = _names(g.get("location"), g.get("location_aliases"))
    gd = _as_date(g.get("date"))
    return {
        "type": p.get("event_type") == g.get("event_type"),
        "actor": bool(pa & actors) if actors else not pa,
        "target": (pt in targets) if targets else pt is None,
        "place": norm_name(p.get("location_name")) in places or norm_name(p.get("location_raw")) in places,
        "date": gd is None or _as_date(p.get("event_date")) == gd,
        "killed": _int_or_none(p.get("fatalities")) == _int_or_none(g.get("fatalities")),
        "wounded": _int_or_none(p.get("injured")) == _int_or_none(g.get("injured")),
    }


def match_article(preds: list[dict], golds: list[dict]) -> list[tuple[int, int, dict[str, bool]]]:
    """Greedy one-to-one matching by best score: (pred index, gold index, slot agreement)."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if _matches(p, g):
                slots = slot_agreement(p, g)
                pairs.append((sum(slots.values()), float(p.get("confidence") or 0), i, j, slots))
    pairs.sort(key=lambda x: (-x[0], -x[1], x[2], x[3]))
    used_p, used_g, out = set(), set(), []
    for _, _, i, j, slots in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, slots))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _gold_sentence(text: str, g: dict) -> str | None:
    """A sentence of the article naming the gold place (best effort, for the misses list)."""
    if not text:
        return None
    names = [n for n in [g.get("location"), *(g.get("location_aliases") or [])] if n]
    sents = re.split(r"(?<=[.!?])\s+|\n+", text)
    fam = type_family(g.get("event_type"))
    cue = {
        "remote": r"strike|raid|bomb|shell|artillery|rocket|missile|mortar|explo|blast|jets|warplane|drone",
        "armed_clash": r"clash|fight|battle|attack|offensive|assault|captur|seiz|advance|ambush",
        "attack_on_civilians": r"civilian|execut|massacre|shot|kill",
    }.get(fam or "", r"\w")
    best = None
    for s in sents:
        has_place = any(n.casefold() in s.casefold() for n in names)
        has_cue = re.search(cue, s, re.I) is not None
        score = 2 * has_place + has_cue
        if score and (best is None or score > best[0]):
            best = (score, s)
    return best[1].strip() if best else None


class _Tally:
    """Counts for one gold file (or several added together)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.articles = self.n_gold = self.n_pred = self.tp = self.tuple_tp = 0
        self.slot_hits: Counter = Counter()
        self.confusion: Counter = Counter()
        self.bucket_n: Counter = Counter()
        self.bucket_tp: Counter = Counter()
        self.misses: list[dict] = []

    def add(self, other: _Tally) -> None:
        for k in ("articles", "n_gold", "n_pred", "tp", "tuple_tp"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for k in ("slot_hits", "confusion", "bucket_n", "bucket_tp"):
            getattr(self, k).update(getattr(other, k))
        self.misses.extend(other.misses)

    def result(self) -> dict:
        tp = self.tp
        p, r, f = _prf(tp, self.n_pred, self.n_gold)
        tp_, tr_, tf_ = _prf(self.tuple_tp, self.n_pred, self.n_gold)
        misses = sorted(self.misses, key=lambda m: -m["weight"])
        return {
            "gold_path": self.name,
            "articles": self.articles,
            "gold_events": self.n_gold,
            "predicted_events": self.n_pred,
            "matched": tp,
            "precision": p,
            "recall": r,
            "f1": f,
            "slot_accuracy": {k: (self.slot_hits[k] / tp if tp else 0.0) for k in SLOTS},
            "tuple_matched": self.tuple_tp,
            "tuple_precision": tp_,
            "tuple_recall": tr_,
            "tuple_f1": tf_,
            "confusion": {
                f"{g}->{q}": n
                for (g, q), n in sorted(self.confusion.items(), key=lambda x: (str(x[0][0]), str(x[0][1])))
            },
            "buckets": [
                {
                    "range": f"[{lo:.1f},{min(hi, 1.0):.1f}{']' if hi > 1 else ')'}",
                    "n": self.bucket_n[k],
                    "precision": (self.bucket_tp[k] / self.bucket_n[k]) if self.bucket_n[k] else None,
                }
                for k, (lo, hi) in enumerate(BUCKETS)
            ],
            "worst_misses": misses[:10],
            "misses_total": len(misses),
        }


def _tally(path: Path) -> _Tally:
    records = load_gold(path)
    preds, texts = _code(records, path.parent)
    by_article: dict[str, list[dict]] = {}
    for p in preds:
        by_article.setdefault(str(p.get("article_id")), []).append(p)
    t = _Tally(str(path))
    t.articles = len(records)
    for rec in records:
        aid = str(rec["id"])
        golds = rec.get("events") or []
        ps = by_article.get(aid, [])
        t.n_gold += len(golds)
        t.n_pred += len(ps)
        matched = match_article(ps, golds)
        mp = {i for i, _, _ in matched}
        mg = {j for _, j, _ in matched}
        t.tp += len(matched)
        for i, j, slots in matched:
            for k, v in slots.items():
                t.slot_hits[k] += bool(v)
            t.tuple_tp += bool(slots["actor"] and slots["target"])
            t.confusion[(golds[j].get("event_type"), ps[i].get("event_type"))] += 1
        for i, p in enumerate(ps):
            conf = float(p.get("confidence") or 0)
            b = next(k for k, (lo, hi) in enumerate(BUCKETS) if lo <= conf < hi or k == len(BUCKETS) - 1)
            t.bucket_n[b] += 1
            t.bucket_tp[b] += i in mp
            if i not in mp:
                t.misses.append(
                    {
                        "kind": "false_positive",
                        "article_id": aid,
                        "event_type": p.get("event_type"),
                        "actor": p.get("actor_name"),
                        "target": p.get("target_name"),
                        "place": p.get("location_name") or p.get("location_raw"),
                        "country": p.get("country_iso3"),
                        "date": str(p.get("event_date")),
                        "sentence": p.get("evidence"),
                        "weight": conf,
                    }
                )
        for j, g in enumerate(golds):
            if j not in mg:
                t.misses.append(
                    {
                        "kind": "missed",
                        "article_id": aid,
                        "event_type": g.get("event_type"),
                        "actor": g.get("actor"),
                        "target": g.get("target"),
                        "place": g.get("location"),
                        "country": g.get("country"),
                        "date": g.get("date"),
                        "sentence": _gold_sentence(texts.get(aid, ""), g),
                        "weight": 1.0 + 0.01 * ((g.get("fatalities") or 0) + (g.get("injured") or 0)),
                    }
                )
    return t


def evaluate(gold_path: str | Path) -> dict:
    """Score one gold file."""
    return _tally(Path(gold_path)).result()


def evaluate_many(gold_paths: list[str | Path]) -> tuple[dict, list[dict]]:
    """Score several gold files: (overall, per file). Overall counts every article of every file once."""
    total = _Tally(" + ".join(str(p) for p in gold_paths))
    per_file = []
    for p in gold_paths:
        t = _tally(Path(p))
        per_file.append(t.result())
        total.add(t)
    return total.result(), per_file


def format_report(res: dict) -> str:
    L = []
    L.append(
        f"gold: {res['gold_path']}  articles={res['articles']}  gold events={res['gold_events']}  "
        f"predicted={res['predicted_events']}  matched={res['matched']}"
    )
    L.append(
        f"event detection: precision={res['precision']:.3f} recall={res['recall']:.3f} f1={res['f1']:.3f}"
    )
    L.append("slot accuracy over matched events:")
    L.append("  " + "  ".join(f"{k}={v:.3f}" for k, v in res["slot_accuracy"].items()))
    L.append(
        f"tuple (event + actor + target): precision={res['tuple_precision']:.3f} "
        f"recall={res['tuple_recall']:.3f} f1={res['tuple_f1']:.3f}"
    )
    L.append("type confusion (gold -> predicted, matched pairs):")
    for k, v in res["confusion"].items():
        L.append(f"  {k}: {v}")
    L.append("precision by confidence:")
    for b in res["buckets"]:
        prec = "-" if b["precision"] is None else f"{b['precision']:.3f}"
        L.append(f"  {b['range']}: n={b['n']} precision={prec}")
    L.append(f"worst misses ({len(res['worst_misses'])} of {res['misses_total']}):")
    for m in res["worst_misses"]:
        L.append(
            f"  [{m['kind']}] {m['article_id']} {m['event_type']} {m['actor']} -> {m['target']} @ "
            f"{m['place']} ({m['country']}) {m['date']}"
        )
        if m.get("sentence"):
            sent = m["sentence"]
            L.append(f'      "{sent[:220]}{"..." if len(sent) > 220 else ""}"')
    L.append(f"event_f1={res['f1']:.3f} tuple_f1={res['tuple_f1']:.3f}")
    return "\n".join(L)


def format_summary(res: dict) -> str:
    sa = res["slot_accuracy"]
    return (
        f"{res['gold_path']}: articles={res['articles']} gold={res['gold_events']} pred={res['predicted_events']} "
        f"P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f} tuple_f1={res['tuple_f1']:.3f} | "
        + " ".join(f"{k}={v:.3f}" for k, v in sa.items())
    )


def main_evaluate(paths: str | Path | list[str | Path]) -> int:
    """`conflict-etl evaluate A.jsonl [B.jsonl ...]`: the full report per file, then overall."""
    plist = [paths] if isinstance(paths, (str, Path)) else list(paths)
    missing = [p for p in plist if not Path(p).exists()]
    if missing or not plist:
        for p in missing:
            print(f"gold file not found: {p}", file=sys.stderr)
        return 2
    if len(plist) == 1:
        print(format_report(evaluate(plist[0])))
        return 0
    overall, per_file = evaluate_many(plist)
    for res in per_file:
        print(format_report(res))
        print()
    print("=== per file")
    for res in per_file:
        print("  " + format_summary(res))
    print("=== overall")
    overall["gold_path"] = "overall"
    print(format_report(overall))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main_evaluate(sys.argv[1:] or ["pipelines/sample_corpus/gold.jsonl"]))
