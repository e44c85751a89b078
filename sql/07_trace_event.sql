-- Question: where does a mart number come from? Traces one event from the raw page to the mart rows:
--   raw.pages -> raw.articles -> the sentence (offsets, evidence) -> raw.event_mentions -> main.fct_events
--   -> main.strikes_per_faction_week / main.events_by_admin1_week.
-- The event: the most reported strike (air_strike/shelling), else the most reported event. To trace
-- another one, replace the `chosen` CTE with: select 'EVENT_ID' as event_id
-- Output:   one row per step (step, relation, row_key, detail), in lineage order.
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/07_trace_event.sql
--           uv run python sql/run.py sql/07_trace_event.sql
with chosen as (
    select event_id
    from main.fct_events
    order by (event_type in ('air_strike', 'shelling')) desc, num_sources desc, num_articles desc,
             num_mentions desc, coalesce(fatalities, 0) desc, event_date desc, event_id
    limit 1
),

mentions as (
    select em.event_id, m.*
    from main.fct_event_mentions as em
    join chosen using (event_id)
    join raw.event_mentions as m using (mention_id)
),

event as (
    select f.* from main.fct_events as f join chosen using (event_id)
),

steps as (
    select 1 as step, 'raw.pages' as relation, p.page_id as row_key,
           concat_ws(' | ', p.url, 'fetched ' || p.fetched_at, 'http ' || p.http_status,
                     'content ' || p.content_hash, 'html ' || octet_length(p.html_zlib) || ' bytes zlib') as detail
    from mentions as m
    join raw.articles as a using (article_id)
    join raw.pages as p on p.page_id = a.page_id

    union all
    select 2, 'raw.articles', a.article_id,
           concat_ws(' | ', a.source_name, a.title, 'published ' || a.published, a.url,
                     length(a.text) || ' chars', 'extractor ' || a.extractor_version)
    from (select distinct article_id from mentions) as m
    join raw.articles as a using (article_id)

    union all
    select 3, 'raw.articles.text[char_start:char_end]', m.mention_id,
           concat_ws(' | ', 'sentence ' || m.sentence_index, 'chars ' || m.char_start || '-' || m.char_end,
                     'matches evidence: ' || (substring(a.text, m.char_start + 1, m.char_end - m.char_start) = m.evidence),
                     m.evidence)
    from mentions as m
    join raw.articles as a using (article_id)

    union all
    select 4, 'raw.event_mentions', m.mention_id,
           concat_ws(' | ', m.event_type || '/' || coalesce(m.sub_event_type, '?'), 'trigger "' || m."trigger" || '"',
                     'actor "' || coalesce(m.actor_raw, '?') || '" -> ' || coalesce(m.actor_id, 'unresolved'),
                     'target "' || coalesce(m.target_raw, '?') || '" -> ' || coalesce(m.target_id, 'unresolved'),
                     'location "' || coalesce(m.location_raw, '?') || '" -> ' || coalesce(m.place_id, 'unresolved'),
                     'date "' || coalesce(m.date_raw, '?') || '" -> ' || coalesce(cast(m.event_date as varchar), 'none'),
                     'killed ' || coalesce(cast(m.fatalities as varchar), '?'),
                     'confidence ' || round(m.confidence, 2), 'coder ' || m.coder_version)
    from mentions as m

    union all
    select 5, 'main.fct_events', e.event_id,
           concat_ws(' | ', e.event_type, 'on ' || e.event_date, 'week ' || e.week_start,
                     'faction ' || e.faction, 'alliance ' || coalesce(e.alliance, '-'),
                     'target ' || coalesce(e.target_name, 'Unknown'),
                     coalesce(e.location_name, '?') || ', ' || coalesce(e.admin1, '?') || ', ' || coalesce(e.country_iso3, '?'),
                     'killed ' || coalesce(cast(e.fatalities as varchar), '?'),
                     e.num_mentions || ' mentions / ' || e.num_articles || ' articles / ' || e.num_sources || ' sources')
    from event as e

    union all
    select 6, 'main.strikes_per_faction_week', s.week_start || ' ' || s.faction,
           concat_ws(' | ', 'strikes ' || s.strikes, 'fatalities ' || s.fatalities, 'injured ' || s.injured,
                     'events ' || s.events, 'articles ' || s.articles, 'alliance ' || coalesce(s.alliance, '-'))
    from event as e
    join main.strikes_per_faction_week as s on s.week_start = e.week_start and s.faction = e.faction

    union all
    select 7, 'main.events_by_admin1_week', b.week_start || ' ' || coalesce(b.admin1, '?') || ' ' || b.event_type,
           concat_ws(' | ', 'events ' || b.events, 'fatalities ' || b.fatalities,
                     'centroid ' || coalesce(round(b.admin1_latitude, 3) || ',' || round(b.admin1_longitude, 3), '?'))
    from event as e
    join main.events_by_admin1_week as b
      on b.week_start = e.week_start and b.event_type = e.event_type
     and b.admin1 is not distinct from e.admin1 and b.country_iso3 is not distinct from e.country_iso3
)

select step, relation, row_key, detail
from steps
order by step, row_key;
