"""The daily-partitioned step: extract -> code -> normalize for one publication-date scope.

One multi-asset (six assets, each in its own group, with lineage between them) rather than three:
Dagster 1.13 cannot run a partitioned asset whose *parent asset is partitioned* in an unpartitioned run
(data-version provenance asks for the run's partition range and raises), and `refresh` must stay
unpartitioned (a range run over every day since the start date costs minutes of bookkeeping). Inside one
non-subsettable multi-asset the stage-to-stage deps are internal, so both kinds of run work.

- Unpartitioned run (`refresh`): each stage takes what is new or changed (all dates, or the
  settings' published_from/published_to).
- Partition or range (`reprocess`, backfills): each stage re-does the articles published on those
  days from the stored raw HTML; a backfill of many days is one run (single-run backfill policy).
"""


from dataclasses import replace

import dagster as dg
from dagster_duckdb import DuckDBResource

from ..resources import DUCKDB_POOL, PipelineSettings, open_warehouse
from .code import SPECS as CODE_SPECS
from .code import code
from .common import DAILY, SINGLE_RUN, run_scope
from .extract import ARTICLES, extract
from .normalize import SPECS as NORMALIZE_SPECS
from .normalize import normalize


@dg.multi_asset(
    name="extract_code_normalize",
    specs=[ARTICLES, *CODE_SPECS, *NORMALIZE_SPECS],
    pool=DUCKDB_POOL,
    partitions_def=DAILY,
    backfill_policy=SINGLE_RUN,
    can_subset=False,
    description="extract (trafilatura) -> code (rules) -> normalize (polars) for one publication-date scope.",
)
def extract_code_normalize(context: dg.AssetExecutionContext, duckdb: DuckDBResource, settings: PipelineSettings):
    scope = run_scope(context, settings)
    with open_warehouse(duckdb) as conn:
        articles, coded = extract(context, conn, scope, settings.batch_size)
        # The extraction pass coded what it extracted (a re-done scope included): the code stage only
        # takes what is still pending (e.g. articles coded by an older coder version).
        results = [articles,
                   *code(context, conn, replace(scope, force=False), settings.batch_size, already=coded),
                   *normalize(context, conn, scope, settings.batch_size)]
    # Reported together at the end, so that a backfill sees all six assets done at once and builds
    # the marts in one run (reported stage by stage, the marts over `articles` would start early).
    yield from results
