"""parallel.py (extraction + coding across a process pool, one writer) and handoff.py (Parquet partitions
loaded once): same rows as the in-process path, idempotent, and a no-op when nothing changed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest
from conftest import REPO

SAMPLE = REPO / "pipelines" / "sample_corpus"


@pytest.fixture(scope="module")
def pool():
    from pipelines import parallel

    with parallel.make_pool(2) as p:
        yield p


def _ingest(wh: Path, folder: Path) -> int:
    """Pages into raw.pages the way the raw_pages asset stores them (no Dagster run needed here)."""
    from datetime import datetime

    from pipelines import warehouse
    from pipelines.extract import sha256
    from pipelines.sources.digest import compress

    rows = [
        {
            "page_id": p.stem[:40],
            "url": f"https://example.org/{p.stem}",
            "source_name": "t",
            "fetched_at": datetime(2020, 1, 1),
            "content_hash": sha256(p.read_bytes()),
            "html_zlib": compress(p.read_bytes()),
        }
        for p in sorted(folder.glob("*.html"))
    ]
    with warehouse.connect(wh) as conn:
        warehouse.load_batch(conn, {"pages": pl.DataFrame(rows)})
    return len(rows)


def _table(wh: Path, q: str) -> pl.DataFrame:
    with duckdb.connect(str(wh), read_only=True) as conn:
        return conn.sql(q).pl()


def test_extract_pending_matches_in_process_and_is_incremental(tmp_path: Path, pool) -> None:
    from pipelines import parallel, warehouse
    from pipelines.process import code_frame

    wh = tmp_path / "warehouse.duckdb"
    n = _ingest(wh, SAMPLE / "pages")
    with warehouse.connect(wh) as conn:
        assert parallel.pending_counts(conn)["extract"] == n
        st = parallel.extract_pending(conn, workers=2, pool=pool, chunk_size=7, batch_size=20)
        assert (
            st["pages"] == n and st["extracted"] + st["quarantined"] == n and st["coded"] == st["extracted"]
        )
        assert parallel.pending_counts(conn)["extract"] == 0 and parallel.pending_counts(conn)["code"] == 0
        # nothing new: nothing done
        assert parallel.extract_pending(conn, workers=2, pool=pool)["pages"] == 0
        assert parallel.code_pending(conn, workers=2, pool=pool)["coded"] == 0
    arts = _table(wh, "SELECT article_id, url, title, published, text FROM raw.articles ORDER BY article_id")
    mentions = _table(wh, "SELECT mention_id FROM raw.coded_mentions ORDER BY mention_id")[
        "mention_id"
    ].to_list()
    # the same mentions as coding in this process
    assert sorted(code_frame(arts).events["mention_id"].to_list()) == mentions
    assert len(mentions) > 40


def test_map_pages_in_order(pool) -> None:
    from pipelines import parallel

    pages = sorted((SAMPLE / "pages").glob("*.html"))[:12]
    items = [(p.stem, None, "t", None, p.read_bytes(), None, None) for p in pages]
    out = list(parallel.map_pages(items, workers=2, chunk_size=5, compressed=False, pool=pool))
    assert len(out) == 3
    assert pl.concat([o["articles"] for o in out])["article_id"].to_list() == [p.stem for p in pages]


def test_handoff_partitions_load_once(tmp_path: Path, pool, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines import handoff, parallel, warehouse

    wh = tmp_path / "wh" / "warehouse.duckdb"
    monkeypatch.setenv("CONFLICT_ETL_WAREHOUSE", str(wh))
    monkeypatch.delenv("CONFLICT_ETL_STAGING", raising=False)
    assert handoff.staging_root() == str(wh.parent / "staging")
    staging = str(tmp_path / "staging")
    n = _ingest(wh, SAMPLE / "pages")
    with warehouse.connect(wh) as conn:
        st = parallel.extract_pending(conn, workers=2, pool=pool, chunk_size=10, staging=staging)
        assert st["extracted"] + st["quarantined"] == n
        files = conn.sql("SELECT count(*), count(DISTINCT partition_key) FROM raw.loaded_files").fetchall()[0]
        assert files[1] == 5 and files[0] >= 5 * 3
        before = warehouse.row_counts(conn)
        assert handoff.load_staged(conn, root=staging) == {}  # everything already loaded: nothing twice
        assert warehouse.row_counts(conn) == before
    parts = sorted(Path(staging, "extract").iterdir())
    assert len(parts) == 5 and all((p / "_SUCCESS").exists() for p in parts)


def test_handoff_loader_is_idempotent_and_skips_incomplete(tmp_path: Path) -> None:
    from pipelines import handoff, warehouse

    wh = tmp_path / "warehouse.duckdb"
    root = str(tmp_path / "staging")
    quarantine = pl.DataFrame({"item_id": ["a", "b"], "stage": ["extract", "extract"], "reason": ["x", "y"]})
    handoff.write_partition({"quarantine": quarantine}, "p1", stage="extract", root=root)
    incomplete = Path(root, "extract", "p2")
    incomplete.mkdir(parents=True)
    quarantine.with_columns(pl.lit("z").alias("item_id")).write_parquet(incomplete / "quarantine.parquet")
    with warehouse.connect(wh) as conn:
        assert handoff.load_staged(conn, root=root) == {"quarantine": 2}
        assert handoff.load_staged(conn, root=root) == {}
        assert conn.sql("SELECT count(*) FROM raw.quarantine").fetchall()[0][0] == 2
        assert conn.sql("SELECT count(*) FROM raw.loaded_files").fetchall()[0][0] == 1


def _pool_kind(n: int) -> str:
    from pipelines import parallel

    ex, workers = parallel.choose_executor(n, workers=2)
    ex.shutdown()
    return f"{type(ex).__name__}:{workers}"


def test_pool_only_when_it_pays_and_never_inside_a_daemon(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small batches and daemonic processes (Celery's prefork workers) run in-process, same code path."""
    import multiprocessing

    from pipelines import parallel

    assert _pool_kind(10) == "InlineExecutor:1"
    assert _pool_kind(500) == "ProcessPoolExecutor:2"
    monkeypatch.setenv(parallel.MIN_ITEMS_ENV, "5")
    assert _pool_kind(10) == "ProcessPoolExecutor:2"
    p = multiprocessing.get_context("spawn").Pool(1)  # pool workers are daemonic
    try:
        assert p.apply(_pool_kind, (500,)) == "InlineExecutor:1"
    finally:  # close + join: the worker exits on its own (terminate() relies on SIGTERM)
        p.close()
        p.join()
    fut = parallel.InlineExecutor().submit(divmod, 7, 2)
    assert fut.done() and fut.result() == (3, 1)
    bad = parallel.InlineExecutor().submit(divmod, 1, 0)
    with pytest.raises(ZeroDivisionError):
        bad.result()
