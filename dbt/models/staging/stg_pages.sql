-- One fetched page per canonical URL. The compressed HTML and the response headers stay in raw.pages.
select
    cast(page_id as varchar)            as page_id,
    cast(url as varchar)                as page_url,
    cast(source_name as varchar)        as source_name,
    cast(fetched_at as timestamp)       as fetched_at,
    cast(http_status as integer)        as http_status,
    cast(content_type as varchar)       as content_type,
    cast(content_hash as varchar)       as content_hash,
    cast(octet_length(html_zlib) as bigint) as html_zlib_bytes,
    cast(feed_title as varchar)         as feed_title,
    cast(feed_published as date)        as feed_published,
    cast(final_url as varchar)          as final_url,
    cast(canonical_url as varchar)      as canonical_url,
    cast(charset as varchar)            as charset,
    cast(etag as varchar)               as etag,
    cast(last_modified as varchar)      as last_modified,
    cast(text_fingerprint as varchar)   as text_fingerprint
from {{ source('raw', 'pages') }}
