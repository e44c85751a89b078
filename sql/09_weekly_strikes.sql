-- Question: the weekly strikes table — strikes per week (rows) per attacking faction (columns), with a total.
-- Source:   main.strikes_per_faction_week ('Unknown' = unresolved attacker). Weeks start on the dbt var
--           week_start_day of the last build (Monday by default, Saturday for ACLED weeks).
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/09_weekly_strikes.sql
--           uv run python sql/run.py sql/09_weekly_strikes.sql
with wide as (
    pivot (select week_start, faction, strikes from main.strikes_per_faction_week)
    on faction
    using cast(coalesce(sum(strikes), 0) as integer)
    group by week_start
),

totals as (
    select week_start, cast(sum(strikes) as bigint) as total_strikes, cast(sum(fatalities) as bigint) as total_fatalities
    from main.strikes_per_faction_week
    group by week_start
)

select t.week_start, t.total_strikes, t.total_fatalities, w.* exclude (week_start)
from totals as t
join wide as w using (week_start)
order by t.week_start;
