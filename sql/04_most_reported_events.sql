-- Question: which events are the most reported (most outlets, then articles, then mentions)?
-- Source:   main.fct_events (num_sources / num_articles / num_mentions count what reports each event;
--           today one event = one mention, so the counts become informative once cross-outlet dedup lands).
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/04_most_reported_events.sql
--           uv run python sql/run.py sql/04_most_reported_events.sql
select
    event_id,
    event_date,
    event_type,
    faction,
    coalesce(target_name, 'Unknown')        as target,
    coalesce(location_name, 'Unknown')      as location,
    admin1,
    fatalities,
    injured,
    num_sources,
    num_articles,
    num_mentions,
    round(confidence, 2)                    as confidence,
    source_name,
    url
from main.fct_events
order by num_sources desc, num_articles desc, num_mentions desc, coalesce(fatalities, 0) desc, event_date desc, event_id
limit 20;
