"""Parquet hand-off: CPU-heavy stages write per-partition Parquet files; one loader moves them into DuckDB.

Where: env `CONFLICT_ETL_STAGING` (a folder, or an fsspec URL such as `s3://bucket/conflict-etl/staging`
when the matching fsspec backend is installed), default `<warehouse dir>/staging/`.

Layout: `<root>/<stage>/<partition>/<table>.parquet` + `_SUCCESS`, written last: a partition is complete
when its `_SUCCESS` exists (files are written under a temporary name and renamed). Workers on any machine
write partitions; a single loader (`load_staged`) loads each complete partition in one transaction
(upsert by primary key, article-keyed rows of the partition's articles replaced) and records every file in
`raw.loaded_files` in that same transaction, so loading twice loads nothing twice.

    write_partition(frames, partition, stage, root=None) -> [file URLs]
    load_partition(conn, partition_dir)                  -> {table: rows loaded} ({} if already loaded)
    load_staged(conn, root=None, stage=None)             -> {table: rows loaded}, every pending partition
"""

from __future__ import annotations

import io
import os
import uuid
from datetime import datetime
from pathlib import Path

import polars as pl

STAGING_ENV = "CONFLICT_ETL_STAGING"
SUCCESS = "_SUCCESS"


def staging_root() -> str:
    """`$CONFLICT_ETL_STAGING`, else `<warehouse dir>/staging`."""
    from . import config

    env = os.environ.get(STAGING_ENV)
    return env if env else str(config.warehouse_path().parent / "staging")


def _is_url(root: str) -> bool:
    return "://" in root and not root.startswith("file://")


def _fs(root: str):
    """An fsspec filesystem for URLs (object storage), None for local folders (plain pathlib)."""
    if not _is_url(root):
        return None
    import fsspec  # already installed with dagster/polars; backends (s3fs, gcsfs) only in production

    return fsspec.core.url_to_fs(root)[0]


def _local(root: str) -> Path:
    return Path(root.removeprefix("file://"))


def _join(*parts: str) -> str:
    return "/".join(p.strip("/") if i else p.rstrip("/") for i, p in enumerate(parts))


def write_partition(
    frames: dict[str, pl.DataFrame], partition: str, stage: str, root: str | None = None
) -> list[str]:
    """Write one partition's frames (table name -> frame) as Parquet, then `_SUCCESS`. Returns file URLs."""
    root = root or staging_root()
    base = _join(root, stage, partition)
    fs = _fs(root)
    out = []
    if fs is None:
        _local(base).mkdir(parents=True, exist_ok=True)
    for table, df in frames.items():
        path = _join(base, f"{table}.parquet")
        tmp = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
        if fs is None:
            df.write_parquet(tmp, compression="zstd")
            os.replace(tmp, path)
        else:
            buf = io.BytesIO()
            df.write_parquet(buf, compression="zstd")
            with fs.open(path, "wb") as fh:  # object stores make a whole-object PUT atomic
                fh.write(buf.getvalue())
        out.append(path)
    marker = _join(base, SUCCESS)
    if fs is None:
        _local(marker).write_text("\n".join(out) + "\n")
    else:
        fs.pipe(marker, ("\n".join(out) + "\n").encode())
    return out


def _partitions(root: str, stage: str | None) -> list[str]:
    fs = _fs(root)
    if fs is None:
        base = _local(root)
        pattern = f"{stage or '*'}/*/{SUCCESS}"
        return sorted(str(p.parent) for p in base.glob(pattern))
    return sorted(p.rsplit("/", 1)[0] for p in fs.glob(_join(root, stage or "*", "*", SUCCESS)))


def _read(part: str, root_is_url: bool) -> dict[str, tuple[str, pl.DataFrame]]:
    if root_is_url:
        import fsspec

        fs = fsspec.core.url_to_fs(part)[0]
        files = [f for f in fs.ls(part, detail=False) if f.endswith(".parquet")]
        proto = part.split("://", 1)[0]
        out = {}
        for f in sorted(files):
            url = f if "://" in f else f"{proto}://{f}"
            with fs.open(url, "rb") as fh:
                out[url.rsplit("/", 1)[1].removesuffix(".parquet")] = (url, pl.read_parquet(fh))
        return out
    return {p.stem: (str(p), pl.read_parquet(p)) for p in sorted(_local(part).glob("*.parquet"))}


def load_partition(conn, part: str, root_is_url: bool | None = None) -> dict[str, int]:
    """Load one complete partition in one transaction, unless its files are already in raw.loaded_files."""
    from . import warehouse

    warehouse.migrate(conn)
    root_is_url = _is_url(part) if root_is_url is None else root_is_url
    files = _read(part, root_is_url)
    if not files:
        return {}
    urls = pl.DataFrame({"file_url": [u for u, _ in files.values()]})
    conn.register("_files", urls)
    try:
        seen = conn.execute("SELECT count(*) FROM raw.loaded_files JOIN _files USING (file_url)").fetchall()[
            0
        ][0]
    finally:
        conn.unregister("_files")
    if seen == len(files):
        return {}
    stage, partition = part.rstrip("/").rsplit("/", 2)[-2:]
    frames = {t: df for t, (_, df) in files.items()}
    ids: list[str] = []
    if "coded_articles" in frames:  # re-coded articles: their old mentions/rejections go
        ids = frames["coded_articles"]["article_id"].to_list()
        for t in ("coded_mentions", "rejected_candidates"):
            frames.setdefault(t, pl.DataFrame(schema=warehouse.polars_schema(t)))
    now = datetime.now()
    record = pl.DataFrame(
        {
            "file_url": [u for u, _ in files.values()],
            "stage": stage,
            "partition_key": partition,
            "table_name": list(files),
            "row_count": [df.height for _, df in files.values()],
            "loaded_at": now,
        }
    )
    _load_with_record(conn, frames, ids, record)
    return {t: df.height for t, df in frames.items()}


def _load_with_record(conn, frames: dict[str, pl.DataFrame], ids: list[str], record: pl.DataFrame) -> None:
    """`warehouse.load_batch` + the raw.loaded_files rows, as one transaction."""
    from . import warehouse

    conn.execute("BEGIN TRANSACTION")
    try:
        if ids:
            conn.register("_ids", pl.DataFrame({"article_id": ids}, schema={"article_id": pl.String}))
            for table in frames:
                if "article_id" in warehouse.TABLES[table] and warehouse.KEYS[table] != ("article_id",):
                    conn.execute(f"DELETE FROM raw.{table} WHERE article_id IN (SELECT article_id FROM _ids)")
            conn.unregister("_ids")
        for table, df in frames.items():
            warehouse._insert_or_replace(conn, table, df)
        conn.register("_loaded", record)
        conn.execute(
            "INSERT OR REPLACE INTO raw.loaded_files SELECT file_url, stage, partition_key, table_name, "
            "row_count, loaded_at FROM _loaded"
        )
        conn.unregister("_loaded")
        warehouse.mark_changed(conn)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise


def load_staged(conn, root: str | None = None, stage: str | None = None) -> dict[str, int]:
    """Load every complete, not yet loaded partition under `root` (optionally one stage), in order."""
    root = root or staging_root()
    total: dict[str, int] = {}
    for part in _partitions(root, stage):
        for t, n in load_partition(conn, part, _is_url(root)).items():
            total[t] = total.get(t, 0) + n
    return total
