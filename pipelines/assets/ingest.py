"""ingest: every source in the sources file -> raw.pages (new or changed bytes only) or quarantine.

Identity: page_id = stable_id(canonical URL) (courlan normalization, no tracking parameters,
fragments, `www.` or AMP variants; the page's own same-site `<link rel=canonical>` wins). Every URL
a page was seen under goes to raw.page_urls. A page whose bytes (or visible text) equal a stored
page's under another id is not stored again, only linked. Conditional GET: the validators
(ETag/Last-Modified) of stored pages go with each request; a 304 stores nothing.

One pass: with a worker pool, new pages are also extracted and coded by the workers from the bytes just
read, and loaded once stored (`_PageWorkers`, `_Extracted`); the `articles` step does what is left.
"""


import contextlib
import json
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack
from datetime import datetime
from typing import Any

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from .. import parallel, warehouse
from ..extract import sha256
from ..parallel import InlineExecutor, can_start_workers, default_workers, release_freed_memory
from ..resources import DUCKDB_POOL, PipelineSettings, open_warehouse
from ..sources import (
    NotModified,
    Page,
    Quarantined,
    SourceState,
    Validators,
    canonicalize,
    iter_source,
    load_sources_file,
    normalize,
    page_identity,
    stable_id,
)
from ..sources.digest import CHUNK, compress, digest_payloads, prefetch, text_fingerprint
from ..sources.fetch import Fetcher, detect_charset

#: Flush a batch when its compressed HTML reaches this, whatever the row count: bounded memory.
_MAX_BATCH_BYTES = 32_000_000


def load_state(conn) -> dict:
    pages = conn.sql(
        "SELECT page_id, content_hash, url, text_fingerprint, canonical_url, etag, last_modified FROM raw.pages"
    ).fetchall()
    known = {pid: (h, url) for pid, h, url, *_ in pages}
    by_hash = {h: pid for pid, h, *_ in pages if h}
    by_fp = {fp: pid for pid, _h, _u, fp, *_ in pages if fp}
    validators: dict[str, Validators] = {}
    page_validators = {pid: Validators(pid, etag, lm) for pid, _h, _u, _fp, _c, etag, lm in pages if etag or lm}
    for pid, _h, url, _fp, canon, *_ in pages:
        if (v := page_validators.get(pid)) is not None:
            validators[canon or canonicalize(url)] = v
    urls = conn.sql("SELECT url, page_id, first_seen, etag, last_modified FROM raw.page_urls").fetchall()
    for url, pid, _first, etag, lm in urls:
        if etag or lm:  # the URL's own validators first: a variant URL has its own ETag
            validators[url] = Validators(pid, etag, lm)
        elif (v := page_validators.get(pid)) is not None:
            validators.setdefault(canonicalize(url), v)
    quarantined = dict(conn.sql("SELECT item_id, first_seen FROM raw.quarantine WHERE stage = 'fetch'").fetchall())
    return {"known": known, "by_hash": by_hash, "by_fp": by_fp, "validators": validators,
            "known_urls": {u: (pid, first, etag, lm) for u, pid, first, etag, lm in urls},
            "quarantined": quarantined}


@dg.asset(
    group_name="ingest",
    kinds={"python", "duckdb"},
    pool=DUCKDB_POOL,
    # The only network step: retried as a whole on an unexpected error (per-URL failures are quarantined).
    retry_policy=dg.RetryPolicy(max_retries=2, delay=30, backoff=dg.Backoff.EXPONENTIAL),
    description="Raw HTML of every page the configured sources yield (folder, feed, sitemap, urls, warc), "
    "zlib-compressed, with fetch status, headers, validators and feed metadata; raw.page_urls maps every "
    "URL seen to its page. Unchanged pages (304 or same content hash) are skipped; failures go to "
    "raw.quarantine with a reason.",
)
def raw_pages(context: dg.AssetExecutionContext, duckdb: DuckDBResource, settings: PipelineSettings):
    sources = load_sources_file(settings.sources_file)
    now = datetime.now()
    counts = Counter({k: 0 for k in ("new", "changed", "unchanged", "not_modified", "duplicate", "variant",
                                     "quarantined")})
    reasons: Counter[str] = Counter()
    with open_warehouse(duckdb) as conn, Fetcher(sources.fetch) as fetcher, ExitStack() as stack:
        st = load_state(conn)
        known, by_hash, by_fp, known_urls, q_first = (st["known"], st["by_hash"], st["by_fp"], st["known_urls"],
                                                      st["quarantined"])
        state = SourceState(validators=st["validators"], fetcher=fetcher)
        pages: list[dict] = []
        links: list[dict] = []
        quarantined: list[dict] = []
        to_clear: set[str] = set()
        batch_bytes = 0
        workers = stack.enter_context(_PageWorkers(extract=extract_here(settings), now=now))
        loader = stack.enter_context(_Loader())
        eager = _Extracted()
        if workers.extract and (cap := os.environ.get(ONE_PASS_DUCKDB_MEMORY_ENV, "128MB")):
            conn.execute(f"SET memory_limit = '{cap}'")  # room for the extraction workers (bounded memory)

        def flush(final: bool = False) -> None:
            nonlocal batch_bytes
            frames = {}
            if pages:
                frames["pages"] = pl.DataFrame(pages, schema=warehouse.polars_schema("pages"))
            if links:
                frames["page_urls"] = pl.DataFrame(links, schema=warehouse.polars_schema("page_urls"))
            if quarantined:
                frames["quarantine"] = pl.DataFrame(quarantined, schema=warehouse.polars_schema("quarantine"))
            cleared = sorted(to_clear)  # fetched now: an earlier failure of the same URL is history
            extracted = eager.take(workers.side_results(wait=final), final, keep=workers.early_ids)
            pages.clear(), links.clear(), quarantined.clear(), to_clear.clear()
            batch_bytes = 0
            loader.submit(_write_batch, conn, frames, cleared, extracted)
            if final:
                loader.wait()

        def link(urls: list[str], page_id: str, source_name: str, etag: str | None = None,
                 last_modified: str | None = None) -> None:
            """Map URLs to a page; the first URL (the one fetched) records its validators."""
            for i, u in enumerate(urls):
                validators = (etag, last_modified) if i == 0 and (etag or last_modified) else None
                prev = known_urls.get(u)
                if prev is None or prev[0] != page_id or (validators and validators != prev[2:]):
                    kept = validators or (prev[2:] if prev and prev[0] == page_id else (None, None))
                    first = prev[1] if prev else now
                    known_urls[u] = (page_id, first, *kept)
                    links.append({"url": u, "page_id": page_id, "source_name": source_name,
                                  "first_seen": first, "etag": kept[0], "last_modified": kept[1]})
                if q_first and (qid := stable_id(canonicalize(u))) in q_first:
                    to_clear.add(qid)
                    del q_first[qid]

        def prepare(item) -> tuple[tuple | None, tuple | None]:
            """A page's identity and digest; when it will probably be stored (not known unchanged), what the
            workers need to compute its fingerprint and compressed form ahead (and extract and code it)."""
            if not isinstance(item, Page):
                return None, None
            canon, self_canonical = page_identity(item.url, item.body, item.final_url)
            page_id, digest = stable_id(canon), sha256(item.body)
            prev = known.get(page_id)
            if prev and prev[0] == digest:  # known unchanged: never stored, no charset needed
                return (canon, self_canonical, page_id, digest, None), None
            charset = item.charset or detect_charset(item.body)
            eager.sent[page_id] += 1
            return (canon, self_canonical, page_id, digest, charset), (
                item.body, page_id, normalize(item.url), item.source_name, digest, item.feed_title,
                item.feed_published, charset)

        for source in sources.sources:
            for item, info, digested in prefetch(iter_source(source, sources.fetch, state), prepare,
                                                 workers.submit):
                if isinstance(item, Quarantined):
                    counts["quarantined"] += 1
                    reasons[item.reason] += 1
                    item_id = stable_id(canonicalize(item.url))
                    quarantined.append(
                        {"item_id": item_id, "stage": "fetch", "source_name": item.source_name,
                         "url": item.url, "reason": item.reason, "detail": item.detail,
                         "first_seen": q_first.get(item_id, now), "last_seen": now}
                    )
                elif isinstance(item, NotModified):
                    counts["not_modified"] += 1
                    if item.page_id:
                        link(_urls(item.url, None, item.aliases), item.page_id, item.source_name)
                else:
                    assert isinstance(item, Page)
                    canon, self_canonical, page_id, digest, charset = info
                    eager.decided.add(page_id)
                    url = normalize(item.url)
                    urls = _urls(item.url, item.final_url, item.aliases)
                    prev = known.get(page_id)
                    if prev is not None and prev[0] == digest:
                        counts["unchanged"] += 1
                        link(urls, page_id, item.source_name, item.etag, item.last_modified)
                        continue
                    if prev is not None and not (url == prev[1] or self_canonical):
                        counts["variant"] += 1  # another URL of a stored page (AMP, print...): link only
                        link(urls, page_id, item.source_name, item.etag, item.last_modified)
                        continue
                    fingerprint, html, *extracted = digested or (text_fingerprint(item.body), None)
                    if extracted and extracted[0]:
                        eager.frames.append(extracted[0])
                    if prev is None:
                        same = by_hash.get(digest) or (fingerprint and by_fp.get(fingerprint))
                        if same:
                            counts["duplicate"] += 1  # same story under another URL: stored once
                            link(urls, same, item.source_name, item.etag, item.last_modified)
                            continue
                    counts["changed" if prev is not None else "new"] += 1
                    known[page_id] = (digest, url)
                    eager.stored.add(page_id)
                    by_hash[digest] = page_id
                    if fingerprint:
                        by_fp[fingerprint] = page_id
                    html = html if html is not None else compress(item.body)
                    batch_bytes += len(html)
                    pages.append(
                        {"page_id": page_id, "url": url, "source_name": item.source_name,
                         "fetched_at": item.fetched_at, "http_status": item.http_status,
                         "content_type": item.content_type, "content_hash": digest,
                         "html_zlib": html, "feed_title": item.feed_title,
                         "feed_published": item.feed_published, "etag": item.etag,
                         "last_modified": item.last_modified,
                         "headers": json.dumps(item.headers, sort_keys=True) if item.headers else None,
                         "final_url": item.final_url, "canonical_url": canon,
                         "charset": charset,
                         "text_fingerprint": fingerprint}
                    )
                    link(urls if canon in urls else [*urls, canon], page_id, item.source_name, item.etag,
                         item.last_modified)
                if len(pages) + len(quarantined) >= settings.batch_size or batch_bytes >= _MAX_BATCH_BYTES:
                    flush()
        flush(final=True)
        total = conn.sql("SELECT count(*) FROM raw.pages").fetchall()[0][0]
        stats = fetcher.stats
    context.log.info(f"pages: {dict(counts)}; quarantined by reason: {dict(reasons)}; "
                     f"HTTP requests {stats.requests} (304: {stats.not_modified}, retries: {stats.retries}); "
                     f"extracted and coded in this pass: {dict(eager.counts)}")
    return dg.MaterializeResult(
        metadata={**{f"pages_{k}": v for k, v in counts.items()}, "dagster/row_count": total,
                  **{f"{k}_at_ingest": eager.counts[k] for k in ("extracted", "quarantined", "coded", "mentions")},
                  "sources": len(sources.sources), "http_requests": stats.requests,
                  "http_not_modified": stats.not_modified, "http_retries": stats.retries,
                  "http_bytes": stats.bytes, "quarantined_by_reason": json.dumps(dict(sorted(reasons.items())))}
    )


#: Pages digested in this process before workers start: a small ingest never pays for starting them.
DIGEST_INLINE_PAGES = 64
#: The writer's DuckDB cache during a one-pass ingest: appends need little, and the step also holds the
#: extraction workers (~300 MB each). Empty: the connection's own limit (CONFLICT_ETL_DUCKDB_MEMORY).
ONE_PASS_DUCKDB_MEMORY_ENV = "CONFLICT_ETL_ONE_PASS_DUCKDB_MEMORY"


def extract_here(settings: PipelineSettings) -> bool:
    """Extract and code new pages in ingest's own pass (one read of each page, no HTML read back from the
    warehouse) -- unless switched off or the settings bound the publication dates (extraction then keeps
    to that window, in the `articles` step)."""
    return settings.extract_at_ingest and not settings.published_from and not settings.published_to


class _PageWorkers:
    """`submit(payloads)` for `prefetch`: in this process for the first DIGEST_INLINE_PAGES pages (digests
    only), then in a spawned pool when this process may start children. With `extract`, the pool is the
    extraction pool (`parallel.make_pool`): its workers digest, extract and code each chunk in one pass
    (`parallel.digest_and_process`), and the pages digested here before it started are sent to it for
    extraction (`side_results`). Without, light workers that only digest (pipelines.sources.digest)."""

    def __init__(self, extract: bool, now: datetime) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.inline = 0
        self.workers = default_workers()
        self.here = InlineExecutor()
        self.extract, self.now = extract and self.workers > 1 and can_start_workers(), now
        self.early: list[tuple] = []  # payloads digested here, to extract once the pool runs
        self.early_ids: set[str] = set()  # their pages (results arrive after the pages are decided)
        self.side: list[Future] = []  # their extraction jobs

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, payloads: list[tuple]) -> Future:
        if self.pool is None and (self.inline < DIGEST_INLINE_PAGES or self.workers <= 1
                                  or not can_start_workers()):
            self.inline += len(payloads)
            if self.extract and self.inline <= DIGEST_INLINE_PAGES:
                self.early += payloads
                self.early_ids.update(p[1] for p in payloads)
            return self.here.submit(digest_payloads, payloads)
        try:
            if self.pool is None:
                self._start()
            if self.extract:
                return self.pool.submit(parallel.digest_and_process, payloads, self.now)
            return self.pool.submit(digest_payloads, payloads)
        except Exception as exc:  # a broken pool: prefetch gets None and the page is digested here
            fut: Future = Future()
            fut.set_exception(exc)
            return fut

    def _start(self) -> None:
        if self.extract:
            self.pool = parallel.make_pool(self.workers)
            for i in range(0, len(self.early), CHUNK):
                self.side.append(self.pool.submit(parallel.process_raw, self.early[i : i + CHUNK], self.now))
        else:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        self.early = []

    def side_results(self, wait: bool = False) -> list[dict[str, pl.DataFrame]]:
        """Frames of the early pages' extraction jobs that are done (all of them with `wait`). A failed job
        leaves its pages to the `articles` step."""
        out, pending = [], []
        for f in self.side:
            if not (wait or f.done()):
                pending.append(f)
                continue
            with contextlib.suppress(Exception):
                out.append(f.result())
        self.side = pending
        return out


class _Extracted:
    """Extraction and coding results that came back with ingest's digests, loaded (`parallel._load`, as the
    `articles` step loads them) once their pages are stored. A page sent twice in one run (two versions),
    or not stored (a duplicate or variant), keeps no result: the `articles` step extracts what is pending."""

    def __init__(self) -> None:
        self.frames: list[dict[str, pl.DataFrame]] = []
        self.sent: Counter[str] = Counter()
        self.decided: set[str] = set()
        self.stored: set[str] = set()
        self.counts: Counter[str] = Counter()

    def take(self, more: list[dict[str, pl.DataFrame]], final: bool,
             keep: set[str] | frozenset[str] = frozenset()) -> dict[str, pl.DataFrame]:
        """The results of pages stored once, to load now (`parallel._load`); those of pages not reached yet
        are kept (`final`: dropped). `keep`: pages whose results may still arrive after their decision
        (digested before the pool started)."""
        self.frames += more
        if not self.frames:
            return {}
        load_ids = [i for i in self.stored if self.sent[i] == 1]
        decided = list(self.decided)
        now, later = {}, {}
        for table, frame in parallel._concat(self.frames).items():
            page = pl.col("item_id" if table == "quarantine" else "article_id")
            if (ready := frame.filter(page.is_in(load_ids))).height:
                now[table] = ready
            if not final and (wait := frame.filter(~page.is_in(decided))).height:
                later[table] = wait
        self.frames = [later] if later else []
        # Every row of a decided page is loaded or dropped now, and a page sent again is dropped by `sent`:
        # forget the decisions (memory stays flat), except those whose results come later.
        self.decided &= keep
        self.stored &= keep
        for key, table in (("extracted", "articles"), ("quarantined", "quarantine"),
                           ("coded", "coded_articles"), ("mentions", "coded_mentions")):
            self.counts[key] += now[table].height if table in now else 0
        return now


def _write_batch(conn, frames: dict[str, pl.DataFrame], cleared: list[str],
                 extracted: dict[str, pl.DataFrame]) -> None:
    """One flush of ingest, in the loader thread: the pages, URLs and quarantine rows read, then the
    extraction and coding results of those pages."""
    if frames:
        warehouse.load_batch(conn, frames)
    if cleared:
        conn.register("_cleared", pl.DataFrame({"item_id": cleared}, schema={"item_id": pl.String}))
        conn.execute("BEGIN TRANSACTION")
        conn.execute("DELETE FROM raw.quarantine WHERE stage = 'fetch' AND item_id IN "
                     "(SELECT item_id FROM _cleared)")
        warehouse.mark_changed(conn)
        conn.execute("COMMIT")
        conn.unregister("_cleared")
    if extracted:
        parallel._load(conn, extracted)
    release_freed_memory()


class _Loader:
    """The single writer's DuckDB work on one background thread, one batch at a time. While a batch loads
    (and DuckDB checkpoints, which takes longer as the file grows), the reading loop keeps feeding the
    workers instead of leaving them idle. One batch in flight at most: memory stays bounded, and an error
    of a load is raised at the next flush."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="warehouse-loader")
        self._pending: Future | None = None

    def submit(self, fn: Callable[..., None], *args: Any) -> None:
        self.wait()
        self._pending = self._pool.submit(fn, *args)

    def wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def __enter__(self) -> "_Loader":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        try:
            if exc_type is None:
                self.wait()
            elif self._pending is not None:
                with contextlib.suppress(Exception):
                    self._pending.result()  # never leave a load running on a connection about to close
        finally:
            self._pool.shutdown(wait=True)


def _urls(url: str, final_url: str | None, aliases: list[str]) -> list[str]:
    out: list[str] = []
    for u in (url, final_url, *aliases):
        if u and (n := normalize(u)) not in out:
            out.append(n)
    return out
