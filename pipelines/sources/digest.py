"""What ingest computes from a page's bytes: the visible-text fingerprint and the stored (compressed) form.

Both are CPU work per new page (~0.3 ms on a synthetic news page here), so a large ingest runs them in worker
processes while the single warehouse writer goes on reading sources (`prefetch`). This module imports
nothing heavy: a spawned worker starts in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any

#: `<script ...>` ... `</script>` and the like: removed with their content. The opening tags are found with
#: one pattern and each closing tag searched from there -- the same spans as the single backreferencing
#: pattern `<(script|...)\b.*?</\1\s*>` (DOTALL, IGNORECASE), at less than half its cost.
#: Case-sensitive, run on the lower-cased page (the fingerprint is of lower-cased text anyway): the same spans
#: as with IGNORECASE on the page, which keeps sre from scanning for the literal `<` quickly.
_INVISIBLE_OPEN = re.compile(rb"<(script|style|noscript|template|svg)\b")
_INVISIBLE_CLOSE = {n: re.compile(rb"</" + n + rb"\s*>") for n in (b"script", b"style", b"noscript", b"template", b"svg")}
_TAG = re.compile(rb"<[^>]*>")
#: Level 1 of ISA-L's deflate (python-isal): a standard zlib stream, ~5x faster than zlib's level 1 on news
#: pages and ~3 % smaller (measured on the synthetic and the real-html pages). Without isal: zlib level 1.
ZLIB_LEVEL = 1

try:  # wheels for the usual platforms; elsewhere the stdlib writes the same format, slower
    from isal import isal_zlib as _codec
except ImportError:  # pragma: no cover
    _codec = zlib


#: Pages per job sent to a worker (prefetch): big enough to amortize a job, small enough to keep every worker busy.
CHUNK = 16


def compress(body: bytes) -> bytes:
    """The stored form of a page (raw.pages.html_zlib): a zlib stream, whichever library wrote it."""
    return _codec.compress(body, ZLIB_LEVEL)


def decompress(blob: bytes) -> bytes:
    return _codec.decompress(blob)


def _drop_invisible(body: bytes) -> bytes:
    """`body` (lower-cased) without its script, style, noscript, template and svg elements."""
    out, pos = [], 0
    for m in _INVISIBLE_OPEN.finditer(body):
        if m.start() < pos:  # inside a span already removed
            continue
        end = _INVISIBLE_CLOSE[m.group(1)].search(body, m.end())
        if end is None:  # never closed: kept, as the single pattern would
            continue
        out += (body[pos : m.start()], b" ")
        pos = end.end()
    if not out:
        return body
    out.append(body[pos:])
    return b"".join(out)


def text_fingerprint(body: bytes) -> str | None:
    """sha256 of the page's visible text (tags, scripts, styles and whitespace out); None when short."""
    # split()/join: whitespace runs -> one space, ends stripped (bytes whitespace is a bytes pattern's \s)
    text = b" ".join(_TAG.sub(b" ", _drop_invisible(body.lower())).split())
    return hashlib.sha256(text).hexdigest() if len(text) >= 200 else None


def digest_page(body: bytes) -> tuple[str | None, bytes]:
    """(visible-text fingerprint, compressed bytes) of one page."""
    return text_fingerprint(body), compress(body)


def digest_payloads(payloads: list[tuple]) -> list[tuple[str | None, bytes]]:
    """`digest_page` of each payload's first element, the body (ingest sends (body, page fields...))."""
    return [digest_page(p[0]) for p in payloads]


def prefetch(
    items: Iterable[Any], prepare: Callable[[Any], tuple[Any, Any]], submit: Callable[[list], Future],
    window: int = 256, chunk: int = CHUNK,
) -> Iterator[tuple[Any, Any, Any]]:
    """`items` in order as (item, info, result or None), where `prepare(item)` gives (info, payload to compute
    or None) and `submit(payloads)` returns a Future of one result per payload (e.g. `digest_payloads` in a
    pool). Up to `window` items are read ahead and their payloads sent in chunks of `chunk`, so workers
    compute while the caller stores what came back; memory stays bounded by the window. None also when the
    chunk failed (a worker died): the caller computes that page itself."""
    ahead: deque[tuple[Any, Any, int]] = deque()
    pending: list[tuple[int, Any]] = []  # (item number, payload) not yet submitted
    futures: dict[int, tuple[Future, int]] = {}  # item number -> (its chunk's future, position in chunk)

    def send() -> None:
        if pending:
            fut = submit([b for _, b in pending])
            for pos, (num, _) in enumerate(pending):
                futures[num] = (fut, pos)
            pending.clear()

    def resolve(num: int) -> Any:
        if (got := futures.pop(num, None)) is None:
            return None
        fut, pos = got
        try:
            return fut.result()[pos]
        except Exception:
            return None

    for num, item in enumerate(items):
        info, body = prepare(item)
        if body is not None:
            pending.append((num, body))
            if len(pending) >= chunk:
                send()
        ahead.append((item, info, num))
        if len(ahead) >= window:
            first, first_info, first_num = ahead.popleft()
            if pending and pending[0][0] <= first_num:  # its body is not sent yet
                send()
            yield first, first_info, resolve(first_num)
    send()
    while ahead:
        first, first_info, first_num = ahead.popleft()
        yield first, first_info, resolve(first_num)
