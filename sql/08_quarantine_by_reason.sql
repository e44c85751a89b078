-- Question: what failed, at which stage and why? (fetch | extract | code; http_404, timeout, not_html, ...)
-- Source:   raw.quarantine.
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/08_quarantine_by_reason.sql
--           uv run python sql/run.py sql/08_quarantine_by_reason.sql
select
    stage,
    reason,
    count(*)                                        as items,
    count(distinct source_name)                     as sources,
    string_agg(distinct source_name, ', ')          as source_names,
    min(first_seen)                                 as first_seen,
    max(last_seen)                                  as last_seen,
    any_value(url order by last_seen desc)          as example_url,
    any_value(detail order by last_seen desc)       as example_detail
from raw.quarantine
group by stage, reason
order by items desc, stage, reason;
