-- strikes_per_faction_week adds up to the strike events of fct_events (count and fatalities).
-- (meta.dagster.ref: the Dagster asset this check is shown on; the test reads several models)
{{ config(meta={'dagster': {'ref': {'name': 'strikes_per_faction_week'}}}) }}
with mart as (
    select sum(strikes) as strikes, sum(fatalities) as fatalities from {{ ref('strikes_per_faction_week') }}
),

fct as (
    select count(*) as strikes, coalesce(sum(fatalities), 0) as fatalities
    from {{ ref('fct_events') }}
    where event_type in ('air_strike', 'shelling')
)

select mart.strikes as mart_strikes, fct.strikes as fct_strikes,
       mart.fatalities as mart_fatalities, fct.fatalities as fct_fatalities
from mart cross join fct
where coalesce(mart.strikes, 0) <> fct.strikes or coalesce(mart.fatalities, 0) <> fct.fatalities
