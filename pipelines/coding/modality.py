"""Is a trigger a reported, real event? Threats, plans, intentions, conditionals, questions, denials,
support mentions and background history are rejected with a reason; hedges lower confidence.

`classify(sentence, trig_start, trig_end)` works on the sentence text with offsets relative to it and
looks at the few words before the trigger inside its clause (modal verbs govern what follows them
closely), at the whole sentence for conditionals/questions, and at dated expressions for background.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from . import prefilter


class Modality(NamedTuple):
    reason: str | None  # None = a real event
    hedged: bool
    cue: str | None = None


_CLAUSE_CUT = re.compile(
    r"[,;:(]|\s[–—-]\s|[\"“”]|\b(?:and|but|while|whereas|as|after|when|said|says)\b(?! well)"
)

_NEAR_RULES: list[tuple[str, re.Pattern]] = [
    (
        "negated",
        re.compile(
            r"\b(?:not|n't|never|no|without|neither|nor|denied|deny|denies|denying|rejected|refuted|dismissed|"
            r"suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|cease(?:s|d)?|ceasing|stop(?:s|ped|ping)?|end(?:s|ed|ing)? (?:its|their|all))\b",
            re.I,
        ),
    ),
    (
        "threat",
        re.compile(
            r"\b(?:threat(?:en(?:s|ed|ing)?)?|vow(?:s|ed|ing)?|warn(?:s|ed|ing)?|pledg(?:e|es|ed|ing)|swore|promis(?:e|es|ed|ing)|ready|prepared|readiness|ultimatum)\b",
            re.I,
        ),
    ),
    (
        "plan",
        re.compile(
            r"\b(?:plan(?:s|ned|ning)?|intend(?:s|ed)?|intention|aim(?:s|ed|ing)?|seek(?:s|ing)?|sought|want(?:s|ed)?|prepar(?:e|es|ing)|set to|about to|going to|expected to|order(?:s|ed)? to|in order|tr(?:y|ies|ied|ying) to|attempt(?:s|ed)? to|call(?:s|ed)? for|to prevent|to stop|to avoid|avoid(?:ed)?|strategic intent)\b",
            re.I,
        ),
    ),
    (
        "conditional",
        re.compile(
            r"\b(?:would|could|might|may|should|can|will|shall|'ll|(?:un)?likely to|fears?|feared|risk(?:s|ed)?|possib(?:le|ility|ly)|potential(?:ly)?|prospect|likelihood|danger|unless|whether|if|wo n't)\b",
            re.I,
        ),
    ),
]
# a report's own exclusions: "Not included: ...", "Unverified: reports of a strike on X are being checked",
# "unconfirmed reports of an air strike on X, which could not be verified"
_EXCLUDED = re.compile(
    r"^\W*(?:not included|excluded|unverified|unconfirmed)\b"
    r"|\b(?:is|are|was|were) (?:not included|being (?:checked|verified))\b"
    r"|\bunconfirmed reports? of\b[^.;]*\b(?:could not|cannot|can ?not)\b",
    re.I,
)
_CLAUSE_CUT_HARD = re.compile(r"[;:]|\.\s")
_INFINITIVE = re.compile(r"\bto\s*$", re.I)
_SENTENCE_COND = re.compile(r"\b(?:if|unless|whether|in case)\b", re.I)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|alleged|believed to|suspected|apparently|purportedly|unconfirmed|likely|"
    r"probably|possibly|said to have|thought to|presumably|claimed to|it is unclear|unverified|accused)\b",
    re.I,
)
_SUPPORT = re.compile(
    r"\b(?:assisted|backed|supported|covered|aided|helped|accompanied|bolstered)\s+by\s+(?:[\w.'’-]+\s+){0,4}$"
    r"|\bwith\s+(?:the\s+)?(?:help|support|backing|cover)\s+of\s+(?:[\w.'’-]+\s+){0,4}$",
    re.I,
)
_BACKGROUND = re.compile(
    r"\b(?:had\s+(?:been\s+)?\w+(?:ed|en|ght|ck|ke|un)|for years|years ago|over the years|in the past|"
    r"as has been the case|at times|historically|previously|once again|anniversary|since the start of|"
    r"since the beginning of|during the war|throughout the war|used to|in recent years|repeatedly|regularly|"
    r"routinely|frequently|often|has continued|have continued|continues to|continue to)\b",
    re.I,
)
# "The attack came a day after Russia fired 120 missiles", "days after the Houthis claimed an attack on X":
# an earlier happening recalled to date the reported one
_RECAP_SUBJECT = re.compile(
    r"\s+(?:came|come|comes|followed|follows)\s+(?:\w+\s+){0,3}?(?:after|before|as|amid)\b", re.I
)
_RECAP = re.compile(r"\b(?:came|comes|follow(?:ed|s)?|took place)\s+(?:\w+\s+){0,3}?(?:after|before)\s", re.I)
# "after a nine-month battle", "the 20-month war": a campaign's duration, not one event
_DURATION = re.compile(r"\b(?:\d+|[a-z]+)-(?:day|week|month|year)(?:-long|-old)?\s+$", re.I)
_GENERIC = re.compile(r"\b(?:such|any|these kinds? of|this kind of|similar)\s+(?:\w+\s+)?$", re.I)
_PAST_PERFECT = re.compile(r"\bhad\s+(?:been\s+|not\s+)?(?:\w+ly\s+)?$", re.I)
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|reported|claimed|confirmed|announced|stated|added|accused|denied|denies|deny|"
    r"acknowledged|admitted|according to|alleged|insisted|showed|statement|it emerged)\b",
    re.I,
)
_SINCE_CLAUSE = re.compile(
    r"\b(?:since|ever since)\s+(?:[\w.'’-]+\s+){0,8}$|\b(?:days|weeks|months|years)\s+of\s+(?:[\w-]+\s+)?$",
    re.I,
)
_AGGREGATE_AFTER = re.compile(
    r"^[\w\s,.'’-]{0,80}?\b(?:over|in|during|throughout)\s+(?:the\s+)?(?:past\s+|last\s+)?"
    r"(?:\w+|\d+)\s*(?:-\s*)?(?:days|weeks|months|years|week|month|year)\b(?!\s+ago)"
    r"|^[\w\s,'’-]{0,60}?\bsince the (?:start|beginning|outbreak)\b"
    r"|^[\w\s,'’-]{0,40}?\bduring the (?:[\w-]+\s+){0,2}(?:battle|war|siege|offensive|conflict|campaign)\b",
    re.I,
)
_REALIS_AFTER = re.compile(r"^\S*\s+(?:that|which)\s+(?:killed|wounded|injured|hit|struck|left)\b", re.I)

# Cheaper scans, same answers: where the word-bounded patterns can start (see `prefilter`), and words every
# match of the other patterns contains (a sentence without any of them cannot match).
_HEDGE_PF = prefilter.build(_HEDGE, boundary="\\w")
_BACKGROUND_PF = prefilter.build(_BACKGROUND, boundary="\\w")
_EXCLUDED_WORDS = ("included", "excluded", "unverified", "unconfirmed", "being")
_AGGREGATE_WORDS = ("day", "week", "month", "year", "since the", "during the")


def _may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only if no IGNORECASE match can hold any of `words` (lower-case): none is in `text`, and
    `text` has none of the non-ASCII characters IGNORECASE equates with ASCII letters."""
    low = text.lower()
    return any(w in low for w in words) or (
        not text.isascii() and any(c in text for c in prefilter.CASE_EXOTIC)
    )


@lru_cache(maxsize=512)
def _sentence_cues(sentence: str) -> tuple[bool, bool]:
    """(hedged, excluded) of a sentence: the same for each of its triggers, so computed once."""
    hedged = prefilter.search(_HEDGE_PF, sentence) is not None
    excluded = _may_contain(sentence, _EXCLUDED_WORDS) and _EXCLUDED.search(sentence) is not None
    return hedged, excluded


def _clause_left(sentence: str, trig_start: int, max_words: int = 6) -> str:
    left = sentence[max(0, trig_start - 160) : trig_start]
    cut = None
    for m in _CLAUSE_CUT.finditer(left):
        cut = m.end()
    if cut is not None:
        left = left[cut:]
    words = left.split()
    return " ".join(words[-max_words:]) + (" " if left.endswith(" ") else "")


def classify(
    sentence: str, trig_start: int, trig_end: int, date_background: bool = False, date_recent: bool = False
) -> Modality:
    left_all = sentence[:trig_start]
    near = _clause_left(sentence, trig_start)
    after = sentence[trig_start:]
    hedged, excluded = _sentence_cues(sentence)
    realis_after = bool(_REALIS_AFTER.match(after))
    if excluded:
        return Modality("unverified", hedged, "excluded")
    if sentence.rstrip().rstrip("\"'”’)").endswith("?"):
        return Modality("question", hedged, "?")
    if _SUPPORT.search(left_all[-80:]):
        return Modality("support", hedged, "assisted by")
    if not realis_after:
        for reason, rx in _NEAR_RULES:
            m = rx.search(near)
            if m:
                return Modality(reason, hedged, m.group(0))
        if _INFINITIVE.search(near):
            return Modality("intent", hedged, "to")
        m = _SENTENCE_COND.search(left_all)
        if m:
            return Modality("conditional", hedged, m.group(0).strip())
        if _DURATION.search(near):
            return Modality("background", hedged, "duration")
        if _GENERIC.search(near):
            return Modality("generic", hedged, near.strip().split()[-1] if near.strip() else None)
    lo = max(0, trig_start - 220)
    m = _RECAP.search(sentence, lo, trig_start)
    if m and not _CLAUSE_CUT_HARD.search(sentence, m.end(), trig_start):
        return Modality("background", hedged, "recap")
    if _RECAP_SUBJECT.match(sentence, trig_end) and re.search(
        r"\b(?:the|these|those|this|that)\s+(?:\w+\s+)?$", near, re.I
    ):
        return Modality(
            "background", hedged, "recap"
        )  # "The raids came days after ...": dates a reported event
    if not date_recent:
        if _PAST_PERFECT.search(near) and not _REPORTED.search(left_all):
            return Modality("background", hedged, "had")
        m = _SINCE_CLAUSE.search(sentence[max(0, trig_start - 80) : trig_start])
        if m:
            return Modality("background", hedged, m.group(0).strip())
        tail = sentence[trig_end:]
        m = _AGGREGATE_AFTER.match(tail) if _may_contain(tail, _AGGREGATE_WORDS) else None  # `^`: true start
        if m:
            return Modality("background", hedged, "aggregate")
    m = _BACKGROUND.search(near)
    if m is None:
        for mm in prefilter.finditer(_BACKGROUND_PF, after[:80]):
            # "killed 100 people, many of them civilians who had been ordered to dig": a relative clause's tense
            if not re.search(r"\b(?:who|which|that|whom)\s+(?:\w+\s+)?$", after[: mm.start()]):
                m = mm
                break
    if m or date_background:
        return Modality("background", hedged, m.group(0) if m else "date")
    return Modality(None, hedged)
