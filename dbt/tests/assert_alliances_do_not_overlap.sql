-- An actor is in at most one alliance at a time. Overlaps are resolved (latest valid_from wins) in
-- int_event_mentions_enriched, so this only warns.
{{ config(severity='warn') }}
select a.actor_id, a.alliance, a.valid_from, a.valid_to, b.alliance as other_alliance, b.valid_from as other_from
from {{ ref('stg_actor_alliances') }} as a
join {{ ref('stg_actor_alliances') }} as b
  on a.actor_id = b.actor_id
 and (a.valid_from < b.valid_from or (a.valid_from = b.valid_from and a.alliance < b.alliance))
 and a.valid_from < coalesce(b.valid_to, date '9999-12-31')
 and b.valid_from < coalesce(a.valid_to, date '9999-12-31')
