"""Target checks and conventions that need resolved actors and places (after normalization).

Two steps, on the normalized events of a batch:

1. **Own side is not the target.** A target that resolves to the attacker itself, or to an actor allied
   with it on the event date (`alliances.csv`), is dropped -- the coder's opponent heuristic or an
   apposition picked the wrong side ("Syrian rebels led by HTS": HTS and the rebels are one camp). An
   ally becomes the associated actor when the event has none.
2. **The attacked state** (ACLED's convention for strikes and attacks that name no target): when the
   attacker hits a place in a country whose government (`actors.csv` `government_of`) is at war with the
   attacker's side -- `hostilities.csv` lists the two sides (actor ids or alliances) on the event date, or
   another event of the article pits that government (or its allies) against the attacker (or its allies)
   -- the target is that government's forces ("drones launched at a border region" -> that state; not
   Lebanon for an Israeli strike in Lebanon: Lebanon's army is not a party). Never the attacker's own
   side. Such targets are inferred: the event's confidence takes the `target_inferred` weight of
   `reference/confidence.yaml`, and `target_raw` stays empty (nothing in the text named it).

Victims who are civilians are the coder's business (it sets "civilians" from the casualty phrase and the
objects hit); this step only fills what the text leaves open.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

import polars as pl

from pipelines.normalize import reference as ref

_ROLE_COLS = ("actor_id", "associated_actor_id", "target_id")


@lru_cache(maxsize=1)
def _alliance_table() -> dict[str, list[tuple[str, date | None, date | None]]]:
    al = ref.alliances()
    out: dict[str, list[tuple[str, date | None, date | None]]] = {}
    for aid, name, vf, vt in zip(
        al["actor_id"], al["alliance"], al["valid_from"], al["valid_to"], strict=True
    ):
        out.setdefault(aid, []).append((name, vf, vt))
    return out


def _alliances(aid: str | None, day: date | None) -> frozenset[str]:
    if aid is None:
        return frozenset()
    out = set()
    for name, vf, vt in _alliance_table().get(aid, ()):
        if day is None or ((vf is None or vf <= day) and (vt is None or vt > day)):
            out.add(name)
    return frozenset(out)


@lru_cache(maxsize=1)
def _hostility_table() -> list[tuple[str, str, date | None, date | None]]:
    h = ref.hostilities()
    return list(zip(h["side_a"], h["side_b"], h["valid_from"], h["valid_to"], strict=True))


def _sides(aid: str, day: date | None) -> frozenset[str]:
    """The actor id, the id it counts as, and its alliances on `day`."""
    _, counted = _actor_info()
    return frozenset({aid, counted.get(aid, aid)}) | _alliances(aid, day)


def at_war(a: str | None, b: str | None, day: date | None) -> bool:
    """`hostilities.csv` lists a war between a side of `a` and a side of `b` on `day`."""
    if a is None or b is None:
        return False
    sa, sb = _sides(a, day), _sides(b, day)
    for x, y, vf, vt in _hostility_table():
        if day is not None and not ((vf is None or vf <= day) and (vt is None or vt > day)):
            continue
        if (x in sa and y in sb) or (x in sb and y in sa):
            return True
    return False


@lru_cache(maxsize=1)
def _actor_info() -> tuple[dict[str, str], dict[str, str]]:
    """(country ISO3 -> its government actor, actor_id -> the id it is counted as (parent if count_as_parent))."""
    a = ref.actors()
    gov: dict[str, str] = {}
    for aid, typ, g in zip(a["actor_id"], a["actor_type"], a["government_of"], strict=True):
        if g and (g not in gov or typ == "state_forces"):
            gov[g] = aid
    counted = {}
    for aid, parent, cap in zip(a["actor_id"], a["parent_id"], a["count_as_parent"], strict=True):
        counted[aid] = parent if (cap and parent) else aid
    return gov, counted


@lru_cache(maxsize=1)
def _civilian_ids() -> frozenset[str]:
    a = ref.actors()
    return frozenset(a.filter(pl.col("actor_type") == "civilians")["actor_id"].to_list())


def same_side(a: str | None, b: str | None, day: date | None) -> bool:
    """Same actor (or counted as the same), or allied on `day`."""
    if a is None or b is None:
        return False
    _, counted = _actor_info()
    if counted.get(a, a) == counted.get(b, b):
        return True
    return bool(_alliances(a, day) & _alliances(b, day))


@lru_cache(maxsize=1)
def _inferred_weight() -> float:
    from pipelines.coding.rules import _confidence_model  # noqa: PLC0415 - the coder's fitted weights

    _, weights = _confidence_model()
    return float(weights.get("target_inferred", 0.0))


def _lower(conf: float | None) -> float | None:
    if conf is None:
        return None
    c = min(max(conf, 1e-6), 1 - 1e-6)
    z = math.log(c / (1 - c)) + min(0.0, _inferred_weight())
    return round(1 / (1 + math.exp(-z)), 3)


def apply_target_conventions(ev: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Normalized events (actor/associated/target ids and names, country_iso3, event_date, article_id)
    -> the same frame with own-side targets dropped and attacked states filled in (see module doc)."""
    need = {"article_id", "actor_id", "associated_actor_id", "target_id", "country_iso3"}
    if ev.is_empty() or not need <= set(ev.columns):
        return ev
    gov, _ = _actor_info()
    rows = ev.select(
        "article_id",
        *_ROLE_COLS,
        "country_iso3",
        pl.col("event_date") if "event_date" in ev.columns else pl.lit(None, pl.Date).alias("event_date"),
        pl.col("confidence") if "confidence" in ev.columns else pl.lit(None, pl.Float64).alias("confidence"),
        (pl.col("sentence_index") if "sentence_index" in ev.columns else pl.lit(0)).fill_null(0).alias("_s"),
        (pl.col("event_type") if "event_type" in ev.columns else pl.lit(None, pl.String))
        .replace({"air_strike": "remote", "shelling": "remote", "explosion": "remote"})
        .alias("_fam"),
    ).to_dicts()

    # 1. own side is not the target
    for r in rows:
        a, t, day = r["actor_id"], r["target_id"], r["event_date"]
        if a and t and same_side(a, t, day):
            if (
                r["associated_actor_id"] is None
                and t != a
                and _actor_info()[1].get(t, t) != _actor_info()[1].get(a, a)
            ):
                r["associated_actor_id"] = t
            r["target_id"] = None
            r["_dropped"] = True

    # 2. the attacked state, when the article shows that state fighting the attacker's side
    dyads: dict[str, list[tuple[str, str, date | None]]] = {}
    for r in rows:
        if r["actor_id"] and r["target_id"]:
            dyads.setdefault(r["article_id"], []).append((r["actor_id"], r["target_id"], r["event_date"]))
    for r in rows:
        a, day, c = r["actor_id"], r["event_date"], r["country_iso3"]
        if r["target_id"] is not None or a is None or c is None:
            continue
        g = gov.get(c)
        if g is None or same_side(a, g, day):
            continue
        fight = at_war(a, g, day) or any(
            (same_side(x, g, day) and same_side(y, a, day)) or (same_side(x, a, day) and same_side(y, g, day))
            for x, y, _d in dyads.get(r["article_id"], ())
        )
        if fight:
            r["target_id"] = g
            r["_inferred"] = True
            r["confidence"] = _lower(r["confidence"])

    # 3. the same campaign: an attacker's strike that names no target, in a country where the article's
    #    previous event of that attacker named one, hits the same side ("Israeli jets struck Hezbollah targets
    #    in the south ... Strikes also hit the outskirts of X"); an armed side only -- civilians hit in one
    #    town say nothing about the next
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["article_id"], rows[i]["_s"], i))
    last: dict[tuple, tuple[str, bool]] = {}
    for i in order:
        r = rows[i]
        k = (r["article_id"], r["actor_id"], r["country_iso3"], r["_fam"])
        if r["actor_id"] is None or r["country_iso3"] is None:
            continue
        if r["target_id"] is None and k in last and not r.get("_dropped"):
            r["target_id"] = last[k][0]
            r["_inferred"] = True
            r["confidence"] = _lower(r["confidence"])
        elif r["target_id"] is not None and not r.get("_inferred"):
            if r["target_id"] in _civilian_ids():
                last.pop(k, None)  # who was hit where is a fact of that place: civilians are not carried
            else:
                last[k] = (r["target_id"], True)

    changed = [i for i, r in enumerate(rows) if r.get("_dropped") or r.get("_inferred")]
    if not changed:
        return ev
    idx = pl.Series("_i", changed, dtype=pl.UInt32)
    new = {
        "target_id": [rows[i]["target_id"] for i in changed],
        "associated_actor_id": [rows[i]["associated_actor_id"] for i in changed],
        "confidence": [rows[i]["confidence"] for i in changed],
        "_inf": [bool(rows[i].get("_inferred")) for i in changed],
    }
    upd = pl.DataFrame(
        {"_i": idx, **new},
        schema={
            "_i": pl.UInt32,
            "target_id": pl.String,
            "associated_actor_id": pl.String,
            "confidence": pl.Float64,
            "_inf": pl.Boolean,
        },
    )
    out = ev.with_row_index("_i").join(upd, on="_i", how="left", suffix="_new", maintain_order="left")
    hit = pl.col("_inf").is_not_null()
    cols = [
        pl.when(hit).then(pl.col("target_id_new")).otherwise(pl.col("target_id")).alias("target_id"),
        pl.when(hit)
        .then(pl.col("associated_actor_id_new"))
        .otherwise(pl.col("associated_actor_id"))
        .alias("associated_actor_id"),
    ]
    if "confidence" in ev.columns:
        cols.append(
            pl.when(hit).then(pl.col("confidence_new")).otherwise(pl.col("confidence")).alias("confidence")
        )
    out = out.with_columns(cols)
    name_map = {k: v for k, v in names.items()}
    out = out.with_columns(
        pl.col("target_id")
        .replace_strict(name_map, default=None, return_dtype=pl.String)
        .alias("target_name"),
        pl.col("associated_actor_id")
        .replace_strict(name_map, default=None, return_dtype=pl.String)
        .alias("associated_actor_name"),
    )
    return out.drop([c for c in out.columns if c.endswith("_new")] + ["_i", "_inf"])


# ------------------------------------------------------------------ for the coder (mention-level sides)


@lru_cache(maxsize=1)
def _key_actors() -> dict[str, tuple[tuple[str | None, str, int], ...]]:
    """Actor key -> ((context_iso3, actor_id, prio), ...) best first."""
    idx = ref.actor_index()
    out: dict[str, list[tuple[str | None, str, int]]] = {}
    for k, aid, ctx, prio in zip(idx["key"], idx["actor_id"], idx["context_iso3"], idx["prio"], strict=True):
        out.setdefault(k, []).append((ctx, aid, prio))
    return {k: tuple(sorted(v, key=lambda x: (x[2], x[0] is not None, x[1]))) for k, v in out.items()}


def actor_id_of(key: str | None, country: str | None = None) -> str | None:
    """The actor a dictionary key names: its context-free reading, else its reading in `country`; None when
    the key is unknown or (contextual only) no reading for that country exists."""
    if not key:
        return None
    cands = _key_actors().get(key)
    if not cands:
        return None
    free = [aid for ctx, aid, _ in cands if ctx is None]
    if free:
        return free[0]
    loc = [aid for ctx, aid, _ in cands if ctx == country]
    return loc[0] if loc else None
