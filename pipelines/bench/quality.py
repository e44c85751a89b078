"""Extraction quality on `../shared/real-html/expected.json`: snippet precision, recall and F1.

For each page: a `with` snippet found in the extracted text is a true positive, a missing one a false
negative; a `without` snippet (boilerplate) found is a false positive. Whitespace is collapsed on both
sides before matching. Scored for our settings (`pipelines.extract.extract_html`) and for trafilatura's
own defaults (`trafilatura.extract(html)`), so a faster setting cannot silently lose text.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def comments_by_file(expected: Path, pages: Path) -> dict[str, str]:
    """The reader comments trafilatura finds on each page (normalized text), for comment-neutral scoring."""
    import trafilatura

    out = {}
    for case in json.loads(expected.read_text(encoding="utf-8")).values():
        f = pages / case["file"]
        if f.exists():
            try:
                doc = trafilatura.bare_extraction(f.read_bytes(), include_comments=True)
            except Exception:
                doc = None
            out[case["file"]] = _norm((doc.comments if doc else None) or "")
    return out


def score(
    extract: Callable[[bytes], str | None],
    expected: Path,
    pages: Path,
    ignore_comments: dict[str, str] | None = None,
) -> dict:
    """Snippet P/R/F1. `ignore_comments` (file -> comments text): snippets that are reader comments are not
    scored -- the pipeline drops comments on purpose (they are not reports), trafilatura's defaults keep them."""
    cases = json.loads(expected.read_text(encoding="utf-8"))
    tp = fn = fp = tn = 0
    n = 0
    t0 = time.perf_counter()
    for case in cases.values():
        f = pages / case["file"]
        if not f.exists():
            continue
        n += 1
        try:
            text = _norm(extract(f.read_bytes()) or "")
        except Exception:  # an extractor crash is an empty text
            text = ""
        comments = (ignore_comments or {}).get(case["file"], "")
        for s in case.get("with") or []:
            if comments and _norm(s) in comments:
                continue
            if _norm(s) in text:
                tp += 1
            else:
                fn += 1
        for s in case.get("without") or []:
            if comments and _norm(s) in comments:
                continue
            if _norm(s) in text:
                fp += 1
            else:
                tn += 1
    dt = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "pages": n,
        "tp": tp,
        "fn": fn,
        "fp": fp,
        "tn": tn,
        "precision": p,
        "recall": r,
        "f1": f1,
        "seconds": dt,
    }


def ours(html: bytes) -> str | None:
    """What raw.articles keeps of a page: the text (coded) and, apart, the reader comments (kept, not
    coded) -- scored together, as trafilatura.extract returns them."""
    from pipelines.extract import extract_html

    ex = extract_html(html)
    if ex is None:
        return None
    return ex.text + ("\n" + ex.comments if ex.comments else "")


def ours_text(html: bytes) -> str | None:
    """The coded text alone (comments left out)."""
    from pipelines.extract import extract_html

    ex = extract_html(html)
    return ex.text if ex else None


def trafilatura_defaults(html: bytes) -> str | None:
    import trafilatura

    return trafilatura.extract(html)


def trafilatura_fast(html: bytes) -> str | None:
    import trafilatura

    return trafilatura.extract(html, fast=True)


def trafilatura_full_metadata(html: bytes) -> str | None:
    """Our text settings with trafilatura's own full metadata pass (what extract_html replaced)."""
    import unicodedata

    import trafilatura

    from pipelines.extract import decode_html

    doc = trafilatura.bare_extraction(decode_html(html), with_metadata=True, include_comments=True)
    if doc is None:
        return None
    return unicodedata.normalize("NFC", doc.text + ("\n" + doc.comments if doc.comments else ""))


EXTRACTORS: dict[str, Callable[[bytes], str | None]] = {
    "ours: text + comments kept apart (extract_html)": ours,
    "ours: coded text only (comments not scored as kept)": ours_text,
    "ours with trafilatura's full metadata pass": trafilatura_full_metadata,
    "trafilatura.extract defaults": trafilatura_defaults,
    "trafilatura.extract fast=True": trafilatura_fast,
}


def compare(expected: Path, pages: Path) -> dict[str, dict]:
    """Every extractor on expected.json; one warm-up page first, so seconds are steady-state."""
    from pipelines.parallel import _WARM_UP_PAGE  # no <html lang>: loads the language model too

    warm = [_WARM_UP_PAGE.encode(), *(p.read_bytes() for p in sorted(pages.glob("*.html"))[:3])]
    out = {}
    for name, fn in EXTRACTORS.items():
        for html in warm:  # one-off costs (lazy imports, models, compiled patterns) are not per page
            fn(html)
        out[name] = score(fn, expected, pages)
        out[name]["pages_per_s"] = out[name]["pages"] / out[name]["seconds"] if out[name]["seconds"] else 0.0
    comments = comments_by_file(expected, pages)
    for name, fn in EXTRACTORS.items():
        out[name]["f1_comments_neutral"] = score(fn, expected, pages, ignore_comments=comments)["f1"]
    return out
