-- Question: which outlets and articles report a given event, and what exactly did each say?
-- The event: the most reported one (same order as 04_most_reported_events.sql). To look at another one,
-- replace the `chosen` CTE with: select 'EVENT_ID' as event_id
-- Source:   main.fct_events + main.fct_event_mentions (event -> mentions -> articles, with evidence).
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/05_sources_behind_event.sql
--           uv run python sql/run.py sql/05_sources_behind_event.sql
with chosen as (
    select event_id
    from main.fct_events
    order by num_sources desc, num_articles desc, num_mentions desc, coalesce(fatalities, 0) desc, event_date desc, event_id
    limit 1
)

select
    em.event_id,
    em.outlet,
    em.source_name,
    em.published,
    em.title,
    em.url,
    em.mention_id,
    em.mention_id = em.anchor_mention_id as is_seed,
    em.sentence_index,
    em.evidence,
    em.actor_raw,
    em.target_raw,
    em.location_raw,
    em.date_raw,
    em.fatalities,
    em.injured,
    round(em.confidence, 2) as confidence,
    em.hedged,
    em.coder_version
from main.fct_event_mentions as em
join chosen using (event_id)
order by em.published, em.source_name, em.mention_id;
