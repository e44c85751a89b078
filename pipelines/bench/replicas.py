"""Real pages at scale: N copies of each page of a folder (`../shared/real-html/pages`), each copy a new page.

The pipeline stores a story once, however many URLs carry it (content hash, visible-text fingerprint and
canonical URL), so plain copies would be skipped after the first and flatter it. Each copy therefore gets:
its own canonical URL (every occurrence of the page's canonical href, e.g. in og:url too, gets a
`/replica-K` path segment) and one line of its own visible text before `</body>` ("Replica K of NAME."). The
trafilatura-only baseline reads the very same files, so both sides parse the same bytes.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pipelines.sources.canonical import _CANONICAL, _HREF, canonical_link


def _replica_url(href: str, k: int) -> str:
    parts = urlsplit(href)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}/replica-{k}"))


def replicate(body: bytes, name: str, k: int) -> bytes:
    """Copy K of a page: a canonical URL and a line of visible text of its own (see the module docstring)."""
    href = canonical_link(body)  # HTML entities decoded
    if href and href.startswith(("http://", "https://")):
        new, mark = _replica_url(href, k).encode("utf-8"), b"\x00replica-href\x00"
        tag = _CANONICAL.search(body)
        body = body[: tag.start()] + _HREF.sub(b'href="' + mark + b'"', tag.group(0), count=1) + body[tag.end() :]
        body = body.replace(href.encode("utf-8"), new).replace(mark, new)  # og:url and the like too
    line = f"<p>Replica {k} of {name}.</p>".encode()
    end = body.lower().rfind(b"</body")  # the last one: "<body>" also occurs inside scripts
    return body[:end] + line + body[end:] if end >= 0 else body + line


def write_replicas(folder: str | Path, out: str | Path, copies: int) -> dict:
    """`copies` copies of every .html page in `folder` under out/pages/copy-K/, and out/sources.yaml (a
    folder source over them, no feed: page metadata comes from the pages themselves)."""
    t0 = time.perf_counter()
    pages = sorted(Path(folder).glob("*.html"))
    root = Path(out) / "pages"
    written = size = 0
    for k in range(1, copies + 1):
        d = root / f"copy-{k:04d}"
        d.mkdir(parents=True, exist_ok=True)
        for p in pages:
            data = replicate(p.read_bytes(), p.stem, k)
            (d / p.name).write_bytes(data)
            written += 1
            size += len(data)
    (Path(out) / "sources.yaml").write_text(
        "fetch:\n  allow_private_addresses: false\nsources:\n"
        f"  - name: real-replicas\n    kind: folder\n    path: {root}\n"
    )
    return {"pages": written, "bytes": size, "seconds": time.perf_counter() - t0}
