"""code: raw.articles -> raw.coded_mentions + raw.rejected_candidates (the `code` part of the daily
step in daily.py): articles whose text or coder version changed, or every article of a partition."""


import dagster as dg

from .common import Scope, md_table, preview
from .stages import StageCounts, code_articles

SPECS = [
    dg.AssetSpec(
        "coded_mentions", group_name="code", kinds={"python", "duckdb"}, deps=["articles"],
        description="Event mentions found by the rule-based coder, with raw actor/target/place strings and "
        "provenance (article, sentence, character offsets, coder version, confidence).",
    ),
    dg.AssetSpec(
        "rejected_candidates", group_name="code", kinds={"python", "duckdb"}, deps=["articles"],
        description="Sentences that looked like events but are threats, plans, denials, "
        "conditionals or background history, with the reason -- kept for inspection.",
    ),
]


def code(context, conn, scope: Scope, batch_size: int, already: StageCounts | None = None
         ) -> list[dg.MaterializeResult]:
    """`already`: what the extraction pass coded in this run; this stage codes what is still pending."""
    counts = code_articles(conn, scope, batch_size)
    if already is not None:
        counts = StageCounts(done=counts.done + already.done, produced=counts.produced + already.produced,
                             rejected=counts.rejected + already.rejected, version=counts.version)
    totals = dict(conn.sql(
        "SELECT 'coded_mentions', count(*) FROM raw.coded_mentions UNION ALL "
        "SELECT 'rejected_candidates', count(*) FROM raw.rejected_candidates"
    ).fetchall())
    newest = preview(conn, "SELECT event_date, event_type, actor_raw, target_raw, location_raw, evidence "
                     "FROM raw.coded_mentions ORDER BY event_date DESC NULLS LAST, mention_id LIMIT 10")
    reasons = conn.sql("SELECT reason, count(*) AS n FROM raw.rejected_candidates GROUP BY 1 ORDER BY 2 DESC").pl()
    rejected = preview(conn, "SELECT a.published, r.reason, r.trigger, r.evidence FROM raw.rejected_candidates r "
                       "JOIN raw.articles a USING (article_id) ORDER BY a.published DESC, r.candidate_id LIMIT 10")
    context.log.info(f"code ({scope.describe()}): {counts.done} articles, {counts.produced} mentions, "
                     f"{counts.rejected} rejected candidates")
    return [
        dg.MaterializeResult(asset_key="coded_mentions", metadata={
            "articles_coded": counts.done, "mentions_added": counts.produced, "scope": scope.describe(),
            "coder_version": counts.version, "dagster/row_count": totals["coded_mentions"], "preview": newest}),
        dg.MaterializeResult(asset_key="rejected_candidates", metadata={
            "rejected_added": counts.rejected, "dagster/row_count": totals["rejected_candidates"],
            "by_reason": dg.MetadataValue.md(md_table(reasons)), "preview": rejected}),
    ]
