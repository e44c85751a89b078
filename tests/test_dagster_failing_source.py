"""A source that fails (closed port, missing folder) is quarantined with a readable reason; the
other sources, the marts and the report still update -- in one `refresh`-like materialization."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import REPO

SAMPLE = REPO / "pipelines" / "sample_corpus"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_failing_sources_are_quarantined_and_the_rest_updates(warehouse: Path, tmp_path: Path) -> None:
    if not (SAMPLE / "pages").is_dir():
        pytest.skip("sample corpus not built yet")
    pages = tmp_path / "pages"
    pages.mkdir()
    for f in sorted((SAMPLE / "pages").glob("*.html"))[:4]:
        shutil.copy(f, pages / f.name)
    port = closed_port()
    (tmp_path / "urls.txt").write_text(f"http://127.0.0.1:{port}/news/1\nhttp://127.0.0.1:{port}/news/2\n")
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "fetch:\n  allow_private_addresses: true\n  retries: 0\n  respect_robots: false\n  delay_s: 0\n"
        "  timeout_s: 3\nsources:\n"
        "  - {name: good, kind: folder, path: pages}\n"
        "  - {name: dead-host, kind: urls, path: urls.txt}\n"
        "  - {name: gone-folder, kind: folder, path: does-not-exist}\n"
    )
    from pipelines.definitions import defs
    from pipelines.resources import PipelineSettings, make_resources

    resources = {**make_resources(), "settings": PipelineSettings(sources_file=str(sources))}
    result = dg.materialize([*defs.assets, *defs.asset_checks], resources=resources, raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        q = conn.sql("SELECT source_name, reason, detail FROM raw.quarantine WHERE stage = 'fetch'").fetchall()
        by_source = {}
        for source, reason, _detail in q:
            by_source.setdefault(source, set()).add(reason)
        seen = conn.sql("SELECT source_name, stage, reason, url FROM raw.quarantine").fetchall()
        assert "dead-host" in by_source and "gone-folder" in by_source, seen
        assert all(detail for *_s, detail in q)  # a readable detail on every failure
        assert conn.sql("SELECT count(*) FROM raw.articles WHERE source_name = 'good'").fetchall()[0][0] == 4
        assert conn.sql("SELECT count(*) FROM fct_events").fetchall()[0][0] > 0
    assert (warehouse.parent / "report.html").exists()
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    stale = checks["sources_still_publishing"]
    assert stale.metadata  # says which sources to look at
