"""Who did it to whom: attacker and target of a trigger from the clause around it.

Handles active clauses ("X struck Y"), passives ("Y came under attack from X", "Y were hit by X"),
nominals ("strikes by X on Y", "X's jets hit Y", "clashes between X and Y"), coordinated actors
("Russian aircraft and Syrian regime forces" -> actor + associated actor; "X or Y" -> hedged), speaker
pronouns ("our units", "its fighters", "they said they were hit") resolved to the speaker of the
sentence. Works on mentions (pipelines.coding.spans.Mention) with absolute offsets.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from . import prefilter
from .spans import Mention


class Roles(NamedTuple):
    actor: Mention | None
    associated: Mention | None
    target: Mention | None
    hedged: bool  # "X or Y"
    passive: bool


_BOUNDARY_RE = re.compile(
    r";|:\s|\s[–—]\s|\s-\s|\b(?:while|whereas|but|when|after|because|although|though|whom|where)\b"
    r"|\bas\b(?!\s+(?:well|part|many|much|a result|of))|(?<!such )\bas\b(?=\s+(?:the|a|an|it|they|he|she)\b)"
    r"|\b(?:said|says|say|told|claimed|(?<!\bare )(?<!\bis )(?<!\bwas )(?<!\bwere )(?<!\bbeen )reported|added|"
    r"announced|stated|accused|according to)\b(?:\s+that\b)?"
    r"|,\s+(?:which|who|and|but|while|killing|wounding|leaving|injuring)\b"
)
_SPEECH_RE = re.compile(
    r"\b(?:said|says|told|claimed|reported|added|announced|stated|confirmed|accused|warned|denied)\b"
)
_ACCORDING_RE = re.compile(r"\baccording to\s+", re.I)
# where the speech patterns can start (see `prefilter`): looked for in every sentence
_SPEECH_PF = prefilter.build(_SPEECH_RE, boundary="\\w")
_ACCORDING_PF = prefilter.build(_ACCORDING_RE, boundary="\\w")
_PAREN_RE = re.compile(
    r"\s[–—-]\s[^–—]{3,200}?\s[–—-]\s|\([^()]{0,200}\)|,\s*(?:which|who|whose|an?|the)\s[^,]{0,200},"
)
_SPEAKER_TAIL_RE = re.compile(r",[^,;]{0,80}?\b(?:said|says|told|reported|claimed|added|according to)\b")
_PASSIVE_TAIL_RE = re.compile(
    r"\b(?:was|were|been|being|is|are|be|get|got|gets|came|come|comes|coming)\s+(?:\w+ly\s+|also\s+|again\s+)?$"
    r"|\bunder\s+(?:an?\s+)?(?:\w+\s+)?$",
    re.I,
)
_SUBJECT_PRONOUN_RE = re.compile(r"\b(?:they|we|it)\b", re.I)
_AGENT_PREP_RE = re.compile(r"\b(?:by|from)\s+(?:the\s+|an?\s+)?(?:[\w.'’-]+\s+){0,2}$", re.I)
_BY_RE = re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:[\w.'’-]+\s+){0,2}$", re.I)
_TARGET_PREP_RE = re.compile(
    r"\b(?:on|against|targeting|targeted|at|upon|hitting|struck|hit|between|with|into|towards|toward|"
    r"drive|driving|expel|oust|repel|seizing|from)\s+(?:the\s+|an?\s+|their\s+|its\s+)?(?:[\w.'’-]+\s+){0,3}$",
    re.I,
)
_NOT_SUBJECT_PREP_RE = re.compile(
    r"\b(?:of|in|on|against|at|near|to|with|from|for|by|inside|outside|around|into|toward|towards|between|"
    r"over|under|than|like|among)\s+(?:the\s+|an?\s+)?$",
    re.I,
)
_PLACE_PREP_RE = re.compile(
    r"\b(?:in|near|inside|outside|around|across|at|east of|west of|north of|south of)\s+(?:the\s+)?$", re.I
)
_COORD_RE = re.compile(
    r"^\s*(?:,\s*|,?\s+and\s+(?:the\s+)?|,?\s+or\s+(?:the\s+)?|,?\s+as well as\s+(?:the\s+)?|\s*/\s*)$", re.I
)
_VERB_TRIGGER_RE = re.compile(
    r"(?:ed|^hit|^fought|^overran|^retook|^struck|^shot dead|^gunned down|^opened fire on|^took|^shot|^drove|^broke|"
    r"ed (?:into|through|control)|^(?:broke|swept|took|drove) .*|^fought (?:their|its|his) way)$",
    re.I,
)
_NOT_ACTOR_WORD_RE = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Today|Yesterday|"
    r"Last|Latest|New|Fresh|Heavy|Overnight|Night|Morning|Evening|Afternoon|Early|Late|Another|Further)"
)
_FROM_RE = re.compile(r"\bfrom\s+(?:the\s+|an?\s+)?(?:[\w.'’-]+\s+){0,2}$", re.I)
_MEMBERS_OF_RE = re.compile(
    r"\b(?:units|fighters|members|troops|forces|soldiers|aircraft|jets|warplanes|planes|drones|elements|"
    r"militants|gunmen|ranks|militiamen|commandos|artillery|helicopters|gunboats|warships|naval forces)\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
_DETERMINERS = re.compile(
    r"^\s*(?:(?:the|a|an|its|their|several|some|two|three|four|five|\d+|last|remaining|final|few|key|main|"
    r"forward|advanced|[\w.'’-]+-(?:held|controlled|backed))\s+){0,3}$",
    re.I,
)


@lru_cache(maxsize=4096)
def clause_bounds(sentence_start: int, sentence: str, trig_start: int, trig_end: int) -> tuple[int, int]:
    """Absolute [start, end) of the clause around a trigger (offsets relative to the text). Cached: a
    trigger's clause is asked for by the type, modality and role rules alike."""
    rel_s, rel_e = trig_start - sentence_start, trig_end - sentence_start
    cs = 0
    for m in _BOUNDARY_RE.finditer(sentence, 0, rel_s):
        cs = m.end()
    ce = len(sentence)
    m = _BOUNDARY_RE.search(sentence, rel_e)
    if m:
        ce = m.start()
    t = _SPEAKER_TAIL_RE.search(sentence, rel_e, min(len(sentence), ce + 16))  # ", police and residents said"
    if t and t.start() < ce:
        ce = t.start()
    return sentence_start + cs, sentence_start + ce


_CLAUSE_VERB_RE = re.compile(
    r"\b(?:shelled|struck|hit|attacked|bombed|fired|raided|stormed|pounded|targeted|launched|killed|seized|captured|"
    r"fought|clashed|ambushed|abducted|kidnapped|executed|shot|detonated|dropped)\b",
    re.I,
)


@lru_cache(maxsize=1024)
def paren_ranges(sentence_start: int, sentence: str) -> tuple[tuple[int, int], ...]:
    """Asides: dashes, brackets and appositives (", the group's spokesman,"). A comma-delimited stretch
    opening with "the"/"a" that holds a finite violent verb is a clause ("Separately, the RSF shelled X, ..."),
    not an aside. Cached (a tuple): the speaker and every trigger of a sentence look at the same asides."""
    out = []
    for m in _PAREN_RE.finditer(sentence):
        if (
            m.group(0).startswith(",")
            and _CLAUSE_VERB_RE.search(m.group(0))
            and not re.match(r",\s*(?:which|who|whose)\b", m.group(0))
        ):
            continue
        out.append((sentence_start + m.start(), sentence_start + m.end()))
    return tuple(out)


def _inside(m: Mention, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= m.start and m.end <= b for a, b in ranges)


def find_speaker(text: str, sent_start: int, sent_end: int, mentions: list[Mention]) -> Mention | None:
    """The actor who says the sentence: "X said ...", "X told ...", "according to X"."""
    sentence = text[sent_start:sent_end]
    parens = paren_ranges(sent_start, sentence)
    actors = [m for m in mentions if m.kind == "actor"]
    for sm in prefilter.finditer(_SPEECH_PF, sentence):
        pos = sent_start + sm.start()
        before = [m for m in actors if m.end <= pos]
        if not before:
            continue
        clean = [m for m in before if not _inside(m, parens)]
        pool = clean or before
        # the subject is the first actor of the last clause before the verb
        last_cut = sent_start
        for b in re.finditer(r"[;:]|\b(?:when|while|and|but|that)\b|[\"“”]", sentence[: sm.start()]):
            last_cut = sent_start + b.end()
        in_clause = [m for m in pool if m.start >= last_cut]
        return (in_clause or pool)[0] if in_clause else pool[-1]
    am = prefilter.search(_ACCORDING_PF, sentence)
    if am:
        pos = sent_start + am.end()
        after = [m for m in actors if m.start >= pos and m.start - pos < 30]
        if after:
            return after[0]
    return None


def _coordinated_left(text: str, group: list[Mention], pool: list[Mention]) -> list[Mention]:
    """Extend a mention leftwards over "X and Y" / "X, Y" / "X or Y"."""
    idx = pool.index(group[0])
    while idx > 0:
        prev = pool[idx - 1]
        if prev.kind not in ("actor", "pronoun") or not _COORD_RE.match(text[prev.end : group[0].start]):
            break
        group.insert(0, prev)
        idx -= 1
    return group


def _coordinated_right(text: str, first: Mention, pool: list[Mention]) -> list[Mention]:
    group = [first]
    idx = pool.index(first)
    while idx + 1 < len(pool):
        nxt = pool[idx + 1]
        if nxt.kind not in ("actor", "pronoun") or not _COORD_RE.match(text[group[-1].end : nxt.start]):
            break
        group.append(nxt)
        idx += 1
    return group


def _is_or(text: str, group: list[Mention]) -> bool:
    return any(re.search(r"\bor\b", text[a.end : b.start]) for a, b in zip(group, group[1:], strict=False))


def assign_roles(
    text: str,
    sent_start: int,
    sent_end: int,
    trig_start: int,
    trig_end: int,
    mentions: list[Mention],
    trigger_group: str = "",
) -> Roles:
    """Attacker / associated attacker / target of one trigger; mentions are those of the sentence."""
    sentence = text[sent_start:sent_end]
    cs, ce = clause_bounds(sent_start, sentence, trig_start, trig_end)
    parens = paren_ranges(sent_start, sentence)
    pool = [m for m in mentions if m.kind in ("actor", "pronoun")]
    left = [m for m in pool if cs <= m.start and m.end <= trig_start and not _inside(m, parens)]
    right = [m for m in pool if trig_end <= m.start and m.end <= ce]
    l_text = text[cs:trig_start]
    trig_text = text[trig_start:trig_end]
    passive = bool(_PASSIVE_TAIL_RE.search(l_text)) and not trig_text.lower().endswith("ing")
    is_verb = bool(_VERB_TRIGGER_RE.search(trig_text)) and not re.search(
        r"\b(?:the|a|an|its|their|of)\s+$", l_text, re.I
    )
    regains = trigger_group == "regains"
    actor_group: list[Mention] = []
    target: Mention | None = None

    # --- right side: agent ("by X", "from X" close to the trigger) and target ("on X", object) ---------------
    agent_group: list[Mention] = []
    for m in right:
        between = text[trig_end : m.start]
        gap_words = len(between.split())
        prep_ctx = text[max(trig_end, m.start - 40) : m.start]
        if _PLACE_PREP_RE.search(prep_ctx) and not _TARGET_PREP_RE.search(prep_ctx):
            continue
        if regains and target is None and _FROM_RE.search(prep_ctx):
            target = m  # "took X from Y": Y lost it
            continue
        if not agent_group and (
            _BY_RE.search(prep_ctx) or (_AGENT_PREP_RE.search(prep_ctx) and gap_words <= 6 and not is_verb)
        ):
            agent_group = _coordinated_right(text, m, right)
            continue
        if agent_group and m in agent_group:
            continue
        if target is None and (
            _TARGET_PREP_RE.search(prep_ctx) or (is_verb and not passive and _DETERMINERS.match(between))
        ):
            target = m
    # --- left side: subject ---------------------------------------------------------------------------------
    subj: Mention | None = None
    for m in reversed(left):
        before = text[max(cs, m.start - 30) : m.start]
        if _NOT_SUBJECT_PREP_RE.search(before) and not passive and not _MEMBERS_OF_RE.search(before):
            continue
        subj = m
        break
    if subj is None and passive and left:
        subj = left[-1]
    subj_group = _coordinated_left(text, [subj], left) if subj else []
    if subj is None:
        # possessive / adjectival attacker right before a nominal trigger: "Russian airstrikes", "Israel's strikes"
        pm = re.search(r"(?:^|\s)([A-Z][\w.'’-]+(?:[-\s](?:led|backed))?)(?:'s|’s)?\s+$", l_text)
        if pm is None or _NOT_ACTOR_WORD_RE.fullmatch(pm.group(1)):
            pm = re.search(
                r"(?:^|\s)([A-Z][\w.'’-]+(?:[-\s](?:led|backed))?)(?:'s|’s)?\s+(?:\w+\s+){0,1}$", l_text
            )
        if pm is not None and _NOT_ACTOR_WORD_RE.fullmatch(pm.group(1)):
            pm = None
        if (
            pm
            and not is_verb
            and not re.fullmatch(r"The|A|An|In|On|At|Its|Their|Such|These|This|That", pm.group(1))
        ):
            s = cs + pm.start(1)
            cand = [m for m in mentions if m.start <= s < m.end]
            if cand:
                subj_group = [cand[0]]
            else:
                subj_group = [Mention("actor", s, cs + pm.end(1), pm.group(1), None, "modifier")]
        elif _SUBJECT_PRONOUN_RE.search(l_text):
            pr = list(_SUBJECT_PRONOUN_RE.finditer(l_text))[-1]
            subj_group = [Mention("pronoun", cs + pr.start(), cs + pr.end(), pr.group(0), None, "pronoun")]

    if passive or (agent_group and not is_verb and subj_group):
        # "Y came under attack from X", "Y were hit by X", "attacks by X on Y"
        actor_group = agent_group
        if subj_group and target is None:
            target = subj_group[-1]
    else:
        actor_group = subj_group or agent_group
    if (
        trigger_group in ("armed_clash", "regains")
        and actor_group
        and target is None
        and len(actor_group) > 1
    ):
        # "X and Y clashed" -> X vs Y
        target = actor_group[-1]
        actor_group = actor_group[:-1]
    if (
        re.search(r"\bbetween\s+$", text[max(cs, trig_end) : (right[0].start if right else trig_end)] or "")
        and right
    ):
        grp = _coordinated_right(text, right[0], right)
        if len(grp) >= 2:
            actor_group, target = [grp[0]], grp[1]
    actor = actor_group[0] if actor_group else None
    assoc = actor_group[1] if len(actor_group) > 1 else None
    hedged = _is_or(text, actor_group) if len(actor_group) > 1 else False
    if target is not None and actor is not None and target.start == actor.start:
        target = None
    return Roles(actor, assoc, target, hedged, passive)
