"""Charts and the static HTML report, rendered offline (matplotlib Agg, no tiles, no web fonts)."""

from .charts import events_map_png, strikes_chart_png
from .data import event_points, recent_strikes
from .html import build_report, write_report

__all__ = ["build_report", "event_points", "events_map_png", "recent_strikes", "strikes_chart_png", "write_report"]
