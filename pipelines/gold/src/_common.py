"""Helpers for the hand-written gold articles (see ../README.md)."""

from __future__ import annotations

from textwrap import dedent


def E(event_type, actor, target, location, admin1, country, date, killed=None, injured=None,
      aa=(), ta=(), la=()):
    """One gold event. aa/ta = alternative canonical actor/target names; la = place spellings."""
    return {
        "event_type": event_type,
        "actor": actor,
        "actor_aliases": list(aa),
        "target": target,
        "target_aliases": list(ta),
        "location": location,
        "location_aliases": list(la),
        "location_admin1": admin1,
        "country": country,
        "date": date,
        "fatalities": killed,
        "injured": injured,
    }


def A(id, outlet, url, published, title, conflict, style, hard_cases, text, events, non_events=()):
    """One gold article. `text`: paragraphs separated by blank lines (each paragraph on one line)."""
    paras = [p.strip() for p in dedent(text).strip().split("\n\n")]
    return {
        "id": id,
        "url": url,
        "published": published,
        "title": title,
        "text": "\n\n".join(paras),
        "events": events,
        # documentation only (ignored by `conflict-etl evaluate`)
        "outlet": outlet,
        "conflict": conflict,
        "style": style,
        "hard_cases": list(hard_cases),
        "non_events": [{"reason": r, "evidence": e} for r, e in non_events],
    }
