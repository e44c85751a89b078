"""The rows behind the charts: read from the dbt marts with plain SQL (any DuckDB connection)."""

from __future__ import annotations

import polars as pl


def has_table(conn, name: str, schema: str = "main") -> bool:
    return bool(conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [schema, name]).fetchall()[0][0])


def recent_strikes(conn, weeks: int = 12) -> pl.DataFrame:
    """strikes_per_faction_week for the last `weeks` weeks of data (not of the calendar: an archive
    corpus from 2017 still gets a chart)."""
    if not has_table(conn, "strikes_per_faction_week"):
        return pl.DataFrame(schema={"week_start": pl.Date, "faction": pl.String, "strikes": pl.Int32})
    return conn.sql(f"""
        SELECT week_start, faction, alliance, strikes, fatalities, injured, events, articles
        FROM strikes_per_faction_week
        WHERE week_start > (SELECT max(week_start) FROM strikes_per_faction_week) - INTERVAL {int(weeks)} WEEK
        ORDER BY week_start, faction""").pl()


def event_points(conn, limit: int = 5000) -> pl.DataFrame:
    """One row per located place with its events: name, admin1, country, lat/lon, events, fatalities."""
    if not has_table(conn, "fct_events"):
        return pl.DataFrame(schema={"location_name": pl.String, "latitude": pl.Float64, "longitude": pl.Float64,
                                    "events": pl.Int64})
    return conn.sql(f"""
        SELECT location_name, admin1, country_iso3, CAST(latitude AS DOUBLE) AS latitude,
               CAST(longitude AS DOUBLE) AS longitude,
               count(*) AS events, coalesce(sum(fatalities), 0) AS fatalities,
               count(*) FILTER (WHERE event_type IN ('air_strike', 'shelling')) AS strikes,
               max(event_date) AS last_event
        FROM fct_events WHERE latitude IS NOT NULL AND longitude IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, location_name LIMIT {int(limit)}""").pl()


def admin1_centroids(conn) -> pl.DataFrame:
    if not has_table(conn, "int_admin1_centroids"):
        return pl.DataFrame(schema={"admin1": pl.String, "latitude": pl.Float64, "longitude": pl.Float64})
    return conn.sql("SELECT country_iso3, admin1, latitude, longitude FROM int_admin1_centroids "
                    "WHERE latitude IS NOT NULL").pl()
