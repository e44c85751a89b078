"""Actor and place mentions of an article.

Names come from the normalization lexicon (`pipelines.normalize.lexicon.find_spans`: actor aliases and
the GeoNames gazetteer, word-bounded, longest match). The coder adds only *grammar*, no dictionary:
noun phrases headed by a force noun ("pro-Damascus military alliance", "the warplanes", "gunmen"),
possessive pronoun phrases to resolve to the speaker ("our units", "its fighters"), and, when the
lexicon is not installed, capitalised names after "town of", "in ... province" and the like.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from . import prefilter


class Mention(NamedTuple):
    kind: str  # actor | place | pronoun
    start: int
    end: int
    text: str
    key: str | None
    source: str  # lexicon | np | pronoun | heuristic


SpanFinder = Callable[[str], Sequence[Any]]

_FUNCTION_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "And",
        "But",
        "Also",
        "Meanwhile",
        "With",
        "While",
        "When",
        "After",
        "Before",
        "As",
        "Such",
        "This",
        "That",
        "These",
        "Those",
        "Its",
        "Their",
        "Our",
        "His",
        "Her",
        "Some",
        "Many",
        "Several",
        "Both",
        "All",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "Dozens",
        "Hundreds",
        "Other",
        "More",
        "Most",
        "Last",
        "Then",
        "Since",
        "If",
        "Yet",
        "Still",
        "However",
        "According",
        "Of",
        "For",
        "By",
        "From",
        "To",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Earlier",
        "Later",
        "It",
        "They",
        "We",
        "He",
        "She",
        "I",
        "Over",
        "Under",
        "Into",
        "Near",
    ]
)
_LOWER_MODIFIERS = frozenset(
    [
        "government",
        "regime",
        "military",
        "opposition",
        "rebel",
        "militant",
        "jihadist",
        "security",
        "armed",
        "tribal",
        "local",
        "allied",
        "enemy",
        "state",
        "federal",
        "special",
        "elite",
        "islamist",
        "paramilitary",
        "ground",
        "fighter",
        "war",
        "foreign",
        "unidentified",
        "unknown",
        "masked",
        "pro-government",
        "anti-government",
        "rival",
        "army",
        "navy",
        "police",
        "coalition",
        "militia",
        "air",
        "drone",
    ]
)
_ADJECTIVES = frozenset(
    [
        "heavy",
        "strategic",
        "unmanned",
        "combat",
        "attack",
        "assault",
        "light",
        "armoured",
        "armored",
        "advancing",
        "retreating",
        "regular",
        "reserve",
        "irregular",
        "naval",
        "marine",
        "infantry",
        "mechanised",
        "mechanized",
        "airborne",
        "border",
        "frontline",
        "front-line",
        "loyalist",
        "allied",
        "auxiliary",
        "tribal",
        "volunteer",
        "sunni",
        "shia",
        "shiite",
        "kurdish",
        "arab",
        "christian",
        "bomber",
        "cruise",
    ]
)
_HYPHEN_ADJ_RE = re.compile(r"(?:long|short|medium|high|low|self|multi|fixed|rotary|twin|single)-[a-z]+")
_HEAD_NOUNS = (
    r"forces|force|troops|jets|warplanes|planes|aircraft|army|armies|militants|fighters|rebels|"
    r"militias|militia|soldiers|police|policemen|gunmen|insurgents|coalition|alliance|drones|helicopters|units|"
    r"regime|jihadists|extremists|terrorists|paramilitaries|guards|navy|air force|military|bombers|snipers|"
    r"battalions?|brigades?|gunships|warships|commandos|security services"
)
_HEAD_RE = re.compile(
    r"(?<![\w-])(?i:" + _HEAD_NOUNS + r")(?![\w-])"
    r"(?!\s+(?:council|airport|base|bases|operations?|spokesm[ae]n|sources?|officials?|command|commanders?|"
    r"statement|media|intelligence|leaders?|chief|court|spokesperson)\b)"
)
_VERBS = frozenset(
    [
        "strike",
        "strikes",
        "struck",
        "hit",
        "hits",
        "attack",
        "attacks",
        "attacked",
        "bomb",
        "bombs",
        "bombed",
        "kill",
        "kills",
        "killed",
        "target",
        "targets",
        "pound",
        "pounds",
        "shell",
        "shells",
        "clash",
        "clashes",
        "say",
        "says",
        "said",
        "face",
        "faces",
        "fight",
        "fights",
        "seize",
        "seizes",
        "take",
        "takes",
        "hits",
        "repel",
        "repels",
        "battle",
        "battles",
        "vs",
    ]
)
_WORD_RE = re.compile(r"[\w'’.-]+")
_MOD_TOKEN_RE = re.compile(
    r"[A-Z][\w'’.]*(?:-[\w'’.]+)*|pro-[\w-]+|anti-[\w-]+|[\w.]+-(?:backed|led|allied|aligned|affiliated|"
    r"controlled|supported|sponsored)"
)
# a bare force noun is an actor only with a modifier, except for these
_BARE_OK = frozenset(
    [
        "gunmen",
        "militants",
        "rebels",
        "insurgents",
        "jihadists",
        "warplanes",
        "jets",
        "aircraft",
        "helicopters",
        "drones",
        "snipers",
        "extremists",
        "terrorists",
        "paramilitaries",
        "bombers",
    ]
)
_PRONOUN_RE = re.compile(
    r"(?<![\w-])(?:[Oo]ur|[Ii]ts|[Tt]heir|[Hh]is)\s+(?:own\s+)?(?:forces|units|fighters|positions|troops|men|members|"
    r"soldiers|bases|convoys?|vehicles|posts|checkpoints?|headquarters|ranks|lines|personnel|aircraft|jets|"
    r"warplanes|planes|drones|artillery|helicopters|air force|navy|militiamen|gunmen|allies|comrades)(?![\w-])"
)
_PLACE_TOKEN_RE = re.compile(
    r"(?:(?:[Aa][lrsnzt]|[Ee][lz]|[Ee]d|[Ee]s|[Ee]t)-)?[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
)
_PLACE_PARTICLES = frozenset(["al", "el", "ar", "as", "an", "ez", "az", "de", "bin", "ibn"])
_PLACE_KEY_AFTER_RE = re.compile(
    r"\b(?:town|city|village|district|province|governorate|region|suburb|neighbou?rhood|camp|outskirts|"
    r"villages|towns|cities) of (?=[A-Z]|[Aa]l-)"
)
_PLACE_KEY_BEFORE_RE = re.compile(r"(?<=[a-z’'] )(?:province|governorate|district|region|oblast)\b")
_FALLBACK_PLACE_RE = re.compile(r"\b(?:in|near|at|inside|outside|around) (?:the )?(?=[A-Z]|[Aa]l-)")
_NOT_PLACE = _FUNCTION_WORDS | frozenset(
    ["Reuters", "AFP", "AP", "Syrian", "Russian", "Iraqi", "Islamic", "State"]
)


_DEMONYM_RE = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|i|an|ic)")
_DEMONYM_COORD_RE = re.compile(r"(?<![\w-])([A-Z][a-z]+(?:ian|ish|ese|i|an|ic))(?:\s*,\s*|\s+(?:and|or)\s+)")


# where the grammar patterns can start (see `prefilter`): each is looked for in every trigger window
_HEAD_PF = prefilter.build(_HEAD_RE, [_HEAD_NOUNS], fold=True)
_PRONOUN_PF = prefilter.build(_PRONOUN_RE)
_PLACE_KEY_AFTER_PF = prefilter.build(_PLACE_KEY_AFTER_RE, boundary="\\w")
_PLACE_KEY_BEFORE_PF = prefilter.build(_PLACE_KEY_BEFORE_RE)  # after "<letter> ": a word start
_FALLBACK_PLACE_PF = prefilter.build(_FALLBACK_PLACE_RE, boundary="\\w")


def _expand_left(text: str, head_start: int, max_words: int = 4) -> int:
    """Start of the modifiers ("U.S.-backed Iraqi government") in front of a force noun. Reads the last 32
    characters first: the answer is the same unless the words reach the cut (then the full 80 are read)."""
    if head_start > 32:
        start, reached_cut = _expand_left_in(text, head_start, 32, max_words)
        if not reached_cut:
            return start
    return _expand_left_in(text, head_start, 80, max_words)[0]


def _expand_left_in(text: str, head_start: int, width: int, max_words: int) -> tuple[int, bool]:
    """`_expand_left` over the last `width` characters, and whether it got to the window's first word (which
    the cut may have shortened) or past it."""
    window = text[max(0, head_start - width) : head_start]
    base = head_start - len(window)
    words = list(_WORD_RE.finditer(window))
    start = head_start
    n = 0
    pos_end = len(window)
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if window[w.end() : pos_end].strip() or n >= max_words:
            return start, i == 0  # punctuation between words, or too long
        tok = w.group(0).rstrip(".") if not w.group(0).endswith("S.") else w.group(0)
        if (
            tok in _FUNCTION_WORDS
            or tok.lower() in _VERBS
            or not (
                _MOD_TOKEN_RE.fullmatch(tok)
                or tok.lower() in _LOWER_MODIFIERS
                or (n < 3 and (tok.lower() in _ADJECTIVES or _HYPHEN_ADJ_RE.fullmatch(tok)))
            )
        ):
            return start, i == 0
        start = base + w.start()
        pos_end = w.start()
        n += 1  # noqa: SIM113 - counts accepted words, not iterations
    return start, True  # every word of the window taken (or none there): what lies before the cut matters


def _place_seq_right(text: str, pos: int) -> int:
    """End of a capitalised place name starting at pos ("Deir al-Zor", "Abu Kamal"), or pos."""
    end = pos
    n = 0
    i = pos
    while n < 4:
        m = _PLACE_TOKEN_RE.match(text, i)
        if not m or m.group(0) in _NOT_PLACE:
            if n and m is None:
                # particle: "Deir al Zor"
                pm = re.match(r"(al|el|ar|as|an|ez|az|de|bin|ibn) ", text[i : i + 4])
                if pm:
                    i += pm.end()
                    continue
            break
        end = m.end()
        n += 1
        if not text.startswith(" ", end):
            break
        i = end + 1
    return end


def _place_seq_left(text: str, pos: int) -> int:
    """Start of the capitalised place name ending just before pos (pos is after a space)."""
    window = text[max(0, pos - 60) : pos]
    base = pos - len(window)
    start = pos
    toks = list(re.finditer(r"\S+", window))
    for t in reversed(toks[-4:]):
        w = t.group(0)
        lead = len(w) - len(w.lstrip("\"'“‘(["))
        w = w[lead:]
        if w.lower() in _PLACE_PARTICLES:
            continue
        if not _PLACE_TOKEN_RE.fullmatch(w) or w in _NOT_PLACE:
            break
        start = base + t.start() + lead
        if lead:
            break
    return start


def _lexicon_finder() -> SpanFinder | None:
    try:
        from pipelines.normalize.lexicon import find_spans  # type: ignore[import-not-found]
    except Exception:  # the normalization engineer's module may not exist yet
        return None
    return find_spans


_DEFAULT: list[SpanFinder | None] = []


def default_finder() -> SpanFinder | None:
    if not _DEFAULT:
        _DEFAULT.append(_lexicon_finder())
    return _DEFAULT[0]


def _overlaps(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    i = bisect_left(ends, s + 1)
    return i < len(starts) and starts[i] < e


def find_mentions(
    text: str, finder: SpanFinder | None, windows: list[tuple[int, int]] | None = None
) -> list[Mention]:
    """Actor/place/pronoun mentions, sorted by start, non-overlapping (lexicon first). Grammar-based
    mentions are only looked for inside `windows` (default: the whole text); lexicon ones everywhere."""
    wins = windows if windows is not None else [(0, len(text))]

    def scan(pf: prefilter.Prefiltered):
        for a, b in wins:
            yield from prefilter.finditer(pf, text, a, b)

    out: list[Mention] = []
    if finder is not None:
        try:
            for sp in finder(text):
                kind, s, e = sp[0], int(sp[1]), int(sp[2])
                key = sp[4] if len(sp) > 4 else None
                if kind in ("actor", "place") and 0 <= s < e <= len(text):
                    out.append(Mention(kind, s, e, text[s:e], None if key is None else str(key), "lexicon"))
        except Exception:
            out = []
    out = [
        m
        for m in out
        if not (
            m.kind == "actor"
            and (
                _MODIFIER_AFTER_RE.match(text, m.end)
                or _SOURCE_AFTER_RE.match(text, m.end)
                or text[max(0, m.start - 4) : m.start] in ("pro-", "nti-")
            )
        )
    ]
    out.sort(key=lambda m: m.start)
    # force-noun phrases: a phrase that extends lexicon actor names ("U.S.-backed Iraqi government forces"
    # around "government forces") replaces them; one that overlaps a place name is dropped.
    nps: list[Mention] = []
    for m in scan(_HEAD_PF):
        st = _expand_left(text, m.start())
        phrase = text[st : m.end()]
        if st == m.start() and phrase.lower() not in _BARE_OK:
            continue
        words = phrase.split()
        if (
            len(words) > 2
            and _DEMONYM_RE.fullmatch(words[0])
            and any(w.lower() in _ADJECTIVES or _HYPHEN_ADJ_RE.fullmatch(w) for w in words[1:-1])
        ):
            # "Russian long-range bombers": the demonym is what names the actor
            nps.append(Mention("actor", st, m.end(), words[0], None, "np"))
            continue
        nps.append(Mention("actor", st, m.end(), phrase, None, "np"))
        # "Russian and Syrian warplanes", "Russian or Syrian jets": the first demonym is an actor too
        cm = _DEMONYM_COORD_RE.search(text, max(0, st - 40), st)
        if cm and cm.end() == st:
            nps.append(Mention("actor", cm.start(1), cm.end(1), cm.group(1), None, "np"))
    if nps:
        out = _merge_nps(text, out, nps)
    out = _join_adjacent(text, out)
    taken_s = [m.start for m in out]
    taken_e = [m.end for m in out]
    extra: list[Mention] = []
    for m in scan(_PRONOUN_PF):
        if not _overlaps(taken_s, taken_e, m.start(), m.end()):
            extra.append(Mention("pronoun", m.start(), m.end(), m.group(0), None, "pronoun"))
    for m in scan(_PLACE_KEY_AFTER_PF):
        e = _place_seq_right(text, m.end())
        if e > m.end() and not _overlaps(taken_s, taken_e, m.end(), e):
            extra.append(Mention("place", m.end(), e, text[m.end() : e], None, "heuristic"))
    for m in scan(_PLACE_KEY_BEFORE_PF):
        st = _place_seq_left(text, m.start() - 1)
        if st < m.start() - 1 and not _overlaps(taken_s, taken_e, st, m.start() - 1):
            extra.append(Mention("place", st, m.start() - 1, text[st : m.start() - 1], None, "heuristic"))
    if finder is None:
        for m in scan(_FALLBACK_PLACE_PF):
            e = _place_seq_right(text, m.end())
            if e > m.end() and not _overlaps(taken_s, taken_e, m.end(), e):
                extra.append(Mention("place", m.end(), e, text[m.end() : e], None, "heuristic"))
    if extra:
        out = _dedupe(out + extra)
    return out


_GENERIC_LEX = frozenset(
    [
        "military",
        "government",
        "army",
        "regime",
        "coalition",
        "forces",
        "troops",
        "militants",
        "police",
        "us",
        "u.s.",
        "the",
    ]
)
#: "Lebanon's National News Agency", "Syria's state media", "Gaza's health ministry": an outlet or a
#: casualty-counting office named after a country -- a source, never a party to the event.
_SOURCE_AFTER_RE = re.compile(
    r"(?:'s|’s)?\s+(?:(?:state|official|national|state-run|government-run|public|semi-official)\s+)*"
    r"(?:news agency|news channel|press agency|media|television|tv|radio|broadcaster|newspaper|"
    r"health ministry|ministry of health)\b",
    re.I,
)
_MODIFIER_AFTER_RE = re.compile(
    r"-(?:backed|led|allied|aligned|affiliated|controlled|held|supported|sponsored|run)\b"
)


def _strong_name(text: str, m: Mention) -> bool:
    """A lexicon actor that names someone (several words, or an acronym), not a generic noun."""
    if _MODIFIER_AFTER_RE.match(text, m.end):
        return False
    words = m.text.split()
    if len(words) >= 2:
        return not all(w.lower().strip(".") in _GENERIC_LEX for w in words)
    w = words[0]
    return w.isupper() and len(w) >= 2 and w.lower().strip(".") not in _GENERIC_LEX


def _merge_nps(text: str, lex: list[Mention], nps: list[Mention]) -> list[Mention]:
    starts = [m.start for m in lex]
    ends = [m.end for m in lex]
    drop: set[int] = set()
    keep_np: list[Mention] = []
    for np_ in nps:
        i = bisect_left(ends, np_.start + 1)
        covered = []
        ok = True
        while i < len(lex) and starts[i] < np_.end:
            m = lex[i]
            hyphenated = text[m.start - 1 : m.start] == "-" or text[m.end : m.end + 1] == "-"
            if (m.kind != "actor" and not hyphenated) or m.start < np_.start or m.end > np_.end:
                ok = False
                break
            covered.append(i)
            i += 1
        if not ok:
            continue
        if covered and all(lex[j].end - lex[j].start == np_.end - np_.start for j in covered):
            continue  # the lexicon already has exactly this phrase
        if any(_strong_name(text, lex[j]) for j in covered if lex[j].kind == "actor"):
            continue  # "U.S.-backed Syrian Democratic Forces": keep the lexicon's name
        drop.update(covered)
        actors = [j for j in covered if lex[j].kind == "actor"]
        key = lex[actors[-1]].key if actors else None
        keep_np.append(np_._replace(key=key, source="np+lexicon" if covered else "np"))
    merged = [m for j, m in enumerate(lex) if j not in drop] + keep_np
    return _dedupe(merged)


_GENERIC_HEADS = re.compile(
    r"(?:gunmen|militants|fighters|forces|troops|soldiers|rebels|insurgents|jihadists|militiamen|members|units|"
    r"jets|warplanes|planes|aircraft|drones|helicopters|positions|bombers|artillery|militias?|police|"
    r"policemen|commanders?|officials?)$"
)


def _join_adjacent(text: str, ms: list[Mention]) -> list[Mention]:
    """ "IS gunmen", "Houthi militias": a name followed by a generic actor noun is one mention (the name's key)."""
    out: list[Mention] = []
    for m in ms:
        if (
            out
            and m.kind == "actor"
            and out[-1].kind == "actor"
            and text[out[-1].end : m.start] == " "
            and m.text[:1].islower()
            and _GENERIC_HEADS.search(m.text)
        ):
            p = out[-1]
            out[-1] = Mention("actor", p.start, m.end, text[p.start : m.end], p.key, p.source)
            continue
        out.append(m)
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Sort by start; on overlap keep the earlier-starting, longer one."""
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    last_end = -1
    for m in mentions:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out
