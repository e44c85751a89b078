"""Trigger lexicon: which words make a sentence an event candidate, and of which type.

The lexicon lives in `pipelines/reference/triggers.yaml`; it is compiled once (lazily) into a single
alternation regex, phrases sorted longest first so that "suicide car bomb" wins over "car bomb" and
"bomb". Context cues (aircraft, artillery, civilians...) decide the type of generic triggers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from . import prefilter

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
    prefilter: prefilter.Prefiltered  # where a phrase can start (see `find_triggers`)
    cue_prefilters: dict[str, prefilter.Prefiltered]  # the same for each cue pattern


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
    return Lexicon(
        regex,
        [m for _, m in entries],
        cues,
        prefilter.build(regex, [ph for ph, _ in entries]),
        {k: prefilter.build(rx) for k, rx in cues.items()},
    )


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


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[TriggerHit]:
    """Trigger phrases in text[start:end], left to right, non-overlapping (as `regex.finditer`); the phrase
    regex is tried only where a phrase can start (`prefilter`): same matches, a fraction of the cost."""
    lex = load_lexicon()
    groups = lex.groups
    out = []
    for m in prefilter.finditer(lex.prefilter, text, start, end):
        idx = int(m.lastgroup[1:].partition("_")[0])
        g, et, st, strength = groups[idx]
        out.append(TriggerHit(m.start(), m.end(), m.group(0), g, et, st, strength))
    return out


def cue_types(text: str, start: int = 0, end: int | None = None) -> set[str]:
    """Which context cue families appear in text[start:end]."""
    lex = load_lexicon()
    return {
        k
        for k, pf in lex.cue_prefilters.items()
        if k not in _NOT_TYPE_CUES and prefilter.search(pf, text, start, end)
    }


_NOT_TYPE_CUES = frozenset({"weapon_names"})


def cue_pattern(name: str) -> re.Pattern | None:
    return load_lexicon().cues.get(name)


@lru_cache(maxsize=1)
def sub_event_types() -> dict[str, str]:
    """ACLED sub-event type -> coarse event type, from reference/event_types.csv."""
    import csv

    with open(EVENT_TYPES_PATH, encoding="utf-8") as fh:
        return {row["sub_event_type"]: row["event_type"] for row in csv.DictReader(fh)}
