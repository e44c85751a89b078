"""The asset graph reads like the flow: groups, kinds, descriptions, lineage, partitions, pools,
checks, jobs, schedule, sensor, retry policy. No run: fast."""

from __future__ import annotations

import dagster as dg
import pytest


@pytest.fixture(scope="module")
def graph():
    from pipelines.definitions import defs

    dg.Definitions.validate_loadable(defs)
    return defs, defs.resolve_asset_graph()


def key(s: str) -> dg.AssetKey:
    return dg.AssetKey(s)


def test_groups_kinds_descriptions(graph) -> None:
    _, ag = graph
    groups = {
        "raw_pages": "ingest", "articles": "extract", "quarantine": "extract", "coded_mentions": "code",
        "rejected_candidates": "code", "event_mentions": "normalize", "places": "normalize",
        "unresolved_mentions": "normalize", "actor_dictionary": "normalize", "actor_alliances": "normalize",
        "stg_event_mentions": "warehouse", "fct_events": "marts", "strikes_per_faction_week": "marts",
        "report": "marts",
    }
    for name, group in groups.items():
        node = ag.get(key(name))
        assert node.group_name == group, name
    for k in ag.get_all_asset_keys():
        node = ag.get(k)
        assert node.description and len(node.description) > 20, k
        assert node.kinds, k
    assert {"python", "duckdb"} <= ag.get(key("articles")).kinds
    assert "polars" in ag.get(key("event_mentions")).kinds
    assert "dbt" in ag.get(key("strikes_per_faction_week")).kinds
    assert {g for g in (ag.get(k).group_name for k in ag.get_all_asset_keys())} == {
        "ingest", "extract", "code", "normalize", "warehouse", "marts"}


def test_lineage_from_ingest_to_weekly_mart_is_unbroken(graph) -> None:
    _, ag = graph
    path = ["raw_pages", "articles", "coded_mentions", "event_mentions", "stg_event_mentions"]
    for up, down in zip(path, path[1:], strict=False):
        assert key(up) in ag.get(key(down)).parent_keys, (up, down)
    upstream = ag.get(key("strikes_per_faction_week")).parent_keys
    assert key("fct_events") in upstream

    def ancestors(k: dg.AssetKey) -> set[dg.AssetKey]:
        seen, todo = set(), [k]
        while todo:
            for p in ag.get(todo.pop()).parent_keys:
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen

    assert {key(p) for p in path} <= ancestors(key("strikes_per_faction_week"))
    assert key("strikes_per_faction_week") in ancestors(key("report"))


def test_python_stages_partitioned_by_day_single_run_backfill(graph) -> None:
    _, ag = graph
    for name in ("articles", "coded_mentions", "rejected_candidates", "event_mentions", "places",
                 "unresolved_mentions"):
        node = ag.get(key(name))
        assert isinstance(node.partitions_def, dg.DailyPartitionsDefinition), name
        assert node.backfill_policy == dg.BackfillPolicy.single_run(), name
    for name in ("raw_pages", "quarantine", "actor_dictionary", "fct_events", "strikes_per_faction_week", "report"):
        assert ag.get(key(name)).partitions_def is None, name


def test_every_duckdb_step_in_the_pool_and_retries_on_network_only(graph) -> None:
    defs, ag = graph
    for assets_def in defs.assets:
        for spec_key in assets_def.keys:
            if "duckdb" in ag.get(spec_key).kinds:
                assert "duckdb" in assets_def.op.pools, spec_key
    for check in defs.asset_checks:
        assert check.op.pool == "duckdb", check.check_keys
    retried = {k.to_user_string() for a in defs.assets for k in a.keys if a.op.retry_policy is not None}
    assert retried <= {"raw_pages"}


def test_checks_jobs_schedule_sensor(graph) -> None:
    defs, ag = graph
    names = {ck.name for c in defs.asset_checks for ck in c.check_keys}
    assert {"empty_text_share", "unresolved_share", "sources_still_publishing",
            "event_dates_not_after_article"} <= names
    dbt_checks = {ck for k in ag.get_all_asset_keys() for ck in ag.get(k).check_keys}
    assert len(dbt_checks) > 50  # dbt tests as asset checks
    assert defs.resolve_job_def("reprocess").partitions_def is not None
    assert defs.resolve_schedule_def("daily_refresh").job_name == "refresh"
    assert defs.resolve_sensor_def("feed_sensor").job_name == "refresh"
