-- Canonical actors with their parent, current alliance, alliance history and event activity.
with alliances as (
    select
        actor_id,
        max(alliance) filter (where is_current)                                   as current_alliance,
        string_agg(alliance || ' [' || valid_from || ', ' || coalesce(cast(valid_to as varchar), '') || ')', '; '
                   order by valid_from)                                           as alliance_history,
        count(*)                                                                  as num_alliance_periods
    from {{ ref('stg_actor_alliances') }}
    group by actor_id
),

as_attacker as (
    select actor_id, count(*) as events_as_attacker,
           count(*) filter (where event_type in ('air_strike', 'shelling')) as strikes,
           min(event_date) as first_event_date, max(event_date) as last_event_date
    from {{ ref('fct_events') }}
    where actor_id is not null
    group by actor_id
),

as_target as (
    select target_id as actor_id, count(*) as events_as_target
    from {{ ref('fct_events') }}
    where target_id is not null
    group by target_id
)

select
    a.actor_id,
    a.actor_name,
    a.actor_type,
    a.country_iso3,
    a.parent_id,
    p.actor_name                                        as parent_name,
    al.current_alliance,
    al.alliance_history,
    cast(coalesce(al.num_alliance_periods, 0) as integer) as num_alliance_periods,
    cast(coalesce(t.events_as_attacker, 0) as integer)  as events_as_attacker,
    cast(coalesce(t.strikes, 0) as integer)             as strikes,
    cast(coalesce(tg.events_as_target, 0) as integer)   as events_as_target,
    t.first_event_date,
    t.last_event_date,
    a.dictionary_version
from {{ ref('stg_actors') }} as a
left join {{ ref('stg_actors') }} as p on p.actor_id = a.parent_id
left join alliances as al on al.actor_id = a.actor_id
left join as_attacker as t on t.actor_id = a.actor_id
left join as_target as tg on tg.actor_id = a.actor_id
