"""The contract between the coder and the rest of the pipeline.

A coder reads one article's text and returns event mentions (what happened, who did it to whom,
where, when, how many casualties) with provenance back to the sentence, plus the candidates it
rejected and why (threats, plans, denials, background history...). Everything downstream --
normalization, the warehouse, dbt -- depends only on these records, so a model-based coder can
replace the rule-based one by implementing `Coder`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Protocol

# The six coarse event types the CLI and the marts use.
EVENT_TYPES = ("air_strike", "shelling", "armed_clash", "attack_on_civilians", "explosion", "other")


@dataclass(frozen=True, slots=True)
class ArticleIn:
    """What the coder needs of an article: its extracted text and when it was published."""

    article_id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    country_hint: str | None = None  # ISO3, e.g. from the outlet or a dateline; optional


@dataclass(slots=True)
class EventMention:
    """One reported event as found in one sentence (or a short span of sentences) of an article.

    Offsets are character offsets into `ArticleIn.text`: `text[char_start:char_end] == evidence`.
    Raw strings are exactly as written; canonical ids are filled in by `pipelines.normalize`.
    """

    article_id: str
    event_type: str  # one of EVENT_TYPES
    sub_event_type: str  # ACLED-style finer type, see reference/event_types.csv
    sentence_index: int
    char_start: int
    char_end: int
    evidence: str
    trigger: str  # the trigger word(s) that made this a candidate
    actor_raw: str | None = None
    associated_actor_raw: str | None = None  # second actor in "X and Y struck..." / "X or Y"
    target_raw: str | None = None
    location_raw: str | None = None
    event_date: date | None = None
    date_precision: int = 1  # ACLED time_precision: 1 day, 2 week, 3 month or coarser
    date_raw: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    confidence: float = 0.5  # 0..1, should track how often such events are right
    hedged: bool = False  # "believed to be", "X or Y", "reportedly"
    coder_version: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class RejectedCandidate:
    """A sentence that looked like an event but is not one, kept so the decision can be inspected."""

    article_id: str
    sentence_index: int
    char_start: int
    char_end: int
    evidence: str
    trigger: str
    reason: (
        str  # threat | plan | denial | conditional | question | intent | background | negated | no_actor ...
    )
    coder_version: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class CodingResult:
    events: list[EventMention] = field(default_factory=list)
    rejected: list[RejectedCandidate] = field(default_factory=list)


class Coder(Protocol):
    """Anything that turns an article into event mentions."""

    version: str

    def code(self, article: ArticleIn) -> CodingResult: ...
