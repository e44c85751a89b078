"""Sources against a real HTTP server on 127.0.0.1 that misbehaves on purpose, through the real
`raw_pages` asset on a real DuckDB file; the feed sensor; WARC vs folder; blocked addresses.

No test sends traffic anywhere but 127.0.0.1: `net_guard` fails any connect() to another address
and any name lookup but of local names, and records every attempt.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import socket
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dagster as dg
import duckdb
import pytest

LOCAL_NAMES = {"127.0.0.1", "localhost", "0x7f000001"}  # resolved without DNS (hosts file / inet_aton)


# -- the guard ----------------------------------------------------------------------------------------
class NetLog:
    def __init__(self) -> None:
        self.connects: list[str] = []
        self.lookups: list[str] = []
        self.fake_dns: dict[str, list[str]] = {}


@pytest.fixture(autouse=True)
def net_guard(monkeypatch: pytest.MonkeyPatch) -> NetLog:
    log = NetLog()
    real_connect, real_gai = socket.socket.connect, socket.getaddrinfo

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else str(address)
        log.connects.append(host)
        if host != "127.0.0.1":
            raise AssertionError(f"a test tried to connect to {address!r}")
        return real_connect(self, address)

    def getaddrinfo(host, port, *args, **kwargs):
        host_s = host.decode() if isinstance(host, bytes) else str(host)
        log.lookups.append(host_s)
        if host_s in log.fake_dns:
            return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (ip, port) if ":" not in ip else (ip, port, 0, 0)) for ip in log.fake_dns[host_s]]
        if host_s not in LOCAL_NAMES:
            raise AssertionError(f"a test tried to resolve {host_s!r}")
        return real_gai(host, port, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return log


# -- the server ---------------------------------------------------------------------------------------
ARABIC = "قصفت طائرات حربية مواقع في مدينة دير الزور صباح السبت، ما أدى إلى مقتل ثلاثة مدنيين وإصابة سبعة آخرين."
LAST_MODIFIED = "Sat, 16 Sep 2017 10:00:00 GMT"


def story(n: int, extra: str = "") -> bytes:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Story {n}</title>{extra}</head>"
        f"<body><article><h1>Story number {n}</h1>"
        + f"<p>Shelling hit district {n} of the city on Monday, killing {n % 7} civilians, a monitor said. "
        f"Residents of district {n} reported damage to homes and a market.</p>" * 4
        + "</article></body></html>"
    ).encode()


def billion_laughs() -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(ents) + "\n]>\n"
            '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
            "<link>http://127.0.0.1/never</link></item></channel></rss>").encode()


class Site:
    """What the server serves; `hits` counts (method, path, status)."""

    def __init__(self) -> None:
        self.port = 0
        self.hits: list[tuple[str, int]] = []
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.extra_feed_items: list[str] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def rss(self) -> bytes:
        links = [f"/a/{n}.html" for n in range(0, 8)] + [
            "/a/3.html?amp=1", "/a/3.html?utm_source=rss&utm_medium=feed#top", "/dup/copy.html",
            "/canon/five.html", "/missing", "/flaky", "/busy", "/loop/a", "/hops/0", "/redirect-ok",
            "/stall", "/big", "/big-declared", "/bomb", "/doc.pdf", "/arabic", "/private/secret.html",
            "/image", *self.extra_feed_items,
        ]
        items = "".join(
            f"<item><title>Item {i}</title><link>{self.url(p) if p.startswith('/') else p}</link>"
            f"<pubDate>Mon, 02 Oct 2017 0{i % 10}:00:00 GMT</pubDate></item>" for i, p in enumerate(links)
        ) + "<item><title>ftp</title><link>ftp://files.example.org/x.html</link></item>"
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test</title>'
                f"<language>en</language><link>{self.url('/')}</link>{items}</channel></rss>").encode()

    def atom(self) -> bytes:
        entries = "".join(
            f"<entry><title>Atom {n}</title><id>urn:a:{n}</id><updated>2017-10-0{n % 9 + 1}T00:00:00Z</updated>"
            f'<link rel="alternate" href="{self.url(f"/atom/{n}.html")}"/></entry>' for n in range(5)
        )
        return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Atom test</title><id>urn:test</id><updated>2017-10-01T00:00:00Z</updated>{entries}</feed>").encode()

    def urlset(self, paths: list[str], news: bool = False) -> bytes:
        ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
        body = ""
        for p in paths:
            extra = (f"<news:news><news:publication><news:name>Test</news:name><news:language>en</news:language>"
                     f"</news:publication><news:publication_date>2017-10-03T08:00:00Z</news:publication_date>"
                     f"<news:title>News {p}</news:title></news:news>") if news else "<lastmod>2017-10-01</lastmod>"
            body += f"<url><loc>{self.url(p)}</loc>{extra}</url>"
        return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
                f"{body}</urlset>").encode()

    def index(self) -> bytes:
        maps = "".join(f"<sitemap><loc>{self.url(p)}</loc></sitemap>"
                       for p in ("/sitemap-1.xml", "/sitemap-news.xml", "/sitemap-2.xml.gz"))
        return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{maps}</sitemapindex>").encode()


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def _count(self) -> int:
            with site.lock:
                site.counts[self.path] = site.counts.get(self.path, 0) + 1
                return site.counts[self.path]

        def send(self, status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
                 headers: dict | None = None) -> None:
            with site.lock:
                site.hits.append((self.path, status))
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def page(self, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send(304, b"", None, {"ETag": etag})
                return
            self.send(200, body, ctype, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

        def stream(self, chunks, headers: dict) -> None:
            """No Content-Length: the body ends when the connection closes."""
            with site.lock:
                site.hits.append((self.path, 200))
            self.send_response(200)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for chunk in chunks:
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: C901 - a router
            p = self.path
            n = self._count()
            if p == "/robots.txt":
                return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if p == "/feed.rss":
                return self.send(200, site.rss(), "application/rss+xml")
            if p == "/atom.xml":
                return self.send(200, site.atom(), "application/atom+xml")
            if p == "/sitemap_index.xml":
                return self.send(200, site.index(), "application/xml")
            if p == "/sitemap-1.xml":
                return self.send(200, site.urlset(["/s/1.html", "/s/2.html", "/s/3.html"]), "application/xml")
            if p == "/sitemap-news.xml":
                return self.send(200, site.urlset(["/n/1.html", "/n/2.html"], news=True), "application/xml")
            if p == "/sitemap-2.xml.gz":
                return self.send(200, gzip.compress(site.urlset(["/s/4.html"])), "application/x-gzip")
            if p == "/broken.rss":
                return self.send(200, b"<?xml version='1.0'?><rss version='2.0'><chan<<nel>>&&</item>", "application/rss+xml")
            if p == "/laughs.rss":
                return self.send(200, billion_laughs(), "application/rss+xml")
            if p.startswith(("/a/", "/s/", "/n/", "/atom/")):
                num = int("".join(c for c in p if c.isdigit()) or 0)
                offset = {"/a/": 0, "/s/": 100, "/n/": 200, "/atom/": 300}[p[: p.index("/", 1) + 1]]
                return self.page(story(num + offset))
            if p == "/dup/copy.html":
                return self.page(story(2))  # the same bytes as /a/2.html
            if p == "/canon/five.html":  # another rendering of /a/5.html, declaring it canonical
                return self.page(story(5, '<link rel="canonical" href="/a/5.html">').replace(b"<h1>", b"<h1>Print: "))
            if p == "/missing":
                return self.send(404, b"not here")
            if p == "/flaky":
                return self.send(500, b"oops") if n == 1 else self.page(story(500))
            if p == "/busy":
                return self.send(429, b"slow down", headers={"Retry-After": "1"}) if n == 1 else self.page(story(429))
            if p in ("/loop/a", "/loop/b"):
                return self.send(302, b"", headers={"Location": "/loop/b" if p == "/loop/a" else "/loop/a"})
            if p.startswith("/hops/"):
                return self.send(302, b"", headers={"Location": f"/hops/{int(p.split('/')[-1]) + 1}"})
            if p == "/redirect-ok":
                return self.send(301, b"", headers={"Location": site.url("/a/7.html")})
            if p == "/to-private":
                return self.send(302, b"", headers={"Location": "http://10.0.0.1/internal"})
            if p == "/to-ftp":
                return self.send(302, b"", headers={"Location": "ftp://127.0.0.1/x"})
            if p == "/stall":
                time.sleep(1.5)
                try:
                    return self.send(200, story(999))
                except (BrokenPipeError, ConnectionResetError):
                    return None
            if p == "/big":  # 50 MB, streamed, length unknown
                return self.stream((b"<p>" + b"x" * 65530 + b"</p>" for _ in range(800)), {"Content-Type": "text/html"})
            if p == "/big-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(50_000_000))
                self.end_headers()
                self.close_connection = True
                with site.lock:
                    site.hits.append((p, 200))
                try:
                    for _ in range(800):
                        self.wfile.write(b"x" * 62500)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            if p == "/bomb":  # gzip that inflates to 4 GB, compressed on the fly
                def bomb():
                    c = zlib.compressobj(9, zlib.DEFLATED, 31)
                    zeros = b"\0" * (1 << 20)
                    for _ in range(4096):
                        if out := c.compress(zeros):
                            yield out
                    yield c.flush()
                return self.stream(bomb(), {"Content-Type": "text/html", "Content-Encoding": "gzip"})
            if p == "/doc.pdf":
                return self.page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + b"\x00\x01" * 500, "text/html")
            if p == "/arabic":  # Windows-1256, no charset anywhere
                html = f"<html><head><title>خبر</title></head><body><article><p>{ARABIC}</p><p>{ARABIC}</p></article></body></html>"
                return self.page(html.encode("cp1256"), "text/html")
            if p == "/image":
                return self.page(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
            if p.startswith("/private/"):
                return self.page(story(666))
            if p.startswith("/new/"):
                return self.page(story(777))
            if p == "/host":
                return self.send(200, (self.headers.get("Host") or "").encode(), "text/plain")
            return self.send(404, b"no route")

    return Handler


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):  # clients hang up on purpose
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def site():
    s = Site()
    server = QuietServer(("127.0.0.1", 0), make_handler(s))
    server.daemon_threads = True
    s.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


FETCH_TEST = {
    "allow_private_addresses": True, "timeout_s": 0.5, "total_timeout_s": 5, "delay_s": 0.0,
    "retries": 2, "backoff_s": 0.05, "max_retry_wait_s": 2.0, "max_bytes": 2_000_000, "max_parallel": 4,
    "contact_url": "https://example.org/contact",
}


def write_sources(tmp_path: Path, sources: list[dict], **fetch) -> Path:
    import yaml

    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"fetch": {**FETCH_TEST, **fetch}, "sources": sources}, sort_keys=False))
    return path


def materialize(sources: Path, db: Path) -> dict:
    from dagster_duckdb import DuckDBResource

    from pipelines.assets.ingest import raw_pages
    from pipelines.resources import PipelineSettings

    result = dg.materialize(
        [raw_pages],
        resources={"duckdb": DuckDBResource(database=str(db)), "settings": PipelineSettings(sources_file=str(sources))},
    )
    assert result.success
    mat = result.asset_materializations_for_node("raw_pages")[0]
    return {k: v.value for k, v in mat.metadata.items()}


def table_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return {t: conn.sql(f"SELECT count(*) FROM raw.{t}").fetchall()[0][0] for t in ("pages", "page_urls", "quarantine")}


class RSSSampler:
    """Peak resident set size growth over a block, sampled from /proc every 5 ms."""

    def __init__(self) -> None:
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.peak = self.base = self._rss()
        self._stop = threading.Event()

    def _rss(self) -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * self.page

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(0.005)

    def __enter__(self):
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self._rss())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.base) / 1e6


# -- the acceptance run -------------------------------------------------------------------------------
def test_misbehaving_server_every_url_accounted_bounded_memory_and_conditional_rerun(
    site: Site, tmp_path: Path, net_guard: NetLog
) -> None:
    from pipelines.extract import decode_html
    from pipelines.sources import canonicalize, stable_id
    from pipelines.sources.digest import decompress

    sources = write_sources(tmp_path, [
        {"name": "rss", "kind": "feed", "url": site.url("/feed.rss"), "language": "en"},
        {"name": "atom", "kind": "feed", "url": site.url("/atom.xml")},
        {"name": "maps", "kind": "sitemap", "url": site.url("/sitemap_index.xml")},
        {"name": "list", "kind": "urls", "path": "urls.txt", "exclude": ["/skip-me"]},
        {"name": "broken", "kind": "feed", "url": site.url("/broken.rss")},
        {"name": "laughs", "kind": "feed", "url": site.url("/laughs.rss")},
    ])
    (tmp_path / "urls.txt").write_text(
        f"# a list\n{site.url('/a/1.html')}\n{site.url('/u/missing')}\n{site.url('/skip-me')}\n"
        f"mailto:desk@example.org\n{site.url('/s/1.html?fbclid=abc')}\n"
    )
    # Warm-up on another warehouse: first-use imports (feedparser, charset_normalizer, polars/DuckDB
    # paths) and Dagster's first-run set-up are one-off costs, not memory the run holds.
    (tmp_path / "warm").mkdir()
    materialize(write_sources(tmp_path / "warm", [{"name": "w", "kind": "feed", "url": site.url("/atom.xml")}]),
                tmp_path / "warm" / "warehouse.duckdb")
    site.counts.clear()
    db = tmp_path / "warehouse.duckdb"
    started = time.monotonic()
    with RSSSampler() as mem:
        meta1 = materialize(sources, db)
    first_s = time.monotonic() - started
    print(f"\nfirst run {first_s:.2f}s, peak RSS growth {mem.growth_mb:.1f} MB; {meta1}")
    assert mem.growth_mb < 100, f"peak RSS grew {mem.growth_mb:.1f} MB"

    with duckdb.connect(str(db), read_only=True) as conn:
        urls = dict(conn.sql("SELECT url, page_id FROM raw.page_urls").fetchall())
        quarantine = {u: r for u, r in conn.sql("SELECT url, reason FROM raw.quarantine").fetchall()}
        pages = {r[0]: r[1:] for r in conn.sql(
            "SELECT page_id, url, http_status, etag, last_modified, charset, html_zlib, headers, final_url, "
            "canonical_url FROM raw.pages").fetchall()}

    def stored(path: str) -> str:
        url = site.url(path)
        assert url in urls, f"{url} not in page_urls (quarantine: {quarantine.get(url)})"
        assert urls[url] in pages
        return urls[url]

    # Every URL a source yields: stored or quarantined with the right reason.
    for n in range(8):
        stored(f"/a/{n}.html")
    for p in ["/atom/0.html", "/atom/4.html", "/s/1.html", "/s/2.html", "/s/3.html", "/s/4.html", "/n/1.html",
              "/n/2.html", "/flaky", "/busy", "/redirect-ok", "/arabic", "/dup/copy.html", "/canon/five.html"]:
        stored(p)
    expected = {
        "/missing": "http_404", "/u/missing": "http_404", "/loop/a": "redirect_loop", "/hops/0": "too_many_redirects",
        "/stall": "timeout", "/big": "too_large", "/big-declared": "too_large", "/bomb": "too_large",
        "/doc.pdf": "not_html", "/image": "not_html", "/private/secret.html": "robots_disallowed",
        "/broken.rss": "parse_error", "/laughs.rss": "parse_error",
    }
    for path, reason in expected.items():
        assert quarantine.get(site.url(path)) == reason, (path, quarantine.get(site.url(path)))
    assert quarantine["ftp://files.example.org/x.html"] == "unsupported_scheme"
    assert quarantine["mailto:desk@example.org"] == "unsupported_scheme"
    assert site.url("/skip-me") not in urls and site.url("/skip-me") not in quarantine
    assert site.counts.get("/private/secret.html") is None  # robots.txt respected: never asked for
    assert site.counts.get("/robots.txt") == 1  # cached per origin
    assert site.counts["/flaky"] == 2 and site.counts["/busy"] == 2  # retried after 500 / 429

    # Identity: variants and duplicates are linked, stored once.
    a3 = stored("/a/3.html")
    assert urls[site.url("/a/3.html?amp=1")] == a3  # AMP variant
    assert urls[site.url("/a/3.html")] == a3 and site.counts["/a/3.html"] == 1  # one fetch for three URLs
    assert stored("/dup/copy.html") == stored("/a/2.html")  # identical bytes under two URLs
    assert stored("/canon/five.html") == stored("/a/5.html") == stable_id(canonicalize(site.url("/a/5.html")))
    assert stored("/redirect-ok") == stored("/a/7.html")  # final URL after the redirect
    assert stored("/s/1.html") == stable_id(site.url("/s/1.html"))  # fbclid stripped: same page
    assert stored("/a/1.html") == stable_id(site.url("/a/1.html"))  # stable id = sha1(canonical URL)

    # Stored rows carry validators, headers, charset; Windows-1256 without a charset decodes right.
    _, status, etag, last_modified, charset, blob, headers, final_url, canonical = pages[stored("/a/1.html")]
    assert status == 200 and etag and last_modified == LAST_MODIFIED and charset == "utf-8"
    assert json.loads(headers)["etag"] == etag and canonical == site.url("/a/1.html")
    arabic = pages[stored("/arabic")]
    assert arabic[4] == "cp1256"
    assert ARABIC in decode_html(decompress(arabic[5]), arabic[4])
    assert pages[stored("/redirect-ok")][7] == site.url("/a/7.html")
    assert meta1["pages_duplicate"] >= 1 and meta1["pages_new"] == len(pages)

    # Second run: only conditional GETs for pages (304), no rows added, nothing re-stored.
    before = table_counts(db)
    hits_before = len(site.hits)
    started = time.monotonic()
    meta2 = materialize(sources, db)
    second_s = time.monotonic() - started
    print(f"second run {second_s:.2f}s; {meta2}")
    assert table_counts(db) == before
    assert meta2["pages_new"] == 0 and meta2["pages_changed"] == 0
    assert meta2["pages_not_modified"] >= len(pages) - 2 and meta2["http_not_modified"] == meta2["pages_not_modified"]
    page_paths = ("/a/", "/s/", "/n/", "/atom/", "/dup/", "/canon/", "/flaky", "/busy", "/arabic")
    again = [(p, s) for p, s in site.hits[hits_before:] if p.startswith(page_paths)]
    assert again and all(s == 304 for p, s in again if p != "/dup/copy.html"), again
    # Only 127.0.0.1 was ever contacted.
    assert set(net_guard.connects) == {"127.0.0.1"}


# -- safety -------------------------------------------------------------------------------------------
def test_private_addresses_refused_before_any_connection(site: Site, tmp_path: Path, net_guard: NetLog) -> None:
    """A feed (saved file) naming 127.0.0.1, 10.0.0.1 and names resolving to them: all blocked_address,
    with not one connection attempted and no lookup of address literals."""
    net_guard.fake_dns["intranet.test"] = ["93.184.216.34", "10.0.0.7"]  # one bad address is enough
    targets = [
        "http://10.0.0.1/news/1.html", site.url("/a/1.html"), "http://localhost:9/x", "http://[::1]/x",
        "http://169.254.169.254/latest/meta-data/", "http://0x7f000001/x", "https://intranet.test/story",
        "http://[::ffff:10.0.0.1]/x", "http://0.0.0.0/x",
    ]
    items = "".join(f"<item><title>{i}</title><link>{u}</link></item>" for i, u in enumerate(targets))
    (tmp_path / "feed.xml").write_text(f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>")
    sources = write_sources(tmp_path, [{"name": "f", "kind": "feed", "path": "feed.xml"}],
                            allow_private_addresses=False)
    db = tmp_path / "warehouse.duckdb"
    meta = materialize(sources, db)
    with duckdb.connect(str(db), read_only=True) as conn:
        reasons = dict(conn.sql("SELECT url, reason FROM raw.quarantine").fetchall())
    assert {reasons[u] for u in targets} == {"blocked_address"}, reasons
    assert meta["pages_new"] == 0 and meta["http_requests"] == 0
    assert net_guard.connects == []  # refused before any connection attempt
    assert "10.0.0.1" not in net_guard.lookups and "169.254.169.254" not in net_guard.lookups


def test_redirect_hops_rechecked_and_pinned_address(site: Site, tmp_path: Path, net_guard: NetLog) -> None:
    """Allowing only 127.0.0.1/32: a redirect to 10.0.0.1 is blocked at the hop, one to ftp: refused;
    a name is resolved once and the checked address is the one connected to (Host header kept)."""
    from pipelines.sources import FetchSettings
    from pipelines.sources.fetch import Fetcher, FetchError

    net_guard.fake_dns["pinned.test"] = ["127.0.0.1"]
    settings = FetchSettings(**{**FETCH_TEST, "allow_private_addresses": False, "allowed_networks": ("127.0.0.1/32",)})
    with Fetcher(settings) as f:
        with pytest.raises(FetchError) as err:
            f.get(site.url("/to-private"))
        assert err.value.reason == "blocked_address"
        with pytest.raises(FetchError) as err:
            f.get(site.url("/to-ftp"))
        assert err.value.reason == "unsupported_scheme"
        with pytest.raises(FetchError) as err:
            f.get("http://10.0.0.1/x")
        assert err.value.reason == "blocked_address"
        before = len(net_guard.connects)
        resp = f.get(f"http://pinned.test:{site.port}/host", expect="any")
        assert resp.body == f"pinned.test:{site.port}".encode()
        assert net_guard.connects[before:] and set(net_guard.connects[before:]) == {"127.0.0.1"}
        assert f.settings.user_agent_header == "conflict-etl/0.1 (+https://example.org/contact)"
    assert "10.0.0.1" not in net_guard.connects


# -- WARC vs folder -----------------------------------------------------------------------------------
def test_warc_ingests_completely_same_as_folder(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n_pages = 300
    folder = tmp_path / "pages"
    (folder / "nested").mkdir(parents=True)
    warc_path = tmp_path / "warc" / "CC-NEWS-test.warc.gz"
    warc_path.parent.mkdir()
    expected_q = {}
    with warc_path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record("CC-NEWS-test.warc.gz", {"software": "tests"}))
        for i in range(n_pages):
            url = f"https://news{i % 5}.example.org/2017/10/story-{i}.html"
            body = story(1000 + i, f'<link rel="canonical" href="{url}">')
            (folder / ("nested" if i % 2 else "") / f"story-{i}.html").write_bytes(body)
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
        for i in range(12):
            url = f"https://news0.example.org/gone-{i}"
            http = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(b"gone"), http_headers=http))
            expected_q[url] = "http_404"
        for i in range(6):
            url = f"https://news1.example.org/img-{i}.png"
            http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(b"\x89PNG\r\n" + b"\0" * 50),
                                                http_headers=http))
            expected_q[url] = "not_html"
        for i in range(4):
            url = f"https://news2.example.org/report-{i}.html"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(b"%PDF-1.4\n" + b"\x01" * 80),
                                                http_headers=http))
            expected_q[url] = "not_html"
    (tmp_path / "warc" / "not-a-warc.warc").write_bytes(b"this is not a WARC file\n" * 10)
    expected_q[f"file://{tmp_path / 'warc' / 'not-a-warc.warc'}"] = "parse_error"

    def run(kind: str, path: Path, name: str) -> Path:
        d = tmp_path / name
        d.mkdir()
        src = write_sources(d, [{"name": "corpus", "kind": kind, "path": str(path)}])
        materialize(src, d / "warehouse.duckdb")
        return d / "warehouse.duckdb"

    t0 = time.monotonic()
    warc_db = run("warc", warc_path.parent, "w")
    folder_db = run("folder", folder, "f")
    print(f"\nWARC + folder ({n_pages} pages each) in {time.monotonic() - t0:.2f}s")
    q = "SELECT page_id, url, content_hash, canonical_url FROM raw.pages ORDER BY page_id"
    with duckdb.connect(str(warc_db), read_only=True) as c:
        warc_pages = c.sql(q).fetchall()
        warc_q = dict(c.sql("SELECT url, reason FROM raw.quarantine").fetchall())
        statuses = {r[0] for r in c.sql("SELECT DISTINCT http_status FROM raw.pages").fetchall()}
    with duckdb.connect(str(folder_db), read_only=True) as c:
        folder_pages = c.sql(q).fetchall()
    assert len(warc_pages) == n_pages
    assert warc_pages == folder_pages  # same ids, URLs, bytes
    assert warc_q == expected_q
    assert statuses == {200}


# -- the sensor ---------------------------------------------------------------------------------------
def test_feed_sensor_requests_runs_only_for_new_items(site: Site, tmp_path: Path, monkeypatch) -> None:
    from pipelines import sensors
    from pipelines.resources import PipelineSettings

    sources = write_sources(tmp_path, [
        {"name": "rss", "kind": "feed", "url": site.url("/feed.rss")},
        {"name": "maps", "kind": "sitemap", "url": site.url("/sitemap_index.xml")},
        {"name": "broken", "kind": "feed", "url": site.url("/broken.rss")},
        {"name": "local", "kind": "folder", "path": "."},
    ])
    res = {"settings": PipelineSettings(sources_file=str(sources))}
    sensor = sensors.feed_sensor
    assert sensor.job_name == "refresh"

    first = sensor(dg.build_sensor_context(cursor=None, resources=res))
    assert len(first.run_requests) == 1
    cursor = json.loads(first.cursor)
    assert set(cursor["seen"]) == {"rss", "maps"} and len(cursor["seen"]["maps"]) == 6

    again = sensor(dg.build_sensor_context(cursor=first.cursor, resources=res))  # e.g. after a restart
    assert not again.run_requests and again.skip_reason
    assert json.loads(again.cursor) == cursor

    pages_before = site.counts.get("/new/1.html", 0)
    site.extra_feed_items.append("/new/1.html")
    try:
        third = sensor(dg.build_sensor_context(cursor=again.cursor, resources=res))
        assert len(third.run_requests) == 1 and third.run_requests[0].tags["conflict_etl/new_items"] == "1"
        assert site.counts.get("/new/1.html", 0) == pages_before  # listings only, no page fetched
        # Bounded cursor.
        monkeypatch.setattr(sensors, "MAX_SEEN_PER_SOURCE", 5)
        site.extra_feed_items.append("/new/2.html")
        fourth = sensor(dg.build_sensor_context(cursor=third.cursor, resources=res))
        assert len(fourth.run_requests) == 1
        assert all(len(v) <= 5 for v in json.loads(fourth.cursor)["seen"].values())
    finally:
        site.extra_feed_items.clear()
    # An unreadable cursor starts over instead of failing.
    assert len(sensor(dg.build_sensor_context(cursor="{not json", resources=res)).run_requests) == 1
    sensor_interval = sensors.make_feed_sensor("s2", minimum_interval_seconds=60).minimum_interval_seconds
    assert sensor_interval == 60
