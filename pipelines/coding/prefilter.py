"""Cheaper `finditer` for big word-bounded alternations (the trigger lexicon, date expressions...).

Python's `re` tries every alternative of such a pattern at every word start. A `Prefiltered` pattern
first finds, with one cheap scan, the places where a match can start -- after a non-word character,
before one of the first few characters some alternative can begin with (a trie of literal prefixes) --
and runs the full pattern only there. The matches are exactly those of `regex.finditer`: the prefixes
are a superset of what the alternatives match (anything not enumerated cuts a prefix short), and texts
with the few non-ASCII characters that IGNORECASE equates with ASCII letters take the plain scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

#: How many leading characters of each alternative the prefilter checks (more: fewer false candidates).
PREFIX_LEN = 5
#: The only non-ASCII characters that `re.IGNORECASE` matches to ASCII letters (İ ı ſ K, found by testing
#: every code point against [a-z] and each letter).
CASE_EXOTIC = "\u0130\u0131\u017f\u212a"
_STOP = "\0"  # marks a prefix cut short by an operator `_expand` does not enumerate
_DIGIT, _SPACE = "\x01", "\x02"  # \d and \s in a prefix (neither has case: lower() keeps them)
_ATOMS = {_DIGIT: r"\d", _SPACE: r"\s"}


class Prefiltered(NamedTuple):
    regex: re.Pattern  # the full pattern: its matches are the result
    #: a separator followed by a possible start (on text.lower() when `fold`); None: the plain scan
    pre: re.Pattern | None
    fold: bool  # the pattern is IGNORECASE: prefixes are lower-cased, the scan runs on text.lower()
    head: re.Pattern | None = None  # a possible start, matched at the scan's first position


def build(
    regex: re.Pattern,
    alternatives: list[str] | None = None,
    boundary: str = "[\\w-]",
    fold: bool | None = None,
) -> Prefiltered:
    """A prefilter for `regex`, whose every match starts at a word start: after a character that is not
    `boundary` ("[\\w-]": `(?<![\\w-])`, "\\w": `\\b` before a word character). `alternatives`: the
    pattern's text from the match start (default: the whole pattern; zero-width assertions are skipped,
    whatever follows the enumerated prefix only narrows the matches). When some start cannot be enumerated,
    `pre` is None and `finditer` is the plain scan. `fold`: the alternatives are matched IGNORECASE (default:
    as the pattern's flags say; True for a pattern whose alternatives sit in a scoped `(?i:...)`)."""
    from re import _parser

    fold = bool(regex.flags & re.IGNORECASE) if fold is None else fold
    flags = regex.flags | re.IGNORECASE if fold else regex.flags
    plain = Prefiltered(regex, None, fold)
    keys: set[str] = set()
    for alt in alternatives or [regex.pattern]:
        try:
            parsed = _parser.parse(alt, flags)
        except Exception:  # pragma: no cover - defensive
            return plain
        pre = {x.rstrip(_STOP) for x in _expand(list(parsed), PREFIX_LEN, fold)}
        if "" in pre or not all(x.isascii() for x in pre):
            return plain
        if boundary == "\\w" and not all(x[0] == _DIGIT or x[0].isalnum() for x in pre):
            return plain  # \b before a non-word character means something else
        keys |= pre
    letters = "a-z" if fold else "A-Za-z"
    sep = f"[^{letters}0-9_-]" if boundary == "[\\w-]" else f"[^{letters}0-9_]"
    trie = _trie(keys)
    return Prefiltered(regex, re.compile(f"{sep}(?=(?:{trie}))"), fold, re.compile(f"(?:{trie})"))


def finditer(pf: Prefiltered, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
    """The matches of `pf.regex.finditer(text, start, end)`, faster."""
    end = len(text) if end is None else end
    if pf.pre is None:
        return pf.regex.finditer(text, start, end)
    seg = text[start:end]
    if pf.fold:
        if not seg.isascii() and any(c in seg for c in CASE_EXOTIC):
            return pf.regex.finditer(text, start, end)
        seg = seg.lower()
        if len(seg) != end - start:  # pragma: no cover - excluded by CASE_EXOTIC; offsets must line up
            return pf.regex.finditer(text, start, end)
    cands = [start] if pf.head.match(seg) else []
    cands += [start + m.end() for m in pf.pre.finditer(seg)]
    return _matches_at(pf.regex, text, end, cands)


def search(pf: Prefiltered, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """`pf.regex.search(text, start, end)`."""
    return next(finditer(pf, text, start, end), None)


def _matches_at(rx: re.Pattern, text: str, end: int, candidates: list[int]) -> Iterator[re.Match]:
    """`rx.finditer` restricted to candidate start positions (ascending), skipping overlaps like finditer
    (no alternative matches the empty string: `build` refuses those)."""
    last = -1
    for p in candidates:
        if p < last or p >= end:
            continue
        m = rx.match(text, p, end)
        if m is not None:
            last = m.end()
            yield m


def _expand(items, k: int, fold: bool) -> set[str]:
    """The strings of length <= k a parsed pattern can start with (lower-cased when `fold`); strings ending
    in _STOP are cut short (the pattern goes on with something not enumerated)."""
    from re import _constants as C  # noqa: N812 - stdlib internals, stable across 3.11/3.12

    def cut(x: str) -> str:
        core = x.rstrip(_STOP)
        return core[:k] if len(core) >= k else x

    def char(c: int) -> str:
        return chr(c).lower() if fold else chr(c)

    out: set[str] = {""}
    for op, av in items:
        grown: set[str] = set()
        for s in out:
            room = k - len(s)
            if s.endswith(_STOP) or room <= 0:
                grown.add(s)
                continue
            tails: set[str] | None = None
            if op is C.LITERAL:
                tails = {char(av)}
            elif op is C.IN:
                tails = set()
                for o, a in av:
                    if o is C.LITERAL:
                        tails.add(char(a))
                    elif o is C.RANGE and a[1] - a[0] < 64:
                        tails |= {char(c) for c in range(a[0], a[1] + 1)}
                    elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                        tails.add(_DIGIT)
                    elif o is C.CATEGORY and a is C.CATEGORY_SPACE:
                        tails.add(_SPACE)
                    else:
                        tails = None
                        break
            elif op is C.SUBPATTERN and not (av[1] or av[2]):  # scoped flags, e.g. (?i:...): not enumerated
                tails = _expand(list(av[-1]), room, fold)
            elif op is C.BRANCH:
                tails = set().union(*(_expand(list(alt), room, fold) for alt in av[1]))
            elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                tails = {""}  # zero-width: ignoring a condition only adds candidates
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                lo, hi, body = av
                body_pre = _expand(list(body), room, fold)
                tails, reps = set(), {""}
                top = min(hi, lo + room)  # each repetition adds a character (empty bodies: see below)
                for n in range(top + 1):
                    if n >= lo:
                        tails |= reps
                    if n < top:
                        reps = {r if r.endswith(_STOP) else cut(r + b) for r in reps for b in body_pre}
                if hi > top:
                    tails |= {r if r.endswith(_STOP) else r + _STOP for r in reps}
            if tails is None or not all(t.isascii() for t in tails):
                grown.add(s + _STOP)
            else:
                grown |= {cut(s + t) for t in tails}
        out = grown
    return out


def _trie(keys: set[str]) -> str:
    """A regex alternation of the prefixes, factored by first character (so `re` skips non-matching
    alternatives with one comparison each)."""
    by_first: dict[str, set[str]] = {}
    for key in keys:
        if key:
            by_first.setdefault(key[0], set()).add(key[1:])
    alts = []
    for c, rest in sorted(by_first.items()):
        atom = _ATOMS.get(c) or re.escape(c)
        alts.append(atom + (f"(?:{_trie(rest)})" if rest - {""} else ""))
    if "" in keys:
        alts.append("")
    return "|".join(alts)
