-- Gazetteer places with their admin1 centroid and event activity.
with activity as (
    select place_id, count(*) as events, coalesce(sum(fatalities), 0) as fatalities,
           min(event_date) as first_event_date, max(event_date) as last_event_date
    from {{ ref('fct_events') }}
    where place_id is not null
    group by place_id
)

select
    p.place_id,
    p.geonameid,
    p.place_name,
    p.feature_kind,
    p.country_iso3,
    p.admin1,
    p.admin1_code,
    p.latitude,
    p.longitude,
    p.population,
    c.latitude                                  as admin1_latitude,
    c.longitude                                 as admin1_longitude,
    cast(coalesce(a.events, 0) as integer)      as events,
    cast(coalesce(a.fatalities, 0) as integer)  as fatalities,
    a.first_event_date,
    a.last_event_date
from {{ ref('stg_places') }} as p
left join {{ ref('int_admin1_centroids') }} as c
  on c.admin1 = p.admin1 and c.country_iso3 is not distinct from p.country_iso3
left join activity as a on a.place_id = p.place_id
