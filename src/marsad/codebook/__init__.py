"""The codebook: versioned data files (taxonomy, triggers, actors, modality cues) and their loader.

The data live beside this module as JSON; this module only reads them into lexicons the
recognizer can match in one pass. Every event carries ``VERSION``.

State forces of every country come from templates (``actors.json`` ``state_forces``) and the
nationality adjectives of ``countries.json``: «الجيش التونسي»، «قوات الأمن المغربية»، «جندي تركي» are
generated, not listed. Their universal generic names («الجيش»، «الشرطة»، «قوات الأمن») match one
pattern actor that the event stage localizes to the country of the event (``Codebook.localize``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from marsad.codebook.inflect import Tense, verb_forms
from marsad.recognize.lexicon import PhraseLexicon, phrase_key
from marsad.text.normalize import normalize_string

ModalityKind = Literal["negated", "hypothetical", "planned", "background"]
CueScope = Literal["window", "next_word", "next_noun", "next_present_verb", "clause", "sentence_after"]


@dataclass(frozen=True)
class SubEventType:
    event_type: str
    sub_event_type: str
    disorder_type: str
    plover: dict[str, Any]


@dataclass(frozen=True)
class Refinement:
    cue_set: str
    sub_event_type: str
    event_type: str | None = None


@dataclass(frozen=True)
class Trigger:
    id: str
    strength: Literal["strong", "weak"]
    event_type: str
    sub_event_type: str
    refine: tuple[Refinement, ...] = ()
    # the type to use when the target is civilians (or armed), e.g. an attack on civilians
    by_target: dict[str, tuple[str, str]] = field(default_factory=dict)
    consumes_following: int = 0  # triggers this many words after it are its object, not events
    confirmed_by: str | None = None  # a cue set that confirms a weak trigger in the same sentence
    vetoed_by: str | None = None  # a cue set that keeps a weak trigger from making an event (accidents)


@dataclass(frozen=True)
class TriggerForm:
    trigger: Trigger
    part_of_speech: Literal["noun", "verb"]
    tense: Tense | None = None


@dataclass(frozen=True)
class NamedPeriod:
    """A name an actor had for a while (Jabhat al Nusra before it became HTS)."""

    start: dt.date | None
    end: dt.date | None
    name: str

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str  # ACLED-style name; state forces get the government period appended, patterns a country
    inter: int
    country: str | None
    role: Literal["actor", "source"]
    kind: str
    state_of: str | None = None
    inter_abroad: int | None = None
    parent: str | None = None
    is_pattern: bool = False
    branch: str | None = None  # ACLED's suffix after the period: "Military Forces of Iraq (2022-) Peshmerga"
    generic_countries: tuple[str, ...] = ()  # where its generic names (التحالف، الجيش) mean this actor
    valid_from: dt.date | None = None  # a name that only fits after (or before) a date: قوات النظام
    valid_to: dt.date | None = None
    government: str | None = None  # the governments.json entry of its periods when not state_of's
    names: tuple[NamedPeriod, ...] = ()  # full names that replace the computed one on their dates
    force: str | None = None  # "military" or "police": the kind of state force (generated forces)


@dataclass(frozen=True)
class ActorForm:
    actor: Actor
    generic: bool  # only means this actor in a document about the actor's country


@dataclass(frozen=True)
class ModalityCue:
    kind: ModalityKind
    scope: CueScope


@dataclass(frozen=True)
class GovernmentPeriod:
    start: dt.date
    end: dt.date | None
    label: str
    faction: str | None = None  # what ACLED writes after the period: "(2017-) Houthi"


@dataclass
class Codebook:
    version: str
    sub_event_types: dict[tuple[str, str], SubEventType]
    triggers: PhraseLexicon[TriggerForm]
    triggers_by_id: dict[str, Trigger]
    cue_sets: dict[str, PhraseLexicon[str]]
    actors: PhraseLexicon[ActorForm]
    actors_by_id: dict[str, Actor]
    modality: PhraseLexicon[ModalityCue]
    modality_window: int
    modality_windows: dict[str, int]
    background_window: int
    background_days: int
    governments: dict[str, list[GovernmentPeriod]]
    countries: PhraseLexicon[str]
    # a universal generic name (phrase key) -> country -> the actor it means there
    localized: dict[tuple[str, ...], dict[str, Actor]] = field(default_factory=dict)
    # force ("military", "police") -> country -> that country's force
    forces: dict[str, dict[str, Actor]] = field(default_factory=dict)
    # the listed local readings of universal names (Iraq: قوات الأمن is the military), a subset of localized
    local_readings: dict[tuple[str, ...], dict[str, Actor]] = field(default_factory=dict)
    definite_countries: frozenset[str] = frozenset()  # "of the United States"
    # the names of the countries themselves (تركيا، الولايات المتحدة), not their cities or adjectives
    country_names: frozenset[tuple[str, ...]] = frozenset()
    # every form of every nationality adjective, normalized, without the article -> its country
    # (تركي، تركيه، تركيين، امريكيه): what a strike's nationality says without weighing in the focus
    demonyms: dict[str, str] = field(default_factory=dict)

    def state_forces(self, country: str, force: str = "military") -> Actor | None:
        """A country's state forces (its military unless ``force`` says otherwise), for
        "والعراقية", "قصفت تركيا" and the like."""
        known = self.forces.get(force, {}).get(country)
        if known is not None:
            return known
        candidates = [a for a in self.actors_by_id.values() if a.state_of == country and a.parent is None]
        military = [a for a in candidates if a.id.endswith(f".{force}")]
        return (military or candidates or [None])[0]

    def localize(self, actor: Actor, key: tuple[str, ...], country: str | None) -> Actor:
        """The actor a generic state-force name (``key``, as ``phrase_key`` makes it) means in
        ``country``: «الجيش» in Tunisia is the Tunisian military, «قوات الأمن» in Iraq the Iraqi
        military (ACLED's coding of Iraqi security forces), «الطيران الحربي» in Yemen the Saudi-led
        coalition. Without a country the pattern stays, and the event's country fills its name."""
        if country is None or not actor.is_pattern or actor.force is None:
            return actor
        return self.localized.get(key, {}).get(country) or self.state_forces(country, actor.force) or actor

    def period(self, government: str, on: dt.date) -> GovernmentPeriod | None:
        for period in self.governments.get(government, []):
            if period.start <= on and (period.end is None or on < period.end):
                return period
        return None

    def sub_event(self, event_type: str, sub_event_type: str) -> SubEventType:
        return self.sub_event_types[(event_type, sub_event_type)]

    def actor_name(self, actor: Actor, on: dt.date | None, country: str | None) -> str:
        """ACLED's actor name: state forces carry the head-of-government period in force on the
        event date (and the faction, for a country with rival governments: "Military Forces of
        Yemen (2015-2017) Houthi-Saleh"), patterns the country (Unidentified Armed Group (Iraq)),
        and an actor that was renamed the name it had on that date (Jabhat al Nusra)."""
        filled = country or "International"
        if on is not None:
            for named in actor.names:
                if named.covers(on):
                    return _fill(named.name, filled, self.definite_countries)
        name = _fill(actor.name, filled, self.definite_countries)
        government = actor.government or actor.state_of
        if government == "{country}":
            government = country
        period = self.period(government, on) if government and on is not None else None
        if period is not None:
            name = f"{name} ({period.label})"
            if period.faction:
                name = f"{name} {period.faction}"
        if actor.branch:
            return f"{name} - {actor.branch}" if period is not None and period.faction else f"{name} {actor.branch}"
        return name


def _read(name: str) -> Any:
    return json.loads(resources.files("marsad.codebook").joinpath(name).read_text("utf-8"))


def _sub_event_types(taxonomy: dict[str, Any]) -> dict[tuple[str, str], SubEventType]:
    found: dict[tuple[str, str], SubEventType] = {}
    for event_type, spec in taxonomy["event_types"].items():
        for sub_event_type, sub_spec in spec["sub_event_types"].items():
            found[(event_type, sub_event_type)] = SubEventType(
                event_type, sub_event_type, spec["disorder_type"], sub_spec["plover"]
            )
    return found


def _triggers(spec: dict[str, Any], known: dict[tuple[str, str], SubEventType]) -> PhraseLexicon[TriggerForm]:
    lexicon: PhraseLexicon[TriggerForm] = PhraseLexicon()
    for entry in spec["triggers"]:
        refinements = tuple(
            Refinement(rule["if"], rule["sub_event_type"], rule.get("event_type")) for rule in entry.get("refine", [])
        )
        trigger = Trigger(
            id=entry["id"],
            strength=entry["strength"],
            event_type=entry["event_type"],
            sub_event_type=entry["sub_event_type"],
            refine=refinements,
            by_target={target: (pair[0], pair[1]) for target, pair in entry.get("by_target", {}).items()},
            consumes_following=int(entry.get("consumes_following", 0)),
            confirmed_by=entry.get("confirmed_by"),
            vetoed_by=entry.get("vetoed_by"),
        )
        for cue_set in (trigger.confirmed_by, trigger.vetoed_by):
            if cue_set is not None and cue_set not in spec["cue_sets"]:
                raise ValueError(f"trigger {trigger.id}: unknown cue set {cue_set}")
        for event_type, sub_event_type in [
            (trigger.event_type, trigger.sub_event_type),
            *((r.event_type or trigger.event_type, r.sub_event_type) for r in refinements),
            *trigger.by_target.values(),
        ]:
            if (event_type, sub_event_type) not in known:
                raise ValueError(f"trigger {trigger.id}: unknown ACLED type {event_type} / {sub_event_type}")
        lexicon.add_all(entry.get("nouns", []), TriggerForm(trigger, "noun"))
        for verb in entry.get("verbs", []):
            for form, tense in verb_forms(verb["past"], verb.get("present"), tuple(verb.get("exclude", ()))).items():
                lexicon.add(form, TriggerForm(trigger, "verb", tense))
    return lexicon


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _actors(
    spec: dict[str, Any], universal: frozenset[tuple[str, ...]] = frozenset()
) -> tuple[PhraseLexicon[ActorForm], dict[str, Actor], dict[tuple[str, ...], dict[str, Actor]]]:
    """The listed actors and patterns. A generic name that is also a universal state-force name
    («الجيش» of the Iraqi military) is not matched on its own: it becomes a local reading of the
    universal name (the third value: key -> country -> actor)."""
    lexicon: PhraseLexicon[ActorForm] = PhraseLexicon()
    by_id: dict[str, Actor] = {}
    local: dict[tuple[str, ...], dict[str, Actor]] = {}
    for entries, is_pattern in ((spec.get("actors", []), False), (spec.get("patterns", []), True)):
        for entry in entries:
            actor = Actor(
                id=entry["id"],
                name=entry["name"],
                inter=int(entry["inter"]),
                country=entry.get("country"),
                role=entry.get("role", "actor"),
                kind=entry.get("kind", "state"),
                state_of=entry.get("state_of"),
                inter_abroad=entry.get("inter_abroad"),
                parent=entry.get("parent"),
                is_pattern=is_pattern,
                branch=entry.get("branch"),
                generic_countries=tuple(
                    entry.get("generic_countries") or ([entry["country"]] if entry.get("country") else [])
                ),
                valid_from=_date(entry.get("valid_from")),
                valid_to=_date(entry.get("valid_to")),
                government=entry.get("government"),
                names=tuple(
                    NamedPeriod(_date(named.get("from")), _date(named.get("to")), named["name"])
                    for named in entry.get("names", [])
                ),
            )
            by_id[actor.id] = actor
            lexicon.add_all(entry.get("aliases", []), ActorForm(actor, generic=False))
            for alias in entry.get("generic_aliases", []):
                key = phrase_key(alias)
                if key in universal:
                    for country in actor.generic_countries:
                        local.setdefault(key, {})[country] = actor
                else:
                    lexicon.add_key(key, ActorForm(actor, generic=True))
    return lexicon, by_id, local


def _fill(name: str, country: str, definite: frozenset[str]) -> str:
    """A name pattern with its country: "Military Forces of the United States", "Civilians (Iraq)"."""
    if "{country}" not in name:
        return name
    article = "the " if country in definite else ""
    return name.replace("of {country}", "of " + article + "{country}").replace("{country}", country)


def _own_names(names: list[str]) -> list[str]:
    """The names a country's list gives it before its first nationality adjective (تركيا;
    الولايات المتحدة، أمريكا، أميركا، واشنطن): the country itself, not its cities."""
    own = []
    for name in names:
        word = normalize_string(name)
        if word.startswith("ال") and " " not in word and word.endswith("ي"):
            return own
        own.append(name)
    return names[:1]  # no adjective listed: the rest may be cities


def _demonym_forms(countries: dict[str, list[str]], spec: dict[str, Any]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for country, names in countries.items():
        extra = [normalize_string(word) for word in spec.get("demonyms", {}).get(country, [])]
        for demonym in {*_demonyms(names), *extra}:
            for form in (demonym, demonym + "ه", demonym + "ين", demonym + "ون", demonym + "ان"):
                forms.setdefault(form, country)
    return forms


def _slug(country: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in country.lower())


def _demonyms(names: list[str]) -> list[str]:
    """A country's masculine nationality adjectives (تركي، اميركي), normalized and without the
    article: the single words of its list that start with ال, end in ي and whose feminine (ـية)
    is listed too."""
    words = {name[2:] for name in map(normalize_string, names) if name.startswith("ال") and " " not in name}
    return sorted(word for word in words if word.endswith("ي") and word + "ه" in words)


def _force_phrases(force: dict[str, Any], demonym: str, broken_plurals: list[str]) -> list[str]:
    """Every name of one country's force: each noun with the masculine and the feminine adjective
    (الجيش التركي، القوات التركية، قوات الأمن التونسي/التونسية), each person noun with its agreeing
    adjective (جندي تركي، جنديين تركيين، جنود عراقيون، جنود أتراك)."""
    feminine = demonym + "ه"
    plural = (demonym + "ين", demonym + "ون", demonym + "ان", *broken_plurals)
    phrases = [f"{noun} {form}" for noun in force.get("nouns", []) for form in (demonym, feminine)]
    persons = force.get("persons", {})
    phrases += [f"{noun} {demonym}" for noun in persons.get("singular", [])]
    phrases += [f"{noun} {form}" for noun in persons.get("plural", []) for form in plural]
    return phrases


def _state_forces(
    spec: dict[str, Any],
    countries: dict[str, list[str]],
    lexicon: PhraseLexicon[ActorForm],
    by_id: dict[str, Actor],
    local: dict[tuple[str, ...], dict[str, Actor]],
    listed_keys: set[tuple[str, ...]],
) -> tuple[dict[tuple[str, ...], dict[str, Actor]], dict[str, dict[str, Actor]]]:
    """Generate each country's military and police (their names with the country's adjectives)
    and the universal generic names, matched as one pattern actor per force. A listed actor keeps
    its id (iraq.military); a listed name always wins over a generated one."""
    prefixes = {actor.state_of: actor.id.split(".")[0] for actor in by_id.values() if actor.state_of}
    localized: dict[tuple[str, ...], dict[str, Actor]] = {}
    forces: dict[str, dict[str, Actor]] = {}
    for force in spec.get("forces", []):
        kind = force["force"]
        pattern = Actor(
            id=f"state_forces.{kind}",
            name=force["name"],
            inter=1,
            country=None,
            role="actor",
            kind="state",
            state_of="{country}",
            inter_abroad=8,
            is_pattern=True,
            force=kind,
        )
        by_id[pattern.id] = pattern
        own: dict[str, Actor] = {}
        for country, names in countries.items():
            actor = next(
                (
                    a
                    for a in by_id.values()
                    if a.state_of == country and a.parent is None and a.government is None and a.id.endswith(f".{kind}")
                ),
                None,
            )
            if actor is None:
                actor = Actor(
                    id=f"{prefixes.get(country, _slug(country))}.{kind}",
                    name=_fill(force["name"], country, frozenset(spec.get("definite_article", []))),
                    inter=1,
                    country=country,
                    role="actor",
                    kind="state",
                    state_of=country,
                    inter_abroad=8,
                    force=kind,
                )
                by_id[actor.id] = actor
            own[country] = actor
            broken = spec.get("broken_plurals", {}).get(country, [])
            extra = [normalize_string(word) for word in spec.get("demonyms", {}).get(country, [])]
            for demonym in sorted({*_demonyms(names), *extra}):
                for phrase in _force_phrases(force, demonym, broken):
                    key = phrase_key(phrase)
                    if key not in listed_keys:
                        lexicon.add_key(key, ActorForm(actor, generic=False))
        forces[kind] = dict(own)
        for country, actor_id in spec.get("force_of", {}).get(kind, {}).items():
            forces[kind][country] = by_id[actor_id]  # Palestine: «الجيش» is the Israeli army
        for alias in force.get("generic_aliases", []):
            key = phrase_key(alias)
            if key in listed_keys:
                continue  # a listed specific name wins (قوات مكافحة الإرهاب is the Iraqi CTS)
            lexicon.add_key(key, ActorForm(pattern, generic=False))
            localized[key] = {**forces[kind], **local.get(key, {})}
    return localized, forces


def _modality(spec: dict[str, Any]) -> PhraseLexicon[ModalityCue]:
    lexicon: PhraseLexicon[ModalityCue] = PhraseLexicon()
    for kind in ("negated", "hypothetical", "planned", "background"):
        for scope, cues in spec[kind].items():
            lexicon.add_all(cues, ModalityCue(kind, scope))  # type: ignore[arg-type]
    return lexicon


def _governments(spec: dict[str, Any]) -> dict[str, list[GovernmentPeriod]]:
    return {
        country: [
            GovernmentPeriod(
                dt.date.fromisoformat(period["from"]),
                dt.date.fromisoformat(period["to"]) if period.get("to") else None,
                period["label"],
                period.get("faction"),
            )
            for period in periods
        ]
        for country, periods in spec.items()
        if not country.startswith("_")
    }


@cache
def load_codebook() -> Codebook:
    taxonomy = _sub_event_types(_read("taxonomy.json"))
    trigger_spec = _read("triggers.json")
    triggers = _triggers(trigger_spec, taxonomy)
    cue_sets: dict[str, PhraseLexicon[str]] = {}
    for name, phrases in trigger_spec["cue_sets"].items():
        cue_sets[name] = PhraseLexicon()
        cue_sets[name].add_all(phrases, name)
    actor_spec = _read("actors.json")
    forces_spec = actor_spec.get("state_forces", {})
    universal = frozenset(
        phrase_key(alias) for force in forces_spec.get("forces", []) for alias in force.get("generic_aliases", [])
    )
    actors, actors_by_id, local = _actors(actor_spec, universal)
    listed_keys = {
        phrase_key(alias)
        for entries in ("actors", "patterns")
        for entry in actor_spec.get(entries, [])
        for alias in entry.get("aliases", [])
    }
    country_names = {
        country: names for country, names in _read("countries.json").items() if not country.startswith("_")
    }
    localized, forces = _state_forces(forces_spec, country_names, actors, actors_by_id, local, listed_keys)
    modality_spec = _read("modality.json")
    countries: PhraseLexicon[str] = PhraseLexicon()
    for country, names in country_names.items():
        countries.add_all(names, country)
    return Codebook(
        version=resources.files("marsad.codebook").joinpath("VERSION").read_text("utf-8").strip(),
        sub_event_types=taxonomy,
        triggers=triggers,
        triggers_by_id={form.trigger.id: form.trigger for form in triggers.payloads()},
        cue_sets=cue_sets,
        actors=actors,
        actors_by_id=actors_by_id,
        modality=_modality(modality_spec),
        modality_window=int(modality_spec["window"]),
        modality_windows={kind: int(size) for kind, size in modality_spec.get("windows", {}).items()},
        background_window=int(modality_spec["background_window"]),
        background_days=int(modality_spec["days_before_publication_for_background"]),
        governments=_governments(_read("governments.json")),
        countries=countries,
        localized=localized,
        forces=forces,
        local_readings=local,
        definite_countries=frozenset(forces_spec.get("definite_article", [])),
        country_names=frozenset(phrase_key(name) for names in country_names.values() for name in _own_names(names)),
        demonyms=_demonym_forms(country_names, forces_spec),
    )
