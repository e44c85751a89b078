"""The whole flow through Dagster: sources -> raw pages -> articles -> events -> DuckDB -> dbt marts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import REPO, SEED_HTML, folder_sources, need_shared

SAMPLE = REPO / "pipelines" / "sample_corpus"


def run_refresh(sources: Path) -> dg.ExecuteInProcessResult:
    from pipelines.definitions import defs
    from pipelines.resources import PipelineSettings, make_resources

    resources = {**make_resources(), "settings": PipelineSettings(sources_file=str(sources))}
    return dg.materialize(defs.assets, resources=resources, raise_on_error=True)


def counts(path: Path) -> dict[str, int]:
    from pipelines.warehouse import TABLES

    with duckdb.connect(str(path)) as conn:
        out = {t: conn.sql(f"SELECT count(*) FROM raw.{t}").fetchall()[0][0] for t in TABLES}
        for mart in ("fct_events", "strikes_per_faction_week"):
            out[mart] = conn.sql(f"SELECT count(*) FROM {mart}").fetchall()[0][0]
    return out


def test_sample_corpus_end_to_end_and_idempotent(warehouse: Path, tmp_path: Path) -> None:
    if not (SAMPLE / "pages").is_dir():
        pytest.skip("sample corpus not built yet")
    sources = SAMPLE / "sources.yaml"
    assert run_refresh(sources).success
    first = counts(warehouse)
    assert first["pages"] >= 40
    assert first["articles"] == first["pages"]
    assert first["event_mentions"] > 40
    assert first["strikes_per_faction_week"] > 0
    with duckdb.connect(str(warehouse)) as conn:
        factions = conn.sql("SELECT count(DISTINCT faction) FROM strikes_per_faction_week").fetchall()[0][0]
        weeks = conn.sql("SELECT count(DISTINCT week_start) FROM strikes_per_faction_week").fetchall()[0][0]
        dtypes = dict(conn.sql("DESCRIBE strikes_per_faction_week").fetchall() and [
            (r[0], r[1]) for r in conn.sql("DESCRIBE strikes_per_faction_week").fetchall()])
    assert factions >= 3 and weeks >= 4
    assert dtypes["week_start"] == "DATE" and dtypes["faction"] == "VARCHAR"
    # The countries each article names come with its coding (one lexicon scan a text); normalizing from
    # the texts again gives the same events.
    from pipelines.assets.common import Scope
    from pipelines.assets.stages import normalize_articles
    from pipelines.normalize import dictionary_version

    events = "SELECT * EXCLUDE (coded_at) FROM raw.event_mentions ORDER BY mention_id"
    with duckdb.connect(str(warehouse)) as conn:
        with_countries = conn.sql("SELECT count(*) FROM raw.coded_articles WHERE countries IS NOT NULL "
                                  "AND countries_version = ?", params=[dictionary_version()]).fetchall()[0][0]
        with_events = conn.sql("SELECT count(*) FROM raw.coded_articles WHERE events > 0").fetchall()[0][0]
        # only articles with events are placed, so only their texts are scanned for countries
        assert with_countries == with_events > 0
        assert conn.sql("SELECT count(*) FROM raw.coded_articles WHERE events = 0 AND countries IS NULL"
                        ).fetchall()[0][0] == first["coded_articles"] - with_events
        stored = conn.sql(events).fetchall()
        conn.execute("UPDATE raw.coded_articles SET countries = NULL")
        normalize_articles(conn, Scope(force=True), batch_size=7)
        assert conn.sql(events).fetchall() == stored
    # A second run adds nothing.
    assert run_refresh(sources).success
    assert counts(warehouse) == first


def test_seed_page_to_weekly_mart_row(warehouse: Path, tmp_path: Path) -> None:
    """HTML in, events out, weekly mart row: the seed page alone through the whole flow."""
    html = need_shared(SEED_HTML)
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(html, folder / html.name)
    assert run_refresh(folder_sources(tmp_path, folder)).success
    with duckdb.connect(str(warehouse)) as conn:
        art = conn.sql("SELECT published, title, language FROM raw.articles").fetchall()
        assert str(art[0][0]) == "2017-09-16" and art[0][2] == "en"
        row = conn.sql(
            "SELECT week_start, strikes, injured FROM strikes_per_faction_week WHERE faction = 'Russia'"
        ).fetchall()
    assert row and str(row[0][0]) == "2017-09-11" and row[0][1] >= 1 and row[0][2] == 6


def test_bad_input_is_quarantined_not_fatal(warehouse: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "empty.html").write_text("<html><body><nav>Home | World</nav></body></html>")
    (folder / "sub" / "binary.html").write_bytes(b"%PDF-1.4\x00\x01\x02\xff\xfe" * 50)
    (folder / "ok.html").write_text(
        "<html lang='en'><head><title>Shelling</title><meta property='article:published_time' "
        "content='2017-10-02'></head><body><article><h1>Shelling hits town</h1>"
        + "<p>Islamic State militants shelled the government-held Joura district of Deir ez-Zor city "
        "on Monday, killing three civilians and wounding seven, a monitor said.</p>" * 3
        + "</article></body></html>"
    )
    assert run_refresh(folder_sources(tmp_path, folder)).success
    c = counts(warehouse)
    assert c["pages"] == 3
    assert c["articles"] + c["quarantine"] >= 3  # every page stored as an article or quarantined
    with duckdb.connect(str(warehouse)) as conn:
        reasons = {r[0] for r in conn.sql("SELECT reason FROM raw.quarantine").fetchall()}
    assert reasons <= {"empty_text", "parse_error"} and reasons


def test_cli_extract_prints_events(tmp_path: Path) -> None:
    article = {
        "id": "a1", "published": "2017-09-16",
        "text": "Russian jets struck SDF positions near Deir ez-Zor on Saturday, wounding six fighters.",
    }
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(article) + "\n")
    out = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "extract", str(src)],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert events, out.stderr
    ev = events[0]
    required = {"article_id", "event_type", "actor_name", "actor_raw", "target_name", "target_raw",
                "location_name", "location_raw", "country_iso3", "admin1", "latitude", "longitude",
                "geonameid", "geo_precision", "event_date", "date_precision", "fatalities", "injured",
                "sentence_index", "char_start", "char_end", "evidence", "confidence"}
    assert required <= set(ev)
    assert ev["event_type"] == "air_strike" and ev["actor_name"] == "Russia" and ev["target_name"] == "SDF"
    assert ev["event_date"] == "2017-09-16" and ev["injured"] == 6
    assert article["text"][ev["char_start"] : ev["char_end"]] == ev["evidence"]


def test_gated_refresh_nothing_new_runs_nothing_after_ingest(warehouse: Path, tmp_path: Path) -> None:
    """`conflict-etl refresh` twice: the second run ingests (0 pages touched), finds no work and stops
    before extract/code/normalize and dbt; a changed page brings the whole flow back, dbt included."""
    from pipelines.refresh import run_refresh as gated

    html = need_shared(SEED_HTML)
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(html, folder / "seed.html")
    config = {"resources": {"settings": {"config": {"sources_file": str(folder_sources(tmp_path, folder))}},
                            "duckdb": {"config": {"database": str(warehouse)}}}}
    with dg.instance_for_test() as instance:
        first = gated(instance, config)
        assert first.success and first.processed and first.work["extract"] == 1
        before = counts(warehouse)
        second = gated(instance, config)
        assert second.success and not second.processed
        assert second.work == {"extract": 0, "code": 0, "normalize": 0, "marts": 0}
        meta = second.results[0].asset_materializations_for_node("raw_pages")[0].metadata
        assert meta["pages_new"].value == 0 and meta["pages_changed"].value == 0
        assert counts(warehouse) == before
        # A changed page: extracted, coded, normalized and the marts rebuilt (a second dbt build).
        (folder / "seed.html").write_bytes(html.read_bytes().replace(b"</body>", b"<p>Updated.</p></body>"))
        third = gated(instance, config)
        assert third.success and third.processed and third.work["extract"] == 1
    with duckdb.connect(str(warehouse)) as conn:
        assert conn.sql("SELECT count(*) FROM raw.dbt_builds").fetchall()[0][0] == 2


def test_gated_refresh_with_a_one_pass_ingest(warehouse: Path, tmp_path: Path, monkeypatch) -> None:
    """More than 64 new pages and a worker pool: ingest extracts and codes them in its own pass, so after
    ingest only normalize and the marts are pending; the `process` job finishes the flow; nothing is left
    to do on a second refresh."""
    from pipelines.refresh import run_refresh as gated
    from pipelines.synthetic import write_corpus

    monkeypatch.setenv("CONFLICT_ETL_WORKERS", "2")
    write_corpus(tmp_path / "corpus", 100)
    config = {"resources": {"settings": {"config": {"sources_file": str(tmp_path / "corpus" / "sources.yaml")}},
                            "duckdb": {"config": {"database": str(warehouse)}}}}
    with dg.instance_for_test() as instance:
        first = gated(instance, config)
        assert first.success and first.processed
        assert first.work["extract"] == 0 and first.work["code"] == 0 and first.work["normalize"] == 100
        meta = first.results[0].asset_materializations_for_node("raw_pages")[0].metadata
        assert meta["extracted_at_ingest"].value == 100 and meta["mentions_at_ingest"].value > 100
        assert not gated(instance, config).processed
    c = counts(warehouse)
    assert c["articles"] == c["pages"] == 100 and c["coded_articles"] == 100
    assert c["event_mentions"] == c["coded_mentions"] == meta["mentions_at_ingest"].value
    assert c["fct_events"] > 0 and c["strikes_per_faction_week"] > 0


def test_dbt_step_skips_an_unchanged_warehouse(warehouse: Path, tmp_path: Path) -> None:
    """The dbt step runs no dbt when no raw table changed since its last full build; a raw write
    (even one that bypasses warehouse.load_batch) or `force` brings the build back."""
    html = need_shared(SEED_HTML)
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(html, folder / html.name)
    sources = folder_sources(tmp_path, folder)
    assert run_refresh(sources).success
    res = run_refresh(sources)
    assert res.success and not res.asset_materializations_for_node("dbt_models")
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("DELETE FROM raw.quarantine")  # no row, no change: still skipped
        conn.execute("UPDATE raw.articles SET title = 'Edited' WHERE true")  # same counts, bypasses the counter
    res = run_refresh(sources)
    assert not res.asset_materializations_for_node("dbt_models")  # counts equal: a direct UPDATE is not seen
    with duckdb.connect(str(warehouse)) as conn:  # a row written directly: the counts move
        conn.execute("INSERT INTO raw.quarantine (item_id, stage, source_name, url, reason) "
                     "VALUES ('x', 'fetch', 'test', 'http://example.org/x', 'http_404')")
    res = run_refresh(sources)
    assert res.success and res.asset_materializations_for_node("dbt_models")
    with duckdb.connect(str(warehouse)) as conn:
        assert conn.sql("SELECT count(*) FROM raw.dbt_builds").fetchall()[0][0] == 2


def _dbt_outcome(res: dg.ExecuteInProcessResult) -> tuple[set, set]:
    """(asset keys dbt materialized, (asset, check, passed, severity) of every dbt test)."""
    mats = {m.asset_key for m in res.asset_materializations_for_node("dbt_models")}
    checks = {(e.asset_key, e.check_name, e.passed, e.severity)
              for e in (ev.event_specific_data for ev in res.all_events
                        if ev.event_type_value == "ASSET_CHECK_EVALUATION")}
    return mats, checks


def test_dbt_in_process_gives_the_subprocess_events(warehouse: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """dbt built in the step's process (on the saved parse) yields the same materializations and asset
    checks as dagster-dbt's subprocess, and leaves the warehouse free for the next writer."""
    from pipelines import dbt_inprocess

    html = need_shared(SEED_HTML)
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(html, folder / html.name)
    sources = folder_sources(tmp_path, folder)
    ran: list[bool] = []
    build = dbt_inprocess.build

    def recording_build(*args, **kwargs):
        events = build(*args, **kwargs)
        ran.append(events is not None)
        return events

    monkeypatch.setattr(dbt_inprocess, "build", recording_build)
    in_process = run_refresh(sources)
    assert ran == [True], "the in-process path did not run"
    with duckdb.connect(str(warehouse)) as conn:  # dbt let go of the file
        conn.execute("DELETE FROM raw.dbt_builds")
    monkeypatch.setattr(dbt_inprocess, "saved_manifest", lambda project: None)
    subprocess_res = run_refresh(sources)
    assert ran == [True, False]
    mats, checks = _dbt_outcome(in_process)
    assert len(mats) >= 15 and len(checks) >= 100
    assert (mats, checks) == _dbt_outcome(subprocess_res)


def test_saved_parse_is_not_used_for_another_warehouse_name() -> None:
    """dbt-duckdb names the database after the file: a parse made for warehouse.duckdb does not fit wh.duckdb."""
    import json as json_

    from pipelines import dbt_inprocess
    from pipelines.resources import dbt_project

    saved = dbt_inprocess.saved_manifest(dbt_project)
    assert saved is not None
    manifest = json_.loads(Path(dbt_project.manifest_path).read_text())
    assert dbt_inprocess.usable(saved, manifest, "/x/warehouse.duckdb") is None
    assert "wh" in dbt_inprocess.usable(saved, manifest, "/x/wh.duckdb")
    manifest["nodes"].pop(next(iter(manifest["nodes"])))
    assert dbt_inprocess.usable(saved, manifest, "/x/warehouse.duckdb") is not None
