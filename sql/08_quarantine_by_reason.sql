-- Question: what failed, at which stage and why? (fetch | extract | code; http_404, timeout, not_html, ...)
-- Every stage gets a row, so a clean run shows up as stage, reason 'none', items 0.
-- Source:   raw.quarantine.
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/08_quarantine_by_reason.sql
--           uv run python sql/run.py sql/08_quarantine_by_reason.sql
with by_reason as (
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
),

stages as (
    select unnest(['fetch', 'extract', 'code']) as stage
    union
    select distinct stage from raw.quarantine
)

select
    s.stage,
    coalesce(r.reason, 'none')                          as reason,
    coalesce(r.items, 0)                                as items,
    coalesce(r.sources, 0)                              as sources,
    r.source_names,
    r.first_seen,
    r.last_seen,
    r.example_url,
    r.example_detail
from stages as s
left join by_reason as r using (stage)
order by items desc, s.stage, reason;
