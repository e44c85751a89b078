"""The static HTML report (`<warehouse dir>/report.html`): the charts and tables of the Dagster UI for
people without Dagster. One self-contained file: images inline as base64, no scripts, no web fonts."""

from __future__ import annotations

import base64
import html
import os
import tempfile
from datetime import datetime
from pathlib import Path

import polars as pl

from .charts import events_map_png, strikes_chart_png
from .data import admin1_centroids, event_points, has_table, recent_strikes

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#222;padding:0 1rem} h1{margin-bottom:.2rem} .muted{color:#666} table{border-collapse:collapse;
margin:.5rem 0 1.5rem;font-size:.85rem} th,td{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left;
vertical-align:top} th{background:#f4f4f4} .cards{display:flex;gap:1rem;flex-wrap:wrap} .card{border:1px solid
#ddd;border-radius:6px;padding:.6rem 1rem;min-width:8rem} .card b{font-size:1.4rem;display:block} img{max-width:100%}
"""


def img_tag(png: bytes, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def md_image(png: bytes, alt: str) -> str:
    """Markdown with the PNG inline, for `dg.MetadataValue.md` in the Dagster UI."""
    return f"![{alt}](data:image/png;base64,{base64.b64encode(png).decode()})"


def html_table(df: pl.DataFrame, max_rows: int = 50, max_chars: int = 120) -> str:
    if df.is_empty():
        return '<p class="muted">(no rows)</p>'

    def cell(v: object) -> str:
        s = "" if v is None else str(v)
        return html.escape(s if len(s) <= max_chars else s[: max_chars - 1] + "…")

    head = "".join(f"<th>{html.escape(c)}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in r) + "</tr>" for r in df.head(max_rows).iter_rows())
    more = f'<p class="muted">… {df.height - max_rows} more rows</p>' if df.height > max_rows else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}"


def _frame(conn, query: str) -> pl.DataFrame:
    return conn.sql(query).pl()


def build_report(conn, warehouse_path: str | Path | None = None) -> str:
    """The whole report as one HTML string, from any connection to the warehouse (read-only is enough)."""
    counts = {}
    for label, table in (("pages", "raw.pages"), ("articles", "raw.articles"), ("event mentions", "raw.event_mentions"),
                         ("events", "main.fct_events"), ("quarantined", "raw.quarantine")):
        schema, name = table.split(".")
        counts[label] = conn.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0] if has_table(conn, name, schema) else 0
    strikes = recent_strikes(conn)
    points = event_points(conn)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>conflict-etl report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>conflict-etl — conflict events report</h1>",
        f"<p class='muted'>Generated {datetime.now().isoformat(timespec='seconds')} from "
        f"<code>{html.escape(str(warehouse_path or ''))}</code>. Static file: no network needed.</p>",
        "<div class='cards'>" + "".join(f"<div class='card'><b>{v:,}</b>{html.escape(k)}</div>" for k, v in counts.items())
        + "</div>",
        "<h2>Strikes per faction per week</h2>", img_tag(strikes_chart_png(strikes), "strikes per faction per week"),
        html_table(strikes.sort(["week_start", "strikes"], descending=[True, True]), max_rows=60),
        "<h2>Event map</h2>", img_tag(events_map_png(points, admin1_centroids(conn)), "map of event places"),
        html_table(points, max_rows=30),
    ]
    if has_table(conn, "fct_events"):
        parts += ["<h2>Newest events</h2>", html_table(_frame(conn,
            "SELECT event_date, event_type, actor_name, target_name, location_name, admin1, fatalities, injured, "
            "num_articles, source_name FROM fct_events ORDER BY event_date DESC, event_id LIMIT 25"))]
    if has_table(conn, "quarantine", "raw"):
        parts += ["<h2>Quarantine</h2><p class='muted'>Items that could not be fetched, extracted or coded.</p>",
                  html_table(_frame(conn, "SELECT stage, source_name, reason, count(*) AS n FROM raw.quarantine "
                                    "GROUP BY ALL ORDER BY n DESC"))]
    if has_table(conn, "unresolved_mentions", "raw"):
        parts += ["<h2>Unresolved actors and places</h2><p class='muted'>Strings to add to the dictionary or "
                  "gazetteer next.</p>",
                  html_table(_frame(conn, "SELECT kind, raw_text, sum(mentions) AS mentions, count(*) AS articles "
                                    "FROM raw.unresolved_mentions GROUP BY ALL ORDER BY mentions DESC, raw_text LIMIT 25"))]
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(conn, path: str | Path, warehouse_path: str | Path | None = None) -> Path:
    """Write the report atomically (a reader never sees half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = build_report(conn, warehouse_path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".report-", suffix=".html")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return path
