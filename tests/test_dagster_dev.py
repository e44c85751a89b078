"""End to end through a real `dagster dev` webserver: load workspace.yaml, launch `refresh` over
GraphQL (what the UI's launch button does), wait for success, check the warehouse."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from conftest import REPO

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gql(port: int, query: str, variables: dict | None = None) -> dict:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        body = json.loads(resp.read())
    assert "errors" not in body, body
    return body["data"]


REPOS = """{ workspaceOrError { ... on Workspace { locationEntries { name
  locationOrLoadError { __typename ... on RepositoryLocation { repositories { name jobs { name }
  assetNodes { assetKey { path } } } } ... on PythonError { message } } } } } }"""

LAUNCH = """mutation($p: ExecutionParams!) { launchRun(executionParams: $p) { __typename
  ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } ... on RunConfigValidationInvalid { errors { message } } } }"""

STATUS = """query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }"""


@pytest.fixture
def dagster_dev(tmp_path: Path, warehouse: Path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "CONFLICT_ETL_WAREHOUSE": str(warehouse)}
    log = open(tmp_path / "dagster-dev.log", "w")
    proc = subprocess.Popen(
        ["dagster", "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                data = gql(port, REPOS)
                entry = data["workspaceOrError"]["locationEntries"][0]
                if entry["locationOrLoadError"]:
                    break
            except Exception:
                pass
            if proc.poll() is not None:
                raise RuntimeError((tmp_path / "dagster-dev.log").read_text()[-3000:])
            time.sleep(1)
        else:
            raise TimeoutError("dagster dev did not come up in 120 s")
        yield port, warehouse
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def launch_and_wait(port: int, repo_name: str, timeout: float = 300) -> str:
    params = {"selector": {"repositoryLocationName": "conflict_etl", "repositoryName": repo_name,
                           "jobName": "refresh"}, "runConfigData": {}}
    res = gql(port, LAUNCH, {"p": params})["launchRun"]
    assert res["__typename"] == "LaunchRunSuccess", res
    run_id = res["run"]["runId"]
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = gql(port, STATUS, {"id": run_id})["runOrError"]["status"]
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            return status
        time.sleep(2)
    raise TimeoutError(f"run {run_id} still running after {timeout} s")


def test_dagster_dev_loads_and_refresh_succeeds(dagster_dev) -> None:
    port, warehouse = dagster_dev
    entry = gql(port, REPOS)["workspaceOrError"]["locationEntries"][0]
    loc = entry["locationOrLoadError"]
    assert loc["__typename"] == "RepositoryLocation", loc
    repo = loc["repositories"][0]
    assert "refresh" in {j["name"] for j in repo["jobs"]}
    keys = {"/".join(a["assetKey"]["path"]) for a in repo["assetNodes"]}
    assert {"raw_pages", "articles", "coded_mentions", "event_mentions", "strikes_per_faction_week"} <= keys
    assert launch_and_wait(port, repo["name"]) == "SUCCESS"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.sql("SELECT count(*) FROM strikes_per_faction_week").fetchall()[0][0] > 0
