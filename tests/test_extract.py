"""The extraction stage on its own: trafilatura settings, metadata, charsets."""

from __future__ import annotations

from datetime import date

from conftest import SEED_HTML, need_shared

from pipelines.extract import decode_html, extract_html

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
    from pipelines.extract import compress
    from pipelines.parallel import process_pages

    item = ("p1", "https://example.org/a", "s", "h", compress(ARABIC.encode("cp1256")), None, None, "windows-1256")
    frames = process_pages([item], code=False)
    assert "دير الزور" in frames["articles"]["text"][0]
