-- Provenance holds: the evidence is the article text between the mention's offsets (0-based, end exclusive).
-- A warning, since a re-extracted article can drift from mentions coded on the old text until re-coded.
{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'stg_event_mentions'}}}) }}
select m.mention_id, m.article_id, m.char_start, m.char_end, m.evidence,
       substring(a.article_text, m.char_start + 1, m.char_end - m.char_start) as text_at_offsets
from {{ ref('stg_event_mentions') }} as m
join {{ ref('stg_articles') }} as a using (article_id)
where m.char_start is not null and m.char_end is not null and m.evidence is not null
  and a.article_text is not null
  and substring(a.article_text, m.char_start + 1, m.char_end - m.char_start) <> m.evidence
