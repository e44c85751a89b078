"""Normalization: surface forms -> canonical ids, alliances over time, find_spans behaviour."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

import pipelines.normalize as N
from pipelines.normalize.keys import normalize_key

DATA = Path(__file__).parent / "data"


def _surface_forms() -> list[dict[str, str]]:
    with open(DATA / "surface_forms.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _resolve_table(rows: list[dict[str, str]]) -> list[str | None]:
    """Resolve every row as its own article whose only country is the row's context country."""
    ids = [f"t{i}" for i in range(len(rows))]
    ev = pl.DataFrame(
        {
            "article_id": ids,
            "actor_raw": [r["surface"] if r["kind"] == "actor" else None for r in rows],
            "location_raw": [r["surface"] if r["kind"] == "place" else None for r in rows],
            "event_date": [dt.date(2020, 1, 1)] * len(rows),
        },
        schema_overrides={"actor_raw": pl.String, "location_raw": pl.String},
    )
    ac = pl.DataFrame({"article_id": ids, "country_iso3": [r["country"] for r in rows]})
    out = N.normalize_events(ev, ac).events
    return [a if r["kind"] == "actor" else p for r, a, p in zip(rows, out["actor_id"], out["place_id"], strict=True)]


def test_surface_forms_accuracy():
    rows = _surface_forms()
    assert len(rows) >= 150
    got = _resolve_table(rows)
    wrong = [(r["kind"], r["surface"], r["country"], r["expected"], g) for r, g in zip(rows, got, strict=True)
             if g != r["expected"]]
    acc = 1 - len(wrong) / len(rows)
    assert acc >= 0.95, f"accuracy {acc:.3f}; wrong: {wrong}"


@pytest.mark.parametrize(
    "variant", ["Deir Ezzor", "Deir al-Zor", "Dayr az Zawr", "Deir ez-Zor", "Deir Azzor", "DEIR EZ-ZOR"]
)
def test_deir_ez_zor_variants(variant):
    ev = pl.DataFrame({"article_id": ["a"], "location_raw": [variant]})
    out = N.normalize_events(ev, pl.DataFrame({"article_id": ["a"], "country_iso3": ["SYR"]})).events
    assert out["geonameid"][0] == 170794
    assert out["geo_precision"][0] == 1
    assert out["admin1"][0] == "Deir ez-Zor"


def test_keys():
    assert normalize_key("Deir Ezzor") == normalize_key("Deir ez-Zor") == normalize_key("Deir al-Zor")
    assert normalize_key("Ar-Raqqah") == normalize_key("Raqqa")
    assert normalize_key("U.S.-backed militias") == normalize_key("US backed militias")
    assert normalize_key(None) == ""


def test_generic_actor_uses_event_then_article_country():
    ev = pl.DataFrame(
        {
            "article_id": ["a", "a", "b", "c"],
            "actor_raw": ["government forces", "government forces", "government forces", "government forces"],
            "location_raw": ["Idlib", "Mosul", None, None],
        }
    )
    ac = pl.DataFrame({"article_id": ["a", "a", "b", "b"], "country_iso3": ["SYR", "IRQ", "YEM", "SYR"]})
    res = N.normalize_events(ev, ac)
    assert res.events["actor_id"].to_list() == ["SYR_GOV", "IRQ_GOV", "YEM_GOV", None]
    un = res.unresolved.filter(pl.col("kind") == "actor")
    assert un.select("raw_text", "article_id", "mentions").rows() == [("government forces", "c", 1)]


def test_normalize_events_columns_and_places():
    ev = pl.DataFrame(
        {
            "article_id": ["a", "a", "a"],
            "actor_raw": ["YPG", "Russian jets", None],
            "associated_actor_raw": ["the coalition", None, None],
            "target_raw": ["Daesh", "civilians", None],
            "location_raw": ["east of the Euphrates", "near al-Bab", "Nowhereville"],
            "event_date": [dt.date(2017, 9, 1)] * 3,
            "extra": [1, 2, 3],
        }
    )
    res = N.normalize_events(ev, pl.DataFrame({"article_id": ["a"], "country_iso3": ["SYR"]}))
    e = res.events
    for c in ("actor_id", "actor_name", "associated_actor_id", "associated_actor_name", "target_id", "target_name",
              "place_id", "geonameid", "location_name", "admin1", "country_iso3", "latitude", "longitude",
              "geo_precision", "extra"):
        assert c in e.columns, c
    assert e.height == 3 and e["extra"].to_list() == [1, 2, 3]
    assert e["actor_id"][0] == "YPG" and e["actor_name"][0] == "SDF"  # counted as its parent
    assert e["associated_actor_name"][0] == "US-led coalition"
    assert e["target_name"].to_list()[:2] == ["Islamic State", "Civilians"]
    assert e["place_id"][0] == "feat:east-of-euphrates" and e["admin1"][0] == "Deir ez-Zor"
    assert e["geo_precision"].to_list()[:2] == [2, 2]
    assert e["place_id"][2] is None and e["location_name"][2] == "Nowhereville"
    assert set(res.places["place_id"]) == set(e["place_id"].drop_nulls())
    assert res.unresolved.filter(pl.col("kind") == "place")["raw_text"].to_list() == ["Nowhereville"]
    # raw.places schema
    from pipelines.warehouse import TABLES, conform

    assert conform("places", res.places).columns == list(TABLES["places"])


def test_alliances_change_on_2024_12_08():
    # valid_to is exclusive: the Assad camp holds through the day of the fall (2024-12-08); the transitional
    # government (HTS, opposition, Syrian government) starts the day after: fighting on the 8th is still
    # rebels against the old army, and no day leaves either side without an alliance
    before, fall, after = dt.date(2024, 12, 7), dt.date(2024, 12, 8), dt.date(2024, 12, 9)
    assert "Pro-government (Syria)" in N.alliances_on("SYR_GOV", before)
    assert "Pro-government (Syria)" in N.alliances_on("SYR_GOV", fall)
    assert "Syrian opposition" in N.alliances_on("HTS", fall)
    assert not set(N.alliances_on("HTS", fall)) & set(N.alliances_on("SYR_GOV", fall))
    assert N.alliances_on("SYR_GOV", before) != N.alliances_on("SYR_GOV", after)
    assert "Syrian opposition" in N.alliances_on("HTS", before)
    assert "Syrian opposition" not in N.alliances_on("HTS", after)
    assert set(N.alliances_on("HTS", after)) & set(N.alliances_on("SYR_GOV", after))
    assert not set(N.alliances_on("HTS", before)) & set(N.alliances_on("SYR_GOV", before))
    # the same through the table the warehouse gets, resolved from raw text
    actors, al = N.actor_frames()
    ev = pl.DataFrame({"article_id": ["a", "a"], "actor_raw": ["Syrian government forces", "HTS"]})
    ids = N.normalize_events(ev, pl.DataFrame({"article_id": ["a"], "country_iso3": ["SYR"]})).events["actor_id"]

    def on(aid, day):
        return set(al.filter((pl.col("actor_id") == aid) & (pl.col("valid_from") <= day)
                             & (pl.col("valid_to").is_null() | (pl.col("valid_to") > day)))["alliance"])

    assert on(ids[0], before) != on(ids[0], after)
    assert on(ids[1], before) != on(ids[1], after)


def test_actor_frames_match_warehouse():
    from pipelines.warehouse import TABLES, conform

    actors, al = N.actor_frames()
    assert conform("actors", actors).columns == list(TABLES["actors"])
    assert actors["actor_id"].is_unique().all()
    assert set(al["actor_id"]) <= set(actors["actor_id"])
    assert set(actors["parent_id"].drop_nulls()) <= set(actors["actor_id"])
    assert actors["dictionary_version"][0] == N.dictionary_version()
    names = set(actors["name"])
    for n in ("Russia", "Syrian government", "SDF", "Islamic State", "US-led coalition", "United States",
              "Iraqi government", "Popular Mobilization Forces", "Hezbollah", "Iran", "Iran-backed militias",
              "Turkey", "Syrian opposition", "HTS", "Civilians", "Unidentified armed group"):
        assert n in names


def test_article_countries():
    arts = pl.DataFrame(
        {"article_id": ["s", "u"],
         "text": ["Russian jets struck Deir Ezzor and Raqqa in Syria, the Syrian Observatory said.",
                  "Russian missiles hit Kharkiv and Odesa, Ukraine's air force said."]}
    )
    ac = N.article_countries(arts)
    top = ac.filter(pl.col("rank") == 0).sort("article_id")
    assert top["country_iso3"].to_list() == ["SYR", "UKR"]


def test_stored_countries_equal_article_countries():
    """What the coder stores per article (encode_countries) rebuilds article_countries exactly."""
    texts = {
        "s": "Russian jets struck Deir Ezzor and Raqqa in Syria, the Syrian Observatory said.",
        "u": "Russian missiles hit Kharkiv and Odesa, Ukraine's air force said.",
        "g": "The militants of Islamic State attacked a checkpoint; Russian jets and Syrian army helicopters "
             "responded near Palmyra and Homs. Hezbollah fighters joined them.",
        "none": "Nothing here names a place or an actor.",
        "empty": "",
    }
    arts = pl.DataFrame({"article_id": list(texts), "text": list(texts.values())})
    direct = N.article_countries(arts)
    stored = N.stored_countries(list(texts), [N.encode_countries(t) for t in texts.values()])
    assert direct.height >= 5
    assert stored.equals(direct)


# ----------------------------------------------------------------------------------------- find_spans


def _spans(text):
    return [(s.kind, s.text) for s in N.find_spans(text)]


def test_find_spans_examples():
    text = ("U.S.-backed militias of the Syrian Democratic Forces (SDF) clashed with ISIS east of the Euphrates "
            "near Al-Bukamal, while Russian jets struck Deir Ezzor.")
    spans = N.find_spans(text)
    assert [(s.kind, s.text) for s in spans] == [
        ("actor", "U.S.-backed militias"), ("actor", "Syrian Democratic Forces"), ("actor", "SDF"),
        ("actor", "ISIS"), ("place", "east of the Euphrates"), ("place", "Al-Bukamal"),
        ("actor", "Russian jets"), ("place", "Deir Ezzor"),
    ]
    for s in spans:
        assert text[s.start:s.end] == s.text
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert spans[-1].key == normalize_key("Deir ez-Zor")


def test_find_spans_word_boundaries_and_case():
    assert _spans("the sdfx and xSDF and ISISx") == []
    assert _spans("This is what it is.") == []  # "is" is not Islamic State
    assert _spans("IS militants attacked.") == [("actor", "IS militants")]
    assert ("actor", "the coalition") in _spans("He said the coalition struck.")
    assert _spans("they hit the town") == []  # "Hit" (Iraq) needs a capital
    assert ("place", "Hit") in _spans("Fighting near Hit in Anbar.")


def test_find_spans_longest_match_non_overlapping():
    spans = N.find_spans("The Deir Ezzor Military Council said Syrian government forces withdrew.")
    assert [(s.kind, s.text) for s in spans] == [
        ("actor", "Deir Ezzor Military Council"), ("actor", "Syrian government forces")
    ]
    ends = [(s.start, s.end) for s in spans]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


def test_find_spans_actor_or_place_by_context():
    assert _spans("Moscow denied the report.") == [("actor", "Moscow")]
    assert ("place", "Moscow") in _spans("A drone was shot down near Moscow.")
    assert ("place", "Kyiv") in _spans("Russian missiles struck Kyiv overnight.")


def test_find_spans_listed_forms():
    for form in ("Russian jets", "Russian aircraft", "Moscow", "U.S.-backed militias", "Syrian Democratic Forces",
                 "SDF", "regime forces", "Syrian army", "ISIS", "Islamic State", "Daesh", "government forces",
                 "unidentified gunmen", "civilians"):
        got = _spans(f"On Monday, {form} were reported.")
        assert ("actor", form) in got, (form, got)
    for form in ("the Euphrates", "east of the Euphrates", "the Iraqi border", "Deir ez-Zor", "Kharkiv"):
        got = _spans(f"Fighting continued near {form} on Monday.")
        assert ("place", form) in got, (form, got)


def test_find_spans_unicode_offsets():
    text = "Strikes hit Ḩamāh and Deir ez‑Zor – civilians fled."
    spans = N.find_spans(text)
    for s in spans:
        assert text[s.start:s.end] == s.text
    assert ("place", "Deir ez‑Zor") in [(s.kind, s.text) for s in spans]


def test_generic_words_follow_the_article():
    arts = pl.DataFrame(
        {"article_id": ["s"],
         "text": ["Russian jets struck Islamic State positions near Deir Ezzor. Daesh said the SDF advanced. "
                  "The militants shelled the city; the jets returned at night."]}
    )
    ev = pl.DataFrame({"article_id": ["s", "s"], "actor_raw": ["militants", "jets"], "location_raw": ["Human", "Hajin"]})
    e = N.normalize_events(ev, N.article_countries(arts)).events
    assert e["actor_id"].to_list() == ["ISIS", "RUS_MIL"]
    # a small foreign town is not a candidate in an article about other countries ("Human" = Uman, UA)
    assert e["place_id"][0] is None and e["location_name"][0] == "Human"
    assert e["country_iso3"][1] == "SYR"


# ------------------------------------------------------------------------ person names, partial names


def test_person_names_are_not_places():
    assert _spans("President Vladimir Putin said the strikes would continue.") == []
    assert _spans("Vladimir Putin met his generals.") == []
    assert ("place", "Vladimir") in _spans("A drone hit Vladimir overnight.")
    assert [k for k, _ in _spans("Governor Abdifatah Aden Hassan said the attack was repelled.")] == []
    assert ("place", "Aden") in _spans("Houthis fired at ships near Aden on Monday.")
    assert ("place", "Kharkiv") in _spans("Kharkiv Governor Oleh Syniehubov said two people died.")


def test_part_of_a_longer_name_is_not_a_small_town():
    # "Nur" (a village elsewhere) inside "Nur Shams", "Rahal" inside "Wadi Rahal"
    got = _spans("Israeli forces raided Nur Shams camp near Tulkarm.")
    assert ("place", "Nur") not in got and ("place", "Nur Shams camp") in got
    assert ("place", "Wadi Rahal") in _spans("Settlers attacked Wadi Rahal village.")
    assert _spans("Strikes hit Hajin, Susah and Shafah.") == [("place", "Hajin"), ("place", "Susah"), ("place", "Shafah")]


def test_small_foreign_town_does_not_win_over_article_countries():
    arts = pl.DataFrame({"article_id": ["w"], "text": [
        "Israeli forces raided the Nur Shams camp near Tulkarm in the occupied West Bank, the Palestinian "
        "health ministry said. Settlers later attacked Wadi Rahal south of Bethlehem."]})
    ac = N.article_countries(arts)
    assert ac["country_iso3"].to_list()[0] == "PSE"
    assert "IRN" not in ac["country_iso3"].to_list() and "POL" not in ac["country_iso3"].to_list()
    ev = pl.DataFrame({"article_id": ["w", "w"], "location_raw": ["Nur Shams", "Wadi Rahal"]})
    e = N.normalize_events(ev, ac).events
    assert e["country_iso3"].to_list() == ["PSE", "PSE"]
    assert e["admin1"].to_list() == ["West Bank", "West Bank"]


@pytest.mark.parametrize(
    ("raw", "country", "admin1"),
    [("Kidal", "MLI", "Kidal"), ("Timbuktu", "MLI", "Tombouctou"), ("Tinzaouaten", "MLI", "Kidal"),
     ("Kaya", "BFA", "Centre-Nord"), ("Djibo", "BFA", "Sahel"), ("Mogadishu", "SOM", "Banaadir"),
     ("Galgaduud", "SOM", "Galguduud"), ("Afgooye", "SOM", "Shabeellaha Hoose"), ("Hatay", "TUR", "Hatay"),
     ("Belgorod region", "RUS", "Belgorod Oblast"), ("Rostov-on-Don", "RUS", "Rostov Oblast"),
     ("Agadez", "NER", "Agadez"), ("Ahvaz", "IRN", "Khuzestan")],
)
def test_admin1_of_sahel_somalia_turkey_iran_russia(raw, country, admin1):
    ev = pl.DataFrame({"article_id": ["a"], "location_raw": [raw]})
    e = N.normalize_events(ev, pl.DataFrame({"article_id": ["a"], "country_iso3": [country]})).events
    assert (e["country_iso3"][0], e["admin1"][0]) == (country, admin1)


def test_unresolved_share():
    ev = pl.DataFrame({
        "article_id": ["a", "a", "b", "b"],
        "actor_raw": ["Russian jets", "Zorblax brigade", "Zorblax brigade", None],
        "target_raw": ["civilians", None, None, None],
        "location_raw": ["Deir Ezzor", "Nowhereville", None, "Hajin"],
    })
    res = N.normalize_events(ev, pl.DataFrame({"article_id": ["a", "b"], "country_iso3": ["SYR", "SYR"]}))
    s = N.unresolved_share(res.events)
    assert (s["actor_mentions"], s["actor_unresolved"]) == (4, 2)
    assert s["actor_unresolved_share"] == 0.5
    assert (s["place_mentions"], s["place_unresolved"]) == (3, 1)
    assert s["top_unknown"][0] == {"kind": "actor", "raw_text": "Zorblax brigade", "mentions": 2}
    # the same top list from raw.unresolved_mentions-shaped rows
    s2 = N.unresolved_share(res.events, res.unresolved, top=1)
    assert s2["top_unknown"] == [{"kind": "actor", "raw_text": "Zorblax brigade", "mentions": 2}]
    assert N.unresolved_share(pl.DataFrame({"x": [1]}))["actor_unresolved_share"] == 0.0


def test_automaton_disk_cache(tmp_path, monkeypatch):
    from pipelines.normalize import lexicon

    monkeypatch.setenv("CONFLICT_ETL_CACHE", str(tmp_path))
    path = lexicon._cache_path()
    assert N.dictionary_version() in path.name and path.parent == tmp_path
    st = lexicon._load_or_build()
    assert path.exists()
    again = lexicon._load_or_build()  # from the pickle
    assert again["automaton"].get("hajin") == st["automaton"].get("hajin")
    path.write_bytes(b"torn")
    assert "automaton" in lexicon._load_or_build()  # a torn file is rebuilt
