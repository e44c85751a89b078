"""Normalization: raw actor/place strings from the coder -> canonical actors and GeoNames places.

    find_spans(text) -> list[Span]                      actor/place mentions in a sentence (lexicon.py)
    normalize_events(events, article_countries=None)   -> Normalized(events, places, unresolved)
    article_countries(articles)                        (article_id, text) -> (article_id, country_iso3, ...)
    encode_countries(text) / stored_countries(ids, encoded)   the same, stored by the coder (one scan a text)
    actor_frames()                                     rows for raw.actors and raw.actor_alliances
    unresolved_share(events[, unresolved])             share of unresolved actor/place mentions + top unknowns
    dictionary_version()                               short hash of the reference data

After resolution, `targets.apply_target_conventions` drops own-side targets and infers the attacked state
(`reference/hostilities.csv`) or the campaign's target for events whose text names none.
Cheap to import: the dictionaries, the gazetteer and the automaton load on first use.
Actor names: a faction whose `count_as_parent` is true in actors.csv (YPG, Deir Ezzor Military Council)
keeps its own actor_id but reports its parent's name (SDF) in *_name, the faction analysts count.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from pipelines.normalize.lexicon import Span, find_spans

if TYPE_CHECKING:  # pragma: no cover
    from pipelines.normalize.reference import actor_frames, alliances_on, dictionary_version
    from pipelines.normalize.resolve import (
        Normalized,
        article_countries,
        encode_countries,
        normalize_events,
        stored_countries,
        unresolved_share,
    )

__all__ = [
    "Normalized", "Span", "actor_frames", "alliances_on", "article_countries", "dictionary_version",
    "encode_countries", "find_spans", "normalize_events", "stored_countries", "unresolved_share",
]

_LAZY = {
    "actor_frames": "reference", "alliances_on": "reference", "dictionary_version": "reference",
    "Normalized": "resolve", "article_countries": "resolve", "normalize_events": "resolve",
    "unresolved_share": "resolve", "encode_countries": "resolve", "stored_countries": "resolve",
}


def __getattr__(name: str):
    # polars/rapidfuzz load only when the resolution API is used, so importing find_spans stays cheap
    if name in _LAZY:
        return getattr(importlib.import_module(f"pipelines.normalize.{_LAZY[name]}"), name)
    raise AttributeError(name)
