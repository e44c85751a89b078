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


def _lookup(keys: pl.DataFrame, cols: list[str], name: str, fn, dtype: pl.DataType) -> pl.DataFrame:
    """`keys` (distinct rows of `cols`) + column `name` = fn(*row), computed once per distinct row."""
    vals = [fn(*row) for row in keys.select(cols).iter_rows()]
    return keys.select(cols).with_columns(pl.Series(name, vals, dtype=dtype))


def apply_target_conventions(ev: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Normalized events (actor/associated/target ids and names, country_iso3, event_date, article_id)
    -> the same frame with own-side targets dropped and attacked states filled in (see module doc).

    Vectorized: the side checks (`same_side`, `at_war`, Python over the alliance tables) run once per
    distinct (actor, actor, date) combination; everything per mention is polars joins and windows.
    """
    need = {"article_id", "actor_id", "associated_actor_id", "target_id", "country_iso3"}
    if ev.is_empty() or not need <= set(ev.columns):
        return ev
    gov, counted = _actor_info()
    cache: dict[tuple, bool] = {}

    def side(a: str, b: str, day: date | None) -> bool:
        k = (a, b, day)
        v = cache.get(k)
        if v is None:
            v = cache[k] = same_side(a, b, day)
        return v

    a_, t_, c_ = pl.col("actor_id"), pl.col("target_id"), pl.col("country_iso3")
    rows = ev.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("_i"),
        "article_id",
        *_ROLE_COLS,
        "country_iso3",
        pl.col("event_date") if "event_date" in ev.columns else pl.lit(None, pl.Date).alias("event_date"),
        (pl.col("confidence") if "confidence" in ev.columns else pl.lit(None))
        .cast(pl.Float64)
        .alias("confidence"),
        (pl.col("sentence_index") if "sentence_index" in ev.columns else pl.lit(0)).fill_null(0).alias("_s"),
        (pl.col("event_type") if "event_type" in ev.columns else pl.lit(None, pl.String))
        .replace({"air_strike": "remote", "shelling": "remote", "explosion": "remote"})
        .alias("_fam"),
    )

    # 1. own side is not the target
    pairs = (
        rows.filter(a_.is_not_null() & t_.is_not_null())
        .select("actor_id", "target_id", "event_date")
        .unique()
    )
    pairs = _lookup(pairs, ["actor_id", "target_id", "event_date"], "_drop", side, pl.Boolean).filter("_drop")
    # a dropped target that is another actor (not counted as the attacker) becomes the associated actor
    pairs = _lookup(
        pairs,
        ["actor_id", "target_id", "event_date", "_drop"],
        "_prom",
        lambda a, t, _d, _x: t != a and counted.get(t, t) != counted.get(a, a),
        pl.Boolean,
    )
    rows = rows.join(
        pairs, on=["actor_id", "target_id", "event_date"], how="left", nulls_equal=True, maintain_order="left"
    )
    dropped = pl.col("_drop").fill_null(False)
    promote = pl.col("associated_actor_id").is_null() & pl.col("_prom").fill_null(False)
    rows = rows.with_columns(
        pl.when(dropped & promote)
        .then(t_)
        .otherwise(pl.col("associated_actor_id"))
        .alias("associated_actor_id"),
        pl.when(dropped).then(pl.lit(None, pl.String)).otherwise(t_).alias("target_id"),
        dropped.alias("_drop"),
    ).drop("_prom")

    # 2. the attacked state, when the article shows that state fighting the attacker's side
    rows = rows.with_columns(c_.replace_strict(gov, default=None, return_dtype=pl.String).alias("_g"))
    cand = t_.is_null() & a_.is_not_null() & c_.is_not_null() & pl.col("_g").is_not_null()
    trip = rows.filter(cand).select("actor_id", "_g", "event_date").unique()

    def verdict(a: str, g: str, day: date | None) -> int:  # 0 own side, 1 at war, 2 ask the article
        if side(a, g, day):
            return 0
        return 1 if at_war(a, g, day) else 2

    trip = _lookup(trip, ["actor_id", "_g", "event_date"], "_v", verdict, pl.Int8).filter(pl.col("_v") > 0)
    rows = rows.join(
        trip, on=["actor_id", "_g", "event_date"], how="left", nulls_equal=True, maintain_order="left"
    )
    ask = (
        rows.filter(cand & (pl.col("_v") == 2)).select("article_id", "actor_id", "_g", "event_date").unique()
    )
    if not ask.is_empty():
        dyads = (
            rows.filter(
                a_.is_not_null() & t_.is_not_null() & pl.col("article_id").is_in(ask["article_id"].implode())
            )
            .select("article_id", pl.col("actor_id").alias("_x"), pl.col("target_id").alias("_y"))
            .unique()
        )
        q = ask.join(dyads, on="article_id", how="inner")
        cols = ["actor_id", "_g", "event_date", "_x", "_y"]

        def fights(a: str, g: str, day: date | None, x: str, y: str) -> bool:
            return (side(x, g, day) and side(y, a, day)) or (side(x, a, day) and side(y, g, day))

        verdicts = _lookup(q.select(cols).unique(), cols, "_f", fights, pl.Boolean).filter("_f")
        fought = (
            q.join(verdicts, on=cols, how="inner", nulls_equal=True)
            .select("article_id", "actor_id", "_g", "event_date", pl.lit(1, pl.Int8).alias("_v2"))
            .unique()
        )
        rows = rows.join(
            fought,
            on=["article_id", "actor_id", "_g", "event_date"],
            how="left",
            nulls_equal=True,
            maintain_order="left",
        )
    else:
        rows = rows.with_columns(pl.lit(None, pl.Int8).alias("_v2"))
    inferred2 = cand & ((pl.col("_v") == 1) | pl.col("_v2").is_not_null()).fill_null(False)
    rows = rows.with_columns(
        pl.when(inferred2).then(pl.col("_g")).otherwise(t_).alias("target_id"), inferred2.alias("_inf")
    ).drop("_g", "_v", "_v2")

    # 3. the same campaign: an attacker's strike that names no target, in a country where the article's
    #    previous event of that attacker named one, hits the same side ("Israeli jets struck Hezbollah targets
    #    in the south ... Strikes also hit the outskirts of X"); an armed side only -- civilians hit in one
    #    town say nothing about the next. The campaign's target is the last named (not inferred) target of
    #    the same (article, attacker, country, event family) in sentence order; a civilian target ends it ("").
    keyed = rows.filter(a_.is_not_null() & c_.is_not_null())
    if keyed["_s"].n_unique() > 1:
        keyed = keyed.sort(["_s", "_i"])
    civ = pl.Series(sorted(_civilian_ids()), dtype=pl.String).implode()
    setter = pl.when(t_.is_not_null() & ~pl.col("_inf")).then(
        pl.when(t_.is_in(civ)).then(pl.lit("")).otherwise(t_)
    )
    carried = (
        keyed.with_columns(setter.alias("_c"))  # outside the window: evaluated per group otherwise
        .with_columns(pl.col("_c").forward_fill().over(["article_id", "actor_id", "country_iso3", "_fam"]))
        .filter(t_.is_null() & ~pl.col("_drop") & pl.col("_c").is_not_null() & (pl.col("_c") != ""))
        .select("_i", "_c")
    )
    rows = rows.join(carried, on="_i", how="left", maintain_order="left").with_columns(
        pl.coalesce(t_, pl.col("_c")).alias("target_id"),
        (pl.col("_inf") | pl.col("_c").is_not_null()).alias("_inf"),
    )

    hit = rows["_drop"] | rows["_inf"]
    if not hit.any():
        return ev
    confs = rows.filter("_inf")["confidence"].drop_nulls().unique().to_list()
    lowered = {c: _lower(c) for c in confs}
    conf = rows.select(
        pl.when(pl.col("_inf"))
        .then(pl.col("confidence").replace_strict(lowered, default=None, return_dtype=pl.Float64))
        .otherwise(pl.col("confidence"))
    ).to_series()
    # rows keeps ev's order and, outside the changed rows, ev's target and associated actor
    out = ev.with_columns(
        rows["target_id"],
        rows["associated_actor_id"],
        pl.when(hit).then(conf).otherwise(pl.col("confidence")).alias("confidence")
        if "confidence" in ev.columns
        else pl.lit(None, pl.Float64).alias("confidence"),
    )
    return out.with_columns(
        pl.col("target_id").replace_strict(names, default=None, return_dtype=pl.String).alias("target_name"),
        pl.col("associated_actor_id")
        .replace_strict(names, default=None, return_dtype=pl.String)
        .alias("associated_actor_name"),
    )


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
