"""The source interface: a sources file lists sources; each source yields pages or quarantined items.

Every kind (folder, feed, sitemap, urls, warc) is a function `iter_<kind>(source, settings)` that
yields `Page` (raw bytes to store) or `Quarantined` (a URL/path that could not be had, with a
reason code), so nothing a source names is ever silently lost.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

KINDS = ("folder", "feed", "sitemap", "urls", "warc")


@dataclass(frozen=True)
class FetchSettings:
    allow_private_addresses: bool = False
    user_agent: str = "conflict-etl/0.1 (+https://github.com/conflict-etl/conflict-etl)"
    timeout_s: float = 20.0
    max_bytes: int = 10_000_000
    delay_s: float = 1.0


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    url: str | None = None
    path: Path | None = None
    feed: Path | None = None  # folder: an RSS file listing the saved pages (url, title, pubDate)
    language: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, url: str) -> bool:
        """Include/exclude URL patterns (regular expressions, searched)."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)


@dataclass(frozen=True)
class SourcesFile:
    fetch: FetchSettings
    sources: tuple[SourceConfig, ...]
    path: Path | None = None


@dataclass(slots=True)
class Page:
    url: str
    source_name: str
    body: bytes
    fetched_at: datetime
    http_status: int | None = 200
    content_type: str | None = "text/html"
    feed_title: str | None = None
    feed_published: date | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Quarantined:
    url: str
    source_name: str
    reason: str  # http_404, timeout, robots_disallowed, too_large, not_html, blocked_address, parse_error ...
    detail: str = ""


def stable_id(key: str) -> str:
    """16 hex chars of sha1: the id of a page/article, stable across runs for the same URL."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def load_sources_file(path: str | Path) -> SourcesFile:
    """Read a sources YAML; relative paths are relative to the file's folder."""
    path = Path(path).resolve()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    fetch = FetchSettings(**(data.get("fetch") or {}))
    sources = []
    for i, entry in enumerate(data.get("sources") or []):
        kind = entry.get("kind")
        if kind not in KINDS:
            raise ValueError(f"{path}: source #{i + 1} has kind {kind!r}; expected one of {KINDS}")
        name = entry.get("name") or f"source-{i + 1}"

        def rel(key: str, entry: dict = entry) -> Path | None:
            return (path.parent / entry[key]).resolve() if entry.get(key) else None

        sources.append(
            SourceConfig(
                name=name,
                kind=kind,
                url=entry.get("url"),
                path=rel("path"),
                feed=rel("feed"),
                language=entry.get("language"),
                include=tuple(entry.get("include") or ()),
                exclude=tuple(entry.get("exclude") or ()),
            )
        )
    names = [s.name for s in sources]
    if len(names) != len(set(names)):
        raise ValueError(f"{path}: source names must be unique, got {names}")
    return SourcesFile(fetch=fetch, sources=tuple(sources), path=path)
