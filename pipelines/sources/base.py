"""The source interface: a sources file lists sources; each source yields pages or quarantined items.

Every kind (folder, feed, sitemap, urls, warc) is a function `iter_<kind>(source, settings, state)`
that yields `Page` (raw bytes to store), `NotModified` (a conditional GET answered 304: known page,
nothing to store) or `Quarantined` (a URL/path that could not be had, with a reason code), so
nothing a source names is ever silently lost.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

KINDS = ("folder", "feed", "sitemap", "urls", "warc")


@dataclass(frozen=True)
class FetchSettings:
    """The `fetch:` block of a sources file. Every field has a safe default."""

    #: Allow hosts that resolve to private/loopback/link-local/... addresses (tests against 127.0.0.1).
    allow_private_addresses: bool = False
    #: Networks allowed even when `allow_private_addresses` is false, e.g. ["127.0.0.1/32"].
    allowed_networks: tuple[str, ...] = ()
    user_agent: str = "conflict-etl/0.1"
    #: Put in the User-Agent so site owners can reach whoever runs the crawler.
    contact_url: str = "https://github.com/conflict-etl/conflict-etl"
    timeout_s: float = 20.0  # connect and read (between bytes) timeout of one request
    total_timeout_s: float = 120.0  # wall-clock cap on downloading one response
    max_bytes: int = 10_000_000  # cap on a body, after decompression
    delay_s: float = 1.0  # minimum delay between two requests to one host
    max_parallel: int = 4  # requests in flight across hosts (one at a time per host)
    retries: int = 3  # retries on 429/5xx and connection errors
    backoff_s: float = 1.0  # first retry wait; doubles each time (unless Retry-After says otherwise)
    max_retry_wait_s: float = 30.0  # cap on a Retry-After / backoff wait
    max_redirects: int = 5
    respect_robots: bool = True
    max_crawl_delay_s: float = 10.0  # robots.txt Crawl-delay is honoured up to this
    max_items_per_source: int = 20_000  # URLs taken from one feed/sitemap/urls source per run
    max_sitemaps: int = 200  # sitemap documents read per sitemap source (indexes included)

    @property
    def user_agent_header(self) -> str:
        if not self.contact_url or "(+" in self.user_agent:
            return self.user_agent
        return f"{self.user_agent} (+{self.contact_url})"

    @property
    def robots_token(self) -> str:
        return self.user_agent.split("/")[0]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None, where: str = "fetch") -> FetchSettings:
        data = dict(data or {})
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"{where}: unknown fetch setting(s) {unknown}; known: {sorted(names)}")
        if "allowed_networks" in data:
            data["allowed_networks"] = tuple(str(n) for n in (data["allowed_networks"] or ()))
        if "allow_private_addresses" in data and not isinstance(data["allow_private_addresses"], bool):
            raise ValueError(f"{where}: allow_private_addresses must be true or false")
        return cls(**data)


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    url: str | None = None  # feed, sitemap: the document's URL
    path: Path | None = None  # urls (text file), folder (directory), warc (file or directory), feed (saved file)
    feed: Path | None = None  # folder: an RSS file listing the saved pages (url, title, pubDate)
    language: str | None = None  # e.g. "en": keep only items/pages in this language (when declared)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, url: str) -> bool:
        """Include/exclude URL patterns (regular expressions, searched)."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)

    def wants_language(self, lang: str | None) -> bool:
        """True when no filter is set, the language is unknown, or its primary subtag matches."""
        if not self.language or not lang:
            return True
        want = {x.strip().lower().split("-")[0].split("_")[0] for x in self.language.split(",")}
        return lang.strip().lower().replace("_", "-").split("-")[0] in want


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
    final_url: str | None = None  # after redirects
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None  # as declared by the server or the page, else detected
    aliases: list[str] = field(default_factory=list)  # other URLs of this source naming the same page


@dataclass(slots=True)
class Quarantined:
    url: str
    source_name: str
    reason: str  # http_404, timeout, robots_disallowed, too_large, not_html, blocked_address, parse_error ...
    detail: str = ""


@dataclass(slots=True)
class NotModified:
    """A conditional GET answered 304: the stored page is current, nothing to store."""

    url: str
    source_name: str
    page_id: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Validators:
    """What a conditional GET sends: the stored page's ETag / Last-Modified."""

    page_id: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class SourceState:
    """What a run knows before fetching: validators by canonical URL, and a shared fetcher.

    `fetcher` (a `pipelines.sources.fetch.Fetcher`) is shared across the sources of one run so
    that robots.txt, politeness delays and connections are per host, not per source; when None
    each network source opens (and closes) its own.
    """

    validators: Mapping[str, Validators] = field(default_factory=dict)
    fetcher: Any = None


def stable_id(key: str) -> str:
    """16 hex chars of sha1: the id of a page/article, stable across runs for the same URL."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def load_sources_file(path: str | Path) -> SourcesFile:
    """Read a sources YAML; relative paths are relative to the file's folder."""
    path = Path(path).resolve()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    fetch = FetchSettings.from_mapping(data.get("fetch"), where=f"{path}: fetch")
    sources = []
    for i, entry in enumerate(data.get("sources") or []):
        kind = entry.get("kind")
        if kind not in KINDS:
            raise ValueError(f"{path}: source #{i + 1} has kind {kind!r}; expected one of {KINDS}")
        name = entry.get("name") or f"source-{i + 1}"

        def rel(key: str, entry: dict = entry) -> Path | None:
            return (path.parent / str(entry[key])).resolve() if entry.get(key) else None

        if kind in ("feed", "sitemap") and not (entry.get("url") or (kind == "feed" and entry.get("path"))):
            raise ValueError(f"{path}: source {name!r} (kind {kind}) needs a url")
        if kind in ("urls", "folder", "warc") and not entry.get("path"):
            raise ValueError(f"{path}: source {name!r} (kind {kind}) needs a path")
        for key in ("include", "exclude"):
            for pattern in entry.get(key) or ():
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"{path}: source {name!r}: bad {key} pattern {pattern!r}: {exc}") from exc
        language = entry.get("language")
        if isinstance(language, list):
            language = ",".join(str(x) for x in language)
        sources.append(
            SourceConfig(
                name=name,
                kind=kind,
                url=entry.get("url"),
                path=rel("path"),
                feed=rel("feed"),
                language=language,
                include=tuple(entry.get("include") or ()),
                exclude=tuple(entry.get("exclude") or ()),
            )
        )
    names = [s.name for s in sources]
    if len(names) != len(set(names)):
        raise ValueError(f"{path}: source names must be unique, got {names}")
    return SourcesFile(fetch=fetch, sources=tuple(sources), path=path)
