"""HTML -> main text and metadata, with trafilatura.

Explicit options, one function per concern, fast paths first. The raw bytes stay in `raw.pages`, so
changing these settings (and `EXTRACTOR_VERSION`) re-extracts from the warehouse without fetching again.

Main text: `trafilatura.bare_extraction` with its default extraction settings (fallbacks on, tables
in), comments kept apart from the text (stored, never coded), NFC-normalized as `trafilatura.extract`
returns it. Metadata: trafilatura's own cheap passes (meta tags, OpenGraph, JSON-LD, <title>, canonical
link) and htmldate's markup search (URL, meta tags, JSON-LD, time/abbr and date-classed elements, a full
timestamp in the visible text) when the feed gave no date -- not its extensive search. That search scans
every text segment and the serialized page: on the real-html pages it ran on the 14 of 110 pages without a
date in their markup, ~22 ms each (more than trafilatura's whole extraction), and half the dates it found
were bare years guessed as 1 January (copyright lines). Without a date the coder still takes the text's
dateline ("BEIRUT, Sept 16 (Reuters) -"). A page whose markup has no date gets the first full date in the first
lines of its main text ("24. März 2004, 19:49 | Genesis", "January 22, 2014"), by htmldate's own
multilingual parser (0.09 ms a page). trafilatura's full metadata pass (author and category scans of
the body) cost as much as the text extraction itself on the real-html pages and gave the same dates.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import trafilatura
from htmldate import find_date
from htmldate.extractors import try_date_expr
from htmldate.validators import get_max_date, get_min_date
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.core import trafilatura_sequence
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Extractor
from trafilatura.utils import is_dubious_html, repair_faulty_html
from trafilatura.xml import xmltotxt

#: Bump when the settings below change: articles extracted with an older version are redone.
EXTRACTOR_VERSION = f"trafilatura-{trafilatura.__version__}+s4"

_LANG_ATTR = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None
    published: date | None
    author: str | None
    sitename: str | None
    language: str | None
    url: str | None  # the page's own canonical URL, when it declares one
    comments: str | None = None  # reader comments, apart from the text: kept, never coded


def decode_html(body: bytes, declared_charset: str | None = None) -> str:
    """Bytes -> str: the declared charset, the page's <meta charset>, UTF-8, then a detector.

    Saved pages and WARC records often carry no charset (e.g. Windows-1256 Arabic pages): the
    detector (charset_normalizer, already a trafilatura dependency) only runs when UTF-8 fails.
    """
    candidates = [declared_charset]
    if m := _CHARSET.search(body[:4096]):
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for enc in [*candidates, "utf-8"]:
        if not enc:
            continue
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is not None:
        return body.decode(best.encoding, errors="replace")
    return body.decode("cp1252", errors="replace")


#: trafilatura's HTML parser settings (trafilatura.utils.HTML_PARSER), with lxml's element classes chosen in C.
#: lxml.html's own class lookup is a Python method that lxml calls each time it creates a Python proxy of an
#: element -- every element an iteration or XPath of trafilatura, readability or htmldate visits, ~3,660 calls
#: a real page (cProfile); without it `extract_html` took 10-12 % less CPU on the real pages (alternated A/B).
#: It gives HtmlElement to every tag but form controls (their own subclasses, with form helpers that neither
#: library uses); here every element is an HtmlElement.
#: tests/test_extract.py checks the text, comments and metadata equal those from trafilatura's own parse.
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                     remove_pis=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))


def _parse_bytes(doc: str):
    try:
        return fromstring(doc.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:
        return None


def parse_html(doc: str):
    """A decoded page -> its lxml tree (None: not HTML), as `trafilatura.utils.load_html` parses a string,
    with `_PARSER`."""
    beginning = doc[:50].lower()
    dubious = is_dubious_html(beginning)
    doc = repair_faulty_html(doc, beginning)
    tree, fallback = None, False
    try:
        tree = fromstring(doc, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, fallback = _parse_bytes(doc), True
    except Exception:
        tree = None
    if (tree is None or len(tree) < 1) and not fallback:
        tree = _parse_bytes(doc)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def detect_language(html_head: bytes | str, text: str) -> str | None:
    """The page's <html lang>, else a guess from the text (py3langid ships its model in the wheel)."""
    head = html_head.encode("utf-8", "ignore") if isinstance(html_head, str) else html_head
    if m := _LANG_ATTR.search(head[:4096]):
        return m.group(1).decode("ascii").lower()
    if len(text) < 40:
        return None
    import py3langid  # imported lazily: loading its model costs ~0.3 s

    return py3langid.classify(text[:2000])[0]


#: htmldate without its extensive search (see the module docstring). No `max_date`: htmldate then takes the
#: end of the current day at each call (trafilatura's set_date_params fixes the day it is called, stale in a
#: long-running worker).
_DATE_MARKUP = {"original_date": True, "extensive_search": False}
_TEXT_DATE_LINES = 4


def text_date(text: str) -> date | None:
    """The first full date (day, month, year) in the first lines of a main text: a byline or dateline."""
    lo, hi = get_min_date(None), get_max_date(None)
    for line in text[:600].split("\n")[:_TEXT_DATE_LINES]:
        if found := try_date_expr(line, "%Y-%m-%d", False, lo, hi):
            return _parse_date(found)
    return None


@dataclass(slots=True)
class PageMeta:
    title: str | None
    published: date | None
    author: str | None
    sitename: str | None
    url: str | None


def page_metadata(tree, url: str | None = None, need_date: bool = True, need_title: bool = True) -> PageMeta:
    """Title, date, author, site name and canonical URL from the page's markup, cheap passes first.

    `need_date=False` (the feed or sitemap already dated the page, and that date wins): no date search at
    all (`published` is None). `need_title=False` (the feed titled it): no search of the
    body for a title when the meta tags give none (trafilatura's extract_title, ~0.25 ms a page)."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # as trafilatura: a one-word "author" is a site handle
        meta.author = None
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD parser fails on odd pages: meta tags count
        meta = extract_meta_json(tree, meta)
    title = meta.title or (extract_title(tree) if need_title else None)
    canonical = meta.url or extract_url(tree, url)
    found = None
    if need_date:
        found = find_date(tree, url=canonical, **_DATE_MARKUP)
    sitename = (meta.sitename or "").lstrip("@") or None
    return PageMeta(
        title=title.strip() if title else None,
        published=_parse_date(found),
        author=meta.author,
        sitename=sitename,
        url=canonical,
    )


def _nfc(text: str | None) -> str | None:
    """As trafilatura.extract returns text: composed characters (u + combining diaeresis -> ü)."""
    return unicodedata.normalize("NFC", text) if text else text


def extract_html(
    html: str | bytes, url: str | None = None, charset: str | None = None, need_date: bool = True,
    need_title: bool = True,
) -> Extracted | None:
    """Main text and metadata of one page; None when trafilatura finds no main text.

    `charset`: what the fetcher learned (HTTP header or sniffing), used before the page's own <meta>.
    `need_date`: False when the feed already dated the page (no date search at all).
    `need_title`: False when the feed already titled it (the body is not searched for a title).
    """
    raw = html if isinstance(html, bytes) else html.encode("utf-8", "ignore")
    doc_html = decode_html(html, charset) if isinstance(html, bytes) else html
    tree = parse_html(doc_html)
    if tree is None:
        return None
    meta = page_metadata(tree, url, need_date, need_title)  # before extraction, which prunes the tree
    found = main_text(tree, url)
    if found is None or not found[0].strip():
        return None
    # trafilatura puts the title as the first line when it is part of the body; keep the text as is:
    # offsets of events refer to exactly this string.
    text, comments = _nfc(found[0]), _nfc(found[1])
    return Extracted(
        text=text,
        title=_nfc(meta.title),
        published=meta.published or (text_date(text) if need_date else None),
        author=meta.author,
        sitename=meta.sitename,
        language=detect_language(raw, text),
        url=meta.url,
        comments=comments or None,
    )


#: The extraction settings, built once (an Extractor reads ~10 config values): trafilatura's defaults, i.e.
#: fallbacks (readability, jusText) on, tables in, comments kept apart from the text.
_OPTIONS = Extractor(
    output_format="python",
    fast=False,
    precision=False,
    recall=False,
    comments=True,  # returned apart; the text to code stays comment-free
    tables=True,  # tables hold casualty lists
    dedup=False,
    with_metadata=False,  # page_metadata does the cheap passes
)


def main_text(tree, url: str | None = None) -> tuple[str, str] | None:
    """(text, comments) of a parsed page, as `trafilatura.bare_extraction(tree, ...)` with `_OPTIONS` gives
    them (its `.text` and `.comments`), or None when it discards the page.

    The same sequence minus one step: bare_extraction deep-copies a tree it is handed (~0.3 ms on a news
    page, ~2 % of the extraction) so the caller's stays intact; our tree is parsed for this call and not
    used after it. bare_extraction's other steps are off in these settings (tree-size cap unset in
    trafilatura's settings.cfg, no dedup, no language filter). tests/test_extract.py checks the two agree on
    the sample and real pages."""
    options = copy.copy(_OPTIONS)
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    try:
        body, text, comments_body, comments = trafilatura_sequence(tree, options, url)
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return None
    except (TypeError, ValueError):  # as bare_extraction: a page it cannot handle is discarded
        return None
    return xmltotxt(body, options.formatting), xmltotxt(comments_body, options.formatting)


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()
