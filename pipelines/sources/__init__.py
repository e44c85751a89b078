"""Where pages come from. `iter_source` dispatches on the source's kind."""

from __future__ import annotations

from collections.abc import Iterator

from .base import (
    KINDS,
    FetchSettings,
    NotModified,
    Page,
    Quarantined,
    SourceConfig,
    SourcesFile,
    SourceState,
    Validators,
    load_sources_file,
    stable_id,
)
from .canonical import canonicalize, normalize, page_identity
from .local import iter_folder

__all__ = [
    "KINDS", "FetchSettings", "NotModified", "Page", "Quarantined", "SourceConfig", "SourceState",
    "SourcesFile", "Validators", "canonicalize", "iter_source", "load_sources_file", "normalize",
    "page_identity", "stable_id",
]


def iter_source(
    source: SourceConfig, settings: FetchSettings, state: SourceState | None = None
) -> Iterator[Page | NotModified | Quarantined]:
    """Every page (or not-modified / quarantined item) a source yields.

    `state` carries what the warehouse knows (validators for conditional GET) and the run's shared
    fetcher; without it every page is fetched unconditionally with a fetcher of its own."""
    if source.kind == "folder":
        yield from iter_folder(source, settings)
    elif source.kind == "warc":
        from .warc import iter_warc

        yield from iter_warc(source, settings, state)
    elif source.kind in ("feed", "sitemap", "urls"):
        from .remote import iter_network

        yield from iter_network(source, settings, state)
    else:
        yield Quarantined(source.url or str(source.path), source.name, "unsupported_kind", source.kind)
