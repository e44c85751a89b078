-- Week x country x admin1 x event type, with the admin1 centroid for maps. Events without a resolved
-- admin1 are kept with admin1 NULL (country NULL too when the place is unknown).
with events as (
    select
        {{ week_start('event_date') }} as week_start,
        country_iso3,
        admin1,
        event_type,
        fatalities,
        injured,
        num_articles
    from {{ ref('fct_events') }}
)

select
    e.week_start,
    e.country_iso3,
    e.admin1,
    e.event_type,
    cast(count(*) as integer)                       as events,
    cast(coalesce(sum(e.fatalities), 0) as integer) as fatalities,
    cast(coalesce(sum(e.injured), 0) as integer)    as injured,
    any_value(c.latitude)                           as admin1_latitude,
    any_value(c.longitude)                          as admin1_longitude
from events as e
left join {{ ref('int_admin1_centroids') }} as c
  on c.admin1 = e.admin1 and c.country_iso3 is not distinct from e.country_iso3
group by e.week_start, e.country_iso3, e.admin1, e.event_type
