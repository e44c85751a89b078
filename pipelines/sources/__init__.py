"""Where pages come from. `iter_source` dispatches on the source's kind."""

from __future__ import annotations

from collections.abc import Iterator

from .base import (
    KINDS,
    FetchSettings,
    Page,
    Quarantined,
    SourceConfig,
    SourcesFile,
    load_sources_file,
    stable_id,
)
from .local import iter_folder

__all__ = [
    "KINDS", "FetchSettings", "Page", "Quarantined", "SourceConfig", "SourcesFile",
    "iter_source", "load_sources_file", "stable_id",
]


def iter_source(source: SourceConfig, settings: FetchSettings) -> Iterator[Page | Quarantined]:
    """Every page (or quarantined item) a source yields."""
    if source.kind == "folder":
        yield from iter_folder(source, settings)
    else:
        # Network kinds (feed, sitemap, urls, warc) arrive with the sources issue; until then they are
        # accounted for, not dropped.
        yield Quarantined(source.url or str(source.path), source.name, "unsupported_kind", source.kind)
