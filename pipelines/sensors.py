"""feed_sensor: poll the feed and sitemap sources; request a `refresh` run only when new items appear.

The cursor is JSON `{"v": 1, "seen": {source name: [item id, ...]}}`: per source the ids (16 hex
chars of sha1 of the canonical URL) of the most recent items, newest first, at most
`MAX_SEEN_PER_SOURCE` -- bounded however long the sensor runs, and kept across daemon restarts by
Dagster. A source that cannot be read this tick keeps its old ids (a flaky feed does not cause a
run when it comes back). Only listings are fetched here, never pages.

Interval: `CONFLICT_ETL_FEED_SENSOR_INTERVAL` seconds (default 900), or build another sensor with
`make_feed_sensor(minimum_interval_seconds=...)`.
"""

from __future__ import annotations

import hashlib
import json
import os

import dagster as dg

from .resources import PipelineSettings
from .sources import canonicalize, load_sources_file, stable_id

MAX_SEEN_PER_SOURCE = 2000
INTERVAL_ENV = "CONFLICT_ETL_FEED_SENSOR_INTERVAL"


def read_cursor(cursor: str | None) -> dict[str, list[str]]:
    try:
        data = json.loads(cursor) if cursor else {}
        seen = data.get("seen", {}) if isinstance(data, dict) else {}
        return {str(k): [str(x) for x in v][:MAX_SEEN_PER_SOURCE] for k, v in seen.items() if isinstance(v, list)}
    except (ValueError, TypeError, AttributeError):
        return {}  # an unreadable cursor: start over (one run, then quiet again)


def poll(sources_file: str, seen: dict[str, list[str]], log=None) -> tuple[dict[str, list[str]], dict[str, int]]:
    """(new cursor state, number of new items per source) for the feed and sitemap sources."""
    from .sources.fetch import Fetcher
    from .sources.remote import list_entries

    sf = load_sources_file(sources_file)
    new_seen = {name: ids for name, ids in seen.items() if any(s.name == name for s in sf.sources)}
    new_counts: dict[str, int] = {}
    with Fetcher(sf.fetch) as fetcher:
        for source in sf.sources:
            if source.kind not in ("feed", "sitemap"):
                continue
            entries, failed = list_entries(source, fetcher)
            for q in failed:
                if log:
                    log.warning(f"{source.name}: {q.url}: {q.reason} {q.detail}")
            if failed and not entries:
                continue
            old = seen.get(source.name, [])
            old_set = set(old)
            ids = []
            for e in entries:
                item_id = stable_id(canonicalize(e.url))
                if item_id not in ids:
                    ids.append(item_id)
            fresh = [i for i in ids if i not in old_set]
            if fresh:
                new_counts[source.name] = len(fresh)
            merged = fresh + [i for i in old if i not in set(fresh)]
            new_seen[source.name] = merged[:MAX_SEEN_PER_SOURCE]
    return new_seen, new_counts


def make_feed_sensor(
    name: str = "feed_sensor", minimum_interval_seconds: int | None = None, job_name: str = "refresh"
) -> dg.SensorDefinition:
    interval = minimum_interval_seconds or int(os.environ.get(INTERVAL_ENV, "900"))

    @dg.sensor(
        name=name,
        job_name=job_name,
        minimum_interval_seconds=interval,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description="Polls the feed and sitemap sources of the sources file; requests a refresh run "
        "when items appear that it has not seen (cursor: item ids per source, bounded).",
    )
    def _sensor(context: dg.SensorEvaluationContext, settings: PipelineSettings) -> dg.SensorResult:
        seen = read_cursor(context.cursor)
        new_seen, fresh = poll(settings.sources_file, seen, context.log)
        cursor = json.dumps({"v": 1, "seen": new_seen}, sort_keys=True, separators=(",", ":"))
        if not fresh:
            return dg.SensorResult(skip_reason="no new feed or sitemap items", cursor=cursor)
        key = hashlib.sha1(json.dumps(sorted(
            (s, i) for s, ids in new_seen.items() for i in ids[: fresh.get(s, 0)])).encode()).hexdigest()[:16]
        return dg.SensorResult(
            run_requests=[dg.RunRequest(
                run_key=f"feeds-{key}",
                tags={"conflict_etl/new_items": str(sum(fresh.values())),
                      "conflict_etl/sources": ",".join(sorted(fresh))[:200]},
            )],
            cursor=cursor,
        )

    return _sensor


feed_sensor = make_feed_sensor()
