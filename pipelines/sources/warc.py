"""WARC files (`.warc`, `.warc.gz`, as Common Crawl's CC-NEWS publishes them), read with warcio.

Every `response` record with an http(s) target is accounted for: a 2xx HTML payload becomes a
`Page` (WARC-Date as fetch time, the archived HTTP status and headers); other statuses are
quarantined as `http_<status>`, non-HTML payloads as `not_html`, oversized ones as `too_large`,
`revisit` records as `warc_revisit`. A file warcio cannot read is a `parse_error`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from .base import FetchSettings, Page, Quarantined, SourceConfig, SourceState
from .fetch import _LOOKS_HTML, HTML_TYPES, _media_type, detect_charset, sniff_not_html


def warc_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith((".warc", ".warc.gz")))


def _is_warc(file: Path) -> bool:
    """A WARC file (or gzip of one) starts with `WARC/`; warcio alone would read other text as ARC."""
    import zlib

    with file.open("rb") as fh:
        head = fh.read(4096)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _warc_date(value: str | None) -> datetime:
    if value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)
        except ValueError:
            pass
    return datetime.now(UTC).replace(tzinfo=None)


def iter_warc(source: SourceConfig, settings: FetchSettings, state: SourceState | None = None
              ) -> Iterator[Page | Quarantined]:
    from warcio.archiveiterator import ArchiveIterator

    root = source.path
    if root is None or not root.exists():
        yield Quarantined(str(root), source.name, "missing_path", f"WARC path not found: {root}")
        return
    cap = settings.max_bytes
    for file in warc_files(root):
        try:
            if not _is_warc(file):
                yield Quarantined(f"file://{file}", source.name, "parse_error", "not a WARC file (no WARC/ header)")
                continue
            with file.open("rb") as fh:
                for record in ArchiveIterator(fh):
                    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
                    if record.rec_type not in ("response", "revisit") or not uri:
                        continue
                    if not source.wants(uri):
                        continue
                    if not uri.lower().startswith(("http://", "https://")):
                        yield Quarantined(uri, source.name, "unsupported_scheme", f"WARC record in {file.name}")
                        continue
                    if record.rec_type == "revisit":
                        yield Quarantined(uri, source.name, "warc_revisit", f"revisit record in {file.name}")
                        continue
                    http = record.http_headers
                    if http is None or not (status_s := http.get_statuscode() or "").isdigit():
                        yield Quarantined(uri, source.name, "parse_error", f"response without HTTP headers in {file.name}")
                        continue
                    status = int(status_s)
                    if not 200 <= status < 300:
                        yield Quarantined(uri, source.name, f"http_{status}", f"archived status in {file.name}")
                        continue
                    media, charset = _media_type(http.get_header("Content-Type"))
                    if media and media not in HTML_TYPES and not media.startswith("text/"):
                        yield Quarantined(uri, source.name, "not_html", f"content-type {media}")
                        continue
                    body = record.content_stream().read(cap + 1)
                    if len(body) > cap:
                        yield Quarantined(uri, source.name, "too_large", f"payload over {cap} bytes")
                        continue
                    if (what := sniff_not_html(body[:2048])) or (
                        media not in HTML_TYPES and not _LOOKS_HTML.search(body[:8192])
                    ):
                        yield Quarantined(uri, source.name, "not_html", f"payload is {what or 'not HTML'}")
                        continue
                    headers = {k.lower(): v[:2000] for k, v in http.headers}
                    yield Page(
                        url=uri, source_name=source.name, body=body,
                        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
                        http_status=status, content_type=media, headers=headers,
                        final_url=uri, etag=headers.get("etag"), last_modified=headers.get("last-modified"),
                        charset=detect_charset(body, charset),
                    )
        except Exception as exc:  # a broken archive is quarantined, the others still read
            yield Quarantined(f"file://{file}", source.name, "parse_error", f"{type(exc).__name__}: {exc}"[:500])
