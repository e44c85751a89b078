-- Which mentions make up which event: mention_id -> event_id.
-- For now every mention kept is its own event (event_id = mention_id). A cross-outlet dedup that groups
-- mentions of the same happening across articles replaces only this model: fct_events, fct_event_mentions
-- and the marts aggregate by event_id and need no change.
select
    mention_id,
    mention_id as event_id,
    'singleton' as cluster_method
from {{ ref('int_event_mentions_enriched') }}
where coalesce(confidence, 0) >= {{ var('min_confidence', 0) }}
  and event_date is not null
