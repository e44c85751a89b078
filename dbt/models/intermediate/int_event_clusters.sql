-- Cross-outlet deduplication: which mentions report the same happening -> one event_id.
--
-- Two mentions are COMPATIBLE when they come from different articles and
--   * same event family (air_strike / shelling / explosion are one family; any other type is its own),
--   * attackers compatible (equal, or one side unresolved) and targets compatible (same rule),
--   * same country + admin1, and the same place, or one side only known to admin1 precision, or the
--     two places within var('dedup_max_km') (25 km),
--   * event dates at most var('dedup_max_days') (1) apart.
-- Mentions without a place, or placed only at country level, are matched only to the same place_id.
--
-- Clustering = SEED ANCHORING (greedy leader clustering), not transitive closure. Mentions are ranked: most
-- specific first (resolved attacker, resolved target, place finer than admin1), then confidence, a coded (not
-- imputed) date, the earliest publication, mention_id. Going down that ranking, a mention with no compatible
-- seed above it becomes a SEED; every other mention joins the best-ranked compatible seed. So every member of
-- an event is directly compatible with its seed: an event spans at most 2 * dedup_max_days days and
-- 2 * dedup_max_km km, and a chain of daily strikes (day 1 ~ day 2 ~ ... ~ day 5) is not merged into one
-- event the way connected components would merge it. Specific mentions rank first so that a vague one ("an
-- air strike in Idlib province") joins a specific seed instead of pulling unrelated mentions together.
-- The greedy pass runs in parallel rounds (round k: open mentions with no better-ranked open neighbour become
-- seeds, their open neighbours join them), which gives exactly the sequential result. The rounds are unrolled
-- var('dedup_rounds') times (default 10: chains of ~20 back-to-back mentions); mentions still open after the
-- last round anchor on their best-ranked open neighbour (same bound: members compatible with one anchor).
-- An event keeps at most one mention per article (dedup inside an article is the coder's job): a second
-- mention of the same article under one seed stays its own event.
-- event_id = the smallest mention_id in the event: deterministic and independent of run order.
{{ config(materialized='table') }}

{%- set max_days = var('dedup_max_days', 1) %}
{%- set max_km = var('dedup_max_km', 25) %}
{%- set rounds = var('dedup_rounds', 10) | int %}

with mentions as materialized (
    select
        mention_id,
        article_id,
        event_family,
        event_date,
        actor_id,
        target_id,
        place_id,
        latitude,
        longitude,
        feature_kind,
        -- blocking key: mentions can only match inside the same admin1 (or the same coarse place)
        case when admin1 is not null then coalesce(country_iso3, '?') || '/' || admin1 else place_id end as block,
        coalesce(feature_kind = 'admin1', false) as admin1_only,
        row_number() over (
            order by
                (actor_id is not null)::int + (target_id is not null)::int
                    + (place_id is not null and coalesce(feature_kind, '') not in ('admin1', 'country'))::int desc,
                confidence desc nulls last,
                event_date_imputed asc nulls last,
                published asc nulls last,
                mention_id
        ) as anchor_rank
    from {{ ref('int_event_mentions_enriched') }}
    where coalesce(confidence, 0) >= {{ var('min_confidence', 0) }}
      and event_date is not null
),

neighbours as materialized (
    select a.mention_id, b.mention_id as neighbour_id, b.anchor_rank as neighbour_rank
    from mentions as a
    -- equi-join on (block, family, day): each mention is offered on every day of its +-max_days window, so
    -- the join is a hash join on three keys instead of a range filter over whole admin1 blocks
    join (
        select m.*, cast(m.event_date + cast(d.shift as integer) as date) as window_day
        from mentions as m
        cross join range(-{{ max_days }}, {{ max_days }} + 1) as d(shift)
    ) as b
      on a.block = b.block
     and a.event_family = b.event_family
     and a.event_date = b.window_day
    where a.article_id <> b.article_id
      and (a.actor_id is null or b.actor_id is null or a.actor_id = b.actor_id)
      and (a.target_id is null or b.target_id is null or a.target_id = b.target_id)
      and (
            a.place_id = b.place_id
         or a.admin1_only or b.admin1_only
         or {{ haversine_km('a.latitude', 'a.longitude', 'b.latitude', 'b.longitude') }} <= {{ max_km }}
      )
),

-- the rounds only carry what is still open: open mentions and the edges between them shrink round by round
open_1 as materialized (
    select mention_id, anchor_rank from mentions
),

edges_1 as materialized (
    select * from neighbours
),
{% for k in range(1, rounds + 1) %}
seeds_{{ k }} as materialized (
    select o.mention_id
    from open_{{ k }} as o
    where not exists (
        select 1 from edges_{{ k }} as n
        where n.mention_id = o.mention_id and n.neighbour_rank < o.anchor_rank
    )
),

joins_{{ k }} as materialized (
    select n.mention_id, arg_min(n.neighbour_id, n.neighbour_rank) as anchor_id
    from edges_{{ k }} as n
    join seeds_{{ k }} as s on s.mention_id = n.neighbour_id
    group by n.mention_id
),

open_{{ k + 1 }} as materialized (
    select o.*
    from open_{{ k }} as o
    where o.mention_id not in (select mention_id from seeds_{{ k }})
      and o.mention_id not in (select mention_id from joins_{{ k }})
),

edges_{{ k + 1 }} as materialized (
    select n.*
    from edges_{{ k }} as n
    where n.mention_id in (select mention_id from open_{{ k + 1 }})
      and n.neighbour_id in (select mention_id from open_{{ k + 1 }})
),
{% endfor %}
decided as (
{%- for k in range(1, rounds + 1) %}
    select mention_id, mention_id as anchor_id, {{ k }} as cluster_round from seeds_{{ k }}
    union all
    select mention_id, anchor_id, {{ k }} from joins_{{ k }}
    {%- if not loop.last %}
    union all
    {%- endif %}
{%- endfor %}
),

-- after the last round: anchor on the best-ranked of itself and its still-open neighbours
leftover as (
    select
        o.mention_id,
        case when min(n.neighbour_rank) < o.anchor_rank
             then arg_min(n.neighbour_id, n.neighbour_rank) else o.mention_id end as anchor_id,
        -1 as cluster_round
    from open_{{ rounds + 1 }} as o
    left join edges_{{ rounds + 1 }} as n on n.mention_id = o.mention_id
    group by o.mention_id, o.anchor_rank
),

anchored as (
    select m.mention_id, m.article_id, m.event_date, m.anchor_rank, d.anchor_id, d.cluster_round
    from mentions as m
    join (select * from decided union all select * from leftover) as d using (mention_id)
),

-- one mention per article per anchor: the anchor itself, else the one closest in date, then best ranked
one_per_article as (
    select
        a.*,
        row_number() over (
            partition by a.anchor_id, a.article_id
            order by (a.mention_id = a.anchor_id) desc, abs(a.event_date - anchor.event_date), a.anchor_rank
        ) as nth_in_article
    from anchored as a
    join anchored as anchor on anchor.mention_id = a.anchor_id
),

grouped as (
    select
        mention_id,
        case when nth_in_article = 1 then anchor_id else mention_id end as anchor_mention_id,
        nth_in_article = 1 as kept_with_anchor,
        cluster_round
    from one_per_article
)

select
    mention_id,
    min(mention_id) over (partition by anchor_mention_id, kept_with_anchor)          as event_id,
    case when count(*) over (partition by anchor_mention_id, kept_with_anchor) > 1
         then 'anchor' else 'singleton' end                                         as cluster_method,
    anchor_mention_id,
    cast(cluster_round as integer)                                                    as cluster_round,
    cast(count(*) over (partition by anchor_mention_id, kept_with_anchor) as integer) as cluster_size
from grouped
