"""A refresh that stops after ingest when there is nothing to do.

`refresh` (the job) plans every asset and every dbt test as a check before it starts: with nothing new
that bookkeeping alone costs seconds. The gated refresh (what `conflict-etl refresh` and `make demo`
run) first runs the `ingest` job (sources -> raw.pages), then asks the warehouse what is left to do --
pages to extract, articles to code or normalize (a new coder or dictionary version counts), marts older
than the raw tables -- and runs the `process` job (everything after ingest) only when something is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def pending_work(conn) -> dict[str, int]:
    """What a refresh would do after ingest: pages to extract, articles to code, articles to normalize,
    and `marts` = 1 when the dbt marts are older than the raw tables (or missing)."""
    from .assets.marts import up_to_date
    from .parallel import pending_counts

    work = pending_counts(conn)
    work["marts"] = 0 if up_to_date(conn)[0] else 1
    return work


@dataclass
class RefreshOutcome:
    success: bool
    work: dict[str, int] = field(default_factory=dict)
    results: list[Any] = field(default_factory=list)  # the Dagster run results, in order

    @property
    def processed(self) -> bool:
        return len(self.results) > 1


def run_refresh(instance, run_config: dict | None = None, force: bool = False) -> RefreshOutcome:
    """`ingest`, then `process` when there is work (or `force`), in this process, on `instance`.
    `run_config` goes to both runs (e.g. `resources: {duckdb: {config: {database: ...}}}`)."""
    from .definitions import defs
    from .warehouse import connect

    run_config = run_config or {}
    first = defs.resolve_job_def("ingest").execute_in_process(
        instance=instance, run_config=run_config, raise_on_error=False
    )
    out = RefreshOutcome(success=first.success, results=[first])
    if not first.success:
        return out
    database = (run_config.get("resources", {}).get("duckdb", {}).get("config", {}).get("database")
                or defs.resources["duckdb"].database)
    with connect(database) as conn:
        out.work = pending_work(conn)
    if force or any(out.work.values()):
        second = defs.resolve_job_def("process").execute_in_process(
            instance=instance, run_config=run_config, raise_on_error=False
        )
        out.results.append(second)
        out.success = second.success
    return out
