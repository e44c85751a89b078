-- Question: where do strikes (air/drone strikes and shelling) land, by governorate (admin1), and who strikes there?
-- Source:   main.fct_events. Events whose place is unresolved or coarser than admin1 show admin1 NULL.
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/02_strikes_by_governorate.sql
--           uv run python sql/run.py sql/02_strikes_by_governorate.sql
select
    country_iso3,
    admin1                                                   as governorate,
    count(*)                                                 as strikes,
    count(*) filter (where event_type = 'air_strike')        as air_strikes,
    count(*) filter (where event_type = 'shelling')          as shelling,
    coalesce(cast(sum(fatalities) as bigint), 0)                             as fatalities,
    coalesce(cast(sum(injured) as bigint), 0)                                as injured,
    string_agg(distinct faction, ', ' order by faction)      as factions,
    min(event_date)                                          as first_strike,
    max(event_date)                                          as last_strike
from main.fct_events
where event_type in ('air_strike', 'shelling')
group by country_iso3, admin1
order by strikes desc, fatalities desc, country_iso3, governorate;
