-- Alliance membership over valid time: [valid_from, valid_to), valid_to NULL = still in force.
select
    cast(actor_id as varchar)           as actor_id,
    cast(alliance as varchar)           as alliance,
    cast(valid_from as date)            as valid_from,
    cast(valid_to as date)              as valid_to,
    cast(valid_to is null as boolean)   as is_current,
    cast(dictionary_version as varchar) as dictionary_version
from {{ source('raw', 'actor_alliances') }}
