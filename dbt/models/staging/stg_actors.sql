-- Canonical actors from the actor dictionary.
select
    cast(actor_id as varchar)           as actor_id,
    cast(name as varchar)               as actor_name,
    cast(actor_type as varchar)         as actor_type,
    cast(country_iso3 as varchar)       as country_iso3,
    cast(parent_id as varchar)          as parent_id,
    cast(dictionary_version as varchar) as dictionary_version
from {{ source('raw', 'actors') }}
