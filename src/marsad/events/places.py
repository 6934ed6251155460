"""Place mentions for events: a place-type word and the name after it (منطقة الوقف، بمحافظة
الأنبار، جزيرة كنعوص), and the country's cities and governorates the codebook knows. Resolution
to coordinates and admin areas is the geo stage's work."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from marsad.events.recognized import Recognized, place_words
from marsad.geo.build import name_rules
from marsad.geo.gazetteer import Gazetteer
from marsad.geo.resolve import rules as geo_rules
from marsad.recognize.lexicon import bare_surfaces, longest_matches, phrase_key
from marsad.recognize.ner import Entity
from marsad.text.normalize import normalize_string

_MAX_NAME_WORDS = 3
_KM_WORDS = frozenset({"كم", "كيلومتر", "كيلومترات", "كيلومترا", "كلم"})


@dataclass(frozen=True)
class PlaceMention:
    norm_start: int
    norm_end: int
    token: int
    kind: str  # the type word (محافظه، منطقه …) or "known" for a name from the codebook
    specificity: int  # 1 governorate, 2 district or natural area, 3 locality or site
    name: str  # normalized text of the mention
    country: str | None = None
    name_start: int = -1  # where the name itself starts, after a type word (-1: at norm_start)
    relation: str | None = None  # a direction (شرقي, شمال غرب) or a proximity word (قرب) before it
    distance_km: float | None = None  # على بعد 20 كم جنوب X
    # what says the words are a place: "type" (a type word), "word" (a locative word before it: في،
    # قرب …), "clitic" (only a proclitic ب), "known" (a name the codebook lists), None (the name
    # alone: a large city); a far-away known city needs more than a clitic
    evidence: str | None = None
    ambiguous: bool = False  # the name is also a common word (صور، العيد): resolution is warier

    @property
    def type_word(self) -> str | None:
        return self.kind if self.kind not in ("known", "named") else None


@dataclass(frozen=True)
class _PlaceRules:
    name_prefixes: frozenset[str]
    not_names: frozenset[str]
    list_types: frozenset[str]  # normalized plural and dual type words that list places


@cache
def _rules() -> _PlaceRules:
    spec = place_words()
    return _PlaceRules(
        # compared with a token as written: the article stays (البو, the Albu of tribal names)
        frozenset(normalize_string(word) for word in spec["name_prefixes"]),
        frozenset(phrase_key(word)[0] for word in spec["not_names"]),
        frozenset(" ".join(phrase_key(word)) for word in spec["lists"]),
    )


@cache
def _country_lists() -> dict[str, list[str]]:
    """The codebook's names per country (countries.json without its comments)."""
    spec = json.loads(resources.files("marsad.codebook").joinpath("countries.json").read_text("utf-8"))
    return {key: names for key, names in spec.items() if not key.startswith("_")}


@cache
def _country_names() -> frozenset[str]:
    """The first name listed for each country in the codebook is the country itself."""
    return frozenset(" ".join(phrase_key(names[0])) for names in _country_lists().values())


@cache
def _common_words() -> frozenset[str]:
    return frozenset(word.removeprefix("ال") for word in name_rules().common_words)


@cache
def _region() -> frozenset[str]:
    """The countries the codebook covers (ISO codes)."""
    return frozenset(geo_rules().countries.values())


@cache
def _demonyms() -> frozenset[str]:
    """Nationality adjectives from the codebook's country lists (السوري، العراقيه), without the
    article: never a place, though GeoNames gives some foreign city that Arabic spelling (Surrey).
    A nisba counts only when its feminine is listed too, which keeps الرمادي and السليمانيه places."""
    names = [normalize_string(name) for listed in _country_lists().values() for name in listed]
    with_article = {phrase_key(name)[0] for name in names if name.startswith("ال") and " " not in name}
    without_article = {phrase_key(name)[0] for name in names if not name.startswith("ال") and " " not in name}
    masculine = {word for word in with_article if word.endswith("ي") and word + "ه" in with_article}
    plural = {word for word in with_article if word.endswith(("يين", "يون")) and word[:-2] in masculine}
    codebook = (masculine | {word + "ه" for word in masculine} | plural) - without_article
    return frozenset(codebook | _geo_demonyms())


@cache
def _geo_demonyms() -> frozenset[str]:
    """The demonyms of geo/data/countries.json in every form (الهندي، الهندية، الهنديين …), article-less."""
    spec = json.loads(resources.files("marsad.geo.data").joinpath("countries.json").read_text("utf-8"))
    forms = set()
    for entry in spec["countries"].values():
        demonym = entry.get("demonym")
        if demonym and " " not in demonym:
            forms.update(phrase_key(demonym + ending)[0] for ending in ("", "ة", "ين", "ون"))
    return frozenset(forms)


def find_places(
    found: Recognized,
    entities: Sequence[Entity] = (),
    gazetteer: Gazetteer | None = None,
    within: Sequence[range] | None = None,
) -> list[PlaceMention]:
    """Place mentions; gazetteer names are looked for only in the token ranges ``within`` when given
    (the sentences that report events: the rest of an article needs no places)."""
    rules = _rules()
    tokens = found.tokens
    surfaces = tokens.surfaces
    bare = bare_surfaces(tokens)
    places: list[PlaceMention] = []
    for match in found.place_types:
        if surfaces[match.first_token].startswith("ال") or "ال" in match.proclitics:
            continue  # a type word with the article is no place's name (الرصاص الحي، المحافظة)
        name_start = match.last_token + 1
        if name_start >= len(surfaces) or surfaces[name_start].isdigit():
            continue
        # a direction word is no name (منطقة شمال …) unless the gazetteer knows it with the next word
        # as one (ولاية جنوب كردفان، محافظة شمال سيناء)
        compound = gazetteer is not None and bool(gazetteer.candidates(tuple(bare[name_start : name_start + 2])))
        if surfaces[name_start] in rules.not_names and not compound:
            continue
        if any(place.first_token == name_start for place in found.place_types) and not surfaces[name_start].startswith(
            "ال"
        ):
            continue  # قرى وبساتين منطقة الوقف: the name comes with the last type word (but قضاء المدينة)
        if not surfaces[name_start].startswith("ال") and surfaces[name_start].endswith("يه"):
            continue  # an indefinite adjective (منطقة زراعية), not a name
        type_end = tokens.starts[match.last_token] + len(surfaces[match.last_token])
        if found.text[type_end : tokens.starts[name_start]].strip():
            continue  # punctuation between: السوق، وأن …
        name_end = name_start
        if surfaces[name_start] in rules.name_prefixes and name_start + 1 < len(surfaces):
            name_end = name_start + 1
        # a name may run on (حمام العليل، سليمان بيك): up to three words the gazetteer knows together,
        # stopping at punctuation, a word that cannot be part of a name, or another type word
        while gazetteer is not None and name_end - name_start < _MAX_NAME_WORDS - 1 and name_end + 1 < len(surfaces):
            following = name_end + 1
            gap = found.text[tokens.starts[name_end] + len(surfaces[name_end]) : tokens.starts[following]]
            known = bool(gazetteer.candidates(tuple(bare[name_start : following + 1])))
            # a word starting with و is a conjunction unless the name goes on with it (تيزي وزو، سيستان وبلوشستان)
            conjunction = surfaces[following].startswith("و") and not known
            if gap.strip() or surfaces[following] in rules.not_names or conjunction:
                break
            if any(p.first_token == following for p in found.place_types) or surfaces[following].isdigit():
                break
            if not known:
                break
            name_end = following
        kind, specificity = match.payload.word, match.payload.specificity
        end_offset = tokens.starts[name_end] + len(surfaces[name_end])
        name = found.text[match.norm_start : end_offset]
        relation, distance = _relation(found, match.first_token)
        places.append(
            PlaceMention(
                match.norm_start,
                end_offset,
                match.first_token,
                kind,
                specificity,
                name,
                name_start=tokens.starts[name_start],
                relation=relation,
                distance_km=distance,
                evidence="type",
            )
        )
        if match.payload.word in rules.list_types:
            places.extend(_listed_after(found, match, name_end, rules))
    ambiguous = _ambiguous_words()
    in_names = _inside_actor_names(found)
    for match in found.countries:
        if match.first_token in in_names:
            continue  # «قادة بيت المقدس»: a group's name, not Jerusalem
        surface = surfaces[match.first_token]
        is_demonym = surface.endswith(("ي", "يه", "يين", "يون")) and match.first_token == match.last_token
        if is_demonym:
            continue
        evidence = _locative_evidence(found, match.first_token, match.proclitics)
        single = match.first_token == match.last_token
        if single and bare_surfaces(tokens)[match.first_token] in ambiguous and evidence != "word":
            continue  # «صور» (photos) is Tyre only after a locative word (في صور)
        name = found.text[match.norm_start : match.norm_end]
        specificity = 0 if " ".join(phrase_key(name)) in _country_names() else 2
        relation, distance = _relation(found, match.first_token)
        places.append(
            PlaceMention(
                match.norm_start,
                match.norm_end,
                match.first_token,
                "known",
                specificity,
                name,
                match.payload.country,
                relation=relation,
                distance_km=distance,
                evidence="known",
                ambiguous=single and bare_surfaces(tokens)[match.first_token] in ambiguous,
            )
        )
    # a name from the codebook's country list inside a type-word mention (محافظة صلاح الدين) is the same place
    places = [
        place
        for place in places
        if place.kind != "known"
        or not any(o.kind != "known" and o.norm_start <= place.norm_start < o.norm_end for o in places)
    ]
    places.extend(_named_places(found, entities, places, gazetteer))
    if gazetteer is not None:
        # a person's or an organisation's name is not a place even when a place bears it (البغدادي)
        names = [PlaceMention(e.norm_start, e.norm_end, -1, "name", 0, "") for e in entities if e.type != "LOC"]
        places.extend(_gazetteer_places(found, gazetteer, places + names, within))
    return sorted(places, key=lambda place: place.norm_start)


_LOCATIVE_WORDS = frozenset(
    {
        "في",
        "من",
        "الي",
        "نحو",
        "باتجاه",
        "داخل",
        "وسط",
        "اطراف",
        "قرب",
        "بين",
        "عند",
        "ضواحي",
        "محيط",
        "مدينه",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
    }
)
_CAPITAL_WORDS = frozenset({"عاصمه", "العاصمه"})
_SMALL_POPULATION = 5_000


def _gazetteer_places(
    found: Recognized, gazetteer: Gazetteer, known: list[PlaceMention], within: Sequence[range] | None
) -> list[PlaceMention]:
    """Names the gazetteer knows, where the text gives reason to read them as places: a locative
    word or proclitic before them (في الرمادي، بالفلوجة), or a name an authority lists (OCHA, the
    curated file) or a large city. A bare common word that some village is named after is not enough."""
    taken = [(place.norm_start, place.norm_end) for place in known]
    common = _common_words()
    ambiguous = _ambiguous_words()
    region = _region()
    places = []
    ranges = within if within is not None else [range(len(found.tokens.surfaces))]
    matches = [match for span in ranges for match in gazetteer.names.match(found.tokens, span.start, span.stop)]
    shared: dict[tuple[int, int], list[int]] = {}  # a name several places share: all its candidates
    for match in matches:
        shared.setdefault((match.first_token, match.last_token), []).append(match.payload)
    in_names = _inside_actor_names(found)
    for match in longest_matches(matches):
        if any(start < match.norm_end and match.norm_start < end for start, end in taken):
            continue
        if match.first_token in in_names:
            continue  # «أنصار بيت المقدس»: a group's name, not Jerusalem
        candidates = [gazetteer.places[place_id] for place_id in shared[(match.first_token, match.last_token)]]
        evidence = _locative_evidence(found, match.first_token, match.proclitics)
        locative = evidence is not None
        # a large city is a place even bare, but only in the region the codebook covers: elsewhere
        # its Arabic exonym is too often a common word (هوية is Hue, in GeoNames)
        authoritative = any(
            p.source in ("ocha", "curated", "admin") or (p.population >= 100_000 and p.country in region)
            for p in candidates
        )
        bare = bare_surfaces(found.tokens)[match.first_token]
        single = match.first_token == match.last_token
        if not (locative or authoritative) or (single and (bare in common or bare in _demonyms())):
            continue
        if single and bare in ambiguous and evidence != "word":
            continue  # a common word that is also a place (صور، العيد، فاس) needs a locative word
        if single and evidence != "word" and all(_small(p) for p in candidates):
            continue  # a village known only to OSM or a small GeoNames entry, bare or after ب: a word
        if single and all(p.source == "osm" for p in candidates):
            continue  # a one-word village only OSM knows is a place after its type word (قرية X) only
        if single and bare in _type_names():
            continue  # a type word with the article (الناحية، المدينة) is no place's name
        relation, distance = _relation(found, match.first_token)
        name = found.text[match.norm_start : match.norm_end]
        places.append(
            PlaceMention(
                match.norm_start,
                match.norm_end,
                match.first_token,
                "named",
                3,
                name,
                relation=relation,
                distance_km=distance,
                evidence=evidence,
                ambiguous=single and bare in ambiguous,
            )
        )
    return places


def _inside_actor_names(found: Recognized) -> set[int]:
    """Tokens inside a group's name after its first word (بيت المقدس of أنصار بيت المقدس): the words
    name the group, not a place. A name that starts with a place (ولاية سيناء) keeps it."""
    return {
        token
        for actor in found.actors
        if actor.last_token > actor.first_token and actor.payload.actor.kind not in ("state", "external")
        for token in range(actor.first_token + 1, actor.last_token + 1)
    }


def _small(place: Any) -> bool:
    """A place no authority lists and few people live in: an OSM village, a GeoNames hamlet."""
    return place.source == "osm" or (place.source == "geonames" and place.population < _SMALL_POPULATION)


def _listed_after(found: Recognized, match: Any, name_end: int, rules: _PlaceRules) -> list[PlaceMention]:
    """The other names a plural or dual type word lists (في بلدات الزويك والدويركة وساقية الكرت،
    بلدتي نبل والزهراء): each «و»-joined name is a place of that type, a construct of two words
    (ساقية الكرت) taken whole."""
    tokens, surfaces, text = found.tokens, found.tokens.surfaces, found.text
    type_words = {place.first_token for place in found.place_types}
    listed: list[PlaceMention] = []
    token = name_end + 1
    while token < len(surfaces):
        word = surfaces[token]
        gap = text[tokens.starts[token - 1] + len(surfaces[token - 1]) : tokens.starts[token]]
        name = word[1:]
        if gap.strip() or not word.startswith("و") or len(name) < 3 or token in type_words:
            break
        if name in rules.not_names or name.removeprefix("ال") in rules.not_names or name.isdigit():
            break
        last = token
        following = token + 1
        if (
            following < len(surfaces)
            and not name.startswith("ال")
            and surfaces[following].startswith("ال")
            and not text[tokens.starts[token] + len(word) : tokens.starts[following]].strip()
        ):
            last = following  # a construct: ساقية الكرت، خراب الشحم
        start = tokens.starts[token] + 1
        end = tokens.starts[last] + len(surfaces[last])
        listed.append(
            PlaceMention(
                start,
                end,
                token,
                match.payload.word,
                match.payload.specificity,
                text[start:end],
                name_start=start,
                evidence="type",
            )
        )
        token = last + 1
    return listed


def _locative_evidence(found: Recognized, token: int, proclitics: tuple[str, ...]) -> str | None:
    """"word" when a locative word stands right before the token (في، قرب، داخل …), or the capital
    word with or without a demonym (العاصمة التشادية نجامينا), "clitic" when only a proclitic ب does,
    else None."""
    bare = bare_surfaces(found.tokens)
    surfaces = found.tokens.surfaces
    before = token - 1
    if before > 0 and bare[before] in _demonyms() and bare[before - 1] in _CAPITAL_WORDS:
        return "word"
    if before >= 0 and (surfaces[before] in _LOCATIVE_WORDS or bare[before] in _LOCATIVE_WORDS | _CAPITAL_WORDS):
        return "word"
    return "clitic" if "ب" in proclitics else None


@cache
def _ambiguous_words() -> frozenset[str]:
    """Words that are both common Arabic words and place names (names.json ambiguous_names)."""
    return frozenset(phrase_key(word)[0] for word in name_rules().ambiguous_names)


@cache
def _type_names() -> frozenset[str]:
    """Place-type words as a bare token would read them (ناحية، مدينة …, article stripped)."""
    return frozenset(" ".join(phrase_key(word)) for word in place_words()["types"])


def _relation(found: Recognized, token: int) -> tuple[str | None, float | None]:
    """The direction or proximity words right before a place (شمال شرقي X، قرب X، 20 كم جنوب X،
    على بعد 20 كم من X)."""
    bare = bare_surfaces(found.tokens)
    relations = geo_rules()
    for width in (3, 2, 1):
        start = token - width
        if start < 0:
            continue
        words = " ".join(bare[start:token])
        if words in relations.bearings or words in relations.near_words:
            distance = None
            if start >= 2 and bare[start - 1] in _KM_WORDS and bare[start - 2].replace(".", "", 1).isdigit():
                distance = float(bare[start - 2])
            return words, distance
    # «على بعد 20 كم من X»: a distance without a direction is nearness
    if token >= 3 and bare[token - 1] == "من" and bare[token - 2] in _KM_WORDS:
        number = bare[token - 3]
        if number.replace(".", "", 1).isdigit():
            return "قرب", float(number)
    return None, None


def _proclitic_length(name: str) -> int:
    """The tagger keeps proclitics in its spans (بالحزيمي، والرمادي): strip و ف ب ل ك before the
    article, and only there, since a name may itself begin with those letters (بغداد، كركوك)."""
    for length in (1, 2):
        if len(name) > length + 2 and all(ch in "وفبلك" for ch in name[:length]) and name[length:].startswith("ال"):
            return length
    return 0


def _named_places(
    found: Recognized, entities: Sequence[Entity], known: list[PlaceMention], gazetteer: Gazetteer | None = None
) -> list[PlaceMention]:
    """Locations the tagger found that no pattern did (في الحزيمي): localities, most often. A single
    word that starts with the conjunction و and that the gazetteer knows neither with nor without it
    is a verb or a noun run on after a place (في ناحية بيجي وزعم), not a second place."""
    taken = [(place.norm_start, place.norm_end) for place in known]
    ambiguous = _ambiguous_words()
    named = []
    in_names = _inside_actor_names(found)
    for entity in entities:
        if entity.type != "LOC" or any(start < entity.norm_end and entity.norm_start < end for start, end in taken):
            continue
        token = found.token_at(entity.norm_start)
        if token in in_names:
            continue  # the tagger's «بيت المقدس» inside «أنصار بيت المقدس» names the group
        norm_start = entity.norm_start + _proclitic_length(found.text[entity.norm_start : entity.norm_end])
        name = found.text[norm_start : entity.norm_end]
        key = phrase_key(name)
        run_on = gazetteer is not None and len(key) == 1 and key[0].startswith("و") and len(key[0]) > 2
        if run_on and not gazetteer.candidates(key) and not gazetteer.candidates((key[0][1:],)):
            continue
        evidence = _locative_evidence(found, token, ("ب",) if norm_start > entity.norm_start else ())
        if len(key) == 1 and key[0] in ambiguous and evidence != "word":
            continue  # the tagger's «صور» (photos) is no place without a locative word
        relation, distance = _relation(found, token)
        named.append(
            PlaceMention(
                norm_start,
                entity.norm_end,
                token,
                "named",
                3,
                name,
                relation=relation,
                distance_km=distance,
                evidence=evidence or "named",
                ambiguous=len(key) == 1 and key[0] in ambiguous,
            )
        )
    return named
