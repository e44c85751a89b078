-- Air/drone strikes and shelling per attacking faction per week. Rows only for weeks/factions with strikes.
-- `events` counts all of the faction's events that week (any type); the other measures cover strikes only;
-- `articles` counts distinct articles reporting those strikes (through fct_event_mentions).
-- The week is recomputed from event_date with the week_start macro, so var('week_start_day') applies here.
with events as (
    select
        {{ week_start('event_date') }}              as week_start,
        coalesce(faction, 'Unknown')                as faction,
        alliance,
        event_type in ('air_strike', 'shelling')    as is_strike,
        event_date,
        event_id,
        fatalities,
        injured
    from {{ ref('fct_events') }}
),

strike_articles as (
    select e.week_start, e.faction, count(distinct em.article_id) as articles
    from events as e
    join {{ ref('fct_event_mentions') }} as em using (event_id)
    where e.is_strike
    group by all
),

weekly as (
    select
        week_start,
        faction,
        -- the alliance in force at the faction's latest strike of the week
        arg_max(alliance, event_date) filter (where is_strike)                as alliance,
        count(*) filter (where is_strike)                                     as strikes,
        coalesce(sum(fatalities) filter (where is_strike), 0)                 as fatalities,
        coalesce(sum(injured) filter (where is_strike), 0)                    as injured,
        count(*)                                                              as events
    from events
    group by week_start, faction
    having count(*) filter (where is_strike) > 0
)

select
    w.week_start,
    w.faction,
    w.alliance,
    cast(w.strikes as integer)                  as strikes,
    cast(w.fatalities as integer)               as fatalities,
    cast(w.injured as integer)                  as injured,
    cast(w.events as integer)                   as events,
    cast(coalesce(a.articles, 0) as integer)    as articles
from weekly as w
left join strike_articles as a using (week_start, faction)
