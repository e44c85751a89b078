-- One row per event. An event is a group of mentions (int_event_clusters); today one mention each.
-- Descriptive columns come from the event's representative mention (highest confidence, then the earliest
-- published article, then mention_id); casualties follow ACLED's conservative rule (lowest reported figure).
with mentions as (
    select c.event_id, m.*
    from {{ ref('int_event_clusters') }} as c
    join {{ ref('int_event_mentions_enriched') }} as m using (mention_id)
),

representative as (
    select *
    from mentions
    qualify row_number() over (
        partition by event_id
        order by confidence desc nulls last, published asc nulls last, mention_id
    ) = 1
),

rollup as (
    select
        event_id,
        min(fatalities)                   as fatalities,
        min(injured)                      as injured,
        max(confidence)                   as confidence,
        bool_and(hedged)                  as hedged,
        count(*)                          as num_mentions,
        count(distinct article_id)        as num_articles,
        count(distinct coalesce(source_name, url, article_id)) as num_sources
    from mentions
    group by event_id
)

select
    r.event_id,
    r.event_date,
    {{ week_start('r.event_date') }}        as week_start,
    r.event_type,
    r.sub_event_type,
    r.actor_id,
    r.actor_name,
    coalesce(r.actor_name, 'Unknown')       as faction,
    r.actor_alliance                        as alliance,
    r.target_id,
    r.target_name,
    r.target_alliance,
    r.place_id,
    r.location_name,
    r.admin1,
    r.country_iso3,
    r.latitude,
    r.longitude,
    r.geo_precision,
    r.date_precision,
    cast(g.fatalities as integer)           as fatalities,
    cast(g.injured as integer)              as injured,
    g.confidence,
    g.hedged,
    r.article_id,
    r.url,
    r.source_name,
    r.published,
    cast(g.num_mentions as integer)         as num_mentions,
    cast(g.num_articles as integer)         as num_articles,
    cast(g.num_sources as integer)          as num_sources
from representative as r
join rollup as g using (event_id)
