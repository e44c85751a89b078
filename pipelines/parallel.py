"""All cores for the CPU stages: extraction (trafilatura) + coding of pages across a process pool.

The warehouse keeps a single writer -- the calling process; workers only compute. Work is cut in chunks
of `chunk_size` pages; at most `2 * workers` chunks are in flight, and results are loaded every
`batch_size` pages, so memory stays bounded whatever the number of pending pages (the pending list holds
page ids only; HTML is read from DuckDB chunk by chunk).

    extract_pending(conn, workers=None, ...)   raw.pages not yet extracted (new/changed/new extractor)
                                               -> raw.articles, raw.quarantine and, with code=True,
                                               raw.coded_mentions / rejected_candidates / coded_articles
    code_pending(conn, workers=None, ...)      raw.articles not yet coded by this coder version (after a
                                               rule or dictionary change: no re-fetch, no re-extraction)
    pending_counts(conn)                       how much work a refresh has, per stage (0s: nothing to do)
    map_pages(items, workers)                  the CPU stages alone, on in-memory pages (benchmarks)
    digest_and_process(payloads, now)          ingest's one pass (pipelines.assets.ingest): digest, extract
                                               and code pages from the bytes just read

Each worker process imports trafilatura and builds the coder once (pool initializer), and the pool uses
the `spawn` start method (forking a process that runs DuckDB/polars threads can deadlock).
Set the number of workers with `workers=` or env `CONFLICT_ETL_WORKERS` (default `os.cpu_count()`).
With `staging=` (a folder or fsspec URL, see `pipelines.handoff`) workers write Parquet partitions
instead of returning frames, and the caller loads them with `handoff.load_staged`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from datetime import datetime
from typing import Any

import polars as pl

WORKERS_ENV = "CONFLICT_ETL_WORKERS"
#: The frames one chunk produces, in load order.
OUTPUT_TABLES = ("articles", "quarantine", "coded_mentions", "rejected_candidates", "coded_articles")

#: (page_id, url, source_name, content_hash, html (zlib-compressed or raw bytes), feed_title, feed_published
#:  [, charset]) -- charset: what the fetcher learned (raw.pages.charset), optional
PageItem = tuple

_PENDING_PAGES = """
SELECT p.page_id FROM raw.pages p LEFT JOIN raw.articles a ON a.article_id = p.page_id
WHERE (? OR a.article_id IS NULL OR a.content_hash <> p.content_hash OR a.extractor_version <> ?) AND {scope}
ORDER BY p.page_id
"""
_PENDING_ARTICLES = """
SELECT a.article_id FROM raw.articles a LEFT JOIN raw.coded_articles c USING (article_id)
WHERE (? OR c.article_id IS NULL OR c.text_hash <> a.text_hash OR c.coder_version <> ?) AND {scope}
ORDER BY a.article_id
"""
_PENDING_NORMALIZE = """
SELECT count(*) FROM raw.coded_articles
WHERE dictionary_version IS DISTINCT FROM ? OR normalized_at IS NULL OR normalized_at < coded_at
"""


def _scope(scope, column: str) -> tuple[str, list, bool]:
    """(SQL condition, params, force) of a `pipelines.assets.common.Scope`-like object (None: everything,
    incremental). Anything with `.sql(column) -> (cond, params)` and `.force` works."""
    if scope is None:
        return "TRUE", [], False
    cond, params = scope.sql(column)
    return cond, list(params), bool(getattr(scope, "force", False))


def _auto_chunk(n: int, workers: int, chunk_size: int | None) -> int:
    """Small corpora: small chunks, so every worker gets work (at least 4 chunks per worker)."""
    return chunk_size or max(1, min(25, -(-n // (workers * 4))))


def default_workers() -> int:
    env = os.environ.get(WORKERS_ENV)
    return max(1, int(env)) if env else (os.cpu_count() or 1)


# --- in the worker ---------------------------------------------------------------------------------------

_CODER = None
WORKER_GC_THRESHOLD = 10_000


def _init_worker() -> None:
    """Once per worker process: import trafilatura, build the coder, load its lexicon/gazetteer."""
    global _CODER
    import trafilatura  # noqa: F401

    from .coding import default_coder
    from .coding.types import ArticleIn
    from .extract import extract_html
    from .normalize import reference

    reference.place_index()  # the gazetteer index the coder's place ranking joins on (disk-cached)
    _CODER = default_coder()
    _CODER.code(ArticleIn("warm-up", "Russian jets struck Deir ez-Zor on Monday, killing 3 people."))
    # one-off costs of the extractor (htmldate's month patterns, py3langid's model) paid here, once
    extract_html(_WARM_UP_PAGE)
    # What was built so far (lexicon automaton, gazetteer index, coder) lives as long as the worker: moved
    # out of the collector's reach, full collections stop walking it (~0.15 ms a page on news pages). The
    # youngest generation is collected every 10,000 net allocations instead of 700: a page's parse makes
    # tens of thousands of short-lived objects that refcounting frees anyway, and few cycles (~0.2-0.3 ms a
    # page less, chunks alternated in one process; memory: a few MB of cycles at most wait longer).
    gc.collect()
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


#: No date in the markup, so htmldate's whole markup search and the text-date parser are warmed too.
_WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head>"
    "<body><article><h1>Warm-up</h1><p>"
    + "Government forces shelled the town on Monday, residents said. " * 5
    + "</p><p>Published 6 January 2020.</p></article></body></html>"
)


def _coder():
    if _CODER is None:
        _init_worker()
    return _CODER


def process_pages(
    items: list[PageItem], code: bool = True, now: datetime | None = None, compressed: bool = True
) -> dict[str, pl.DataFrame]:
    """Extract (and code) a chunk of pages: the one per-page extraction used by the `articles` asset
    (pipelines.assets.stages, in-process) and by the process pool, plus `code_frame`.

    Returns frames for OUTPUT_TABLES (only those with rows, except that `coded_articles` is always there
    when code=True and something was extracted). Runs anywhere: in a pool worker or in-process."""
    from . import warehouse
    from .extract import EXTRACTOR_VERSION, extract_html, sha256
    from .sources.digest import decompress

    now = now or datetime.now()
    rows, bad = [], []
    for page_id, url, source, content_hash, blob, feed_title, feed_published, *extra in items:
        reason, detail, ex = None, "", None
        try:
            ex = extract_html(decompress(blob) if compressed else blob, url=url,
                              charset=extra[0] if extra else None, need_date=feed_published is None,
                              need_title=not feed_title)
            if ex is None:
                reason = "empty_text"
        except Exception as exc:  # a bad page never stops the run
            reason, detail = "parse_error", f"{type(exc).__name__}: {exc}"[:500]
        if ex is None:
            bad.append(
                {
                    "item_id": page_id,
                    "stage": "extract",
                    "source_name": source,
                    "url": url,
                    "reason": reason,
                    "detail": detail,
                    "first_seen": now,
                    "last_seen": now,
                }
            )
            continue
        rows.append(
            {
                "article_id": page_id,
                "page_id": page_id,
                "url": url,
                "source_name": source,
                "title": feed_title or ex.title,
                "published": feed_published or ex.published,
                "author": ex.author,
                "sitename": ex.sitename,
                "language": ex.language,
                "text": ex.text,
                "text_hash": sha256(ex.text),
                "content_hash": content_hash,
                "extractor_version": EXTRACTOR_VERSION,
                "extracted_at": now,
                "comments": ex.comments,
            }
        )
    out: dict[str, pl.DataFrame] = {}
    if rows:
        out["articles"] = pl.DataFrame(rows, schema=warehouse.polars_schema("articles"))
    if bad:
        out["quarantine"] = pl.DataFrame(bad, schema=warehouse.polars_schema("quarantine"))
    if code and rows:
        out.update(code_articles_frame(out["articles"], now))
    return out


def code_articles_frame(articles: pl.DataFrame, now: datetime | None = None) -> dict[str, pl.DataFrame]:
    """The `coded_mentions` asset's logic for one batch: coded_mentions, rejected_candidates, coded_articles."""
    from .normalize.lexicon import loaded_version
    from .normalize.resolve import encode_countries
    from .process import code_frame

    now = now or datetime.now()
    coder = _coder()
    result = code_frame(articles.select("article_id", "url", "title", "published", "text"), coder)
    ev = result.events.with_columns(pl.lit(now).alias("coded_at"))
    # counts per article in plain Python: a chunk is a few dozen articles, where polars' group-by + joins
    # cost more than the counting itself (~0.1 ms an article)
    n_events = Counter(result.events["article_id"].to_list())
    n_rejected = Counter(result.rejected["article_id"].to_list())
    ids = articles["article_id"].to_list()
    # the countries the text names, for normalize: from the lexicon scan the coder just did (cached), so
    # normalize does not scan every text a second time. Only articles with events: normalize places events,
    # and an article the prefilter turned away was never scanned by the coder (a scan of a whole page,
    # ~0.5-1 ms on a long one, most pages of a general news crawl). NULL = not scanned.
    countries = [encode_countries(t or "") if n_events[i] else None
                 for i, t in zip(ids, articles["text"].to_list(), strict=True)]
    version = loaded_version()
    per_article = pl.DataFrame(
        {
            "article_id": ids,
            "text_hash": articles["text_hash"],
            "events": [n_events[i] for i in ids],
            "rejected": [n_rejected[i] for i in ids],
            "coder_version": [coder.version] * len(ids),
            "coded_at": [now] * len(ids),
            "countries": countries,
            "countries_version": [version if c is not None else None for c in countries],
        },
        schema={"article_id": pl.String, "text_hash": pl.String, "events": pl.Int32, "rejected": pl.Int32,
                "coder_version": pl.String, "coded_at": pl.Datetime("us"), "countries": pl.String,
                "countries_version": pl.String},
    )
    return {"coded_mentions": ev, "rejected_candidates": result.rejected, "coded_articles": per_article}


def process_raw(payloads: list[tuple], now: datetime) -> dict[str, pl.DataFrame]:
    """`process_pages` (extract + code) over ingest's payloads: (body, page_id, url, source_name,
    content_hash, feed_title, feed_published, charset), the raw bytes as read."""
    items = [(pid, url, src, h, body, title, published, charset)
             for body, pid, url, src, h, title, published, charset in payloads]
    return process_pages(items, code=True, now=now, compressed=False)


def digest_and_process(payloads: list[tuple], now: datetime) -> list[tuple]:
    """Ingest's one pass over new pages (`pipelines.assets.ingest`): per page its digest (visible-text
    fingerprint, compressed form), and the chunk extracted and coded from the same bytes -- no second read
    from the warehouse, no decompress. One (fingerprint, compressed, frames) per payload: the chunk's frames
    ride on the first, None on the others."""
    from .sources.digest import digest_page

    out: list[tuple] = [(*digest_page(p[0]), None) for p in payloads]
    if out:
        out[0] = (*out[0][:2], process_raw(payloads, now))
    return out


def _chunk_job(
    items: list[PageItem],
    code: bool,
    now: datetime,
    compressed: bool,
    staging: str | None,
    partition: str | None,
) -> dict[str, pl.DataFrame] | list[str]:
    frames = process_pages(items, code=code, now=now, compressed=compressed)
    if staging is None:
        return frames
    from . import handoff

    return handoff.write_partition(frames, partition or items[0][0], stage="extract", root=staging)


def _code_job(articles: pl.DataFrame, now: datetime) -> dict[str, pl.DataFrame]:
    return code_articles_frame(articles, now)


# --- in the parent ---------------------------------------------------------------------------------------


#: Below this many pending items a run works in its own process: starting workers (imports, coder,
#: gazetteer: ~2 s on 2 cores) costs more than a second core saves on a small batch.
MIN_ITEMS_ENV = "CONFLICT_ETL_PARALLEL_MIN_PAGES"
DEFAULT_MIN_ITEMS = 64


class InlineExecutor(Executor):
    """Runs each job when submitted, in this process: the pool's code path on one core (small batches,
    and processes that may not start children, such as Celery's prefork workers)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        fut: Future = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the caller's .result() raises it, as with a pool
            fut.set_exception(exc)
        return fut


def release_freed_memory() -> None:
    """Give freed heap pages back to the OS (glibc `malloc_trim`). A long single-writer loop allocates and
    frees many page-sized buffers across threads; without it RSS keeps the high-water mark of every arena."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def can_start_workers() -> bool:
    """False inside a daemonic process (multiprocessing or billiard, Celery's pool), which may not have
    children of its own."""
    if multiprocessing.current_process().daemon:
        return False
    billiard = sys.modules.get("billiard.process")
    return not (billiard is not None and billiard.current_process().daemon)


def choose_executor(n_items: int, workers: int | None = None) -> tuple[Executor, int]:
    """(executor, workers) for a batch of `n_items`: a process pool when it pays, else in-process."""
    workers = workers or default_workers()
    min_items = int(os.environ.get(MIN_ITEMS_ENV) or DEFAULT_MIN_ITEMS)
    if workers <= 1 or n_items < min_items or not can_start_workers():
        return InlineExecutor(), 1
    return make_pool(workers), workers


def make_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A spawn-based pool whose workers have trafilatura and the coder loaded."""
    return ProcessPoolExecutor(
        max_workers=workers or default_workers(),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
    )


def imap_bounded(pool: Executor, fn: Callable[..., Any], jobs: Iterable[tuple], window: int) -> Iterator[Any]:
    """pool.map with at most `window` jobs in flight (bounded memory), results in submission order."""
    inflight: deque[Future] = deque()
    for args in jobs:
        inflight.append(pool.submit(fn, *args))
        if len(inflight) >= window:
            yield inflight.popleft().result()
    while inflight:
        yield inflight.popleft().result()


def _chunks(seq: list, size: int) -> Iterator[list]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _concat(parts: list[dict[str, pl.DataFrame]]) -> dict[str, pl.DataFrame]:
    out = {}
    for t in OUTPUT_TABLES:
        frames = [p[t] for p in parts if t in p]
        if frames:
            out[t] = pl.concat(frames, how="vertical_relaxed")
    return out


def _load(conn, frames: dict[str, pl.DataFrame]) -> None:
    from . import warehouse

    if not frames:
        return
    coded = frames["coded_articles"]["article_id"].to_list() if "coded_articles" in frames else []
    if "coded_articles" in frames:  # the article-keyed tables are always named, so old rows are replaced
        frames.setdefault("coded_mentions", pl.DataFrame(schema=warehouse.polars_schema("coded_mentions")))
        frames.setdefault(
            "rejected_candidates", pl.DataFrame(schema=warehouse.polars_schema("rejected_candidates"))
        )
    warehouse.load_batch(conn, frames, replace_for_articles=coded)


#: Pending rows are read from DuckDB this many at a time (then cut into chunks for the workers): one
#: join over raw.pages per block instead of one per 25-page chunk. ~10-40 MB of compressed HTML.
READ_BLOCK = 1000


def _read_blocks(conn, query: str, ids: list[str], chunk_size: int) -> Iterator[list[tuple]]:
    for block in _chunks(ids, max(chunk_size, READ_BLOCK)):
        yield _rows_for(conn, query, block)


def _rows_for(conn, query: str, ids: list[str]) -> list[tuple]:
    conn.register("_chunk_ids", pl.DataFrame({"id": ids}, schema={"id": pl.String}))
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.unregister("_chunk_ids")


def extract_pending(
    conn,
    *,
    scope=None,
    workers: int | None = None,
    chunk_size: int | None = None,
    batch_size: int = 1000,
    code: bool = True,
    staging: str | None = None,
    pool: Executor | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Extract (and code) every page of raw.pages that needs it, across a process pool; load from here.

    `conn`: a read-write DuckDB connection (migrated). Returns counts: pages, extracted, quarantined,
    coded, mentions, rejected. With `staging`, workers write Parquet partitions under it and this
    process loads them (pipelines.handoff.load_partition) as they arrive. `scope`: the assets' `Scope`
    (publication dates, force); None = every page, incremental."""
    from .extract import EXTRACTOR_VERSION

    cond, params, force = _scope(scope, "coalesce(a.published, p.feed_published)")
    ids = [
        r[0]
        for r in conn.execute(
            _PENDING_PAGES.format(scope=cond), [force, EXTRACTOR_VERSION, *params]
        ).fetchall()
    ]
    stats = dict.fromkeys(("pages", "extracted", "quarantined", "coded", "mentions", "rejected"), 0)
    stats["pages"] = len(ids)
    stats["workers"] = 0
    if not ids:
        return stats
    now = datetime.now()
    query = (
        "SELECT p.page_id, p.url, p.source_name, p.content_hash, p.html_zlib, p.feed_title, p.feed_published, "
        "p.charset FROM raw.pages p JOIN _chunk_ids c ON c.id = p.page_id ORDER BY p.page_id"
    )
    own = pool is None
    if own:
        pool, workers = choose_executor(len(ids), workers)
    workers = workers or default_workers()
    stats["workers"] = workers
    chunk_size = _auto_chunk(len(ids), workers, chunk_size)

    def jobs() -> Iterator[tuple]:
        i = 0
        for rows in _read_blocks(conn, query, ids, chunk_size):
            for chunk in _chunks(rows, chunk_size):
                yield (chunk, code, now, True, staging, f"{now:%Y%m%dT%H%M%S}-{i:06d}")
                i += 1

    try:
        parts: list[dict[str, pl.DataFrame]] = []
        n = 0
        for res in imap_bounded(pool, _chunk_job, jobs(), window=2 * workers):
            if staging is not None:
                from . import handoff

                if res:  # the partition this chunk wrote: load it now (idempotent, recorded)
                    _count(stats, handoff.load_partition(conn, res[0].rsplit("/", 1)[0]))
                continue
            parts.append(res)
            n += sum(f.height for k, f in res.items() if k in ("articles", "quarantine"))
            if n >= batch_size:
                _count(stats, _flush(conn, parts))
                parts, n = [], 0
        _count(stats, _flush(conn, parts))
    finally:
        if own:
            pool.shutdown()
    if log:
        log(
            f"extracted {stats['extracted']} of {stats['pages']} pages with {workers} workers "
            f"({stats['quarantined']} quarantined, {stats['mentions']} mentions)"
        )
    return stats


def _flush(conn, parts: list[dict[str, pl.DataFrame]]) -> dict[str, int]:
    frames = _concat(parts)
    _load(conn, frames)
    return {t: f.height for t, f in frames.items()}


def _count(stats: dict[str, int], heights: dict[str, int]) -> None:
    stats["extracted"] += heights.get("articles", 0)
    stats["quarantined"] += heights.get("quarantine", 0)
    stats["coded"] += heights.get("coded_articles", 0)
    stats["mentions"] += heights.get("coded_mentions", 0)
    stats["rejected"] += heights.get("rejected_candidates", 0)


def code_pending(
    conn,
    *,
    scope=None,
    workers: int | None = None,
    chunk_size: int | None = None,
    batch_size: int = 500,
    pool: Executor | None = None,
) -> dict[str, int]:
    """Code every article whose text or coder version changed (a rule/dictionary change re-codes from
    raw.articles: nothing is fetched or extracted again). Same pool and single-writer pattern."""
    from . import warehouse
    from .coding.rules import RuleCoder

    VERSION = RuleCoder.version  # noqa: N806  (the class's: the parent builds no coder of its own)
    cond, params, force = _scope(scope, "a.published")
    ids = [
        r[0] for r in conn.execute(_PENDING_ARTICLES.format(scope=cond), [force, VERSION, *params]).fetchall()
    ]
    stats = dict.fromkeys(("pages", "extracted", "quarantined", "coded", "mentions", "rejected"), 0)
    if not ids:
        return stats
    now = datetime.now()
    query = "SELECT a.* FROM raw.articles a JOIN _chunk_ids c ON c.id = a.article_id ORDER BY a.article_id"
    own = pool is None
    if own:
        pool, workers = choose_executor(len(ids), workers)
    workers = workers or default_workers()
    chunk_size = chunk_size or max(1, min(100, -(-len(ids) // (workers * 4))))
    schema = warehouse.polars_schema("articles")

    def jobs() -> Iterator[tuple]:
        for rows in _read_blocks(conn, query, ids, chunk_size):
            for chunk in _chunks(rows, chunk_size):
                yield (pl.DataFrame(chunk, schema=schema, orient="row"), now)

    try:
        parts: list[dict[str, pl.DataFrame]] = []
        n = 0
        for res in imap_bounded(pool, _code_job, jobs(), window=2 * workers):
            parts.append(res)
            n += res["coded_articles"].height
            if n >= batch_size:
                _count(stats, _flush(conn, parts))
                parts, n = [], 0
        _count(stats, _flush(conn, parts))
    finally:
        if own:
            pool.shutdown()
    return stats


def pending_counts(conn) -> dict[str, int]:
    """Work a refresh would do after ingest: pages to extract, articles to code, articles to normalize."""
    from .coding.rules import RuleCoder
    from .extract import EXTRACTOR_VERSION
    from .normalize import dictionary_version

    VERSION = RuleCoder.version  # noqa: N806  (the class's: no coder is built just to ask)

    return {
        "extract": conn.execute(
            f"SELECT count(*) FROM ({_PENDING_PAGES.format(scope='TRUE')})", [False, EXTRACTOR_VERSION]
        ).fetchall()[0][0],
        "code": conn.execute(
            f"SELECT count(*) FROM ({_PENDING_ARTICLES.format(scope='TRUE')})", [False, VERSION]
        ).fetchall()[0][0],
        "normalize": conn.execute(_PENDING_NORMALIZE, [dictionary_version()]).fetchall()[0][0],
    }


def map_pages(
    items: Iterable[PageItem],
    workers: int | None = None,
    chunk_size: int = 25,
    code: bool = True,
    compressed: bool = False,
    pool: Executor | None = None,
) -> Iterator[dict[str, pl.DataFrame]]:
    """The CPU stages alone over pages given in memory (no warehouse): one result per chunk, in order."""
    workers = workers or default_workers()
    own = pool is None
    pool = pool or make_pool(workers)
    now = datetime.now()

    def jobs() -> Iterator[tuple]:
        chunk: list[PageItem] = []
        for it in items:
            chunk.append(it)
            if len(chunk) >= chunk_size:
                yield (chunk, code, now, compressed, None, None)
                chunk = []
        if chunk:
            yield (chunk, code, now, compressed, None, None)

    try:
        yield from imap_bounded(pool, _chunk_job, jobs(), window=2 * workers)
    finally:
        if own:
            pool.shutdown()
