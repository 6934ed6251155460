"""The actor codebook is data: check that it is well formed, unambiguous and says what ACLED would say.

Covers ``codebook/actors.json`` (actors, fallback patterns and the state-force templates) and
``codebook/governments.json`` (the head-of-government periods ACLED appends to state forces, e.g.
"Military Forces of Iraq (2022-)", with the faction of a country that has rival governments:
"Military Forces of Yemen (2015-2017) Houthi-Saleh").
Standard library and pytest only.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from importlib.resources import files
from typing import Any

import pytest

CODEBOOK = files("marsad").joinpath("codebook")

INTER_OF_KIND = {
    "state": 1,
    "rebel": 2,
    "militia": 3,
    "identity": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external": 8,
}
KINDS = {*INTER_OF_KIND, "source"}
ROLES = {"actor", "source"}
REQUIRED_ACTOR_KEYS = {
    "id",
    "name",
    "state_of",
    "inter",
    "country",
    "role",
    "kind",
    "parent",
    "aliases",
    "generic_aliases",
}
OPTIONAL_ACTOR_KEYS = {
    "inter_abroad",
    "branch",
    "unit",
    "valid_from",
    "valid_to",
    "generic_countries",
    "government",
    "names",
    "note",
}
REQUIRED_PATTERN_KEYS = {"id", "name", "inter", "kind", "role", "aliases"}
OPTIONAL_PATTERN_KEYS = {"associated", "note"}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
PATTERN_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
LABEL_RE = re.compile(r"^(\d{4})(?:-(\d{4})?)?$")

# Normalized aliases that may knowingly name more than one actor, with the actor ids allowed to share
# them. Empty today: every name points to exactly one actor (country-dependent names are generic).
ALLOWED_SHARED: dict[str, frozenset[str]] = {}


# ------------------------------------------------------------------------------------------ loading
def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"duplicate JSON keys: {duplicates}")
    return dict(pairs)


def _load(name: str) -> Any:
    return json.loads(CODEBOOK.joinpath(name).read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys)


ACTORS_DOC = _load("actors.json")
GOVERNMENTS = _load("governments.json")
ACTORS: list[dict[str, Any]] = ACTORS_DOC["actors"]
PATTERNS: list[dict[str, Any]] = ACTORS_DOC["patterns"]
BY_ID = {actor["id"]: actor for actor in ACTORS}


# ------------------------------------------------------------------------------------ normalization
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي"})
_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel


def norm(alias: str) -> str:
    """The comparison key: folded letters, no marks, and the article stripped from every word."""
    words = _MARKS.sub("", alias.translate(_FOLD)).split()
    return " ".join(word[2:] if word.startswith("ال") and len(word) > 3 else word for word in words)


def _generic_countries(actor: dict[str, Any]) -> list[str]:
    return actor.get("generic_countries") or ([actor["country"]] if actor["country"] else [])


def _specific_index() -> dict[str, set[str]]:
    """normalized alias -> ids of the actors and patterns listing it as a specific name."""
    index: dict[str, set[str]] = defaultdict(set)
    for actor in ACTORS:
        for alias in actor["aliases"]:
            index[norm(alias)].add(actor["id"])
    for pattern in PATTERNS:
        for alias in pattern["aliases"]:
            index[norm(alias)].add("pattern:" + pattern["id"])
    return index


def actor_for(alias: str) -> dict[str, Any]:
    owners = _specific_index()[norm(alias)]
    assert len(owners) == 1, f"{alias!r} is listed by {sorted(owners) or 'nobody'}"
    return BY_ID[next(iter(owners))]


def generic_owner(alias: str, country: str) -> str | None:
    owners = [
        a["id"]
        for a in ACTORS
        if country in _generic_countries(a) and norm(alias) in {norm(g) for g in a["generic_aliases"]}
    ]
    assert len(owners) <= 1, owners
    return owners[0] if owners else None


def period_for(country: str, day: date) -> dict[str, Any]:
    for period in GOVERNMENTS[country]:
        start = date.fromisoformat(period["from"])
        end = date.fromisoformat(period["to"]) if period["to"] else None
        if start <= day and (end is None or day < end):
            return period
    raise LookupError(f"no government period of {country} on {day}")


def acled_name(actor_id: str, day: str) -> str:
    """The reference reading of the schema: a dated name when one covers the day, else the name,
    then the period (and faction) for state forces, then the branch."""
    actor = BY_ID[actor_id]
    on = date.fromisoformat(day)
    for named in actor.get("names", []):
        if (named["from"] is None or date.fromisoformat(named["from"]) <= on) and (
            named["to"] is None or on < date.fromisoformat(named["to"])
        ):
            return named["name"]
    name = actor["name"]
    faction = None
    if actor["state_of"]:
        period = period_for(actor.get("government") or actor["state_of"], on)
        name += f" ({period['label']})"
        faction = period.get("faction")
        if faction:
            name += " " + faction
    if actor.get("branch"):
        name += (" - " if faction else " ") + actor["branch"]
    return name


# -------------------------------------------------------------------------------------- file shape
def test_files_load_with_expected_top_level() -> None:
    assert set(ACTORS_DOC) <= {"_comment", "version", "state_forces", "actors", "patterns"}
    assert isinstance(ACTORS_DOC["_comment"], str) and ACTORS_DOC["_comment"]
    assert isinstance(ACTORS, list) and len(ACTORS) >= 50
    assert isinstance(PATTERNS, list) and len(PATTERNS) >= 4
    assert isinstance(GOVERNMENTS, dict) and GOVERNMENTS


def test_actor_ids_unique_and_well_formed() -> None:
    ids = [actor["id"] for actor in ACTORS]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    bad = [i for i in ids if not ID_RE.match(i)]
    assert not bad, bad
    pattern_ids = [pattern["id"] for pattern in PATTERNS]
    assert len(pattern_ids) == len(set(pattern_ids))
    assert all(PATTERN_ID_RE.match(i) for i in pattern_ids), pattern_ids


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a["id"])
def test_actor_fields(actor: dict[str, Any]) -> None:
    keys = set(actor)
    assert keys >= REQUIRED_ACTOR_KEYS, REQUIRED_ACTOR_KEYS - keys
    assert keys <= REQUIRED_ACTOR_KEYS | OPTIONAL_ACTOR_KEYS, keys - REQUIRED_ACTOR_KEYS - OPTIONAL_ACTOR_KEYS

    assert isinstance(actor["name"], str) and actor["name"].strip() == actor["name"] and actor["name"]
    assert type(actor["inter"]) is int and 1 <= actor["inter"] <= 8
    assert actor["role"] in ROLES
    assert actor["kind"] in KINDS
    assert (actor["role"] == "source") == (actor["kind"] == "source"), "sources, and only sources, have kind source"
    if actor["role"] == "actor":
        assert actor["inter"] == INTER_OF_KIND[actor["kind"]], f"kind {actor['kind']} vs inter {actor['inter']}"
    if "inter_abroad" in actor:
        assert type(actor["inter_abroad"]) is int and 1 <= actor["inter_abroad"] <= 8
        assert actor["kind"] == "state"

    assert actor["country"] is None or (isinstance(actor["country"], str) and actor["country"])
    if "{country}" in actor["name"]:
        assert actor["country"] is None, "a name filled from the event has no fixed country"

    if actor["state_of"] is not None:
        assert actor["kind"] == "state" and actor["inter"] == 1
        assert actor["state_of"] == actor["country"]
        assert "(" not in actor["name"], "state forces names carry no period: the matcher appends it"
        assert actor.get("inter_abroad") == 8

    for key in ("branch", "unit", "note"):
        value = actor.get(key)
        assert value is None or (isinstance(value, str) and value.strip() == value and value), key

    if "valid_from" in actor or "valid_to" in actor:
        start, end = actor.get("valid_from"), actor.get("valid_to")
        assert start or end
        if start and end:
            assert date.fromisoformat(start) < date.fromisoformat(end)
        for value in (start, end):
            if value:
                date.fromisoformat(value)

    if actor["country"] is None and actor["generic_aliases"]:
        assert actor.get("generic_countries"), "generic names of a transnational actor need generic_countries"
    if "generic_countries" in actor:
        assert actor["generic_countries"] and all(isinstance(c, str) and c for c in actor["generic_countries"])


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a["id"])
def test_actor_aliases_are_clean_arabic_and_listed_once(actor: dict[str, Any]) -> None:
    aliases = actor["aliases"] + actor["generic_aliases"]
    assert actor["aliases"], "every actor needs at least one specific name"
    for alias in aliases:
        assert isinstance(alias, str) and alias == alias.strip() and "  " not in alias, repr(alias)
        assert ARABIC_LETTER.search(alias), repr(alias)
    keys = [norm(alias) for alias in aliases]
    assert len(keys) == len(set(keys)), sorted({a for a in aliases if keys.count(norm(a)) > 1})


def test_parents_exist_without_cycles() -> None:
    for actor in ACTORS:
        seen = {actor["id"]}
        parent = actor["parent"]
        while parent is not None:
            assert parent in BY_ID, f"{actor['id']}: unknown parent {parent}"
            assert parent not in seen, f"{actor['id']}: parent cycle through {parent}"
            seen.add(parent)
            parent = BY_ID[parent]["parent"]


def test_branches_share_their_parents_country() -> None:
    for actor in ACTORS:
        if actor["parent"] is not None:
            assert BY_ID[actor["parent"]]["country"] == actor["country"], actor["id"]


# ----------------------------------------------------------------------------------------- patterns
@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p["id"])
def test_pattern_fields(pattern: dict[str, Any]) -> None:
    keys = set(pattern)
    assert keys >= REQUIRED_PATTERN_KEYS, REQUIRED_PATTERN_KEYS - keys
    assert keys <= REQUIRED_PATTERN_KEYS | OPTIONAL_PATTERN_KEYS, keys - REQUIRED_PATTERN_KEYS - OPTIONAL_PATTERN_KEYS
    assert "{country}" in pattern["name"]
    assert pattern["role"] == "actor"
    assert pattern["kind"] in INTER_OF_KIND and pattern["inter"] == INTER_OF_KIND[pattern["kind"]]
    assert pattern["aliases"]
    for alias in pattern["aliases"]:
        assert isinstance(alias, str) and alias == alias.strip() and "  " not in alias and ARABIC_LETTER.search(alias)
    keys_ = [norm(alias) for alias in pattern["aliases"]]
    assert len(keys_) == len(set(keys_)), sorted({a for a in pattern["aliases"] if keys_.count(norm(a)) > 1})
    own = set(keys_)
    for group in pattern.get("associated", []):
        assert set(group) == {"name", "aliases"}
        assert "{country}" in group["name"]
        missing = [alias for alias in group["aliases"] if norm(alias) not in own]
        assert not missing, f"{group['name']}: aliases not in the pattern itself: {missing}"


def test_required_patterns_present() -> None:
    names = {pattern["id"]: pattern["name"] for pattern in PATTERNS}
    assert names["unidentified_armed_group"] == "Unidentified Armed Group ({country})"
    assert names["civilians"] == "Civilians ({country})"
    assert names["protesters"] == "Protesters ({country})"
    assert names["rioters"] == "Rioters ({country})"


# -------------------------------------------------------------------------------------- ambiguity
def test_specific_aliases_name_one_actor() -> None:
    clashes = {
        key: sorted(owners)
        for key, owners in _specific_index().items()
        if len(owners) > 1 and not owners <= ALLOWED_SHARED.get(key, frozenset())
    }
    assert not clashes, clashes


def test_generic_aliases_never_shadow_a_specific_name() -> None:
    specific = _specific_index()
    clashes = {
        (actor["id"], alias): sorted(specific[norm(alias)])
        for actor in ACTORS
        for alias in actor["generic_aliases"]
        if norm(alias) in specific and specific[norm(alias)] - ALLOWED_SHARED.get(norm(alias), frozenset())
    }
    assert not clashes, clashes


def test_generic_aliases_name_one_actor_per_country() -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for actor in ACTORS:
        for country in _generic_countries(actor):
            for alias in actor["generic_aliases"]:
                owners[(country, norm(alias))].add(actor["id"])
    clashes = {key: sorted(ids) for key, ids in owners.items() if len(ids) > 1}
    assert not clashes, clashes


def test_allowed_shared_entries_are_used() -> None:
    specific = _specific_index()
    for key, ids in ALLOWED_SHARED.items():
        assert key == norm(key)
        assert len(specific.get(key, set()) & ids) > 1, f"{key} no longer shared: drop it from ALLOWED_SHARED"


# ------------------------------------------------------------------------------------- governments
@pytest.mark.parametrize("country", sorted(GOVERNMENTS))
def test_government_periods_ordered_and_disjoint(country: str) -> None:
    periods = GOVERNMENTS[country]
    assert isinstance(periods, list) and periods
    previous_end: date | None = None
    for index, period in enumerate(periods):
        assert {"from", "to", "label"} <= set(period) <= {"from", "to", "label", "faction", "head", "note"}, period
        start = date.fromisoformat(period["from"])
        end = date.fromisoformat(period["to"]) if period["to"] is not None else None
        assert end is None or start < end, period
        if index:
            assert previous_end is not None, f"{country}: only the last period may be open"
            assert previous_end <= start, f"{country}: {period['label']} overlaps the period before it"
        previous_end = end

        match = LABEL_RE.match(period["label"])
        assert match, period["label"]
        first_year, last_year = match.group(1), match.group(2)
        if end is None:
            assert period["label"].endswith("-"), f"{country}: an open period is labelled 'YYYY-'"
        else:
            assert not period["label"].endswith("-")
            assert int(last_year or first_year) == end.year, period
        if int(first_year) != start.year:
            assert period.get("note"), f"{country} {period['label']}: a label that is not the start year needs a note"


def test_every_state_of_has_governments() -> None:
    missing = sorted({a["state_of"] for a in ACTORS if a["state_of"] and a["state_of"] not in GOVERNMENTS})
    assert not missing, missing
    factions = sorted({a["government"] for a in ACTORS if a.get("government") and a["government"] not in GOVERNMENTS})
    assert not factions, factions


@pytest.mark.parametrize("actor", [a for a in ACTORS if a.get("names")], ids=lambda a: a["id"])
def test_dated_names_are_ordered_and_disjoint(actor: dict[str, Any]) -> None:
    previous_end: date | None = None
    for index, named in enumerate(actor["names"]):
        assert set(named) == {"from", "to", "name"}, named
        assert isinstance(named["name"], str) and named["name"].strip() == named["name"] and named["name"]
        start = date.fromisoformat(named["from"]) if named["from"] else None
        end = date.fromisoformat(named["to"]) if named["to"] else None
        assert start or end, named
        assert start is None or end is None or start < end, named
        if index:
            assert previous_end is not None and start is not None and previous_end <= start, named
        previous_end = end


@pytest.mark.parametrize(
    ("country", "day", "label"),
    [
        ("Iraq", "2014-09-07", "2006-2014"),
        ("Iraq", "2014-09-08", "2014-2018"),
        ("Iraq", "2019-08-29", "2018-2020"),
        ("Iraq", "2020-05-11", "2020-2022"),
        ("Iraq", "2024-08-29", "2022-"),
        ("Syria", "2024-12-07", "2000-2024"),
        ("Syria", "2024-12-08", "2024-"),
        ("United States", "2020-09-10", "2017-2021"),
        ("United States", "2025-01-20", "2025-"),
        ("Turkey", "2019-10-09", "2016-"),
        ("Iran", "2020-01-08", "1989-"),
    ],
)
def test_period_lookup(country: str, day: str, label: str) -> None:
    assert period_for(country, date.fromisoformat(day))["label"] == label


# ------------------------------------------------------------------------------------- spot checks
@pytest.mark.parametrize(
    ("alias", "actor_id"),
    [
        ("جهاز مكافحة الإرهاب", "iraq.cts"),
        ("قوات مكافحة الإرهاب", "iraq.cts"),
        ("الفرقة الذهبية", "iraq.cts"),
        ("الجيش العراقي", "iraq.military"),
        ("القوات العراقية", "iraq.military"),
        ("قيادة العمليات المشتركة", "iraq.joc"),
        ("جهاز المخابرات العراقي", "iraq.inis"),
        ("الشرطة الاتحادية", "iraq.federal_police"),
        ("الشرطة العراقية", "iraq.police"),
        ("الحشد الشعبي", "iraq.pmf"),
        ("هيئة الحشد الشعبي", "iraq.pmf"),
        ("الحشد العشائري", "iraq.tribal_mobilization"),
        ("البيشمركة", "iraq.peshmerga"),
        ("قوات البيشمركة", "iraq.peshmerga"),
        ("القوة الجوية العراقية", "iraq.air_force"),
        ("حرس الحدود العراقي", "iraq.border_guards"),
        ("الاستخبارات العسكرية العراقية", "iraq.military_intelligence"),
        ("كتائب حزب الله", "iraq.kataib_hezbollah"),
        ("عصائب أهل الحق", "iraq.asaib_ahl_al_haq"),
        ("سرايا السلام", "iraq.saraya_al_salam"),
        ("حركة النجباء", "iraq.nujaba"),
        ("المقاومة الإسلامية في العراق", "iraq.islamic_resistance"),
        ("حزب العمال الكردستاني", "turkey.pkk"),
        ("العمال الكردستاني", "turkey.pkk"),
        ("وحدات مقاومة سنجار", "iraq.ybs"),
        ("داعش", "intl.isis"),
        ("فلول داعش", "intl.isis"),
        ("بقايا داعش", "intl.isis"),
        ("عصابات داعش", "intl.isis"),
        ("خلية لداعش", "intl.isis"),
        ("تنظيم الدولة الإسلامية", "intl.isis"),
        ("الدولة الإسلامية في العراق والشام", "intl.isis"),
        ("ولاية الأنبار", "intl.isis"),
        ("القوات الأميركية", "us.military"),
        ("القوات الأمريكية", "us.military"),
        ("القيادة المركزية الأميركية", "us.military"),
        ("المقاتلات الاميركية", "us.military"),
        ("التحالف الدولي", "intl.coalition"),
        ("طيران التحالف الدولي", "intl.coalition"),
        ("عملية العزم الصلب", "intl.coalition"),
        ("حلف شمال الأطلسي", "intl.nato"),
        ("الجيش التركي", "turkey.military"),
        ("المسيرات التركية", "turkey.military"),
        ("الحرس الثوري", "iran.irgc"),
        ("فيلق القدس", "iran.irgc"),
        ("جيش الاحتلال", "israel.military"),
        ("الطيران الروسي", "russia.military"),
        ("قوات النظام", "syria.assad_forces"),
        ("الجيش السوري", "syria.military"),
        ("قوات سوريا الديمقراطية", "syria.sdf"),
        ("قسد", "syria.sdf"),
        ("وحدات حماية الشعب", "syria.ypg"),
        ("هيئة تحرير الشام", "syria.hts"),
        ("جبهة النصرة", "syria.hts"),
        ("الجيش الوطني السوري", "syria.sna"),
        ("حزب الله", "lebanon.hezbollah"),
        ("أنصار الله", "yemen.houthis"),
        ("الحوثيون", "yemen.houthis"),
        ("حماس", "palestine.hamas"),
        ("كتائب القسام", "palestine.qassam"),
    ],
)
def test_alias_belongs_to(alias: str, actor_id: str) -> None:
    assert actor_for(alias)["id"] == actor_id


@pytest.mark.parametrize(
    ("alias", "country", "actor_id"),
    [
        ("الجيش", "Iraq", "iraq.military"),
        ("الجيش", "Syria", "syria.military"),
        ("القوات الأمنية", "Iraq", "iraq.military"),
        ("العمليات المشتركة", "Iraq", "iraq.joc"),
        ("الأسايش", "Iraq", "iraq.asayish"),
        ("الأسايش", "Syria", "syria.asayish"),
        ("القوات الكردية", "Iraq", "iraq.peshmerga"),
        ("الإرهابيين", "Iraq", "intl.isis"),
        ("التنظيم الإرهابي", "Syria", "intl.isis"),
        ("التحالف", "Iraq", "intl.coalition"),
        ("التحالف", "Yemen", "saudi.military"),
        ("المقاومة الإسلامية", "Iraq", "iraq.islamic_resistance"),
        ("المقاومة الإسلامية", "Lebanon", "lebanon.hezbollah"),
    ],
)
def test_generic_alias_depends_on_country(alias: str, country: str, actor_id: str) -> None:
    assert generic_owner(alias, country) == actor_id


def test_generic_alias_outside_its_countries_means_nothing() -> None:
    assert generic_owner("التحالف", "Palestine") is None
    assert generic_owner("الإرهابيين", "Lebanon") is None


@pytest.mark.parametrize(
    "alias",
    ["خلية الإعلام الأمني", "وكالة الأنباء العراقية", "المرصد السوري لحقوق الإنسان", "وكالة أعماق"],
)
def test_reporting_bodies_are_sources(alias: str) -> None:
    actor = actor_for(alias)
    assert actor["role"] == "source" and actor["kind"] == "source"


@pytest.mark.parametrize(
    ("actor_id", "day", "name"),
    [
        ("iraq.military", "2023-06-01", "Military Forces of Iraq (2022-)"),
        ("iraq.cts", "2019-08-29", "Military Forces of Iraq (2018-2020)"),
        ("iraq.peshmerga", "2024-01-01", "Military Forces of Iraq (2022-) Peshmerga"),
        ("iraq.pmf", "2020-01-01", "Military Forces of Iraq (2018-2020) Popular Mobilization Forces"),
        ("iraq.police", "2016-03-01", "Police Forces of Iraq (2014-2018)"),
        ("iraq.asayish", "2023-01-01", "Police Forces of Iraq (2022-) Asayish"),
        ("syria.military", "2024-12-07", "Military Forces of Syria (2000-2024)"),
        ("syria.military", "2025-03-07", "Military Forces of Syria (2024-)"),
        ("syria.air_force", "2018-04-07", "Military Forces of Syria (2000-2024) Syrian Arab Air Force"),
        ("us.military", "2019-08-29", "Military Forces of the United States (2017-2021)"),
        ("us.military", "2024-08-29", "Military Forces of the United States (2021-2025)"),
        ("turkey.military", "2022-11-20", "Military Forces of Turkey (2016-)"),
        ("iran.irgc", "2024-04-13", "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"),
        ("israel.military", "2024-10-26", "Military Forces of Israel (2022-)"),
        ("russia.military", "2016-03-01", "Military Forces of Russia (2000-)"),
        ("uk.military", "2024-08-01", "Military Forces of the United Kingdom (2024-)"),
        ("france.military", "2020-06-23", "Military Forces of France (2017-)"),
        ("intl.coalition", "2020-05-11", "Global Coalition Against Daesh"),
        ("intl.nato", "2020-06-23", "NATO: North Atlantic Treaty Organization"),
        ("yemen.houthis", "2024-01-12", "Military Forces of Yemen (2017-) Houthi"),
        ("yemen.houthis", "2015-07-25", "Military Forces of Yemen (2015-2017) Houthi-Saleh"),
        ("yemen.houthis", "2014-09-21", "Houthi Movement - Ansar Allah"),
        ("yemen.military", "2015-07-25", "Military Forces of Yemen (2012-2022)"),
        ("yemen.military", "2023-01-01", "Military Forces of Yemen (2022-)"),
        ("syria.hts", "2015-07-31", "Jabhat al Nusra"),
        ("syria.hts", "2016-10-01", "Jabhat Fateh al Sham"),
        ("syria.hts", "2019-01-01", "HTS: Hayat Tahrir al Sham"),
        ("syria.sdf", "2015-07-25", "YPG: Peoples Protection Units"),
        ("syria.sdf", "2019-01-01", "QSD: Syrian Democratic Forces"),
        ("intl.boko_haram", "2015-07-25", "Boko Haram - Wilayat Gharb Ifriqiyyah"),
        ("intl.boko_haram", "2014-05-01", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
        ("afghanistan.taliban", "2019-01-01", "Taliban"),
        ("afghanistan.taliban", "2022-01-01", "Military Forces of Afghanistan (2021-)"),
    ],
)
def test_acled_actor_names(actor_id: str, day: str, name: str) -> None:
    assert acled_name(actor_id, day) == name


def test_islamic_state_takes_the_event_country() -> None:
    isis = BY_ID["intl.isis"]
    assert isis["name"] == "Islamic State ({country})"
    assert isis["inter"] == 2 and isis["country"] is None and isis["role"] == "actor"
    assert {"Iraq", "Syria"} <= set(isis["generic_countries"])
    assert norm("الإرهابيين") in {norm(alias) for alias in isis["generic_aliases"]}
    assert norm("التنظيم الإرهابي") in {norm(alias) for alias in isis["generic_aliases"]}


def test_external_forces_are_inter_8_abroad() -> None:
    for actor_id in ("us.military", "turkey.military", "iran.irgc", "israel.military", "russia.military"):
        assert BY_ID[actor_id]["inter"] == 1 and BY_ID[actor_id]["inter_abroad"] == 8
    for actor_id in ("intl.coalition", "intl.nato"):
        assert BY_ID[actor_id]["inter"] == 8 and BY_ID[actor_id]["kind"] == "external"


@pytest.mark.parametrize(
    ("pattern_id", "aliases"),
    [
        ("unidentified_armed_group", ["مسلحون مجهولون", "مسلحين مجهولين", "مجهولون", "عناصر مسلحة"]),
        ("civilians", ["مدنيين", "المدنيين", "مواطنين", "أطفال", "امرأة", "مزارع", "راع", "صياد", "طلاب"]),
        ("protesters", ["متظاهرون", "المتظاهرين", "محتجون", "معتصمون"]),
        ("rioters", ["مثيري الشغب"]),
    ],
)
def test_pattern_aliases(pattern_id: str, aliases: list[str]) -> None:
    for alias in aliases:
        assert _specific_index()[norm(alias)] == {"pattern:" + pattern_id}, alias


@pytest.mark.parametrize(
    "word",
    [
        "مسلح",  # adjective: هجوم مسلح
        "مدني",  # الدفاع المدني، الطيران المدني، المجتمع المدني
        "صحفي",  # مؤتمر صحفي، تصريح صحفي
        "صحافي",
        "إعلامي",  # مصدر إعلامي
        "طالب",  # the verb: طالب المتظاهرون
        "الحشد",  # also "a crowd": حشد من المتظاهرين
        "القوة الجوية",  # with the article stripped it is قوة جوية, an airborne force of any army
        "الاتحادية",  # المحكمة الاتحادية، الحكومة الاتحادية
        "الإرهاب",  # مكافحة الإرهاب as a concept
        "العزل",  # dismissal: عزل المحافظ
        "أسر",  # captivity: أسر جنديين
        "الكردستاني",  # الحزب الديمقراطي الكردستاني is not the PKK
    ],
)
def test_ambiguous_common_words_are_not_names(word: str) -> None:
    key = norm(word)
    assert key not in _specific_index(), word
    assert all(key not in {norm(g) for g in actor["generic_aliases"]} for actor in ACTORS), word


def test_sub_units_point_to_their_force() -> None:
    assert BY_ID["iraq.cts"]["parent"] == "iraq.military"
    assert BY_ID["iraq.joc"]["parent"] == "iraq.military"
    assert BY_ID["iraq.federal_police"]["parent"] == "iraq.police"
    assert BY_ID["iraq.tribal_mobilization"]["parent"] == "iraq.pmf"
    assert BY_ID["palestine.qassam"]["parent"] == "palestine.hamas"
