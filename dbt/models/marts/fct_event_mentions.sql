-- Bridge from events to the mentions (and so the articles and sources) that report them, with provenance.
select
    c.event_id,
    m.mention_id,
    c.cluster_method,
    m.article_id,
    m.source_name,
    m.url,
    m.title,
    m.published,
    m.page_id,
    m.sentence_index,
    m.char_start,
    m.char_end,
    m.evidence,
    m.trigger_text,
    m.actor_raw,
    m.target_raw,
    m.location_raw,
    m.date_raw,
    m.event_type,
    m.event_date,
    m.fatalities,
    m.injured,
    m.confidence,
    m.hedged,
    m.coder_version
from {{ ref('int_event_clusters') }} as c
join {{ ref('int_event_mentions_enriched') }} as m using (mention_id)
