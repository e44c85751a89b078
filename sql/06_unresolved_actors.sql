-- Question: which actor names could the normalizer not resolve, how often, and where? (candidates for the
-- actor dictionary: each one that names an attacker ends up as faction 'Unknown' in the marts)
-- Source:   raw.unresolved_mentions (kind = 'actor'), raw.articles, raw.event_mentions.
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/06_unresolved_actors.sql
--           uv run python sql/run.py sql/06_unresolved_actors.sql
with unresolved as (
    select
        u.raw_text,
        cast(sum(u.mentions) as bigint)                                          as mentions,
        count(distinct u.article_id)                             as articles,
        count(distinct a.source_name)                            as sources,
        string_agg(distinct a.source_name, ', ')                 as source_names,
        min(u.seen_at)                                           as first_seen,
        max(u.seen_at)                                           as last_seen
    from raw.unresolved_mentions as u
    left join raw.articles as a using (article_id)
    where u.kind = 'actor'
    group by u.raw_text
),

as_attacker as (
    select actor_raw as raw_text, count(*) as unresolved_attacker_mentions,
           coalesce(cast(sum(fatalities) as bigint), 0) as fatalities
    from raw.event_mentions
    where actor_id is null and actor_raw is not null
    group by actor_raw
)

select
    u.raw_text                                              as actor_as_written,
    u.mentions,
    u.articles,
    u.sources,
    u.source_names,
    coalesce(x.unresolved_attacker_mentions, 0)             as mentions_as_attacker,
    coalesce(x.fatalities, 0)                               as fatalities_as_attacker,
    u.first_seen,
    u.last_seen
from unresolved as u
left join as_attacker as x using (raw_text)
order by u.mentions desc, u.articles desc, u.raw_text;
