"""A synthetic news corpus for scale tests: `python -m pipelines.synthetic OUT_DIR --n 10000 --seed 1`.

Writes, streaming (constant memory whatever N), deterministic for a seed (page i depends only on
(seed, i), so any slice can be regenerated alone):

    OUT_DIR/pages/<shard>/<id>.html   news-style pages, 4 layouts with boilerplate (nav, cookie banner,
                                      share tools, "most read", related links, comments, footer)
    OUT_DIR/feeds/<shard>.xml         one RSS file per shard (url, title, pubDate), as the folder source
                                      expects; shards of `SHARD_SIZE` pages keep each feed small
    OUT_DIR/sources.yaml              one `folder` source per shard: `conflict-etl refresh --sources ...`
    OUT_DIR/gold.jsonl                the known events of every page, in the gold format of
                                      `pipelines.evaluate` (html_path relative to OUT_DIR)

Each article reports 1-3 events from one of several conflicts (Syria, Iraq, Ukraine, Gaza, Yemen, Sudan)
written with sentence templates: actor and target drawn from the actor dictionary's surface forms,
places from the gazetteer (with spelling variants), a weekday relative to the publication date,
casualties in figures or words; plus background, quote and analysis paragraphs that report no event.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SHARD_SIZE = 5000
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    12: "12",
    15: "15",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    key: str
    country: str  # ISO3 of where events happen
    dateline: str  # "BEIRUT"
    start: date
    days: int
    # canonical actor name -> surface forms used in text (subject position)
    attackers: dict[str, tuple[str, ...]]
    targets: dict[str, tuple[str, ...]]
    # canonical place -> (admin1, spellings)
    places: dict[str, tuple[str, tuple[str, ...]]]


CONFLICTS: tuple[Conflict, ...] = (
    Conflict(
        "syria",
        "SYR",
        "BEIRUT",
        date(2017, 6, 1),
        600,
        {
            "Russia": ("Russian jets", "Russian warplanes", "Russian aircraft"),
            "Syrian government": ("Syrian government forces", "Syrian army troops", "Government forces"),
            "SDF": ("The U.S.-backed Syrian Democratic Forces", "SDF fighters"),
            "US-led coalition": ("US-led coalition aircraft", "Coalition warplanes"),
        },
        {"Islamic State": ("Islamic State positions", "Islamic State militants", "Daesh fighters")},
        {
            "Deir ez-Zor": ("Deir ez-Zor", ("Deir ez-Zor", "Deir al-Zor", "Deir Ezzor")),
            "Al Mayadin": ("Deir ez-Zor", ("Al Mayadin", "Mayadin", "Al-Mayadeen")),
            "Abu Kamal": ("Deir ez-Zor", ("Abu Kamal", "Albu Kamal", "Al-Bukamal")),
            "Hajin": ("Deir ez-Zor", ("Hajin",)),
            "Raqqa": ("Ar-Raqqah", ("Raqqa", "Raqqah")),
            "Al-Sukhnah": ("Homs", ("Al-Sukhnah", "Sukhnah")),
        },
    ),
    Conflict(
        "iraq",
        "IRQ",
        "BAGHDAD",
        date(2016, 10, 1),
        500,
        {
            "Iraqi government": ("Iraqi government forces", "Iraqi troops", "Iraqi security forces"),
            "Popular Mobilization Forces": (
                "Popular Mobilization Forces fighters",
                "The Popular Mobilization Forces",
            ),
            "US-led coalition": ("US-led coalition aircraft",),
        },
        {"Islamic State": ("Islamic State militants", "Islamic State positions")},
        {
            "Mosul": ("Nineveh", ("Mosul",)),
            "Al Qa'im": ("Al Anbar", ("Al Qa'im", "Al-Qaim", "Qaim")),
            "Rawa": ("Al Anbar", ("Rawa", "Rawah")),
            "Tal Afar": ("Nineveh", ("Tal Afar",)),
            "Hawija": ("Kirkuk", ("Hawija",)),
        },
    ),
    Conflict(
        "ukraine",
        "UKR",
        "KYIV",
        date(2022, 3, 1),
        900,
        {"Russia": ("Russian forces", "Russian missiles", "Russian drones", "Russian troops")},
        {"Ukraine": ("Ukrainian positions", "Ukrainian troops")},
        {
            "Kharkiv": ("Kharkiv Oblast", ("Kharkiv",)),
            "Kherson": ("Kherson Oblast", ("Kherson",)),
            "Zaporizhzhia": ("Zaporizhzhia Oblast", ("Zaporizhzhia", "Zaporizhzhya")),
            "Odesa": ("Odesa Oblast", ("Odesa", "Odessa")),
            "Dnipro": ("Dnipropetrovsk Oblast", ("Dnipro",)),
            "Mykolaiv": ("Mykolaiv Oblast", ("Mykolaiv", "Mykolayiv")),
        },
    ),
    Conflict(
        "gaza",
        "PSE",
        "JERUSALEM",
        date(2023, 10, 10),
        400,
        {"Israel": ("Israeli warplanes", "Israeli forces", "Israeli tanks")},
        {"Hamas": ("Hamas fighters", "Hamas positions")},
        {
            "Khan Yunis": ("Gaza Strip", ("Khan Younis", "Khan Yunis")),
            "Rafah": ("Gaza Strip", ("Rafah",)),
            "Jabalia": ("Gaza Strip", ("Jabalia",)),
            "Gaza": ("Gaza Strip", ("Gaza City",)),
        },
    ),
    Conflict(
        "yemen",
        "YEM",
        "ADEN",
        date(2016, 1, 1),
        1200,
        {
            "Saudi-led coalition": ("Saudi-led coalition warplanes", "Saudi-led coalition aircraft"),
            "Houthis": ("Houthi fighters", "Houthi rebels"),
        },
        {
            "Houthis": ("Houthi positions", "Houthi fighters"),
            "Yemeni government": ("government forces", "Yemeni government troops"),
        },
        {
            "Sanaa": ("Sanaa", ("Sanaa", "Sana'a")),
            "Marib": ("Marib", ("Marib",)),
            "Taiz": ("Taiz", ("Taiz",)),
            "Al Hudaydah": ("Al Hudaydah", ("Hodeidah", "Hudaydah")),
        },
    ),
    Conflict(
        "sudan",
        "SDN",
        "KHARTOUM",
        date(2023, 4, 20),
        700,
        {
            "Sudanese Armed Forces": ("The Sudanese army", "Sudanese Armed Forces troops"),
            "Rapid Support Forces": ("The Rapid Support Forces", "RSF fighters"),
        },
        {
            "Rapid Support Forces": ("Rapid Support Forces positions", "RSF fighters"),
            "Sudanese Armed Forces": ("army positions", "Sudanese army troops"),
        },
        {
            "Omdurman": ("Khartoum", ("Omdurman",)),
            "Khartoum": ("Khartoum", ("Khartoum",)),
            "El Fasher": ("North Darfur", ("El Fasher", "Al Fashir")),
            "Nyala": ("South Darfur", ("Nyala",)),
        },
    ),
)

# (event_type, template); {A} actor surface, {T} target, {P} place, {D} "on Tuesday", {C} casualty clause
EVENT_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("air_strike", "{A} carried out air strikes on {T} in {P} {D}{C}, {S} said."),
    ("air_strike", "{A} bombed {T} near {P} {D}{C}, according to {S}."),
    ("shelling", "{A} shelled {T} in {P} {D}{C}, {S} said."),
    ("armed_clash", "{A} clashed with {T} near {P} {D}{C}, {S} said."),
    ("armed_clash", "{A} fought {T} on the outskirts of {P} {D}{C}, {S} reported."),
)
SOURCES = (
    "a war monitor",
    "local officials",
    "a military source",
    "witnesses",
    "the health ministry",
    "state media",
    "a spokesman for the group",
    "residents",
)
BACKGROUND = (
    "The area has changed hands several times since the war began, and aid agencies say tens of thousands "
    "of people have fled in recent months.",
    "Diplomats said talks on a ceasefire would resume next month, although neither side has agreed to the "
    "agenda proposed by the mediators.",
    "The United Nations said the humanitarian situation was deteriorating and appealed for access to the "
    "region for food convoys and medical teams.",
    "Analysts say control of the main road and the river crossings will decide who holds the region over "
    "the winter.",
    "Prices of bread and fuel have more than doubled in local markets, residents said by telephone.",
    "The ministry of foreign affairs summoned an ambassador to protest against what it called interference "
    "in its internal affairs.",
    "Schools in the province have been closed since the start of the month, and teachers said they had "
    "not been paid.",
    "Officials said the reconstruction of the bridge would take at least a year and cost several million "
    "dollars.",
)
QUOTES = (
    "\u201cWe are doing everything we can to protect civilians,\u201d a spokesman said at a news conference.",
    "\u201cNobody knows what tomorrow will bring,\u201d said a shopkeeper who asked not to be named.",
    "\u201cThe situation is calm but tense,\u201d a local council member said.",
)
MOST_READ = (
    "Oil prices edge higher on supply outlook",
    "Explainer: who governs the region?",
    "Interview: the cellist who stayed",
    "Weather: early rains expected across the region",
    "Opinion: rebuilding schools must come first",
    "Sport: national team's cup dream ends",
    "Photo essay: harvest season on the river",
    "Factbox: key dates in the peace talks",
)
COMMENTS = (
    ("Karim_B", "Everyone knows this is really about who ends up owning the oil fields."),
    ("j.harland", "Great reporting, please keep covering the humanitarian side."),
    ("steppenwolf", "Another proxy war that nobody in the West wants to talk about."),
    ("M. Fischer", "Who exactly is going to pay for reconstruction afterwards?"),
    ("realist", "The big powers will divide the spoils and the locals will pay."),
)
COOKIE = (
    "We use cookies to personalise content and ads, to provide social media features and to analyse "
    "our traffic. By continuing to browse you agree to our use of cookies."
)
OUTLETS = (
    ("Frontline Dispatch", "www.frontline-dispatch.example", "a"),
    ("Regional Wire", "www.regional-wire.example", "b"),
    ("The Daily Monitor", "news.daily-monitor.example", "c"),
    ("Conflict Bulletin", "bulletin.conflict-watch.example", "d"),
)


_AIR = re.compile(r"jets|warplanes|aircraft|missiles|drones")


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _casualties(rng: random.Random, fam: str) -> tuple[str, int | None, int | None]:
    r = rng.random()
    if r < 0.35:
        return "", None, None
    n = rng.choice((2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 17, 23, 31))
    word = NUMBER_WORDS.get(n, str(n))
    victims = "fighters" if fam == "armed_clash" else rng.choice(("civilians", "people", "fighters"))
    if r < 0.75:
        return f", killing {word} {victims}", n, None
    return f", wounding {word} {victims}", None, n


def article(seed: int, i: int) -> tuple[dict, str]:
    """Page i of the corpus: (gold record without html_path, HTML). Depends only on (seed, i)."""
    rng = random.Random(seed * 1_000_003 + i)
    c = CONFLICTS[rng.randrange(len(CONFLICTS))]
    name, domain, layout = OUTLETS[rng.randrange(len(OUTLETS))]
    published = c.start + timedelta(days=rng.randrange(c.days))
    events, sentences = [], []
    used_places: list[str] = []
    for k in range(rng.choice((1, 1, 2, 2, 3))):
        etype, tmpl = EVENT_TEMPLATES[rng.randrange(len(EVENT_TEMPLATES))]
        actor = rng.choice(list(c.attackers))
        targets = [t for t in c.targets if t != actor]
        target = rng.choice(targets)
        place = rng.choice([p for p in c.places if p not in used_places] or list(c.places))
        used_places.append(place)
        admin1, spellings = c.places[place]
        back = rng.choice((0, 1, 1, 2, 3)) if k == 0 else rng.choice((1, 2, 3, 4))
        day = published - timedelta(days=back)
        when = (
            "on " + WEEKDAYS[day.weekday()]
            if back
            else rng.choice(("on " + WEEKDAYS[day.weekday()], "today"))
        )
        cas, killed, wounded = _casualties(rng, etype)
        surfaces = c.attackers[actor]
        if etype == "armed_clash":  # ground forces clash; jets and missiles do not
            surfaces = tuple(x for x in surfaces if not _AIR.search(x)) or surfaces
        text = tmpl.format(
            A=rng.choice(surfaces),
            T=rng.choice(c.targets[target]),
            P=rng.choice(spellings),
            D=when,
            C=cas,
            S=rng.choice(SOURCES),
        )
        sentences.append(text[0].upper() + text[1:])
        events.append(
            {
                "event_type": etype,
                "actor": actor,
                "actor_aliases": [],
                "target": target,
                "target_aliases": [],
                "location": place,
                "location_aliases": list(spellings),
                "location_admin1": admin1,
                "country": c.country,
                "date": day.isoformat(),
                "fatalities": killed,
                "injured": wounded,
            }
        )
    lead_place = used_places[0]
    title = (
        f"{events[0]['actor']} and {events[0]['target']} fight for {lead_place}"
        if events[0]["event_type"] == "armed_clash"
        else f"Strikes reported in {lead_place} as fighting continues"
    )
    mon = published.strftime("%b")
    paragraphs = [f"{c.dateline}, {mon} {published.day} ({name}) - {sentences[0]}"]
    paragraphs += sentences[1:]
    paragraphs += rng.sample(BACKGROUND, rng.randint(2, 4))
    paragraphs.insert(rng.randint(2, len(paragraphs)), rng.choice(QUOTES))
    aid = f"syn-{seed}-{i:07d}"
    slug = f"{c.key}-{i:07d}"
    url = f"https://{domain}/{published.year}/{published.month:02d}/{published.day:02d}/{slug}/"
    gold = {"id": aid, "url": url, "published": published.isoformat(), "title": title, "events": events}
    return gold, _page(rng, layout, name, domain, url, title, published, paragraphs, c.key)


_WORDS = (
    "world",
    "politics",
    "business",
    "markets",
    "energy",
    "climate",
    "health",
    "science",
    "tech",
    "culture",
    "books",
    "travel",
    "sport",
    "football",
    "weather",
    "opinion",
    "video",
    "podcasts",
    "data",
    "investigations",
    "middle-east",
    "africa",
    "europe",
    "asia",
    "americas",
    "syria",
    "iraq",
    "ukraine",
    "gaza",
    "yemen",
    "sudan",
    "lebanon",
    "iran",
    "turkey",
    "egypt",
    "jordan",
    "libya",
    "elections",
)


def _heavy_blocks(outlet_index: int) -> tuple[str, str, str, str]:
    """Per outlet, built once: the weight real news pages carry (median of the real test pages: 76 kB) --
    a stylesheet, analytics/config scripts, a mega-menu and a footer link farm. (style, script, menu, footer)"""
    if outlet_index in _HEAVY:
        return _HEAVY[outlet_index]
    rng = random.Random(1000 + outlet_index)
    style = (
        "<style>"
        + "".join(
            f".c{i}{{margin:{rng.randrange(20)}px;padding:{rng.randrange(20)}px;color:#{rng.randrange(16**6):06x};"
            f"font-size:{rng.randrange(10, 30)}px}}"
            for i in range(150)
        )
        + "</style>"
    )
    config = {
        "site": OUTLETS[outlet_index][0],
        "ads": [
            {
                "slot": f"slot-{i}",
                "sizes": [[300, 250], [728, 90]],
                "targeting": {"section": rng.choice(_WORDS), "pos": i},
            }
            for i in range(60)
        ],
        "experiments": {f"exp_{i}": rng.random() for i in range(80)},
    }
    script = (
        f"<script>window.__CONFIG__ = {json.dumps(config)};</script>"
        "<script>(function(){var d=document,s=d.createElement('script');s.async=true;"
        "s.src='/static/analytics.js';d.head.appendChild(s);})();</script>"
    )
    menu = (
        '<nav class="mega-menu"><ul>'
        + "".join(
            f'<li><a href="/{a}/">{a.replace("-", " ").title()}</a><ul>'
            + "".join(
                f'<li><a href="/{a}/{b}/">{b.replace("-", " ").title()}</a></li>'
                for b in rng.sample(_WORDS, 6)
            )
            + "</ul></li>"
            for a in _WORDS
        )
        + "</ul></nav>"
    )
    footer = (
        '<div class="footer-links">'
        + "".join(
            f'<ul class="col"><li><b>{a.title()}</b></li>'
            + "".join(f'<li><a href="/{a}/{b}/">{b.title()} {a}</a></li>' for b in rng.sample(_WORDS, 5))
            + "</ul>"
            for a in _WORDS[:20]
        )
        + "</div>"
    )
    _HEAVY[outlet_index] = (style, script, menu, footer)
    return _HEAVY[outlet_index]


_HEAVY: dict[int, tuple[str, str, str, str]] = {}


def _page(
    rng: random.Random,
    layout: str,
    outlet: str,
    domain: str,
    url: str,
    title: str,
    published: date,
    paragraphs: list[str],
    section: str,
) -> str:
    iso = f"{published.isoformat()}T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}:00+00:00"
    nav = "".join(
        f'<li><a href="/{s.lower()}/">{s}</a></li>'
        for s in ("World", "Middle East", "Europe", "Africa", "Analysis", "Opinion", "Video", "Subscribe")
    )
    most = "".join(
        f'<li><a href="/features/{k}/">{_esc(h)}</a></li>' for k, h in enumerate(rng.sample(MOST_READ, 5))
    )
    related = "".join(
        f'<li><a href="https://{domain}/related/{rng.randrange(10**6)}/">{_esc(h)}</a></li>'
        for h in rng.sample(MOST_READ, 3)
    )
    comments = "".join(
        f'<li class="comment"><div class="comment-meta"><b>{_esc(u)}</b> wrote:</div>'
        f'<div class="comment-body"><p>{_esc(t)}</p></div></li>'
        for u, t in rng.sample(COMMENTS, 3)
    )
    body = "\n".join(f"<p>{_esc(p)}</p>" for p in paragraphs)
    style, script, menu, footer_links = _heavy_blocks([o[0] for o in OUTLETS].index(outlet))
    author = rng.choice(("Omar Fares", "Lena Weiss", "Sami Haddad", "Olena Koval", "Amina Yusuf"))
    head = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title)} | {_esc(outlet)}</title>\n"
        f'<meta property="og:site_name" content="{_esc(outlet)}">\n<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{_esc(title)}">\n'
        f'<meta property="article:published_time" content="{iso}">\n'
        f'<meta name="author" content="{author}">\n<link rel="canonical" href="{_esc(url)}">\n'
        f'<link rel="stylesheet" href="/static/site.css">\n{style}\n{script}\n</head>\n'
    )
    cookie = (
        f'<div class="cookie-banner" id="cookie-consent"><p>{COOKIE}</p><button>Accept all</button></div>'
    )
    footer = (
        f'<footer class="site-footer"><ul><li><a href="/about/">About us</a></li><li><a href="/contact/">'
        f'Contact</a></li><li><a href="/privacy/">Privacy policy</a></li><li><a href="/terms/">Terms of use'
        f"</a></li></ul><p>&copy; {published.year} {_esc(outlet)}. All rights reserved.</p></footer>"
    )
    if layout == "a":  # <article> with header, share tools, sidebar, comments
        main = (
            f'<header class="masthead"><a class="brand" href="/">{_esc(outlet)}</a><nav><ul>{nav}</ul></nav></header>\n'
            f'<nav class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/{section}/">{section.title()}</a></nav>\n'
            f'<main><article class="story"><header><h1>{_esc(title)}</h1><p class="byline">By {author} &middot; '
            f'<time datetime="{iso}">{published.day} {published.strftime("%B %Y")}</time></p></header>\n'
            f'<ul class="share"><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on X</a></li></ul>\n'
            f'<div class="story-text">\n{body}\n</div></article>\n'
            f'<aside class="sidebar"><h3>Most read</h3><ol>{most}</ol></aside>\n'
            f'<section class="related"><h3>Related</h3><ul>{related}</ul></section>\n'
            f'<section class="comments"><h3>3 comments</h3><ol>{comments}</ol></section></main>\n'
        )
    elif layout == "b":  # div soup, no <article>
        main = (
            f'<div id="top"><div class="logo">{_esc(outlet)}</div><div class="menu"><ul>{nav}</ul></div></div>\n'
            f'<div id="wrapper"><div class="col-main"><div class="post"><h1 class="post-title">{_esc(title)}</h1>'
            f'<div class="post-meta">{published.isoformat()} | {author}</div>\n'
            f'<div class="post-body">\n{body}\n</div></div>'
            f'<div class="tags">Tags: <a href="/tag/{section}">{section}</a> <a href="/tag/war">war</a></div>'
            f'<div id="disqus"><ol>{comments}</ol></div></div>\n'
            f'<div class="col-side"><div class="widget"><h4>Popular</h4><ul>{most}</ul></div>'
            f'<div class="widget"><h4>See also</h4><ul>{related}</ul></div></div></div>\n'
        )
    elif layout == "c":  # <main> + section, newsletter box inside
        main = (
            f'<header><nav class="top"><ul>{nav}</ul></nav></header>\n<main id="content">'
            f'<h1 itemprop="headline">{_esc(title)}</h1><div class="meta"><span itemprop="author">{author}</span>'
            f' <time datetime="{iso}">{published.isoformat()}</time></div>\n'
            f'<section itemprop="articleBody">\n{body}\n</section>\n'
            f'<div class="newsletter"><p>Get our morning briefing delivered to your inbox every weekday.</p>'
            f'<form><input type="email"><button>Sign up</button></form></div>\n'
            f'<nav class="more"><h3>More from {_esc(outlet)}</h3><ul>{related}</ul></nav>'
            f"<aside><h3>Trending</h3><ul>{most}</ul></aside></main>\n"
        )
    else:  # bulletin: table layout, short boilerplate
        main = (
            f'<table class="layout"><tr><td class="nav"><ul>{nav}</ul></td><td class="content">'
            f'<h2>{_esc(title)}</h2><p class="date">{published.strftime("%A %d %B %Y")}</p>\n'
            f'<div class="entry">\n{body}\n</div></td><td class="side"><ul>{most}</ul></td></tr></table>\n'
        )
    return f"{head}<body>\n{cookie}\n{menu}\n{main}{footer_links}{footer}\n</body>\n</html>\n"


def iter_corpus(n: int, seed: int = 1, start: int = 0) -> Iterator[tuple[dict, str]]:
    for i in range(start, start + n):
        yield article(seed, i)


def _rfc822(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()][:3]}, {d.day:02d} {d.strftime('%b')} {d.year} 12:00:00 +0000"


def write_corpus(out_dir: str | Path, n: int, seed: int = 1, shard_size: int = SHARD_SIZE) -> dict:
    """Write n pages, one feed and one folder source per shard, gold.jsonl; returns counts and timing."""
    out = Path(out_dir)
    (out / "pages").mkdir(parents=True, exist_ok=True)
    (out / "feeds").mkdir(exist_ok=True)
    t0 = time.perf_counter()
    n_events = n_bytes = 0
    shards: list[str] = []
    feed = None
    with open(out / "gold.jsonl", "w", encoding="utf-8") as gold_fh:
        for i in range(n):
            if i % shard_size == 0:
                if feed:
                    feed.write("</channel>\n</rss>\n")
                    feed.close()
                shard = f"{i // shard_size:04d}"
                shards.append(shard)
                (out / "pages" / shard).mkdir(exist_ok=True)
                feed = open(out / "feeds" / f"{shard}.xml", "w", encoding="utf-8")  # noqa: SIM115 (one per shard)
                feed.write(
                    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
                    f"<title>conflict-etl synthetic corpus (seed {seed}, shard {shard})</title>\n"
                    "<link>https://synthetic.conflict-etl.example/</link>\n"
                    "<description>Generated by pipelines.synthetic</description>\n<language>en</language>\n"
                )
            gold, page = article(seed, i)
            rel = f"pages/{shard}/{gold['id']}.html"
            data = page.encode("utf-8")
            (out / rel).write_bytes(data)
            n_bytes += len(data)
            gold["html_path"] = rel
            gold_fh.write(json.dumps(gold, ensure_ascii=False) + "\n")
            n_events += len(gold["events"])
            feed.write(
                f"<item><title>{_esc(gold['title'])}</title><link>{_esc(gold['url'])}</link>"
                f'<guid isPermaLink="true">{_esc(gold["url"])}</guid>'
                f"<pubDate>{_rfc822(date.fromisoformat(gold['published']))}</pubDate></item>\n"
            )
    if feed:
        feed.write("</channel>\n</rss>\n")
        feed.close()
    lines = ["# written by pipelines.synthetic", "fetch:", "  allow_private_addresses: false", "sources:"]
    for shard in shards:
        lines += [
            f"  - name: synthetic-{shard}",
            "    kind: folder",
            f"    path: pages/{shard}",
            f"    feed: feeds/{shard}.xml",
        ]
    (out / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dt = time.perf_counter() - t0
    return {
        "pages": n,
        "events": n_events,
        "bytes": n_bytes,
        "seconds": dt,
        "pages_per_s": n / dt if dt else 0.0,
        "shards": len(shards),
        "sources": str(out / "sources.yaml"),
        "gold": str(out / "gold.jsonl"),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m pipelines.synthetic", description=__doc__.split("\n")[0])
    p.add_argument("out_dir")
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--shard-size", type=int, default=SHARD_SIZE)
    a = p.parse_args(argv)
    r = write_corpus(a.out_dir, a.n, a.seed, a.shard_size)
    print(
        f"{r['pages']:,} pages ({r['bytes'] / 1e6:.1f} MB, {r['events']:,} gold events) in {r['seconds']:.1f} s "
        f"= {r['pages_per_s']:,.0f} pages/s -> {r['sources']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
