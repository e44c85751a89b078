"""`dbt build` inside the Dagster step's own process, on the manifest `dbt parse` already wrote.

Why: dagster-dbt starts dbt as a subprocess, which imports dbt (~4 s here), re-parses the whole project
(~4.5 s: a new warehouse path defeats dbt's partial parsing) and only then builds (~4 s). The parse that
`make setup`, the test fixture and `dagster dev` already ran left the parsed project next to
`manifest.json` (`partial_parse.msgpack`); dbt's programmatic API (`dbtRunner(manifest=...)`) builds from
it directly. dbt's events are turned into Dagster events by dagster-dbt's own converter, so assets,
asset checks and their metadata are the same as from the subprocess.

The subprocess path stays the fallback whenever the saved parse cannot be trusted: missing, not the
project dagster-dbt loaded (node checksums differ), parsed for a warehouse file of another name (dbt-duckdb
names the database after the file), or a selection dagster-dbt routes through a generated selector file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtProject
from dagster_dbt.asset_utils import (
    extract_runtime_selection_from_args,
    get_updated_cli_invocation_params_for_context,
)
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
from dagster_dbt.errors import DagsterDbtCliRuntimeError

#: dbt's result events: one per model, seed, snapshot and test.
_RESULT_EVENTS = frozenset({"LogModelResult", "LogSeedResult", "LogSnapshotResult", "LogTestResult"})
_LOCK = threading.Lock()  # dbt keeps global state (flags, adapters): one in-process build at a time


def saved_manifest(project: DbtProject) -> Any | None:
    """The parsed project `dbt parse` left next to manifest.json (dbt's Manifest object), or None."""
    path = Path(project.manifest_path).with_name("partial_parse.msgpack")
    try:
        return _load_manifest(str(path), path.stat().st_mtime)
    except Exception:  # missing, another dbt version's file, truncated...: the subprocess path parses anew
        return None


@lru_cache(maxsize=1)
def _load_manifest(path: str, mtime: float) -> Any:
    """Keyed by the file's mtime: a new parse is read again."""
    from dbt.contracts.graph.manifest import Manifest
    from dbt.parser.manifest import extended_mashumuro_decoder

    return Manifest.from_msgpack(Path(path).read_bytes(), decoder=extended_mashumuro_decoder)


def usable(saved: Any, manifest: dict[str, Any], database: str | os.PathLike) -> str | None:
    """Why the saved parse cannot stand for `manifest` on this warehouse (None: it can)."""
    want = {uid: n["checksum"]["checksum"] for uid, n in manifest["nodes"].items()}
    have = {uid: n.checksum.checksum for uid, n in saved.nodes.items()}
    if want != have:
        return "the saved parse is not the manifest's project"
    stem = Path(database).stem
    dbs = {n.database for n in saved.nodes.values() if getattr(n, "database", None)}
    if dbs and dbs != {stem}:
        return f"parsed for database {sorted(dbs)}, the warehouse file is {stem!r}"
    return None


def build(
    context: dg.AssetExecutionContext,
    project: DbtProject,
    translator: DagsterDbtTranslator,
    args: Sequence[str],
    target_path: Path,
    database: str,
) -> list[Any] | None:
    """Dagster events of `dbt <args>` run in this process, or None when the subprocess path must run.

    Raises DagsterDbtCliRuntimeError when dbt fails, as `DbtCliResource.cli(...).stream()` does."""
    saved = saved_manifest(project)
    if saved is None:
        return None
    cleaned, selects, excludes = extract_runtime_selection_from_args(list(args))
    params = get_updated_cli_invocation_params_for_context(
        context=context, manifest={}, dagster_dbt_translator=translator,
        runtime_selects=selects, runtime_excludes=excludes,
    )
    if params.dbt_project is not None and Path(params.dbt_project.project_dir) != Path(project.project_dir):
        return None  # dagster-dbt wrote a selector file into a copy of the project
    if (why := usable(saved, dict(params.manifest), database)) is not None:
        context.log.info(f"dbt runs as a subprocess: {why}")
        return None

    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    raw: list[dict[str, Any]] = []

    def collect(msg) -> None:
        if msg.info.name in _RESULT_EVENTS:
            raw.append(msg_to_dict(msg))

    target = target_path if target_path.is_absolute() else Path(project.project_dir) / target_path
    argv = [
        *cleaned, *params.selection_args,
        *(["--indirect-selection", params.indirect_selection] if params.indirect_selection else []),
        "--project-dir", str(project.project_dir), "--profiles-dir", str(project.profiles_dir),
        "--target-path", str(target), "--log-path", str(target), "--quiet",
    ]
    with _LOCK:
        try:
            res = dbtRunner(manifest=saved, callbacks=[collect]).invoke(argv)
        finally:
            # dbt-duckdb keeps its DuckDB handle open for the next invocation: close it, so this process
            # can open the warehouse again (with its own settings) and other processes can write to it.
            with DuckDBConnectionManager._LOCK:
                if DuckDBConnectionManager._ENV is not None:
                    DuckDBConnectionManager._ENV.close()
                    DuckDBConnectionManager._ENV = None
    if res.exception is not None:
        raise DagsterDbtCliRuntimeError(description=f"dbt {' '.join(cleaned)} failed: {res.exception}")
    events: list[Any] = []
    failed: list[str] = []
    for event in raw:
        status = event["data"].get("status") or event["data"].get("node_info", {}).get("node_status")
        if str(status).lower() in {"error", "fail", "runtime error"}:
            failed.append(event["info"].get("msg", ""))
        message = DbtCoreCliEventMessage(raw_event=event, event_history_metadata={})
        events += message.to_default_asset_events(
            manifest=params.manifest, dagster_dbt_translator=params.dagster_dbt_translator,
            context=context, target_path=target, project=project,
        )
    if not res.success:
        raise DagsterDbtCliRuntimeError(
            description=f"dbt {' '.join(cleaned)} failed:\n" + "\n".join(failed[:20]))
    context.log.info(f"dbt {' '.join(cleaned)} in process: {len(raw)} nodes")
    return events
