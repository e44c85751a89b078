"""Tests of the rule-based event coder (pipelines/coding)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.coding import ArticleIn, RuleCoder, default_coder
from pipelines.coding.casualties import find_casualties, parse_number
from pipelines.coding.dates import dateline_date, find_dates, pick_date
from pipelines.coding.modality import classify
from pipelines.coding.roles import assign_roles
from pipelines.coding.sentences import split_sentences
from pipelines.coding.spans import find_mentions
from pipelines.coding.triggers import find_triggers, load_lexicon, sub_event_types
from pipelines.coding.types import EVENT_TYPES

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_e5d8e12413992f3f.txt"
PUB = date(2017, 9, 16)  # a Saturday


class FakeSpan(NamedTuple):
    kind: str
    start: int
    end: int
    text: str
    key: str


_FAKE_ACTORS = [
    "Islamic State",
    "SDF",
    "Russian jets",
    "Syrian army",
    "Houthis",
    "rebels",
    "civilians",
    "RSF",
    "Israeli jets",
    "Hamas",
]
_FAKE_PLACES = [
    "Raqqa",
    "Mayadin",
    "Hajin",
    "Deir ez-Zor",
    "Idlib",
    "Hodeidah",
    "El Fasher",
    "Kharkiv",
    "Syria",
    "Gaza City",
]


def fake_find_spans(text: str) -> list[FakeSpan]:
    """A tiny stand-in for pipelines.normalize.lexicon.find_spans."""
    import re

    out = []
    for kind, names in (("actor", _FAKE_ACTORS), ("place", _FAKE_PLACES)):
        for n in names:
            for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text):
                out.append(FakeSpan(kind, m.start(), m.end(), m.group(0), n.lower()))
    out.sort(key=lambda s: (s.start, -(s.end - s.start)))
    res, last = [], -1
    for s in out:
        if s.start >= last:
            res.append(s)
            last = s.end
    return res


def code(text: str, published: date | None = PUB, finder=fake_find_spans):
    return RuleCoder(span_finder=finder).code(ArticleIn("t", text, published))


# --- sentences ------------------------------------------------------------------------------------------------


def test_sentences_abbreviations_and_offsets():
    text = 'Gen. Smith met U.S. officials on Sept. 16 in Washington. The U.S. said "no." It was bad!\nNew para? Yes.'
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Gen. Smith met U.S. officials on Sept. 16 in Washington.",
        'The U.S. said "no."',
        "It was bad!",
        "New para?",
        "Yes.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in sents] == [0, 0, 0, 1, 1]


def test_sentences_sentence_final_abbreviation():
    sents = split_sentences("He flew to the U.S. The army said it won.")
    assert [s.text for s in sents] == ["He flew to the U.S.", "The army said it won."]


# --- triggers ---------------------------------------------------------------------------------------------


def test_triggers_longest_match_and_types():
    hits = find_triggers(
        "A suicide car bomb exploded after air strikes and heavy fighting; shelling continued."
    )
    got = [(h.text, h.event_type, h.strength) for h in hits]
    assert ("suicide car bomb", "explosion", "strong") in got
    assert ("air strikes", "air_strike", "strong") in got
    assert ("heavy fighting", "armed_clash", "strong") in got
    assert ("shelling", "shelling", "strong") in got
    assert not find_triggers("The explosive growth of bombastic rhetoric")  # word-bounded


def test_event_types_csv_maps_every_trigger_group():
    subs = sub_event_types()
    assert set(subs.values()) <= set(EVENT_TYPES)
    for _phrase_group in load_lexicon().groups:
        group, et, sub, _ = _phrase_group
        assert et in EVENT_TYPES
        assert sub in subs, sub


# --- dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected", "precision"),
    [
        ("on Saturday", date(2017, 9, 16), 1),
        ("on Thursday", date(2017, 9, 14), 1),
        ("yesterday", date(2017, 9, 15), 1),
        ("overnight", date(2017, 9, 16), 1),
        ("before dawn", date(2017, 9, 16), 1),
        ("last week", date(2017, 9, 9), 2),
        ("on Sept. 12", date(2017, 9, 12), 1),
        ("on 3 January", date(2017, 1, 3), 1),
        ("on Dec. 30", date(2016, 12, 30), 1),
        ("September 14, 2017", date(2017, 9, 14), 1),
    ],
)
def test_dates(phrase, expected, precision):
    refs = find_dates(f"Jets struck the town {phrase}.", PUB)
    ref = pick_date(refs, 0) or refs[0]
    assert ref.date == expected
    assert ref.precision == precision


def test_dates_background_and_dateline():
    assert all(r.background for r in find_dates("a siege that had lasted three years", PUB))
    assert all(r.background for r in find_dates("as it did in 2015", PUB))
    assert dateline_date("BEIRUT, Sept 16, 2017 (Reuters) - Jets struck.", None) == date(2017, 9, 16)
    assert dateline_date("BEIRUT, Sept 16 (Reuters) - Jets struck.", None) is None
    assert dateline_date("BEIRUT, Sept 14 (Reuters) - Jets struck.", PUB) == date(2017, 9, 14)


# --- casualties ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("The strikes wounded six of its fighters.", None, 6),
        ("At least 20 people were killed and dozens wounded.", 20, 12),
        ("The blast killed 12 civilians and wounded 30 others.", 12, 30),
        ("Shelling killed between 20 and 30 fighters.", 20, None),
        ("A car bomb killed four soldiers and injured several others.", 4, 3),
        ("The death toll rose to 45.", 45, None),
        ("Three to five rebels died.", 3, None),
        ("The siege had lasted three years.", None, None),
    ],
)
def test_casualties(sentence, killed, injured):
    cas = find_casualties(sentence)
    k = [c.count for c in cas if c.kind == "killed"]
    i = [c.count for c in cas if c.kind == "injured"]
    assert (k[0] if k else None) == killed
    assert (i[0] if i else None) == injured


def test_parse_number():
    assert parse_number("twenty-one") == 21
    assert parse_number("dozens") == 12
    assert parse_number("1,200") == 1200


# --- modality ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "reason"),
    [
        ("An aide said the government would attack any force that enters.", "attack", "conditional"),
        ("Rebels vowed to attack the city.", "attack", "threat"),
        ("The army plans to launch an offensive on Hajin.", "offensive", "plan"),
        ("The ministry denied bombing the hospital.", "bombing", "negated"),
        ("If the army attacks, we will respond.", "attacks", "conditional"),
        ("Will the army attack Idlib?", "attack", "question"),
        ("Jets had bombed Raqqa for years.", "bombed", "background"),
        ("The advance was assisted by coalition airstrikes.", "airstrikes", "support"),
        ("Russian jets struck the town on Saturday, killing six.", "struck", None),
    ],
)
def test_modality(sentence, trigger, reason):
    i = sentence.index(trigger)
    assert classify(sentence, i, i + len(trigger)).reason == reason


def test_hedges():
    s = "Warplanes believed to be Russian reportedly struck the market."
    i = s.index("struck")
    mod = classify(s, i, i + 6)
    assert mod.reason is None and mod.hedged


# --- roles --------------------------------------------------------------------------------------------------


def _roles(sentence: str, trigger: str):
    ms = find_mentions(sentence, fake_find_spans)
    i = sentence.index(trigger)
    return assign_roles(sentence, 0, len(sentence), i, i + len(trigger), ms)


def test_roles_active_and_passive():
    r = _roles("Russian jets struck Islamic State positions near Mayadin.", "struck")
    assert (r.actor.text, r.target.text) == ("Russian jets", "Islamic State")
    r = _roles("The SDF came under attack from Russian jets and Syrian army units.", "attack")
    assert r.actor.text == "Russian jets" and r.associated.text.startswith("Syrian army")
    assert r.target.text == "SDF" and r.passive
    r = _roles("SDF fighters were hit by Russian jets.", "hit")
    assert r.actor.text == "Russian jets" and r.target.text.startswith("SDF")


def test_roles_nominal_and_or_hedge():
    r = _roles("Strikes by Russian jets on Islamic State killed ten.", "Strikes")
    assert (r.actor.text, r.target.text) == ("Russian jets", "Islamic State")
    r = _roles("Russian jets or Syrian army helicopters bombed Hajin.", "bombed")
    assert r.actor.text == "Russian jets" and r.hedged


# --- the coder ------------------------------------------------------------------------------------------------


def test_coder_basic_event():
    res = code(
        "BEIRUT (Reuters) - Russian jets struck Islamic State positions in Mayadin on Thursday, "
        "killing at least 12 fighters and wounding dozens, a monitor said."
    )
    assert len(res.events) == 1
    e = res.events[0]
    assert e.event_type == "air_strike" and e.sub_event_type == "Air/drone strike"
    assert (e.actor_raw, e.target_raw, e.location_raw) == ("Russian jets", "Islamic State", "Mayadin")
    assert e.event_date == date(2017, 9, 14) and e.date_precision == 1
    assert (e.fatalities, e.injured) == (12, 12)
    assert 0 <= e.confidence <= 1


def test_coder_three_towns_three_events():
    res = code("Russian jets bombed Mayadin, Hajin and Raqqa on Friday.")
    assert sorted(e.location_raw for e in res.events) == ["Hajin", "Mayadin", "Raqqa"]
    assert {e.event_date for e in res.events} == {date(2017, 9, 15)}


def test_coder_merges_repeated_mention_and_carries_place():
    text = (
        "Russian jets struck SDF positions in Raqqa on Friday.\n"
        "The strikes wounded six SDF fighters, the group said.\n"
        "Separately, Houthis clashed with rebels in Hodeidah."
    )
    res = code(text)
    kinds = sorted(e.event_type for e in res.events)
    assert kinds == ["air_strike", "armed_clash"]
    strike = next(e for e in res.events if e.event_type == "air_strike")
    assert strike.injured == 6 and strike.location_raw == "Raqqa" and strike.sentence_index == 0


def test_coder_rejections_have_reasons():
    text = (
        "The army threatened to attack Idlib.\nThe rebels said they would fight any force.\n"
        "Russia denied bombing the hospital in Idlib.\nIn 2015, jets bombed Raqqa."
    )
    res = code(text)
    assert res.events == []
    assert {r.reason for r in res.rejected} >= {"threat", "negated", "background"}


def test_coder_attack_on_civilians_and_explosion():
    res = code(
        "Islamic State gunmen executed 15 civilians in Hajin on Monday.\n"
        "A car bomb exploded in Raqqa on Sunday, killing three civilians."
    )
    types = sorted(e.event_type for e in res.events)
    assert types == ["attack_on_civilians", "explosion"]
    civ = next(e for e in res.events if e.event_type == "attack_on_civilians")
    assert civ.fatalities == 15 and civ.actor_raw.startswith("Islamic State")


def test_coder_without_lexicon_still_works():
    res = RuleCoder(span_finder=None).code(
        ArticleIn("t", "Russian jets struck rebels in the town of Kafr Nabl.", PUB)
    )
    assert len(res.events) == 1 and res.events[0].location_raw == "Kafr Nabl"


def test_default_coder_protocol():
    c = default_coder()
    assert c.version.startswith("rules-")
    assert c.code(ArticleIn("x", "", None)).events == []


# --- the seed article ------------------------------------------------------------------------------------


@pytest.mark.shared
def test_seed_article():
    if not SEED.exists():
        pytest.skip(f"shared seed article absent: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    res = RuleCoder().code(ArticleIn("seed", text, PUB))
    strikes = [e for e in res.events if e.event_type == "air_strike"]
    assert len(strikes) == 1
    s = strikes[0]
    assert "Russia" in (s.actor_raw or "")
    assert s.target_raw and ("SDF" in s.target_raw or "U.S.-backed" in s.target_raw)
    assert "Deir" in (s.location_raw or "")
    assert s.event_date == PUB and s.injured == 6
    clashes = [e for e in res.events if e.event_type == "armed_clash"]
    assert any(e.actor_raw == "SDF" and "Islamic State" in (e.target_raw or "") for e in clashes)
    assert any("Iraqi" in (e.actor_raw or "") for e in clashes)
    assert any("Damascus" in (e.actor_raw or "") for e in clashes)
    for e in res.events:  # threats, background and the demarcation line make no event
        assert "would fight" not in e.evidence and "demarcation" not in e.evidence
        assert "siege that had lasted" not in e.evidence
        assert text[e.char_start : e.char_end] == e.evidence
    assert res.rejected


# --- properties -------------------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "Russian jets",
        "struck",
        "killed",
        "six",
        "civilians",
        "in",
        "Raqqa",
        "on",
        "Saturday",
        ".",
        ",",
        "\n",
        "U.S.",
        "Sept.",
        "16",
        "the",
        "SDF",
        "said",
        "clashes",
        "would",
        "attack",
        '"',
        "“",
        "”",
        "?",
        "dozens",
        "wounded",
        "car bomb",
        "Mayadin",
        "and",
        "or",
        "by",
        "from",
        "our units",
        "its fighters",
        "é",
        "-",
    ]
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), pub=st.one_of(st.none(), st.dates()))
def test_property_any_text_no_exception(text, pub):
    res = RuleCoder(span_finder=fake_find_spans).code(ArticleIn("p", text, pub))
    for e in res.events:
        assert text[e.char_start : e.char_end] == e.evidence
        assert 0 <= e.confidence <= 1 and e.event_type in EVENT_TYPES


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(_WORDS, max_size=60), pub=st.one_of(st.none(), st.dates()))
def test_property_newsy_text_offsets(words, pub):
    text = " ".join(words)
    res = RuleCoder(span_finder=fake_find_spans).code(ArticleIn("p", text, pub))
    for e in res.events:
        assert text[e.char_start : e.char_end] == e.evidence
        assert 0 <= e.confidence <= 1
    for r in res.rejected:
        assert text[r.char_start : r.char_end] == r.evidence


# --- v0.2: generality rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "background"),
    [
        ("In June of this year", True),
        ("in early 2014", True),
        ("from 2015 until", True),
        ("in mid-September", False),
    ],
)
def test_dates_month_and_year_background(phrase, background):
    refs = find_dates(f"{phrase} jets struck the town.", PUB)
    assert refs and refs[0].background is background


def test_dates_overnight_weekday_and_same_day():
    ref = find_dates("Jets struck overnight on Thursday.", PUB)[0]
    assert ref.date == date(2017, 9, 14)
    same = find_dates("On the same day, rockets hit the town.", PUB)[0]
    assert same.relative == "same" and same.date is None
    assert not find_dates("They may attack the town.", PUB)


def test_casualties_subcounts_and_weapons_are_not_added():
    from pipelines.coding.casualties import totals

    assert totals(find_casualties("Shelling killed 14 people, including two children, on Saturday."))[0] == 14
    assert totals(find_casualties("The barrage of more than 40 missiles killed 10 people."))[0] == 10


@pytest.mark.parametrize(
    ("sentence", "trigger", "reason"),
    [
        ("Army columns that had crossed the desert reached the base after several days of heavy fighting.",
         "heavy fighting", "background"),
        ("The group has repeatedly attacked the beach.", "attacked", "background"),
        ("The militants are likely to switch to guerrilla attacks.", "attacks", "conditional"),
        ("The militia said it was suspending attacks on U.S. forces.", "attacks", "negated"),
    ],
)
def test_modality_v2(sentence, trigger, reason):
    i = sentence.index(trigger)
    assert classify(sentence, i, i + len(trigger)).reason == reason


def test_coder_district_is_coded_at_its_city():
    text = (
        "Fighting raged in Raqqa on Tuesday.\n"
        "SDF fighters clashed with Islamic State in the Al-Badu district on Tuesday, the alliance said."
    )
    res = RuleCoder(span_finder=fake_find_spans).code(ArticleIn("d", text, PUB))
    assert res.events and all(e.location_raw == "Raqqa" for e in res.events)


def test_coder_remote_attacker_carried_and_repelled_swapped():
    text = (
        "Russian jets struck Raqqa on Saturday, killing six civilians.\n"
        "In Mayadin, an air strike hit a market, killing three people."
    )
    res = RuleCoder(span_finder=fake_find_spans).code(ArticleIn("r", text, PUB))
    by_place = {e.location_raw: e for e in res.events}
    assert by_place["Mayadin"].actor_raw and "Russian" in by_place["Mayadin"].actor_raw
    assert by_place["Mayadin"].fatalities == 3 and by_place["Raqqa"].fatalities == 6
    text2 = "The SDF repelled an Islamic State attack on Raqqa on Saturday."
    ev = RuleCoder(span_finder=fake_find_spans).code(ArticleIn("s", text2, PUB)).events
    assert ev and ev[0].actor_raw == "Islamic State" and ev[0].target_raw == "SDF"
