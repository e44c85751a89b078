"""Tests of the rules added in rules-0.3.0 (casualty conventions, claims and blame, interceptions,
abductions, report exclusions, recaps, confidence model). Every sentence here is written for the test."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

import numpy as np

from pipelines.coding import ArticleIn, RuleCoder
from pipelines.coding.calibrate import fit, predict
from pipelines.coding.casualties import find_casualties, totals
from pipelines.coding.modality import classify
from pipelines.coding.rules import confidence
from pipelines.coding.sentences import split_sentences
from pipelines.coding.triggers import find_triggers, sub_event_types

PUB = date(2025, 3, 14)  # a Friday


class Span(NamedTuple):
    kind: str
    start: int
    end: int
    text: str
    key: str


ACTORS = [
    "Ansar al-Sunna",
    "Kataib Hezbollah",
    "Fano militia",
    "Russian forces",
    "Russian missiles",
    "Ukrainian troops",
    "Iskander missiles",
    "the army",
    "army",
    "Wagner fighters",
    "gunmen",
    "a minibus",
    "Interior Ministry",
    "police",
    "fighters",
    "villagers",
    "Sudanese Armed Forces",
]
PLACES = [
    "Sumy",
    "Poltava",
    "Chernihiv",
    "Bryansk region",
    "Oryol region",
    "Mukalla",
    "Kassala",
    "Nyala",
    "Kismayo",
    "Jowhar",
    "Menaka",
    "Dori",
    "Gedaref",
    "Red Sea",
]


def finder(text: str) -> list[Span]:
    out = []
    for kind, names in (("actor", ACTORS), ("place", PLACES)):
        for n in names:
            for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text):
                out.append(Span(kind, m.start(), m.end(), m.group(0), n.lower()))
    out.sort(key=lambda s: (s.start, -(s.end - s.start)))
    res, last = [], -1
    for s in out:
        if s.start >= last:
            res.append(s)
            last = s.end
    return res


def code(text: str, published: date = PUB):
    return RuleCoder(span_finder=finder).code(ArticleIn("t", text, published))


# --- casualties ----------------------------------------------------------------------------------------------


def test_explicit_zero_casualties():
    assert totals(find_casualties("Two shops were gutted; nobody was hurt.")) == (0, 0)
    assert totals(find_casualties("No injuries were reported among the crew.")) == (0, 0)
    # "no deaths" says nothing of the wounded
    assert totals(find_casualties("Seven residents were wounded and no deaths were reported.")) == (0, 7)
    # not an explicit zero
    assert totals(find_casualties("The governor spoke without giving casualty figures.")) == (None, None)


def test_superlative_is_not_a_casualty_verb():
    assert find_casualties("It was one of the deadliest raids on the port this year.") == []


def test_martyring_shot_dead_and_appositive_subcount():
    assert totals(find_casualties("the militia pounded the camp, martyring 9 people and injuring 14.")) == (
        9,
        14,
    )
    assert totals(find_casualties("Masked men shot dead at least 11 farmers at the well.")) == (11, None)
    assert totals(
        find_casualties("At least 23 travellers, seven of them women, were killed in the ambush.")
    ) == (23, None)


def test_toll_revision_is_flagged():
    cas = find_casualties("By nightfall the toll had risen to 31 dead and 64 injured.")
    assert totals(cas) == (31, 64) and all(c.revised for c in cas)
    cas = find_casualties(
        "The number of people killed when the drone hit the depot in Mukalla rose to 17 on Monday."
    )
    assert totals(cas) == (17, None)


def test_casualty_sentence_revision_replaces_and_other_source_keeps_lowest():
    text = (
        "Russian missiles struck a shopping centre in Poltava on Thursday, killing nine people.\n"
        "By the evening regional officials said the toll had risen to 14, with 40 people wounded."
    )
    (e,) = code(text).events
    assert (e.fatalities, e.injured) == (14, 40)
    text = (
        "Russian missiles struck a shopping centre in Poltava on Thursday, killing nine people.\n"
        "Local volunteers put the number of dead at 25."
    )
    (e,) = code(text).events
    assert e.fatalities == 9
    text = (
        "Russian missiles struck a shopping centre in Poltava on Thursday, killing nine people.\n"
        "No other casualties were reported."
    )
    (e,) = code(text).events
    assert e.fatalities == 9  # a zero never overrides a figure


def test_national_totals_are_not_allocated():
    text = (
        "Russian missiles hit Chernihiv on Thursday, killing four people.\n"
        "Across the country at least 29 people were killed on Thursday, officials said."
    )
    (e,) = code(text).events
    assert e.fatalities == 4
    assert any(r.reason == "aggregate" for r in code(text).rejected)


def test_victims_are_not_the_actor():
    res = code("Officials said 19 Wagner fighters were killed in strikes on Menaka on Wednesday.")
    assert all(e.actor_raw != "Wagner fighters" for e in res.events)
    res = code("A minibus struck a landmine near Dori on Tuesday, killing six passengers.")
    (e,) = res.events
    assert e.event_type == "explosion" and e.actor_raw == "unidentified armed group"


# --- modality -----------------------------------------------------------------------------------------------


def test_relative_clause_past_perfect_is_not_background():
    s = "Gunmen killed at least 40 people, many of them villagers who had been told to return, near Dori on Sunday."
    i = s.index("killed")
    assert classify(s, i, i + 6).reason is None


def test_recap_of_an_earlier_attack_is_background():
    s = "The shelling came two days after the Fano militia attacked an army convoy near Gedaref."
    for w in ("shelling", "attacked"):
        i = s.index(w)
        assert classify(s, i, i + len(w)).reason == "background"


def test_report_exclusions_are_rejected():
    res = code("Not included: militia reports of army shelling in Kassala that gave no date.")
    assert res.events == [] and any(r.reason == "unverified" for r in res.rejected)
    res = code("Unverified: reports of a drone strike on a market in Nyala on 12 March are being checked.")
    assert res.events == []


# --- types and roles ----------------------------------------------------------------------------------------


def test_abduction_is_violence_against_civilians():
    assert sub_event_types()["Abduction/forced disappearance"] == "attack_on_civilians"
    hits = find_triggers("Gunmen kidnapped a teacher; three herders were taken hostage.")
    assert {h.event_type for h in hits if h.group == "abduction"} == {"attack_on_civilians"}
    (e,) = code("Ansar al-Sunna fighters abducted seven villagers near Jowhar on Monday.").events
    assert e.event_type == "attack_on_civilians" and e.actor_raw.startswith("Ansar al-Sunna")


def test_sentence_initial_adverbial_is_not_an_aside():
    (e,) = code("Meanwhile, the army shelled a market in Gedaref on Monday, killing five people.").events
    assert e.actor_raw == "the army" and e.location_raw == "Gedaref"


def test_reported_clashes_between_two_sides():
    (e,) = code(
        "21:10 - Clashes are reported between Wagner fighters and the Fano militia around Kassala."
    ).events
    assert e.event_type == "armed_clash"
    assert (e.actor_raw, e.target_raw) == ("Wagner fighters", "Fano militia")


def test_witnesses_named_after_the_clause_do_not_make_victims():
    (e,) = code(
        "Kataib Hezbollah attacked an army base near Nyala on Sunday, police and villagers said."
    ).events
    assert e.event_type == "armed_clash"


def test_claim_names_the_attacker():
    text = (
        "Gunmen stormed a hotel in Kismayo on Wednesday, killing 12 guests.\n"
        "Ansar al-Sunna claimed responsibility in a statement."
    )
    (e,) = code(text).events
    assert e.actor_raw == "Ansar al-Sunna" and not e.hedged


def test_blame_names_the_attacker_hedged():
    text = (
        "A missile struck a school in Sumy on Thursday, killing three teachers.\n"
        "The Interior Ministry blamed Russian forces."
    )
    (e,) = code(text).events
    assert e.actor_raw == "Russian forces" and e.hedged


def test_weapon_system_is_not_the_attacker():
    text = (
        "Russian missiles struck Poltava on Thursday, killing two people.\n"
        "Later, Iskander missiles hit a depot in Sumy, wounding five workers."
    )
    res = code(text)
    sumy = next(e for e in res.events if e.location_raw == "Sumy")
    assert sumy.actor_raw == "Russian missiles"


# --- interceptions ------------------------------------------------------------------------------------------


def test_interceptions_are_the_launchers_strikes_where_downed():
    res = code(
        "On Thursday, air defence units shot down 14 Ukrainian drones over the Bryansk region "
        "and six over the Oryol region."
    )
    assert sorted(e.location_raw for e in res.events) == ["Bryansk region", "Oryol region"]
    assert {e.event_type for e in res.events} == {"air_strike"}
    assert all(e.actor_raw.startswith("Ukrainian") for e in res.events)


def test_interception_with_launcher_and_zero_casualties():
    text = (
        "A frigate shot down two anti-ship missiles launched by Kataib Hezbollah in the Red Sea on Wednesday. "
        "No injuries were reported."
    )
    (e,) = code(text).events
    assert e.event_type == "shelling" and e.actor_raw == "Kataib Hezbollah"
    assert (e.fatalities, e.injured) == (0, 0)


def test_interception_without_a_place_is_no_event():
    res = code("The air force said it had destroyed 31 of 40 drones overnight.")
    assert res.events == []


# --- sentences ----------------------------------------------------------------------------------------------


def test_clock_time_ends_a_sentence():
    sents = split_sentences(
        "Sirens sounded at 4:10 a.m. Drones then hit Sumy. Talks began at 9 a.m. local time."
    )
    assert len(sents) == 3


# --- confidence ---------------------------------------------------------------------------------------------


def test_confidence_model_is_a_probability_and_rewards_evidence():
    weak = {"strong_trigger": True}
    strong = dict(weak, actor_named=True, target_named=True, place_town_here=True, date_explicit=True)
    lo, hi = confidence(weak), confidence(strong)
    assert 0.0 < lo < hi < 1.0


def test_calibration_fit_recovers_a_signal():
    rng = np.random.default_rng(7)
    x = rng.integers(0, 2, size=(400, 2)).astype(float)
    p = 1 / (1 + np.exp(-(-1.0 + 2.5 * x[:, 0] - 0.0 * x[:, 1])))
    y = (rng.random(400) < p).astype(float)
    w = fit(x, y, lam=0.1)
    assert w[1] > 1.5 and abs(w[2]) < 0.8
    assert predict(w, np.array([[1.0, 0.0]]))[0] > predict(w, np.array([[0.0, 0.0]]))[0]


def test_claimant_is_the_subject_not_a_modifier_or_apposition():
    text = (
        "Gunmen attacked a police post in Jowhar on Tuesday, killing four officers.\n"
        "Ansar al-Sunna, a Kataib Hezbollah-linked faction, claimed the attack, saying it had targeted the army."
    )
    res = code(text)
    assert [e.actor_raw for e in res.events] == ["Ansar al-Sunna"]


def test_strikes_without_attacker_take_the_articles_launcher():
    text = (
        "06:10 - Poltava: a missile hit an apartment block, killing two people.\n\n"
        "08:15 - Sumy: Russian missiles struck a bridge, wounding five people."
    )
    res = code(text)
    poltava = next(e for e in res.events if e.location_raw == "Poltava")
    assert poltava.actor_raw == "Russian missiles" and poltava.hedged


def test_same_head_noun_is_the_same_side():
    from pipelines.coding.rules import _same_party
    from pipelines.coding.spans import Mention

    a = Mention("actor", 0, 7, "militia", None, "np")
    b = Mention("actor", 10, 27, "Fano militia", None, "np")
    assert _same_party(a, b)


def test_road_between_two_towns_is_one_place_and_possessive_is_not_a_second_town():
    res = code(
        "A minibus hit a landmine on the road between Dori and Menaka on Monday, killing three passengers."
    )
    assert [e.location_raw for e in res.events] == ["Dori"]
    res = code("Russian missiles struck Sumy, Poltava's neighbour, on Monday, wounding four people.")
    assert [e.location_raw for e in res.events] == ["Sumy"]


def test_interception_at_the_launch_site_is_no_event():
    res = code("The military said nine rockets crossed from Gedaref and most were intercepted.")
    assert all(e.location_raw != "Gedaref" for e in res.events if e.trigger == "intercepted")


def test_one_battle_reported_from_both_sides_is_one_event():
    text = (
        "Sudanese Armed Forces and the Fano militia fought heavy battles in Gedaref on Sunday.\n"
        "The SAF said it had repelled the Fano militia in Gedaref."
    )
    res = code(text)
    assert len([e for e in res.events if e.event_type == "armed_clash"]) == 1


def test_campaign_duration_is_background():
    s = "The rebels took the town after a seven-month siege."
    i = s.index("siege")
    assert classify(s, i, i + 5).reason == "background"


def test_coordinated_figures_add_up():
    assert totals(find_casualties("a roadside bomb hit a patrol, killing 5 soldiers and 3 herders.")) == (
        8,
        None,
    )
    assert totals(find_casualties("Seven rebels and four gendarmes were killed near the ford.")) == (11, None)
    assert totals(find_casualties("killing 6 people and 2 children were hurt")) == (6, 2)
    assert totals(find_casualties("killing four, a police source said.")) == (4, None)
    assert totals(find_casualties("Gunmen shot dead a family of seven at a roadblock.")) == (7, None)


def test_period_totals_after_the_verb_are_background():
    s = "Activists said the militia had killed more than 60 villagers in the district over four months."
    i = s.index("killed")
    assert classify(s, i, i + 6).reason == "background"
