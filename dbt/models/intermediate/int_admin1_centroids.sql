-- A point per (country, admin1) for maps: the admin1 feature's own coordinates when the gazetteer has it,
-- else the mean of the gazetteer's places in that admin1.
with places as (
    select * from {{ ref('stg_places') }}
    where admin1 is not null and latitude is not null and longitude is not null
),

features as (
    select country_iso3, admin1, avg(latitude) as latitude, avg(longitude) as longitude
    from places
    where feature_kind = 'admin1'
    group by all
),

member_means as (
    select country_iso3, admin1, avg(latitude) as latitude, avg(longitude) as longitude
    from places
    group by all
)

select
    mm.country_iso3,
    mm.admin1,
    coalesce(f.latitude, mm.latitude)   as latitude,
    coalesce(f.longitude, mm.longitude) as longitude,
    case when f.admin1 is not null then 'admin1_feature' else 'mean_of_places' end as centroid_method
from member_means as mm
left join features as f
  on f.admin1 = mm.admin1 and f.country_iso3 is not distinct from mm.country_iso3
