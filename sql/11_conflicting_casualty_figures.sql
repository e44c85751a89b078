-- Question: which events were reported with conflicting casualty figures across outlets/articles, and who
-- said what? fct_events keeps the lowest figure (ACLED's rule) in fatalities/injured and the range in
-- fatalities_min/max, injured_min/max; this lists the events where the reports disagree first (widest range
-- first), then the events reported by the most articles, 25 at most, with each report's figures.
-- Source:   main.fct_events + main.fct_event_mentions.
-- Run:      duckdb -readonly data/warehouse.duckdb < sql/11_conflicting_casualty_figures.sql
--           uv run python sql/run.py sql/11_conflicting_casualty_figures.sql
with chosen as (
    select *,
           (fatalities_min is distinct from fatalities_max) or (injured_min is distinct from injured_max) as conflicting
    from main.fct_events
    order by conflicting desc, coalesce(fatalities_max, 0) - coalesce(fatalities_min, 0) desc, num_articles desc,
             event_date, event_id
    limit 25
),

reports as (
    select
        em.event_id,
        string_agg(coalesce(em.outlet, '?') || ': ' || coalesce(cast(em.fatalities as varchar), '?') || ' killed, '
                   || coalesce(cast(em.injured as varchar), '?') || ' injured', '; '
                   order by em.published, em.outlet, em.mention_id) as reports
    from main.fct_event_mentions as em
    join chosen using (event_id)
    group by em.event_id
)

select
    e.event_id,
    e.event_date,
    e.event_type,
    e.faction,
    coalesce(e.location_name, 'Unknown')                                   as location,
    e.fatalities                                                           as fatalities_acled,
    e.fatalities_min || '-' || e.fatalities_max                            as fatalities_range,
    e.injured_min || '-' || e.injured_max                                  as injured_range,
    e.num_articles,
    e.conflicting,
    r.reports
from chosen as e
join reports as r using (event_id)
order by e.conflicting desc, coalesce(e.fatalities_max, 0) - coalesce(e.fatalities_min, 0) desc, e.num_articles desc, e.event_date, e.event_id;
