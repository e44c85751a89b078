-- Actor/place strings the normalizer could not map to a canonical id, per article.
select
    lower(trim(cast(kind as varchar)))  as kind,
    cast(raw_text as varchar)           as raw_text,
    cast(article_id as varchar)         as article_id,
    cast(mentions as integer)           as mentions,
    cast(seen_at as timestamp)          as seen_at
from {{ source('raw', 'unresolved_mentions') }}
