-- Question: which events are the most reported (most outlets, then articles, then mentions)?
-- Source:   main.fct_events (cross-outlet dedup: num_sources / num_articles / num_mentions count the outlets,
--           articles and mentions grouped into each event; fatalities = lowest reported figure, with the range).
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
    fatalities_max,
    injured,
    injured_max,
    num_sources,
    num_articles,
    num_mentions,
    first_seen,
    last_seen,
    round(confidence, 2)                    as confidence,
    array_to_string(outlets, ', ')          as outlets,
    array_to_string(source_urls, ' ')       as source_urls
from main.fct_events
order by num_sources desc, num_articles desc, num_mentions desc, coalesce(fatalities, 0) desc, event_date desc, event_id
limit 20;
