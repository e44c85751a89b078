"""`make bench` = `python -m pipelines.bench [--scale N] [--only SECTION ...]`.

Every stage runs in a fresh subprocess (`pipelines.bench.stages`), so its peak RSS is its own; all ratios
compare figures measured in this same run. Results: a table on stdout and JSON in `bench-results/`.
Sections: quality, real, realscale, synthetic, marginal, cpu, incremental, normalize, dbt (default: all).

`marginal` runs the synthetic comparison again on three times the pages: the differences between the two runs are
the cost of the extra pages alone, without what every run pays once (dbt's build of the marts, starting the
workers) -- "everything after extraction costs under a quarter of extraction", per page. `realscale` does the
same with the real pages: `--real-copies` copies of each (110 pages x 30 by default), then three times as many.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from pipelines import config
from pipelines.bench.stages import PREFIX

SHARED = config.REPO_DIR.parent / "shared"
REAL_PAGES = SHARED / "real-html" / "pages"
EXPECTED = SHARED / "real-html" / "expected.json"
SECTIONS = ("quality", "real", "realscale", "synthetic", "marginal", "cpu", "incremental", "normalize", "dbt")


def run_stage(name: str, section: str, **kwargs) -> list[dict]:
    """One stage in a fresh interpreter; its rows (with peak RSS), or one row saying why it failed."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pipelines.bench.stages", name, json.dumps(kwargs)],
        capture_output=True,
        text=True,
        cwd=config.REPO_DIR,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(PREFIX):
            rows = json.loads(line[len(PREFIX) :])
            for r in rows:
                r["section"] = section
            return rows
    err = (proc.stderr.strip().splitlines() or ["no output"])[-1][:200]
    print(f"  ! stage {name} failed ({time.perf_counter() - t0:.0f} s): {err}", file=sys.stderr)
    return [
        {
            "stage": name,
            "section": section,
            "documents": 0,
            "seconds": 0.0,
            "peak_rss_mb": None,
            "note": f"FAILED: {err}",
        }
    ]


def _rate(r: dict) -> float | None:
    return r["documents"] / r["seconds"] if r.get("seconds") and r.get("documents") else None


def print_table(rows: list[dict]) -> None:
    head = (f"{'section':<11} {'stage':<48} {'documents':>10} {'seconds':>9} {'CPU s':>8} {'docs/s':>10} "
            f"{'peak RSS MB':>11}  note")
    print(head)
    print("-" * len(head))
    for r in rows:
        rate = _rate(r)
        rss, cpu = r.get("peak_rss_mb"), r.get("cpu_seconds")
        print(
            f"{r.get('section', ''):<11} {r['stage'][:48]:<48} {r['documents']:>10,} {r['seconds']:>9.2f} "
            f"{(f'{cpu:,.1f}' if cpu is not None else '-'):>8} "
            f"{(f'{rate:,.1f}' if rate else '-'):>10} {(f'{rss:,.0f}' if rss is not None else '-'):>11}  "
            f"{r.get('note', '')}"
        )


def _sources_for_folder(tmp: Path, folder: Path) -> str:
    p = tmp / "real-sources.yaml"
    p.write_text(
        f"fetch:\n  allow_private_addresses: false\nsources:\n  - name: real-html\n    kind: folder\n"
        f"    path: {folder}\n"
    )
    return str(p)


def pipeline_vs_trafilatura(
    label: str,
    section: str,
    folder: str,
    sources: str,
    tmp: Path,
    workers: int,
    rows: list[dict],
    ratios: dict,
    baseline: bool = True,
) -> dict[str, float]:
    """traf-only, the pipeline stage by stage on a fresh warehouse, traf-only again (noise: mean of two).
    baseline=False: the pipeline only (the memory run)."""
    wh = str(tmp / f"{section}-wh" / "warehouse.duckdb")
    # The corpus was just written (realscale: ~4 GB): its writeback must not land in the first baseline
    # (a run where it did took 819 s, the baseline after the pipeline 515 s, the same 33,000 pages).
    os.sync()
    t1 = run_stage("trafilatura_only", section, folder=folder, workers=workers) if baseline else []
    stages = [
        run_stage("ingest", section, sources=sources, warehouse=wh),
        run_stage("extract_code", section, warehouse=wh, workers=workers),
        run_stage("normalize_stage", section, sources=sources, warehouse=wh),
        run_stage("dbt_stage", section, sources=sources, warehouse=wh),
    ]
    t2 = run_stage("trafilatura_only", section, folder=folder, workers=workers) if baseline else []
    stages = [s[0] for s in stages]
    rows += t1 + stages + t2
    traf = (t1[0]["seconds"] + t2[0]["seconds"]) / 2 if baseline else 0.0
    total = sum(s["seconds"] for s in stages)
    no_dbt = sum(s["seconds"] for s in stages[:3])
    cpu = sum(s.get("cpu_seconds") or 0.0 for s in stages)
    traf_cpu = (t1[0].get("cpu_seconds", 0.0) + t2[0].get("cpu_seconds", 0.0)) / 2 if baseline else 0.0
    pages = stages[0]["documents"]
    rows.append(
        {
            "stage": f"PIPELINE folder->DuckDB->marts ({workers} proc)",
            "section": section,
            "documents": pages,
            "seconds": total,
            "cpu_seconds": cpu,
            "peak_rss_mb": max((s.get("peak_rss_mb") or 0) for s in stages),
            "rss_tree_peak_mb": max((s.get("rss_tree_peak_mb") or 0) for s in stages),
            "note": f"sum of the 4 stages above; without dbt {no_dbt:.1f} s",
        }
    )
    if total and traf:
        ratios[f"{label}: pipeline / trafilatura-only throughput ({workers} proc)"] = traf / total
        ratios[f"{label}: pipeline without dbt / trafilatura-only ({workers} proc)"] = traf / no_dbt
        # A one-pass ingest extracts and codes too (the extract+code stage then finds nothing pending): the
        # CPU stages are ingest + extract+code together.
        one_pass = bool(stages[0].get("extracted_at_ingest"))
        cpu_stages = stages[:2] if one_pass else stages[1:2]
        ec = sum(s["seconds"] for s in cpu_stages)
        what = "ingest+extract+code" if one_pass else "extract+code stage"
        ratios[f"{label}: {what} / trafilatura-only ({workers} proc)"] = traf / ec if ec else None
        if traf_cpu and cpu:
            # The same comparison in CPU seconds (all processes): steadier than wall clock on a shared VM.
            ec_cpu = sum(s.get("cpu_seconds") or 0.0 for s in cpu_stages)
            ratios[f"{label}: CPU seconds, trafilatura-only / pipeline"] = traf_cpu / cpu
            ratios[f"{label}: CPU seconds, trafilatura-only / {what}"] = traf_cpu / ec_cpu if ec_cpu else None
    return {"pages": pages, "traf": traf, "total": total, "no_dbt": no_dbt, "traf_cpu": traf_cpu, "cpu": cpu}


def marginal(what: str, first: dict, second: dict, workers: int, ratios: dict, notes: list[str]) -> None:
    """Ratios of the differences between two runs of different sizes: the cost of the extra pages alone."""
    d_traf, d_pipe = second["traf"] - first["traf"], second["total"] - first["total"]
    d_no_dbt = second["no_dbt"] - first["no_dbt"]
    extra = second["pages"] - first["pages"]
    if d_traf <= 0 or d_pipe <= 0:
        notes.append(f"marginal ({what}): no difference to measure")
        return
    key = f"marginal, {extra:,} more {what} pages"
    ratios[f"{key}: pipeline / trafilatura-only ({workers} proc)"] = d_traf / d_pipe
    ratios[f"{key}: without dbt / trafilatura-only"] = d_traf / d_no_dbt if d_no_dbt > 0 else None
    d_traf_cpu, d_cpu = second["traf_cpu"] - first["traf_cpu"], second["cpu"] - first["cpu"]
    if d_traf_cpu > 0 and d_cpu > 0:
        ratios[f"{key}: CPU seconds, trafilatura-only / pipeline"] = d_traf_cpu / d_cpu
    fixed = first["total"] - first["pages"] * d_pipe / extra
    notes.append(f"marginal ({what}): {extra:,} more pages cost trafilatura-only {d_traf:.1f} s and the pipeline "
                 f"{d_pipe:.1f} s; what a pipeline run pays once, whatever its size: {fixed:.1f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipelines.bench", description=__doc__.split("\n")[0])
    ap.add_argument(
        "--scale",
        type=int,
        default=2000,
        help="synthetic pages through the pipeline (100000 for the memory run)",
    )
    ap.add_argument("--real-copies", type=int, default=30,
                    help="realscale: copies of each real page in the first run (three times as many in the second)")
    ap.add_argument("--cpu-pages", type=int, default=1000, help="pages for the 1-core / 2-core comparison")
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each core count (best kept)")
    ap.add_argument("--only", nargs="*", choices=SECTIONS, default=None)
    ap.add_argument("--out", default=str(config.REPO_DIR / "bench-results"))
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus and warehouses")
    ap.add_argument(
        "--no-baseline", action="store_true", help="synthetic: pipeline only, no trafilatura-only runs"
    )
    a = ap.parse_args(argv)
    only = set(a.only or SECTIONS)
    tmp = Path(tempfile.mkdtemp(prefix="conflict-etl-bench-"))
    rows: list[dict] = []
    ratios: dict[str, float | None] = {}
    quality: dict = {}
    notes: list[str] = []
    started = time.perf_counter()
    have_real = REAL_PAGES.is_dir()
    try:
        if "quality" in only:
            if EXPECTED.exists() and have_real:
                from pipelines.bench.quality import compare

                print("extraction quality on expected.json ...", file=sys.stderr)
                quality = compare(EXPECTED, REAL_PAGES)
            else:
                notes.append(f"quality skipped: {EXPECTED} absent")
        if "real" in only:
            if have_real:
                print("real pages: coding + normalizing vs extraction, one core ...", file=sys.stderr)
                cost = run_stage("coding_cost", "real", folder=str(REAL_PAGES))
                rows += cost
                if len(cost) == 3 and cost[0]["seconds"]:
                    ratios["real pages, 1 core: (coding + normalizing) / extraction time (must be < 0.25)"] = (
                        cost[1]["seconds"] + cost[2]["seconds"]
                    ) / cost[0]["seconds"]
                print("real pages: trafilatura-only vs pipeline ...", file=sys.stderr)
                pipeline_vs_trafilatura(
                    "real pages",
                    "real",
                    str(REAL_PAGES),
                    _sources_for_folder(tmp, REAL_PAGES),
                    tmp,
                    a.workers,
                    rows,
                    ratios,
                )
            else:
                notes.append(f"real pages skipped: {REAL_PAGES} absent")
        if "realscale" in only:
            if have_real:
                # The real pages as a corpus big enough for per-page costs: copies of each page, each its own
                # page (pipelines/bench/replicas.py), at two sizes; no feed, so page metadata comes from the pages.
                sizes = {}
                for copies in (a.real_copies, 3 * a.real_copies):
                    out = tmp / f"real-x{copies}"
                    print(f"real pages x {copies}: trafilatura-only vs pipeline ...", file=sys.stderr)
                    rows += run_stage("replicas", "realscale", folder=str(REAL_PAGES), out=str(out), copies=copies)
                    sizes[copies] = pipeline_vs_trafilatura(
                        f"real pages x {copies}", "realscale", str(out / "pages"), str(out / "sources.yaml"), tmp,
                        a.workers, rows, ratios)
                    shutil.rmtree(out, ignore_errors=True)
                    shutil.rmtree(tmp / "realscale-wh", ignore_errors=True)
                marginal("real", sizes[a.real_copies], sizes[3 * a.real_copies], a.workers, ratios, notes)
            else:
                notes.append(f"real pages at scale skipped: {REAL_PAGES} absent")
        syn = tmp / "synthetic"
        if only & {"synthetic", "cpu"}:
            n = max(a.scale if "synthetic" in only else 0, a.cpu_pages if "cpu" in only else 0)
            print(f"synthetic corpus: {n:,} pages ...", file=sys.stderr)
            rows += run_stage("synthetic", "synthetic", out=str(syn), n=n, seed=1)
        if "synthetic" in only:
            print("synthetic: trafilatura-only vs pipeline ...", file=sys.stderr)
            first = pipeline_vs_trafilatura(
                f"synthetic {n:,}",
                "synthetic",
                str(syn / "pages"),
                str(syn / "sources.yaml"),
                tmp,
                a.workers,
                rows,
                ratios,
                baseline=not a.no_baseline,
            )
        if "marginal" in only and "synthetic" in only and not a.no_baseline:
            n2 = 3 * n  # twice the pages more than the first run: the differences stand above the noise
            print(f"marginal: synthetic corpus of {n2:,} pages, trafilatura-only vs pipeline ...", file=sys.stderr)
            syn2 = tmp / "synthetic2"
            rows += run_stage("synthetic", "marginal", out=str(syn2), n=n2, seed=1)
            second = pipeline_vs_trafilatura(f"synthetic {n2:,}", "marginal", str(syn2 / "pages"),
                                             str(syn2 / "sources.yaml"), tmp, a.workers, rows, ratios)
            marginal("synthetic", first, second, a.workers, ratios, notes)
        if "cpu" in only:
            print("CPU stages: 1 vs N processes ...", file=sys.stderr)
            best: dict[int, dict] = {}
            for _ in range(a.repeat):
                for w in (1, a.workers):
                    r = run_stage(
                        "cpu_stages", "cpu", folder=str(syn / "pages"), workers=w, limit=a.cpu_pages
                    )[0]
                    rows.append(r)
                    if r["seconds"] and (w not in best or r["steady_seconds"] < best[w]["steady_seconds"]):
                        best[w] = r
            if 1 in best and a.workers in best and a.workers > 1:
                ratios[
                    f"CPU stages {a.workers}-proc / 1-proc throughput (steady state, best of {a.repeat})"
                ] = best[1]["steady_seconds"] / best[a.workers]["steady_seconds"]
                ratios[f"CPU stages {a.workers}-proc / 1-proc throughput (pool start included)"] = (
                    best[1]["seconds"] / best[a.workers]["seconds"]
                )
        if "incremental" in only:
            print(
                "incremental: full refresh, no-op refresh, re-code on the sample corpus ...", file=sys.stderr
            )
            sources = str(config.SAMPLE_CORPUS_DIR / "sources.yaml")
            wh = str(tmp / "incremental-wh" / "warehouse.duckdb")
            def refresh(label: str, **kw) -> dict:
                return run_stage("refresh_job", "incremental", sources=sources, warehouse=wh, label=label, **kw)[0]

            full = refresh("refresh (gated, as conflict-etl refresh), full", gated=True)
            gated = refresh("refresh (gated), nothing new", gated=True)
            noop = refresh("refresh job (all assets planned), nothing new")
            recode = refresh("refresh (gated), new coder+dictionary version", gated=True, recode=True)
            rows += [full, gated, noop, recode]
            if full["seconds"]:
                ratios["no-op refresh (gated) / full refresh (time)"] = gated["seconds"] / full["seconds"]
                ratios["no-op refresh job, every asset planned / full refresh (time)"] = (
                    noop["seconds"] / full["seconds"]
                )
            notes.append(
                f"no-op refresh touched {noop.get('pages_touched')} pages (job) / "
                f"{gated.get('pages_touched')} (gated); re-code run: pages touched "
                f"{recode.get('pages_touched')}, extracted {recode.get('extracted')}, coded "
                f"{recode.get('coded')}, normalized {recode.get('normalized')} "
                f"(coder {recode.get('coder_version')}, dictionary {recode.get('dictionary_version')})"
            )
        if "normalize" in only:
            print(f"normalize_events over {a.mentions:,} mentions ...", file=sys.stderr)
            rows += run_stage("normalize_mentions", "normalize", n=a.mentions)
        if "dbt" in only:
            print("dbt build over 1M events (pipelines/bench/dbt_marts.py) ...", file=sys.stderr)
            rows += run_stage("dbt_marts", "dbt")
    finally:
        if a.keep:
            notes.append(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    print()
    print_table(rows)
    if quality:
        print(
            "\nextraction quality on ../shared/real-html/expected.json (snippets; with = TP/FN, without = FP)"
        )
        print(
            f"{'extractor':<52} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'F1 w/o comments':>15} "
            f"{'pages/s (1 core)':>17}"
        )
        for name, q in quality.items():
            print(
                f"{name:<52} {q['pages']:>5} {q['precision']:>6.3f} {q['recall']:>6.3f} {q['f1']:>6.3f} "
                f"{q['f1_comments_neutral']:>15.3f} {q['pages_per_s']:>17.1f}"
            )
        print(
            "  (F1 w/o comments: snippets that are reader comments not scored -- the pipeline drops comments)"
        )
    print("\nratios (same run)")
    for k, v in ratios.items():
        print(f"  {k:<80} {v:.2f}" if v is not None else f"  {k:<80} -")
    for n in notes:
        print(f"note: {n}")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(
        json.dumps(
            {
                "args": vars(a),
                "cpu_count": os.cpu_count(),
                "seconds": time.perf_counter() - started,
                "rows": rows,
                "ratios": ratios,
                "quality": quality,
                "notes": notes,
            },
            indent=2,
            default=str,
        )
    )
    print(f"\nresults: {path}  (total {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
