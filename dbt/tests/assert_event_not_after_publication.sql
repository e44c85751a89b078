-- An event cannot happen after the article reporting it was published (one day of slack for time zones).
-- A warning: a mis-parsed date ("Friday" read as next Friday) should be looked at, not block the marts.
{{ config(severity='warn') }}
select event_id, event_date, published, article_id, url
from {{ ref('fct_events') }}
where published is not null
  and event_date > published + 1
