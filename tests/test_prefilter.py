"""The coder's prefiltered scans (pipelines/coding/prefilter.py) find exactly what the plain regex finds."""

from __future__ import annotations

import json
import random
import re

import pytest

from pipelines import config
from pipelines.coding import casualties, dates, modality, prefilter, roles, rules, triggers


def _patterns() -> list[tuple[str, prefilter.Prefiltered]]:
    out = []
    for mod in (casualties, dates, modality, roles, rules, triggers):
        for name, value in vars(mod).items():
            if isinstance(value, prefilter.Prefiltered):
                out.append((f"{mod.__name__.rsplit('.', 1)[-1]}.{name}", value))
    lexicon = triggers.load_lexicon()
    out.append(("triggers.lexicon", lexicon.prefilter))
    out += [(f"triggers.cue.{k}", v) for k, v in lexicon.cue_prefilters.items()]
    return out


def _texts() -> list[str]:
    texts = []
    for path in (config.REPO_DIR / "pipelines" / "gold" / "other_conflicts.jsonl",
                 config.REPO_DIR / "pipelines" / "sample_corpus" / "gold.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append(row.get("text") or "")
    texts = [t for t in texts if t]
    rng = random.Random(3)
    variants = []
    for t in texts[:40]:
        variants += [t.upper(), t.lower(), t.replace(" ", "\u00a0"), t.replace(",", ""),
                     t.replace("K", "\u212a"), t[rng.randrange(len(t)):]]
    edge = ["", "-", "killed", "x-killed 3", "İstanbul shelled, 4 killed", "ſtrike", "Monday's strike killed 12.",
            "on 3 March 2024 jets struck", "according to officials, 3 were killed", "twenty-one killed"]
    return texts + variants + edge


PATTERNS = _patterns()


def test_the_coder_uses_prefiltered_patterns() -> None:
    assert len(PATTERNS) >= 10
    assert sum(pf.pre is not None for _, pf in PATTERNS) >= 8  # most have a real prefilter, not the plain scan


@pytest.mark.parametrize(("name", "pf"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_prefiltered_scan_equals_finditer(name: str, pf: prefilter.Prefiltered) -> None:
    rng = random.Random(7)
    for text in _texts():
        spans = [(0, len(text))] + [tuple(sorted((rng.randrange(len(text) + 1), rng.randrange(len(text) + 1))))
                                    for _ in range(2)]
        for start, end in spans:
            want = [(m.start(), m.end(), m.groups()) for m in pf.regex.finditer(text, start, end)]
            got = [(m.start(), m.end(), m.groups()) for m in prefilter.finditer(pf, text, start, end)]
            assert got == want, (name, text[:60], start, end)
            first = prefilter.search(pf, text, start, end)
            plain = pf.regex.search(text, start, end)
            assert (first and first.span()) == (plain and plain.span())


def test_case_insensitive_exotics_take_the_plain_scan() -> None:
    pf = prefilter.build(re.compile(r"(?<![\w-])(?:kill(?:ed|s)?|strike)\b", re.IGNORECASE))
    assert pf.pre is not None
    text = "Missiles \u212aILLED two; a stri\u212ae"  # Kelvin sign: IGNORECASE matches it to k
    assert [m.span() for m in prefilter.finditer(pf, text)] == [m.span() for m in pf.regex.finditer(text)]
