"""Trigger lexicon: which words make a sentence an event candidate, and of which type.

The lexicon lives in `pipelines/reference/triggers.yaml`; it is compiled once (lazily) into a single
alternation regex, phrases sorted longest first so that "suicide car bomb" wins over "car bomb" and
"bomb". Context cues (aircraft, artillery, civilians...) decide the type of generic triggers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

TRIGGERS_PATH = Path(__file__).resolve().parents[1] / "reference" / "triggers.yaml"
EVENT_TYPES_PATH = Path(__file__).resolve().parents[1] / "reference" / "event_types.csv"


class TriggerHit(NamedTuple):
    start: int
    end: int
    text: str
    group: str
    event_type: str
    sub_event_type: str
    strength: str  # strong | generic | casualty


class Lexicon(NamedTuple):
    regex: re.Pattern
    groups: list[tuple[str, str, str, str]]  # per phrase index: (group, event_type, sub_event_type, strength)
    cues: dict[str, re.Pattern]
    #: on the lower-cased text: a non-word character followed by the first letters of some phrase (None: the
    #: phrases' starts could not be enumerated -> plain scan); see `find_triggers`
    prefilter: re.Pattern | None = None


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    data = yaml.safe_load(Path(path or TRIGGERS_PATH).read_text(encoding="utf-8"))
    entries: list[tuple[str, tuple[str, str, str, str]]] = []
    for g in data["groups"]:
        meta = (g["name"], g.get("event_type") or "other", g.get("sub_event_type") or "Other", g["strength"])
        for ph in g["phrases"]:
            entries.append((str(ph), meta))
    # longest (by literal length of the fragment) first; stable for equal lengths
    entries.sort(key=lambda e: -len(e[0]))
    regex = _dispatch_regex([ph for ph, _ in entries])
    cues = {
        k: re.compile(
            r"(?<![\w-])(?:" + "|".join(sorted(map(str, v), key=len, reverse=True)) + r")(?![\w-])", re.I
        )
        for k, v in (data.get("context_cues") or {}).items()
    }
    return Lexicon(regex, [m for _, m in entries], cues, _prefilter([ph for ph, _ in entries]))


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """Lower-cased characters a parsed regex can start with (None = unknown), and whether it can be empty."""
    from re import _constants as C  # noqa: N812 - stdlib internals, stable across 3.11/3.12

    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av).lower())
            return out, False
        if op is C.IN:
            for o, a in av:
                if o is C.LITERAL:
                    out.add(chr(a).lower())
                elif o is C.RANGE:
                    out |= {chr(c).lower() for c in range(a[0], a[1] + 1)}
                else:
                    return None, False
            return out, False
        if op is C.SUBPATTERN or op is C.BRANCH or op in (C.MAX_REPEAT, C.MIN_REPEAT):
            if op is C.SUBPATTERN:
                alts, min_rep = [av[-1]], 1
            elif op is C.BRANCH:
                alts, min_rep = av[1], 1
            else:
                alts, min_rep = [av[2]], av[0]
            can_be_empty = False
            for alt in alts:
                f, opt = _first_chars(list(alt))
                if f is None:
                    return None, False
                out |= f
                can_be_empty |= opt
            if min_rep > 0 and not can_be_empty:
                return out, False
            continue
        return None, False
    return out, True


def _dispatch_regex(phrases: list[str]) -> re.Pattern:
    """One alternation, dispatched on the first letter: Python's `re` tries every alternative at every
    word start otherwise (~5x slower on a typical article)."""
    from re import _parser

    by_char: dict[str, list[str]] = {}
    fallback: list[str] = []
    for i, ph in enumerate(phrases):
        try:
            chars, empty = _first_chars(list(_parser.parse(ph)))
        except Exception:  # pragma: no cover - defensive
            chars, empty = None, True
        if chars is None or empty:
            fallback.append(f"(?P<t{i}_x>{ph})")
            continue
        for c in sorted(chars):
            by_char.setdefault(c, []).append(f"(?P<t{i}_{ord(c)}>{ph})")
    branches = [
        f"(?=[{re.escape(c)}{re.escape(c.upper())}])(?:{'|'.join(alts)})"
        for c, alts in sorted(by_char.items())
    ]
    branches += fallback
    return re.compile(r"(?<![\w-])(?:" + "|".join(branches) + r")(?![\w-])", re.IGNORECASE)


#: How many leading characters of each phrase the prefilter checks (more: fewer false candidates).
_PREFIX_LEN = 5
#: The only non-ASCII characters that `re.IGNORECASE` matches to ASCII letters (İ ı ſ K, found by testing
#: every code point against [a-z] and each letter). Texts with one of them take the plain scan.
_CASE_EXOTIC = "\u0130\u0131\u017f\u212a"


_STOP = "\0"  # marks a prefix cut short by an operator `_prefixes` does not enumerate


def _prefixes(items, k: int) -> set[str] | None:
    """The lower-cased strings of length <= k a parsed (IGNORECASE) phrase can start with; shorter only where
    the phrase ends, or where an operator we do not enumerate (classes, lookarounds, unbounded repeats)
    cuts them short -- a superset of the phrase's matches' starts, which is all the prefilter needs.
    None: the phrase could start with anything (an empty prefix) or with a non-ASCII character."""
    keys = {x.rstrip(_STOP) for x in _expand(items, k)}
    return None if "" in keys or not all(x.isascii() for x in keys) else keys


def _expand(items, k: int) -> set[str]:
    """`_prefixes` without the final clean-up: strings ending in _STOP are cut short (not to be extended)."""
    from re import _constants as C  # noqa: N812 - stdlib internals, stable across 3.11/3.12

    def cut(x: str) -> str:
        core = x.rstrip(_STOP)
        return core[:k] if len(core) >= k else x

    out: set[str] = {""}
    for op, av in items:
        grown: set[str] = set()
        for s in out:
            room = k - len(s)
            if s.endswith(_STOP) or room <= 0:
                grown.add(s)
                continue
            tails: set[str] | None
            if op is C.LITERAL:
                tails = {chr(av).lower()}
            elif op is C.IN and all(o is C.LITERAL or (o is C.RANGE and a[1] - a[0] < 64) for o, a in av):
                tails = set()
                for o, a in av:
                    lo, hi = (a, a) if o is C.LITERAL else a
                    tails |= {chr(c).lower() for c in range(lo, hi + 1)}
            elif op is C.SUBPATTERN:
                tails = _expand(list(av[-1]), room)
            elif op is C.BRANCH:
                tails = set().union(*(_expand(list(alt), room) for alt in av[1]))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] <= 4:
                lo, hi, body = av
                tails, reps = set(), {""}
                body_pre = _expand(list(body), room)
                for n in range(hi + 1):
                    if n >= lo:
                        tails |= reps
                    reps = {r if r.endswith(_STOP) else r + b for r in reps for b in body_pre}
            else:
                tails = None
            if tails is None or not all(t.isascii() for t in tails):
                grown.add(s + _STOP)
            else:
                grown |= {cut(s + t) for t in tails}
        out = grown
    return out


def _trie(keys: set[str]) -> str:
    """A regex alternation of literal keys, factored by first character (so `re` skips non-matching
    alternatives with one comparison each)."""
    by_first: dict[str, set[str]] = {}
    for key in keys:
        if key:
            by_first.setdefault(key[0], set()).add(key[1:])
    alts = [
        re.escape(c) + (f"(?:{_trie(rest)})" if rest - {""} else "") for c, rest in sorted(by_first.items())
    ]
    if "" in keys:
        alts.append("")
    return "|".join(alts)


def _prefilter(phrases: list[str]) -> re.Pattern | None:
    """Where a phrase can start, on the lower-cased text: right after a character that is not [a-z0-9_-]
    (a superset of the phrase regex's `(?<![\w-])`), before one of the phrases' first letters."""
    from re import _parser

    keys: set[str] = set()
    for ph in phrases:
        try:
            pre = _prefixes(list(_parser.parse(ph, re.IGNORECASE)), _PREFIX_LEN)
        except Exception:  # pragma: no cover - defensive
            pre = None
        if pre is None:
            return None
        keys |= pre
    return re.compile(rf"[^a-z0-9_-](?=(?:{_trie(keys)}))")


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[TriggerHit]:
    """Trigger phrases in text[start:end], left to right, non-overlapping (as `regex.finditer`).

    Fast path: the phrase regex is tried only where the prefilter says a phrase can start (and at `start`):
    the same matches as scanning every position, at a fraction of the cost (most words start no phrase)."""
    lex = load_lexicon()
    end = len(text) if end is None else end
    rx, groups = lex.regex, lex.groups
    if lex.prefilter is None or (not text.isascii() and any(c in text for c in _CASE_EXOTIC)):
        matches = rx.finditer(text, start, end)
    else:
        low = text.lower()
        if len(low) != len(text):  # pragma: no cover - excluded by _CASE_EXOTIC; offsets must line up
            matches = rx.finditer(text, start, end)
        else:
            matches = _matches_at(
                rx, text, end, [start, *(c.end() for c in lex.prefilter.finditer(low, start, end))]
            )
    out = []
    for m in matches:
        idx = int(m.lastgroup[1:].partition("_")[0])
        g, et, st, strength = groups[idx]
        out.append(TriggerHit(m.start(), m.end(), m.group(0), g, et, st, strength))
    return out


def _matches_at(rx: re.Pattern, text: str, end: int, candidates: list[int]) -> Iterator[re.Match]:
    """`rx.finditer` restricted to candidate start positions (ascending), skipping overlaps like finditer."""
    last = -1
    for p in candidates:
        if p < last:
            continue
        m = rx.match(text, p, end)
        if m is not None:
            last = m.end()
            yield m


def cue_types(text: str, start: int = 0, end: int | None = None) -> set[str]:
    """Which context cue families appear in text[start:end]."""
    lex = load_lexicon()
    e = len(text) if end is None else end
    return {k for k, rx in lex.cues.items() if k not in _NOT_TYPE_CUES and rx.search(text, start, e)}


_NOT_TYPE_CUES = frozenset({"weapon_names"})


def cue_pattern(name: str) -> re.Pattern | None:
    return load_lexicon().cues.get(name)


@lru_cache(maxsize=1)
def sub_event_types() -> dict[str, str]:
    """ACLED sub-event type -> coarse event type, from reference/event_types.csv."""
    import csv

    with open(EVENT_TYPES_PATH, encoding="utf-8") as fh:
        return {row["sub_event_type"]: row["event_type"] for row in csv.DictReader(fh)}
