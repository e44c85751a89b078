"""Killed and wounded figures: digits and number words ("six", "dozens" = 12, "several" = 3), "at least 20",
ranges and "between 20 and 30" (lowest figure). `find_casualties(text, start, end)` returns the figures
with their positions so the coder can attribute them to the nearest event trigger.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import prefilter


class Casualty(NamedTuple):
    kind: str  # killed | injured
    count: int
    start: int
    end: int
    victims: str  # the words naming the victims, if any ("SDF fighters", "civilians", "of its fighters")
    revised: bool = False  # "the toll rose to 40": replaces earlier figures instead of adding to them


_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_VAGUE = {
    "a dozen": 12,
    "dozen": 12,
    "dozens": 12,
    "dozens of": 12,
    "scores": 20,
    "scores of": 20,
    "several": 3,
    "a few": 3,
    "few": 3,
    "some": 3,
    "a number of": 3,
    "many": 3,
    "hundreds": 100,
    "hundreds of": 100,
    "a couple of": 2,
    "a handful of": 3,
    "tens of": 10,
    "tens": 10,
    "numerous": 3,
}
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|a hundred|one hundred|a dozen|a couple of|a handful of|a number of|dozens(?: of)?|"
    r"scores(?: of)?|hundreds(?: of)?|a thousand|one thousand|thousands(?: of)?|tens of|several|a few|numerous|an?)"
)
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUMWORD})(?![\w-])"
_QUAL = r"(?:(?:at least|at most|up to|as many as|more than|over|nearly|almost|around|about|some|roughly|approximately|an estimated|a total of|another|a further|a further of|only)\s+)?"
_RANGE = rf"(?P<n>{_NUM})(?:\s*(?:-|–|to|or)\s*{_NUM})?"
_RANGE_B = rf"(?:between\s+(?P<nb>{_NUM})\s+and\s+{_NUM})"
_COUNT = rf"(?:{_RANGE_B}|{_QUAL}{_RANGE})"
_STOP = r"(?:were|was|have|has|had|are|been|being|and|in|on|at|by|including|when|after|as|while|during|from|with|near|who|which|that|killed|wounded|injured|dead|died|hurt|others?)"
_VICTIM = rf"(?P<v>(?:\s+of\s+(?:its|their|our|the|his|them)(?:\s+(?!{_STOP}\b)[\w'’.-]+)?|(?:\s+(?!{_STOP}\b)[\w'’.-]+){{0,3}}(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){{1,4}})?))"
_KILL = r"(?:killed|killing|kills|dead|died|dying|lost their lives|perished|slain|death toll|deaths|fatalities|massacred|executed|shot dead|bodies|martyred)"
_WOUND = r"(?:wounded|wounding|injured|injuring|hurt|injuries|injures|wounds)"

_AFTER_VERB_RE = re.compile(
    rf"(?<![\w-])(?P<verb>killed|killing|kills|left|leaving|wounded|wounding|injured|injuring|claimed the lives of|"
    rf"executed|massacred|martyring|martyred|shot dead|gunned down)\s+(?P<count>{_COUNT}){_VICTIM}"
    rf"(?P<tail>\s+(?:dead|killed|wounded|injured|hurt))?",
    re.IGNORECASE,
)
_BEFORE_VERB_RE = re.compile(
    rf"(?<![\w-])(?P<count>{_COUNT}){_VICTIM}(?:,\s+(?:[\w-]+\s+){{1,2}}of (?:them|whom)\s+[\w -]{{1,30}}?,)?\s+(?:(?:were|was|have been|had been|are|being|got|reportedly|also|"
    rf"were reportedly|have|had)\s+)*(?P<verb>{_KILL}|{_WOUND})(?![\w-])",
    re.IGNORECASE,
)
_TOLL_RE = re.compile(
    rf"(?<![\w-])(?P<verb>death toll|toll|casualties|number of (?:dead|injured|wounded))\s+(?:\w+\s+){{0,3}}?"
    rf"(?P<how>rose|risen|climbed|reached|stood at|stands at|is|was|of|to|at)\s+(?:to\s+)?(?P<count>{_COUNT})"
    rf"|(?<![\w-])(?P<verb2>number of (?:people |civilians )?(?:killed|dead|injured|wounded))\b[^.;]{{0,160}}?\b"
    rf"(?P<how2>rose|risen|climbed|jumped|reached)\s+(?:to\s+)?(?P<count2>{_COUNT.replace('?P<n>', '?:').replace('?P<nb>', '?:')})",
    re.IGNORECASE,
)
# "the toll had risen to 18 dead and 111 wounded", "By the evening it had risen to 50, with 98 wounded"
_REVISION_RE = re.compile(
    r"\b(?:toll|number of (?:dead|people killed|killed)|it)\s+(?:\w+\s+){0,2}?(?:rose|rises|risen|climbed|jumped|"
    r"increased|reached)\b|\btoll rises\b|\bnow (?:says|said|stands at|put)\b",
    re.I,
)
# explicit zeros: "no casualties were reported", "no one was hurt", "no deaths have been reported"
_ZERO_RE = re.compile(
    r"(?<![\w-])(?:(?P<both>no (?:other )?(?:casualties|injuries|victims)|(?:no|nobody|no one|none) (?:was|were|has been|have been)"
    r" (?:(?:reported )?(?:hurt|injured|wounded|harmed|killed)(?: or (?:hurt|injured|wounded|killed))?)"
    r"|caus(?:ed|ing) no (?:casualties|injuries)|without (?:causing )?(?:any )?(?:casualties|injuries)"
    r"|no (?:damage or )?(?:injuries|casualties) (?:or damage )?(?:were|was|have been|has been) reported)"
    r"|(?P<killed>no (?:deaths|fatalities) (?:were|have been|was|has been) reported|no one (?:was|has been) killed|"
    r"there were no (?:deaths|fatalities)))(?![\w-])",
    re.I,
)
_FAMILY_OF_RE = re.compile(rf"an?\s+family\s+of\s+(?P<n>{_NUM})", re.I)
_AND_MORE_RE = re.compile(
    rf"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?:{_QUAL})(?P<n>{_NUM})(?P<v>(?:\s+(?!{_STOP}\b)[\w'’.-]+){{1,3}})"
    rf"(?![\w'’.-])(?!\s+(?:were|was|have|had)?\s*(?:wounded|injured|hurt|killed|dead))",
    re.I,
)
_AND_BEFORE_RE = re.compile(
    rf"(?:^|(?<=[\s,:;(]))(?:{_QUAL})(?P<n>{_NUM})(?P<v>(?:\s+(?!{_STOP}\b)[\w'’.-]+){{1,3}})\s+and\s+$", re.I
)
_NUMBER_ONLY = re.compile(rf"^(?:between\s+)?{_QUAL}(?P<n>{_NUM})", re.IGNORECASE)


_WEAPON_VICTIMS_RE = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:missiles?|rockets?|drones?|shells?|bombs?|strikes?|airstrikes?|rounds|projectiles?|"
    r"mortars?|tanks?|vehicles?|aircraft|jets?|warplanes?|times|hours|days|weeks|months|years|km|kilometres|"
    r"kilometers|miles|metres|meters|percent|per cent|%)\b",
    re.I,
)
_SUBCOUNT_BEFORE_RE = re.compile(
    r"(?:\bincluding|\bamong them|\bamong whom|\bof whom|\bamong the (?:dead|victims|wounded|injured|killed)|"
    r"\bamong those (?:killed|wounded|injured)|\bmost of them|\bmany of them)\s*(?:were\s+)?(?:at least\s+)?$",
    re.I,
)
_SUBCOUNT_VICTIMS_RE = re.compile(r"\s*of (?:them|whom)\b", re.I)


# where each figure pattern can start (all four are word-bounded): see `prefilter`
_AFTER_VERB_PF = prefilter.build(_AFTER_VERB_RE)
_BEFORE_VERB_PF = prefilter.build(_BEFORE_VERB_RE)
_TOLL_PF = prefilter.build(_TOLL_RE)
_ZERO_PF = prefilter.build(_ZERO_RE)


def totals(cas: list[Casualty]) -> tuple[int | None, int | None]:
    """(killed, wounded) of a clause: the figures added up (different victims), None where none is given."""
    k = [c.count for c in cas if c.kind == "killed"]
    w = [c.count for c in cas if c.kind == "injured"]
    return (sum(k) if k else None), (sum(w) if w else None)


def parse_number(s: str) -> int | None:
    s = s.strip().lower().replace(",", "")
    if s.isdigit():
        return int(s)
    if s in _VAGUE:
        return _VAGUE[s]
    if s in _UNITS:
        return _UNITS[s]
    if s in ("a hundred", "one hundred"):
        return 100
    if s in ("a thousand", "one thousand", "thousands", "thousands of"):
        return 1000
    parts = re.split(r"[- ]", s)
    if parts and parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def _kind(verb: str, tail: str | None) -> str:
    v = (tail or verb).lower().strip()
    if re.match(_WOUND, v):
        return "injured"
    return "killed"


def _count(m: re.Match) -> int | None:
    raw = m.group("nb") or m.group("n")
    return parse_number(raw) if raw else None


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[Casualty]:
    end = len(text) if end is None else end
    out: list[Casualty] = []
    seen: list[tuple[int, int]] = []

    def add(kind: str, n: int | None, s: int, e: int, victims: str) -> None:
        if n is None or n > 100000:
            return
        if _WEAPON_VICTIMS_RE.match(victims):
            return  # "40 missiles killed 10 people": the 40 are not victims
        if _SUBCOUNT_BEFORE_RE.search(text, max(start, s - 40), s) or _SUBCOUNT_VICTIMS_RE.match(victims):
            return  # "14 people, including two children": part of a total already counted
        for a, b in seen:
            if s < b and a < e:
                return
        seen.append((s, e))
        out.append(Casualty(kind, n, s, e, victims.strip()))

    for m in prefilter.finditer(_AFTER_VERB_PF, text, start, end):
        verb = m.group("verb").lower()
        victims = m.group("v") or ""
        if verb in ("left", "leaving") and not m.group("tail"):
            continue
        n = _count(m)
        if re.match(
            r"\s*(?:years?|months?|days?|hours?|weeks?|km|kilometres|kilometers|miles|percent|%)\b",
            victims,
            re.I,
        ):
            continue
        fam = _FAMILY_OF_RE.match(text, m.start("count"), end)
        if fam:  # "shot dead a family of five"
            n = parse_number(fam.group("n"))
        kind = _kind(verb, m.group("tail"))
        add(kind, n, m.start(), m.end(), victims)
        # "killing 4 soldiers and 2 civilians": further figures of the same verb
        pos = m.end()
        while not m.group("tail"):
            more = _AND_MORE_RE.match(text, pos, end)
            if (
                more is None
                or _WEAPON_VICTIMS_RE.match(more.group("v") or "")
                or more.group("n").lower() in ("a", "an", "some", "many")  # "killing three, a source said"
            ):
                break
            add(kind, parse_number(more.group("n")), more.start("n"), more.end(), more.group("v") or "")
            pos = more.end()
    for m in prefilter.finditer(_BEFORE_VERB_PF, text, start, end):
        victims = m.group("v") or ""
        if re.match(r"\s*(?:years?|months?|days?|hours?|weeks?|km|percent|%)\b", victims, re.I):
            continue
        # "Five gunmen and two soldiers were killed": the figure coordinated before this one
        before = _AND_BEFORE_RE.search(text, max(start, m.start() - 60), m.start())
        if (
            before
            and not _WEAPON_VICTIMS_RE.match(before.group("v") or "")
            and before.group("n").lower() not in ("a", "an", "some", "many")
        ):
            add(
                _kind(m.group("verb"), None),
                parse_number(before.group("n")),
                before.start(),
                before.end(),
                before.group("v"),
            )
        raw = (m.group("nb") or m.group("n") or "").lower()
        if raw in ("a", "an") and not victims.strip():
            continue
        add(_kind(m.group("verb"), None), _count(m), m.start(), m.end(), victims)
    for m in prefilter.finditer(_TOLL_PF, text, start, end):
        verb = m.group("verb") or m.group("verb2")
        kind = "injured" if re.search(_WOUND, verb, re.I) else "killed"
        raw = m.group("count") or m.group("count2") or ""
        nm = _NUMBER_ONLY.match(raw)
        n = parse_number(nm.group("n")) if nm else None
        add(kind, n, m.start(), m.end(), "")
    for m in prefilter.finditer(_ZERO_PF, text, start, end):
        if any(m.start() < b and a < m.end() for a, b in seen):
            continue
        seen.append((m.start(), m.end()))
        out.append(Casualty("killed", 0, m.start(), m.end(), ""))
        if m.group("both"):
            out.append(Casualty("injured", 0, m.start(), m.end(), ""))
    if out and _REVISION_RE.search(text, start, end):
        out = [c._replace(revised=True) for c in out]
    out.sort(key=lambda c: c.start)
    return out
