"""Local sources: a folder of saved HTML pages, optionally with an RSS feed file that lists them.

A page is matched to its feed entry by its `<link rel="canonical">`; it then takes the feed's
URL, title and pubDate. Pages with no feed entry keep their canonical URL, or a `local://` URL
built from the source name and the file's relative path (stable across machines).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from .base import FetchSettings, Page, Quarantined, SourceConfig
from .canonical import canonical_link


def _absolute_canonical(body: bytes) -> str | None:
    """The page's canonical URL when it is absolute: a saved page has no base URL to resolve a relative
    one ("/story") against, and some carry unfilled templates ("{{ page.canonicalUrl }}")."""
    href = canonical_link(body)
    return href if href and href.startswith(("http://", "https://")) else None


def read_feed_file(path: Path) -> dict[str, tuple[str | None, date | None]]:
    """url -> (title, published date) from an RSS/Atom file on disk (plain RSS 2.0 read directly, the
    rest by feedparser: `simple_rss`)."""
    from .simple_rss import read_rss

    body = path.read_bytes()
    if (fast := read_rss(body)) is not None:
        return {_norm(link): (title, day) for link, title, day in fast}
    import feedparser

    parsed = feedparser.parse(body)
    entries = {}
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        t = e.get("published_parsed") or e.get("updated_parsed")
        entries[_norm(link)] = (e.get("title"), date(t.tm_year, t.tm_mon, t.tm_mday) if t else None)
    return entries


def _norm(url: str) -> str:
    return url.strip().rstrip("/")


def iter_folder(source: SourceConfig, settings: FetchSettings) -> Iterator[Page | Quarantined]:
    root = source.path
    if root is None or not root.is_dir():
        yield Quarantined(str(root), source.name, "missing_path", f"folder not found: {root}")
        return
    feed = read_feed_file(source.feed) if source.feed and source.feed.exists() else {}
    for file in sorted(root.rglob("*")):
        if file.suffix.lower() not in (".html", ".htm") or not file.is_file():
            continue
        rel = file.relative_to(root).as_posix()
        try:
            body = file.read_bytes()
        except OSError as exc:
            yield Quarantined(f"local://{source.name}/{rel}", source.name, "read_error", str(exc))
            continue
        canonical = _absolute_canonical(body)
        url = canonical or f"local://{source.name}/{rel}"
        if not source.wants(url):
            continue
        if len(body) > settings.max_bytes:
            yield Quarantined(url, source.name, "too_large", f"{len(body)} bytes > {settings.max_bytes}")
            continue
        title, published = feed.get(_norm(url), (None, None))
        yield Page(
            url=url,
            source_name=source.name,
            body=body,
            fetched_at=datetime.fromtimestamp(file.stat().st_mtime, UTC).replace(tzinfo=None),
            http_status=None,
            content_type="text/html",
            feed_title=title,
            feed_published=published,
        )
