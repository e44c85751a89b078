"""Run one or more sql/*.sql files read-only against the warehouse and print the results.

    uv run python sql/run.py sql/01_top_dyads.sql [sql/02_...sql ...] [--db data/warehouse.duckdb] [--csv]

The warehouse is --db, else $CONFLICT_ETL_WAREHOUSE, else data/warehouse.duckdb (from the repo root).
Each file holds one statement, so `duckdb -readonly <db> < file.sql` works too where the CLI is installed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    parser.add_argument("--max-rows", type=int, default=100)
    args = parser.parse_args(argv)
    db = args.db or Path(os.environ.get("CONFLICT_ETL_WAREHOUSE") or REPO / "data" / "warehouse.duckdb")
    if not db.exists():
        print(f"no warehouse at {db}", file=sys.stderr)
        return 2
    with duckdb.connect(str(db), read_only=True) as conn:
        for f in args.files:
            rel = conn.sql(f.read_text())
            if args.csv:
                rel.pl().write_csv(sys.stdout)
            else:
                print(f"-- {f}")
                rel.show(max_rows=args.max_rows, max_width=250)
    return 0


if __name__ == "__main__":
    sys.exit(main())
