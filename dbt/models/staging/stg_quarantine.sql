-- Items that failed a stage (fetch | extract | code), with the reason.
select
    cast(item_id as varchar)            as item_id,
    lower(trim(cast(stage as varchar))) as stage,
    cast(source_name as varchar)        as source_name,
    cast(url as varchar)                as url,
    cast(reason as varchar)             as reason,
    cast(detail as varchar)             as detail,
    cast(first_seen as timestamp)       as first_seen,
    cast(last_seen as timestamp)        as last_seen
from {{ source('raw', 'quarantine') }}
