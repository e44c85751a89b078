-- Dedup never chains: every event's mentions lie within 2 * var('dedup_max_days') days of each other, and every
-- member is within dedup_max_days of its seed mention (seed anchoring, not transitive closure).
{{ config(meta={'dagster': {'ref': {'name': 'int_event_clusters'}}}) }}
select c.event_id, c.mention_id, c.anchor_mention_id, m.event_date, s.event_date as seed_date
from {{ ref('int_event_clusters') }} as c
join {{ ref('int_event_mentions_enriched') }} as m on m.mention_id = c.mention_id
join {{ ref('int_event_mentions_enriched') }} as s on s.mention_id = c.anchor_mention_id
where c.cluster_method = 'anchor'
  and abs(m.event_date - s.event_date) > {{ var('dedup_max_days', 1) }}
