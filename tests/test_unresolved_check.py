"""Acceptance (issue 5): the unresolved-mentions check goes red on an article full of unknown names and
green on the sample corpus -- through Dagster, on the Python assets and the real check."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
from conftest import REPO, folder_sources

UNKNOWN = """<html lang="en"><head><title>Clashes in the valley</title>
<meta property="article:published_time" content="2019-03-12"></head><body><article>
<h1>Fighting flares in the Qorvath valley</h1>
<p>Fighters of the Zembrani Liberation Front attacked positions of the Veskari Guard near Ulmatar on Monday,
killing four soldiers, a spokesman for the Veskari Guard said.</p>
<p>Drones of the Karthani Brigades struck a depot of the Zembrani Liberation Front in Pelosk on Monday,
wounding three fighters, the Zembrani Liberation Front said.</p>
<p>The Tervani Militia shelled the village of Ostrakh on Monday, killing two civilians, residents said.</p>
</article></body></html>"""


def run_python_assets_with_check(sources: Path) -> dg.AssetCheckEvaluation:
    from pipelines.checks import check_unresolved_share
    from pipelines.definitions import defs
    from pipelines.resources import PipelineSettings, make_resources

    python_assets = [a for a in defs.assets if "dbt" not in a.op.name and "report" not in a.op.name]
    resources = {**make_resources(), "settings": PipelineSettings(sources_file=str(sources))}
    result = dg.materialize([*python_assets, check_unresolved_share], resources=resources)
    assert result.success
    (evaluation,) = [e for e in result.get_asset_check_evaluations() if e.check_name == "unresolved_share"]
    return evaluation


def test_unknown_vocabulary_turns_the_check_red(warehouse: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "unknown.html").write_text(UNKNOWN)
    ev = run_python_assets_with_check(folder_sources(tmp_path, folder))
    assert not ev.passed
    assert ev.severity == dg.AssetCheckSeverity.ERROR
    top = ev.metadata["top_unknown"].value
    assert any(name in top for name in ("Zembrani", "Veskari", "Karthani", "Tervani", "Ostrakh", "Pelosk"))


def test_sample_corpus_keeps_the_check_green(warehouse: Path) -> None:
    sources = REPO / "pipelines" / "sample_corpus" / "sources.yaml"
    if not (sources.parent / "pages").is_dir():
        pytest.skip("sample corpus not built")
    assert run_python_assets_with_check(sources).passed
