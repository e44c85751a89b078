"""make bench: stages in fresh subprocesses with their peak RSS, snippet scoring, JSON results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED


def test_snippet_scoring(tmp_path: Path) -> None:
    from pipelines.bench.quality import score

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_bytes(b"x")
    (pages / "b.html").write_bytes(b"y")
    expected = tmp_path / "expected.json"
    expected.write_text(
        json.dumps(
            {
                "u1": {"file": "a.html", "with": ["main  text", "lost"], "without": ["menu"]},
                "u2": {"file": "b.html", "with": ["other"], "without": ["footer", "ads"]},
                "u3": {"file": "missing.html", "with": ["z"], "without": []},
            }
        )
    )
    texts = {b"x": "the main\ntext and a menu", b"y": "other words"}
    r = score(lambda html: texts[html], expected, pages)
    assert (r["pages"], r["tp"], r["fn"], r["fp"]) == (2, 2, 1, 1)
    assert r["precision"] == pytest.approx(2 / 3) and r["recall"] == pytest.approx(2 / 3)
    assert r["f1"] == pytest.approx(2 / 3)


def test_tree_rss_counts_children() -> None:
    from pipelines.bench.stages import tree_rss_kb

    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(200_000_000); time.sleep(5)"])
    try:
        import time

        time.sleep(1.5)
        assert tree_rss_kb() > 150_000  # this process + the child holding 200 MB
    finally:
        child.kill()
        child.wait()


def test_stage_in_subprocess_reports_rows_and_peak_rss(tmp_path: Path) -> None:
    from pipelines.bench.__main__ import run_stage

    rows = run_stage("synthetic", "synthetic", out=str(tmp_path / "syn"), n=200, seed=1)
    assert rows[0]["documents"] == 200 and rows[0]["seconds"] > 0
    assert 10 < rows[0]["peak_rss_mb"] < 1500 and rows[0]["section"] == "synthetic"
    assert (tmp_path / "syn" / "gold.jsonl").exists()


def test_bench_cli_normalize_section_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "results"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.bench",
            "--only",
            "normalize",
            "--mentions",
            "20000",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "normalize_events" in proc.stdout and "peak RSS" in proc.stdout
    data = json.loads(next(out.glob("bench-*.json")).read_text())
    row = data["rows"][0]
    assert row["documents"] == 20000 and row["peak_rss_mb"] > 0 and "FAILED" not in row["note"]


@pytest.mark.shared
def test_quality_on_expected_json_not_below_defaults() -> None:
    """Our extraction settings against trafilatura's defaults on the real pages (skips without ../shared)."""
    expected, pages = SHARED / "real-html" / "expected.json", SHARED / "real-html" / "pages"
    if not expected.exists():
        pytest.skip(f"{expected} is absent (../shared is not beside this checkout)")
    from pipelines.bench.quality import ours, score, trafilatura_defaults

    o, d = score(ours, expected, pages), score(trafilatura_defaults, expected, pages)
    assert o["pages"] == d["pages"] > 100
    # measured: ours 0.9215 = defaults 0.9215 (text + comments kept apart, NFC as trafilatura.extract);
    # issue 8: not below trafilatura's own defaults on the same pages
    assert o["f1"] >= d["f1"], (o, d)


def test_replicas_of_real_pages_are_new_pages_to_the_pipeline() -> None:
    """`realscale` copies each real page; a copy the pipeline took for a duplicate would be skipped and
    flatter it. Every copy has its own identity and visible-text fingerprint."""
    from pipelines.bench.replicas import replicate
    from pipelines.sources import page_identity
    from pipelines.sources.digest import text_fingerprint
    from pipelines.sources.local import _absolute_canonical

    real = SHARED / "real-html" / "pages"
    pages = sorted(real.glob("*.html")) if real.is_dir() else []
    bodies = [p.read_bytes() for p in pages] or [
        b"<html><head><link rel='canonical' href='https://example.org/a'></head><body>"
        + b"<p>Some visible text of the page, long enough to be fingerprinted.</p>" * 5 + b"</body></html>"]
    for i, body in enumerate(bodies):
        copies = [replicate(body, f"page{i}", k) for k in (1, 2)]
        ids = {page_identity(_absolute_canonical(c) or f"local://x/copy-{k}/p{i}", c, None)[0]
               for k, c in enumerate(copies)}
        assert len(ids) == 2, pages[i] if pages else i
        fps = {text_fingerprint(c) for c in copies}
        assert len(fps) == 2 or fps == {None}, pages[i] if pages else i
