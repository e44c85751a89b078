-- Gazetteer places referenced by mentions.
select
    cast(place_id as varchar)           as place_id,
    cast(geonameid as bigint)           as geonameid,
    cast(name as varchar)               as place_name,
    cast(feature_kind as varchar)       as feature_kind,
    cast(country_iso3 as varchar)       as country_iso3,
    -- an admin1 feature is its own admin1 when the gazetteer leaves the column empty
    cast(coalesce(admin1, case when feature_kind = 'admin1' then name end) as varchar) as admin1,
    cast(admin1_code as varchar)        as admin1_code,
    cast(latitude as double)            as latitude,
    cast(longitude as double)           as longitude,
    cast(population as bigint)          as population
from {{ source('raw', 'places') }}
