"""Rule-based event coding: article text -> event mentions (see `types.py` for the contract)."""

from __future__ import annotations

from .rules import VERSION, RuleCoder
from .types import ArticleIn, Coder, CodingResult, EventMention, RejectedCandidate

__all__ = [
    "VERSION",
    "ArticleIn",
    "Coder",
    "CodingResult",
    "EventMention",
    "RejectedCandidate",
    "RuleCoder",
    "default_coder",
]


def default_coder() -> RuleCoder:
    return RuleCoder()
