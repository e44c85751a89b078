"""Batch resolution of raw actor/place strings to canonical ids, in polars.

Everything runs on distinct values: the raw strings of a batch are few compared to its mentions, so
keys are computed once per distinct string (Python, cached), candidates come from one join on the key,
and the choice among candidates (context country, priority, population) is a sort + first per group.
Strings with no exact key fall back to rapidfuzz over the dictionary keys (distinct leftovers only).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import NamedTuple

import polars as pl
from rapidfuzz import fuzz, process

from pipelines.normalize import reference as ref
from pipelines.normalize.keys import normalize_key
from pipelines.normalize.lexicon import find_spans
from pipelines.normalize.targets import apply_target_conventions

ACTOR_COLUMNS = (
    ("actor_raw", "actor"),
    ("associated_actor_raw", "associated_actor"),
    ("target_raw", "target"),
)
PLACE_OUTPUT = (
    "place_id",
    "geonameid",
    "location_name",
    "admin1",
    "country_iso3",
    "latitude",
    "longitude",
    "geo_precision",
)
OUT_OF_CONTEXT_MIN_POP = 100_000  # smaller towns must lie in one of the article's countries
NO_RANK = 100  # a candidate whose context country is not among the article's countries
FUZZ_PLACE = 90
FUZZ_ACTOR = 90


class Normalized(NamedTuple):
    events: pl.DataFrame
    places: pl.DataFrame
    unresolved: pl.DataFrame


# ------------------------------------------------------------------------------------ country context


def _country_ranks(article_countries: pl.DataFrame | None) -> pl.DataFrame:
    """(article_id, country_iso3, rank): rank 0 = the article's main country."""
    schema = {"article_id": pl.String, "country_iso3": pl.String, "rank": pl.Int32}
    if article_countries is None or article_countries.is_empty():
        return pl.DataFrame(schema=schema)
    ac = article_countries
    if "rank" not in ac.columns:
        ac = ac.with_columns(pl.int_range(pl.len()).over("article_id").alias("rank"))
    return (
        ac.select("article_id", "country_iso3", pl.col("rank").cast(pl.Int32))
        .drop_nulls(["article_id", "country_iso3"])
        .group_by(["article_id", "country_iso3"])
        .agg(pl.col("rank").min())
    )


@lru_cache(maxsize=1)
def _key_country() -> dict[str, str]:
    """Place key -> the country of its best candidate (no context): for counting an article's countries."""
    idx = ref.place_index().sort(
        ["key", "prio", "population"], descending=[False, False, True], nulls_last=True
    )
    best = idx.group_by("key", maintain_order=True).first()
    return dict(zip(best["key"], best["ctx_iso3"], strict=True))


@lru_cache(maxsize=1)
def _weak_keys() -> frozenset[str]:
    """Place keys whose every candidate is a town of < 100,000 people: weak evidence for a country."""
    idx = ref.place_index().with_columns(
        (
            pl.col("place_id").str.starts_with("gn:")
            & (pl.col("population").fill_null(0) < OUT_OF_CONTEXT_MIN_POP)
        ).alias("weak")
    )
    w = idx.group_by("key").agg(pl.col("weak").all()).filter(pl.col("weak"))
    return frozenset(w["key"].to_list())


@lru_cache(maxsize=1)
def _actor_country() -> dict[str, str]:
    a = ref.actors().filter(
        pl.col("actor_type").is_in(list(ref.STATE_TYPES)) & pl.col("government_of").is_not_null()
    )
    gov = dict(zip(a["actor_id"], a["government_of"], strict=True))
    idx = ref.actor_index().filter(pl.col("context_iso3").is_null())
    out = {}
    for key, aid in zip(idx["key"], idx["actor_id"], strict=True):
        if aid in gov and key not in out:
            out[key] = gov[aid]
    return out


_AIR_WORDS = frozenset(
    [
        "jets",
        "warplanes",
        "aircraft",
        "planes",
        "bombers",
        "helicopters",
        "gunships",
        "drones",
        "strikes",
        "airstrikes",
    ]
)


@lru_cache(maxsize=1)
def _salience_keys() -> tuple[dict[str, str], dict[str, str]]:
    """key -> actor_id for unambiguous (context-free) keys of armed groups, and of actors' air assets."""
    idx = ref.actor_index().filter(pl.col("context_iso3").is_null()).sort(["key", "prio", "actor_id"])
    best = idx.group_by("key", maintain_order=True).first()
    militant = set(ref.actors().filter(pl.col("militant"))["actor_id"])
    groups, air = {}, {}
    for key, aid in zip(best["key"], best["actor_id"], strict=True):
        if aid in militant and key not in ANAPHORA:
            groups[key] = aid
        words = set(key.split())
        if words & _AIR_WORDS or "air" in words:
            air[key] = aid
    return groups, air


def _text_countries(text: str, hint: str | None = None) -> tuple[list[tuple[str | None, float]], str | None,
                                                                  str | None]:
    """([(country, weight)], main_group, main_air) of one text: `article_countries`' rows of an article."""
    kc, ac = _key_country(), _actor_country()
    weak_keys = _weak_keys()
    gk, airk = _salience_keys()
    counts: dict[str, float] = {}
    strong: set[str] = set()  # countries named, or with a city, admin unit, feature or state actor
    gcount: dict[str, int] = {}
    acount: dict[str, int] = {}
    if hint:
        counts[hint] = counts.get(hint, 0) + 3.0
        strong.add(hint)
    for sp in find_spans(text or ""):
        if sp.kind == "place":
            c = kc.get(sp.key)
            if c:
                counts[c] = counts.get(c, 0) + (2.0 if _is_country_key(sp.key) else 1.0)
                if sp.key not in weak_keys:
                    strong.add(c)
        else:
            c = ac.get(sp.key)
            if c:
                counts[c] = counts.get(c, 0) + 0.5
                strong.add(c)
            g = gk.get(sp.key)
            if g:
                gcount[g] = gcount.get(g, 0) + 1
            a = airk.get(sp.key)
            if a:
                acount[a] = acount.get(a, 0) + 1
    if strong:
        # one small town in a country the article otherwise never names is a homonym, not evidence
        # ("Nur" in "Nur Shams"): it would let that town beat the article's real countries
        counts = {c: w for c, w in counts.items() if c in strong or w >= 2.0}
    main = min(gcount, key=lambda k: (-gcount[k], k)) if gcount else None
    air = min(acount, key=lambda k: (-acount[k], k)) if acount else None
    rows: list[tuple[str | None, float]] = list(counts.items()) if counts else ([(None, 0.0)] if (main or air) else [])
    return rows, main, air


def article_countries(articles: pl.DataFrame) -> pl.DataFrame:
    """(article_id, text[, country_hint]) -> (article_id, country_iso3, mentions, rank, main_group, main_air).

    Counts the places the text names (each resolved to its most likely country; a country name counts
    double) and, at half weight, the state actors it names ("Syrian army" -> SYR). rank 0 = main country.
    Also, repeated on each of the article's rows: `main_group`, the armed group the text names most (what
    "the militants" refers to) and `main_air`, the actor whose aircraft it names most ("Russian jets": what
    "the jets" refers to). An article with neither countries nor these gets no rows.
    """
    hints = articles["country_hint"] if "country_hint" in articles.columns else [None] * articles.height
    found = [(aid, *_text_countries(text, hint))
             for aid, text, hint in zip(articles["article_id"], articles["text"], hints, strict=True)]
    return _countries_frame(found)


def encode_countries(text: str) -> str:
    """`article_countries` of one text, as stored in raw.coded_articles.countries (JSON)."""
    rows, main, air = _text_countries(text)
    return json.dumps({"c": rows, "g": main, "a": air}, separators=(",", ":"))


def stored_countries(ids: list[str], encoded: list[str]) -> pl.DataFrame:
    """`article_countries` rebuilt from `encode_countries` values: the same frame, without a second scan."""
    found = []
    for aid, enc in zip(ids, encoded, strict=True):
        d = json.loads(enc)
        found.append((aid, [(c, float(w)) for c, w in d["c"]], d["g"], d["a"]))
    return _countries_frame(found)


def _countries_frame(found: list[tuple[str, list[tuple[str | None, float]], str | None, str | None]]) -> pl.DataFrame:
    ids, countries, weights, mains, airs = [], [], [], [], []
    for aid, rows, main, air in found:
        for c, w in rows:
            ids.append(aid)
            countries.append(c)
            weights.append(w)
            mains.append(main)
            airs.append(air)
    df = pl.DataFrame(
        {
            "article_id": ids,
            "country_iso3": countries,
            "mentions": weights,
            "main_group": mains,
            "main_air": airs,
        },
        schema={
            "article_id": pl.String,
            "country_iso3": pl.String,
            "mentions": pl.Float64,
            "main_group": pl.String,
            "main_air": pl.String,
        },
    )
    return (
        df.sort(["article_id", "mentions", "country_iso3"], descending=[False, True, False])
        .with_columns(pl.int_range(pl.len()).over("article_id").cast(pl.Int32).alias("rank"))
        .select("article_id", "country_iso3", "mentions", "rank", "main_group", "main_air")
    )


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    idx = ref.place_index().filter(pl.col("place_id").str.starts_with("cc:"))
    return frozenset(idx["key"].to_list())


def _is_country_key(key: str) -> bool:
    return key in _country_keys()


# ----------------------------------------------------------------------------------------------- places

_LEAD = re.compile(
    r"^(?:(?P<q>near|outside|around|close to|just outside|(?:on )?the outskirts of|outskirts of|"
    r"(?:in )?the vicinity of|vicinity of|(?:in )?the countryside of|countryside of|rural|the suburbs of|"
    r"(?:\d+(?:\.\d+)?\s*(?:km|kilometers|kilometres|miles|mi)\s*(?:\([^)]*\)\s*)?)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)(?:ern)?\s+of|northern|southern|eastern|western|central|northeastern|northwestern|"
    r"southeastern|southwestern|north-eastern|north-western|south-eastern|south-western|rural)"
    r"|in|at|on|inside|into|from|the town of|the city of|the village of|the villages of|the district of|"
    r"the province of|the governorate of|the region of|the area of|the neighbourhood of|"
    r"the neighborhood of|the port city of|the port of|the capital|the southern city of|"
    r"the northern city of|the eastern city of|the western city of|the central city of)\s+",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"\s+(?:(?P<q>countryside|outskirts|area|suburbs|surroundings|environs|district)|town|city|village|"
    r"neighbou?rhood|camp|refugee camp)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=200_000)
def _place_tries(raw: str) -> tuple[tuple[str, bool], ...]:
    """Keys to try for a raw location, in order, each with 'qualified' (near/outside/... -> precision 2)."""
    out: list[tuple[str, bool]] = []
    seen = set()

    def add(s: str, q: bool) -> None:
        k = normalize_key(s)
        if k and k not in seen:
            seen.add(k)
            out.append((k, q))

    s, q = raw.strip().strip(".,;:"), False
    add(s, q)
    for _ in range(4):
        m = _LEAD.match(s) or _TRAIL.search(s)
        if not m:
            break
        q = q or bool(m.group("q"))
        s = (s[m.end() :] if m.start() == 0 and m.re is _LEAD else s[: m.start()]).strip()
        add(s, q)
    for sep in (",", " in ", " of "):
        if sep in s:
            add(s.split(sep)[0], q)
    for sp in find_spans(raw):
        if sp.kind == "place":
            add(sp.text, q)
    return tuple(out)


@lru_cache(maxsize=1)
def _place_keys() -> tuple[list[str], frozenset[str]]:
    keys = ref.place_index()["key"].unique().sort().to_list()
    return keys, frozenset(keys)


#: (kind, key) -> the dictionary key rapidfuzz matches (None: no match), for "place" and "actor" keys.
_FUZZY: dict[tuple[str, str], str | None] = {}
_FUZZY_MAX = 200_000
_FUZZY_CHUNK = 64  # queries per cdist call: 64 x 56,000 place keys x 8 bytes = 29 MB of scores


def _fuzzy_many(kind: str, keys: list[str]) -> None:
    """Fill the fuzzy cache for `keys` (those of >= 5 characters not cached yet) in batches.

    Same answer as `process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)` for each key
    (the first choice with the best score >= cutoff), but one `cdist` call per chunk of keys instead of one
    Python-level scan of the dictionary per key.
    """
    todo = list(dict.fromkeys(k for k in keys if len(k) >= 5 and (kind, k) not in _FUZZY))
    if not todo:
        return
    choices, cutoff = (_place_keys()[0], FUZZ_PLACE) if kind == "place" else (_actor_keys()[0], FUZZ_ACTOR)
    if len(_FUZZY) + len(todo) > _FUZZY_MAX:
        _FUZZY.clear()
    for i in range(0, len(todo), _FUZZY_CHUNK):
        chunk = todo[i : i + _FUZZY_CHUNK]
        scores = process.cdist(
            chunk, choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype="float64", workers=1
        )
        best = scores.argmax(axis=1)  # the first of the best, as extractOne
        for q, j, row in zip(chunk, best.tolist(), scores, strict=True):
            _FUZZY[(kind, q)] = choices[j] if row[j] >= cutoff else None


def _fuzzy(kind: str, key: str) -> str | None:
    if len(key) < 5:
        return None
    if (kind, key) not in _FUZZY:
        _fuzzy_many(kind, [key])
    return _FUZZY[(kind, key)]


def _fuzzy_place(key: str) -> str | None:
    return _fuzzy("place", key)


def _place_candidates(raws: list[str]) -> pl.DataFrame:
    """Distinct raw location -> candidate places (only the first `try` that hit), with context info."""
    _, keyset = _place_keys()
    tries_of = {raw: _place_tries(raw) for raw in raws}
    _fuzzy_many("place", [k for t in tries_of.values() if not any(k in keyset for k, _ in t) for k, _ in t])
    rows_raw, rows_key, rows_try, rows_q = [], [], [], []
    for raw in raws:
        tries = tries_of[raw]
        hit = next(((i, k, q) for i, (k, q) in enumerate(tries) if k in keyset), None)
        if hit is None:
            for i, (k, q) in enumerate(tries):
                fk = _fuzzy_place(k)
                if fk:
                    hit = (100 + i, fk, q)
                    break
        if hit is not None:
            rows_raw.append(raw), rows_try.append(hit[0]), rows_key.append(hit[1]), rows_q.append(hit[2])
    tries_df = pl.DataFrame(
        {"location_raw": rows_raw, "key": rows_key, "try": rows_try, "qualified": rows_q},
        schema={"location_raw": pl.String, "key": pl.String, "try": pl.Int32, "qualified": pl.Boolean},
    )
    return tries_df.join(ref.place_index(), on="key", how="inner").with_columns(
        (pl.col("ctx_iso3").n_unique().over("location_raw") > 1).alias("ambiguous"),
        (
            pl.col("place_id").str.starts_with("gn:")
            & (pl.col("population").fill_null(0) < OUT_OF_CONTEXT_MIN_POP)
        ).alias("weak"),
    )


_PLACE_ORDER = (["rank", "prio", "population", "place_id"], [False, False, True, False])


def _resolve_places(ev: pl.DataFrame, ranks: pl.DataFrame) -> pl.DataFrame:
    """ev: (article_id, location_raw) rows -> same rows + place_id, qualified.

    Raw strings whose candidates all lie in one country are resolved once per string; only the rest
    (e.g. "Tripoli", "the Euphrates") are resolved per article, against the article's countries.
    """
    raws = ev["location_raw"].unique().drop_nulls().to_list()
    cand = _place_candidates(raws)
    free = (
        cand.filter(~pl.col("ambiguous"))
        .with_columns(pl.lit(0).alias("rank"))
        .sort(["location_raw", *_PLACE_ORDER[0]], descending=[False, *_PLACE_ORDER[1]], nulls_last=True)
        .group_by("location_raw", maintain_order=True)
        .first()
        .select(
            "location_raw",
            pl.col("place_id").alias("_p1"),
            pl.col("qualified").alias("_q1"),
            pl.col("ctx_iso3").alias("_c1"),
            pl.col("weak").alias("_w1"),
        )
    )
    amb = cand.filter(pl.col("ambiguous"))
    has_ctx = ranks.select("article_id").unique().with_columns(pl.lit(True).alias("has_ctx"))
    out = ev.join(free, on="location_raw", how="left", maintain_order="left")
    # a small town outside every country the article names is not the place meant ("Human" is not the
    # Polish name of Uman in a Syrian article; "Al-Shafah" in Syria is not the Saudi village)
    out = (
        out.join(has_ctx, on="article_id", how="left", maintain_order="left")
        .join(
            ranks.select("article_id", pl.col("country_iso3").alias("_c1"), pl.lit(True).alias("_in")),
            on=["article_id", "_c1"],
            how="left",
            maintain_order="left",
        )
        .with_columns(
            pl.when(pl.col("_w1") & pl.col("has_ctx").fill_null(False) & pl.col("_in").is_null())
            .then(pl.lit(None, pl.String))
            .otherwise(pl.col("_p1"))
            .alias("_p1")
        )
        .drop("has_ctx", "_in", "_c1", "_w1")
    )
    if amb.is_empty():
        return out.rename({"_p1": "place_id", "_q1": "qualified"})
    pairs = (
        ev.filter(pl.col("location_raw").is_in(amb["location_raw"].unique().implode()))
        .select("article_id", "location_raw")
        .unique()
    )
    best = (
        pairs.join(amb, on="location_raw", how="inner")
        .join(ranks.rename({"country_iso3": "ctx_iso3"}), on=["article_id", "ctx_iso3"], how="left")
        .join(has_ctx, on="article_id", how="left")
        # a small town outside every country the article names is not a candidate ("Al-Shafah" in a
        # Syrian article is not the Saudi village of that name)
        .filter(~(pl.col("rank").is_null() & pl.col("weak") & pl.col("has_ctx").fill_null(False)))
        .with_columns(
            pl.when(pl.col("rank").is_not_null())
            .then(pl.col("rank"))
            .when(pl.col("strict_ctx"))
            .then(pl.lit(2 * NO_RANK))
            .otherwise(pl.lit(NO_RANK))
            .alias("rank")
        )
        .sort(
            ["article_id", "location_raw", *_PLACE_ORDER[0]],
            descending=[False, False, *_PLACE_ORDER[1]],
            nulls_last=True,
        )
        .group_by(["article_id", "location_raw"], maintain_order=True)
        .first()
        .select(
            "article_id", "location_raw", pl.col("place_id").alias("_p2"), pl.col("qualified").alias("_q2")
        )
    )
    out = out.join(best, on=["article_id", "location_raw"], how="left", maintain_order="left")
    return out.with_columns(
        pl.coalesce("_p1", "_p2").alias("place_id"), pl.coalesce("_q1", "_q2").alias("qualified")
    ).drop("_p1", "_p2", "_q1", "_q2")


# ----------------------------------------------------------------------------------------------- actors


@lru_cache(maxsize=1)
def _actor_keys() -> tuple[list[str], frozenset[str]]:
    keys = ref.actor_index()["key"].unique().sort().to_list()
    return keys, frozenset(keys)


_ACTOR_STRIP = re.compile(
    r"^(?:a|an|the|some|several|two|three|four|five|\d+|suspected|alleged|apparent|unidentified)\s+|"
    r"\s+(?:said|reportedly|allegedly)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=200_000)
def _actor_tries(raw: str) -> tuple[str, ...]:
    out: list[str] = []

    def add(s: str) -> None:
        k = normalize_key(s)
        if k and k not in out:
            out.append(k)

    add(raw)
    s = raw.strip()
    for _ in range(3):
        m = _ACTOR_STRIP.search(s)
        if not m:
            break
        s = (s[: m.start()] + s[m.end() :]).strip()
        add(s)
    for sp in find_spans(raw):
        if sp.kind == "actor":
            add(sp.text)
    return tuple(out)


def _fuzzy_actor(key: str) -> str | None:
    return _fuzzy("actor", key)


def _actor_candidates(raws: list[str]) -> pl.DataFrame:
    _, keyset = _actor_keys()
    tries_of = {raw: _actor_tries(raw) for raw in raws}
    _fuzzy_many("actor", [k for t in tries_of.values() if not any(k in keyset for k in t) for k in t])
    r_raw, r_key, r_try = [], [], []
    for raw in raws:
        tries = tries_of[raw]
        hit = False
        for i, k in enumerate(tries):
            if k in keyset:
                r_raw.append(raw), r_key.append(k), r_try.append(i)
                hit = True
        if not hit:
            for i, k in enumerate(tries):
                fk = _fuzzy_actor(k)
                if fk:
                    r_raw.append(raw), r_key.append(fk), r_try.append(100 + i)
                    break
    tries_df = pl.DataFrame(
        {"raw": r_raw, "key": r_key, "try": r_try},
        schema={"raw": pl.String, "key": pl.String, "try": pl.Int32},
    )
    return tries_df.join(ref.actor_index(), on="key", how="inner").with_columns(
        pl.col("context_iso3").is_not_null().any().over("raw").alias("contextual")
    )


def _resolve_actors(ev: pl.DataFrame, ranks: pl.DataFrame) -> pl.DataFrame:
    """ev: (article_id, event_country, raw) rows -> distinct (article_id, event_country, raw, actor_id) for
    contextual raws, and (raw, actor_id) for the rest, as two frames (context-free, contextual)."""
    raws = ev["raw"].unique().drop_nulls().to_list()
    cand = _actor_candidates(raws)
    free = (
        cand.filter(~pl.col("contextual"))
        .sort(["raw", "try", "prio", "actor_id"])
        .group_by("raw", maintain_order=True)
        .first()
        .select("raw", "actor_id")
    )
    ctx = cand.filter(pl.col("contextual"))
    if ctx.is_empty():
        return free, None
    triples = ev.filter(pl.col("raw").is_in(ctx["raw"].unique().implode())).unique()
    best = (
        triples.join(ctx, on="raw", how="inner")
        .join(ranks.rename({"country_iso3": "context_iso3"}), on=["article_id", "context_iso3"], how="left")
        .with_columns(
            pl.when(pl.col("context_iso3").is_null())
            .then(pl.lit(NO_RANK))
            .when(pl.col("context_iso3") == pl.col("event_country"))
            .then(pl.lit(-1))
            .otherwise(pl.col("rank"))
            .alias("rank")
        )
        .filter(pl.col("rank").is_not_null())
        # best candidate first; the groups' order does not matter (the result is only joined on)
        .sort(["try", "rank", "prio", "actor_id"], nulls_last=True)
        .group_by(["article_id", "event_country", "raw"], maintain_order=True)
        .first()
        .select("article_id", "event_country", "raw", "actor_id")
    )
    return free, best


#: Generic words for "the militants this article is about": resolved to the article's most-mentioned
#: actor flagged `militant` in actors.csv (ISIS, HTS, Hamas, al-Shabaab...) when it names one (else through
#: the dictionary: context aliases, then UNK). Not "fighters": SDF fighters are fighters too.
ANAPHORA = frozenset(
    normalize_key(x)
    for x in (
        "militants",
        "jihadists",
        "extremists",
        "insurgents",
        "terrorists",
        "the group",
        "militant group",
        "jihadist group",
        "terrorist group",
        "extremist group",
        "armed group",
        "militant fighters",
        "jihadist fighters",
        "militant positions",
        "jihadist positions",
        "extremist militants",
        "the jihadist group",
    )
)


#: Generic aircraft words: resolved to the actor whose aircraft the article names most (`main_air`).
AIR_ANAPHORA = frozenset(
    normalize_key(x)
    for x in (
        "jets",
        "the jets",
        "warplanes",
        "aircraft",
        "planes",
        "bombers",
        "fighter jets",
        "warplane",
        "jet",
        "helicopters",
        "drones",
        "a drone",
        "air strikes",
        "airstrikes",
        "an air strike",
        "an airstrike",
        "strikes",
        "unidentified jets",
        "unidentified aircraft",
        "unidentified warplanes",
    )
)


def _resolve_anaphora(
    out: pl.DataFrame, raws: list[str], article_countries: pl.DataFrame | None
) -> pl.DataFrame:
    """Generic group words -> the article's main armed group; generic aircraft -> its main air power.

    The main group comes from the article text (article_countries' `main_group`) when given, else from
    the batch's own resolved events of that article.
    """
    anaph = [r for r in raws if r is not None and normalize_key(r) in ANAPHORA]
    air = [r for r in raws if r is not None and normalize_key(r) in AIR_ANAPHORA]
    if not anaph and not air:
        return out
    anaph_s = pl.Series(anaph, dtype=pl.String).implode()
    air_s = pl.Series(air, dtype=pl.String).implode()
    groups = ref.actors().filter(pl.col("militant"))["actor_id"].implode()
    stacked = pl.concat(
        [
            out.select("article_id", pl.col(c).alias("raw"), pl.col(f"{p}_id").alias("aid"))
            for c, p in ACTOR_COLUMNS
        ]
    )
    from_events = (
        stacked.filter(pl.col("aid").is_in(groups) & ~pl.col("raw").is_in(anaph_s))
        .group_by("article_id", "aid")
        .len()
        .sort(["article_id", "len", "aid"], descending=[False, True, False])
        .group_by("article_id", maintain_order=True)
        .first()
        .select("article_id", pl.col("aid").alias("_g_ev"))
    )
    sal = from_events
    cols = ["_g_ev"]
    if article_countries is not None and {"main_group", "main_air"} <= set(article_countries.columns):
        txt = article_countries.group_by("article_id").agg(
            pl.col("main_group").drop_nulls().first().alias("_g_txt"),
            pl.col("main_air").drop_nulls().first().alias("_air"),
        )
        sal = txt.join(from_events, on="article_id", how="full", coalesce=True)
        cols += ["_g_txt", "_air"]
    out = out.join(sal, on="article_id", how="left", maintain_order="left")
    group = pl.coalesce("_g_txt", "_g_ev") if "_g_txt" in cols else pl.col("_g_ev")
    air_id = pl.col("_air") if "_air" in cols else pl.lit(None, pl.String)
    return out.with_columns(
        [
            pl.when(pl.col(c).is_in(anaph_s) & group.is_not_null())
            .then(group)
            .when(pl.col(c).is_in(air_s) & air_id.is_not_null())
            .then(air_id)
            .otherwise(pl.col(f"{p}_id"))
            .alias(f"{p}_id")
            for c, p in ACTOR_COLUMNS
        ]
    ).drop(cols)


# ------------------------------------------------------------------------------------------------ stage


def normalize_events(events: pl.DataFrame, article_countries: pl.DataFrame | None = None) -> Normalized:
    """Resolve actor/associated actor/target/location of a batch of event mentions (see package doc)."""
    ev = events
    for c in ("article_id", "location_raw", *(c for c, _ in ACTOR_COLUMNS)):
        if c not in ev.columns:
            ev = ev.with_columns(pl.lit(None, dtype=pl.String).alias(c))
    ranks = _country_ranks(article_countries)
    allp = ref.places()

    # places
    out = _resolve_places(ev.drop([c for c in PLACE_OUTPUT if c in ev.columns]), ranks)
    pinfo = allp.select(
        "place_id",
        "geonameid",
        pl.col("name").alias("_pname"),
        "admin1",
        "country_iso3",
        "latitude",
        "longitude",
        pl.col("precision").alias("_prec"),
    )
    out = out.join(pinfo, on="place_id", how="left", maintain_order="left")
    out = out.with_columns(
        pl.coalesce("_pname", "location_raw").alias("location_name"),
        pl.when(pl.col("qualified") & (pl.col("_prec") < 2))
        .then(pl.lit(2, pl.Int32))
        .otherwise(pl.col("_prec"))
        .alias("geo_precision"),
    ).drop("_pname", "_prec", "qualified")

    # actors (all three roles in one resolution over their distinct raw strings)
    roles = pl.concat(
        [
            out.select("article_id", pl.col("country_iso3").alias("event_country"), pl.col(c).alias("raw"))
            for c, _ in ACTOR_COLUMNS
        ]
    ).drop_nulls("raw")
    free, ctx = _resolve_actors(roles, ranks)
    names = ref.actor_names()
    name_df = pl.DataFrame({"actor_id": list(names), "_aname": list(names.values())})
    for col, prefix in ACTOR_COLUMNS:
        out = out.drop([c for c in (f"{prefix}_id", f"{prefix}_name") if c in out.columns])
        out = out.join(
            free.rename({"raw": col, "actor_id": "_a1"}), on=col, how="left", maintain_order="left"
        )
        if ctx is not None:
            out = (
                out.with_columns(pl.col("country_iso3").alias("_ec"))
                .join(
                    ctx.rename({"raw": col, "event_country": "_ec", "actor_id": "_a2"}),
                    on=["article_id", "_ec", col],
                    how="left",
                    nulls_equal=True,
                    maintain_order="left",
                )
                .drop("_ec")
            )
        else:
            out = out.with_columns(pl.lit(None, pl.String).alias("_a2"))
        out = out.with_columns(pl.coalesce("_a1", "_a2").alias(f"{prefix}_id")).drop("_a1", "_a2")
    out = _resolve_anaphora(out, roles["raw"].unique().to_list(), article_countries)
    for _, prefix in ACTOR_COLUMNS:
        out = out.join(
            name_df.rename({"actor_id": f"{prefix}_id", "_aname": f"{prefix}_name"}),
            on=f"{prefix}_id",
            how="left",
            maintain_order="left",
        )

    # unresolved raw strings
    parts = [
        out.filter(pl.col("location_raw").is_not_null() & pl.col("place_id").is_null()).select(
            pl.lit("place").alias("kind"), pl.col("location_raw").alias("raw_text"), "article_id"
        )
    ]
    for col, prefix in ACTOR_COLUMNS:
        parts.append(
            out.filter(pl.col(col).is_not_null() & pl.col(f"{prefix}_id").is_null()).select(
                pl.lit("actor").alias("kind"), pl.col(col).alias("raw_text"), "article_id"
            )
        )
    unresolved = (
        pl.concat(parts)
        .group_by(["kind", "raw_text", "article_id"])
        .agg(pl.len().cast(pl.Int32).alias("mentions"))
        .sort(["kind", "raw_text", "article_id"])
    )
    out = apply_target_conventions(out, names)
    used = out["place_id"].drop_nulls().unique()
    places_out = allp.filter(pl.col("place_id").is_in(used.implode())).drop("precision")
    return Normalized(events=out, places=places_out, unresolved=unresolved)


# ------------------------------------------------------------------------------------------- monitoring


def unresolved_share(events: pl.DataFrame, unresolved: pl.DataFrame | None = None, top: int = 10) -> dict:
    """Share of actor and place mentions that resolved to nothing, and the most frequent unknown strings.

    `events`: normalized mentions -- `normalize_events(...).events` or rows of `raw.event_mentions` -- with
    any of the raw/id column pairs (actor_raw/actor_id, associated_actor_raw/associated_actor_id,
    target_raw/target_id, location_raw/place_id). `unresolved`: optionally `Normalized.unresolved` or rows of
    `raw.unresolved_mentions` (kind, raw_text, mentions): the top list then comes from it (e.g. over the
    whole warehouse) instead of from `events`. For a Dagster asset check:

        s = unresolved_share(conn.sql("SELECT * FROM raw.event_mentions").pl())
        passed = s["actor_unresolved_share"] <= 0.2 and s["place_unresolved_share"] <= 0.2

    Returns {actor_mentions, actor_unresolved, actor_unresolved_share, place_mentions, place_unresolved,
    place_unresolved_share, top_unknown: [{kind, raw_text, mentions}, ...]} (shares are 0.0 when there is
    nothing to count).
    """
    pairs = [(raw, f"{p}_id", "actor") for raw, p in ACTOR_COLUMNS] + [("location_raw", "place_id", "place")]
    parts = []
    for raw, rid, kind in pairs:
        if raw in events.columns and rid in events.columns:
            parts.append(
                events.select(
                    pl.lit(kind).alias("kind"),
                    pl.col(raw).cast(pl.String).alias("raw_text"),
                    pl.col(rid).is_null().alias("missing"),
                ).filter(pl.col("raw_text").is_not_null())
            )
    long = (
        pl.concat(parts)
        if parts
        else pl.DataFrame(schema={"kind": pl.String, "raw_text": pl.String, "missing": pl.Boolean})
    )
    out: dict = {}
    for kind in ("actor", "place"):
        k = long.filter(pl.col("kind") == kind)
        n, miss = k.height, int(k["missing"].sum()) if k.height else 0
        out[f"{kind}_mentions"], out[f"{kind}_unresolved"] = n, miss
        out[f"{kind}_unresolved_share"] = miss / n if n else 0.0
    if unresolved is not None and {"kind", "raw_text"} <= set(unresolved.columns):
        cnt = pl.col("mentions").sum() if "mentions" in unresolved.columns else pl.len()
        topdf = unresolved.group_by("kind", "raw_text").agg(cnt.cast(pl.Int64).alias("mentions"))
    else:
        topdf = (
            long.filter(pl.col("missing"))
            .group_by("kind", "raw_text")
            .agg(pl.len().cast(pl.Int64).alias("mentions"))
        )
    topdf = topdf.sort(["mentions", "kind", "raw_text"], descending=[True, False, False]).head(top)
    out["top_unknown"] = topdf.select("kind", "raw_text", "mentions").to_dicts()
    return out
