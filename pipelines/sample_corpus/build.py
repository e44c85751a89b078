#!/usr/bin/env python3
"""Render the bundled sample corpus from ``articles.yaml``.

    python build.py            # write pages/<id>.html, feed.xml and gold.jsonl
    python build.py --check    # build, then check every page with trafilatura

Plain script: standard library + PyYAML (trafilatura only for ``--check``). The output is
deterministic: the same ``articles.yaml`` always gives the same bytes.

``articles.yaml`` is a list of articles (id, outlet, url, published, title, author, paragraphs,
events, optional non_events / hard_cases). Each gold event is written in the gold format; the keys
``location_admin1``, ``country`` and ``location_aliases`` may be left out, in which case they are
filled from the small gazetteer ``LOCATIONS`` below (``location_aliases`` = the other spellings of
the place that the article actually uses). ``evidence`` (a phrase of the article that reports the
event) is checked against the text and not written to gold.jsonl.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"

EVENT_TYPES = ("air_strike", "shelling", "armed_clash", "attack_on_civilians", "explosion", "other")
ACTORS = (
    "Russia", "Syrian government", "SDF", "Islamic State", "US-led coalition", "United States",
    "Iraqi government", "Popular Mobilization Forces", "Hezbollah", "Iran", "Iran-backed militias",
    "Turkey", "Syrian opposition", "HTS", "Civilians", "Unidentified armed group",
)
GOLD_KEYS = (
    "event_type", "actor", "actor_aliases", "target", "target_aliases", "location",
    "location_aliases", "location_admin1", "country", "date", "fatalities", "injured",
)

# canonical location -> (admin1, country, spellings that may appear in articles)
LOCATIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Deir ez-Zor": ("Deir ez-Zor", "SYR", ("Deir ez-Zor", "Deir al-Zor", "Deir Ezzor", "Deir al-Zour",
                                          "Deir Ez-Zor", "Dair al-Zour", "Deir Azzor")),
    "Raqqa": ("Ar-Raqqah", "SYR", ("Raqqa", "Raqqah", "Al-Raqqa", "Rakka")),
    "Al Mayadin": ("Deir ez-Zor", "SYR", ("Al Mayadin", "Al-Mayadin", "Mayadin", "Al-Mayadeen", "Mayadeen")),
    "Abu Kamal": ("Deir ez-Zor", "SYR", ("Abu Kamal", "Albu Kamal", "Al-Bukamal", "Boukamal", "Bukamal")),
    "Al-Asharah": ("Deir ez-Zor", "SYR", ("Al-Asharah", "Al-Ashara", "Ashara", "Al-Asharah")),
    "Al-Quriyah": ("Deir ez-Zor", "SYR", ("Al-Quriyah", "Al-Quriya", "Quriyah", "Al-Qouriya")),
    "Muhasan": ("Deir ez-Zor", "SYR", ("Muhasan", "Mohassan", "Al-Muhasan")),
    "Hajin": ("Deir ez-Zor", "SYR", ("Hajin", "Hajeen")),
    "Khasham": ("Deir ez-Zor", "SYR", ("Khasham", "Khusham", "Conoco gas field", "Conoco field")),
    "Dhiban": ("Deir ez-Zor", "SYR", ("Dhiban", "Al-Omar oil field", "Omar oil field")),
    "Al-Shula": ("Deir ez-Zor", "SYR", ("Al-Shula", "Al-Shoula", "Shula")),
    "Al-Bulayl": ("Deir ez-Zor", "SYR", ("Al-Bulayl", "Buleil", "Al-Bulail")),
    "Al-Shafah": ("Deir ez-Zor", "SYR", ("Al-Shafah", "Al-Shaafah", "Al-Shafa")),
    "Al-Susah": ("Deir ez-Zor", "SYR", ("Al-Susah", "Al-Sousah", "Sousa")),
    "Al-Jalaa": ("Deir ez-Zor", "SYR", ("Al-Jalaa", "Jalaa")),
    "Kabajeb": ("Deir ez-Zor", "SYR", ("Kabajeb", "Kobajjep", "Kabajib")),
    "Al-Jafra": ("Deir ez-Zor", "SYR", ("Al-Jafra", "Jafra", "Al-Jafrah")),
    "Hatla": ("Deir ez-Zor", "SYR", ("Hatla", "Hatlah")),
    "Al-Qaryatayn": ("Homs", "SYR", ("Al-Qaryatayn", "Al-Qaryatain", "Qaryatain", "Qaryatayn")),
    "Abu Fas": ("Al-Hasakah", "SYR", ("Abu Fas", "Abu Faas")),
    "Afrin": ("Aleppo", "SYR", ("Afrin", "Efrin")),
    "Al-Sukhnah": ("Homs", "SYR", ("Al-Sukhnah", "Sukhnah", "Al-Sukhna", "Sukhna")),
    "Al Qa'im": ("Al Anbar", "IRQ", ("Al Qa'im", "Al-Qaim", "Qaim", "al-Qaim", "Al-Qa'im")),
    "Akashat": ("Al Anbar", "IRQ", ("Akashat", "Akashaat")),
    "Rawa": ("Al Anbar", "IRQ", ("Rawa", "Rawah")),
    "Husaybah": ("Al Anbar", "IRQ", ("Husaybah", "Husaiba")),
    # governorates, when no town is named
    "Al Anbar": ("Al Anbar", "IRQ", ("Al Anbar", "Anbar")),
}

OUTLETS = {
    "Levant Monitor": {"domain": "www.levant-monitor.example", "layout": "lm"},
    "Euphrates Wire": {"domain": "www.euphrates-wire.example", "layout": "ew"},
    "Al-Sharq Daily": {"domain": "www.alsharq-daily.example", "layout": "sd"},
    "Syria Conflict Bulletin": {"domain": "bulletin.syria-conflict.example", "layout": "scb"},
}

# Boilerplate. Headlines in sidebars are deliberately not about violent events.
MOST_READ = {
    "lm": ["Beirut's bakeries count the cost of the flour crisis", "Interview: the cellist who stayed in Aleppo",
           "Explainer: who governs the Syrian north-east?", "Lebanese lira holds steady as deposits rise",
           "Photo essay: harvest season on the Khabur"],
    "ew": ["Oil prices edge higher on supply outlook", "Lebanon's parliament passes 2017 budget",
           "Gulf airlines expand winter schedules", "Jordan tourism numbers recover in third quarter",
           "Factbox: key dates in Syria's peace talks"],
    "sd": ["Recipes from the Jazira: a grandmother's kibbeh", "Opinion: rebuilding schools must come first",
           "Qatar crisis: what the mediation talks agreed", "Weather: early rains expected across the Levant",
           "Sport: Syrian team's World Cup dream ends in Sydney"],
    "scb": ["Methodology: how we count casualties", "Monthly humanitarian access report (PDF)",
            "Glossary of armed groups in eastern Syria", "Call for field researchers: Hasakah",
            "Archive: all bulletins for 2017"],
}
COMMENT_POOL = [
    ("Karim_B", "Everyone knows this is really about who ends up owning the oil fields."),
    ("OldDamascene", "My family is from this area and we still cannot reach our relatives."),
    ("j.harland", "Great reporting, please keep covering the humanitarian side."),
    ("Nour77", "The map in your previous piece was much clearer than this one."),
    ("steppenwolf", "Another proxy war that nobody in the West wants to talk about."),
    ("Abu Yazan", "Pray for the people of the Euphrates valley."),
    ("M. Fischer", "Who exactly is going to pay for reconstruction afterwards?"),
    ("realist_2017", "The big powers will divide the spoils and the locals will pay."),
]
COOKIE_TEXT = ("We use cookies to personalise content and ads, to provide social media features and to "
               "analyse our traffic. By continuing to browse you agree to our use of cookies.")
NEWSLETTER_TEXT = "Get our morning briefing on the Middle East delivered to your inbox every weekday."


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def pick(seq, key: str, n: int):
    """Deterministic choice of n items of seq for an article."""
    h = int(hashlib.sha256(key.encode()).hexdigest(), 16)
    start = h % len(seq)
    return [seq[(start + i) % len(seq)] for i in range(n)]


def teaser(a: dict) -> str:
    first = re.sub(r"^[A-Z][A-Z ,'./-]+,? [A-Z][a-z]+\.? \d{1,2} \([^)]*\) - ", "", a["paragraphs"][0])
    words = first.split()
    return " ".join(words[:32]) + (" ..." if len(words) > 32 else "")


def long_date(dt: datetime) -> str:
    return f"{dt.day} {dt.strftime('%B %Y')}"


def related(a: dict, all_articles: list[dict]) -> list[dict]:
    same = [b for b in all_articles if b["outlet"] == a["outlet"] and b["id"] != a["id"]]
    return pick(same, a["id"], 3) if same else []


def comments_for(a: dict) -> list[tuple[str, str]]:
    return pick(COMMENT_POOL, a["id"] + "#c", 3)


def body_ps(a: dict, indent: str = "    ") -> str:
    return "\n".join(f"{indent}<p>{esc(p)}</p>" for p in a["paragraphs"])


# ---------------------------------------------------------------------------------------------
# Layout 1: Levant Monitor -- <article>, article:published_time, og:site_name
def layout_lm(a: dict, dt: datetime, rel: list[dict]) -> str:
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in
                  ("Syria", "Iraq", "Lebanon", "Analysis", "Opinion", "Podcasts", "Subscribe"))
    share = "".join(f'<li><a class="share-{s.lower()}" href="#">Share on {s}</a></li>' for s in
                    ("Facebook", "Twitter", "WhatsApp", "Email"))
    most = "".join(f'<li><a href="/features/{i}/">{esc(h)}</a></li>' for i, h in enumerate(MOST_READ["lm"]))
    relh = "".join(f'<li><a href="{esc(b["url"])}">{esc(b["title"])}</a></li>' for b in rel)
    com = "".join(f'<li class="comment"><div class="comment-meta"><b>{esc(u)}</b> wrote:</div>'
                  f'<div class="comment-body"><p>{esc(t)}</p></div></li>' for u, t in comments_for(a))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} | Levant Monitor</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(teaser(a))}">
<meta property="og:site_name" content="Levant Monitor">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(a['title'])}">
<meta property="og:url" content="{esc(a['url'])}">
<meta property="article:published_time" content="{dt.isoformat()}">
<meta property="article:section" content="Syria">
<meta name="author" content="{esc(a['author'])}">
<link rel="canonical" href="{esc(a['url'])}">
<link rel="stylesheet" href="/static/lm.css">
</head>
<body class="single-story">
<div class="cookie-banner" id="cookie-consent"><p>{COOKIE_TEXT}</p><button type="button">Accept all</button> <button type="button">Manage settings</button></div>
<header class="masthead">
  <a class="brand" href="/">Levant Monitor</a>
  <nav class="primary-nav"><ul>{nav}</ul></nav>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/syria/">Syria</a> &rsaquo; <span>Eastern Syria</span></nav>
<main id="content">
<article class="story">
  <header class="story-header">
    <h1 class="headline">{esc(a['title'])}</h1>
    <p class="byline">By <a rel="author" class="author" href="/authors/">{esc(a['author'])}</a> &middot; <time datetime="{dt.isoformat()}">{long_date(dt)}</time></p>
  </header>
  <ul class="share-tools">{share}</ul>
  <div class="story-text">
{body_ps(a)}
  </div>
  <aside class="newsletter-box"><h4>The Levant Monitor briefing</h4><p>{NEWSLETTER_TEXT}</p><form><input type="email" placeholder="Your email"><button>Sign up</button></form></aside>
</article>
<section class="comments" id="comments">
  <h3>Reader comments</h3>
  <ol class="comment-list">{com}</ol>
</section>
</main>
<aside class="sidebar">
  <section class="most-read"><h3>Most read</h3><ol>{most}</ol></section>
  <section class="related"><h3>More on Syria</h3><ul>{relh}</ul></section>
</aside>
<footer class="site-footer"><p>&copy; 2017 Levant Monitor. All rights reserved.</p><ul><li><a href="/about/">About us</a></li><li><a href="/privacy/">Privacy policy</a></li><li><a href="/contact/">Contact</a></li></ul></footer>
</body>
</html>
"""


# Layout 2: Euphrates Wire -- JSON-LD NewsArticle with datePublished / author
def layout_ew(a: dict, dt: datetime, rel: list[dict]) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "datePublished": dt.isoformat(),
        "dateModified": dt.isoformat(),
        "author": {"@type": "Person", "name": a["author"]},
        "publisher": {"@type": "Organization", "name": "Euphrates Wire"},
        "mainEntityOfPage": a["url"],
        "description": teaser(a),
    }
    ld_json = json.dumps(ld, ensure_ascii=False, sort_keys=True)
    nav = "".join(f'<a class="nav-link" href="/{s.lower()}">{s}</a> ' for s in
                  ("World", "Business", "Markets", "Middle East", "Energy", "Video"))
    most = "".join(f'<li><a href="/news/{i}">{esc(h)}</a></li>' for i, h in enumerate(MOST_READ["ew"]))
    relh = "".join(f'<li><a href="{esc(b["url"])}">{esc(b["title"])}</a></li>' for b in rel)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} - Euphrates Wire</title>
<meta name="description" content="{esc(teaser(a))}">
<link rel="canonical" href="{esc(a['url'])}">
<script type="application/ld+json">{ld_json}</script>
</head>
<body>
<div id="consent-overlay" class="consent"><div class="consent-text">{COOKIE_TEXT}</div><a href="#" class="consent-ok">I agree</a></div>
<div class="topbar"><span class="logo">EUPHRATES WIRE</span> <nav class="topnav">{nav}</nav> <a href="/login" class="login">Sign in</a></div>
<ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/middle-east">Middle East</a></li></ol>
<div class="page">
  <div class="main-column">
    <h1 class="article-headline">{esc(a['title'])}</h1>
    <div class="article-meta"><span class="byline">{esc(a['author'])}</span> <span class="timestamp">{dt.strftime('%B')} {dt.day}, {dt.year} / {dt.strftime('%I:%M %p').lstrip('0')}</span></div>
    <div class="share-bar"><a href="#">Tweet</a> <a href="#">Share</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
    <div class="article-body" itemprop="articleBody">
{body_ps(a, '      ')}
    </div>
    <div class="trust-principles"><a href="/trust">Our Standards: The Euphrates Wire Trust Principles.</a></div>
  </div>
  <div class="right-rail">
    <div class="rail-module"><h4>Most Popular</h4><ul>{most}</ul></div>
    <div class="rail-module"><h4>Related Coverage</h4><ul>{relh}</ul></div>
    <div class="rail-module newsletter"><h4>Daily Briefing</h4><p>{NEWSLETTER_TEXT}</p></div>
  </div>
</div>
<div class="site-footer">Euphrates Wire, a fictional news agency. &copy; 2017 All rights reserved. <a href="/terms">Terms of use</a> | <a href="/privacy">Privacy</a> | <a href="/accessibility">Accessibility</a></div>
</body>
</html>
"""


# Layout 3: Al-Sharq Daily -- <time datetime=...> and <meta name="author">
def layout_sd(a: dict, dt: datetime, rel: list[dict]) -> str:
    nav = "".join(f'<li class="menu-item"><a href="/category/{s.lower()}/">{s}</a></li>' for s in
                  ("News", "Syria", "Iraq", "Gulf", "Opinion", "Culture", "Sport"))
    most = "".join(f'<li><a href="/2017/pick-{i}/">{esc(h)}</a></li>' for i, h in enumerate(MOST_READ["sd"]))
    relh = "".join(f'<li><a href="{esc(b["url"])}">{esc(b["title"])}</a></li>' for b in rel)
    com = "".join(f'<div class="comment"><span class="comment-author">{esc(u)}</span>'
                  f'<p class="comment-text">{esc(t)}</p><a class="reply" href="#">Reply</a></div>'
                  for u, t in comments_for(a))
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} &#8211; Al-Sharq Daily</title>
<meta name="author" content="{esc(a['author'])}">
<meta name="description" content="{esc(teaser(a))}">
<meta property="og:title" content="{esc(a['title'])}">
<link rel="canonical" href="{esc(a['url'])}">
</head>
<body class="post-template-default single single-post">
<div class="gdpr-notice"><p>{COOKIE_TEXT} <a href="/cookie-policy/">Read more</a></p><button class="gdpr-accept">OK</button></div>
<div id="page" class="site">
<header id="masthead" class="site-header">
  <div class="site-branding"><p class="site-title"><a href="/">Al-Sharq Daily</a></p><p class="site-description">News from the East, every day</p></div>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{nav}</ul></nav>
</header>
<div class="breadcrumbs"><span><a href="/">Home</a></span> / <span><a href="/category/syria/">Syria</a></span> / <span class="current">{esc(a['title'])}</span></div>
<div id="content" class="site-content">
<main id="main" class="site-main">
  <div class="post">
    <h1 class="entry-title">{esc(a['title'])}</h1>
    <div class="entry-meta">Posted on <time class="entry-date published" datetime="{dt.isoformat()}">{dt.strftime('%B')} {dt.day}, {dt.year}</time> by <span class="author vcard">{esc(a['author'])}</span></div>
    <div class="entry-content">
{body_ps(a, '      ')}
    </div>
    <div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li><li><a href="#">Telegram</a></li></ul></div>
    <div class="entry-footer"><span class="cat-links">Posted in <a href="/category/syria/">Syria</a></span></div>
  </div>
  <div id="comments" class="comments-area">
    <h2 class="comments-title">3 thoughts on this story</h2>
    {com}
    <div class="comment-respond"><h3>Leave a Reply</h3><p>Your email address will not be published.</p></div>
  </div>
</main>
<div id="secondary" class="widget-area">
  <section class="widget widget_recent_entries"><h2 class="widget-title">Related stories</h2><ul>{relh}</ul></section>
  <section class="widget widget_popular"><h2 class="widget-title">Most read</h2><ul>{most}</ul></section>
  <section class="widget widget_newsletter"><h2 class="widget-title">Newsletter</h2><p>{NEWSLETTER_TEXT}</p></section>
</div>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Al-Sharq Daily &copy; 2017 &middot; Proudly independent &middot; <a href="/contact/">Contact</a></div></footer>
</div>
</body>
</html>
"""


# Layout 4: Syria Conflict Bulletin -- div soup, class "story-body"
def layout_scb(a: dict, dt: datetime, rel: list[dict]) -> str:
    most = "".join(f'<div class="lnk"><a href="/p/{i}">{esc(h)}</a></div>' for i, h in enumerate(MOST_READ["scb"]))
    relh = "".join(f'<div class="lnk"><a href="{esc(b["url"])}">{esc(b["title"])}</a></div>' for b in rel)
    com = "".join(f'<div class="cmt"><div class="cmt-user">{esc(u)}</div><div class="cmt-txt">{esc(t)}</div></div>'
                  for u, t in comments_for(a))
    paras = "\n".join(f'<div class="para"><p>{esc(p)}</p></div>' for p in a["paragraphs"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(a['title'])} :: Syria Conflict Bulletin</title>
<meta name="author" content="{esc(a['author'])}">
<meta name="date" content="{dt.strftime('%Y-%m-%d')}">
<link rel="canonical" href="{esc(a['url'])}">
</head>
<body>
<div id="wrap">
<div class="cookiebar">{COOKIE_TEXT} <span class="btn">Close</span></div>
<div id="hdr"><div class="logo"><a href="/">Syria Conflict Bulletin</a></div>
<div class="menu"><a href="/">Bulletins</a> | <a href="/maps">Maps</a> | <a href="/data">Data</a> | <a href="/about">About</a> | <a href="/donate">Donate</a></div></div>
<div class="crumbs">Bulletins &gt; Eastern Syria &gt; {dt.year}</div>
<div id="cols">
<div class="col-main">
<div class="story-head"><div class="story-title"><h1>{esc(a["title"])}</h1></div>
<div class="story-info">By <span class="byline">{esc(a['author'])}</span> | Published <span class="pubdate">{long_date(dt)}</span></div></div>
<div class="story-body">
{paras}
</div>
<div class="shares"><span>Share:</span> <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Print</a></div>
<div class="subscribe-box">{NEWSLETTER_TEXT}</div>
<div class="cmts"><div class="cmts-h">Comments</div>{com}</div>
</div>
<div class="col-side">
<div class="side-h">Popular</div>{most}
<div class="side-h">Related bulletins</div>{relh}
</div>
</div>
<div id="ftr">Syria Conflict Bulletin is an independent monitoring project. Contact: desk@syria-conflict.example &middot; &copy; 2017</div>
</div>
</body>
</html>
"""


LAYOUTS = {"lm": layout_lm, "ew": layout_ew, "sd": layout_sd, "scb": layout_scb}


# ---------------------------------------------------------------------------------------------
def location_aliases(canonical: str, text: str) -> list[str]:
    """Spellings of the place (other than the canonical one) that the article uses."""
    spellings = sorted(set(LOCATIONS.get(canonical, ("", "", ()))[2]) | {canonical}, key=len, reverse=True)
    masked = text
    found: list[str] = []
    for s in spellings:
        pat = re.compile(r"(?<![\w-])" + re.escape(s) + r"(?![\w-])")
        if pat.search(masked):
            if s != canonical:
                found.append(s)
            masked = pat.sub(lambda m: "#" * len(m.group(0)), masked)
    return sorted(found)


def gold_event(ev: dict, text: str, art_id: str) -> dict:
    out = {k: ev.get(k) for k in GOLD_KEYS}
    out["event_type"] = ev["event_type"]
    for k in ("actor_aliases", "target_aliases"):
        out[k] = list(ev.get(k) or [])
    loc = ev["location"]
    admin1, country, _ = LOCATIONS.get(loc, (None, None, ()))
    out["location_admin1"] = ev.get("location_admin1", admin1)
    out["country"] = ev.get("country", country)
    out["location_aliases"] = list(ev["location_aliases"]) if "location_aliases" in ev else location_aliases(loc, text)
    out["date"] = str(ev["date"])
    # validation
    assert out["event_type"] in EVENT_TYPES, (art_id, out["event_type"])
    for k in ("actor", "target"):
        assert out[k] is None or out[k] in ACTORS, (art_id, k, out[k])
    for k in ("actor_aliases", "target_aliases"):
        assert all(x in ACTORS for x in out[k]), (art_id, k, out[k])
    assert out["location_admin1"] and out["country"], (art_id, "unknown location", loc)
    ed = ev.get("evidence")
    assert ed and norm(ed) in norm(text), (art_id, "evidence not in text", ed)
    return out


def load() -> list[dict]:
    arts = yaml.safe_load((HERE / "articles.yaml").read_text(encoding="utf-8"))
    seen = set()
    for a in arts:
        assert a["id"] not in seen, a["id"]
        seen.add(a["id"])
        assert a["outlet"] in OUTLETS, a["outlet"]
        assert OUTLETS[a["outlet"]]["domain"] in a["url"], a["url"]
        a["_dt"] = datetime.fromisoformat(str(a["published"]))
        assert a["_dt"].tzinfo is not None, a["id"]
    return arts


def build() -> list[dict]:
    arts = load()
    PAGES.mkdir(exist_ok=True)
    expected = set()
    gold_lines = []
    for a in arts:
        dt = a["_dt"]
        page = LAYOUTS[OUTLETS[a["outlet"]]["layout"]](a, dt, related(a, arts))
        name = f"{a['id']}.html"
        expected.add(name)
        (PAGES / name).write_text(page, encoding="utf-8", newline="\n")
        text = a["title"] + "\n" + "\n".join(a["paragraphs"])
        events = [gold_event(ev, text, a["id"]) for ev in a.get("events") or []]
        gold_lines.append(json.dumps({
            "id": a["id"], "url": a["url"], "published": dt.date().isoformat(), "title": a["title"],
            "html_path": f"pages/{name}", "events": events,
        }, ensure_ascii=False))
    for stale in PAGES.glob("*.html"):
        if stale.name not in expected:
            stale.unlink()
    (HERE / "gold.jsonl").write_text("\n".join(gold_lines) + "\n", encoding="utf-8", newline="\n")
    items = []
    for a in sorted(arts, key=lambda x: (x["_dt"], x["id"]), reverse=True):
        items.append(
            "  <item>\n"
            f"    <title>{esc(a['title'])}</title>\n"
            f"    <link>{esc(a['url'])}</link>\n"
            f"    <guid isPermaLink=\"true\">{esc(a['url'])}</guid>\n"
            f"    <pubDate>{format_datetime(a['_dt'])}</pubDate>\n"
            f"    <author>desk@example.com ({esc(a['author'])})</author>\n"
            f"    <source url=\"https://{OUTLETS[a['outlet']]['domain']}/\">{esc(a['outlet'])}</source>\n"
            f"    <description>{esc(teaser(a))}</description>\n"
            "  </item>"
        )
    last = max(a["_dt"] for a in arts)
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0">\n<channel>\n'
        "  <title>conflict-etl sample corpus: eastern Syria, Sept-Nov 2017</title>\n"
        "  <link>https://corpus.conflict-etl.example/</link>\n"
        "  <description>Articles written for the conflict-etl sample corpus (fictional outlets).</description>\n"
        "  <language>en</language>\n"
        f"  <lastBuildDate>{format_datetime(last)}</lastBuildDate>\n"
        + "\n".join(items) + "\n</channel>\n</rss>\n"
    )
    (HERE / "feed.xml").write_text(feed, encoding="utf-8", newline="\n")
    return arts


# ---------------------------------------------------------------------------------------------
def check(arts: list[dict]) -> int:
    import trafilatura

    failures = 0
    n_events = 0
    for a in arts:
        rel = related(a, arts)
        page = (PAGES / f"{a['id']}.html").read_text(encoding="utf-8")
        doc = trafilatura.bare_extraction(page, with_metadata=True)
        problems = []
        text = norm(doc.text or "") if doc else ""
        if not doc:
            problems.append("nothing extracted")
        else:
            for i, p in enumerate(a["paragraphs"]):
                if norm(p) not in text:
                    problems.append(f"paragraph {i} missing")
            allowed = {norm(p) for p in a["paragraphs"]} | {norm(a["title"])}
            for line in (doc.text or "").splitlines():
                if norm(line) and norm(line) not in allowed:
                    problems.append(f"extra text: {norm(line)[:60]!r}")
            if doc.date != a["_dt"].date().isoformat():
                problems.append(f"date {doc.date!r}")
            if norm(doc.title or "") != norm(a["title"]):
                problems.append(f"title {doc.title!r}")
            if not doc.author or a["author"].split()[-1] not in doc.author:
                problems.append(f"author {doc.author!r}")
            boiler = [COOKIE_TEXT[:40], NEWSLETTER_TEXT[:40], "Most read", "Most Popular",
                      "Reader comments", "Leave a Reply", "Share on Facebook", "All rights reserved",
                      "Privacy policy", "Related Coverage", "Related stories", "Related bulletins",
                      "Bulletins > Eastern Syria", "Home > Syria", "independent monitoring project",
                      "Trust Principles", "Sign up", "Share this"]
            boiler += [t for _, t in COMMENT_POOL] + MOST_READ[OUTLETS[a["outlet"]]["layout"]]
            boiler += [b["title"] for b in rel]
            for b in boiler:
                if norm(b) in text:
                    problems.append(f"boilerplate in text: {b[:50]!r}")
        if '<html lang="en"' not in page or f'<link rel="canonical" href="{esc(a["url"])}">' not in page:
            problems.append("missing lang or canonical")
        n_events += len(a.get("events") or [])
        if problems:
            failures += 1
            print(f"FAIL {a['id']}: " + "; ".join(problems))
    print(f"checked {len(arts)} pages: {len(arts) - failures} ok, {failures} failing; {n_events} gold events")
    return 1 if failures else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="check every page with trafilatura after building")
    args = ap.parse_args()
    arts = build()
    print(f"built {len(arts)} pages, feed.xml and gold.jsonl in {HERE}")
    return check(arts) if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
