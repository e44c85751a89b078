-- One row per event: the mentions int_event_clusters groups together (cross-outlet dedup).
-- Each group of descriptive columns comes from the best mention that has it (rank: most specific first, then
-- highest confidence, a coded date, the earliest publication, mention_id): the date and type from the best
-- mention overall, the attacker (+ its alliance) from the best mention with a resolved attacker, the target
-- likewise, the place from the best mention with the finest place. Casualties follow ACLED's conservative
-- rule -- the lowest reported figure -- and keep the reported range (fatalities_min/max, injured_min/max).
with mentions as (
    select
        c.event_id,
        m.*,
        (m.actor_id is not null)::int + (m.target_id is not null)::int
            + (m.place_id is not null and coalesce(m.feature_kind, '') not in ('admin1', 'country'))::int
            as specificity
    from {{ ref('int_event_clusters') }} as c
    join {{ ref('int_event_mentions_enriched') }} as m using (mention_id)
),

ranked as (
    select
        *,
        row_number() over (
            partition by event_id
            order by specificity desc, confidence desc nulls last, event_date_imputed asc nulls last,
                     published asc nulls last, mention_id
        ) as mention_rank
    from mentions
),

representative as (
    select * from ranked where mention_rank = 1
),

attacker as (
    select event_id, actor_id, actor_name, actor_alliance
    from ranked where actor_id is not null
    qualify row_number() over (partition by event_id order by mention_rank) = 1
),

target as (
    select event_id, target_id, target_name, target_alliance
    from ranked where target_id is not null
    qualify row_number() over (partition by event_id order by mention_rank) = 1
),

place as (
    select event_id, place_id, location_name, admin1, country_iso3, latitude, longitude, geo_precision
    from ranked where place_id is not null
    qualify row_number() over (
        partition by event_id
        order by case feature_kind when 'populated_place' then 0 when 'feature' then 0 when 'admin1' then 1
                                   when 'country' then 2 else 3 end,
                 mention_rank) = 1
),

rollup as (
    select
        event_id,
        min(fatalities)                                   as fatalities_min,
        max(fatalities)                                   as fatalities_max,
        min(injured)                                      as injured_min,
        max(injured)                                      as injured_max,
        max(confidence)                                   as confidence,
        bool_and(hedged)                                  as hedged,
        min(event_date)                                   as event_date_min,
        max(event_date)                                   as event_date_max,
        min(coalesce(published, cast(coded_at as date)))  as first_seen,
        max(coalesce(published, cast(coded_at as date)))  as last_seen,
        count(*)                                          as num_mentions,
        count(distinct article_id)                        as num_articles,
        count(distinct outlet)                            as num_sources,
        list(distinct coalesce(url, article_id) order by coalesce(url, article_id)) as source_urls,
        list(distinct outlet order by outlet)             as outlets
    from mentions
    group by event_id
)

select
    r.event_id,
    r.event_date,
    {{ week_start('r.event_date') }}        as week_start,
    r.event_type,
    r.sub_event_type,
    a.actor_id,
    a.actor_name,
    coalesce(a.actor_name, 'Unknown')       as faction,
    a.actor_alliance                        as alliance,
    t.target_id,
    t.target_name,
    t.target_alliance,
    p.place_id,
    p.location_name,
    p.admin1,
    p.country_iso3,
    p.latitude,
    p.longitude,
    p.geo_precision,
    r.date_precision,
    cast(g.fatalities_min as integer)       as fatalities,
    cast(g.injured_min as integer)          as injured,
    cast(g.fatalities_min as integer)       as fatalities_min,
    cast(g.fatalities_max as integer)       as fatalities_max,
    cast(g.injured_min as integer)          as injured_min,
    cast(g.injured_max as integer)          as injured_max,
    g.confidence,
    g.hedged,
    r.article_id,
    r.url,
    r.source_name,
    r.published,
    g.event_date_min,
    g.event_date_max,
    g.first_seen,
    g.last_seen,
    cast(g.num_mentions as integer)         as num_mentions,
    cast(g.num_articles as integer)         as num_articles,
    cast(g.num_sources as integer)          as num_sources,
    g.source_urls,
    g.outlets
from representative as r
join rollup as g using (event_id)
left join attacker as a using (event_id)
left join target as t using (event_id)
left join place as p using (event_id)
