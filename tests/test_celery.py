"""The refresh job on Dagster's Celery executor, against a real Redis broker on 127.0.0.1 and two workers.

Starts redis-server (installing it with apt-get when missing and running as root) and two
`dagster-celery worker start` processes, runs `pipelines.celery_job.celery_refresh` over the sample corpus
with a persistent DAGSTER_HOME shared with the workers, then stops every process it started (by its own
process group). Skips, saying why, only when redis-server cannot be installed or started.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

SAMPLE_SOURCES = REPO / "pipelines" / "sample_corpus" / "sources.yaml"


def _redis_server() -> str | None:
    exe = shutil.which("redis-server")
    if exe is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            "apt-get install -y -qq redis-server || (apt-get update -qq && apt-get install -y -qq "
            "redis-server)",
            shell=True,
            capture_output=True,
            timeout=300,
        )
        exe = shutil.which("redis-server")
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """End a process we started and its children (its own session/process group), by id."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


@pytest.fixture
def redis_url(tmp_path: Path):
    exe = _redis_server()
    if exe is None:
        pytest.skip("redis-server is not installed and could not be installed (apt-get, as root)")
    port = _free_port()
    proc = subprocess.Popen(
        [
            exe,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        for _ in range(100):
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.skip(f"redis-server did not start on 127.0.0.1:{port}")
        yield f"redis://127.0.0.1:{port}"
    finally:
        _stop(proc)


@pytest.mark.timeout(300)
def test_refresh_on_celery_with_two_workers(
    redis_url: str, tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dagster as dg
    import duckdb
    import yaml

    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(
        REPO / "dagster_home" / "dagster.yaml", home / "dagster.yaml"
    )  # telemetry off, duckdb pool = 1
    broker, backend = f"{redis_url}/0", f"{redis_url}/1"
    from pipelines.celery_job import run_config

    config = run_config(broker, backend)
    worker_yaml = tmp_path / "celery.yaml"
    worker_yaml.write_text(yaml.safe_dump({"execution": config["execution"]}))
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "CONFLICT_ETL_WAREHOUSE": str(warehouse),
        "CONFLICT_ETL_SOURCES": str(SAMPLE_SOURCES),
        "PYTHONPATH": str(REPO),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    for k in ("DAGSTER_HOME", "CONFLICT_ETL_SOURCES"):
        monkeypatch.setenv(k, env[k])
    exe = shutil.which("dagster-celery", path=env["PATH"])
    assert exe, "dagster-celery is not installed (uv sync)"
    # create the instance's SQLite storages here, before the workers start: three processes stamping a fresh
    # DAGSTER_HOME at once can leave two alembic heads
    with dg.DagsterInstance.get() as instance:
        instance.get_runs(limit=1)
        instance.get_asset_keys()
        instance.all_instigator_state()
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [
                exe,
                "worker",
                "start",
                "-A",
                "dagster_celery.app",
                "-y",
                str(worker_yaml),
                "-n",
                f"conflict-etl-{i}@%h",
                "-l",
                "WARNING",
            ],
            cwd=REPO,
            env=env,
            start_new_session=True,
            stdout=open(tmp_path / f"worker{i}.log", "wb"),  # noqa: SIM115 (lives as long as the worker)
            stderr=subprocess.STDOUT,
        )
        for i in (1, 2)
    ]
    try:
        import redis

        # both workers registered with the broker before the run is launched
        client = redis.Redis.from_url(broker)
        from celery import Celery

        app = Celery(broker=broker, backend=backend)
        deadline = time.time() + 90
        while time.time() < deadline:
            replies = app.control.ping(timeout=1.0) or []
            if len(replies) >= 2:
                break
            dead = [i for i, w in enumerate(workers, 1) if w.poll() is not None]
            assert not dead, (tmp_path / f"worker{dead[0]}.log").read_text()[-3000:] if dead else ""
        else:
            pytest.fail("the two Celery workers did not answer a ping within 90 s")
        assert client.ping()

        from pipelines.celery_job import reconstructable_job

        t0 = time.perf_counter()
        with dg.DagsterInstance.get() as instance:
            result = dg.execute_job(reconstructable_job(), instance=instance, run_config=config)
            steps = {
                e.step_key: round(e.event_specific_data.duration_ms / 1000, 1)
                for e in result.all_events
                if e.event_type_value == "STEP_SUCCESS"
            }
            print(
                f"celery run {time.perf_counter() - t0:.0f} s (workers up after {t0 - started:.0f} s); steps: {steps}"
            )
            assert result.success, [e.message for e in result.all_events if e.is_failure][:3]
        stats = app.control.inspect(timeout=2.0).stats() or {}
        per_worker = {name: sum((s.get("total") or {}).values()) for name, s in stats.items()}
        print(f"celery tasks per worker: {per_worker}")
        assert len(per_worker) == 2 and sum(per_worker.values()) > 0
        with duckdb.connect(str(warehouse), read_only=True) as conn:
            pages = conn.sql("SELECT count(*) FROM raw.pages").fetchall()[0][0]
            events = conn.sql("SELECT count(*) FROM fct_events").fetchall()[0][0]
        assert pages >= 40 and events > 0
    finally:
        for w in workers:
            _stop(w)
