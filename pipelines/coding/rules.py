"""RuleCoder: the rule-based implementation of the `Coder` protocol.

Fast path first: sentences without a trigger word cost one regex scan. For each trigger sentence:
modality (threats, plans, denials, background -> rejected), event type (lexicon + context cues),
roles (attacker, associated attacker, target), place (most specific in the clause/sentence, else carried
forward), date (relative to publication), casualties (attributed to the nearest trigger). Mentions of
the same happening (same type family, place and day) are merged into one event, keeping the first
mention's evidence and filling its empty slots from later ones.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from . import prefilter
from .casualties import Casualty, find_casualties, totals
from .dates import DateRef, dateline_date, find_dates, pick_date
from .modality import classify
from .roles import Roles, assign_roles, clause_bounds, find_speaker
from .sentences import Sentence, split_sentences
from .spans import Mention, SpanFinder, default_finder, find_mentions
from .triggers import TriggerHit, cue_pattern, cue_types, find_triggers
from .types import ArticleIn, CodingResult, EventMention, RejectedCandidate

VERSION = "rules-0.4.0"

REMOTE = frozenset({"air_strike", "shelling", "explosion"})
DEFAULT_SUB = {
    "air_strike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "explosion": "Remote explosive/landmine/IED",
    "armed_clash": "Armed clash",
    "attack_on_civilians": "Attack",
    "other": "Other",
}
_UNSET = object()


CONFIDENCE_PATH = Path(__file__).resolve().parents[1] / "reference" / "confidence.yaml"


@lru_cache(maxsize=1)
def _confidence_model() -> tuple[float, dict[str, float]]:
    data = yaml.safe_load(CONFIDENCE_PATH.read_text(encoding="utf-8"))
    return float(data["intercept"]), {k: float(v) for k, v in (data.get("weights") or {}).items()}


def confidence(feats: dict, merged: int = 0) -> float:
    """P(event is right) from a logistic model over the event's features (reference/confidence.yaml)."""
    b0, w = _confidence_model()
    z = b0 + sum(wt for k, wt in w.items() if k != "merged" and feats.get(k))
    z += w.get("merged", 0.0) if merged else 0.0
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def family(event_type: str) -> str:
    return "remote" if event_type in REMOTE else event_type


@dataclass
class _Event:
    event_type: str
    sub_event_type: str
    sent: Sentence
    trigger: str
    trig_pos: int
    actor: str | None = None
    actor_key: str | None = None
    assoc: str | None = None
    target: str | None = None
    place: Mention | None = None
    place_carried: bool = False
    place_rank: int = 9
    date: date | None = None
    date_precision: int = 1
    date_raw: str | None = None
    date_explicit: bool = False
    fatalities: int | None = None
    injured: int | None = None
    hedged: bool = False
    confidence: float = 0.5
    headline: bool = False
    strong: bool = True
    actor_weak: bool = (
        False  # no actor, or only a default / carried / unnamed one ("gunmen", "a suicide bomber")
    )
    actor_found: bool = False  # the actor was named in the event's own clause
    feats: dict = field(default_factory=dict)  # calibration features (see reference/confidence.yaml)
    merged: list[int] = field(default_factory=list)

    @property
    def family(self) -> str:
        return family(self.event_type)


# --- places -------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    names: set[str] = set()
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if v:
                    names.add(v.casefold())
    except Exception:  # pragma: no cover - pycountry is a project dependency
        pass
    names |= {
        "syria",
        "iran",
        "russia",
        "palestine",
        "gaza",
        "west bank",
        "the gaza strip",
        "gaza strip",
        "south sudan",
        "sudan",
        "yemen",
        "ukraine",
        "iraq",
        "turkey",
        "turkiye",
        "lebanon",
        "israel",
        "the us",
        "the u.s.",
        "us",
        "u.s.",
        "united states",
        "america",
        "the united states",
    }
    return frozenset(names)


_FEATURE_RE = re.compile(
    r"^(?:(?:east|west|north|south|eastern|western|northern|southern)(?: bank)? of\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:border|frontier|bank|river|desert|valley|mountains?|front|frontline)$|^(?:(?:east|west|north|south)(?: bank)? of\s+)?(?:the\s+)?(?:euphrates|tigris|nile|jordan river|golan heights|"
    r"red sea|black sea|mediterranean|persian gulf|gulf)\b",
    re.I,
)
_RIVER_RE = re.compile(
    r"(?:the\s+)?(?:dnipro|dnieper|euphrates|tigris|nile|khabur|litani|jordan|don|donets|siversky donets)"
)
_ADMIN_AFTER_RE = re.compile(
    r"^\s*(?:province|governorate|region|district|oblast|state|countryside|prefecture)\b", re.I
)
_PREP_GOOD_RE = re.compile(
    r"\b(?:in|near|inside|at|outside|around|on|across|of|into|over|targeting|hit|struck|hitting|pounded|bombed|shelled|"
    r"attacked|raided|targeted|captured|recaptured|seized|retook|retaken|took|taken|entered|reached|stormed|overran|"
    r"liberated|besieged|encircled|surrounded|shelling|bombing|striking)"
    r"\s+(?:the\s+)?(?:(?:town|city|village|district|province|governorate|outskirts|suburbs?|area|countryside|"
    r"region|eastern|western|northern|southern|central|rural|north|south|east|west|besieged|rebel-held|"
    r"[\w-]+-held|[\w-]+-controlled)\s+(?:of\s+)?(?:the\s+)?){0,3}$",
    re.I,
)
_COMPASS_RE = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west|\d+\s*(?:km|kilometres|kilometers|miles))\s+of\s+(?:the\s+)?$",
    re.I,
)
# where the two long context patterns can start (see `prefilter`)
_PREP_GOOD_PF = prefilter.build(_PREP_GOOD_RE, boundary="\\w")
_COMPASS_PF = prefilter.build(_COMPASS_RE, boundary="\\w")
_PREP_WEAK_RE = re.compile(r"\b(?:from|to|toward|towards|for|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$", re.I)
_PLACE_IN_ACTOR_RE = re.compile(
    r"^(?:'s|’s)?\s*(?:military council|forces|army|council|government|regime|fighters|based|time)\b",
    re.I,
)


_DISTRICT_AFTER_RE = re.compile(
    r"(?:\s*(?:,|,?\s+and)\s+(?:the\s+)?(?:[Aa][lnrsdtz]-|[Ee][lz]-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?){0,3}"
    r"\s+(?:district|neighbou?rhood|quarter)s?\b(?!\s+(?:council|court|governor|chief))"
)
_DISTRICT_OF_RE = re.compile(
    r"\s+(?:district|neighbou?rhood|quarter)s?\s+(?:of|in)\s+(?:the\s+)?(?:city\s+of\s+)?"
)


def is_district(text: str, m: Mention) -> bool:
    """ "the Al-Badu district", "the Al-Rushdiya and Al-Hamidiyah districts": a neighbourhood of a city."""
    if re.search(r"\s(?:district|neighbou?rhood|quarter)$", m.text, re.I) and not re.match(
        r"\s+of\b", text[m.end : m.end + 4]
    ):
        return bool(re.search(r"\bthe\s+$", text[max(0, m.start - 10) : m.start]))
    return bool(_DISTRICT_AFTER_RE.match(text, m.end)) and bool(
        re.search(r"\bthe\s+$|\b(?:and|,)\s+$", text[max(0, m.start - 40) : m.start])
    )


@lru_cache(maxsize=1024)  # pure; asked again by the place choice, carried places and casualty rules
def place_rank(text: str, m: Mention) -> int:
    """0 town/city, 1 admin area, 2 country, 3 feature (rivers, seas)."""
    low = m.text.casefold()
    if _FEATURE_RE.match(low):
        return 3
    if _RIVER_RE.fullmatch(low) and (
        text[max(0, m.start - 4) : m.start].casefold() == "the "
        or re.match(r"\s+river\b", text[m.end : m.end + 8], re.I)
    ):
        return 3
    if low in _country_names() or (m.key or "").upper() in _ISO3_HINT:
        return 2
    if _ADMIN_AFTER_RE.match(text, m.end) or re.search(r"\b(?:province|governorate|oblast|region)$", low):
        return 1
    return 0


_ISO3_HINT: frozenset[str] = frozenset()


def _place_score(text: str, m: Mention, clause: tuple[int, int], trig_pos: int) -> float:
    ctx = text[max(0, m.start - 60) : m.start]
    score = 0.0
    if prefilter.search(_PREP_GOOD_PF, ctx):
        score += 3
    elif _PREP_WEAK_RE.search(ctx):
        score -= 1
    after = text[m.end : m.end + 30]
    if _PLACE_IN_ACTOR_RE.match(after):
        score -= 2.5
    if re.match(r"(?:'s|’s)\s", after):
        score -= 1.5
    if prefilter.search(_COMPASS_PF, ctx):
        score -= 3.5  # "south-east of Deir Ezzor": a reference point, not the place
    rank = place_rank(text, m)
    score -= (0, 0.5, 2.5, 3.5)[rank]
    if clause[0] <= m.start < clause[1]:
        score += 1
    score -= min(abs(m.start - trig_pos), 400) / 400
    return score


def place_key(m: Mention | None) -> str | None:
    if m is None:
        return None
    if m.key:
        return "k:" + m.key
    s = unicodedata.normalize("NFKD", m.text).encode("ascii", "ignore").decode().casefold()
    s = re.sub(r"\b(?:province|governorate|city|district|region|countryside|oblast)\b", " ", s)
    s = re.sub(r"(?:^|[\s-])(?:a[lnrsdtz]|e[lnrsdtz]|the)[\s-]", " ", s)
    s = re.sub(r"[^a-z]", "", s)
    s = re.sub(r"[aeiouy]", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return "t:" + s


# --- the coder ------------------------------------------------------------------------------------------------

_BARE_AIR = frozenset(
    [
        "jets",
        "warplanes",
        "aircraft",
        "planes",
        "helicopters",
        "drones",
        "fighter",
        "jets",
        "war",
        "planes",
        "bombers",
    ]
) | {"fighter jets", "war planes", "unidentified aircraft", "unidentified jets", "unidentified warplanes"}
_IDENT_RE = re.compile(
    r"(?:believed to be|thought to be|said to be|suspected to be|identified as|either|possibly|probably|"
    r"apparently|reportedly)\s+(?P<a>[A-Z][a-z]+(?:ian|ish|ese|i|an|ic|n))(?:\s+or\s+(?P<b>[A-Z][a-z]+(?:ian|ish|ese|i|an|ic|n)))?\b"
)
_CIVILIAN_RE = re.compile(
    r"^(?:the\s+)?(?:civilians?|residents?|villagers?|families|people|children|women|displaced|refugees?|"
    r"protesters?|worshippers?|passengers?|a family)\b",
    re.I,
)


def _is_civilian(s: str) -> bool:
    return bool(_CIVILIAN_RE.match(s.strip()))


_ANAPHOR_RE = re.compile(r"\b(?:the|these|those|this|that|such|both)\s+(?:[\w-]+\s+)?$", re.I)
_SPEECH_DATE_RE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|claimed|confirmed|denied|statement|wrote|"
    r"tweeted|posted)(?:\s+[\w.'’-]+){0,3}\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?$",
    re.I,
)
_REPORTER_AFTER_RE = re.compile(
    r"\s+(?:\w+ly\s+)?(?:report(?:ed|s)?|sa(?:y|ys|id)|told|describ(?:e|ed|es)|heard|hear|recount(?:ed|s)?)\b", re.I
)
_REPORTS_OBJECT_RE = re.compile(
    r"\s+(?:report(?:ed|s)?|describ(?:e|ed|es)|(?:also\s+)?(?:sa(?:y|ys|id)|confirm(?:ed|s)?)\s+(?:that\s+)?(?:there\s+(?:were|was|are|is)\s+)?)"
    r"\s*(?:(?:new|fresh|heavy|more|further|several|two|three|four|\d+|overnight|intense)\s+)*",
    re.I,
)
_SAYS_PF = prefilter.build(re.compile(r"\b(?:said|told|according to|stated|claimed)\b"), boundary="\\w")
_DATELINE_PLACE_RE = re.compile(r"(?:^|\n)[A-Z][A-Z'’. -]{2,},\s*$")
_HEADLINE_END_RE = re.compile(r"[.!?:\"”’)]$")


# Lexicon look-ups are pure functions of their arguments (the reference data is loaded once per process):
# cached, since the same names recur in every sentence and article.


@lru_cache(maxsize=16384)
def _norm_key(s: str) -> str:
    from pipelines.normalize.keys import normalize_key  # noqa: PLC0415 - lazy: polars

    return normalize_key(s)


@lru_cache(maxsize=16384)
def _actor_id(key: str, country: str | None) -> str | None:
    from pipelines.normalize.targets import actor_id_of  # noqa: PLC0415

    return actor_id_of(key, country)


@lru_cache(maxsize=16384)
def _allied(a: str | None, b: str | None, day: date | None) -> bool:
    from pipelines.normalize.targets import same_side  # noqa: PLC0415

    return same_side(a, b, day)


class RuleCoder:
    """Rule-based event coder (see module docstring)."""

    version = VERSION

    def __init__(self, span_finder: SpanFinder | None | object = _UNSET) -> None:
        self._finder = span_finder
        self.last_features: list[dict] = []  # calibration features of the last article's events, in order

    @property
    def finder(self) -> SpanFinder | None:
        return default_finder() if self._finder is _UNSET else self._finder  # type: ignore[return-value]

    # public API --------------------------------------------------------------------------------------------
    def code(self, article: ArticleIn) -> CodingResult:
        text = article.text or ""
        result = CodingResult()
        if not text.strip():
            return result
        triggers = find_triggers(text)
        if not triggers:
            return result
        sents = split_sentences(text)
        if not sents:
            return result
        pub = article.published or dateline_date(text, None)
        dl = dateline_date(text, pub)
        windows = _windows(text, sents, triggers)
        mentions = find_mentions(text, self.finder, windows)
        return _ArticleCoder(self, article, text, sents, triggers, mentions, pub, dl).run()


def _windows(text: str, sents: list[Sentence], triggers: list[TriggerHit]) -> list[tuple[int, int]]:
    """Spans (trigger sentences and the one before each) where grammar-based mentions are looked for."""
    starts = [s.start for s in sents]
    idx = sorted({bisect_right(starts, t.start) - 1 for t in triggers})
    out: list[tuple[int, int]] = []
    for i in idx:
        a = sents[max(0, i - 1)].start
        b = sents[i].end
        if out and a <= out[-1][1] + 2:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


class _ArticleCoder:
    def __init__(self, coder, article, text, sents, triggers, mentions, pub, dateline):
        self.coder = coder
        self.a = article
        self.text = text
        self.sents: list[Sentence] = sents
        self.sent_starts = [s.start for s in sents]
        self.triggers: list[TriggerHit] = triggers
        self.trig_starts = [t.start for t in triggers]
        self.mentions: list[Mention] = mentions
        self.m_starts = [m.start for m in mentions]
        self.pub: date | None = pub
        self.default_date: date | None = dateline or pub
        self.events: list[_Event] = []
        self.rejected: list[RejectedCandidate] = []
        self.title = (article.title or "").strip().casefold()
        self._country: str | None | object = _UNSET
        self._side_cache: dict[str, str | None] = {}
        # every _ATTRIB_RE match holds one of these words: without them no sentence names a claim or blame
        self.attrib_possible = any(w in text for w in _ATTRIB_WORDS)

    # helpers ---------------------------------------------------------------------------------------------
    @property
    def country(self) -> str | None:
        """The country the article's place mentions point to most (for contextual actor words)."""
        if self._country is _UNSET:
            from pipelines.normalize.resolve import _key_country  # noqa: PLC0415 - lazy: polars

            kc = _key_country()
            votes: dict[str, int] = {}
            for m in self.mentions:
                c = kc.get(m.key) if m.kind == "place" and m.key else None
                if c:
                    votes[c] = votes.get(c, 0) + 1
            self._country = min(votes, key=lambda c: (-votes[c], c)) if votes else None
        return self._country  # type: ignore[return-value]

    def side_of(self, m: Mention) -> str | None:
        """The dictionary actor a mention names (None when unknown)."""
        key = m.key or _norm_key(m.text)
        if key not in self._side_cache:
            aid = _actor_id(key, None)
            if aid is None:
                aid = _actor_id(key, self.country)
            if aid is None:
                stripped = _norm_key(re.sub(r"^(?:the|a|an|some|several)\s+", "", m.text, flags=re.I))
                aid = _actor_id(stripped, None) or _actor_id(stripped, self.country)
            self._side_cache[key] = aid
        return self._side_cache[key]

    def same_side(self, a: Mention, b: Mention) -> bool:
        """One camp: the same lexicon actor or allies on the article's date (alliances.csv), else the
        surface heuristic (`_same_party`)."""
        if _same_party(a, b):
            return True
        return _allied(self.side_of(a), self.side_of(b), self.default_date)

    def sent_mentions(self, s: Sentence) -> list[Mention]:
        i = bisect_left(self.m_starts, s.start)
        j = bisect_left(self.m_starts, s.end)
        return [m for m in self.mentions[i:j] if m.end <= s.end]

    def sent_triggers(self, s: Sentence) -> list[TriggerHit]:
        i = bisect_left(self.trig_starts, s.start)
        j = bisect_left(self.trig_starts, s.end)
        return self.triggers[i:j]

    def is_headline(self, s: Sentence) -> bool:
        if s.paragraph > 2 or s.index > 3:
            return False
        low = s.text.casefold()
        if self.title and (low == self.title or low in self.title or self.title in low):
            return True
        return not _HEADLINE_END_RE.search(s.text) and len(s.text) < 200

    def attribute(self, s: Sentence, ms: list[Mention]) -> None:
        """Claims and blame name the attacker of an event reported without one: "JNIM claimed the attack",
        "Zelenskiy blamed Russia", "an attack widely attributed to Israel" (blame is hedged)."""
        if not self.events or not self.attrib_possible:
            return
        m = _ATTRIB_RE.search(s.text)
        if m is None:
            return
        text = self.text
        pos = s.start + m.start()
        actors = [x for x in ms if x.kind == "actor" and not _is_civilian(x.text)]
        who = None
        claim = m.group("claim") is not None
        if claim:  # the claimant: the subject of "claimed", i.e. the first actor of its clause
            cut = s.start
            for b in re.finditer(r"[;:]|\b(?:and|but|while|said|says|after|when)\b", text[s.start : pos]):
                cut = s.start + b.end()
            before = [
                x
                for x in actors
                if cut <= x.start
                and x.end <= pos
                and not _SPEAKERISH_RE.search(x.text)
                and not re.match(r"-|['’]s\b", text[x.end : x.end + 2])  # "the al Qaeda-linked group X"
            ]
            who = before[0] if before else None
        else:
            after = [x for x in actors if pos < x.start <= s.start + m.end() + 12]
            who = after[0] if after else None
        if who is None or _UNNAMED_ACTOR_RE.match(who.text):
            return
        # the events of the last few sentences reported without a named attacker (blame: the most recent)
        done = False
        for ev in reversed(self.events):
            if s.index - ev.sent.index > 6 or s.paragraph - ev.sent.paragraph > 3:
                break
            if ev.sent.index == s.index and claim and ev.trig_pos > pos:
                continue  # "X claimed the attack, saying it had targeted the army": the claim's own gloss
            if ev.actor_weak or (ev.sent.index == s.index and not ev.actor_found):
                ev.actor, ev.actor_key, ev.assoc = who.text, who.key, None
                ev.actor_weak = False
                ev.hedged = ev.hedged or not claim
                if ev.feats:
                    ev.feats.update(actor_named=False, actor_inferred=True, hedged=ev.hedged)
                    ev.confidence = confidence(ev.feats, merged=len(ev.merged))
                done = True
                if not claim:
                    break  # blame names the attacker of one event; a claim covers the whole attack
        if done and claim:  # drop the gloss: it restates the claimed event
            self.events = [e for e in self.events if not (e.sent.index == s.index and e.trig_pos > pos)]

    def reject(self, s: Sentence, trig: str, reason: str) -> None:
        self.rejected.append(
            RejectedCandidate(
                self.a.article_id, s.index, s.start, s.end, s.text, trig, reason, self.coder.version
            )
        )

    # main loop -----------------------------------------------------------------------------------------------
    def run(self) -> CodingResult:
        text = self.text
        place_memory: list[tuple[Sentence, Mention, int]] = []  # (sentence, mention, rank)
        last_speaker: tuple[int, Mention] | None = None
        para_date: dict[int, DateRef] = {}
        trig_sent_idx = sorted({bisect_right(self.sent_starts, t.start) - 1 for t in self.triggers})
        trig_sent_set = set(trig_sent_idx)
        for s in self.sents:
            ms = self.sent_mentions(s)
            places = [m for m in ms if m.kind == "place"]
            if s.index in trig_sent_set:
                speaker = find_speaker(text, s.start, s.end, ms)
                if speaker is None and last_speaker and last_speaker[0] >= s.paragraph - 1:
                    speaker = last_speaker[1]
                self.code_sentence(s, ms, speaker, place_memory, para_date)
                self.attribute(s, ms)
            else:
                self.attribute(s, ms)
                speaker = None
                if ms and prefilter.search(_SAYS_PF, s.text):
                    speaker = find_speaker(text, s.start, s.end, ms)
            if speaker is not None:
                last_speaker = (s.paragraph, speaker)
            for m in places:
                place_memory.append((s, m, place_rank(text, m)))
        return self.finish()

    def code_sentence(self, s, ms, speaker, place_memory, para_date) -> None:
        text = self.text
        trigs = self.sent_triggers(s)
        dates = find_dates(text, self.pub, s.start, s.end)
        has_cas = any(t.strength == "casualty" or t.group == "civilians" for t in trigs)
        cas = find_casualties(text, s.start, s.end) if has_cas else []
        headline = self.is_headline(s)
        cands: dict[str, dict] = {}
        rejected: dict[str, tuple[str, str]] = {}
        cas_triggers = []
        interceptions: list[TriggerHit] = []
        for t in trigs:
            if t.strength == "ignore":
                continue
            if t.group == "explosion_generic" and _FIGHT_NOISE_RE.search(s.text):
                continue  # "gunfire and explosions rang out", "battles ... with explosions shaking the city"
            if t.strength == "casualty":
                cas_triggers.append(t)
                continue
            if t.strength == "interception":
                interceptions.append(t)
                continue
            clause = clause_bounds(s.start, s.text, t.start, t.end)
            clause_dates = [d for d in dates if clause[0] <= d.start < clause[1]]
            date_bg = bool(clause_dates) and all(d.background for d in clause_dates)
            date_recent = any(not d.background and (d.date is not None or d.relative) for d in clause_dates)
            mod = classify(s.text, t.start - s.start, t.end - s.start, date_bg, date_recent)
            etype, sub = self.type_of(t, clause)
            fam = family(etype)
            if mod.reason:
                rejected.setdefault(fam, (t.text, mod.reason))
                continue
            roles = assign_roles(text, s.start, s.end, t.start, t.end, ms, t.group)
            c = cands.setdefault(
                fam, {"trigs": [], "roles": [], "etype": None, "sub": None, "hedged": False, "clauses": []}
            )
            c["trigs"].append(t)
            c["roles"].append(roles)
            c["clauses"].append(clause)
            c["hedged"] |= mod.hedged or roles.hedged
            if c["etype"] is None or (t.strength == "strong" and c.get("strength") != "strong"):
                c["etype"], c["sub"], c["strength"] = etype, sub, t.strength
        for fam, (trig, reason) in rejected.items():
            if fam not in cands:
                self.reject(s, trig, reason)
        for t in interceptions:
            if not any(
                family(self.type_of(x, clause_bounds(s.start, s.text, x.start, x.end))[0]) == "remote"
                for c in cands.values()
                for x in c["trigs"]
            ):
                self.interception(s, t, ms, speaker, place_memory, dates, para_date, headline)
        if not cands:
            if cas and not rejected:
                self.casualty_only(s, ms, cas, cas_triggers, speaker, place_memory, dates)
            elif cas_triggers and not rejected:
                self.reject(s, cas_triggers[0].text, "no_event_type")
            return
        # attribute casualties to the nearest candidate trigger
        cas_by_fam: dict[str, list[Casualty]] = {}
        for c in cas:
            best = min(
                cands.items(),
                key=lambda kv: min(
                    (c.start - t.end) if t.end <= c.start else (t.start - c.end) * 1.5 for t in kv[1]["trigs"]
                ),
            )[0]
            cas_by_fam.setdefault(best, []).append(c)
        for fam, c in cands.items():
            self.build_events(
                s, ms, fam, c, cas_by_fam.get(fam, []), speaker, place_memory, dates, para_date, headline
            )

    def interception(self, s, t, ms, speaker, place_memory, dates, para_date, headline) -> None:
        """ "air defences shot down 27 Ukrainian drones over the Kursk region and eight over the Belgorod region":
        the launcher's strike at each place named (drones -> air_strike, missiles -> shelling); no place, no event."""
        text = self.text
        obj = _INTERCEPT_OBJ_RE.match(text, t.end, s.end)
        if obj is None:
            back = _INTERCEPT_PASSIVE_RE.search(text, max(s.start, t.start - 80), t.start)
            if back is None:
                return
            obj = back
        mod = classify(s.text, t.start - s.start, t.end - s.start)
        if mod.reason in ("negated", "threat", "plan", "conditional", "question", "unverified", "background"):
            self.reject(s, t.text, mod.reason)
            return
        weapon = obj.group("w").lower()
        etype = (
            "air_strike"
            if re.match(r"drone|uav|unmanned|shahed|geran|aircraft|plane|jet", weapon)
            else "shelling"
        )
        a, b = obj.span()

        def agent(m: Mention) -> bool:
            return m.kind == "actor" and not _is_weapon_name(m.text) and not _BARE_WEAPON_RE.match(m.text)

        owner = [m for m in ms if agent(m) and a <= m.start < b]
        launched = _LAUNCHED_BY_RE.match(text, b, s.end)
        actor = None
        if launched:
            by = [m for m in ms if agent(m) and launched.start("by") <= m.start < launched.end() + 30]
            actor = by[0] if by else None
        if actor is None and owner:
            actor = owner[0]
        if actor is None:
            adj = re.search(r"\b([A-Z][\w'’-]+)\s+(?:[\w-]+\s+){0,3}$", text[a : obj.start("w")])
            if adj and not re.fullmatch(r"[A-Z][a-z]?-?\d*|MQ-?\d+|The|An?|All|Most|Some", adj.group(1)):
                actor = Mention("actor", a + adj.start(1), a + adj.end(1), adj.group(1), None, "modifier")
        shooter = next(
            (m for m in reversed(ms) if m.kind == "actor" and m.end <= t.start and s.start <= m.start), None
        )
        places = [m for m in ms if m.kind == "place" and not _person_name(text, m)]
        over = [
            m
            for m in places
            if m.start >= b - 1
            and re.search(
                r"\b(?:over|above|towards?|at|on|in|near|off)\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+)?)?"
                r"(?:(?:city|town|port|region|province)\s+of\s+)?(?:southern |northern |eastern |western |central )?$",
                text[max(s.start, m.start - 40) : m.start],
            )
        ]
        chosen = over or [
            m
            for m in places
            if place_rank(text, m) != 2
            and not re.search(r"\bfrom\s+(?:the\s+)?$", text[max(s.start, m.start - 12) : m.start])
        ]
        if not chosen:
            self.reject(s, t.text, "interception_no_place")
            return
        if (
            actor is None or _same_party(actor, shooter)
            if actor is not None and shooter is not None
            else actor is None
        ):
            prev = self.recent_remote(s)
            if actor is None and prev is not None:
                actor = Mention("actor", t.start, t.end, prev.actor or "", prev.actor_key, "previous")
        if shooter is not None and (
            _SPEAKERISH_RE.search(shooter.text) or re.search(r"defen[cs]e", shooter.text, re.I)
        ):
            shooter = None  # "air defences" name no side
        roles = Roles(actor, None, shooter, False, False)
        c = {
            "trigs": [t],
            "roles": [roles],
            "etype": etype,
            "sub": DEFAULT_SUB[etype],
            "hedged": mod.hedged,
            "clauses": [(s.start, s.end)],
            "strength": "strong",
        }
        self.build_events(
            s, ms, "remote", c, [], speaker, place_memory, dates, para_date, headline, force_places=chosen
        )

    def type_of(self, t: TriggerHit, clause: tuple[int, int]) -> tuple[str, str]:
        if t.strength == "strong":
            ac = cue_pattern("aircraft")
            if t.event_type in ("shelling",) and ac is not None and ac.search(self.text, *clause):
                return "air_strike", DEFAULT_SUB["air_strike"]
            return t.event_type, t.sub_event_type
        clause_cues = cues = cue_types(self.text, *clause)
        if not cues & {"air_strike", "shelling", "explosion"}:
            s_i = bisect_right(self.sent_starts, t.start) - 1
            sent = self.sents[s_i]
            cues = cue_types(self.text, sent.start, sent.end)
        for et in ("air_strike", "shelling", "explosion"):
            if et in cues:
                return et, DEFAULT_SUB[et]
        # victims named in the trigger's own clause ("the army and residents said" names witnesses, not victims)
        if "attack_on_civilians_target" in clause_cues and t.event_type == "armed_clash":
            return "attack_on_civilians", DEFAULT_SUB["attack_on_civilians"]
        return t.event_type, t.sub_event_type

    def identify_aircraft(self, s: Sentence, trigs, actor: Mention | None):
        """ "warplanes believed to be Russian", "jets, either Russian or Syrian," -> (Russian, Syrian)."""
        text = self.text
        start = actor.end if actor is not None else s.start
        m = _IDENT_RE.search(text, start, s.end)
        if m is None or (actor is None and m.start() > trigs[0].start + 80):
            return None
        a = Mention("actor", m.start("a"), m.end("a"), m.group("a"), None, "identified")
        b = (
            Mention("actor", m.start("b"), m.end("b"), m.group("b"), None, "identified")
            if m.group("b")
            else None
        )
        return a, b

    def sentence_subject(self, s: Sentence, ms: list[Mention], trig: TriggerHit, target: Mention | None):
        """Fallback attacker: the first actor of the sentence before the trigger (its grammatical subject),
        for "Fighters of the SDF reached X after clashes with IS"."""
        text = self.text
        other = [t.start for t in self.sent_triggers(s) if t.strength != "casualty" and t.start < trig.start]
        for m in ms:
            if m.start >= trig.start:
                break
            if any(m.end <= o for o in other):
                continue  # another event's trigger stands between this actor and ours
            if m.kind != "actor" or (target is not None and m.start == target.start):
                continue
            before = text[s.start : m.start]
            if re.search(
                r"\b(?:said|told|according to|by|against|on|with|from|for|in|near|accused|of)\s+(?:the\s+)?$",
                before,
                re.I,
            ):
                continue
            if re.search(r"\b(?:said|says|told|according to)\b", before):
                continue
            if re.search(
                r"^\s*(?:[\w'’-]+\s+){0,2}(?:said|says|told|reported|claimed|announced|accused|denied)\b",
                text[m.end : trig.start],
            ):
                continue  # that is the speaker
            return m
        return None

    def resolve(self, m: Mention | None, speaker: Mention | None) -> Mention | None:
        if m is None:
            return None
        if m.kind == "pronoun":
            return speaker
        return m

    def victims_target(self, s: Sentence, cas: list[Casualty], ms: list[Mention], speaker) -> str | None:
        for c in cas:
            v = c.victims.strip(" .,;")
            if not v:
                continue
            inside = [m for m in ms if m.kind == "actor" and c.start <= m.start < c.end]
            if inside:
                return inside[0].text
            if re.search(r"\b(?:its|their|our)\b", v) and speaker is not None:
                return speaker.text
            pat = cue_pattern("attack_on_civilians_target")
            if pat is not None:
                mm = pat.search(v)
                if mm and mm.group(0).lower() not in ("men", "people", "persons"):
                    return mm.group(0)
                if mm:
                    return "civilians" if "civilian" in v else mm.group(0)
        return None

    def district_city(self, s: Sentence, d: Mention, places, place_memory) -> Mention | None:
        """The city of a neighbourhood: "the X district of Y" -> Y, else the last town named before."""
        text = self.text
        m = _DISTRICT_OF_RE.match(text, d.end)
        if m:
            for p in places:
                if m.end() - 1 <= p.start <= m.end() + 2:
                    return p
        for p in reversed([p for p in places if p.end <= d.start]):
            if place_rank(text, p) == 0 and not is_district(text, p):
                return p
        for _ps, pm, rank in reversed(place_memory):
            if rank == 0 and not is_district(text, pm) and not _PLACE_IN_ACTOR_RE.match(text, pm.end):
                return pm
        return None

    def choose_places(
        self, s: Sentence, ms, clause, trig_pos, place_memory
    ) -> tuple[list[Mention], bool, int]:
        text = self.text
        places = [m for m in ms if m.kind == "place" and not _person_name(text, m)]
        best = None
        if places:
            scored = sorted(places, key=lambda m: -_place_score(text, m, clause, trig_pos))
            best = scored[0]
        if best is not None and is_district(text, best):
            city = self.district_city(s, best, places, place_memory)
            if city is not None:
                return [city], city.start < s.start or city.start >= s.end, 0
        best_rank = place_rank(text, best) if best else 9
        carried = None
        if best is None or best_rank >= 2:
            for ps, pm, rank in reversed(place_memory):
                if rank >= 2 or s.paragraph - ps.paragraph > 6:
                    continue
                if _PLACE_IN_ACTOR_RE.match(text, pm.end) and rank > 0:
                    continue
                carried = pm
                break
        if (
            best is not None
            and best_rank == 2
            and prefilter.search(_PREP_GOOD_PF, text[max(0, best.start - 40) : best.start])
        ):
            carried = None  # "inside Iraq": the country is what the sentence says
        if carried is not None and (best is None or best_rank >= 2):
            return [carried], True, place_rank(text, carried)
        if best is None:
            return [], False, 9
        out = [best]
        # coordinated towns: "struck A, B and C" -> one event per town; not "the road between A and B" (one
        # place), nor an apposition "struck A, B's twin town"
        idx = places.index(best)
        if re.search(
            r"\bbetween\s+(?:the\s+)?(?:towns?\s+of\s+|villages?\s+of\s+)?$",
            text[max(0, best.start - 30) : best.start],
        ):
            return [best], False, best_rank
        j = idx + 1
        while j < len(places) and re.fullmatch(
            r"\s*(?:,|,?\s*and|,?\s*or|,?\s*as well as)\s*(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?",
            text[places[j - 1].end : places[j].start],
        ):
            if place_rank(text, places[j]) == best_rank and not re.match(
                r"['’]s\b", text[places[j].end : places[j].end + 2]
            ):
                out.append(places[j])
            j += 1
        j = idx - 1
        while j >= 0 and re.fullmatch(
            r"\s*(?:,|,?\s*and|,?\s*or)\s*(?:the\s+)?", text[places[j].end : places[j + 1].start]
        ):
            if place_rank(text, places[j]) == best_rank:
                out.insert(0, places[j])
            j -= 1
        return out, False, best_rank

    def build_events(
        self, s, ms, fam, c, cas, speaker, place_memory, dates, para_date, headline, force_places=None
    ) -> None:
        text = self.text
        actor = assoc = target = None
        passive_target = None
        anaphoric = False
        for t, r in zip(c["trigs"], c["roles"], strict=True):
            a = self.resolve(r.actor, speaker)
            if actor is None and a is not None:
                actor, assoc = a, self.resolve(r.associated, speaker)
            tg = self.resolve(r.target, speaker)
            if target is None and tg is not None and (actor is None or tg.text != actor.text):
                target = tg
            if t.strength == "generic" and _ANAPHOR_RE.search(text[max(s.start, t.start - 25) : t.start]):
                anaphoric = True
        _ = passive_target
        hedged_id = False
        if actor is None or actor.text.casefold().removeprefix("the ") in _BARE_AIR:
            ident = self.identify_aircraft(s, c["trigs"], actor)
            if ident is not None:
                actor, assoc, hedged_id = ident[0], ident[1], True
        if actor is None and fam != "remote":
            actor = self.sentence_subject(s, ms, c["trigs"][0], target)
        if actor is not None and any(x.start <= actor.start < x.end for x in cas if x.victims):
            actor = None  # "18 fighters were killed in strikes on X": the victims, not the attacker
        if actor is not None and _THING_RE.match(actor.text):
            if target is None:
                target = actor  # "a bus struck a roadside bomb": the vehicle is what was hit
            actor = None
        t_first = c["trigs"][0]
        if (
            actor is not None
            and actor.end <= t_first.start
            and _REPORTS_OBJECT_RE.fullmatch(text, actor.end, t_first.start)
        ):
            actor = None  # "the agency reports air strikes on X": who tells of the strikes, not who struck
        if actor is not None and _is_civilian(actor.text):
            if target is None and not _REPORTER_AFTER_RE.match(text, actor.end):
                target = actor  # not "Residents report explosions at X": they tell, they are not hit
            actor = None
        if assoc is not None and _is_civilian(assoc.text):
            assoc = None
        if actor is not None and target is not None and self.same_side(actor, target):
            target = None
        t0 = c["trigs"][0]
        if (
            actor is not None
            and target is not None
            and target.start > t0.start
            and any(_REPEL_RE.match(t.text) for t in c["trigs"])
        ):
            actor, target, assoc = target, actor, None  # "X repelled a Y attack": Y attacked X
        etype = c["etype"]
        target_raw = target.text if target is not None else self.victims_target(s, cas, ms, speaker)
        target_found = target_raw is not None
        if target_raw is None:
            clause0 = c["clauses"][0]
            gm = prefilter.search(_GENERIC_TARGET_PF, text, t0.end, clause0[1])
            # what was hit, in any clause of this event's triggers ("explosions shook X, where strikes on power
            # facilities cut electricity")
            civ = mil = None
            for tt, cl in zip(c["trigs"], c["clauses"], strict=True):
                civ = (
                    civ
                    or prefilter.search(_CIV_OBJECT_PF, text, tt.end, cl[1])
                    or prefilter.search(_CIV_OBJECT_PF, text, cl[0], tt.start)
                )
                mil = mil or prefilter.search(_MIL_OBJECT_PF, text, tt.end, cl[1])
            if gm and not gm.group(0).lower().startswith("enemy"):
                target_raw = gm.group(0)
            elif etype == "attack_on_civilians" or (civ and not mil and fam != "armed_clash"):
                target_raw = "civilians"  # ACLED: homes, schools, markets, people hit -> civilians
            elif actor is not None and (fam == "armed_clash" or gm is not None or mil is not None):
                op = self.opponent(actor, s)
                if op is not None:
                    target_raw, _opponent = op.text, True
        if actor is not None and (_is_weapon_name(actor.text) or _BARE_WEAPON_RE.match(actor.text)):
            # "Shahed drones hit a building", "X launched 60 drones and 12 missiles": the weapon, not who fired it
            clause0 = c["clauses"][0]
            actor = next(
                (
                    m
                    for m in ms
                    if m.kind == "actor"
                    and clause0[0] <= m.start < actor.start
                    and not _is_weapon_name(m.text)
                    and not _BARE_WEAPON_RE.match(m.text)
                    and not _is_civilian(m.text)
                    and not _SPEAKERISH_RE.search(m.text)
                ),
                None,
            )
        if actor is None and fam == "remote":
            low = " ".join(t.text.lower() for t in c["trigs"])
            prev_remote = self.recent_remote(s)
            strong_type = c.get("strength") == "strong"
            if not strong_type and prev_remote is not None and not (cue_types(text, s.start, s.end) & REMOTE):
                etype = (
                    prev_remote.event_type
                )  # "explosions shook X" after "missiles hit Y": the same barrage
            actor_raw_default = None
            if c["sub"] == "Suicide bomb" or "suicide" in low:
                actor_raw_default = (
                    "militants"  # a suicide bomber is an (unnamed) militant: the article's group
                )
            elif etype == "explosion" and strong_type:
                actor_raw_default = "unidentified armed group"  # ACLED: unclaimed IEDs, mines, bombs
            elif prev_remote is not None:
                # "a missile hit a bus stop in X" after "Russian missiles hit Y": the same attacker
                actor = Mention(
                    "actor", t0.start, t0.end, prev_remote.actor or "", prev_remote.actor_key, "previous"
                )
                hedged_id = True
            elif etype == "air_strike" and re.search(r"air|strike|raid", low):
                actor_raw_default = t0.text  # "air strikes": the article's main air power
            if actor_raw_default:
                actor = Mention("actor", t0.start, t0.end, actor_raw_default, None, "default")
        if etype == "armed_clash" and target_raw:
            pat = cue_pattern("attack_on_civilians_target")
            if (
                pat is not None
                and pat.fullmatch(target_raw.strip())
                or (target_raw or "").lower().startswith("civilian")
            ):
                etype = "attack_on_civilians"
        clause = c["clauses"][0]
        fatalities, injured = totals(cas)
        # anaphora: "the strikes wounded six" -> the previous event of this family
        if anaphoric and actor is None:
            prev = self.recent_event(s, fam)
            if prev is not None:
                self.fill(prev, target_raw=target_raw, fatalities=fatalities, injured=injured)
                return
        strong = c.get("strength") == "strong"
        if force_places:
            places, carried, rank = force_places, False, min(place_rank(text, p) for p in force_places)
        else:
            places, carried, rank = self.choose_places(s, ms, clause, t0.start, place_memory)
        has_place_here = bool(places) and not carried
        if not (actor or target_raw or fatalities or injured or (has_place_here and strong)):
            self.reject(s, t0.text, "no_actor")
            return
        if (
            not strong
            and actor is None
            and not (fam == "remote" and (target_raw or has_place_here or fatalities or injured))
        ):
            self.reject(s, t0.text, "no_actor")
            return
        # date
        speech = [x for x in dates if _SPEECH_DATE_RE.search(text, max(s.start, x.start - 40), x.start)]
        dates = [x for x in dates if x not in speech]
        d = pick_date([x for x in dates if clause[0] <= x.start < clause[1]], t0.start) or pick_date(
            dates, t0.start
        )
        explicit = d is not None
        rel = next((x for x in dates if x.relative), None)
        if d is None and rel is not None:
            base = self.last_date()
            if base is not None:
                shift = {"same": 0, "next": 1, "prev": -1}[rel.relative or "same"]
                d = DateRef(base + timedelta(days=shift), 1, rel.raw, rel.start, rel.end)
                explicit = True
        if d is None:
            d = pick_date(speech, t0.start)
            explicit = d is not None
        if d is None and s.paragraph in para_date:
            d = para_date[s.paragraph]
        if d is None:
            base = self.last_date()
            if base is not None:
                d = DateRef(base, 1, None, s.start, s.start)
        if d is not None:
            ev_date, prec, raw = d.date, d.precision, d.raw
            if explicit:
                para_date[s.paragraph] = d
        else:
            ev_date, prec, raw = self.default_date, 1, None
        if ev_date and self.pub and ev_date > self.pub:
            ev_date = self.pub
        if ev_date and self.pub and (self.pub - ev_date).days > 31:
            self.reject(s, t0.text, "background")
            return
        hedged = c["hedged"] or hedged_id
        feats = {
            "strong_trigger": strong,
            "actor_named": actor is not None and actor.source not in ("default", "previous"),
            "actor_inferred": actor is not None and actor.source in ("default", "previous"),
            "target_named": target_found,
            "target_inferred": target_raw is not None and not target_found,
            "place_town_here": has_place_here and rank == 0,
            "place_area_here": has_place_here and rank >= 1,
            "place_carried": carried,
            "hedged": hedged,
            "headline": headline,
            "date_explicit": explicit,
            "casualties": fatalities is not None or injured is not None,
            "interception": t0.strength == "interception",
            "casualty_sentence": c.get("origin") == "casualty",
        }
        conf = confidence(feats)
        sub = c["sub"] if etype == c["etype"] else DEFAULT_SUB[etype]
        for p in places or [None]:
            ev = _Event(
                event_type=etype,
                sub_event_type=sub,
                sent=s,
                trigger=" / ".join(t.text for t in c["trigs"]),
                trig_pos=t0.start,
                actor=actor.text if actor else None,
                actor_key=actor.key if actor else None,
                actor_weak=actor is None
                or actor.source in ("default", "previous")
                or bool(_UNNAMED_ACTOR_RE.match(actor.text)),
                actor_found=actor is not None and actor.source not in ("default", "previous"),
                assoc=assoc.text if assoc else None,
                target=target_raw,
                place=p,
                place_carried=carried,
                place_rank=rank,
                date=ev_date,
                date_precision=prec,
                date_raw=raw,
                date_explicit=explicit,
                fatalities=fatalities,
                injured=injured,
                hedged=hedged,
                confidence=conf,
                headline=headline,
                strong=strong,
                feats=dict(feats),
            )
            self.add_event(ev)

    def casualty_only(self, s, ms, cas, cas_triggers, speaker, place_memory, dates) -> None:
        fat, inj = totals(cas)
        if _is_aggregate(s.text):
            self.reject(s, cas_triggers[0].text if cas_triggers else "", "aggregate")
            return
        t = cas_triggers[0] if cas_triggers else None
        if t is not None and not all(c.count == 0 for c in cas):
            cd = [d for d in dates if s.start <= d.start < s.end]
            mod = classify(
                s.text,
                t.start - s.start,
                t.end - s.start,
                bool(cd) and all(d.background for d in cd),
                any(not d.background and (d.date is not None or d.relative) for d in cd),
            )
            if mod.reason == "background":  # "militants had killed 100 people there over three weeks"
                self.reject(s, t.text, mod.reason)
                return
        prev = self.casualty_event(s, ms)
        roles = assign_roles(self.text, s.start, s.end, t.start, t.end, ms) if t else None
        actor = self.resolve(roles.actor, speaker) if roles else None
        killing_verb = t is not None and re.match(r"kill(?:ed|ing|s)$", t.text, re.I)
        agentive = bool(
            actor is not None
            and not any(x.start <= actor.start < x.end for x in cas)  # "2 Palestinians killed."
            and killing_verb
            and not roles.passive
            and actor.start < t.start
            and (speaker is None or actor.start != speaker.start)
        )
        if prev is not None and not agentive:
            revised = any(c.revised for c in cas)
            self.fill(
                prev,
                target_raw=self.victims_target(s, cas, ms, speaker),
                fatalities=fat,
                injured=inj,
                replace=revised,
                add=bool(_ADDITIONAL_RE.search(s.text)),
            )
            return
        if (
            actor is None
            or t is None
            or not killing_verb
            or (roles and roles.passive)
            or actor.start > t.start
        ):
            self.reject(s, t.text if t else "", "no_event_type")
            return
        clause = clause_bounds(s.start, s.text, t.start, t.end)
        cd = [d for d in dates if clause[0] <= d.start < clause[1]]
        mod = classify(
            s.text,
            t.start - s.start,
            t.end - s.start,
            bool(cd) and all(d.background for d in cd),
            any(not d.background and (d.date is not None or d.relative) for d in cd),
        )
        if mod.reason:
            self.reject(s, t.text, mod.reason)
            return
        cues = cue_types(self.text, s.start, s.end)
        etype = next((e for e in ("air_strike", "shelling", "explosion") if e in cues), None)
        target_raw = self.victims_target(s, cas, ms, speaker) or (
            roles.target.text if roles and roles.target else None
        )
        if etype is None:
            pat = cue_pattern("attack_on_civilians_target")
            civ = bool(target_raw and pat is not None and pat.search(target_raw))
            etype = "attack_on_civilians" if civ else "armed_clash"
        c = {
            "trigs": [t],
            "roles": [roles],
            "etype": etype,
            "sub": DEFAULT_SUB[etype],
            "hedged": mod.hedged,
            "clauses": [clause],
            "strength": "strong",
            "origin": "casualty",
        }
        self.build_events(s, ms, family(etype), c, cas, speaker, place_memory, dates, {}, self.is_headline(s))

    def opponent(self, actor: Mention, s: Sentence) -> Mention | None:
        """The other side when a clause names none ("the army recaptured the town"): the armed actor the
        article names most, other than the attacker; the nearest mention before the sentence is returned."""
        counts: dict[str, int] = {}
        last: dict[str, Mention] = {}
        for m in self.mentions:
            if m.kind != "actor" or _is_civilian(m.text) or self.same_side(actor, m):
                continue
            if _SPEAKERISH_RE.search(m.text):
                continue
            if _DATELINE_PLACE_RE.search(self.text, max(0, m.start - 40), m.start):
                continue  # "RAQQA, Syria, Oct 17 (Agency) -": the dateline's country, not a party
            k = m.key or _norm_actor(m.text)
            counts[k] = counts.get(k, 0) + 1
            if k not in last or m.start < s.end:
                last[k] = m
        if not counts:
            return None
        best = max(counts, key=lambda k: (counts[k], -last[k].start))
        return last[best]

    def recent_remote(self, s: Sentence) -> _Event | None:
        for ev in reversed(self.events):
            if s.index - ev.sent.index > 20:
                return None
            if ev.family == "remote" and ev.actor and ev.event_type != "explosion":
                return ev
        return None

    def casualty_event(self, s: Sentence, ms: list[Mention]) -> _Event | None:
        """The event a casualty-only sentence reports on: the recent event at the place it names, else the
        last event of the same or previous paragraph."""
        text = self.text
        places = [
            m
            for m in ms
            if m.kind == "place" and place_rank(text, m) == 0 and not _PLACE_IN_ACTOR_RE.match(text, m.end)
        ]
        if places:
            keys = {place_key(m) for m in places}
            for ev in reversed(self.events):
                if s.index - ev.sent.index > 12:
                    break
                if place_key(ev.place) in keys:
                    return ev
            return None
        for ev in reversed(self.events):
            if s.index - ev.sent.index > 4 or s.paragraph - ev.sent.paragraph > 1:
                return None
            return ev
        return None

    def last_date(self) -> date | None:
        for ev in reversed(self.events):
            if ev.date_explicit and ev.date is not None:
                return ev.date
        return None

    def recent_event(self, s: Sentence, fam: str | None, max_back: int = 6) -> _Event | None:
        for ev in reversed(self.events):
            if s.index - ev.sent.index > max_back:
                return None
            if fam is None or ev.family == fam:
                return ev
        return None

    def fill(
        self, ev: _Event, target_raw=None, fatalities=None, injured=None, replace=False, add=False
    ) -> None:
        """Add what a later sentence says of an event. Figures: a stated revision ("the toll rose to 40")
        replaces, "also"/"another" adds, and another source's figure ("others put the toll at 82") keeps the
        lowest (the ACLED convention); a zero never overrides a figure."""
        if ev.target is None and target_raw:
            ev.target = target_raw

        def combine(old: int | None, new: int | None) -> int | None:
            if new is None:
                return old
            if old is None or replace:
                return new
            if add:
                return old + new
            return min(old, new) if new > 0 else old

        ev.fatalities = combine(ev.fatalities, fatalities)
        ev.injured = combine(ev.injured, injured)

    # merging -------------------------------------------------------------------------------------------------
    def compatible(self, a: _Event, b: _Event) -> bool:
        if a.family != b.family:
            return False
        if a.date and b.date and a.date != b.date:
            if a.date_explicit and b.date_explicit:
                return False
            if abs((a.date - b.date).days) > 1:
                return False
        ka, kb = place_key(a.place), place_key(b.place)
        if (
            not (a.headline or b.headline)
            and ka
            and kb
            and ka != kb
            and not (a.place_carried or b.place_carried)
        ):
            if not (a.place_rank >= 1 or b.place_rank >= 1):
                return False
            if a.place_rank == b.place_rank:
                return False
        if a.family == "armed_clash" and a.actor and b.actor and not _same_actor(a, b):
            # "X and Y fought in Z" then "Y said it had taken Z": one battle seen from both sides
            return _same_name(a.actor, b.target) and _same_name(b.actor, a.target)
        return True

    def add_event(self, ev: _Event) -> None:
        if ev.headline:
            self.events.append(ev)
            return
        for prev in self.events:
            if prev.headline:
                continue
            if self.compatible(prev, ev):
                _merge_into(prev, ev)
                return
        self.events.append(ev)

    def main_attacker(self) -> tuple[str, str | None] | None:
        """The attacker of an article's remote violence, for strikes it reports without one (a live blog of a
        missile barrage): the actor most often named on its remote events, else the subject of "X launched /
        fired ... missiles (drones, rockets)"."""
        counts: dict[str, list] = {}
        for e in self.events:
            if e.family == "remote" and e.actor and not e.actor_weak:
                counts.setdefault(e.actor_key or _norm_actor(e.actor), []).append(e)
        if counts:
            best = max(counts.values(), key=len)
            if len(counts) == 1 or len(best) >= 2:
                return best[0].actor, best[0].actor_key
            return None
        for m in _LAUNCH_RE.finditer(self.text):
            ms = [
                x
                for x in self.mentions
                if x.kind == "actor" and x.end <= m.start() and m.start() - x.end <= 3
            ]
            if ms and not _is_civilian(ms[-1].text) and not _SPEAKERISH_RE.search(ms[-1].text):
                return ms[-1].text, ms[-1].key
        return None

    def finish(self) -> CodingResult:
        orphans = [
            e for e in self.events if e.family == "remote" and e.actor is None and e.event_type != "explosion"
        ]
        if orphans:
            main = self.main_attacker()
            if main is not None:
                for e in orphans:
                    e.actor, e.actor_key, e.actor_weak, e.hedged = main[0], main[1], True, True
                    if e.feats:
                        e.feats.update(actor_inferred=True, hedged=True)
                        e.confidence = confidence(e.feats, merged=len(e.merged))
        body = [e for e in self.events if not e.headline]
        heads = [e for e in self.events if e.headline]
        for h in heads:
            for b in body:
                if b.family == h.family and (not h.date or not b.date or abs((h.date - b.date).days) <= 1):
                    _merge_into(b, h, keep_slots=True)
                    break
            else:
                if not body:
                    body.append(h)
        body.sort(key=lambda e: (e.sent.index, e.trig_pos))
        out = CodingResult(rejected=self.rejected)
        self.coder.last_features = [dict(e.feats, merged=len(e.merged) > 0) for e in body]
        for e in body:
            s = e.sent
            out.events.append(
                EventMention(
                    article_id=self.a.article_id,
                    event_type=e.event_type,
                    sub_event_type=e.sub_event_type,
                    sentence_index=s.index,
                    char_start=s.start,
                    char_end=s.end,
                    evidence=s.text,
                    trigger=e.trigger,
                    actor_raw=e.actor,
                    associated_actor_raw=e.assoc,
                    target_raw=e.target,
                    location_raw=e.place.text if e.place else None,
                    event_date=e.date,
                    date_precision=e.date_precision,
                    date_raw=e.date_raw,
                    fatalities=e.fatalities,
                    injured=e.injured,
                    confidence=round(e.confidence, 3),
                    hedged=e.hedged,
                    coder_version=self.coder.version,
                )
            )
        return out


_ATTRIB_RE = re.compile(
    r"(?P<claim>\bclaimed (?:responsibility|the (?:attack|bombing|strike|assault|raid|ambush|killing|abduction)s?)\b)"
    r"|\b(?:(?<!denied )(?<!deny )blamed|blames|blaming|(?:was |were |widely |been )attributed to|"
    r"blamed on)\s+(?:the\s+)?"
)
_ATTRIB_WORDS = ("claimed", "blam", "attributed")
_WEAPON_WORDS = (
    r"(?P<w>(?:(?:shahed|geran)s?\s+)?(?:drones?|uavs?|unmanned aerial vehicles?|missiles?|rockets?|projectiles?)"
    r"|shaheds?|gerans?)"
)
_INTERCEPT_OBJ_RE = re.compile(
    r"\s+(?:(?:all|most|some|\d+|[a-z]+-?[a-z]*)\s+(?:of\s+(?:the\s+)?(?:\d+|[a-z]+)\s+)?)?(?:an?\s+|the\s+)?"
    r"(?:(?!(?:with|in|at|on|by|from)\b)[\w.-]+\s+){0,4}?" + _WEAPON_WORDS + r"(?![\w-])",
    re.I,
)
_INTERCEPT_PASSIVE_RE = re.compile(
    r"(?:[\w.-]+\s+){0,4}?"
    + _WEAPON_WORDS
    + r"(?![\w-])(?:\s+[\w-]+){0,6}?\s+(?:were|was|had been|have been|being)\s+$",
    re.I,
)
_LAUNCHED_BY_RE = re.compile(
    r"\s+(?:(?:that|which)\s+(?:were|was|had been)\s+)?(?:launched|fired|sent)\s+(?:\w+\s+)?(?P<by>by|from)\s+"
    r"(?:the\s+)?(?:[\w.'’-]+\s+){0,4}",
    re.I,
)
_BARE_WEAPON_RE = re.compile(
    r"^(?:an?\s+|the\s+|\d+\s+|(?-i:[a-z]+)\s+)?(?:drones?|uavs?|missiles?|rockets?|projectiles?|shells?)$",
    re.I,
)
_LAUNCH_RE = re.compile(
    r"\s(?:launched|fired)\s+(?:[\w,-]+\s+){0,6}?(?:missiles|drones|rockets|shaheds|projectiles)\b", re.I
)
_ADDITIONAL_RE = re.compile(r"\b(?:also|another|a further|(?:two|three|\d+) more|as well)\b", re.I)
_THING_RE = re.compile(
    r"^(?:an?|the|their|its|his|her)?\s*(?:[\w-]+\s+){0,2}(?:bus(?:es)?|minibus|cars?|vehicles?|trucks?|lorry|pick-?ups?|"
    r"boats?|buildings?|houses?|homes?|schools?|hospitals?|markets?|mosques?|"
    r"trains?)$",
    re.I,
)
_UNNAMED_ACTOR_RE = re.compile(
    r"^(?:an?\s+|the\s+)?(?:(?:unidentified|unknown|suspected|islamist|armed|masked|jihadist|militant|heavily armed)\s+)*"
    r"(?:gunmen|militants|attackers?|assailants|(?:suicide\s+)?bombers?|insurgents|jihadists|armed (?:group|men)|"
    r"(?:unidentified )?armed group|air ?strikes?|air raids?|men|fighters|mujahideen)$",
    re.I,
)


def _is_weapon_name(s: str) -> bool:
    """ "Shahed drones", "Tochka-U missiles", "a Kh-22 missile": weapon systems named in place of an attacker."""
    pat = cue_pattern("weapon_names")
    return bool(
        pat is not None
        and re.match(r"^(?:an?\s+|the\s+)?", s)
        and pat.fullmatch(re.sub(r"^(?:an?\s+|the\s+)", "", s.strip(), flags=re.I))
    )


_AGGREGATE_RE = re.compile(
    r"\b(?:totals?|in all|overall|altogether|cumulative|so far this (?:year|month|week)|to date|for the period|"
    r"since the (?:start|beginning|outbreak)|in total|this year|last year|since (?:19|20)\d\d)\b",
    re.I,
)
_ACROSS_RE = re.compile(
    r"\b(?:[Nn]ationwide|[Cc]ountrywide|[Aa]cross the (?:whole |entire )?(?:country|nation)\b|(?:[Aa]cross|[Tt]hroughout) "
    r"(?P<c>[A-Z][\w ]{2,20}?)\b(?:[.,;]|$| on | since | in ))"
)


def _is_aggregate(sentence: str) -> bool:
    """A national or period total ("492 killed across Lebanon", "the nationwide toll"): never one event's."""
    if _AGGREGATE_RE.search(sentence):
        return True
    for m in _ACROSS_RE.finditer(sentence):
        if not m.group("c") or m.group("c").casefold().removeprefix("the ") in _country_names():
            return True
    return False


_FIGHT_NOISE_RE = re.compile(
    r"\b(?:gunfire|gunshots|fighting|clashes|battles?|fought|firefights?|exchanges? of fire)\b", re.I
)
_PERSON_BEFORE_RE = re.compile(
    r"(?:\b(?:President|Prime Minister|Minister|[Ss]pokes(?:man|woman|person)|General|Gen\.|[Mm]ayor|[Gg]overnor|"
    r"[Cc]ommander|[Cc]hief|[Ll]eader|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sheikh|Colonel|Col\.|Captain|Major|King|Emir|Prince)"
    r"\s+(?:[A-Z][\w'’-]+\s+){0,2}|[A-Z][a-z]+\s)$"
)
_PERSON_AFTER_RE = re.compile(r"\s[A-Z][a-z]{2,}\b(?<!Province)(?<!City)")


def _person_name(text: str, m: Mention) -> bool:
    """ "President Vladimir Putin", "spokesman Abdifatah Aden Hassan": a gazetteer name inside a person's name."""
    before = text[max(0, m.start - 40) : m.start]
    if not _PERSON_BEFORE_RE.search(before):
        return False
    after = text[m.end : m.end + 20]
    if re.match(
        r"\s(?:Province|Governorate|City|District|Region|Oblast|Airport|Camp|Countryside|Military|Council|Mayor|"
        r"Governor|Regional|State|Strip|Bank)\b",
        after,
    ):
        return False
    prev_word = re.search(r"([A-Z][\w'’-]+)\s+$", before)
    if prev_word and prev_word.group(1) in ("The", "In", "On", "At", "Near", "Of", "From", "To", "And"):
        return False
    return bool(_PERSON_AFTER_RE.match(after)) or bool(
        re.search(r"\b(?:President|Minister|[Ss]pokes(?:man|woman)|General|[Mm]ayor|[Gg]overnor)\s+$", before)
    )


_CIV_OBJECT_RE = re.compile(
    r"(?<![\w-])(?:residential|homes?|houses?|apartments?|apartment blocks?|tower blocks?|schools?|hospitals?|clinics?|"
    r"markets?|marketplace|bakery|bakeries|mosques?|churches|church|shelters?|camps? for (?:the )?displaced|"
    r"displacement camps?|refugee camps?|tents?|bus(?:es)?|minibus|cars?|shops?|cafes?|restaurants?|playgrounds?|"
    r"weddings?|funerals?|civilians?|residents?|displaced|families|children|women|worshippers|passengers|"
    r"queues?|crowds?|bread|aid (?:convoy|workers?|distribution)|food distribution|water (?:station|point)s?|"
    r"power (?:station|plant|grid|facilities|infrastructure)s?|energy (?:facilities|infrastructure)|"
    r"city cent(?:re|er)|neighbou?rhoods?|street|bus stops?|railway station|train station|hotels?)(?![\w-])",
    re.I,
)
_MIL_OBJECT_RE = re.compile(
    r"(?<![\w-])(?:(?:air )?bases?|airbase|positions?|targets?|military|airport|airfield|checkpoints?|barracks|depots?|"
    r"arms|weapons|soldiers|troops|fighters|militants|launchers?|launch sites?|command (?:post|centre|center)s?|"
    r"headquarters|outposts?|convoys?|tanks?|armou?red vehicles?|ammunition|ships?|vessels?|warships?|"
    r"reserves|units|posts?|trenches|fortifications|garrison|frontline|front line)(?![\w-])",
    re.I,
)
_REPEL_RE = re.compile(r"(?:repelled|repulsed|foiled|thwarted|fought off|beat back|beaten back)$", re.I)
_GENERIC_TARGET_RE = re.compile(
    r"(?<![\w-])(?:militant|jihadist|insurgent|rebel|extremist|terrorist|enemy)s?\s+(?:positions?|targets?|hideouts?|"
    r"strongholds?|bases?|fighters|posts?|camps?|convoys?|gatherings?|concentrations?|lines|fortifications)(?![\w-])",
    re.I,
)
# where the object patterns can start (see `prefilter`)
_CIV_OBJECT_PF = prefilter.build(_CIV_OBJECT_RE)
_MIL_OBJECT_PF = prefilter.build(_MIL_OBJECT_RE)
_GENERIC_TARGET_PF = prefilter.build(_GENERIC_TARGET_RE)
_SPEAKERISH_RE = re.compile(
    r"\b(?:monitor|observatory|ministry|spokesm[ae]n|official|officials|media|agency|residents|sources?)\b",
    re.I,
)
_GENERIC_ACTOR_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "government",
        "regime",
        "army",
        "military",
        "forces",
        "force",
        "troops",
        "soldiers",
        "units",
        "security",
        "state",
        "armed",
        "pro-government",
        "loyalist",
    ]
)


def _actor_words(m: Mention) -> set[str]:
    return {w for w in re.findall(r"[A-Z][\w-]+|[A-Z]{2,}", m.text) if w.lower() not in _GENERIC_ACTOR_WORDS}


def _same_party(a: Mention, b: Mention) -> bool:
    """Two mentions that name the same actor (same lexicon key, shared name word, or both generic state forces)."""
    if a.key and b.key and a.key == b.key:
        return True
    return _same_party_text(a.text, b.text)


@lru_cache(maxsize=16384)
def _same_party_text(a_text: str, b_text: str) -> bool:
    """`_same_party` beyond the keys: by the surface strings alone (cached; called for every actor pair)."""
    a = Mention("actor", 0, 0, a_text, None, "")
    b = Mention("actor", 0, 0, b_text, None, "")
    if a.text.casefold() == b.text.casefold():
        return True
    wa, wb = _actor_words(a), _actor_words(b)
    if wa and wb:
        return bool(wa & wb)
    ha, hb = _head_noun(a.text), _head_noun(b.text)
    if (
        ha
        and ha == hb
        and ha not in ("forces", "force", "units", "troops", "soldiers", "fighters", "men", "people")
    ):
        return True  # "rebels" / "Syrian rebels", "the militia" / "the Janjaweed militia"
    ga = not wa and bool(re.search(r"\b(?:army|military|government|regime|troops|soldiers)\b", a.text, re.I))
    gb = not wb and bool(re.search(r"\b(?:army|military|government|regime|troops|soldiers)\b", b.text, re.I))
    if ga and gb:
        return True
    return bool(
        ga
        and re.search(r"\b(?:army|government|regime|military)\b", b.text, re.I)
        or gb
        and re.search(r"\b(?:army|government|regime|military)\b", a.text, re.I)
    )


def _head_noun(s: str) -> str:
    words = re.findall(r"[A-Za-z][\w'’-]*", s)
    return words[-1].casefold().rstrip("s") + "s" if words else ""


def _norm_actor(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.casefold())


def _same_actor(a: _Event, b: _Event) -> bool:
    if a.actor_key and b.actor_key:
        return a.actor_key == b.actor_key
    wa = {w for w in re.findall(r"[A-Z][\w-]+", a.actor or "")}
    wb = {w for w in re.findall(r"[A-Z][\w-]+", b.actor or "")}
    if wa and wb:
        return bool(wa & wb)
    return _norm_actor(a.actor or "") == _norm_actor(b.actor or "")


def _same_name(a: str | None, b: str | None) -> bool:
    """Raw actor strings naming the same side: a shared proper-name word or acronym ("RSF" / "the RSF",
    "Sudan's army" / "the army")."""
    if not a or not b:
        return False
    wa = {w.casefold() for w in re.findall(r"[A-Z][\w-]+", a)} - {"the"}
    wb = {w.casefold() for w in re.findall(r"[A-Z][\w-]+", b)} - {"the"}
    if wa & wb:
        return True

    def initials(x: str) -> str:
        return "".join(w[0] for w in re.findall(r"\b[A-Z][a-z]+", x))

    acr_a, acr_b = set(re.findall(r"\b[A-Z]{2,6}\b", a)), set(re.findall(r"\b[A-Z]{2,6}\b", b))
    if initials(b) in acr_a or initials(a) in acr_b:
        return True  # "RSF" / "Rapid Support Forces"
    return _head_noun(a) == _head_noun(b) and _head_noun(a) not in ("forces", "fighters", "troops", "units")


def _merge_into(prev: _Event, ev: _Event, keep_slots: bool = False) -> None:
    for f in ("actor", "actor_key", "assoc", "target"):
        if getattr(prev, f) is None and getattr(ev, f) is not None:
            setattr(prev, f, getattr(ev, f))
    if prev.place is None and ev.place is not None:
        prev.place, prev.place_carried, prev.place_rank = ev.place, ev.place_carried, ev.place_rank
    elif (
        not keep_slots
        and ev.place is not None
        and not ev.place_carried
        and (prev.place_carried and ev.place_rank <= prev.place_rank or ev.place_rank < prev.place_rank)
    ):
        prev.place, prev.place_carried, prev.place_rank = ev.place, False, ev.place_rank
    if not prev.date_explicit and ev.date_explicit and not keep_slots:
        prev.date, prev.date_precision, prev.date_raw, prev.date_explicit = (
            ev.date,
            ev.date_precision,
            ev.date_raw,
            True,
        )
    if ev.fatalities is not None:
        prev.fatalities = max(prev.fatalities or 0, ev.fatalities)
    if ev.injured is not None:
        prev.injured = max(prev.injured or 0, ev.injured)
    if prev.event_type != ev.event_type and not prev.strong and ev.strong:
        prev.event_type, prev.sub_event_type = ev.event_type, ev.sub_event_type
    prev.hedged = prev.hedged and ev.hedged
    prev.merged.append(ev.sent.index)
    if prev.feats and ev.feats:
        for k in (
            "actor_named",
            "target_named",
            "place_town_here",
            "date_explicit",
            "casualties",
            "strong_trigger",
        ):
            prev.feats[k] = prev.feats[k] or ev.feats[k]
        prev.feats["hedged"] = prev.hedged
        prev.feats["actor_inferred"] = prev.feats["actor_inferred"] and not prev.feats["actor_named"]
        prev.feats["target_inferred"] = prev.feats["target_inferred"] and not prev.feats["target_named"]
    prev.confidence = confidence(prev.feats, merged=len(prev.merged)) if prev.feats else prev.confidence
