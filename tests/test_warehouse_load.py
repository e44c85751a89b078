"""Loading big pages under the one-pass ingest's DuckDB memory cap (128 MB): 660 real pages (19 MB
compressed) once failed ingest with DuckDB's Out of Memory error, in INSERT OR REPLACE. `warehouse`
replaces rows with DELETE + INSERT instead."""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import polars as pl

from pipelines import warehouse


def _pages(n: int, size: int, seed: int) -> pl.DataFrame:
    rnd = random.Random(seed)  # incompressible, like zlib output
    return pl.DataFrame(
        [{"page_id": f"{i:016x}", "url": f"https://example.org/{i}", "source_name": "big", "content_hash": f"{seed}-{i}",
          "html_zlib": rnd.randbytes(size)} for i in range(n)],
        schema=warehouse.polars_schema("pages"),
    )


def test_a_32_mb_batch_loads_and_replaces_under_128_mb(tmp_path: Path) -> None:
    conn = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    warehouse.migrate(conn)
    conn.execute("SET memory_limit = '128MB'")
    warehouse.load_batch(conn, {"pages": _pages(400, 80_000, 1)})  # 32 MB in one transaction
    warehouse.load_batch(conn, {"pages": _pages(400, 80_000, 2)})  # the same ids again: replaced
    assert conn.sql("SELECT count(*), min(content_hash) FROM raw.pages").fetchall() == [(400, "2-0")]
    warehouse.load_batch(conn, {"pages": pl.concat([_pages(200, 80_000, 3), _pages(600, 80_000, 4).slice(200)])})
    assert conn.sql("SELECT count(*), min(content_hash), max(content_hash) FROM raw.pages").fetchall() == [
        (600, "3-0", "4-599")]  # 200 replaced, 200 replaced, 200 new
    conn.close()


def test_rows_with_a_key_of_several_columns_are_replaced_by_the_whole_key(tmp_path: Path) -> None:
    def rows(*items: tuple[str, str, str]) -> pl.DataFrame:
        return pl.DataFrame([{"item_id": i, "stage": s, "reason": r} for i, s, r in items],
                            schema=warehouse.polars_schema("quarantine"))

    conn = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    warehouse.migrate(conn)
    warehouse.load_batch(conn, {"quarantine": rows(("a", "fetch", "timeout"), ("a", "extract", "no_text"))})
    warehouse.load_batch(conn, {"quarantine": rows(("a", "fetch", "http_404"), ("b", "fetch", "timeout"))})
    got = conn.sql("SELECT item_id, stage, reason FROM raw.quarantine ORDER BY ALL").fetchall()
    assert got == [("a", "extract", "no_text"), ("a", "fetch", "http_404"), ("b", "fetch", "timeout")]
    conn.close()


def _ids(df: pl.DataFrame, prefix: str) -> pl.DataFrame:
    return df.with_columns(page_id=pl.lit(prefix) + pl.col("page_id"))


def test_the_file_holds_each_stored_page_once_across_checkpoints(tmp_path: Path) -> None:
    """Batches appended one transaction each, a checkpoint after each: the file grows with the data, not
    twice it (DuckDB's row-group vacuum rewrote every page at doubling intervals: `writer_settings`), and
    replacing every page twice does not keep growing it."""
    path = tmp_path / "warehouse.duckdb"
    conn = duckdb.connect(str(path))
    warehouse.migrate(conn)
    batch, data = _pages(200, 20_000, 1), 16 * 200 * 20_000  # 64 MB in 16 batches
    for b in range(16):
        warehouse.load_batch(conn, {"pages": _ids(batch, f"{b:02d}")})
        conn.execute("CHECKPOINT")
    loaded = path.stat().st_size
    assert loaded < 1.3 * data, loaded
    for rep in (2, 3):
        for b in range(16):
            warehouse.load_batch(conn, {"pages": _ids(_pages(200, 20_000, rep), f"{b:02d}")})
            conn.execute("CHECKPOINT")
    assert conn.sql("SELECT count(*), min(content_hash) FROM raw.pages").fetchall() == [(3200, "3-0")]
    assert path.stat().st_size < 2.5 * data, (loaded, path.stat().st_size)
    conn.close()
