"""One pass of every lexicon over a document's tokens, sorted into what the event stage needs."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from marsad.codebook import ActorForm, Codebook, ModalityCue, TriggerForm, load_codebook
from marsad.recognize.lexicon import LexiconMatch, PhraseLexicon, longest_matches, phrase_key
from marsad.text.segment import Tokens

CountRole = Literal["killed", "injured", "arrested", "bodies"]


_DEMONYM_ENDINGS = ("ي", "يه", "يين", "يون")


@dataclass(frozen=True)
class CueHit:
    cue_set: str


@dataclass(frozen=True)
class CountWord:
    role: CountRole
    kind: Literal["role", "role_noun"]


@dataclass(frozen=True)
class PersonNoun:
    pass


@dataclass(frozen=True)
class SinglePerson:
    """A singular noun for one person (جندي، طفل): after a role word it is a count of one."""


@dataclass(frozen=True)
class VictimLink:
    pass


@dataclass(frozen=True)
class CountryName:
    country: str


@dataclass(frozen=True)
class PlaceType:
    word: str  # normalized type word: محافظه، منطقه …
    specificity: int


@dataclass(frozen=True)
class CountRules:
    window: int


@dataclass
class Recognized:
    """Everything the lexicons found in one document, as token-indexed lists."""

    tokens: Tokens
    text: str  # the normalized text the tokens index into
    triggers: list[LexiconMatch[TriggerForm]]
    actors: list[LexiconMatch[ActorForm]]
    modality: list[LexiconMatch[ModalityCue]]
    cues: list[LexiconMatch[CueHit]]
    count_words: list[LexiconMatch[CountWord]]
    person_nouns: set[int]
    victim_links: list[LexiconMatch[VictimLink]]
    countries: list[LexiconMatch[CountryName]]
    place_types: list[LexiconMatch[PlaceType]]
    country_focus: str | None
    focus_is_named: bool = False  # the focus rests on a place name, not only on an adjective (التركي)
    cue_positions: dict[str, list[int]] = field(default_factory=dict)
    single_persons: set[int] = field(default_factory=set)  # one person named by a singular noun

    def token_at(self, norm_offset: int) -> int:
        """Index of the token that contains (or first follows) a normalized offset."""
        index = bisect_right(self.tokens.starts, norm_offset) - 1
        return max(index, 0)

    def token_range(self, norm_start: int, norm_end: int) -> range:
        starts = self.tokens.starts
        return range(bisect_left(starts, norm_start), bisect_left(starts, norm_end))

    def has_cue(self, cue_set: str, tokens: range) -> bool:
        positions = self.cue_positions.get(cue_set, [])
        index = bisect_left(positions, tokens.start)
        return index < len(positions) and positions[index] < tokens.stop


@cache
def place_words() -> dict[str, Any]:
    """events/data/places.json: place-type words, name prefixes and words that are never names."""
    return json.loads(resources.files("marsad.events.data").joinpath("places.json").read_text("utf-8"))


@cache
def _read_counts() -> dict[str, Any]:
    return json.loads(resources.files("marsad.events.data").joinpath("counts.json").read_text("utf-8"))


@cache
def count_rules() -> CountRules:
    return CountRules(window=int(_read_counts()["window"]))


@cache
def combined_lexicon() -> PhraseLexicon[Any]:
    """Triggers, actors, modality cues, cue sets, count words and country names in one index."""
    codebook: Codebook = load_codebook()
    lexicon: PhraseLexicon[Any] = PhraseLexicon()
    lexicon.extend(codebook.triggers)
    lexicon.extend(codebook.actors)
    lexicon.extend(codebook.modality)
    for name, cues in codebook.cue_sets.items():
        lexicon.extend(_retag(cues, lambda _name, hit=CueHit(name): hit))
    counts = _read_counts()
    for role, words in counts["roles"].items():
        lexicon.add_all(words, CountWord(role, "role"))
    for role, words in counts["role_nouns"].items():
        lexicon.add_all(words, CountWord(role, "role_noun"))
    lexicon.add_all(counts["person_nouns"], PersonNoun())
    lexicon.add_all(counts["single_persons"], SinglePerson())
    lexicon.add_all(counts["victim_links"], VictimLink())
    lexicon.extend(_retag(codebook.countries, CountryName))
    for word, specificity in place_words()["types"].items():
        lexicon.add(word, PlaceType(" ".join(phrase_key(word)), int(specificity)))
    return lexicon


def _retag(lexicon: PhraseLexicon[str], tag: Callable[[str], Any]) -> PhraseLexicon[Any]:
    """The same phrases with each payload wrapped, so they stay distinguishable in one index."""
    return lexicon.mapped(tag)


def _fitting_actors(matches: list[LexiconMatch[ActorForm]], focus: str | None) -> list[LexiconMatch[ActorForm]]:
    """Drop generic names that mean another actor in this document's country: التحالف is the
    global coalition in Iraq and Syria, the Saudi-led one in Yemen."""
    if focus is None:
        return matches
    return [
        match
        for match in matches
        if not (match.payload.generic and match.payload.actor.generic_countries)
        or focus in match.payload.actor.generic_countries
    ]


def recognize(tokens: Tokens, text: str) -> Recognized:
    matches = combined_lexicon().match(tokens)
    sorted_out: dict[type, list[LexiconMatch[Any]]] = {}
    for match in matches:
        sorted_out.setdefault(type(match.payload), []).append(match)
    cues = sorted(sorted_out.get(CueHit, []), key=lambda m: m.first_token)
    cue_positions: dict[str, list[int]] = {}
    for cue in cues:
        cue_positions.setdefault(cue.payload.cue_set, []).append(cue.first_token)
    countries = longest_matches(sorted_out.get(CountryName, []))
    # a place name is better evidence of where a report is than a nationality adjective (التركية)
    weights: Counter[str] = Counter()
    named: set[str] = set()  # countries the text names a place of, not just an adjective of
    for match in countries:
        surface = tokens.surfaces[match.first_token]
        demonym = match.first_token == match.last_token and surface.endswith(_DEMONYM_ENDINGS)
        weights[match.payload.country] += 1 if demonym else 3
        if not demonym:
            named.add(match.payload.country)
    focus = weights.most_common(1)
    return Recognized(
        tokens=tokens,
        text=text,
        triggers=longest_matches(sorted_out.get(TriggerForm, [])),
        actors=longest_matches(_fitting_actors(sorted_out.get(ActorForm, []), focus[0][0] if focus else None)),
        modality=longest_matches(sorted_out.get(ModalityCue, [])),
        cues=cues,
        count_words=longest_matches(sorted_out.get(CountWord, [])),
        person_nouns={m.first_token for m in sorted_out.get(PersonNoun, [])},
        single_persons={m.first_token for m in sorted_out.get(SinglePerson, [])},
        victim_links=longest_matches(sorted_out.get(VictimLink, [])),
        countries=countries,
        place_types=longest_matches(sorted_out.get(PlaceType, [])),
        country_focus=focus[0][0] if focus else None,
        focus_is_named=bool(focus) and focus[0][0] in named,
        cue_positions=cue_positions,
    )
