"""The codebook: versioned data files (taxonomy, triggers, actors, modality cues) and their loader.

The data live beside this module as JSON; this module only reads them into lexicons the
recognizer can match in one pass. Every event carries ``VERSION``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from marsad.codebook.inflect import Tense, verb_forms
from marsad.recognize.lexicon import PhraseLexicon

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

    def state_forces(self, country: str) -> Actor | None:
        """The main state forces actor of a country (its military), for "والعراقية" and the like."""
        candidates = [a for a in self.actors_by_id.values() if a.state_of == country and a.parent is None]
        military = [a for a in candidates if a.id.endswith(".military")]
        return (military or candidates or [None])[0]

    def sub_event(self, event_type: str, sub_event_type: str) -> SubEventType:
        return self.sub_event_types[(event_type, sub_event_type)]

    def actor_name(self, actor: Actor, on: dt.date | None, country: str | None) -> str:
        """ACLED's actor name: state forces carry the head-of-government period in force on the
        event date, patterns the country (Unidentified Armed Group (Iraq))."""
        name = actor.name
        if "{country}" in name:
            name = name.replace("{country}", country or "International")
        if actor.state_of and on is not None:
            for period in self.governments.get(actor.state_of, []):
                if period.start <= on and (period.end is None or on < period.end):
                    name = f"{name} ({period.label})"
                    break
        return f"{name} {actor.branch}" if actor.branch else name


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


def _actors(spec: dict[str, Any]) -> tuple[PhraseLexicon[ActorForm], dict[str, Actor]]:
    lexicon: PhraseLexicon[ActorForm] = PhraseLexicon()
    by_id: dict[str, Actor] = {}
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
                valid_from=dt.date.fromisoformat(entry["valid_from"]) if entry.get("valid_from") else None,
                valid_to=dt.date.fromisoformat(entry["valid_to"]) if entry.get("valid_to") else None,
            )
            by_id[actor.id] = actor
            lexicon.add_all(entry.get("aliases", []), ActorForm(actor, generic=False))
            lexicon.add_all(entry.get("generic_aliases", []), ActorForm(actor, generic=True))
    return lexicon, by_id


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
    actors, actors_by_id = _actors(_read("actors.json"))
    modality_spec = _read("modality.json")
    countries: PhraseLexicon[str] = PhraseLexicon()
    for country, names in _read("countries.json").items():
        if not country.startswith("_"):
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
    )
