-- Attacker faction x target faction x week: who hit whom, how often, with what toll (all event types).
select
    {{ week_start('event_date') }}                                  as week_start,
    coalesce(faction, 'Unknown')                                    as faction,
    coalesce(target_name, 'Unknown')                                as target_faction,
    arg_max(alliance, event_date)                                   as alliance,
    arg_max(target_alliance, event_date)                            as target_alliance,
    cast(count(*) as integer)                                       as events,
    cast(count(*) filter (where event_type in ('air_strike', 'shelling')) as integer) as strikes,
    cast(coalesce(sum(fatalities), 0) as integer)                   as fatalities,
    cast(coalesce(sum(injured), 0) as integer)                      as injured
from {{ ref('fct_events') }}
group by all
