-- Question: how did each faction's strikes change from one week to the next (weeks without strikes count as 0)?
-- Source:   main.strikes_per_faction_week on a complete week x faction grid between the first and last week
--           of the data. Weeks start on the dbt var week_start_day used at build time (Monday by default).
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/03_week_over_week_by_faction.sql
--           uv run python sql/run.py sql/03_week_over_week_by_faction.sql
with bounds as (
    select min(week_start) as first_week, max(week_start) as last_week from main.fct_events
),

weeks as (
    select cast(unnest(generate_series(first_week, last_week, interval 7 day)) as date) as week_start
    from bounds
),

factions as (
    select distinct faction from main.strikes_per_faction_week
),

grid as (
    select w.week_start, f.faction, coalesce(s.strikes, 0) as strikes, coalesce(s.fatalities, 0) as fatalities
    from weeks as w
    cross join factions as f
    left join main.strikes_per_faction_week as s using (week_start, faction)
)

select
    faction,
    week_start,
    strikes,
    lag(strikes) over w                                      as prev_week_strikes,
    strikes - lag(strikes) over w                            as change,
    round(100.0 * (strikes - lag(strikes) over w) / nullif(lag(strikes) over w, 0), 1) as change_pct,
    fatalities,
    fatalities - lag(fatalities) over w                      as fatalities_change
from grid
window w as (partition by faction order by week_start)
order by faction, week_start;
