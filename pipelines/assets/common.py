"""Small helpers the assets share: the daily partitions, the publication-date scope of a run, and
markdown previews for the Dagster UI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dagster as dg
import polars as pl

from ..resources import START_DATE_ENV, PipelineSettings

#: Publication day of the article. `end_offset=1`: today's partition exists (articles appear during the day).
DAILY = dg.DailyPartitionsDefinition(
    start_date=os.environ.get(START_DATE_ENV) or "2015-01-01", end_offset=1, timezone="UTC"
)
#: A backfill of many days is one run (one pass over the warehouse), not one run per day.
SINGLE_RUN = dg.BackfillPolicy.single_run()


@dataclass(frozen=True)
class Scope:
    """Which articles a stage touches: publication dates in [start, end) (None = open), and whether
    to redo them even when nothing changed (a backfill re-does its days from the stored raw HTML)."""

    start: date | None = None
    end: date | None = None
    force: bool = False

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None

    def sql(self, column: str) -> tuple[str, list]:
        """A SQL condition on a DATE column and its parameters (rows with no date only when unbounded)."""
        if not self.bounded:
            return "TRUE", []
        lo, hi = self.start or date(1, 1, 1), self.end or date(9999, 12, 31)
        return f"({column} >= ? AND {column} < ?)", [lo, hi]

    def describe(self) -> str:
        if not self.bounded:
            return "all publication dates"
        end = self.end - timedelta(days=1) if self.end else None
        return f"published {self.start or '…'} to {end or '…'}" + (" (re-done)" if self.force else "")


def run_scope(context: dg.AssetExecutionContext, settings: PipelineSettings) -> Scope:
    """A partitioned run: its days, re-done. Otherwise the settings' date range (or everything),
    incremental: only new or changed items."""
    if context.has_partition_key_range or context.has_partition_key:
        window = context.partition_time_window
        return Scope(window.start.date(), window.end.date(), force=True)
    start = date.fromisoformat(settings.published_from) if settings.published_from else None
    end = date.fromisoformat(settings.published_to) + timedelta(days=1) if settings.published_to else None
    return Scope(start, end, force=False)


def md_table(df: pl.DataFrame, max_rows: int = 10, max_chars: int = 60) -> str:
    """A frame as a markdown table (no pandas/tabulate needed), long cells cut."""
    if df.is_empty():
        return "(no rows)"
    head = df.head(max_rows)

    def cell(v: object) -> str:
        if isinstance(v, datetime):
            v = v.replace(microsecond=0)
        s = "" if v is None else str(v)
        s = s.replace("|", "\\|").replace("\n", " ")
        return s if len(s) <= max_chars else s[: max_chars - 1] + "…"

    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * len(head.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in head.iter_rows()]
    if df.height > max_rows:
        lines.append(f"\n… {df.height - max_rows} more rows")
    return "\n".join(lines)


def preview(conn, query: str, max_rows: int = 10) -> dg.MetadataValue:
    """Markdown preview of a query's rows (the newest first, by the query's ORDER BY)."""
    return dg.MetadataValue.md(md_table(conn.sql(query).pl(), max_rows=max_rows))
