"""marts: the dbt project (staging views, fct_events, weekly marts) as assets downstream of the
Python assets; dbt tests become asset checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from ..resources import DUCKDB_POOL, dbt_project


class Translator(DagsterDbtTranslator):
    """staging/intermediate models -> group `warehouse`, marts -> group `marts`."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props.get("resource_type") == "source":
            return None
        fqn = dbt_resource_props.get("fqn") or []
        return "marts" if "marts" in fqn else "warehouse"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool=DUCKDB_POOL,
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    yield from dbt.cli(["build"], context=context).stream().fetch_row_counts()
