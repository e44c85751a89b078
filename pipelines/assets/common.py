"""Small helpers the assets share: markdown previews for the Dagster UI."""

from __future__ import annotations

import polars as pl


def md_table(df: pl.DataFrame, max_rows: int = 10, max_chars: int = 60) -> str:
    """A frame as a markdown table (no pandas/tabulate needed), long cells cut."""
    if df.is_empty():
        return "(no rows)"
    head = df.head(max_rows)

    def cell(v: object) -> str:
        s = "" if v is None else str(v)
        s = s.replace("|", "\\|").replace("\n", " ")
        return s if len(s) <= max_chars else s[: max_chars - 1] + "…"

    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * len(head.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in head.iter_rows()]
    if df.height > max_rows:
        lines.append(f"\n… {df.height - max_rows} more rows")
    return "\n".join(lines)
