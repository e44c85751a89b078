-- Question: which event-like sentences did the coder reject, and why (threat, plan, denial, background, ...)?
-- Useful to audit recall: a reason that swallows real events shows up here with its examples.
-- Source:   raw.rejected_candidates + raw.articles.
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/10_rejected_candidates_by_reason.sql
--           uv run python sql/run.py sql/10_rejected_candidates_by_reason.sql
select
    r.reason,
    count(*)                                        as candidates,
    count(distinct r.article_id)                    as articles,
    count(distinct a.source_name)                   as sources,
    string_agg(distinct r."trigger", ', ')          as triggers,
    any_value(r.evidence order by r.candidate_id)   as example_evidence
from raw.rejected_candidates as r
left join raw.articles as a using (article_id)
group by r.reason
order by candidates desc, r.reason;
