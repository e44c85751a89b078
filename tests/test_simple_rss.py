"""The plain-RSS fast path gives feedparser's entries, and hands every other feed to feedparser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import feedparser
import pytest

from pipelines.sources.local import read_feed_file
from pipelines.sources.simple_rss import read_rss

SAMPLE_FEED = Path(__file__).parents[1] / "pipelines" / "sample_corpus" / "feed.xml"


def _feedparser_entries(body: bytes) -> list[tuple[str, str | None, date | None]]:
    out = []
    for e in feedparser.parse(body).entries:
        t = e.get("published_parsed") or e.get("updated_parsed")
        out.append((e.get("link"), e.get("title"), date(t.tm_year, t.tm_mon, t.tm_mday) if t else None))
    return out


def _rss(items: str, head: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{head}<rss version="2.0"><channel><title>t</title>'
            f"<link>https://example.org/</link>{items}</channel></rss>").encode()


def test_same_entries_as_feedparser_on_the_sample_feed():
    body = SAMPLE_FEED.read_bytes()
    fast = read_rss(body)
    assert fast is not None and len(fast) == 50
    assert fast == _feedparser_entries(body)


def test_same_entries_as_feedparser_on_a_synthetic_feed(tmp_path):
    from pipelines.synthetic import write_corpus

    write_corpus(tmp_path, 40, seed=3)
    body = (tmp_path / "feeds" / "0000.xml").read_bytes()
    fast = read_rss(body)
    assert fast is not None and len(fast) == 40
    assert fast == _feedparser_entries(body)


@pytest.mark.parametrize(
    "item",
    [
        # zones: numeric offsets cross midnight into the UTC date, as feedparser's published_parsed
        "<item><title> A  title </title><link> https://a.example/1 </link>"
        "<pubDate>Mon, 03 Dec 2018 23:30:00 -0500</pubDate></item>",
        "<item><title>B</title><link>https://a.example/2</link><pubDate>Tue, 04 Dec 2018 01:00:00 +0200</pubDate></item>",
        "<item><title>C</title><link>https://a.example/3</link><pubDate>Tue, 04 Dec 2018 10:00:00 GMT</pubDate></item>",
        "<item><title>D &#x27;quoted&#x27;</title><link>https://a.example/4</link></item>",  # no date
        "<item><title><![CDATA[E in CDATA]]></title><link>https://a.example/5</link>"
        "<guid>x</guid><description>&lt;p&gt;html&lt;/p&gt;</description></item>",
        "<item><title></title><link>https://a.example/6</link></item>",
    ],
)
def test_plain_items_match_feedparser(item):
    body = _rss(item)
    fast = read_rss(body)
    assert fast is not None
    assert fast == _feedparser_entries(body)


@pytest.mark.parametrize(
    "body",
    [
        # Atom, RSS 1.0 / other versions: feedparser
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://a.example/1"/></entry></feed>',
        _rss("<item><link>https://a.example/1</link></item>").replace(b'version="2.0"', b'version="0.91"'),
        # markup or an entity in a title (feedparser sanitizes HTML titles)
        _rss("<item><title>&lt;b&gt;Bold&lt;/b&gt; news</title><link>https://a.example/1</link></item>"),
        _rss("<item><title>Fish &amp;amp; chips</title><link>https://a.example/1</link></item>"),
        # namespaced fields (dc:date is a date feedparser reads), relative or missing links
        _rss('<item xmlns:dc="http://purl.org/dc/elements/1.1/"><link>https://a.example/1</link>'
             "<dc:date>2020-01-02</dc:date></item>"),
        _rss("<item><title>x</title><link>/relative/1</link></item>"),
        _rss("<item><title>x</title><guid isPermaLink='true'>https://a.example/1</guid></item>"),
        # a zone name email.utils and feedparser may read differently; an unparseable date
        _rss("<item><link>https://a.example/1</link><pubDate>Tue, 04 Dec 2018 10:00:00 CET</pubDate></item>"),
        _rss("<item><link>https://a.example/1</link><pubDate>4 December 2018</pubDate></item>"),
        # entity declarations, broken XML
        _rss("<item><link>https://a.example/1</link></item>", head='<!DOCTYPE rss [<!ENTITY x "y">]>'),
        b"<rss version='2.0'><channel><item><link>https://a.example/1</link></item>",
    ],
)
def test_anything_else_goes_to_feedparser(body):
    assert read_rss(body) is None


def test_read_feed_file_falls_back_to_feedparser(tmp_path):
    atom = tmp_path / "feed.atom"
    atom.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>Atom story</title>'
        '<link href="https://a.example/story/"/><updated>2020-01-02T10:00:00Z</updated></entry></feed>'
    )
    assert read_feed_file(atom) == {"https://a.example/story": ("Atom story", date(2020, 1, 2))}
    rss = tmp_path / "feed.xml"
    rss.write_bytes(_rss("<item><title>RSS story</title><link>https://a.example/s/</link>"
                         "<pubDate>Thu, 02 Jan 2020 10:00:00 +0000</pubDate></item>"))
    assert read_feed_file(rss) == {"https://a.example/s": ("RSS story", date(2020, 1, 2))}
