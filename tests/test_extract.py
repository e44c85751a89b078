"""The extraction stage on its own: trafilatura settings, metadata, charsets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import SEED_HTML, SHARED, need_shared

from pipelines.extract import decode_html, extract_html, main_text, page_metadata, parse_html, text_date

ARABIC = (
    "<html><head><title>خبر</title></head><body><article><h1>قصف على دير الزور</h1>"
    + "<p>قالت مصادر محلية إن طائرات حربية قصفت المنطقة الصناعية في مدينة دير الزور صباح السبت.</p>" * 6
    + "</article></body></html>"
)


def test_seed_page_metadata_and_boilerplate() -> None:
    html = need_shared(SEED_HTML).read_bytes()
    ex = extract_html(html)
    assert ex is not None
    assert ex.published == date(2017, 9, 16)
    assert ex.language == "en"
    assert "Deir Ezzor" in ex.title and ex.author and ex.sitename
    assert "the strikes wounded six of its fighters" in ex.text


def test_windows_1256_without_charset_is_decoded() -> None:
    body = ARABIC.encode("cp1256")
    assert "دير الزور" in decode_html(body)
    assert "دير الزور" in decode_html(body, "windows-1256")


def test_page_without_main_text_gives_none() -> None:
    assert extract_html(b"<html><head><title></title></head><body></body></html>") is None


def test_fetcher_charset_reaches_extraction() -> None:
    """raw.pages.charset (from the HTTP header) is passed to the per-page extraction the assets use."""
    from pipelines.parallel import process_pages
    from pipelines.sources.digest import compress

    item = ("p1", "https://example.org/a", "s", "h", compress(ARABIC.encode("cp1256")), None, None, "windows-1256")
    frames = process_pages([item], code=False)
    assert "دير الزور" in frames["articles"]["text"][0]


COMMENTED = (
    "<html><head><title>Strike on the market</title></head><body><article><h1>Strike on the market</h1>"
    + "<p>Government aircraft struck the market in Idlib on Monday, killing four people, residents said.</p>" * 4
    + "<p>Mu\u0308ller, a witness, said the strike came at noon.</p>"
    "</article><section id='comments' class='comments'><h3>Comments</h3>"
    "<div class='comment'><p>Reader one: this is terrible news from the region, truly awful.</p></div>"
    "<div class='comment'><p>Reader two: the world must act now, before it is too late for all.</p></div>"
    "</section></body></html>"
)


def test_comments_kept_apart_and_text_composed() -> None:
    """Reader comments are stored apart (never coded); text is NFC as trafilatura.extract returns it."""
    ex = extract_html(COMMENTED.encode())
    assert ex is not None
    assert "Reader one" not in ex.text and ex.comments and "Reader one" in ex.comments
    assert "Müller" in ex.text and "u\u0308" not in ex.text
    assert ex.title == "Strike on the market"


def test_date_from_markup_then_the_text_start_never_the_extensive_search() -> None:
    dated = COMMENTED.replace("<head>", "<head><meta property='article:published_time' content='2024-03-04T10:00'>")
    assert extract_html(dated.encode()).published == date(2024, 3, 4)
    in_text = COMMENTED.replace("<h1>", "<p>Filed 5 March 2024 by our correspondent.</p><h1>")
    assert extract_html(in_text.encode()).published == date(2024, 3, 5)  # a byline: the text's first lines
    assert text_date("love-hina.ch News\nKapitel 121\n24. März 2004, 19:49 | Genesis\nText") == date(2004, 3, 24)
    # the feed dated the page (and its date wins): no date search at all, not even of the markup
    assert extract_html(in_text.encode(), need_date=False).published is None
    assert extract_html(dated.encode(), need_date=False).published is None


def test_title_from_the_body_only_when_the_feed_gave_none() -> None:
    """The pipeline keeps the feed's title when there is one: the body is then not searched for a title."""
    assert extract_html(COMMENTED.encode()).title == "Strike on the market"  # from <h1>/<title>
    untitled = extract_html(COMMENTED.encode(), need_title=False)
    assert untitled is not None and untitled.title is None
    assert untitled.text == extract_html(COMMENTED.encode()).text
    with_meta = COMMENTED.replace("<head>", "<head><meta property='og:title' content='Market strike'>")
    assert extract_html(with_meta.encode(), need_title=False).title == "Market strike"  # meta tags: free


def test_metadata_dates_match_trafilatura_full_pass_where_the_markup_has_one() -> None:
    """Where the page's markup has a date, the cheap passes give the date trafilatura's full metadata pass
    gives (real pages); the others it dates with htmldate's extensive search, which we skip (extract.py)."""
    import trafilatura
    from trafilatura.utils import load_html

    pages = sorted(need_shared(SHARED / "real-html" / "pages").glob("*.html"))[:40]
    undated = []
    for page in pages:
        body = page.read_bytes()
        ref = trafilatura.bare_extraction(decode_html(body), with_metadata=True)
        ours = extract_html(body)
        if page_metadata(load_html(decode_html(body))).published is None:
            undated.append(page.name)
            continue
        assert (ours.published.isoformat() if ours and ours.published else None) == (ref.date if ref else None), page
    assert len(undated) <= 6, undated


def test_main_text_equals_trafilatura_bare_extraction() -> None:
    """`main_text` (trafilatura's sequence without the defensive copy of the tree) on a tree from `parse_html`
    (element classes chosen in C) gives exactly what `trafilatura.bare_extraction` gives with the same settings
    on trafilatura's own parse, and the page metadata are the same on both trees: on the sample corpus, the
    seed and the real pages. Guards a trafilatura or lxml upgrade that changes its internals."""
    import trafilatura
    from trafilatura.utils import load_html

    pages = sorted((Path(__file__).parents[1] / "pipelines" / "sample_corpus").rglob("*.html"))
    pages += [SEED_HTML] if SEED_HTML.exists() else []
    real = SHARED / "real-html" / "pages"
    pages += sorted(real.glob("*.html")) if real.exists() else []
    assert len(pages) >= 50
    for page in pages:
        html = decode_html(page.read_bytes())
        ref = trafilatura.bare_extraction(load_html(html), url="https://example.org/a", with_metadata=False,
                                          include_comments=True, include_tables=True, favor_precision=False,
                                          deduplicate=False)
        ours = main_text(parse_html(html), "https://example.org/a")  # our parser (C class lookup)
        assert (ours is None) == (ref is None), page
        if ref is not None:
            assert ours == (ref.text, ref.comments), page
        assert page_metadata(parse_html(html), "https://example.org/a") == page_metadata(
            load_html(html), "https://example.org/a"), page
