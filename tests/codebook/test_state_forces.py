"""The generated state forces and the dated names of the actor codebook, as the loader reads them:
every country of countries.json has a military and a police whose names come from its nationality
adjectives; universal generic names are one pattern per force, localized by country; names follow
the event date (government periods, factions, renamed groups)."""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files

import pytest

from marsad.codebook import load_codebook
from marsad.recognize.lexicon import phrase_key

CODEBOOK = load_codebook()
COUNTRIES = {
    country: names
    for country, names in json.loads(files("marsad.codebook").joinpath("countries.json").read_text("utf-8")).items()
    if not country.startswith("_")
}
SPEC = json.loads(files("marsad.codebook").joinpath("actors.json").read_text("utf-8"))


def owners(phrase: str) -> set[str]:
    return {form.actor.id for form in CODEBOOK.actors.lookup(phrase_key(phrase))}


def test_every_country_has_a_military_and_a_police() -> None:
    for force in ("military", "police"):
        missing = sorted(set(COUNTRIES) - set(CODEBOOK.forces[force]))
        assert not missing, (force, missing)


def test_listed_forces_keep_their_ids() -> None:
    assert CODEBOOK.forces["military"]["Iraq"].id == "iraq.military"
    assert CODEBOOK.forces["police"]["Turkey"].id == "turkey.police"
    assert CODEBOOK.forces["military"]["Saudi Arabia"].id == "saudi.military"
    assert CODEBOOK.forces["police"]["Saudi Arabia"].id == "saudi.police"  # the listed prefix, not saudi_arabia


def test_the_houthis_are_not_yemens_government_forces() -> None:
    assert CODEBOOK.forces["military"]["Yemen"].id == "yemen.military"


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("الجيش التونسي", "tunisia.military"),
        ("قوات الأمن التونسية", "tunisia.police"),
        ("قوات الأمن التونسي", "tunisia.police"),
        ("الشرطة المغربية", "morocco.police"),
        ("السلطات الكويتية", "kuwait.police"),
        ("وزارة الداخلية البحرينية", "bahrain.police"),
        ("المقاتلات الروسية", "russia.military"),
        ("جندي تركي", "turkey.military"),
        ("جنديين تركيين", "turkey.military"),
        ("جنود أتراك", "turkey.military"),
        ("شرطيين مصريين", "egypt.police"),
        ("القوات الأميركية", "us.military"),
        ("الشرطة الأمريكية", "us.police"),
    ],
)
def test_generated_names(phrase: str, actor: str) -> None:
    assert owners(phrase) == {actor}


def test_listed_names_win_over_generated_ones() -> None:
    """Iraq codes its security forces as the military (listed), not as the police (generated)."""
    assert owners("قوات الأمن العراقية") == {"iraq.military"}
    assert owners("الحرس الوطني السعودي") == {"saudi.military"}


def test_universal_names_are_one_pattern_per_force() -> None:
    assert owners("الجيش") == {"state_forces.military"}
    assert owners("قوات الأمن") == {"state_forces.police"}
    assert CODEBOOK.actors_by_id["state_forces.police"].is_pattern


@pytest.mark.parametrize(
    ("phrase", "country", "actor"),
    [
        ("الجيش", "Tunisia", "tunisia.military"),
        ("الجيش", "Syria", "syria.military"),
        ("الجيش", "Palestine", "israel.military"),
        ("قوات الأمن", "Morocco", "morocco.police"),
        ("قوات الأمن", "Iraq", "iraq.military"),
        ("الشرطة", "Iraq", "iraq.police"),
        ("الطيران الحربي", "Syria", "syria.air_force"),
        ("الطيران الحربي", "Yemen", "saudi.military"),
        ("جندي", "Nigeria", "nigeria.military"),
    ],
)
def test_universal_names_are_localized(phrase: str, country: str, actor: str) -> None:
    pattern = next(iter(form.actor for form in CODEBOOK.actors.lookup(phrase_key(phrase))))
    assert CODEBOOK.localize(pattern, phrase_key(phrase), country).id == actor


def test_without_a_country_the_pattern_stays_and_takes_the_events() -> None:
    pattern = CODEBOOK.actors_by_id["state_forces.police"]
    assert CODEBOOK.localize(pattern, phrase_key("الشرطة"), None) is pattern
    assert CODEBOOK.actor_name(pattern, dt.date(2016, 1, 1), "Egypt") == "Police Forces of Egypt (2014-)"
    assert CODEBOOK.actor_name(pattern, dt.date(2016, 1, 1), "Lebanon") == "Police Forces of Lebanon"


@pytest.mark.parametrize(
    ("actor", "day", "country", "name"),
    [
        ("us.police", "2016-01-01", None, "Police Forces of the United States (2009-2017)"),
        ("united_arab_emirates.military", "2016-01-01", None, "Military Forces of the United Arab Emirates"),
        ("state_forces.military", "2020-01-01", "United Kingdom", "Military Forces of the United Kingdom (2019-2022)"),
        ("yemen.police", "2015-07-25", None, "Police Forces of Yemen (2012-2022)"),
        ("yemen.houthis", "2015-07-25", None, "Military Forces of Yemen (2015-2017) Houthi-Saleh"),
        ("yemen.houthis", "2017-12-04", None, "Military Forces of Yemen (2017-) Houthi"),
        ("yemen.houthis", "2014-09-21", None, "Houthi Movement - Ansar Allah"),
        ("syria.hts", "2015-07-25", None, "Jabhat al Nusra"),
        ("egypt.abm", "2014-01-01", None, "Ansar Bayt al Maqdis"),
        ("egypt.abm", "2015-07-25", None, "Islamic State (Egypt)"),
        ("kuwait.police", "2021-05-01", None, "Police Forces of Kuwait (2020-2023)"),
    ],
)
def test_names_on_their_dates(actor: str, day: str, country: str | None, name: str) -> None:
    assert CODEBOOK.actor_name(CODEBOOK.actors_by_id[actor], dt.date.fromisoformat(day), country) == name


def test_generated_names_never_take_a_city_for_an_adjective() -> None:
    """Only nisbas listed with their feminine are adjectives: الرمادي and السليمانية stay places."""
    assert not owners("الجيش الرمادي")
    assert not owners("القوات السليمانية")


def test_state_force_templates_are_well_formed() -> None:
    spec = SPEC["state_forces"]
    assert {force["force"] for force in spec["forces"]} == {"military", "police"}
    for force in spec["forces"]:
        assert "{country}" in force["name"]
        universal = [phrase_key(alias) for alias in force["generic_aliases"]]
        assert len(universal) == len(set(universal)), force["force"]
    military, police = ({phrase_key(a) for a in force["generic_aliases"]} for force in spec["forces"])
    assert not military & police, "a universal name belongs to one force"
    for country in (*spec["broken_plurals"], *spec["demonyms"], *spec["force_of"]["military"]):
        assert country in COUNTRIES, country


def test_country_names_are_the_countries_themselves() -> None:
    assert phrase_key("تركيا") in CODEBOOK.country_names
    assert phrase_key("الولايات المتحدة") in CODEBOOK.country_names
    assert phrase_key("أنقرة") not in CODEBOOK.country_names  # a city of Turkey, not Turkey
    assert CODEBOOK.demonyms["امريكيه"] == "United States"
    assert CODEBOOK.demonyms["تونسيين"] == "Tunisia"
