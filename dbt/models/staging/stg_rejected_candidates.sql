-- Event candidates the coder rejected (threats, plans, denials, background...), kept for inspection.
select
    cast(candidate_id as varchar)       as candidate_id,
    cast(article_id as varchar)         as article_id,
    cast(coder_version as varchar)      as coder_version,
    cast(sentence_index as integer)     as sentence_index,
    cast(char_start as integer)         as char_start,
    cast(char_end as integer)           as char_end,
    cast("trigger" as varchar)          as trigger_text,
    lower(trim(cast(reason as varchar))) as reason,
    cast(evidence as varchar)           as evidence
from {{ source('raw', 'rejected_candidates') }}
