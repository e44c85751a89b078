"""The work of the extract, code and normalize stages, without Dagster: each takes a read-write
DuckDB connection and a `Scope` (which publication dates, incremental or re-done) and returns counts.

The asset bodies only pick the scope, call these and describe the result, so that the way a stage
runs (a process pool or in-process, see `pipelines.parallel`; a Parquet hand-off) changes here only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import polars as pl

from .. import normalize as norm
from .. import warehouse
from ..extract import EXTRACTOR_VERSION
from .common import Scope


@dataclass
class StageCounts:
    done: int = 0
    produced: int = 0
    rejected: int = 0
    version: str = ""


# -- extract + code --------------------------------------------------------------------------------


def extract_pages(conn, scope: Scope, batch_size: int) -> tuple[StageCounts, StageCounts]:
    """raw.pages -> raw.articles (trafilatura) or raw.quarantine (`empty_text`, `parse_error`), and the
    same pass codes what it extracted (raw.coded_mentions, rejected_candidates, coded_articles).

    All cores: `pipelines.parallel.extract_pending` (a process pool when the batch is large enough,
    in-process otherwise; the calling process stays the only DuckDB writer). In a bounded scope the
    publication date is the stored article's, else the feed's: a page never extracted and listed by no
    feed has no date yet and is picked up by the next unpartitioned run. Returns (extract, code) counts."""
    from .. import parallel
    from ..coding.rules import RuleCoder

    s = parallel.extract_pending(conn, scope=scope, batch_size=batch_size, code=True)
    extracted = StageCounts(done=s["extracted"], rejected=s["quarantined"], version=EXTRACTOR_VERSION)
    coded = StageCounts(done=s["coded"], produced=s["mentions"], rejected=s["rejected"],
                        version=RuleCoder.version)
    return extracted, coded


def code_articles(conn, scope: Scope, batch_size: int) -> StageCounts:
    """raw.articles -> raw.coded_mentions + raw.rejected_candidates (+ raw.coded_articles bookkeeping):
    what the extraction pass did not code -- articles whose coder version is older (a rule change
    re-codes from stored text: nothing fetched or extracted again), or a re-done scope."""
    from .. import parallel
    from ..coding.rules import RuleCoder

    s = parallel.code_pending(conn, scope=scope, batch_size=batch_size)
    return StageCounts(done=s["coded"], produced=s["mentions"], rejected=s["rejected"],
                       version=RuleCoder.version)


# -- normalize -------------------------------------------------------------------------------------


def load_actor_dictionary(conn) -> tuple[str, int, int]:
    """Replace raw.actors and raw.actor_alliances with the reference dictionary, in one go; nothing to
    do when the stored rows already carry this dictionary version (a refresh with nothing new)."""
    version = norm.dictionary_version()
    stored = conn.sql(
        "SELECT (SELECT count(*) FROM raw.actors), (SELECT count(*) FROM raw.actor_alliances), "
        "(SELECT count(*) FROM raw.actors WHERE dictionary_version IS DISTINCT FROM $v) + "
        "(SELECT count(*) FROM raw.actor_alliances WHERE dictionary_version IS DISTINCT FROM $v)",
        params={"v": version},
    ).fetchall()[0]
    if stored[0] and stored[1] and not stored[2]:
        return version, stored[0], stored[1]
    actors, alliances = norm.actor_frames()
    conn.execute("BEGIN TRANSACTION")
    conn.execute("DELETE FROM raw.actors")
    conn.execute("DELETE FROM raw.actor_alliances")
    conn.execute("COMMIT")
    warehouse.load_batch(
        conn,
        {"actors": actors.with_columns(pl.lit(version).alias("dictionary_version")),
         "actor_alliances": alliances.with_columns(pl.lit(version).alias("dictionary_version"))},
    )
    return version, actors.height, alliances.height


_NORMALIZE_PENDING = """
SELECT c.article_id FROM raw.coded_articles c JOIN raw.articles a USING (article_id)
WHERE (? OR c.dictionary_version IS DISTINCT FROM ? OR c.normalized_at IS NULL OR c.normalized_at < c.coded_at)
  AND {scope}
ORDER BY c.article_id
"""


#: Articles per normalize batch, at least: normalize reads mentions and per-article rows, not HTML (~1 KB
#: an article, texts only for stale stored countries), while each batch costs ~180 small polars steps and a
#: load. 10,000 instead of 1,000 took a 20,000-article normalize from 2.5 to 0.8 s, same rows.
NORMALIZE_BATCH = 10_000


def normalize_articles(conn, scope: Scope, batch_size: int = NORMALIZE_BATCH) -> StageCounts:
    """raw.coded_mentions -> raw.event_mentions, raw.places, raw.unresolved_mentions (canonical actors,
    GeoNames places); every article whose dictionary version or coding changed, or in a re-done scope."""
    version = norm.dictionary_version()
    now = datetime.now()
    cond, params = scope.sql("a.published")
    pending = [r[0] for r in conn.execute(
        _NORMALIZE_PENDING.format(scope=cond), [scope.force, version, *params]).fetchall()]
    counts = StageCounts(version=version)
    for start in range(0, len(pending), batch_size):
        ids = pl.DataFrame({"article_id": pending[start : start + batch_size]})
        conn.register("_ids", ids)
        mentions = conn.sql("SELECT m.* FROM raw.coded_mentions m JOIN _ids USING (article_id)").pl()
        coded = conn.sql("SELECT c.* FROM raw.coded_articles c JOIN _ids USING (article_id)").pl()
        conn.unregister("_ids")
        # Always name the article-keyed tables, so their old rows for this batch are replaced.
        frames = {"event_mentions": pl.DataFrame(), "unresolved_mentions": pl.DataFrame()}
        if mentions.height:
            with_events = coded.filter(pl.col("article_id").is_in(mentions["article_id"].unique().implode()))
            result = norm.normalize_events(mentions, _countries(conn, with_events, version))
            frames = {
                "event_mentions": result.events.with_columns(pl.lit(version).alias("dictionary_version")),
                "places": result.places,
                "unresolved_mentions": result.unresolved.with_columns(pl.lit(now).alias("seen_at")),
            }
            counts.produced += result.events.height
        frames["coded_articles"] = coded.with_columns(pl.lit(version).alias("dictionary_version"),
                                                      pl.lit(now).alias("normalized_at"))
        warehouse.load_batch(conn, frames, replace_for_articles=ids["article_id"].to_list())
        counts.done += ids.height
    return counts


def _countries(conn, coded: pl.DataFrame, version: str) -> pl.DataFrame:
    """The batch's `article_countries`: as the coder stored them when it found them with this dictionary
    version (no second scan of the texts), else from the texts."""
    is_fresh = ((pl.col("countries_version") == version) & pl.col("countries").is_not_null()).fill_null(False)
    fresh = coded.filter(is_fresh)
    parts = [norm.stored_countries(fresh["article_id"].to_list(), fresh["countries"].to_list())]
    if fresh.height < coded.height:
        stale = coded.filter(~is_fresh).select("article_id")
        conn.register("_stale", stale)
        texts = conn.sql("SELECT article_id, text FROM raw.articles JOIN _stale USING (article_id)").pl()
        conn.unregister("_stale")
        parts.append(norm.article_countries(texts))
    return pl.concat(parts)
