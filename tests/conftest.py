"""Shared fixtures: a parsed dbt manifest for the session, a fresh warehouse per test."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
os.environ.setdefault("DO_NOT_TRACK", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_HTML = SHARED / "seed" / "deir-ezzor-2017-09-16.html"
SEED_TXT = SHARED / "seed" / "000_e5d8e12413992f3f.txt"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside this checkout)")
    return path


@pytest.fixture(scope="session", autouse=True)
def dbt_manifest() -> Path:
    """dagster-dbt needs dbt/target/manifest.json before the definitions are imported."""
    from pipelines.resources import dbt_project

    manifest = dbt_project.manifest_path
    sources = [p for p in (REPO / "dbt").rglob("*") if p.suffix in (".sql", ".yml", ".yaml")
               and "target" not in p.parts and "logs" not in p.parts]
    newest = max((p.stat().st_mtime for p in sources), default=0.0)
    if not manifest.exists() or manifest.stat().st_mtime < newest:
        dbt_project.preparer.prepare(dbt_project)
    return manifest


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh warehouse file for one test (named warehouse.duckdb: dbt-duckdb names the db by stem)."""
    path = tmp_path / "wh" / "warehouse.duckdb"
    path.parent.mkdir()
    monkeypatch.setenv("CONFLICT_ETL_WAREHOUSE", str(path))
    return path


def folder_sources(tmp_path: Path, folder: Path, feed: Path | None = None, name: str = "test") -> Path:
    """Write a sources file with one folder source."""
    lines = ["fetch:", "  allow_private_addresses: false", "sources:", f"  - name: {name}",
             "    kind: folder", f"    path: {folder}"]
    if feed:
        lines.append(f"    feed: {feed}")
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(autouse=True)
def _signal_handlers_restored():
    """Some libraries run in this process (Celery's executor loop, Dagster's interrupt handling) change the
    SIGTERM/SIGINT handlers and leave them: a SIGTERM ignored here is inherited by every process a later
    test spawns, and `multiprocessing.Pool.terminate()` then waits forever on a worker it cannot stop."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    yield
    for sig, handler in saved.items():
        if handler is not None and signal.getsignal(sig) is not handler:
            signal.signal(sig, handler)
