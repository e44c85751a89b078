"""DuckDB storage: the raw schema the pipeline writes and dbt reads, and idempotent batch loads.

Every table has a primary key built from stable ids, and every load is one transaction that
upserts by that key, so re-running anything adds no rows and a crash leaves the previous state.
Schema changes go through `MIGRATIONS` (append only), recorded in `raw.schema_migrations`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import polars as pl

RAW = "raw"

#: Column name -> DuckDB type, in table order. The first `KEYS[table]` columns form the primary key.
TABLES: dict[str, dict[str, str]] = {
    "pages": {
        "page_id": "VARCHAR",  # sha1 of the canonical URL, 16 hex chars: stable across runs
        "url": "VARCHAR",
        "source_name": "VARCHAR",
        "fetched_at": "TIMESTAMP",
        "http_status": "INTEGER",
        "content_type": "VARCHAR",
        "content_hash": "VARCHAR",  # sha256 of the body: a changed page gets re-extracted
        "html_zlib": "BLOB",  # the raw bytes, zlib-compressed: re-extract without re-fetching
        "feed_title": "VARCHAR",
        "feed_published": "DATE",
        "etag": "VARCHAR",  # validators for conditional GET (a 304 leaves the row as it is)
        "last_modified": "VARCHAR",
        "headers": "VARCHAR",  # response headers as JSON
        "final_url": "VARCHAR",  # after redirects
        "canonical_url": "VARCHAR",  # page_id = sha1(canonical_url)[:16]
        "charset": "VARCHAR",  # declared (HTTP header, <meta>) or detected: decode html_zlib with it
        "text_fingerprint": "VARCHAR",  # sha256 of the visible text: same story under two URLs, stored once
    },
    "articles": {
        "article_id": "VARCHAR",
        "page_id": "VARCHAR",
        "url": "VARCHAR",
        "source_name": "VARCHAR",
        "title": "VARCHAR",
        "published": "DATE",
        "author": "VARCHAR",
        "sitename": "VARCHAR",
        "language": "VARCHAR",
        "text": "VARCHAR",
        "text_hash": "VARCHAR",
        "content_hash": "VARCHAR",  # of the page this text came from
        "extractor_version": "VARCHAR",
        "extracted_at": "TIMESTAMP",
        "comments": "VARCHAR",  # reader comments trafilatura found, apart from the text: kept, never coded
    },
    "coded_mentions": {  # what the coder found, raw strings only; normalization fills event_mentions
        "mention_id": "VARCHAR",
        "article_id": "VARCHAR",
        "coder_version": "VARCHAR",
        "event_type": "VARCHAR",
        "sub_event_type": "VARCHAR",
        "trigger": "VARCHAR",
        "actor_raw": "VARCHAR",
        "associated_actor_raw": "VARCHAR",
        "target_raw": "VARCHAR",
        "location_raw": "VARCHAR",
        "event_date": "DATE",
        "date_precision": "INTEGER",
        "date_raw": "VARCHAR",
        "fatalities": "INTEGER",
        "injured": "INTEGER",
        "sentence_index": "INTEGER",
        "char_start": "INTEGER",
        "char_end": "INTEGER",
        "evidence": "VARCHAR",
        "confidence": "DOUBLE",
        "hedged": "BOOLEAN",
        "coded_at": "TIMESTAMP",
    },
    "coded_articles": {  # which article text was coded by which coder, and normalized by which dictionary
        "article_id": "VARCHAR",
        "text_hash": "VARCHAR",
        "coder_version": "VARCHAR",
        "coded_at": "TIMESTAMP",
        "events": "INTEGER",
        "rejected": "INTEGER",
        "dictionary_version": "VARCHAR",
        "normalized_at": "TIMESTAMP",
        # the countries, armed group and aircraft the text names (normalize.resolve.encode_countries), found
        # by the coder's own lexicon scan; normalize uses them while the dictionary is this version. NULL for
        # an article without events (nothing to place, so its text is not scanned)
        "countries": "VARCHAR",
        "countries_version": "VARCHAR",
    },
    "event_mentions": {
        "mention_id": "VARCHAR",
        "article_id": "VARCHAR",
        "coder_version": "VARCHAR",
        "event_type": "VARCHAR",
        "sub_event_type": "VARCHAR",
        "trigger": "VARCHAR",
        "actor_raw": "VARCHAR",
        "actor_id": "VARCHAR",
        "associated_actor_raw": "VARCHAR",
        "associated_actor_id": "VARCHAR",
        "target_raw": "VARCHAR",
        "target_id": "VARCHAR",
        "location_raw": "VARCHAR",
        "place_id": "VARCHAR",
        "geo_precision": "INTEGER",
        "event_date": "DATE",
        "date_precision": "INTEGER",
        "date_raw": "VARCHAR",
        "fatalities": "INTEGER",
        "injured": "INTEGER",
        "sentence_index": "INTEGER",
        "char_start": "INTEGER",
        "char_end": "INTEGER",
        "evidence": "VARCHAR",
        "confidence": "DOUBLE",
        "hedged": "BOOLEAN",
        "coded_at": "TIMESTAMP",
        "dictionary_version": "VARCHAR",
    },
    "rejected_candidates": {
        "candidate_id": "VARCHAR",
        "article_id": "VARCHAR",
        "coder_version": "VARCHAR",
        "sentence_index": "INTEGER",
        "char_start": "INTEGER",
        "char_end": "INTEGER",
        "trigger": "VARCHAR",
        "reason": "VARCHAR",
        "evidence": "VARCHAR",
    },
    "actors": {
        "actor_id": "VARCHAR",
        "name": "VARCHAR",
        "actor_type": "VARCHAR",  # ACLED-style: state_forces, rebel_group, ...
        "country_iso3": "VARCHAR",
        "parent_id": "VARCHAR",
        "dictionary_version": "VARCHAR",
    },
    "actor_alliances": {
        "actor_id": "VARCHAR",
        "alliance": "VARCHAR",
        "valid_from": "DATE",
        "valid_to": "DATE",  # exclusive; NULL = still in force
        "dictionary_version": "VARCHAR",
    },
    "places": {
        "place_id": "VARCHAR",  # "gn:<geonameid>", "adm1:<CC>.<code>", "cc:<ISO3>", "feat:<slug>"
        "geonameid": "BIGINT",
        "name": "VARCHAR",
        "feature_kind": "VARCHAR",  # populated_place | admin1 | country | feature
        "country_iso3": "VARCHAR",
        "admin1": "VARCHAR",
        "admin1_code": "VARCHAR",
        "latitude": "DOUBLE",
        "longitude": "DOUBLE",
        "population": "BIGINT",
    },
    "unresolved_mentions": {
        "kind": "VARCHAR",  # actor | place
        "raw_text": "VARCHAR",
        "article_id": "VARCHAR",
        "mentions": "INTEGER",
        "seen_at": "TIMESTAMP",
    },
    "quarantine": {
        "item_id": "VARCHAR",  # page_id, or sha1 of the URL/path when no page exists
        "stage": "VARCHAR",  # fetch | extract | code
        "source_name": "VARCHAR",
        "url": "VARCHAR",
        "reason": "VARCHAR",  # http_404, timeout, not_html, parse_error, empty_text, ...
        "detail": "VARCHAR",
        "first_seen": "TIMESTAMP",
        "last_seen": "TIMESTAMP",
    },
    "page_urls": {  # every URL a page was found under (variants, duplicates), with the page it maps to
        "url": "VARCHAR",
        "page_id": "VARCHAR",
        "source_name": "VARCHAR",
        "first_seen": "TIMESTAMP",
        "etag": "VARCHAR",  # this URL's own validators, for its next conditional GET
        "last_modified": "VARCHAR",
    },
}

KEYS: dict[str, tuple[str, ...]] = {
    "pages": ("page_id",),
    "articles": ("article_id",),
    "coded_mentions": ("mention_id",),
    "coded_articles": ("article_id",),
    "event_mentions": ("mention_id",),
    "rejected_candidates": ("candidate_id",),
    "actors": ("actor_id",),
    "actor_alliances": ("actor_id", "alliance", "valid_from"),
    "places": ("place_id",),
    "unresolved_mentions": ("kind", "raw_text", "article_id"),
    "quarantine": ("item_id", "stage"),
    "page_urls": ("url",),
}


def _create_table(table: str) -> str:
    cols = ",\n  ".join(f'"{c}" {t}' for c, t in TABLES[table].items())
    key = ", ".join(KEYS[table])
    return f"CREATE TABLE IF NOT EXISTS {RAW}.{table} (\n  {cols},\n  PRIMARY KEY ({key})\n)"


#: Append-only list of schema migrations; each runs once, in order, inside a transaction.
MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [f"CREATE SCHEMA IF NOT EXISTS {RAW}", *(_create_table(t) for t in TABLES)]),
    (2, [  # sources issue (#4): validators, headers, identity and encoding of pages; page_urls
        *(f'ALTER TABLE {RAW}.pages ADD COLUMN IF NOT EXISTS "{c}" VARCHAR' for c in (
            "etag", "last_modified", "headers", "final_url", "canonical_url", "charset", "text_fingerprint")),
        _create_table("page_urls"),
    ]),
    (8, [  # performance issue (#8): Parquet hand-off files already loaded (pipelines/handoff.py), by URL
        f"CREATE TABLE IF NOT EXISTS {RAW}.loaded_files (file_url VARCHAR PRIMARY KEY, stage VARCHAR, "
        "partition_key VARCHAR, table_name VARCHAR, row_count BIGINT, loaded_at TIMESTAMP)",
    ]),
    (9, [  # performance issue (#8): comments kept apart from the text; a change counter for skipping dbt
        f'ALTER TABLE {RAW}.articles ADD COLUMN IF NOT EXISTS "comments" VARCHAR',
        f"CREATE TABLE IF NOT EXISTS {RAW}.warehouse_state (id INTEGER PRIMARY KEY, change_seq BIGINT, "
        "changed_at TIMESTAMP)",
        f"INSERT OR IGNORE INTO {RAW}.warehouse_state VALUES (1, 1, current_timestamp)",
        f"CREATE TABLE IF NOT EXISTS {RAW}.dbt_builds (built_at TIMESTAMP PRIMARY KEY, change_seq BIGINT, "
        "build_key VARCHAR, command VARCHAR, seconds DOUBLE)",
    ]),
    (10, [  # performance issue (#8): the article's countries from the coder's scan, not a second one in normalize
        *(f'ALTER TABLE {RAW}.coded_articles ADD COLUMN IF NOT EXISTS "{c}" VARCHAR'
          for c in ("countries", "countries_version")),
    ]),
]


def polars_schema(table: str) -> dict[str, pl.DataType]:
    """The polars dtypes matching a table, for building empty or typed frames."""
    mapping = {
        "VARCHAR": pl.String, "TIMESTAMP": pl.Datetime("us"), "INTEGER": pl.Int32, "BIGINT": pl.Int64,
        "DATE": pl.Date, "DOUBLE": pl.Float64, "BOOLEAN": pl.Boolean, "BLOB": pl.Binary,
    }
    return {c: mapping[t] for c, t in TABLES[table].items()}


def conform(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Select and cast a frame to a table's columns (missing columns become NULL)."""
    schema = polars_schema(table)
    return df.select(
        [
            (pl.col(c) if c in df.columns else pl.lit(None)).cast(dtype).alias(c)
            for c, dtype in schema.items()
        ]
    )


@contextmanager
def connect(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse for the length of a `with` block (DuckDB allows one writer process)."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            migrate(conn)
        yield conn
    finally:
        conn.close()


def writer_settings(conn: duckdb.DuckDBPyConnection) -> None:
    """Settings of every writer connection (each opens through `migrate`).

    No row-group vacuum at checkpoints: the loaders append batches of ~1,000 rows, each its own row group, and
    DuckDB's vacuum merged neighbouring partial groups again and again -- every stored page rewritten at
    checkpoints 4, 8, 16... (a binary counter), so a checkpoint's cost doubled with the file: 1.0, 2.1, 4.4 s
    of CPU at 4,000, 8,000 and 16,000 real pages, and the file held twice the data (968 MB for 16,000 pages
    of ~30 KB compressed HTML; 511 MB without). Row groups wholly deleted (a page or article replaced) are
    still freed; only partly deleted ones keep their dead rows (tests/test_warehouse_load.py)."""
    with suppress(duckdb.CatalogException):  # a DuckDB without the setting vacuums as before
        conn.execute("SET max_vacuum_tasks = 0")


def migrate(conn: duckdb.DuckDBPyConnection) -> None:
    writer_settings(conn)
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {RAW}")
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {RAW}.schema_migrations "
        "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {r[0] for r in conn.sql(f"SELECT version FROM {RAW}.schema_migrations").fetchall()}
    for version, statements in MIGRATIONS:
        if version in done:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            for stmt in statements:
                conn.execute(stmt)
            conn.execute(f"INSERT INTO {RAW}.schema_migrations (version) VALUES ({version})")
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise


def _insert_or_replace(conn: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> None:
    """Rows replace those with the same key: a DELETE of the batch's keys, then a plain INSERT (in the
    caller's transaction). Not DuckDB's INSERT OR REPLACE: replacing 32 MB of stored pages with it ran out
    of memory under the one-pass ingest's 128 MB cap even in 2 MB statements, and one new-page statement
    of 19 MB failed too; DELETE + INSERT does both in one statement each, and was no slower on a
    1,000,000-row table (tests/test_warehouse_load.py)."""
    frame = conform(table, df).unique(subset=list(KEYS[table]), keep="last", maintain_order=True)
    if frame.is_empty():
        return
    cols = ", ".join(f'"{c}"' for c in TABLES[table])
    keys = ", ".join(f'"{k}"' for k in KEYS[table])
    target = keys if len(KEYS[table]) == 1 else f"({keys})"
    conn.register("_batch", frame)
    try:
        conn.execute(f"DELETE FROM {RAW}.{table} WHERE {target} IN (SELECT {keys} FROM _batch)")
        conn.execute(f"INSERT INTO {RAW}.{table} ({cols}) SELECT {cols} FROM _batch")
    finally:
        conn.unregister("_batch")


def upsert(conn: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> int:
    """Insert or replace rows by primary key, in one transaction. Returns the rows written."""
    return load_batch(conn, {table: df})


def load_batch(
    conn: duckdb.DuckDBPyConnection,
    frames: dict[str, pl.DataFrame],
    replace_for_articles: Iterable[str] = (),
) -> int:
    """Load several tables as one transaction.

    `replace_for_articles`: article ids whose rows in the article-keyed tables being loaded
    (`event_mentions`, `rejected_candidates`, `unresolved_mentions`) are deleted first, so that
    re-coding an article replaces its events instead of adding to them.
    """
    ids = pl.DataFrame({"article_id": list(replace_for_articles)}, schema={"article_id": pl.String})
    written = 0
    conn.execute("BEGIN TRANSACTION")
    try:
        if not ids.is_empty():
            conn.register("_ids", ids)
            for table in frames:
                if "article_id" in TABLES[table] and KEYS[table] != ("article_id",):
                    conn.execute(f"DELETE FROM {RAW}.{table} WHERE article_id IN (SELECT article_id FROM _ids)")
            conn.unregister("_ids")
        for table, df in frames.items():
            _insert_or_replace(conn, table, df)
            written += df.height
        if written or not ids.is_empty():
            mark_changed(conn)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return written


def mark_changed(conn: duckdb.DuckDBPyConnection) -> None:
    """Count a change of the raw tables (in the caller's transaction): the dbt step rebuilds the marts
    only when this counter moved since its last build (a refresh with nothing new skips dbt)."""
    conn.execute(f"UPDATE {RAW}.warehouse_state SET change_seq = change_seq + 1, changed_at = current_timestamp")


def change_seq(conn: duckdb.DuckDBPyConnection) -> int:
    rows = conn.sql(f"SELECT change_seq FROM {RAW}.warehouse_state").fetchall()
    return int(rows[0][0]) if rows else 0


def read_frame(conn: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> pl.DataFrame:
    """Run a query and fetch the whole result as polars (duckdb 2.x: only relations have .pl())."""
    return conn.sql(query, params=params).pl() if params else conn.sql(query).pl()


def row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: conn.sql(f"SELECT count(*) FROM {RAW}.{t}").fetchall()[0][0] for t in TABLES}
