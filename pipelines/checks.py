"""Python asset checks on the warehouse, beside the dbt tests (which dagster-dbt turns into checks).

Each check is a plain function of a DuckDB connection (tested without Dagster) wrapped by an
`@asset_check`. None blocks the run: they say what to look at, in their metadata (`look_at`, plus a
table of examples). Most warn; the unresolved-mentions check fails with ERROR severity (a red check),
because a new outlet's vocabulary otherwise shows up only as silently missing strikes. Thresholds come from `PipelineSettings` (env vars in
pipelines/resources.py), so they can be changed per run in the launchpad.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import dagster as dg
from dagster_duckdb import DuckDBResource

from .assets.common import md_table
from .resources import DUCKDB_POOL, PipelineSettings, open_warehouse

#: Sources whose items arrive over time: judged against today. Others (folder, warc, urls) are
#: archives, judged against the newest article in the warehouse.
LIVE_KINDS = ("feed", "sitemap")


@dataclass
class Outcome:
    passed: bool
    metadata: dict[str, Any] = field(default_factory=dict)
    severity: dg.AssetCheckSeverity = dg.AssetCheckSeverity.WARN

    def result(self) -> dg.AssetCheckResult:
        md = {k: (dg.MetadataValue.md(v) if isinstance(v, str) and k in _MD_KEYS else v)
              for k, v in self.metadata.items()}
        return dg.AssetCheckResult(passed=self.passed, severity=self.severity, metadata=md)


_MD_KEYS = {"examples", "top_unknown", "by_source", "look_at"}


def _one(conn, query: str, params: list | None = None):
    return conn.execute(query, params or []).fetchall()[0][0]


def empty_text_share(conn, max_share: float) -> Outcome:
    pages = _one(conn, "SELECT count(*) FROM raw.pages")
    empty = _one(conn, "SELECT count(*) FROM raw.quarantine q JOIN raw.pages p ON p.page_id = q.item_id "
                       "WHERE q.stage = 'extract' AND q.reason = 'empty_text'")
    share = empty / pages if pages else 0.0
    examples = conn.sql(
        "SELECT q.source_name, q.url, q.last_seen FROM raw.quarantine q WHERE q.stage = 'extract' "
        "AND q.reason = 'empty_text' ORDER BY q.last_seen DESC, q.url LIMIT 10").pl()
    by_source = conn.sql(
        "SELECT p.source_name, count(*) AS pages, count(q.item_id) AS empty_text, "
        "round(count(q.item_id) / count(*), 3) AS share FROM raw.pages p LEFT JOIN raw.quarantine q "
        "ON q.item_id = p.page_id AND q.stage = 'extract' AND q.reason = 'empty_text' GROUP BY 1 ORDER BY 4 DESC").pl()
    return Outcome(share <= max_share, {
        "share": round(share, 4), "threshold": max_share, "pages": pages, "empty_text_pages": empty,
        "by_source": md_table(by_source), "examples": md_table(examples),
        "look_at": "raw.quarantine where stage = 'extract' and reason = 'empty_text': open the URLs. A layout "
                   "trafilatura cannot read (a new site template, a paywall, a JavaScript-only page) shows up as "
                   "one source with a high share.",
    })


def unresolved_share(conn, max_share: float) -> Outcome:
    """pipelines.normalize.unresolved_share over raw.event_mentions, top strings from raw.unresolved_mentions."""
    import polars as pl

    from .normalize import unresolved_share as share_of

    s = share_of(conn.sql("SELECT actor_raw, actor_id, associated_actor_raw, associated_actor_id, target_raw, "
                          "target_id, location_raw, place_id FROM raw.event_mentions").pl(),
                 conn.sql("SELECT kind, raw_text, mentions FROM raw.unresolved_mentions").pl(), top=20)
    actor_share, place_share = s["actor_unresolved_share"], s["place_unresolved_share"]
    top = pl.DataFrame(s["top_unknown"]) if s["top_unknown"] else pl.DataFrame()
    return Outcome(actor_share <= max_share and place_share <= max_share, {
        "actor_share": round(actor_share, 4), "place_share": round(place_share, 4), "threshold": max_share,
        "actor_strings": s["actor_mentions"], "actor_strings_unresolved": s["actor_unresolved"],
        "place_strings": s["place_mentions"], "place_strings_unresolved": s["place_unresolved"],
        "top_unknown": md_table(top, max_rows=20),
        "look_at": "top_unknown: add frequent actor strings to pipelines/reference (actor dictionary aliases) and "
                   "place strings to the gazetteer aliases; raw.unresolved_mentions has them per article.",
    }, severity=dg.AssetCheckSeverity.ERROR)


def sources_still_publishing(conn, stale_days: int, source_kinds: dict[str, str],
                             today: date | None = None) -> Outcome:
    today = today or date.today()
    rows = conn.sql("SELECT source_name, max(published) AS newest, count(*) AS articles FROM raw.articles "
                    "GROUP BY 1 ORDER BY 1").fetchall()
    newest_all = max((r[1] for r in rows if r[1] is not None), default=None)
    table, stale = [], []
    for source, newest, n in rows:
        kind = source_kinds.get(source, "unknown")
        live = kind in LIVE_KINDS
        ref = today if live else newest_all
        age = (ref - newest).days if newest is not None and ref is not None else None
        is_stale = age is None or age > stale_days
        if is_stale:
            stale.append(source)
        table.append({"source": source, "kind": kind, "judged_against": "today" if live else "newest article",
                      "newest_article": str(newest), "age_days": age, "articles": n, "stale": is_stale})
    import polars as pl

    df = pl.DataFrame(table) if table else pl.DataFrame()
    return Outcome(not stale, {
        "stale_sources": ", ".join(stale) or "none", "stale_days": stale_days, "by_source": md_table(df, 50),
        "look_at": "A stale live source (feed/sitemap) stopped publishing or moved: open its URL, check "
                   "raw.quarantine for its fetch errors (stage 'fetch'). Archive sources (folder, warc, urls) are "
                   "compared with the newest article of any source.",
    })


def event_dates_not_after_article(conn) -> Outcome:
    n, total = conn.sql(
        "SELECT count(*) FILTER (WHERE m.event_date > a.published), count(*) FROM raw.event_mentions m "
        "JOIN raw.articles a USING (article_id) WHERE m.event_date IS NOT NULL").fetchall()[0]
    examples = conn.sql(
        "SELECT m.event_date, a.published, m.date_raw, m.evidence, a.url FROM raw.event_mentions m "
        "JOIN raw.articles a USING (article_id) WHERE m.event_date > a.published "
        "ORDER BY m.event_date - a.published DESC, m.mention_id LIMIT 10").pl()
    return Outcome(n == 0, {
        "events_after_article": n, "dated_events": total, "examples": md_table(examples),
        "look_at": "An event dated after its article is a date-resolution error (e.g. 'on Friday' resolved "
                   "forward, a wrong year) or a wrong publication date: compare date_raw with the evidence.",
    })


def _source_kinds(sources_file: str) -> dict[str, str]:
    from .sources import load_sources_file

    try:
        return {s.name: s.kind for s in load_sources_file(sources_file).sources}
    except Exception:  # an unreadable sources file is raw_pages' error to report, not this check's
        return {}


@dg.asset_check(name="empty_text_share", asset="articles", pool=DUCKDB_POOL, blocking=False,
                description="Share of pages with no extractable main text (quarantined as empty_text) "
                "is at most settings.max_empty_text_share.")
def check_empty_text_share(duckdb: DuckDBResource, settings: PipelineSettings) -> dg.AssetCheckResult:
    with open_warehouse(duckdb) as conn:
        return empty_text_share(conn, settings.max_empty_text_share).result()


@dg.asset_check(name="sources_still_publishing", asset="articles", pool=DUCKDB_POOL,
                description="Every source published within settings.stale_source_days (live feeds/sitemaps: "
                "of today; archives: of the newest article).")
def check_sources_still_publishing(duckdb: DuckDBResource, settings: PipelineSettings) -> dg.AssetCheckResult:
    kinds = _source_kinds(settings.sources_file)
    with open_warehouse(duckdb) as conn:
        return sources_still_publishing(conn, settings.stale_source_days, kinds).result()


@dg.asset_check(name="unresolved_share", asset="unresolved_mentions", pool=DUCKDB_POOL,
                description="Share of actor and of place strings that resolved to nothing is at most "
                "settings.max_unresolved_share.")
def check_unresolved_share(duckdb: DuckDBResource, settings: PipelineSettings) -> dg.AssetCheckResult:
    with open_warehouse(duckdb) as conn:
        return unresolved_share(conn, settings.max_unresolved_share).result()


@dg.asset_check(name="event_dates_not_after_article", asset="event_mentions", pool=DUCKDB_POOL,
                description="No event is dated after the publication date of the article reporting it.")
def check_event_dates_not_after_article(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with open_warehouse(duckdb) as conn:
        return event_dates_not_after_article(conn).result()


CHECKS = [check_empty_text_share, check_sources_still_publishing, check_unresolved_share,
          check_event_dates_not_after_article]
