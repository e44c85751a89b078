-- Every mart week lies between the week of the first and the week of the last event, and starts on the
-- configured weekday (var week_start_day).
-- (meta.dagster.ref: the Dagster asset this check is shown on; the test reads several models)
{{ config(meta={'dagster': {'ref': {'name': 'strikes_per_faction_week'}}}) }}
with bounds as (
    select {{ week_start('min(event_date)') }} as first_week, {{ week_start('max(event_date)') }} as last_week
    from {{ ref('fct_events') }}
),

weeks as (
    select 'fct_events' as relation, week_start from {{ ref('fct_events') }}
    union all
    select 'strikes_per_faction_week', week_start from {{ ref('strikes_per_faction_week') }}
    union all
    select 'dyads_week', week_start from {{ ref('dyads_week') }}
    union all
    select 'events_by_admin1_week', week_start from {{ ref('events_by_admin1_week') }}
)

select w.relation, w.week_start, b.first_week, b.last_week
from weeks as w
cross join bounds as b
where w.week_start is null
   or w.week_start < b.first_week
   or w.week_start > b.last_week
   or w.week_start <> {{ week_start('w.week_start') }}
