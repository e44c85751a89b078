"""dbt marts over a synthetic warehouse of 1,000,000 event mentions: build time, peak RSS, size per 1,000 articles.

    uv run python -m pipelines.bench.dbt_marts [--mentions N] [--keep DIR]

`run()` builds `warehouse.duckdb` in a temp dir through `pipelines.warehouse` (same schema and migrations as
the pipeline), fills `raw` in DuckDB SQL (seconds), then times `dbt build` of the whole project over it
(staging views, dedup, marts, every data and unit test) in a subprocess, like the Dagster dbt asset does.

The synthetic data: 500,000 happenings over ~1,000 weeks (19 years of days), 1,000 places in 50 admin1 of 3
countries, 1,000 actors with alliances; each happening is reported by 1-3 articles (avg 2 -> 1M mentions,
3 mentions per article -> ~333k articles), with the usual noise: the attacker or the target left unresolved,
the date one day off, a coarser (admin1) place, different casualty figures. So the cross-outlet dedup has
real work to do (it should find roughly 500k events).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipelines import config, warehouse

DBT = Path(sys.executable).parent / "dbt"

SYNTH_SQL = """
create or replace temp table _places as
select
    i,
    'gn:' || (100000 + i)                                        as place_id,
    100000 + i                                                   as geonameid,
    'Place ' || i                                                as name,
    'populated_place'                                            as feature_kind,
    ['SYR', 'IRQ', 'YEM'][(i % 50) % 3 + 1]                      as country_iso3,
    'Admin ' || (i % 50)                                         as admin1,
    'A' || (i % 50)                                              as admin1_code,
    -- admin1 centres on a grid, places scattered within ~+-0.6 degrees of theirs
    30 + (i % 50) // 10 * 1.5 + ((hash(i) % 1000) / 1000.0 - 0.5) * 1.2   as latitude,
    36 + (i % 50) % 10 * 1.5 + ((hash(i * 7) % 1000) / 1000.0 - 0.5) * 1.2 as longitude,
    (hash(i * 13) % 100000)                                      as population
from range({places}) t(i);

insert into raw.places select * exclude (i) from _places;
insert into raw.places
select distinct 'adm1:' || admin1_code, null, admin1, 'admin1', country_iso3, admin1, admin1_code,
       30 + (i % 50) // 10 * 1.5, 36 + (i % 50) % 10 * 1.5, null
from _places where i < 50;

insert into raw.actors
select 'ACT' || i, 'Actor ' || i, ['state_forces', 'rebel_group', 'militia', 'civilians'][i % 4 + 1],
       ['SYR', 'IRQ', 'YEM'][i % 3 + 1], case when i >= 100 and i % 10 = 0 then 'ACT' || (i % 100) end, 'synthetic'
from range({actors}) t(i);

insert into raw.actor_alliances
select 'ACT' || i, 'Alliance ' || (i % 20), date '2000-01-01',
       case when i % 5 = 0 then date '2010-01-01' end, 'synthetic'
from range({actors}) t(i)
union all
select 'ACT' || i, 'Alliance ' || ((i + 7) % 20), date '2010-01-01', null, 'synthetic'
from range({actors}) t(i) where i % 5 = 0;

-- happenings, and 1-3 reports of each (mention ordinal = report * happenings + happening)
create or replace temp table _mentions as
with happenings as (
    select
        h,
        1 + h % 3                                                    as reports,
        date '2000-01-03' + cast(hash(h) % {days} as integer)        as day,
        cast(hash(h * 3) % {places} as integer)                      as place,
        'ACT' || (hash(h * 5) % {actors})                            as actor_id,
        case when h % 4 = 0 then null else 'ACT' || (hash(h * 11) % {actors}) end as target_id,
        ['air_strike', 'shelling', 'armed_clash', 'attack_on_civilians', 'explosion'][h % 5 + 1] as event_type,
        cast(hash(h * 17) % 30 as integer)                           as fatalities
    from range({happenings}) t(h)
)
select
    r * {happenings} + h                                             as ordinal,
    h, r,
    happenings.*  exclude (h, reports),
from happenings, range(3) t(r)
where r < reports;

insert into raw.event_mentions (
    mention_id, article_id, coder_version, event_type, sub_event_type, "trigger", actor_raw, actor_id,
    target_raw, target_id, location_raw, place_id, geo_precision, event_date, date_precision, date_raw,
    fatalities, injured, sentence_index, char_start, char_end, evidence, confidence, hedged, coded_at,
    dictionary_version)
select
    'M' || lpad(cast(ordinal as varchar), 9, '0'),
    'A' || lpad(cast(ordinal // 3 as varchar), 8, '0'),
    'synthetic', event_type, event_type, 'struck', 'Actor ' || actor_id,
    case when r = 2 then null else actor_id end,                     -- third report: attacker unresolved
    target_id, case when r = 1 then null else target_id end,         -- second report: target unresolved
    'Place ' || place,
    case when r = 2 and h % 2 = 0 then 'adm1:A' || (place % 50) else 'gn:' || (100000 + place) end,
    1,
    day + case when r = 1 and h % 3 = 1 then 1 else 0 end,           -- some reports a day off
    1, 'on Monday',
    fatalities + r * (h % 2),                                        -- figures differ between outlets
    case when h % 3 = 0 then null else fatalities // 2 end,
    cast(ordinal % 3 as integer), 0, 40, 'Jets struck the town on Monday, killing people.',
    0.5 + (hash(ordinal) % 50) / 100.0, false, timestamp '2024-01-01 00:00:00', 'synthetic'
from _mentions;

insert into raw.articles (article_id, page_id, url, source_name, title, published, language, text,
                          text_hash, content_hash, extractor_version, extracted_at)
select
    article_id, 'P' || substr(article_id, 2), 'https://outlet' || (hash(article_id) % 40) || '.example/' || article_id,
    'synthetic', 'Title ' || article_id, max(event_date) + 1, 'en',
    'Jets struck the town on Monday, killing people. Other news followed in the rest of the article.',
    md5(article_id), md5(article_id), 'synthetic', timestamp '2024-01-01 00:00:00'
from raw.event_mentions group by article_id;

insert into raw.pages (page_id, url, source_name, fetched_at, http_status, content_type, content_hash)
select page_id, url, source_name, extracted_at, 200, 'text/html', content_hash from raw.articles;
"""


def build_synthetic(path: Path, mentions: int = 1_000_000) -> dict[str, int]:
    """Fill a fresh warehouse with ~`mentions` event mentions (happenings = mentions / 2)."""
    happenings = mentions // 2
    sql = SYNTH_SQL.format(places=1000, actors=1000, days=1000 * 7, happenings=happenings)
    with warehouse.connect(path) as conn:
        conn.execute(sql)
        conn.execute("CHECKPOINT")
        return warehouse.row_counts(conn)


def dbt_build(path: Path, work: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """`dbt build` of the project over `path`: wall seconds, peak RSS of the dbt process (MB), the process."""
    env = {
        **os.environ,
        config.WAREHOUSE_ENV: str(path),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }
    cmd = [
        str(DBT) if DBT.exists() else "dbt",
        "build",
        "--project-dir",
        str(config.DBT_PROJECT_DIR),
        "--profiles-dir",
        str(config.DBT_PROJECT_DIR),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=config.DBT_PROJECT_DIR, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    # ru_maxrss of waited-for children: KB on Linux; the largest child here is dbt
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, proc


def run(mentions: int = 1_000_000, keep: Path | None = None) -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="bench_dbt_"))
    work = keep or tmp
    work.mkdir(parents=True, exist_ok=True)
    path = work / "warehouse.duckdb"  # dbt-duckdb names the database after the file stem
    path.unlink(missing_ok=True)
    rows: list[dict] = []
    try:
        t0 = time.perf_counter()
        counts = build_synthetic(path, mentions)
        gen = time.perf_counter() - t0
        raw_mb = path.stat().st_size / 1e6
        n_mentions, n_articles = counts["event_mentions"], counts["articles"]
        rows.append(
            {
                "stage": "dbt_marts: synthetic raw warehouse (DuckDB SQL)",
                "documents": n_mentions,
                "seconds": round(gen, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "note": f"{n_mentions:,} mentions, {n_articles:,} articles, {counts['places']:,} places, "
                f"{counts['actors']:,} actors; raw file {raw_mb:.0f} MB",
            }
        )

        seconds, peak, proc = dbt_build(path, work)
        results = {}
        rr = work / "target" / "run_results.json"
        if rr.exists():
            data = json.loads(rr.read_text())
            for r in data["results"]:
                results[r["status"]] = results.get(r["status"], 0) + 1
        ok = proc.returncode == 0
        events = None
        if ok:
            import duckdb

            with duckdb.connect(str(path), read_only=True) as conn:
                events = conn.sql("select count(*) from main.fct_events").fetchall()[0][0]
        status = ", ".join(f"{v} {k}" for k, v in sorted(results.items()))
        rows.append(
            {
                "stage": "dbt_marts: dbt build (all models + tests)",
                "documents": n_mentions,
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(peak, 1),
                "note": (
                    f"{'ok' if ok else 'FAILED'}: {status}; {events:,} events after dedup (target < 60 s)"
                    if ok
                    else f"FAILED: {status} {proc.stdout[-400:]}"
                ),
            }
        )

        size_mb = path.stat().st_size / 1e6
        per_1000 = size_mb / (n_articles / 1000)
        rows.append(
            {
                "stage": "dbt_marts: warehouse size per 1,000 articles",
                "documents": n_articles,
                "seconds": 0.0,
                "peak_rss_mb": None,
                "mb_per_1000_articles": round(per_1000, 3),
                "note": f"{per_1000:.2f} MB / 1,000 articles ({size_mb:.0f} MB with marts, "
                f"{raw_mb / (n_articles / 1000):.2f} MB raw only; synthetic texts are short, "
                f"no HTML)",
            }
        )
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="build in this directory and keep it")
    args = parser.parse_args(argv)
    rows = run(args.mentions, args.keep)
    for r in rows:
        rss = f"{r['peak_rss_mb']:.0f} MB" if r.get("peak_rss_mb") else "-"
        print(f"{r['stage']:<52} {r['documents']:>10,} {r['seconds']:>8.2f} s {rss:>8}  {r['note']}")
    return 0 if all("FAILED" not in r["note"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
