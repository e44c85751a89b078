-- Question: which attacker -> target pairs (dyads) account for the most events, and with what toll?
-- Source:   main.dyads_week (dbt mart; 'Unknown' = unresolved side), summed over all weeks.
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/01_top_dyads.sql
--           uv run python sql/run.py sql/01_top_dyads.sql
select
    faction                                  as attacker,
    target_faction                           as target,
    string_agg(distinct alliance, ', ')      as attacker_alliances,
    string_agg(distinct target_alliance, ', ') as target_alliances,
    cast(sum(events) as bigint)                              as events,
    cast(sum(strikes) as bigint)                             as strikes,
    cast(sum(fatalities) as bigint)                          as fatalities,
    cast(sum(injured) as bigint)                             as injured,
    count(*)                                 as active_weeks,
    min(week_start)                          as first_week,
    max(week_start)                          as last_week
from main.dyads_week
group by faction, target_faction
order by events desc, fatalities desc, attacker, target
limit 25;
