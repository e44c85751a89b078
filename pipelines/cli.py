"""`conflict-etl`: refresh the warehouse, code articles from JSON lines, evaluate against gold."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from . import config


def _print_table(df, title: str) -> None:
    import polars as pl

    with pl.Config(tbl_rows=200, tbl_cols=20, tbl_width_chars=160, tbl_hide_dataframe_shape=True,
                   tbl_hide_column_data_types=True, fmt_str_lengths=40):
        print(title)
        print(df)


def cmd_refresh(args: argparse.Namespace) -> int:
    """Run the `refresh` job in-process through Dagster, then print the weekly strikes table."""
    if args.warehouse:
        os.environ[config.WAREHOUSE_ENV] = str(Path(args.warehouse).resolve())
    if args.sources:
        os.environ[config.SOURCES_ENV] = str(Path(args.sources).resolve())
    wh = config.warehouse_path()
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

    from .resources import dbt_project

    if args.parse or not dbt_project.manifest_path.exists():
        dbt_project.preparer.prepare(dbt_project)

    import dagster as dg

    from .refresh import run_refresh

    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    with instance:
        outcome = run_refresh(
            instance, {"loggers": {"console": {"config": {"log_level": args.log_level}}}}, force=args.force
        )
    if not outcome.success:
        for result in outcome.results:
            for event in result.all_events:
                if event.is_failure:
                    print(event.message, file=sys.stderr)
        print("refresh failed", file=sys.stderr)
        return 1
    if not outcome.processed:
        print(f"nothing new: no page to extract, no article to code or normalize, marts up to date ({wh})")

    from .warehouse import connect, read_frame

    # Same process as the run: DuckDB refuses a read-only handle beside the read-write one dbt left open.
    with connect(wh) as conn:
        table = read_frame(conn, "SELECT * FROM strikes_per_faction_week ORDER BY week_start, faction")
        counts = read_frame(
            conn,
            "SELECT (SELECT count(*) FROM raw.pages) AS pages, (SELECT count(*) FROM raw.articles) AS articles, "
            "(SELECT count(*) FROM raw.event_mentions) AS event_mentions, (SELECT count(*) FROM fct_events) AS "
            "events, (SELECT count(*) FROM raw.quarantine) AS quarantined",
        )
    _print_table(counts, f"warehouse: {wh}")
    _print_table(table, "strikes per faction per week (strikes_per_faction_week)")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """JSON lines of articles in, JSON lines of coded events out."""
    from .process import code_articles, to_json_lines

    path = Path(args.input)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    events = code_articles(records, base_dir=path.parent)
    sink = open(args.output, "w", encoding="utf-8") if args.output else contextlib.nullcontext(sys.stdout)  # noqa: SIM115
    with sink as out:
        for line in to_json_lines(events):
            out.write(line + "\n")
    if args.output:
        print(f"{events.height} events from {len(records)} articles -> {args.output}", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import main_evaluate

    return main_evaluate(args.gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="conflict-etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("refresh", help="run the refresh job (sources -> warehouse -> dbt marts)")
    p.add_argument("--sources", help=f"sources YAML (default: {config.DEFAULT_SOURCES})")
    p.add_argument("--warehouse", help=f"DuckDB file (default: ${config.WAREHOUSE_ENV} or {config.DEFAULT_WAREHOUSE})")
    p.add_argument("--parse", action="store_true", help="re-parse the dbt project first")
    p.add_argument("--log-level", default="WARNING", help="Dagster console log level (default WARNING)")
    p.add_argument("--force", action="store_true",
                   help="run everything after ingest even when nothing is new (dbt still skips an unchanged build)")
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("extract", help="code articles given as JSON lines; print events as JSON lines")
    p.add_argument("input")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="code gold articles and score them (one or more gold files)")
    p.add_argument("gold", nargs="+")
    p.set_defaults(func=cmd_evaluate)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
