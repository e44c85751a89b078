"""Fast sentence splitter with character offsets.

Paragraphs are lines (trafilatura emits one paragraph per line); inside a paragraph a sentence ends at
`.`, `!` or `?` (plus closing quotes/brackets) followed by whitespace and something that can start a
sentence, unless the word before the period is an abbreviation ("U.S.", "Sept.", "Gen.", initials).
Only the candidate boundaries are inspected in Python; the scanning is done by compiled regexes.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Sentence(NamedTuple):
    index: int
    start: int
    end: int
    text: str
    paragraph: int


ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "brig",
        "rev",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "fig",
        "approx",
        "est",
        "dept",
        "univ",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "vs",
        "etc",
        "al",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "a.m",
        "p.m",
        "km",
        "sq",
    ]
)
# Abbreviations that are commonly sentence-final (so a following capital does start a new sentence).
_FINAL_OK = frozenset({"etc", "u.s", "u.k", "u.n", "a.m", "p.m", "inc", "ltd", "co", "corp", "jr", "sr"})
# Words that, when capitalised after "U.S." etc., show a new sentence starts.
_SENT_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "But",
        "And",
        "Also",
        "However",
        "Meanwhile",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "According",
        "After",
        "Before",
        "Earlier",
        "Later",
        "On",
        "Since",
        "When",
        "While",
        "Some",
        "Many",
    ]
)

_PARA_RE = re.compile(r"[^\n]+")
_BOUNDARY_RE = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“”‘’«(\[]?[A-Z0-9ÀÁÂÄÇÉÈÊÎÏÔÖÛÜ])""")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD_RE = re.compile(r"""\s+["'“”‘’«(\[]?([\w.]+)""")


def _is_abbreviation(para: str, pos: int, end: int, next_word: str) -> bool:
    """`pos`..`end` is the boundary match ('.' plus closing quotes) in `para`."""
    if para[pos] != "." or end - pos > 1:
        return False
    m = _WORD_BEFORE_RE.search(para, max(0, pos - 12), pos)
    if not m:
        return False
    word = m.group(1).rstrip(".").lower()
    if not word:
        return False
    if word in ("a.m", "p.m"):  # "shortly after 2:30 a.m. Strikes also hit ...": a clock time ends sentences
        return next_word.rstrip(".") in (
            "GMT",
            "UTC",
            "ET",
            "EST",
            "EDT",
            "BST",
            "CET",
            "local",
            "Moscow",
            "Kyiv",
        )
    if word in ABBREVIATIONS:
        if word in _FINAL_OK and next_word in _SENT_STARTERS:
            return False
        if word in ("no", "nos"):
            return next_word[:1].isdigit()
        # "Sept. 16", "Gen. Smith", "No. 5" -> abbreviation
        return True
    # single initials "J." or dotted acronyms "U.S" not in the list
    if len(word) == 1 and word.isalpha() and m.group(1)[0].isupper():
        return next_word not in _SENT_STARTERS
    return "." in word and all(len(p) <= 2 for p in word.split(".")) and next_word not in _SENT_STARTERS


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    para_idx = -1
    for pm in _PARA_RE.finditer(text):
        para = pm.group(0)
        if not para.strip():
            continue
        para_idx += 1
        base = pm.start()
        start = 0
        for bm in _BOUNDARY_RE.finditer(para):
            nm = _NEXT_WORD_RE.match(para, bm.end())
            next_word = nm.group(1) if nm else ""
            if _is_abbreviation(para, bm.start(), bm.end(), next_word):
                continue
            _emit(out, text, base + start, base + bm.end(), para_idx)
            start = bm.end()
        _emit(out, text, base + start, base + len(para), para_idx)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if not stripped:
        return
    s = start + (len(seg) - len(seg.lstrip()))
    e = s + len(stripped)
    out.append(Sentence(len(out), s, e, stripped, para))
