"""The flow for a batch of articles, outside Dagster: code -> normalize, as polars frames.

The Dagster assets and the CLI (`extract`, `evaluate`) call these same functions, so what the
UI builds and what the CLI prints come from one code path.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path

import polars as pl

from .coding.types import ArticleIn, Coder, EventMention
from .extract import extract_html

#: The columns `conflict-etl extract` prints for every coded event, in this order.
CLI_COLUMNS = [
    "article_id", "event_type", "sub_event_type", "actor_name", "actor_raw", "associated_actor_name",
    "target_name", "target_raw", "location_name", "location_raw", "country_iso3", "admin1", "latitude",
    "longitude", "geonameid", "geo_precision", "event_date", "date_precision", "fatalities", "injured",
    "sentence_index", "char_start", "char_end", "evidence", "confidence", "hedged",
]

_MENTION_SCHEMA = {
    "article_id": pl.String, "event_type": pl.String, "sub_event_type": pl.String,
    "sentence_index": pl.Int32, "char_start": pl.Int32, "char_end": pl.Int32, "evidence": pl.String,
    "trigger": pl.String, "actor_raw": pl.String, "associated_actor_raw": pl.String,
    "target_raw": pl.String, "location_raw": pl.String, "event_date": pl.Date,
    "date_precision": pl.Int32, "date_raw": pl.String, "fatalities": pl.Int32, "injured": pl.Int32,
    "confidence": pl.Float64, "hedged": pl.Boolean, "coder_version": pl.String,
}
_REJECT_SCHEMA = {
    "article_id": pl.String, "sentence_index": pl.Int32, "char_start": pl.Int32, "char_end": pl.Int32,
    "evidence": pl.String, "trigger": pl.String, "reason": pl.String, "coder_version": pl.String,
}

#: A mention / rejected candidate as a tuple in its frame's column order.
_mention_row = attrgetter(*_MENTION_SCHEMA)
_reject_row = attrgetter(*_REJECT_SCHEMA)


@dataclass(slots=True)
class CodedBatch:
    events: pl.DataFrame  # one row per event mention, raw strings + mention_id
    rejected: pl.DataFrame  # rejected candidates + candidate_id


def default_coder() -> Coder:
    from .coding import default_coder as make

    return make()


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


def code_frame(articles: pl.DataFrame, coder: Coder | None = None) -> CodedBatch:
    """Code a frame of articles (article_id, text, published, title?, url?) into mention rows."""
    coder = coder or default_coder()
    events: list[EventMention] = []
    rejected = []
    cols = set(articles.columns)
    for row in articles.iter_rows(named=True):
        result = coder.code(
            ArticleIn(
                article_id=row["article_id"],
                text=row["text"] or "",
                published=row.get("published"),
                title=row.get("title") if "title" in cols else None,
                url=row.get("url") if "url" in cols else None,
            )
        )
        events.extend(result.events)
        rejected.extend(result.rejected)
    # Stable ids from the record's identity (same fields, same order, across runs). Rows are built as tuples
    # in schema order (dataclasses.asdict deep-copies every field: most of the cost of this step).
    ev = pl.DataFrame(
        [
            (*_mention_row(e), _digest(e.article_id, e.coder_version, e.sentence_index, e.char_start,
                                       e.event_type, e.location_raw))
            for e in events
        ],
        schema={**_MENTION_SCHEMA, "mention_id": pl.String},
        orient="row",
    )
    rj = pl.DataFrame(
        [
            (*_reject_row(r), _digest(r.article_id, r.coder_version, r.sentence_index, r.char_start, r.trigger))
            for r in rejected
        ],
        schema={**_REJECT_SCHEMA, "candidate_id": pl.String},
        orient="row",
    )
    return CodedBatch(events=ev, rejected=rj)


def normalize(events: pl.DataFrame, articles: pl.DataFrame):
    """Resolve actors and places of coded mentions; returns `pipelines.normalize.Normalized`."""
    from . import normalize as norm

    # only the articles with events are placed: the others' texts need no scan (as normalize_articles)
    with_events = articles.filter(pl.col("article_id").is_in(events["article_id"].unique().implode()))
    return norm.normalize_events(events, norm.article_countries(with_events.select("article_id", "text")))


# --- articles given as JSON lines (the CLI's `extract` and `evaluate`) ----------------------------------


def article_from_record(rec: dict, base_dir: Path | None = None) -> dict:
    """A JSONL article -> {article_id, url, published, title, text}; HTML is extracted with trafilatura."""
    published = rec.get("published")
    if isinstance(published, str) and published:
        published = date.fromisoformat(published[:10])
    text, title = rec.get("text"), rec.get("title")
    if text is None:
        html = rec.get("html")
        if html is None and rec.get("html_path"):
            p = Path(rec["html_path"])
            html = ((base_dir / p) if base_dir and not p.is_absolute() else p).read_bytes()
        extracted = extract_html(html, url=rec.get("url")) if html is not None else None
        text = extracted.text if extracted else ""
        if extracted:
            title = title or extracted.title
            published = published or extracted.published
    return {
        "article_id": str(rec["id"]),
        "url": rec.get("url"),
        "published": published or None,
        "title": title,
        "text": text or "",
    }


def articles_frame(records: Iterable[dict], base_dir: Path | None = None) -> pl.DataFrame:
    rows = [article_from_record(r, base_dir) for r in records]
    schema = {"article_id": pl.String, "url": pl.String, "published": pl.Date, "title": pl.String, "text": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def code_articles(articles: list[dict] | pl.DataFrame, base_dir: Path | None = None) -> pl.DataFrame:
    """Articles (JSONL records or a frame) -> coded, normalized events with the CLI columns."""
    frame = articles if isinstance(articles, pl.DataFrame) else articles_frame(articles, base_dir)
    coded = code_frame(frame)
    if coded.events.is_empty():
        return pl.DataFrame(schema={c: pl.String for c in CLI_COLUMNS})
    normalized = normalize(coded.events, frame)
    ev = normalized.events
    return ev.select([pl.col(c) if c in ev.columns else pl.lit(None).alias(c) for c in CLI_COLUMNS])


def to_json_lines(events: pl.DataFrame) -> Iterable[str]:
    def default(o: object) -> str:
        if isinstance(o, date | datetime):
            return o.isoformat()
        raise TypeError(type(o))

    for row in events.iter_rows(named=True):
        yield json.dumps(row, default=default, ensure_ascii=False)
