-- No negative fatalities or injured anywhere from the mentions to the marts.
-- (meta.dagster.ref: the Dagster asset this check is shown on; the test reads several models)
{{ config(meta={'dagster': {'ref': {'name': 'fct_events'}}}) }}
select 'stg_event_mentions' as relation, mention_id as row_key, fatalities, injured
from {{ ref('stg_event_mentions') }} where fatalities < 0 or injured < 0
union all
select 'fct_events', event_id, fatalities, injured
from {{ ref('fct_events') }} where fatalities < 0 or injured < 0
union all
select 'strikes_per_faction_week', week_start || ' ' || faction, fatalities, injured
from {{ ref('strikes_per_faction_week') }} where fatalities < 0 or injured < 0
union all
select 'dyads_week', week_start || ' ' || faction || ' -> ' || target_faction, fatalities, injured
from {{ ref('dyads_week') }} where fatalities < 0 or injured < 0
union all
select 'events_by_admin1_week', week_start || ' ' || coalesce(admin1, '?') || ' ' || event_type, fatalities, injured
from {{ ref('events_by_admin1_week') }} where fatalities < 0 or injured < 0
