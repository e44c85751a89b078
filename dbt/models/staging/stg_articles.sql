-- Extracted article text and metadata, one row per article.
select
    cast(article_id as varchar)         as article_id,
    cast(page_id as varchar)            as page_id,
    cast(url as varchar)                as article_url,
    cast(source_name as varchar)        as source_name,
    cast(title as varchar)              as title,
    cast(published as date)             as published,
    cast(author as varchar)             as author,
    cast(sitename as varchar)           as sitename,
    cast(language as varchar)           as language,
    cast(text as varchar)               as article_text,
    cast(length(text) as integer)       as text_chars,
    cast(text_hash as varchar)          as text_hash,
    cast(content_hash as varchar)       as content_hash,
    cast(extractor_version as varchar)  as extractor_version,
    cast(extracted_at as timestamp)     as extracted_at,
    cast(comments as varchar)           as reader_comments
from {{ source('raw', 'articles') }}
