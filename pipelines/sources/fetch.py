"""Polite, bounded, safe HTTP fetching with httpx.

Why httpx (and how it is used here):
- **Streaming with byte caps**: `client.stream()` + `iter_raw()` hands us the body chunk by chunk
  *before* content decoding, so we decompress ourselves with `zlib.decompressobj(...).decompress(
  chunk, max_length)`: neither a 50 MB body nor a gzip bomb (kB on the wire, GB inflated) ever
  holds more than `max_bytes` in memory -- the download stops at the cap (`too_large`).
  (httpx's own decoders inflate a whole network chunk at once, ~1000x its size for a bomb.)
- **Explicit redirect handling**: `follow_redirects=False`; we follow `Location` ourselves, at most
  `max_redirects` hops, detecting loops, re-checking each hop's scheme, address and robots.txt.
- **Per-request timeouts**: `httpx.Timeout` for connect/read/write/pool, plus a wall-clock cap on
  one download (`total_timeout_s`) against servers that trickle bytes forever.
- **Connection pooling**: one `httpx.Client` per run, thread-safe, keep-alive per host; its pool's
  network backend is replaced by `net.GuardedBackend`, which resolves, checks every address and
  connects to the checked address (no DNS rebinding window; no proxies from the environment).

Politeness: robots.txt (urllib.robotparser, cached per origin, Crawl-delay honoured up to a cap),
one request at a time per host with `delay_s` between requests, `max_parallel` requests across
hosts (a small thread pool), a User-Agent naming the project and a contact URL, retries with
exponential backoff on 429/5xx and connection errors honouring `Retry-After` (capped), and
conditional GET (If-None-Match / If-Modified-Since) so unchanged pages cost a 304.
"""

from __future__ import annotations

import email.utils
import re
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .base import FetchSettings, Validators
from .net import AddressPolicy, BlockedAddress, GuardedTransport, UnsupportedScheme, check_url

T = TypeVar("T")
R = TypeVar("R")

RETRY_STATUSES = {429, 500, 502, 503, 504}
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Magic bytes of things that are not HTML, whatever the Content-Type says.
_MAGIC = (
    (b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"), (b"\x89PNG", "png"), (b"GIF8", "gif"), (b"\xff\xd8\xff", "jpeg"),
    (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ", "xz"), (b"7z\xbc\xaf", "7z"), (b"Rar!", "rar"),
    (b"\xd0\xcf\x11\xe0", "ole (doc/xls)"), (b"OggS", "ogg"), (b"ID3", "mp3"), (b"\x00\x00\x00", "binary (mp4?)"),
    (b"RIFF", "riff (webp/wav/avi)"), (b"\x7fELF", "elf"), (b"MZ", "exe"), (b"wOF", "font"),
)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.IGNORECASE
)
_LOOKS_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|title|meta|p|div|article)\b", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_\-.]+)", re.IGNORECASE)


class FetchError(Exception):
    """A URL that could not be had; `reason` is the quarantine reason code."""

    def __init__(self, reason: str, detail: str = "", status: int | None = None):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail, self.status = reason, detail[:500], status


@dataclass(slots=True)
class Response:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200..299 or 304
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    content_type: str | None = None  # media type only, lower case
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchStats:
    requests: int = 0
    not_modified: int = 0
    retries: int = 0
    bytes: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, status: int, nbytes: int = 0) -> None:
        with self.lock:
            self.requests += 1
            self.by_status[status] = self.by_status.get(status, 0) + 1
            self.bytes += nbytes
            if status == 304:
                self.not_modified += 1


def sniff_not_html(head: bytes) -> str | None:
    """What a body is, when its first bytes say it is not HTML (None: could be HTML)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, name in _MAGIC:
        if stripped.startswith(magic):
            return name
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 HTML
    if b"\x00" in head[:1024]:
        return "binary"
    return None


def _media_type(content_type: str | None) -> tuple[str | None, str | None]:
    if not content_type:
        return None, None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p.split("=", 1)[1].strip().strip("\"'") or None
    return parts[0].lower() or None, charset


def _valid_codec(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def detect_charset(body: bytes, declared: str | None = None) -> str | None:
    """The charset to decode a page with: the HTTP header's, a BOM, the page's <meta>/XML
    declaration, valid UTF-8, else a statistical guess (charset_normalizer, shipped with trafilatura)."""
    if enc := _valid_codec(declared):
        return enc
    if body.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = body[:8192]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        if (m := pattern.search(head)) and (enc := _valid_codec(m.group(1).decode("ascii", "ignore"))):
            return enc
    try:
        body.decode("utf-8")
        return "utf-8" if any(b > 127 for b in head) or len(body) > len(head) else "ascii"
    except UnicodeDecodeError:
        pass
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(body[:200_000]).best()
        if best is not None and (enc := _valid_codec(best.encoding)):
            return enc
    except Exception:  # pragma: no cover - a guess is only a guess
        pass
    return "cp1252"


class _Inflater:
    """Content-Encoding decoding with a hard cap on the output (gzip bombs stop at the cap)."""

    def __init__(self, encoding: str | None):
        codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise FetchError("unsupported_encoding", f"stacked content-encodings {encoding}")
        self.coding = codings[0] if codings else None
        if self.coding not in (None, "gzip", "x-gzip", "deflate"):
            raise FetchError("unsupported_encoding", f"content-encoding {encoding}")
        self._d = self._new()
        self._first = True

    def _new(self):
        if self.coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self.coding == "deflate":
            return zlib.decompressobj(zlib.MAX_WBITS)
        return None

    def feed(self, data: bytes, room: int) -> bytes:
        """Decoded bytes of `data`, at most `room + 1` of them (one more than fits means too large)."""
        if self._d is None:
            return data[: room + 1]
        parts: list[bytes] = []
        n = 0
        while data and n <= room:
            try:
                chunk = self._d.decompress(data, room + 1 - n)
            except zlib.error as exc:
                if self.coding == "deflate" and self._first:  # raw deflate without zlib header
                    self._d, self._first = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                raise FetchError("decode_error", f"{self.coding}: {exc}") from exc
            self._first = False
            parts.append(chunk)
            n += len(chunk)
            if self._d.unconsumed_tail:  # output hit the limit: loop ends once n > room
                data = self._d.unconsumed_tail
                continue
            if self._d.eof and self._d.unused_data:  # concatenated gzip members
                data = self._d.unused_data
                self._d = self._new()
                continue
            data = b""
        return parts[0] if len(parts) == 1 else b"".join(parts)


class _Host:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.delay = 0.0


class Fetcher:
    """One per run (or per sensor tick). Thread-safe; use as a context manager."""

    def __init__(self, settings: FetchSettings, *, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.policy = AddressPolicy(settings.allow_private_addresses, settings.allowed_networks)
        self.stats = FetchStats()
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        t = settings.timeout_s
        self.client = httpx.Client(
            transport=GuardedTransport(
                self.policy,
                httpx.Limits(max_connections=max(4, settings.max_parallel * 2), max_keepalive_connections=16),
            ),
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(connect=t, read=t, write=t, pool=t * 3),
            headers={
                "User-Agent": settings.user_agent_header,
                "Accept-Encoding": "gzip, deflate",
                "Accept-Language": "*",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- politeness ---------------------------------------------------------------------------------
    def _host(self, host: str) -> _Host:
        with self._lock:
            return self._hosts.setdefault(host, _Host())

    def _polite_send(self, host: str, send: Callable[[], T]) -> T:
        """One request at a time per host, `delay_s` (or robots Crawl-delay) apart."""
        h = self._host(host)
        with h.lock:
            wait_s = h.next_at - time.monotonic()
            if wait_s > 0:
                self._sleep(wait_s)
            try:
                return send()
            finally:
                h.next_at = time.monotonic() + max(self.settings.delay_s, h.delay)

    # -- robots.txt -------------------------------------------------------------------------------
    def _robots_for(self, url: str) -> RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            if origin in self._robots:
                return self._robots[origin]
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin in self._robots:
                return self._robots[origin]
            rp = RobotFileParser()
            try:
                resp = self._get(origin + "/robots.txt", None, max_bytes=500_000, expect="any", robots=False)
                text = resp.body.decode(resp.charset or "utf-8", errors="replace")
                rp.parse(text.splitlines())
            except FetchError as exc:
                if exc.status in (401, 403) or (exc.status or 0) >= 500 or exc.reason in ("timeout", "connection_error"):
                    rp.disallow_all = True  # unknown or forbidden: stay out (Google treats 5xx the same way)
                elif exc.reason == "blocked_address":
                    raise
                else:  # 404 and other client errors, too_large, ...: no rules
                    rp.allow_all = True
            delay = rp.crawl_delay(self.settings.robots_token) if not (rp.allow_all or rp.disallow_all) else None
            if delay:
                self._host(parts.hostname or "").delay = min(float(delay), self.settings.max_crawl_delay_s)
            self._robots[origin] = rp
            return rp

    def allowed_by_robots(self, url: str) -> bool:
        if not self.settings.respect_robots:
            return True
        rp = self._robots_for(url)
        return rp is None or rp.can_fetch(self.settings.robots_token, url)

    # -- fetching ---------------------------------------------------------------------------------
    def get(self, url: str, validators: Validators | None = None, *, expect: str = "html",
            max_bytes: int | None = None) -> Response:
        """GET a URL: 2xx -> Response, 304 -> Response(status=304); anything else raises FetchError.

        expect="html": refuse non-HTML (`not_html`); "xml": feeds/sitemaps; "any": no check."""
        return self._get(url, validators, max_bytes=max_bytes or self.settings.max_bytes, expect=expect, robots=True)

    def _get(self, url: str, validators: Validators | None, *, max_bytes: int, expect: str, robots: bool) -> Response:
        seen = [url]
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            try:
                host, _port = check_url(current, self.policy)
            except UnsupportedScheme as exc:
                raise FetchError("unsupported_scheme", str(exc)) from exc
            except BlockedAddress as exc:
                raise FetchError("blocked_address", str(exc)) from exc
            except httpx.HTTPError as exc:
                raise FetchError("connection_error", str(exc)) from exc
            except Exception as exc:  # httpcore.ConnectError from resolution
                raise FetchError("connection_error", f"{type(exc).__name__}: {exc}") from exc
            if robots and not self.allowed_by_robots(current):
                raise FetchError("robots_disallowed", f"robots.txt of {host} disallows {current}")
            result = self._polite_send(host, lambda u=current: self._with_retries(u, validators, max_bytes, expect))
            if isinstance(result, Response):
                result.url = url
                return result
            location = result  # a redirect
            nxt = urljoin(current, location)
            if nxt in seen:
                raise FetchError("redirect_loop", " -> ".join([*seen, nxt])[-500:])
            seen.append(nxt)
            current = nxt
        raise FetchError("too_many_redirects", f"more than {self.settings.max_redirects}: " + " -> ".join(seen)[-400:])

    def _with_retries(self, url: str, validators: Validators | None, max_bytes: int, expect: str) -> Response | str:
        s = self.settings
        attempt = 0
        while True:
            try:
                return self._once(url, validators, max_bytes, expect)
            except _Retry as r:
                if attempt >= s.retries:
                    raise FetchError(r.reason, r.detail, r.status) from None
                wait_s = r.retry_after if r.retry_after is not None else s.backoff_s * (2**attempt)
                wait_s = max(0.0, min(wait_s, s.max_retry_wait_s))
                attempt += 1
                with self.stats.lock:
                    self.stats.retries += 1
                self._sleep(wait_s)

    def _once(self, url: str, validators: Validators | None, max_bytes: int, expect: str) -> Response | str:
        headers = {}
        if expect == "html":
            headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
        elif expect == "xml":
            headers["Accept"] = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
        if validators is not None:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        started = time.monotonic()
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                status = resp.status_code
                hdrs = {k.lower(): v[:2000] for k, v in resp.headers.items()}
                if status in RETRY_STATUSES:
                    self.stats.count(status)
                    raise _Retry(f"http_{status}", f"{status} {resp.reason_phrase}", status,
                                 _retry_after(resp.headers.get("retry-after")))
                if status in (301, 302, 303, 307, 308):
                    self.stats.count(status)
                    location = resp.headers.get("location")
                    if not location:
                        raise FetchError(f"http_{status}", "redirect without Location", status)
                    return location.strip()
                if status == 304:
                    self.stats.count(status)
                    return Response(url, str(resp.url), 304, hdrs, b"", _now(),
                                    etag=hdrs.get("etag") or (validators.etag if validators else None),
                                    last_modified=hdrs.get("last-modified") or (validators.last_modified if validators else None))
                if not 200 <= status < 300 or status == 204:
                    self.stats.count(status)
                    raise FetchError(f"http_{status}", f"{status} {resp.reason_phrase}", status)
                media, charset = _media_type(resp.headers.get("content-type"))
                if expect == "html" and media and not (media in HTML_TYPES or media.startswith("text/")
                                                         or media in ("application/octet-stream", "application/xml")):
                    self.stats.count(status)
                    raise FetchError("not_html", f"content-type {media}", status)
                length = resp.headers.get("content-length")
                if length and length.isdigit() and int(length) > max_bytes and not resp.headers.get("content-encoding"):
                    self.stats.count(status)
                    raise FetchError("too_large", f"content-length {length} > {max_bytes}", status)
                body = self._read_capped(resp, max_bytes, expect, started)
                self.stats.count(status, len(body))
        except (FetchError, _Retry):
            raise
        except httpx.TimeoutException as exc:
            raise FetchError("timeout", f"{type(exc).__name__} after {self.settings.timeout_s}s") from exc
        except BlockedAddress as exc:
            raise FetchError("blocked_address", str(exc)) from exc
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise _Retry("connection_error", f"{type(exc).__name__}: {exc}", None, None) from exc
        except httpx.HTTPError as exc:
            raise FetchError("connection_error", f"{type(exc).__name__}: {exc}") from exc
        if expect == "html":
            if what := sniff_not_html(body[:2048]):
                raise FetchError("not_html", f"body is {what} (content-type {media})", status)
            if media not in HTML_TYPES and not _LOOKS_HTML.search(body[:8192]):
                raise FetchError("not_html", f"content-type {media} and no HTML markup", status)
        return Response(url, str(resp.url), status, hdrs, body, _now(), media,
                        detect_charset(body, charset) if expect != "any" or charset else charset,
                        hdrs.get("etag"), hdrs.get("last-modified"))

    def _read_capped(self, resp: httpx.Response, max_bytes: int, expect: str, started: float) -> bytes:
        inflater = _Inflater(resp.headers.get("content-encoding"))
        buf = bytearray()
        raw = 0
        for chunk in resp.iter_raw(65536):
            raw += len(chunk)
            out = inflater.feed(chunk, max_bytes - len(buf))
            buf += out
            if len(buf) > max_bytes or raw > max_bytes:
                del buf[:]  # drop it now: hold no more than the cap
                resp.close()
                raise FetchError("too_large", f"body > {max_bytes} bytes "
                                 f"({'decoded' if inflater.coding else 'streamed'}; stopped after {raw} bytes on the wire)")
            if expect == "html" and len(buf) >= 2048 and len(buf) - len(out) < 2048 and (what := sniff_not_html(bytes(buf[:2048]))):
                resp.close()
                raise FetchError("not_html", f"body is {what}")
            if time.monotonic() - started > self.settings.total_timeout_s:
                resp.close()
                raise FetchError("timeout", f"download took over {self.settings.total_timeout_s}s")
        return bytes(buf)

    # -- many at once -----------------------------------------------------------------------------
    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """fn over items on `max_parallel` threads, a bounded window in flight, results as they finish."""
        workers = max(1, self.settings.max_parallel)
        if workers == 1:
            for item in items:
                yield fn(item)
            return
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            pending: set[Future] = set()
            for item in items:
                pending.add(pool.submit(fn, item))
                if len(pending) >= workers * 2:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for f in done:
                        yield f.result()
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()


class _Retry(Exception):
    def __init__(self, reason: str, detail: str, status: int | None, retry_after: float | None):
        super().__init__(reason)
        self.reason, self.detail, self.status, self.retry_after = reason, detail, status, retry_after


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
