"""Network sources: feeds (RSS 0.9x/1.0/2.0, Atom), sitemaps (indexes, news sitemaps), URL lists.

Each kind first *lists* entries (URL + feed title/date/language) -- the sensor uses only this
part -- then `fetch_entries` fetches the pages politely and yields `Page`, `NotModified` or
`Quarantined` for every entry: nothing listed is dropped.

XML safety: sitemaps are parsed with defusedxml (DTDs forbidden outright); feeds are checked for
DTD internal subsets and entity declarations *before* feedparser sees them (feedparser expands
internal entities), so a billion-laughs feed is a `parse_error` in microseconds.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from .base import FetchSettings, NotModified, Page, Quarantined, SourceConfig, SourceState
from .canonical import canonicalize, normalize
from .fetch import Fetcher, FetchError

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(rb"<!\s*DOCTYPE[^>\[]*\[", re.IGNORECASE)
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.IGNORECASE)


class FeedError(Exception):
    """A feed or sitemap document that cannot be used (reason `parse_error`)."""


@dataclass(slots=True)
class Entry:
    url: str
    title: str | None = None
    published: date | None = None
    language: str | None = None


@contextmanager
def open_fetcher(settings: FetchSettings, state: SourceState | None) -> Iterator[Fetcher]:
    """The run's shared fetcher when there is one, else a fresh one closed afterwards."""
    if state is not None and state.fetcher is not None:
        yield state.fetcher
        return
    with Fetcher(settings) as fetcher:
        yield fetcher


# -- feeds ---------------------------------------------------------------------------------------------
def reject_dtd(body: bytes) -> None:
    """Raise FeedError on an entity declaration or a DOCTYPE internal subset (any encoding)."""
    text = body
    if body.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(body) > 4 and b"\x00" in body[:4]):
        for enc in ("utf-32", "utf-16", "utf-16-le", "utf-16-be"):
            try:
                text = body.decode(enc).encode("utf-8")
                break
            except UnicodeDecodeError:
                continue
        else:
            raise FeedError("undecodable feed (NUL bytes)")
    if _ENTITY_DECL.search(text) or _DOCTYPE_SUBSET.search(text):
        raise FeedError("DTD internal subset / entity declarations are refused (entity expansion)")


def _date(struct) -> date | None:
    try:
        return date(struct.tm_year, struct.tm_mon, struct.tm_mday) if struct else None
    except (AttributeError, ValueError):
        return None


def parse_feed(body: bytes, base_url: str | None = None) -> tuple[str | None, list[Entry]]:
    """(feed language, entries) of an RSS/Atom document; FeedError when it is not a usable feed."""
    import feedparser

    reject_dtd(body)
    parsed = feedparser.parse(body, response_headers={"content-location": base_url} if base_url else None)
    feed_lang = parsed.feed.get("language") if parsed.get("feed") else None
    entries = []
    for e in parsed.entries:
        link = e.get("feedburner_origlink") or e.get("link")
        if not link:
            for alt in e.get("links") or ():
                if alt.get("href") and alt.get("rel", "alternate") == "alternate":
                    link = alt["href"]
                    break
        if not link:
            continue
        if base_url:
            link = urljoin(base_url, link.strip())
        lang = None
        if detail := e.get("title_detail"):
            lang = detail.get("language")
        entries.append(Entry(link.strip(), e.get("title"), _date(e.get("published_parsed") or e.get("updated_parsed")),
                             lang or feed_lang))
    if parsed.get("bozo") and not entries:
        exc = parsed.get("bozo_exception")
        raise FeedError(f"not a feed: {type(exc).__name__}: {exc}"[:400])
    if not parsed.get("version") and not entries:
        raise FeedError("not an RSS/Atom document")
    return feed_lang, entries


def list_feed(source: SourceConfig, fetcher: Fetcher) -> Iterator[Entry | Quarantined]:
    where = source.url or str(source.path)
    try:
        if source.url:
            resp = fetcher.get(source.url, expect="xml")
            body, base = resp.body, resp.final_url
        else:  # a saved feed file: its entries are fetched
            assert source.path is not None
            body, base = source.path.read_bytes()[: fetcher.settings.max_bytes + 1], None
            if len(body) > fetcher.settings.max_bytes:
                raise FetchError("too_large", f"{source.path} is over {fetcher.settings.max_bytes} bytes")
        feed_lang, entries = parse_feed(body, base)
    except FetchError as exc:
        yield Quarantined(where, source.name, exc.reason, exc.detail)
        return
    except FeedError as exc:
        yield Quarantined(where, source.name, "parse_error", str(exc))
        return
    except OSError as exc:
        yield Quarantined(where, source.name, "read_error", str(exc))
        return
    if feed_lang and not source.wants_language(feed_lang):
        return
    yield from entries


# -- sitemaps ------------------------------------------------------------------------------------------
def _gunzip_capped(body: bytes, cap: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, cap + 1)
    except zlib.error as exc:
        raise FeedError(f"bad gzip: {exc}") from exc
    if len(out) > cap:
        raise FetchError("too_large", f"sitemap inflates beyond {cap} bytes")
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def parse_sitemap(body: bytes, cap: int) -> tuple[str, list[Entry]]:
    """("index", child sitemap entries) or ("urlset", page entries); FeedError when unusable."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    if body[:2] == b"\x1f\x8b":
        body = _gunzip_capped(body, cap)
    try:
        root = DET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError, ValueError) as exc:
        raise FeedError(f"sitemap XML: {type(exc).__name__}: {exc}"[:400]) from exc
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        raise FeedError(f"not a sitemap (root <{kind}>)")
    entries = []
    for node in root:
        if _local(node.tag) not in ("sitemap", "url"):
            continue
        loc = title = lang = None
        published = None
        for child in node.iter():
            name = _local(child.tag)
            text = (child.text or "").strip()
            if name == "loc" and child in list(node):
                loc = text
            elif name == "publication_date" and text:
                published = _iso_date(text) or published
            elif name == "title" and text:
                title = text
            elif name == "language" and text:
                lang = text
        if loc:
            entries.append(Entry(loc, title, published, lang))
    return ("index" if kind == "sitemapindex" else "urlset"), entries


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def list_sitemap(source: SourceConfig, fetcher: Fetcher) -> Iterator[Entry | Quarantined]:
    assert source.url
    queue, seen, read = [source.url], {source.url}, 0
    while queue:
        url = queue.pop(0)
        if read >= fetcher.settings.max_sitemaps:
            yield Quarantined(url, source.name, "too_many_sitemaps", f"over max_sitemaps={fetcher.settings.max_sitemaps}")
            continue
        read += 1
        try:
            resp = fetcher.get(url, expect="xml")
            kind, entries = parse_sitemap(resp.body, fetcher.settings.max_bytes)
        except FetchError as exc:
            yield Quarantined(url, source.name, exc.reason, exc.detail)
            continue
        except FeedError as exc:
            yield Quarantined(url, source.name, "parse_error", str(exc))
            continue
        for e in entries:
            e.url = urljoin(resp.final_url, e.url)
            if kind == "index":
                if e.url not in seen:
                    seen.add(e.url)
                    queue.append(e.url)
            else:
                yield e


# -- URL lists -----------------------------------------------------------------------------------------
def list_urls(source: SourceConfig) -> Iterator[Entry | Quarantined]:
    path = source.path
    if path is None or not path.is_file():
        yield Quarantined(str(path), source.name, "missing_path", f"URL list not found: {path}")
        return
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                yield Entry(line.split()[0])


# -- the common part: select, group variants, fetch ---------------------------------------------------
def select(source: SourceConfig, items: Iterable[Entry | Quarantined], limit: int) -> Iterator[Entry | Quarantined]:
    """Include/exclude patterns, language (when the feed/sitemap declares one), the per-source cap."""
    taken = 0
    for item in items:
        if isinstance(item, Quarantined):
            yield item
            continue
        if not source.wants(item.url) or not source.wants_language(item.language):
            continue
        if taken >= limit:
            continue
        taken += 1
        yield item


def fetch_entries(
    source: SourceConfig, entries: Iterable[Entry], fetcher: Fetcher, state: SourceState | None
) -> Iterator[Page | NotModified | Quarantined]:
    """Fetch each entry once per canonical URL (AMP/tracking variants become aliases of one fetch)."""
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(canonicalize(e.url), []).append(e)
    validators = state.validators if state is not None else {}

    def work(item: tuple[str, list[Entry]]) -> list[Page | NotModified | Quarantined]:
        canon, group = item
        # Prefer fetching the variant that is already the canonical form (e.g. not the AMP page).
        group = sorted(group, key=lambda e: canonicalize(e.url) != normalize(e.url))
        first, aliases = group[0], [e.url for e in group[1:] if e.url != group[0].url]
        v = validators.get(normalize(first.url)) or validators.get(canon)
        try:
            resp = fetcher.get(first.url, v)
        except FetchError as exc:
            return [Quarantined(u, source.name, exc.reason, exc.detail) for u in [first.url, *aliases]]
        except Exception as exc:  # a bug or an odd failure on one URL never stops the run
            detail = f"{type(exc).__name__}: {exc}"[:500]
            return [Quarantined(u, source.name, "fetch_error", detail) for u in [first.url, *aliases]]
        if resp.status == 304:
            return [NotModified(first.url, source.name, v.page_id if v else None, aliases)]
        if source.language and (m := _HTML_LANG.search(resp.body[:8192])):
            lang = m.group(1).decode("ascii")
            if not source.wants_language(lang):
                return [Quarantined(u, source.name, "language_filtered", f"page language {lang}, wanted {source.language}")
                        for u in [first.url, *aliases]]
        return [Page(url=first.url, source_name=source.name, body=resp.body, fetched_at=resp.fetched_at,
                     http_status=resp.status, content_type=resp.content_type, feed_title=first.title,
                     feed_published=first.published, headers=resp.headers, final_url=resp.final_url,
                     etag=resp.etag, last_modified=resp.last_modified, charset=resp.charset, aliases=aliases)]

    for results in fetcher.map(work, groups.items()):
        yield from results


def iter_network(source: SourceConfig, settings: FetchSettings, state: SourceState | None = None
                 ) -> Iterator[Page | NotModified | Quarantined]:
    with open_fetcher(settings, state) as fetcher:
        if source.kind == "feed":
            listed = list_feed(source, fetcher)
        elif source.kind == "sitemap":
            listed = list_sitemap(source, fetcher)
        elif source.kind == "urls":
            listed = list_urls(source)
        else:  # pragma: no cover
            raise ValueError(source.kind)
        entries: list[Entry] = []
        for item in select(source, listed, settings.max_items_per_source):
            if isinstance(item, Quarantined):
                yield item
            else:
                entries.append(item)
        yield from fetch_entries(source, entries, fetcher, state)


def list_entries(source: SourceConfig, fetcher: Fetcher) -> tuple[list[Entry], list[Quarantined]]:
    """Just the listing of a feed/sitemap source (for the sensor): entries and listing failures."""
    listed = list_feed(source, fetcher) if source.kind == "feed" else list_sitemap(source, fetcher)
    entries, failed = [], []
    for item in select(source, listed, fetcher.settings.max_items_per_source):
        (failed if isinstance(item, Quarantined) else entries).append(item)
    return entries, failed
