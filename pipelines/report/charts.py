"""PNG charts with matplotlib's Agg backend: no display, no network, deterministic enough for tests."""

from __future__ import annotations

import functools
import hashlib
import io
import math
from collections import OrderedDict
from collections.abc import Callable

import polars as pl


def _pyplot():
    """matplotlib on first use (importing it costs ~1 s at every start of the code location)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt

_STYLE = {"font.size": 9, "axes.spines.top": False, "axes.spines.right": False, "svg.fonttype": "none"}

#: PNGs already drawn in this process, by chart and input data: the dbt step draws both charts for its
#: metadata and the `report` step, in the same run, draws them again from the same marts (~0.8 s).
_DRAWN: OrderedDict[str, bytes] = OrderedDict()


def _data_key(*args) -> str:
    digest = hashlib.sha1()
    for arg in args:
        if isinstance(arg, pl.DataFrame):
            buf = io.BytesIO()
            arg.write_ipc(buf, compression="uncompressed")
            digest.update(buf.getvalue())
        else:
            digest.update(repr(arg).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _drawn_once(fn: Callable[..., bytes]) -> Callable[..., bytes]:
    """Same chart, same data: the PNG drawn before (the last 8 kept)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs) -> bytes:
        key = fn.__name__ + _data_key(*args, *sorted(kwargs.items()))
        if key not in _DRAWN:
            _DRAWN[key] = fn(*args, **kwargs)
            while len(_DRAWN) > 8:
                _DRAWN.popitem(last=False)
        return _DRAWN[key]

    return wrapper


def _png(fig) -> bytes:
    plt = _pyplot()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _empty(title: str, message: str) -> bytes:
    plt = _pyplot()
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7, 1.6))
        ax.set_axis_off()
        ax.set_title(title, loc="left")
        ax.text(0.5, 0.4, message, ha="center", va="center", color="#666")
        return _png(fig)


@_drawn_once
def strikes_chart_png(strikes: pl.DataFrame, top: int = 8) -> bytes:
    """Strikes per faction per week as lines (the `top` factions by strikes; the rest as 'Other')."""
    plt = _pyplot()
    title = "Strikes per faction per week (last 12 weeks of data)"
    if strikes.is_empty():
        return _empty(title, "no strikes in the warehouse yet")
    totals = strikes.group_by("faction").agg(pl.col("strikes").sum()).sort(["strikes", "faction"], descending=[True, False])
    keep = totals["faction"].head(top).to_list()
    df = strikes.with_columns(
        pl.when(pl.col("faction").is_in(keep)).then(pl.col("faction")).otherwise(pl.lit("Other")).alias("faction")
    ).group_by("week_start", "faction").agg(pl.col("strikes").sum())
    weeks = sorted(df["week_start"].unique().to_list())
    wide = df.pivot(on="faction", index="week_start", values="strikes").sort("week_start")
    wide = pl.DataFrame({"week_start": weeks}).join(wide, on="week_start", how="left").fill_null(0)
    order = keep + (["Other"] if "Other" in wide.columns else [])
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(8, 3.6))
        for i, faction in enumerate(order):
            ax.plot(weeks, wide[faction].to_list(), marker="o", ms=3.5, lw=1.6, label=faction,
                    color=plt.get_cmap("tab10")(i % 10))
        ax.set_title(title, loc="left")
        ax.set_ylabel("strikes (air/drone strikes, shelling)")
        ax.set_xlabel("week starting")
        ax.set_ylim(bottom=0)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", alpha=0.3)
        fig.autofmt_xdate()
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        return _png(fig)


@_drawn_once
def events_map_png(points: pl.DataFrame, admin1: pl.DataFrame | None = None, labels: int = 12) -> bytes:
    """Event places on a plain lon/lat plot with a graticule: marker size = events, the busiest
    places labelled; admin1 centroids (when given) as grey crosses. No tiles, no shapes."""
    plt = _pyplot()
    title = "Where events happened (places with coded events)"
    if points.is_empty():
        return _empty(title, "no located events in the warehouse yet")
    points = points.with_columns(pl.col("longitude").cast(pl.Float64), pl.col("latitude").cast(pl.Float64))
    # Focus on where most events are: places far (> 12 degrees) from the events-weighted median are
    # left off the map and named under it (one strike on Moscow must not shrink Syria to a dot).
    weights = points["events"].cast(pl.Float64)
    mid_x = _weighted_median(points["longitude"].to_list(), weights.to_list())
    mid_y = _weighted_median(points["latitude"].to_list(), weights.to_list())
    near = (pl.col("longitude") - mid_x).abs().le(12) & (pl.col("latitude") - mid_y).abs().le(12)
    off_map = points.filter(~near)
    points = points.filter(near)
    lon, lat = points["longitude"].to_list(), points["latitude"].to_list()
    lo_x, hi_x, lo_y, hi_y = min(lon), max(lon), min(lat), max(lat)
    pad = max(0.5, 0.1 * max(hi_x - lo_x, hi_y - lo_y))
    lo_x, hi_x, lo_y, hi_y = lo_x - pad, hi_x + pad, lo_y - pad, hi_y + pad
    # widen the narrower side so the (latitude-corrected) plot fills a 4:3 frame
    stretch = 1 / max(0.2, math.cos(math.radians((lo_y + hi_y) / 2)))
    want = 4 / 3
    w, h = hi_x - lo_x, (hi_y - lo_y) * stretch
    if w / h < want:
        extra = (h * want - w) / 2
        lo_x, hi_x = lo_x - extra, hi_x + extra
    else:
        extra = (w / want - h) / 2 / stretch
        lo_y, hi_y = lo_y - extra, hi_y + extra
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(8, 6))
        step = 1 if max(hi_x - lo_x, hi_y - lo_y) <= 12 else 5
        for x in range(math.floor(lo_x / step) * step, math.ceil(hi_x) + 1, step):
            ax.axvline(x, color="#ddd", lw=0.6, zorder=0)
        for y in range(math.floor(lo_y / step) * step, math.ceil(hi_y) + 1, step):
            ax.axhline(y, color="#ddd", lw=0.6, zorder=0)
        if admin1 is not None and not admin1.is_empty():
            a = admin1.filter(pl.col("longitude").is_between(lo_x, hi_x) & pl.col("latitude").is_between(lo_y, hi_y))
            ax.scatter(a["longitude"].to_list(), a["latitude"].to_list(), marker="+", color="#aaa", s=25,
                       zorder=1, label="admin1 centroid")
            for row in a.iter_rows(named=True):
                ax.annotate(row["admin1"], (row["longitude"], row["latitude"]), fontsize=6.5, color="#999",
                            xytext=(3, -8), textcoords="offset points")
        sizes = [18 + 14 * math.sqrt(n) for n in points["events"].to_list()]
        strikes = points["strikes"].to_list() if "strikes" in points.columns else [0] * points.height
        colors = ["#c0392b" if s else "#2c7fb8" for s in strikes]
        ax.scatter(lon, lat, s=sizes, c=colors, alpha=0.75, edgecolors="white", linewidths=0.6, zorder=2)
        for row in points.head(labels).iter_rows(named=True):
            ax.annotate(f"{row['location_name']} ({row['events']})", (row["longitude"], row["latitude"]),
                        fontsize=7.5, xytext=(5, 4), textcoords="offset points", zorder=3)
        ax.set_xlim(lo_x, hi_x)
        ax.set_ylim(lo_y, hi_y)
        ax.set_aspect(stretch)
        if off_map.height:
            names = ", ".join(f"{r['location_name']} ({r['events']})" for r in off_map.head(8).iter_rows(named=True))
            ax.text(0, -0.13, f"off the map: {names}", transform=ax.transAxes, fontsize=7, color="#666")
        ax.set_xlabel("longitude (°E)")
        ax.set_ylabel("latitude (°N)")
        ax.set_title(title, loc="left")
        ax.scatter([], [], c="#c0392b", label="with strikes")
        ax.scatter([], [], c="#2c7fb8", label="other events")
        ax.legend(loc="lower left", fontsize=7, frameon=True)
        return _png(fig)


def _weighted_median(values: list[float], weights: list[float]) -> float:
    pairs = sorted(zip(values, weights, strict=True))
    half, acc = sum(weights) / 2, 0.0
    for v, w in pairs:
        acc += w
        if acc >= half:
            return v
    return pairs[-1][0]
