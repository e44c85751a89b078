"""Lookup keys: the one normalization both the dictionaries and the mentions go through.

Two strings that are spelling variants of the same name should get the same key:
"Deir ez-Zor", "Deir Ezzor", "Deir al-Zor", "Deir Azzor" -> "deir zor"; "Ar-Raqqah", "Raqqa" -> "raqa";
"U.S.-backed militias" -> "us backed militias". Steps: strip accents and Arabic transliteration marks,
casefold, drop dots ("U.S." -> "us"), hyphens/slashes/punctuation -> space, drop a leading "the",
drop Arabic article tokens (al, el, ad, ar, as, az, ez, ...) and glued sun-letter articles
("ezzor" -> "zor", "arraqqa" -> "raqqa"), collapse doubled letters, drop a final "h" after a vowel
("raqqah" -> "raqa") and a trailing "city" ("Gaza City" -> "gaza").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Arabic definite-article renderings that appear as separate tokens once hyphens are spaces.
ARTICLES = frozenset(
    ["al", "el", "il", "ul", "ad", "ar", "as", "az", "an", "at", "ash", "adh", "ath", "ed", "er", "es", "ez", "et", "en", "ud", "ur", "us_", "uz", "un"]
)
ARTICLES = ARTICLES - {"us_"}  # "us" is the United States, never an article

_SPECIAL = str.maketrans(
    {
        "ß": "ss", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "æ": "ae",
        "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ə": "e", "Ə": "E",
        # transliteration marks for ayn/hamza and all apostrophes: dropped ("Sa'dah" -> "sadah")
        "ʿ": "", "ʾ": "", "ʼ": "", "ʻ": "", "‘": "", "’": "", "'": "", "`": "", "´": "", "ʹ": "",
        ".": "", "&": " and ",
    }
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_GLUED_ARTICLE = re.compile(r"^[aeu](sh|th|dh|[tdszrnl])(?=\1)")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def strip_accents(s: str) -> str:
    s = s.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=500_000)
def normalize_key(s: str | None) -> str:
    """The lookup key for a name (see module docstring); "" for None/empty."""
    if not s:
        return ""
    s = _NON_ALNUM.sub(" ", strip_accents(s).casefold()).split()
    if len(s) > 1 and s[0] == "the":
        s = s[1:]
    out = []
    for i, tok in enumerate(s):
        if tok in ARTICLES and len(s) > 1 and i < len(s) - 1:
            continue  # an article before another word
        if len(tok) >= 5:
            tok = _GLUED_ARTICLE.sub("", tok, count=1)
        tok = _DOUBLE.sub(r"\1", tok)
        if len(tok) > 3:
            tok = _FINAL_H.sub("", tok)
        out.append(tok)
    if len(out) > 1 and out[-1] == "city":
        out.pop()
    return " ".join(out)
