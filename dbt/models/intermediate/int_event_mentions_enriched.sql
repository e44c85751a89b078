-- Every mention joined to its actors (with the alliance in force on the event date), its place and its article.
-- The event date falls back to the article's publication date when the coder found none (event_date_imputed).
-- A table, not a view: int_event_clusters, fct_events and fct_event_mentions all read it (1M mentions: ~2 s).
-- Kept a full rebuild rather than incremental on purpose: the alliance/actor/place joins change when the
-- dictionaries change (re-attribution) without the mention rows changing -- see dbt/README.md.
{{ config(materialized='table') }}
with mentions as (
    select
        m.*,
        coalesce(m.event_date, a.published) as effective_date,
        m.event_date is null and a.published is not null as event_date_imputed
    from {{ ref('stg_event_mentions') }} as m
    left join {{ ref('stg_articles') }} as a using (article_id)
),

-- Valid-time join: the membership with valid_from <= date < valid_to (NULL = open). Should two memberships
-- overlap (tested as a warning), the one that began last wins, so a mention never fans out.
actor_alliance as (
    select m.mention_id, al.alliance
    from mentions as m
    join {{ ref('stg_actor_alliances') }} as al
      on al.actor_id = m.actor_id
     and al.valid_from <= m.effective_date
     and (al.valid_to is null or m.effective_date < al.valid_to)
    qualify row_number() over (partition by m.mention_id order by al.valid_from desc, al.alliance) = 1
),

target_alliance as (
    select m.mention_id, al.alliance
    from mentions as m
    join {{ ref('stg_actor_alliances') }} as al
      on al.actor_id = m.target_id
     and al.valid_from <= m.effective_date
     and (al.valid_to is null or m.effective_date < al.valid_to)
    qualify row_number() over (partition by m.mention_id order by al.valid_from desc, al.alliance) = 1
)

select
    m.mention_id,
    m.article_id,
    m.coder_version,
    m.event_type,
    -- the dedup family: air/drone strikes, shelling and explosions are one (ACLED's remote violence)
    case when m.event_type in ('air_strike', 'shelling', 'explosion') then 'remote_violence'
         else coalesce(m.event_type, 'other') end as event_family,
    m.sub_event_type,
    m.trigger_text,
    m.effective_date                as event_date,
    m.event_date                    as coded_event_date,
    m.event_date_imputed,
    m.date_precision,
    m.date_raw,
    m.actor_raw,
    m.actor_id,
    actor.actor_name,
    actor.actor_type,
    aa.alliance                     as actor_alliance,
    m.associated_actor_raw,
    m.associated_actor_id,
    assoc.actor_name                as associated_actor_name,
    m.target_raw,
    m.target_id,
    target.actor_name               as target_name,
    target.actor_type               as target_type,
    ta.alliance                     as target_alliance,
    m.location_raw,
    m.place_id,
    p.place_name                    as location_name,
    p.feature_kind,
    p.admin1,
    p.admin1_code,
    p.country_iso3,
    p.latitude,
    p.longitude,
    m.geo_precision,
    m.fatalities,
    m.injured,
    m.confidence,
    m.hedged,
    m.sentence_index,
    m.char_start,
    m.char_end,
    m.evidence,
    m.coded_at,
    a.page_id,
    a.article_url                   as url,
    a.source_name,
    -- the outlet: host of the article URL without 'www.' (several outlets can share one source/feed)
    coalesce(nullif(regexp_extract(lower(a.article_url), '^[a-z][a-z0-9+.-]*://(www\.)?([^/:?#]+)', 2), ''),
             a.source_name, m.article_id) as outlet,
    a.title,
    a.published
from mentions as m
left join {{ ref('stg_articles') }} as a using (article_id)
left join {{ ref('stg_actors') }} as actor on actor.actor_id = m.actor_id
left join {{ ref('stg_actors') }} as assoc on assoc.actor_id = m.associated_actor_id
left join {{ ref('stg_actors') }} as target on target.actor_id = m.target_id
left join {{ ref('stg_places') }} as p on p.place_id = m.place_id
left join actor_alliance as aa on aa.mention_id = m.mention_id
left join target_alliance as ta on ta.mention_id = m.mention_id
