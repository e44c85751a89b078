"""Benchmark stages, each run in a fresh subprocess: `python -m pipelines.bench.stages NAME 'JSON-KWARGS'`.

The subprocess prints one JSON line (prefixed `BENCH-RESULT `): the stage's rows plus its memory:
`ru_maxrss` of itself and of its largest child (pool workers), and the peak of the whole process tree
(itself + all descendants, summed, sampled every 100 ms) -- the figure that has to stay under 1.5 GB.
Seconds are measured inside the stage, after imports, around the work itself.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


# --- memory ----------------------------------------------------------------------------------------------


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for task in glob.glob(f"/proc/{pid}/task/*/children"):
        with contextlib.suppress(OSError):
            out += [int(x) for x in Path(task).read_text().split()]
    return out


def tree_rss_kb(pid: int | None = None) -> int:
    """RSS of a process and all its descendants, summed (kB)."""
    todo, total, seen = [pid or os.getpid()], 0, set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        todo += _children(p)
    return total


class TreePeak:
    """Samples the process tree's summed RSS in a thread; `.peak_mb` after `stop()`.

    A sample reads /proc for every thread of every process in the tree (~2-4 ms of CPU in a stage process
    with DuckDB's and polars' threads): every 0.25 s that is ~1 % of a core taken from the stage it
    measures. ru_maxrss of the process and of its largest child are recorded besides."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval, self.peak_kb, self._stop = interval, 0, threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb())
            self._stop.wait(self.interval)

    def __enter__(self) -> TreePeak:
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()
        self.peak_kb = max(self.peak_kb, tree_rss_kb())

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


# --- helpers ---------------------------------------------------------------------------------------------


def _row(stage: str, documents: int, seconds: float, note: str = "", **extra) -> dict:
    return {"stage": stage, "documents": documents, "seconds": seconds, "note": note, **extra}


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process, and of its children that have ended (pool workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


class Clock:
    """Wall and CPU seconds of a block. CPU time does not move when the VM lends a core elsewhere or a
    neighbour slows it down, so CPU ratios are steadier than wall-clock ones on a shared machine; workers
    count once they have ended (every stage shuts its pool down inside its block)."""

    def __enter__(self) -> Clock:
        self.seconds = self.cpu = self.cpu_self = 0.0
        self._t0, self._c0 = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc) -> None:
        me, kids = _cpu()
        self.seconds = time.perf_counter() - self._t0
        # cpu_self: the stage's own process (ingest: the single writer, its reading loop and loader thread)
        self.cpu_self = me - self._c0[0]
        self.cpu = self.cpu_self + kids - self._c0[1]


def _setup_env(warehouse: str | None = None, sources: str | None = None) -> None:
    """Before importing pipelines.definitions: resources read these at import."""
    if warehouse:
        os.environ["CONFLICT_ETL_WAREHOUSE"] = warehouse
        Path(warehouse).parent.mkdir(parents=True, exist_ok=True)
    if sources:
        os.environ["CONFLICT_ETL_SOURCES"] = sources
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")


def _materialize(groups: tuple[str, ...], sources: str):
    """The real `refresh` job, in process, restricted to the assets of some groups (env set by _setup_env)."""
    import dagster as dg

    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {k for k in graph.get_all_asset_keys() if graph.get(k).group_name in groups}
    job = defs.resolve_job_def("refresh")
    with dg.instance_for_test() as instance:
        _warm(instance)
        with Clock() as clock:
            res = job.execute_in_process(instance=instance, run_config=QUIET, asset_selection=list(keys))
        return res, clock


def _warm(instance) -> None:
    """Create the instance's storage before the clock starts: a deployment's instance (DAGSTER_HOME) exists
    before any run; a fresh test instance builds its SQLite schema (alembic) on first use, ~2 s here."""
    import dagster as dg

    instance.get_runs(limit=1)
    instance.get_latest_materialization_event(dg.AssetKey("_warm_up"))


def _meta(result, key: str) -> dict:
    import dagster as dg

    for ev in result.get_asset_materialization_events():
        mat = ev.event_specific_data.materialization
        if mat.asset_key == dg.AssetKey(key):
            return {k: getattr(v, "value", v) for k, v in mat.metadata.items()}
    return {}


def _page_files(folder: str, limit: int | None = None) -> list[str]:
    files = sorted(glob.glob(os.path.join(folder, "**", "*.html"), recursive=True))
    return files[:limit] if limit else files


# --- stages ----------------------------------------------------------------------------------------------


def synthetic(out: str, n: int, seed: int = 1) -> list[dict]:
    from pipelines.synthetic import write_corpus

    r = write_corpus(out, n, seed)
    return [
        _row(
            "synthetic corpus (generate)",
            n,
            r["seconds"],
            f"{r['events']:,} gold events, {r['bytes'] / 1e6:.0f} MB",
        )
    ]


def replicas(folder: str, out: str, copies: int) -> list[dict]:
    from pipelines.bench.replicas import write_replicas

    r = write_replicas(folder, out, copies)
    return [_row(f"real pages x {copies} (copy)", r["pages"], r["seconds"], f"{r['bytes'] / 1e6:.0f} MB")]


def _traf_chunk(paths: list[str]) -> int:
    import trafilatura

    n = 0
    for p in paths:
        with open(p, "rb") as fh:
            n += trafilatura.extract(fh.read()) is not None
    return n


def _traf_init() -> None:
    import trafilatura

    trafilatura.extract(
        "<html><body><article><p>" + "Warm-up text for the extractor. " * 10 + "</p></article></body></html>"
    )


def trafilatura_only(folder: str, workers: int, limit: int | None = None, chunk_size: int = 25) -> list[dict]:
    """trafilatura.extract(html) with its defaults, files read by the workers, on `workers` processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from pipelines.parallel import imap_bounded

    files = _page_files(folder, limit)
    with Clock() as clock, ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_traf_init
    ) as pool:
        chunks = [(files[i : i + chunk_size],) for i in range(0, len(files), chunk_size)]
        ok = sum(imap_bounded(pool, _traf_chunk, chunks, 2 * workers))
    return [
        _row(
            f"trafilatura-only ({workers} proc)",
            len(files),
            clock.seconds,
            f"{ok} with text; pool start included",
            workers=workers,
            cpu_seconds=clock.cpu,
        )
    ]


#: DuckDB's buffer pool keeps written blocks cached up to `memory_limit` (default 80 % of RAM): RSS then grows
#: with the data loaded. Bounded memory needs a limit on the warehouse connection.
DUCKDB_MEMORY_ENV = "CONFLICT_ETL_DUCKDB_MEMORY"  # the same variable as the pipeline and dbt/profiles.yml


def duckdb_config() -> dict:
    limit = os.environ.get(DUCKDB_MEMORY_ENV, "512MB")
    return {"memory_limit": limit} if limit else {}


def _connect(warehouse: str):
    """A read-write warehouse connection with the memory limit, migrated (as warehouse.connect)."""
    import duckdb

    from pipelines import warehouse as wh

    conn = duckdb.connect(warehouse, config=duckdb_config())
    wh.migrate(conn)
    return conn


def ingest(sources: str, warehouse: str, memory_limit: bool = True) -> list[dict]:
    """The raw_pages asset (materialized alone), with the warehouse connection's memory limit."""
    _setup_env(warehouse, sources)
    import dagster as dg
    from dagster_duckdb import DuckDBResource

    from pipelines.definitions import defs
    from pipelines.resources import make_resources

    resources = make_resources()
    if memory_limit:
        resources["duckdb"] = DuckDBResource(database=warehouse, connection_config=duckdb_config())
    asset = next(a for a in defs.assets if dg.AssetKey("raw_pages") in getattr(a, "keys", ()))
    with dg.instance_for_test() as instance:
        _warm(instance)
        with Clock() as clock:
            res = dg.materialize([asset], resources=resources, run_config=QUIET, raise_on_error=True,
                                 instance=instance)
    m = _meta(res, "raw_pages")
    touched = int(m.get("pages_new", 0)) + int(m.get("pages_changed", 0))
    eager = int(m.get("extracted_at_ingest", 0) or 0)
    return [
        _row(
            "ingest+extract+code (raw_pages, one pass)" if eager else "ingest (raw_pages asset)",
            touched,
            clock.seconds,
            f"new {m.get('pages_new')}, changed {m.get('pages_changed')}, unchanged {m.get('pages_unchanged')}"
            + (f"; extracted {eager}, {m.get('mentions_at_ingest')} mentions in the same pass" if eager else "")
            + (f"; DuckDB {duckdb_config()}" if memory_limit else ""),
            extracted_at_ingest=eager,
            cpu_seconds=clock.cpu,
            cpu_seconds_self=clock.cpu_self,
        )
    ]


def extract_code(warehouse: str, workers: int, staging: str | None = None) -> list[dict]:
    _setup_env(warehouse)
    from pipelines import parallel

    with _connect(warehouse) as conn, Clock() as clock:
        st = parallel.extract_pending(conn, workers=workers, staging=staging)
    return [
        _row(
            f"extract+code (parallel, {workers} proc)",
            st["pages"],
            clock.seconds,
            f"{st['extracted']} articles, {st['quarantined']} quarantined, {st['mentions']} mentions"
            + (", via Parquet hand-off" if staging else ""),
            workers=workers,
            cpu_seconds=clock.cpu,
        )
    ]


def normalize_stage(sources: str, warehouse: str, batch_size: int | None = None) -> list[dict]:
    """The normalize stage function the assets call (pipelines.assets.stages), outside Dagster, with the
    assets' batch size (NORMALIZE_BATCH) unless given."""
    _setup_env(warehouse, sources)
    from pipelines.assets.common import Scope
    from pipelines.assets.stages import NORMALIZE_BATCH, load_actor_dictionary, normalize_articles

    with _connect(warehouse) as conn, Clock() as clock:
        load_actor_dictionary(conn)
        counts = normalize_articles(conn, Scope(), batch_size or NORMALIZE_BATCH)
    return [
        _row(
            "normalize (actor dictionary + normalize_articles)",
            counts.done,
            clock.seconds,
            f"{counts.produced} event mentions",
            cpu_seconds=clock.cpu,
        )
    ]


def dbt_stage(sources: str, warehouse: str) -> list[dict]:
    _setup_env(warehouse, sources)
    import duckdb

    _res, clock = _materialize(("warehouse", "marts"), sources)
    with duckdb.connect(warehouse, read_only=True) as conn:
        n = conn.sql("SELECT count(*) FROM fct_events").fetchall()[0][0]
    return [_row("dbt build (dbt_models asset)", n, clock.seconds, "fct_events rows", cpu_seconds=clock.cpu)]


def refresh_job(
    sources: str, warehouse: str, label: str = "refresh", recode: bool = False, gated: bool = False
) -> list[dict]:
    """The real Dagster `refresh` job, in process, on this warehouse (recode: with a new coder and dictionary
    version, as after a rule or dictionary change). gated: what `conflict-etl refresh` runs instead --
    the `ingest` job, then the `process` job only when there is work (pipelines.refresh)."""
    _setup_env(warehouse, sources)
    import dagster as dg

    if recode:
        from pipelines.coding import rules
        from pipelines.normalize import reference

        rules.RuleCoder.version = rules.VERSION + "+bench"
        real = reference.dictionary_version
        reference.dictionary_version = lambda: real() + "+bench"
    from pipelines.definitions import defs

    job = defs.resolve_job_def("refresh")
    work = None
    with dg.instance_for_test() as instance:
        _warm(instance)
        t0 = time.perf_counter()
        if gated:
            from pipelines.refresh import run_refresh

            outcome = run_refresh(instance, QUIET)
            results, work = outcome.results, outcome.work
        else:
            results = [job.execute_in_process(instance=instance, run_config=QUIET)]
        dt = time.perf_counter() - t0
    pages, arts, code, norm = (
        next((m for r in results if (m := _meta(r, k))), {})
        for k in ("raw_pages", "articles", "coded_mentions", "event_mentions")
    )
    touched = int(pages.get("pages_new", 0)) + int(pages.get("pages_changed", 0))
    note = (
        f"pages touched {touched}, extracted {arts.get('extracted')}, coded {code.get('articles_coded')}, "
        f"normalized {norm.get('articles_normalized')}" + (f"; work after ingest {work}" if gated else "")
    )
    return [
        _row(
            label,
            touched,
            dt,
            note,
            pages_touched=touched,
            extracted=arts.get("extracted"),
            coded=code.get("articles_coded"),
            normalized=norm.get("articles_normalized"),
            coder_version=code.get("coder_version"),
            dictionary_version=norm.get("dictionary_version"),
        )
    ]


def _ready() -> int:
    time.sleep(0.3)
    return os.getpid()


def cpu_stages(folder: str, workers: int, limit: int | None = None) -> list[dict]:
    """Extraction + coding only (parallel.map_pages on pages read into memory first), `workers` processes.
    `seconds` includes starting the pool (spawn, imports, coder warm-up); `steady_seconds` starts once every
    worker is up."""
    from pipelines import parallel

    files = _page_files(folder, limit)
    items = [(f"p{i}", None, "bench", None, Path(f).read_bytes(), None, None) for i, f in enumerate(files)]
    t0 = time.perf_counter()
    with parallel.make_pool(workers) as pool:
        pids: set[int] = set()
        while len(pids) < workers:  # every worker started and initialized
            pids |= {f.result() for f in [pool.submit(_ready) for _ in range(workers)]}
        t1 = time.perf_counter()
        n = 0
        for frames in parallel.map_pages(items, workers=workers, chunk_size=20, pool=pool):
            n += sum(frames[t].height for t in ("articles", "quarantine") if t in frames)
        t2 = time.perf_counter()
    cpu = os.times()
    return [
        _row(
            f"CPU stages: extract+code ({workers} proc)",
            n,
            t2 - t0,
            f"steady {n / (t2 - t1):.1f} docs/s after {t1 - t0:.1f} s pool start; CPU s: parent "
            f"{cpu.user + cpu.system:.1f}, workers {cpu.children_user + cpu.children_system:.1f}",
            workers=workers,
            steady_seconds=t2 - t1,
            cpu_parent=cpu.user + cpu.system,
            cpu_workers=cpu.children_user + cpu.children_system,
        )
    ]


def _mentions_frame(n: int, n_articles: int, seed: int):
    """A frame of coded mentions with realistic raw strings: the actor dictionary's aliases, the gazetteer's
    and the synthetic corpus' place spellings, typos and unknown names (a long tail), Zipf-like reuse."""
    import csv
    import random

    import polars as pl

    from pipelines import config, synthetic

    rnd = random.Random(seed)
    with open(config.REFERENCE_DIR / "actor_aliases.csv", encoding="utf-8") as fh:
        actors = [r["alias"] for r in csv.DictReader(fh)]
    with open(config.REFERENCE_DIR / "places_extra.csv", encoding="utf-8") as fh:
        places = [a for r in csv.DictReader(fh) for a in r["aliases"].split("|")]
    for c in synthetic.CONFLICTS:
        for surf in (*c.attackers.values(), *c.targets.values()):
            actors += list(surf)
        for _admin1, spellings in c.places.values():
            places += list(spellings)
    actors += [a[:-1] for a in actors[:80]] + [f"unknown group {i}" for i in range(200)]
    places += [p + "e" for p in places[:80]] + [f"Village {i}" for i in range(200)]
    w_a = [1 / (i + 1) for i in range(len(actors))]
    w_p = [1 / (i + 1) for i in range(len(places))]
    arts = [f"a{rnd.randrange(n_articles)}" for _ in range(n)]
    a = rnd.choices(actors, w_a, k=n)
    t = [x if rnd.random() < 0.5 else None for x in rnd.choices(actors, w_a, k=n)]
    assoc = [x if rnd.random() < 0.1 else None for x in rnd.choices(actors, w_a, k=n)]
    p = [x if rnd.random() < 0.9 else None for x in rnd.choices(places, w_p, k=n)]
    countries = [c.country for c in synthetic.CONFLICTS]
    ac = pl.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(n_articles)],
            "country_iso3": [rnd.choice(countries) for _ in range(n_articles)],
        }
    )
    ev = pl.DataFrame(
        {
            "mention_id": [f"m{i}" for i in range(n)],
            "article_id": arts,
            "actor_raw": a,
            "associated_actor_raw": assoc,
            "target_raw": t,
            "location_raw": p,
        }
    )
    return ev, ac


def normalize_mentions(n: int = 1_000_000, n_articles: int = 50_000, seed: int = 7) -> list[dict]:
    """Issue 5's figure: mentions/s on ONE core (affinity-pinned, so polars cannot use a second)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from pipelines.normalize import normalize_events
    from pipelines.normalize import reference as ref

    ev, ac = _mentions_frame(n, n_articles, seed)
    t0 = time.perf_counter()
    ref.place_index(), ref.actor_index()
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    res = normalize_events(ev, ac)
    dt = time.perf_counter() - t0
    e = res.events
    return [
        _row(
            "normalize_events, 1 core (synthetic mentions)",
            n,
            dt,
            f"{n / dt:,.0f} mentions/s; {e['actor_id'].is_not_null().mean():.0%} actors, "
            f"{e['place_id'].is_not_null().mean():.0%} places resolved; reference load {warm:.1f} s not included",
        )
    ]


def dbt_marts() -> list[dict]:
    try:
        from pipelines.bench import dbt_marts as mod
    except ImportError:
        return [
            _row("dbt build over 1M events", 0, 0.0, "skipped: pipelines/bench/dbt_marts.py not present yet")
        ]
    return list(mod.run())


def coding_cost(folder: str) -> list[dict]:
    """One core: trafilatura extraction (our settings) vs coding + normalizing the extracted text.

    Issue 3's budget: coding + normalizing must cost under a quarter of extraction on the same pages.
    Pinned to one CPU (affinity), so polars' threads cannot borrow a second core.
    """
    import os

    import polars as pl

    from pipelines.extract import extract_html
    from pipelines.process import code_frame, normalize

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    pages = sorted(Path(folder).glob("*.html"))
    extract_html(pages[0].read_bytes())  # imports and first-call setup are not per-page cost
    rows, t_extract = [], 0.0
    for i, page in enumerate(pages):
        body = page.read_bytes()
        t = time.perf_counter()
        ex = extract_html(body)
        t_extract += time.perf_counter() - t
        if ex is not None:
            rows.append({"article_id": f"p{i}", "text": ex.text, "published": ex.published, "title": ex.title})
    frame = pl.DataFrame(rows, schema={"article_id": pl.String, "text": pl.String, "published": pl.Date,
                                       "title": pl.String})
    # Lexicon, automaton and gazetteer index loads are one-off, not per-page: warm them on one known event.
    warm_frame = pl.DataFrame({"article_id": ["warm"], "published": [None], "title": [None], "text": [
        "Russian jets struck SDF positions in Deir ez-Zor on Saturday, wounding six fighters."]},
        schema=frame.schema)
    warm = code_frame(warm_frame)
    normalize(warm.events, warm_frame)
    t = time.perf_counter()
    coded = code_frame(frame)
    t_code = time.perf_counter() - t
    t = time.perf_counter()
    if coded.events.height:
        normalize(coded.events, frame)
    t_norm = time.perf_counter() - t
    n = len(pages)
    return [
        _row("extraction, our settings (1 core)", n, t_extract, f"{frame.height} with text"),
        _row("coding (1 core)", frame.height, t_code, f"{coded.events.height} event mentions"),
        _row("normalizing (1 core)", coded.events.height, t_norm, "actors + places of those mentions"),
    ]


STAGES = {
    f.__name__: f
    for f in (
        coding_cost,
        synthetic,
        replicas,
        trafilatura_only,
        ingest,
        extract_code,
        normalize_stage,
        dbt_stage,
        refresh_job,
        cpu_stages,
        normalize_mentions,
        dbt_marts,
    )
}
PREFIX = "BENCH-RESULT "


def main(argv: list[str]) -> int:
    name, kwargs = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    with TreePeak() as peak:
        rows = STAGES[name](**kwargs)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for r in rows:
        r.setdefault("peak_rss_mb", round(max(self_mb, child_mb, peak.peak_mb), 1))
        r.setdefault("rss_self_mb", round(self_mb, 1))
        r.setdefault("rss_largest_child_mb", round(child_mb, 1))
        r.setdefault("rss_tree_peak_mb", round(peak.peak_mb, 1))
    sys.stdout.flush()
    print(PREFIX + json.dumps(rows, default=str), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
