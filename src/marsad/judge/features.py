"""What the news judge reads: features of one candidate event in its article, and of the article.

Every feature is a number with a name, so a model is a readable table of weights
(``data/event_judge.json``, ``data/security_judge.json``) and a verdict can be explained.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

from marsad.events.frames import Frame
from marsad.judge.sentence import EVENT_TYPES, packaged_model, sentence_cues
from marsad.text.layout import Layout
from marsad.text.normalize import NormalizedText, normalize_string

# ACLED event type -> the short name its features carry
TYPE_KEYS = {
    "Battles": "battles",
    "Explosions/Remote violence": "remote",
    "Violence against civilians": "civilians",
    "Protests": "protests",
    "Riots": "riots",
    "Strategic developments": "strategic",
}
# which sentence model reads an event of each type: protest and riot sentences look like
# protests, everything else like an assault
_SENTENCE_MODEL = {"Protests": "PROTEST", "Riots": "PROTEST"}
_CUES_READ = ("past", "negation", "threat", "plan", "reporting", "statistics", "opinion", "recent_time")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"[^\W\d_]+")
# a sentence that opens in the pluperfect or with a reminder: وكان … قد، يذكر أن، يشار إلى أن
_BACKGROUND_OPENINGS = tuple(
    normalize_string(word)
    for word in ("وكان", "وكانت", "وكانوا", "كان", "كانت", "يذكر", "ويذكر", "يشار", "ويشار", "يذكر ان", "سبق", "وسبق")
)
_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_LOGIT_BOUND = 6.0


def logit(probability: float) -> float:
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    return max(-_LOGIT_BOUND, min(_LOGIT_BOUND, math.log(probability / (1 - probability))))


def sentence_model_type(event_type: str) -> str:
    """The sentence model (PLOVER type) that reads a candidate of an ACLED event type."""
    return _SENTENCE_MODEL.get(event_type, "ASSAULT")


@lru_cache(maxsize=4096)  # a sentence with several candidates is read once
def sentence_probability(event_type: str, sentence: str) -> float:
    """The shipped sentence model's probability, 0.5 when no model ships (it then says nothing)."""
    model = packaged_model(sentence_model_type(event_type))
    return model.probability(sentence) if model is not None else 0.5


@lru_cache(maxsize=4096)
def _sentence_cues(normalized_sentence: str) -> frozenset[str]:
    """The cue categories of a sentence (a sentence with several candidates is read once)."""
    cues = sentence_cues()
    return frozenset(cues.names[k] for k in cues.categories(_TOKEN.findall(normalized_sentence)))


@dataclass(frozen=True)
class ArticleContext:
    """What the judge knows of the whole article before it reads one event."""

    nt: NormalizedText
    layout: Layout
    published: dt.date | None
    frames: Sequence[Frame]  # every candidate's frame, in text order
    # (event type, sentence) -> the sentence model's probability; training passes out-of-fold ones
    sentence_probability: Callable[[str, str], float] = sentence_probability

    @cached_property
    def headline_families(self) -> frozenset[str]:
        """The families of the events the headline and the lead tell."""
        places = [self.layout.place_of(frame.sentence) for frame in self.frames]
        return frozenset(
            _family(frame.event_type)
            for frame, place in zip(self.frames, places, strict=True)
            if place.in_title or place.in_lead
        )


def _opening(text: str) -> str:
    words = _WORD.findall(text[:40])
    return words[0] if words else ""


def _in_quotes(nt: NormalizedText, frame: Frame) -> bool:
    """Inside a quotation of the sentence: an odd number of quote marks before the trigger."""
    before = nt.text[frame.sentence.norm_start : frame.trigger.norm_start]
    return before.count('"') % 2 == 1


def _family(event_type: str) -> str:
    return {"Riots": "Protests", "Violence against civilians": "Battles"}.get(event_type, event_type)


def event_features(frame: Frame, event: dict[str, Any], context: ArticleContext) -> dict[str, float]:
    """The features of one candidate event (the keys of ``data/event_judge.json``'s weights)."""
    layout = context.layout
    place = layout.place_of(frame.sentence)
    sentence = frame.sentence.text
    features: dict[str, float] = {f"type_{key}": 0.0 for key in TYPE_KEYS.values()}
    features[f"type_{TYPE_KEYS[event['event_type']]}"] = 1.0
    features["sentence_logit"] = logit(context.sentence_probability(event["event_type"], sentence))
    # where a sentence stands says something only in an article of several sentences
    single = len(layout.sentences) == 1
    features["in_title"] = float(place.in_title and not single)
    features["in_lead"] = float(place.in_lead and not single)
    features["body_fraction"] = 0.0 if single else place.fraction
    features["late_in_body"] = float(place.fraction > 0.66 and not place.in_lead and not single)
    for kind in ("background", "negated", "hypothetical", "planned"):
        features[f"modality_{kind}"] = float(event["modality"] == kind)
    source = (event.get("date") or {}).get("source")
    for kind in ("sentence", "narrative", "lead", "publication"):
        features[f"date_{kind}"] = float(source == kind)
    days = None
    if context.published is not None and event.get("event_date"):
        days = (context.published - dt.date.fromisoformat(event["event_date"])).days
    features["days_0_1"] = float(days is not None and 0 <= days <= 1)
    features["days_2_7"] = float(days is not None and 2 <= days <= 7)
    features["days_over_7"] = float(days is not None and days > 7)
    features["future"] = float(days is not None and days < 0)
    counts = event.get("counts") or []
    # a sentence whose only figures are totals over a period or a war tells a statistic
    features["only_statistics"] = float(bool(counts) and all(count.get("statistic") for count in counts))
    features["has_killed"] = float(event.get("fatalities") is not None)
    features["has_injured"] = float(event.get("injured") is not None)
    features["has_arrested"] = float(event.get("arrested") is not None)
    actor1 = event.get("actor1") or {}
    features["named_actor1"] = float(bool(actor1.get("span")))
    features["has_actor2"] = float(event.get("actor2") is not None)
    location = event.get("location") or {}
    features["located"] = float(location.get("geo_precision") is not None)
    features["place_named"] = float(bool(location.get("span")))
    features["strong_trigger"] = float(frame.strength == "strong")
    features["verb_trigger"] = float(frame.trigger.payload.part_of_speech == "verb")
    # «الغارات», «القصف»: a definite noun points back to strikes already known, unless the sentence
    # itself has a verb of the act («شنت الطائرات غارات»)
    features["definite_noun_only"] = float(
        all(match.payload.part_of_speech == "noun" and "ال" in match.proclitics for match in frame.triggers)
    )
    features["unconfirmed"] = float(not frame.confirmed)
    features["background_opening"] = float(
        _opening(context.nt.text[frame.sentence.norm_start :]) in _BACKGROUND_OPENINGS
    )
    features["in_quotes"] = float(_in_quotes(context.nt, frame))
    found = _sentence_cues(context.nt.text[frame.sentence.norm_start : frame.sentence.norm_end])
    for cue in _CUES_READ:
        features[f"cue_{cue}"] = float(cue in found)
    # does the headline or lead tell an event of the same family? then a body sentence of that
    # family is most likely the same news told again, or its detail
    family = _family(event["event_type"])
    features["family_in_title_or_lead"] = float(family in context.headline_families and not single)
    features["log_candidates"] = math.log1p(len(context.frames))
    features["single_sentence"] = float(single)
    return features


@dataclass(frozen=True)
class _TopicWords:
    names: tuple[str, ...]
    words: dict[str, tuple[int, ...]]  # a word -> the topics it belongs to
    prefixes: tuple[tuple[str, int], ...]  # (prefix, topic) for terms written with *
    phrases: dict[str, tuple[tuple[tuple[str, ...], int], ...]]  # first word -> (rest, topic)


@cache
def _topics() -> _TopicWords:
    spec = json.loads(resources.files("marsad.judge.data").joinpath("topics.json").read_text("utf-8"))
    names = tuple(spec["topics"])
    words: dict[str, list[int]] = {}
    prefixes: list[tuple[str, int]] = []
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for topic, terms in enumerate(spec["topics"].values()):
        for term in terms:
            normalized = normalize_string(term)
            parts = tuple(part.removeprefix("ال") for part in normalized.rstrip("*").split())
            if normalized.endswith("*") and len(parts) == 1:
                prefixes.append((parts[0], topic))
            elif len(parts) > 1:
                phrases.setdefault(parts[0], []).append((parts[1:], topic))
            else:
                words.setdefault(parts[0], []).append(topic)
    return _TopicWords(
        names,
        {word: tuple(topics) for word, topics in words.items()},
        tuple(prefixes),
        {first: tuple(rest) for first, rest in phrases.items()},
    )


@lru_cache(maxsize=65536)
def _bare(word: str) -> str:
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            return word[len(clitic) :]
    return word


@lru_cache(maxsize=65536)
def _word_topics(word: str) -> tuple[int, ...]:
    """The topics one word counts for, as a single word or by a prefix (computed once per word)."""
    topics = _topics()
    found = set(topics.words.get(word, ()))
    found.update(topic for prefix, topic in topics.prefixes if word.startswith(prefix))
    return tuple(sorted(found))


def topic_rates(text: str) -> dict[str, float]:
    """Hits per 100 words of each topic's terms in a normalized text (one pass over its words)."""
    topics = _topics()
    words = [_bare(word) for word in _WORD.findall(text)]
    hits = [0] * len(topics.names)
    for index, word in enumerate(words):
        for topic in _word_topics(word):
            hits[topic] += 1
        for rest, topic in topics.phrases.get(word, ()):
            if tuple(words[index + 1 : index + 1 + len(rest)]) == rest:
                hits[topic] += 1
    total = max(len(words), 1)
    return {name: 100.0 * hits[topic] / total for topic, name in enumerate(topics.names)}


def article_features(context: ArticleContext, events: Sequence[dict[str, Any]]) -> dict[str, float]:
    """The features of the article as a whole (the keys of ``data/security_judge.json``'s weights)."""
    layout = context.layout
    text = context.nt.text
    title = layout.title
    title_text = text[title.norm_start : title.norm_end] if title else ""
    body_text = text[title.norm_end :] if title else text
    features: dict[str, float] = {}
    for topic, rate in topic_rates(body_text).items():
        features[f"body_{topic}"] = math.log1p(rate)
    for topic, rate in topic_rates(title_text).items():
        features[f"title_{topic}"] = float(rate > 0)
    features["has_title"] = float(title is not None)
    in_head = [
        event
        for frame, event in zip(context.frames, events, strict=True)
        if (place := layout.place_of(frame.sentence)).in_title or place.in_lead
    ]
    features["candidates_in_title_or_lead"] = math.log1p(len(in_head))
    features["strong_in_title_or_lead"] = float(
        any(frame.strength == "strong" for frame in context.frames if layout.place_of(frame.sentence).in_title)
        or any(frame.strength == "strong" for frame in context.frames if layout.place_of(frame.sentence).in_lead)
    )
    sentences = max(len(layout.sentences), 1)
    with_candidates = {frame.sentence.norm_start for frame in context.frames}
    features["share_with_candidates"] = len(with_candidates) / sentences
    features["log_candidates"] = math.log1p(len(context.frames))
    features["with_figures"] = float(any(event.get("fatalities") or event.get("injured") for event in events))
    best = {event_type: 0.0 for event_type in EVENT_TYPES}
    for frame, event in zip(context.frames, events, strict=True):
        place = layout.place_of(frame.sentence)
        if place.in_title or place.in_lead:
            key = sentence_model_type(event["event_type"])
            best[key] = max(best[key], context.sentence_probability(event["event_type"], frame.sentence.text))
    features["best_head_assault"] = best["ASSAULT"]
    features["best_head_protest"] = best["PROTEST"]
    return features
