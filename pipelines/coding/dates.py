"""Event dates resolved against the publication date.

`find_date(text, published)` returns the date expression nearest to a position (or the first one) as a
`DateRef(date, precision, raw, start, end, background)`; precision follows ACLED's time_precision
(1 day, 2 week, 3 month or coarser). Weekdays are the most recent such day on or before publication;
"overnight", "before dawn", "today" are the publication day; "yesterday" the day before; "last week" the
week before (precision 2); "on Sept. 16" / "16 September 2017" explicit days (the year, when missing, is
the one that puts the date on or before publication). `background` marks years or dates far older than
the reporting window ("in 2015", "last year", "three years ago").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from . import prefilter


class DateRef(NamedTuple):
    date: date | None
    precision: int
    raw: str
    start: int
    end: int
    background: bool = False
    relative: str | None = None  # "same" / "next" / "prev": relative to the previous event's date


MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMWORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "few": 3,
    "a few": 3,
}
_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
#: The date expressions, one alternative each (word-bounded by _DATE_RE).
_DATE_ALTS = (
    rf"(?P<md>{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?)"
    rf"|(?P<dm>(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON2}(?:,?\s+(?P<year2>(?:19|20)\d\d))?)"
    r"|(?P<iso>(?P<y3>20\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))"
    r"|(?P<wd>(?:(?:overnight|before dawn|at dawn|in the early hours|early hours|the night)\s+(?:on|of|into|to)\s+|(?:on|last|this|early|late|overnight|from)\s+)?"
    r"(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?)"
    r"|(?P<yday>yesterday|last night)"
    r"|(?P<same>(?:on\s+|later\s+|earlier\s+)?(?:the\s+same\s+day|that\s+day|the\s+same\s+night|that\s+night|the\s+following\s+day|the\s+next\s+day|the\s+day\s+before|the\s+previous\s+day|hours\s+later))"
    r"|(?P<today>today|overnight|before dawn|at dawn|this morning|this afternoon|this evening|tonight|earlier today)"
    r"|(?P<lastwk>last week|earlier this week|this week|past week|the previous week)"
    r"|(?P<lastmo>last month|earlier this month|this month|past month)"
    r"|(?P<lastyr>last year|earlier this year|this year|past year)"
    r"|(?P<ago>(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+(?P<unit>days?|weeks?|months?|years?)\s+(?:ago|earlier|before))"
    r"|(?P<lasted>(?:lasted|for|over|past|nearly|almost|more than)\s+(?:\w+\s+)?(?P<n2>\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s+years)"
    rf"|(?P<monyr>(?:(?:in|since|from|until|by|during|last|of)\s+)?(?:(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)\s*)?"
    rf"{_MON.replace('?P<mon>', '?P<mon4>')}(?:\s+(?:of\s+)?(?P<y4>(?:19|20)\d\d|this\s+year|last\s+year))?)"
    r"|(?P<yr>(?:in|since|during|of|by|from|until|before|after|between)\s+(?:(?:early|late|mid-?|the\s+end\s+of|the\s+summer\s+of|the\s+spring\s+of|the\s+autumn\s+of|the\s+winter\s+of)\s*)?(?P<y5>(?:19|20)\d\d))"
)
_DATE_RE = re.compile(r"(?<![\w-])(?:" + _DATE_ALTS + r")(?![\w-])", re.IGNORECASE)
#: where a date expression can start (see `prefilter`)
_DATE_PRE = prefilter.build(_DATE_RE, [_DATE_ALTS])
_DATELINE_RE = re.compile(
    rf"^[A-Z][A-Z .'-]+,\s+(?:{_MON})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?\s*\([A-Z][\w .&'-]{{1,40}}\)\s*[-–—]",
)


def _num(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else _NUMWORDS.get(s, 1)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(mon: int, day: int, ref: date) -> date | None:
    d = _safe_date(ref.year, mon, day)
    if d is None:
        return None
    if d > ref + timedelta(days=7):
        d = _safe_date(ref.year - 1, mon, day)
    return d


def resolve(m: re.Match, ref: date | None) -> DateRef | None:
    raw, s, e = m.group(0), m.start(), m.end()
    g = m.group
    if g("iso"):
        d = _safe_date(int(g("y3")), int(g("m3")), int(g("d3")))
        return DateRef(d, 1, raw, s, e, _old(d, ref)) if d else None
    if g("md") or g("dm"):
        mon = MONTHS[(g("mon") or g("mon2")).lower().rstrip(".")]
        day = int(g("day") or g("day2"))
        year = g("year") or g("year2")
        if year:
            d = _safe_date(int(year), mon, day)
        elif ref:
            d = _year_for(mon, day, ref)
        else:
            d = None
        if year is None and ref is None:
            return None
        return DateRef(d, 1, raw, s, e, _old(d, ref)) if d else None
    if g("same"):
        low = raw.lower()
        rel = (
            "next"
            if ("following" in low or "next" in low)
            else "prev"
            if ("before" in low or "previous" in low)
            else "same"
        )
        return DateRef(None, 1, raw, s, e, False, rel)
    if g("monyr"):
        mon_raw = g("mon4")
        y4 = g("y4")
        prefixed = raw[: raw.find(mon_raw)].strip() != ""
        if not y4 and (not prefixed or (mon_raw.lower() == "may" and mon_raw != "May")):
            return None  # a bare month name ("may", "march") is too ambiguous
        mon = MONTHS[mon_raw.lower().rstrip(".")]
        if y4 and y4[0].isdigit():
            d = _safe_date(int(y4), mon, 15)
        elif ref is None:
            return None
        elif y4 and y4.lower().startswith("last"):
            d = _safe_date(ref.year - 1, mon, 15)
        else:
            d = _safe_date(ref.year if mon <= ref.month else ref.year - 1, mon, 15)
            if raw.lower().startswith("last") and d and d.month == ref.month and d.year == ref.year:
                d = _safe_date(ref.year - 1, mon, 15)
        if d is None:
            return None
        same_month = ref is not None and d.year == ref.year and d.month == ref.month
        prev_month = ref is not None and (ref.replace(day=1) - timedelta(days=1)).replace(day=15) == d
        bg = not same_month and not (prev_month and ref.day <= 10) if ref is not None else True
        if raw.lower().startswith("since"):
            bg = True
        return DateRef(d, 3, raw, s, e, bg)
    if ref is None:
        # without a reference only absolute background years can be recognised
        if g("lasted") or g("ago") and g("unit").lower().startswith("year"):
            return DateRef(None, 3, raw, s, e, True)
        return None
    if g("wd"):
        wd = WEEKDAYS[g("wday").lower()]
        back = (ref.weekday() - wd) % 7
        if raw.lower().startswith("last") and back == 0:
            back = 7
        return DateRef(ref - timedelta(days=back), 1, raw, s, e)
    if g("yday"):
        return DateRef(ref - timedelta(days=1), 1, raw, s, e)
    if g("today"):
        return DateRef(ref, 1, raw, s, e)
    if g("lastwk"):
        low = raw.lower()
        return DateRef(
            ref - timedelta(days=7 if low.startswith(("last", "the previous")) else 0), 2, raw, s, e
        )
    if g("lastmo"):
        low = raw.lower()
        if low.startswith("last"):
            first = ref.replace(day=1) - timedelta(days=1)
            return DateRef(first.replace(day=15), 3, raw, s, e)
        return DateRef(ref, 3, raw, s, e)
    if g("lastyr"):
        low = raw.lower()
        return DateRef(None, 3, raw, s, e, low.startswith("last") or low.startswith("past"))
    if g("ago"):
        n = _num(g("n"))
        unit = g("unit").lower()
        if unit.startswith("day"):
            return DateRef(ref - timedelta(days=n), 1, raw, s, e, n > 31)
        if unit.startswith("week"):
            return DateRef(ref - timedelta(days=7 * n), 2, raw, s, e, n > 4)
        if unit.startswith("month"):
            return DateRef(ref - timedelta(days=30 * n), 3, raw, s, e, True)
        return DateRef(None, 3, raw, s, e, True)
    if g("lasted"):
        return DateRef(None, 3, raw, s, e, True)
    if g("yr"):
        y = int(g("y5"))
        return DateRef(None, 3, raw, s, e, y < ref.year or raw.lower().startswith(("since", "from")))
    return None


def _old(d: date | None, ref: date | None, days: int = 31) -> bool:
    return bool(d and ref and (ref - d).days > days)


def find_dates(text: str, ref: date | None, start: int = 0, end: int | None = None) -> list[DateRef]:
    out = []
    for m in prefilter.finditer(_DATE_PRE, text, start, end):
        r = resolve(m, ref)
        if r is not None:
            out.append(r)
    return out


def pick_date(refs: list[DateRef], anchor: int) -> DateRef | None:
    """The non-background dated expression nearest to `anchor` (a trigger position)."""
    best = None
    for r in refs:
        if r.background or r.date is None:
            continue
        dist = r.start - anchor if r.start >= anchor else anchor - r.end
        if best is None or dist < best[0]:
            best = (dist, r)
    return best[1] if best else None


def dateline_date(text: str, ref: date | None) -> date | None:
    """ "BEIRUT, Sept 16 (Reuters) -" at the start of the text -> that day."""
    m = _DATELINE_RE.search(text[:300].lstrip())
    if not m:
        return None
    mon = MONTHS[m.group("mon").lower().rstrip(".")]
    day = int(m.group("day"))
    if m.group("year"):
        return _safe_date(int(m.group("year")), mon, day)
    if ref:
        return _year_for(mon, day, ref)
    return None
