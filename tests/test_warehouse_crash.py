"""Crash safety of `warehouse.load_batch`: SIGKILL in the middle of a batch, reopen, rerun.

A child process loads batches (articles + their event mentions, one transaction per batch, re-coding
semantics via `replace_for_articles`) into a real DuckDB file and is killed with SIGKILL
  * deterministically while a transaction is open (after one table of the batch is written), and
  * at an arbitrary moment of a run of back-to-back batches.
After each kill the reopened warehouse holds exactly the committed batches (all-or-nothing, no duplicates,
no mention without its article); rerunning from the start completes it to the exact expected counts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines import warehouse

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.timeout(120)

BATCHES = 12
ARTICLES_PER_BATCH = 2_000
MENTIONS_PER_ARTICLE = 3

CHILD = rf"""
import sys, time
from datetime import date, datetime
import polars as pl
from pipelines import warehouse

path, start, pause_batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
BATCHES, PER, MPA = {BATCHES}, {ARTICLES_PER_BATCH}, {MENTIONS_PER_ARTICLE}

if pause_batch >= 0:
    # stop inside the transaction of batch `pause_batch`, after its first table is written
    real = warehouse._insert_or_replace
    def slow(conn, table, df):
        real(conn, table, df)
        if table == "articles" and df["article_id"][0] == f"a{{pause_batch * PER:07d}}":
            print(f"in-transaction {{pause_batch}}", flush=True)
            time.sleep(60)
    warehouse._insert_or_replace = slow

with warehouse.connect(path) as conn:
    for b in range(start, BATCHES):
        ids = [f"a{{i:07d}}" for i in range(b * PER, (b + 1) * PER)]
        articles = pl.DataFrame({{
            "article_id": ids, "url": [f"https://x.example/{{i}}" for i in ids], "source_name": "crash",
            "published": [date(2025, 1, 1)] * PER, "text": ["Jets struck the town on Monday. " * 20] * PER,
            "extracted_at": [datetime(2025, 1, 2)] * PER,
        }})
        mentions = pl.DataFrame({{
            "mention_id": [f"{{a}}-{{k}}" for a in ids for k in range(MPA)],
            "article_id": [a for a in ids for _ in range(MPA)],
            "event_type": "air_strike", "event_date": [date(2025, 1, 1)] * (PER * MPA),
            "fatalities": [k for _ in ids for k in range(MPA)], "coded_at": [datetime(2025, 1, 2)] * (PER * MPA),
        }})
        warehouse.load_batch(conn, {{"articles": articles, "event_mentions": mentions}}, replace_for_articles=ids)
        print(f"committed {{b}}", flush=True)
"""


def start_child(path: Path, start: int = 0, pause_batch: int = -1) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(start), str(pause_batch)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def read_until(proc: subprocess.Popen, prefix: str, timeout: float = 60) -> list[str]:
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"child ended early: {lines} {proc.stderr.read()[-3000:]}")
        lines.append(line.strip())
        if line.startswith(prefix):
            return lines
    raise AssertionError(f"timed out waiting for {prefix!r}: {lines}")


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def state(path: Path) -> dict[str, int]:
    """Reopen read-write (replays the WAL, runs migrations) and measure consistency."""
    with warehouse.connect(path) as conn:
        q = lambda sql: conn.sql(sql).fetchall()[0][0]  # noqa: E731
        return {
            "articles": q("select count(*) from raw.articles"),
            "distinct_articles": q("select count(distinct article_id) from raw.articles"),
            "mentions": q("select count(*) from raw.event_mentions"),
            "distinct_mentions": q("select count(distinct mention_id) from raw.event_mentions"),
            "orphan_mentions": q("""select count(*) from raw.event_mentions m
                                    anti join raw.articles a using (article_id)"""),
            "articles_without_all_mentions": q(f"""select count(*) from (
                select a.article_id from raw.articles a left join raw.event_mentions m using (article_id)
                group by a.article_id having count(m.mention_id) <> {MENTIONS_PER_ARTICLE})"""),
            "partial_batches": q(f"""select count(*) from (
                select cast(substr(article_id, 2) as integer) // {ARTICLES_PER_BATCH} as b, count(*) as n
                from raw.articles group by b having n <> {ARTICLES_PER_BATCH})"""),
        }


def expect(batches: int) -> dict[str, int]:
    a, m = batches * ARTICLES_PER_BATCH, batches * ARTICLES_PER_BATCH * MENTIONS_PER_ARTICLE
    return {
        "articles": a,
        "distinct_articles": a,
        "mentions": m,
        "distinct_mentions": m,
        "orphan_mentions": 0,
        "articles_without_all_mentions": 0,
        "partial_batches": 0,
    }


def test_sigkill_mid_transaction_then_rerun(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    # 1. killed while batch 3's transaction is open (articles written, mentions not yet): batches 0-2 remain
    proc = start_child(path, pause_batch=3)
    lines = read_until(proc, "in-transaction 3")
    assert lines[-4:-1] == ["committed 0", "committed 1", "committed 2"]
    kill(proc)
    assert state(path) == expect(3)

    # 2. resume from batch 3, killed at an arbitrary moment after a few more commits
    proc = start_child(path, start=3)
    lines = read_until(proc, "committed 6")
    kill(proc)
    after = state(path)
    committed = after["articles"] // ARTICLES_PER_BATCH
    assert 7 <= committed <= BATCHES and after == expect(committed), after

    # 3. rerun everything from the start (idempotent upserts) to completion: exact counts
    proc = start_child(path, start=0)
    out, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err[-3000:]
    assert state(path) == expect(BATCHES)
    with duckdb.connect(str(path), read_only=True) as conn:
        assert conn.sql("select sum(fatalities) from raw.event_mentions").fetchall()[0][0] == (
            BATCHES * ARTICLES_PER_BATCH * sum(range(MENTIONS_PER_ARTICLE))
        )
