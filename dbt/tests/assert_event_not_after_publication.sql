-- An event cannot happen after the first article reporting it was published (one day of slack for time zones).
-- A warning: a mis-parsed date ("Friday" read as next Friday) should be looked at, not block the marts.
{{ config(severity='warn') }}
select event_id, event_date, first_seen, published, article_id, url
from {{ ref('fct_events') }}
where first_seen is not null
  and event_date > first_seen + 1
