"""URL identity: one canonical form per story, so a page id is stable across runs and URL variants.

`canonicalize` = courlan's normalization (lower-case scheme/host, default port dropped, path
cleaned, query sorted, tracking parameters such as utm_*/fbclid/gclid removed) plus: no fragment,
no `www.`, no AMP variant (`amp.` host, `/amp` path segment, `?amp=1`, `outputType=amp`). A page's
own `<link rel="canonical">` wins when it points to the same site (another site's canonical is
ignored: it could merge unrelated pages).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url, scrub_url

_AMP_PARAMS = {("amp", "1"), ("amp", "true"), ("amp", ""), ("outputtype", "amp"), ("output", "amp")}
_HOST_PREFIXES = ("www.", "amp.", "m.")  # m.: mobile variants of the same story

_CANONICAL = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(rb"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)


@lru_cache(maxsize=65536)  # a page's URL is normalized several times per ingest (ids, links, quarantine)
def normalize(url: str) -> str:
    """courlan normalization (trackers out, query sorted) and no fragment; host prefixes kept.

    This is the form stored as a page's URL: still a fetchable address."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return url
    try:
        out = normalize_url(scrub_url(url), strict=False)
    except (ValueError, AttributeError):
        out = url
    return urlunsplit(urlsplit(out)._replace(fragment=""))


def _site(host: str) -> str:
    host = host.lower().rstrip(".")
    changed = True
    while changed:
        changed = False
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix) and host.count(".") >= 2:
                host, changed = host[len(prefix):], True
    return host


@lru_cache(maxsize=65536)
def canonicalize(url: str) -> str:
    """The identity form of a URL (not always fetchable: `www.` is dropped). Non-http URLs unchanged."""
    url = normalize(url)
    if not url.lower().startswith(("http://", "https://")):
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = _site(host)
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    path = parts.path or "/"
    path = re.sub(r"/amp(?:\.html?)?/?$", "/", path)  # /story/amp, /story/amp/
    path = re.sub(r"^/amp/", "/", path)  # /amp/story
    path = re.sub(r"\.amp(\.html?)$", r"\1", path)  # story.amp.html
    if len(path) > 1:
        path = path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if (k.lower(), v.lower()) not in _AMP_PARAMS]
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))


def same_site(a: str, b: str) -> bool:
    ha, hb = _site(urlsplit(a).hostname or ""), _site(urlsplit(b).hostname or "")
    if not ha or not hb:
        return False
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)


def canonical_link(body: bytes, base_url: str | None = None) -> str | None:
    """The page's `<link rel="canonical" href>`, resolved against `base_url`."""
    m = _CANONICAL.search(body[:262144])
    if not m:
        return None
    h = _HREF.search(m.group(0))
    if not h:
        return None
    href = next(g for g in h.groups() if g is not None).decode("utf-8", "ignore").strip()
    href = html.unescape(href)  # &amp; in queries; some sites escape the whole URL (https&#x3A;&#x2F;...)
    if not href:
        return None
    return urljoin(base_url, href) if base_url else href


def _no_www(url: str) -> str:
    return normalize(url).replace("://www.", "://", 1)


def page_identity(url: str, body: bytes, final_url: str | None = None) -> tuple[str, bool]:
    """(canonical URL, whether the page declares itself canonical) for a fetched page."""
    base = final_url or url
    declared = canonical_link(body, base if base.startswith(("http://", "https://")) else None)
    if declared and declared.startswith(("http://", "https://")) and (
        not base.startswith(("http://", "https://")) or same_site(declared, base)
    ):
        canon = canonicalize(declared)
        return canon, _no_www(declared) in (_no_www(url), _no_www(base))
    return canonicalize(base), False
