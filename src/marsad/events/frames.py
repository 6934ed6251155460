"""Event frames: from recognized triggers, actors, counts and dates to ACLED/PLOVER-coded events.

Per sentence: the triggers are typed (refined by the cue sets of their sentence), grouped into
frames (one per kind of violence; weak and strategic triggers fold into a violent frame of the
same sentence), given their modality, date, counts with roles, actors with roles and a place
mention. Frames of one document that describe the same event then merge (ACLED: same actors,
same day, same place).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from marsad.codebook import Codebook, ModalityKind, Trigger, TriggerForm, load_codebook
from marsad.events.actors import ActorRole, assign_roles, demonym_partners
from marsad.events.counts import Count, armed_people_at, find_counts
from marsad.events.places import PlaceMention, find_places
from marsad.events.recognized import Recognized, recognize
from marsad.geo.gazetteer import default_gazetteer
from marsad.recognize.lexicon import LexiconMatch, phrase_key
from marsad.recognize.ner import default_tagger
from marsad.text.dates import DateMention
from marsad.text.layout import Layout, article_layout
from marsad.text.normalize import NormalizedText
from marsad.text.numbers import NumberMention
from marsad.text.segment import Sentence, tokenize

VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests")
# Which frame wins a sentence when several kinds are present: lower is more specific.
_TYPE_RANK = {
    "Explosions/Remote violence": 0,
    "Violence against civilians": 1,
    "Battles": 2,
    "Riots": 3,
    "Protests": 4,
    "Strategic developments": 5,
}
# Words that introduce who is speaking, not who acted: المتحدث باسم الجيش، وفقا للشرطة.
_REPORTING_CUES = ("باسم", "المتحدث", "متحدث", "بيان", "وفقا", "حسب", "بحسب", "نقلا", "نقلت", "افاد", "افادت")
_CLAUSE_BREAK_WORDS = ("بينما", "فيما", "في حين", "لكن", "الا ان", "غير ان", "كما")
_ARMED_KINDS = ("state", "rebel", "militia", "identity", "external")
_PRECISION_CODE = {"day": 1, "week": 2, "month": 3, "year": 3}


@dataclass
class Frame:
    trigger: LexiconMatch[TriggerForm]
    event_type: str
    sub_event_type: str
    sentence: Sentence
    sentence_tokens: range
    modality: ModalityKind | None
    strength: str
    triggers: list[LexiconMatch[TriggerForm]] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    actor1: ActorRole | None = None
    assoc_actor_1: list[ActorRole] = field(default_factory=list)
    actor2: ActorRole | None = None
    assoc_actor_2: list[ActorRole] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)  # the sentence's places, best first
    date: DateMention | None = None
    date_source: str = "publication"
    paragraph: int = 0
    # a weak trigger (مقتل، هجوم) backed by a count, a date or its own confirming words in the
    # sentence; unconfirmed candidates are kept for the news judge to weigh
    confirmed: bool = True

    @property
    def place(self) -> PlaceMention | None:
        return self.places[0] if self.places else None


@dataclass
class DocumentFrames:
    frames: list[Frame]
    recognized: Recognized
    codebook: Codebook
    places: list[PlaceMention] = field(default_factory=list)  # every place mention of the document


def _has_own_cue(frame: Frame, kind: Literal["confirmed_by", "vetoed_by"], found: Recognized, tokens: range) -> bool:
    """Whether the sentence has the words that confirm a weak trigger of the frame (المتظاهرون with
    «رددوا هتافات») or that veto it (مقتل in a mine collapse or a road accident)."""
    cue_sets = {getattr(match.payload.trigger, kind) for match in frame.triggers} - {None}
    return any(found.has_cue(cue_set, tokens) for cue_set in cue_sets)


def _refined(trigger: Trigger, found: Recognized, tokens: range) -> tuple[str, str]:
    for rule in trigger.refine:
        if found.has_cue(rule.cue_set, tokens):
            return rule.event_type or trigger.event_type, rule.sub_event_type
    return trigger.event_type, trigger.sub_event_type


def _casualties_before(found: Recognized, sentence: range, position: int) -> bool:
    """Does the sentence report people killed or injured before ``position``? Then an event named
    after it (قتل جنديان بعد انفجار عبوة) is the cause of what it reports, not a reference."""
    return any(
        word.payload.role in ("killed", "injured") and sentence.start <= word.first_token < position
        for word in found.count_words
    )


def _modality(
    trigger: LexiconMatch[TriggerForm], found: Recognized, clause: range, sentence: range, codebook: Codebook
) -> ModalityKind | None:
    """The modality a cue gives the trigger, or None for asserted."""
    if "س" in trigger.proclitics and trigger.payload.tense == "present":
        return "planned"  # سيهاجم: the future proclitic
    if _purpose(trigger, found):
        return _purpose_rule()[0]
    position = trigger.first_token
    for cue in found.modality:
        if cue.payload.scope == "sentence_after" and sentence.start <= cue.first_token and cue.last_token < position:
            return cue.payload.kind
        if cue.last_token >= position or cue.first_token < clause.start:
            continue
        distance = position - cue.last_token
        kind, scope = cue.payload.kind, cue.payload.scope
        if scope == "next_word" and distance == 1:
            return kind
        if scope == "next_present_verb" and distance == 1 and trigger.payload.tense == "present":
            return kind
        if (
            scope == "next_noun"
            and distance == 1
            and trigger.payload.part_of_speech == "noun"
            and not _casualties_before(found, sentence, cue.first_token)
        ):
            return kind
        if scope == "window":
            window = (
                codebook.background_window
                if kind == "background"
                else codebook.modality_windows.get(kind, codebook.modality_window)
            )
            if distance <= window:
                return kind
    for cue in found.modality:  # cues that cover their whole clause, before or after the trigger
        if cue.payload.scope == "clause" and clause.start <= cue.first_token < clause.stop:
            return cue.payload.kind
    return None


_UNDERGOING = ("تعرض", "يتعرض", "تتعرض")


@cache
def _purpose_rule() -> tuple[ModalityKind, frozenset[str]]:
    spec = json.loads(resources.files("marsad.codebook").joinpath("modality.json").read_text("utf-8"))["purpose"]
    return spec["kind"], frozenset(" ".join(phrase_key(word)) for word in spec["not_after"])


def _purpose(trigger: LexiconMatch[TriggerForm], found: Recognized) -> bool:
    """لضرب، للقبض على، ليقصفوا: a trigger with the preposition ل names an aim, unless a word just
    before says it was undergone (تعرضت دورية لهجوم)."""
    if "ل" not in trigger.proclitics or trigger.payload.trigger.event_type == "Protests":
        # «نزل الآلاف إلى الشوارع للاحتجاج على …»: the aim of a crowd's march is the protest itself
        return False
    surfaces = found.tokens.surfaces
    first = trigger.first_token
    before = {phrase_key(surface)[0] for surface in surfaces[max(0, first - 3) : first]}
    pairs = {" ".join(phrase_key(" ".join(surfaces[i : i + 2]))) for i in range(max(0, first - 3), first - 1)}
    if (before | pairs) & _purpose_rule()[1]:
        return False
    # «تعرضت وزيرة الدولة …، فلانة، لمحاولة اغتيال»: the verb of undergoing may stand far before
    text = found.text
    sentence_start = max(text.rfind(".", 0, trigger.norm_start), text.rfind("\n", 0, trigger.norm_start))
    return not any(
        phrase_key(surfaces[i])[0].startswith(_UNDERGOING)
        for i in range(max(0, first - 15), first)
        if found.tokens.starts[i] > sentence_start
    )


def _clauses(found: Recognized, sentence_tokens: range, text: str) -> list[range]:
    """Split a sentence's tokens where punctuation or a clause-opening word separates them."""
    tokens = found.tokens
    breaks = [sentence_tokens.start]
    for index in range(sentence_tokens.start + 1, sentence_tokens.stop):
        gap = text[tokens.starts[index - 1] + len(tokens.surfaces[index - 1]) : tokens.starts[index]]
        if any(mark in gap for mark in ",;:") or tokens.surfaces[index] in _CLAUSE_BREAK_WORDS:
            breaks.append(index)
    breaks.append(sentence_tokens.stop)
    return [range(a, b) for a, b in itertools.pairwise(breaks) if a < b]


def _clause_of(clauses: list[range], token: int) -> range:
    for clause in clauses:
        if token in clause:
            return clause
    return clauses[-1] if clauses else range(token, token + 1)


_COMPLEMENTIZERS = frozenset({"ان", "بان", "وان", "انه", "بانه"})


def _is_reporting_position(found: Recognized, token: int) -> bool:
    """Is the actor at ``token`` the one who speaks (قال المتحدث باسم الجيش)? Not when «أن» comes
    between: «أفاد مواطنون بأن الحوثيين قصفوا» makes the Houthis the doers."""
    surfaces = found.tokens.surfaces
    for i in range(token - 1, max(-1, token - 4), -1):
        if surfaces[i] in _COMPLEMENTIZERS:
            return False
        if surfaces[i].removeprefix("و") in _REPORTING_CUES or surfaces[i] in _REPORTING_CUES:
            return True
    return False


def _sentence_actors(found: Recognized, tokens: range) -> list[ActorRole]:
    roles = []
    for match in found.actors:
        if match.first_token not in tokens:
            continue
        actor = match.payload.actor
        if actor.role == "source" or _is_reporting_position(found, match.first_token):
            continue
        roles.append(ActorRole(actor, match.norm_start, match.norm_end, match.first_token))
    return roles


def _by_target(frame: Frame, found: Recognized) -> None:
    """An attack on civilians is violence against civilians; on an armed actor, a battle. Without a
    named target, the people the report counts as killed or injured tell who was attacked (9 جنود)."""
    trigger = frame.trigger.payload.trigger
    if not trigger.by_target:
        return
    target_kind = None
    if frame.actor2 is not None:
        kind = frame.actor2.actor.kind
        target_kind = "civilians" if kind == "civilians" else ("armed" if kind in _ARMED_KINDS else None)
    elif _armed_object(frame, found) or any(
        count.role in ("killed", "injured") and count.counts_armed_people(found) for count in frame.counts
    ):
        target_kind = "armed"
    if target_kind and target_kind in trigger.by_target and frame.event_type == trigger.event_type:
        frame.event_type, frame.sub_event_type = trigger.by_target[target_kind]


_OBJECT_MARKERS = frozenset({"على", "ضد"})


def _armed_object(frame: Frame, found: Recognized) -> bool:
    """Soldiers, police or fighters right after «على» or «ضد» following the trigger (فتحوا النار
    على الشرطيين): the attack was on an armed side. The word right after a verb is its subject."""
    surfaces = found.tokens.surfaces
    last = frame.trigger.last_token
    return any(
        surfaces[token - 1] in _OBJECT_MARKERS and armed_people_at(found, token)
        for token in range(last + 2, min(len(surfaces), last + 5))
    )


_CROWDS = frozenset({"protesters", "rioters"})


def _crowd_clash(frame: Frame) -> None:
    """A clash in which one side is a crowd (مواجهات بين قوات الأمن ومتظاهرين، اشتبك فلسطينيون مع
    الجيش) is a riot for ACLED."""
    if frame.event_type != "Battles" or frame.sub_event_type != "Armed clash":
        return
    sides = [role.actor.kind for role in (frame.actor1, frame.actor2) if role is not None]
    civilians_fight = frame.actor1 is not None and frame.actor1.actor.kind == "civilians"
    if any(kind in _CROWDS for kind in sides) or civilians_fight:
        frame.event_type, frame.sub_event_type = "Riots", "Violent demonstration"
        if frame.actor2 is not None and frame.actor2.actor.kind in _CROWDS:
            frame.actor1, frame.actor2 = frame.actor2, frame.actor1  # ACLED: the rioters come first


def build_frames(
    nt: NormalizedText,
    sentences: list[Sentence],
    numbers: list[NumberMention],
    dates: list[DateMention],
    published: dt.date | None,
    layout: Layout | None = None,
) -> DocumentFrames:
    codebook = load_codebook()
    nt_text = nt.text
    layout = layout or article_layout(nt, sentences)
    found = recognize(tokenize(nt), nt_text)
    counts = find_counts(found, numbers, nt)
    trigger_sentences = [s for s in sentences if any(s.norm_start <= t.norm_start < s.norm_end for t in found.triggers)]
    gazetteer, _ = default_gazetteer()
    event_ranges = [found.token_range(s.norm_start, s.norm_end) for s in trigger_sentences]
    entities = default_tagger().entities(nt, trigger_sentences, found.tokens)
    places = find_places(found, entities, gazetteer, event_ranges)
    found.triggers = _event_triggers(found, places)
    frames: list[Frame] = []
    for sentence in sentences:
        sentence_tokens = found.token_range(sentence.norm_start, sentence.norm_end)
        triggers = [m for m in found.triggers if m.first_token in sentence_tokens]
        if not triggers:
            continue
        clauses = _clauses(found, sentence_tokens, nt_text)
        sentence_counts = [c for c in counts if c.token in sentence_tokens]
        sentence_dates = [d for d in dates if sentence.norm_start <= d.norm_start < sentence.norm_end]
        typed: list[tuple[LexiconMatch[TriggerForm], str, str, ModalityKind | None]] = []
        for match in triggers:
            clause = _clause_of(clauses, match.first_token)
            # the weapon words of another clause belong to another act (… إثر تفجير سيارة، ويأتي
            # الهجوم غداة غارات الطيران الحربي)
            event_type, sub_event_type = _refined(match.payload.trigger, found, clause)
            modality = _modality(match, found, clause, sentence_tokens, codebook)
            typed.append((match, event_type, sub_event_type, modality))
        sentence_frames = _group(_toll_governs_its_act(typed, clauses), sentence, sentence_tokens)
        _charges_of_arrests(sentence_frames, sentence_counts)
        confirmed = bool(sentence_counts) or bool(sentence_dates)
        for frame in sentence_frames:
            if frame.strength == "weak" and _has_own_cue(frame, "vetoed_by", found, sentence_tokens):
                continue
            frame.confirmed = frame.strength != "weak" or (
                confirmed or _has_own_cue(frame, "confirmed_by", found, sentence_tokens)
            )
            frame.counts = [
                c
                for c in sentence_counts
                if (c.role != "arrested" or _takes_arrests(frame, sentence_frames))
                and (frame.modality is not None or not _in_recalled_toll(c, typed, frame))
            ]
            frame.dates = sentence_dates
            frame.paragraph = layout.place_of(sentence).paragraph
            actors = _sentence_actors(found, sentence_tokens)
            clause = _clause_of(clauses, frame.trigger.first_token)
            victims = {count.victim_token for count in frame.counts if count.victim_token is not None}
            roles = assign_roles(
                actors,
                frame.trigger.first_token,
                frame.trigger.last_token,
                frame.trigger.payload.part_of_speech == "verb",
                clause,
                victims,
                found,
                protest=frame.event_type in ("Protests", "Riots"),
                clash=frame.event_type == "Battles",
                sentence_start=sentence_tokens.start,
            )
            frame.actor1, frame.actor2 = roles.actor1, roles.actor2
            frame.assoc_actor_1, frame.assoc_actor_2 = roles.assoc_actor_1 or [], roles.assoc_actor_2 or []
            if frame.actor1 is not None:
                frame.assoc_actor_1 += [
                    partner
                    for partner in demonym_partners(found, codebook, frame.actor1)
                    if partner.actor.id != frame.actor1.actor.id
                ]
            _by_target(frame, found)
            _crowd_clash(frame)
            frame.places = _places_for(frame, places)
            frames.append(frame)
    _date_frames(frames, published, codebook, _lead_date(layout, dates, published))
    return DocumentFrames(_split_by_place(_split_by_date(frames), found), found, codebook, places)


_TOLL_REACH = 8  # tokens from «مقتل» to the act it names: «بعد مقتل 32 شخصا في تفجير انتحاري»


def _toll_governs_its_act(
    typed: list[tuple[LexiconMatch[TriggerForm], str, str, ModalityKind | None]], clauses: list[range]
) -> list[tuple[LexiconMatch[TriggerForm], str, str, ModalityKind | None]]:
    """A toll told as a reference (بعد مقتل 32 شخصا في تفجير انتحاري، عقب مقتل جندي بهجوم) takes
    the act it names with it: the bombing is recalled, not reported."""
    tolls = [
        (match.first_token, modality)
        for match, _, _, modality in typed
        if match.payload.trigger.id in _CONSEQUENCE_TRIGGERS and modality is not None
    ]
    if not tolls:
        return typed
    out = []
    for match, event_type, sub_event_type, modality in typed:
        if modality is None and match.payload.trigger.id not in _CONSEQUENCE_TRIGGERS:
            clause = _clause_of(clauses, match.first_token)
            for token, kind in tolls:
                if 0 < match.first_token - token <= _TOLL_REACH and token in clause:
                    modality = kind
                    break
        out.append((match, event_type, sub_event_type, modality))
    return out


def _in_recalled_toll(
    count: Count, typed: list[tuple[LexiconMatch[TriggerForm], str, str, ModalityKind | None]], frame: Frame
) -> bool:
    """Is the count the figure of a toll told as a reference (بعد مقتل 32 شخصا) in another frame?
    Then it is not the figure of this frame's news."""
    return any(
        match.payload.trigger.id in _CONSEQUENCE_TRIGGERS
        and modality is not None
        and match not in frame.triggers
        and 0 < count.token - match.last_token <= _TOLL_REACH
        for match, _, _, modality in typed
    )


def _charges_of_arrests(sentence_frames: list[Frame], counts: list[Count]) -> None:
    """After an arrest, a general word of violence names what the arrested did or planned (اعتقال
    ثمانية يشتبه في تخطيطهم لاعتداءات، خال منفذ الهجوم): the charge, not a second event, unless
    the sentence gives its dead or wounded after the arrest."""
    arrests = [
        frame.trigger.first_token
        for frame in sentence_frames
        if frame.sub_event_type == "Arrests" and frame.strength == "strong" and frame.modality is None
    ]
    if not arrests:
        return
    after = min(arrests)
    if any(count.role in ("killed", "injured") and count.token > after for count in counts):
        return
    for frame in sentence_frames:
        violent = frame.event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence")
        if violent and frame.strength == "weak" and frame.modality is None and frame.trigger.first_token > after:
            frame.modality = "background"


def _event_triggers(found: Recognized, places: list[PlaceMention]) -> list[LexiconMatch[TriggerForm]]:
    """Triggers that name events: not the words inside a name (ساحة التحرير، هيئة تحرير الشام) and not
    the object of a trigger that consumes it (فككت عبوة ناسفة: the bomb did not go off)."""
    inside_names: set[int] = set()
    for actor in found.actors:
        if actor.last_token > actor.first_token:
            inside_names.update(range(actor.first_token + 1, actor.last_token + 1))
    for place in places:
        if place.kind != "known":
            inside_names.update(range(place.token + 1, found.token_at(place.norm_end - 1) + 1))
    kept: list[LexiconMatch[TriggerForm]] = []
    consumed_until = -1
    for match in found.triggers:
        if match.first_token in inside_names or match.first_token <= consumed_until:
            continue
        kept.append(match)
        reach = match.payload.trigger.consumes_following
        if reach:
            consumed_until = max(consumed_until, match.last_token + reach)
    return kept


def _takes_arrests(frame: Frame, sentence_frames: list[Frame]) -> bool:
    """Arrests go to an arrest frame of the sentence if there is one, else to the violent frame."""
    has_arrest_frame = any(f.sub_event_type == "Arrests" for f in sentence_frames)
    return frame.sub_event_type == "Arrests" or not has_arrest_frame


def _group(
    typed: list[tuple[LexiconMatch[TriggerForm], str, str, ModalityKind | None]], sentence: Sentence, tokens: range
) -> list[Frame]:
    """One frame per event type in the sentence; weak and strategic triggers fold into a violent
    frame when there is one (قتل in a sentence about an airstrike is the airstrike's toll)."""
    # a planned or denied attack is no act for an arrest or a toll to belong to (اعتقال ثمانية يخططون
    # لارتكاب اعتداءات is an arrest)
    strong_violent = [
        t for t in typed if t[0].payload.trigger.strength == "strong" and t[1] in VIOLENT_TYPES and t[3] is None
    ]
    frames: dict[str, Frame] = {}
    for match, event_type, sub_event_type, modality in sorted(typed, key=_head_order):
        strength = match.payload.trigger.strength
        folds = strong_violent and (strength == "weak" or event_type not in VIOLENT_TYPES)
        key = _TYPE_FAMILY.get(event_type, event_type)
        if folds and frames:
            first = next(iter(frames.values()))
            first.triggers.append(match)
            continue
        # a death the sentence attributes to an act it names (مقتل جنديين في تفجير سيارة) is that
        # act's toll, not a second event, whatever the two words' strength
        acts = [f for f in frames.values() if f.event_type in VIOLENT_TYPES and f.modality == modality]
        if match.payload.trigger.id in _CONSEQUENCE_TRIGGERS and acts:
            acts[0].triggers.append(match)
            continue
        if key in frames:
            frames[key].triggers.append(match)
            continue
        frames[key] = Frame(
            trigger=match,
            event_type=event_type,
            sub_event_type=sub_event_type,
            sentence=sentence,
            sentence_tokens=tokens,
            modality=modality,
            strength=strength,
            triggers=[match],
        )
    return list(frames.values())


# Triggers that name a consequence (مقتل) rather than the act: never the head of a frame when an
# act is named too (هاجم مسلحون … ما أدى إلى مقتل جندي).
_CONSEQUENCE_TRIGGERS = frozenset({"killing"})


def _head_order(
    typed: tuple[LexiconMatch[TriggerForm], str, str, ModalityKind | None],
) -> tuple[bool, bool, bool, int, int]:
    match, event_type, modality = typed[0], typed[1], typed[3]
    trigger = match.payload.trigger
    return (
        trigger.strength != "strong",
        # a sentence that names an event as a reference and also reports one of its family (عمليات
        # الخطف … قام مسلحون بخطف …) is a report: the asserted trigger heads the frame
        modality is not None,
        trigger.id in _CONSEQUENCE_TRIGGERS,
        _TYPE_RANK.get(event_type, 9),
        match.first_token,
    )


# Battles and attacks in one sentence are usually one fight; explosions stay apart from clashes.
_TYPE_FAMILY = {"Violence against civilians": "Battles"}


def _places_for(frame: Frame, places: list[PlaceMention]) -> list[PlaceMention]:
    """The sentence's places, best first: after the trigger before before it (where it happened
    usually follows what happened), then the more specific, then the nearer."""
    trigger_at = frame.trigger.first_token
    doer = frame.actor1
    in_sentence = [
        p
        for p in places
        if p.token in frame.sentence_tokens
        # the country named as the attacker (قصفت تركيا) is a doer, not where it happened
        and not (doer is not None and p.norm_start < doer.norm_end and doer.norm_start < p.norm_end)
    ]
    return sorted(in_sentence, key=lambda p: (p.token < trigger_at, -p.specificity, abs(p.token - trigger_at)))


def _lead_date(layout: Layout, dates: list[DateMention], published: dt.date | None) -> DateMention | None:
    """The day the article's news happened: the first day-precise, past date of its lead (the two
    sentences after the headline). Undated events of the headline and lead take it."""
    lead = [s for s, place in zip(layout.sentences, layout.places, strict=True) if place.in_lead][:2]
    for sentence in lead:
        for date in dates:
            if not sentence.norm_start <= date.norm_start < sentence.norm_end or date.precision != "day":
                continue
            if published is None or 0 <= (published - date.value).days <= 7:
                return date
    return None


def _date_frames(
    frames: list[Frame], published: dt.date | None, codebook: Codebook, lead_date: DateMention | None = None
) -> None:
    """Clause or sentence date, else the last dated frame of the same paragraph (a report narrates
    one event over several sentences), else the date of the article's lead, else the publication
    date; old dates make background, dates after publication make plans."""
    previous: Frame | None = None
    for frame in frames:
        trigger_at = frame.trigger.norm_start
        if frame.dates:
            after = [d for d in frame.dates if d.norm_start >= trigger_at]
            frame.date = (after or frame.dates)[0]
            frame.date_source = "sentence"
        elif (
            previous is not None
            and previous.date is not None
            and (previous.paragraph >= frame.paragraph - 1 or _anaphoric(frame))
        ):
            frame.date = previous.date
            frame.date_source = "narrative"
        elif lead_date is not None:
            frame.date = lead_date
            frame.date_source = "lead"
        if frame.date is not None and frame.date_source == "sentence":
            previous = frame
        if frame.modality is None and frame.date is not None and published is not None:
            days_before = (published - frame.date.value).days
            if days_before > codebook.background_days:
                frame.modality = "background"
            elif days_before < 0 or frame.date.qualifier == "future":
                frame.modality = "planned"  # a report cannot tell what has not happened yet


def _anaphoric(frame: Frame) -> bool:
    """A definite event noun (الغارات، الهجوم، العملية) points back to an event already told."""
    trigger = frame.trigger
    return trigger.payload.part_of_speech == "noun" and "ال" in trigger.proclitics


def _split_by_date(frames: list[Frame]) -> list[Frame]:
    """A dual or plural trigger with several day dates in its sentence is several events
    (ضربتين جويتين، إحداهما في 13 نيسان والثانية في 29 منه): one per day."""
    result: list[Frame] = []
    for frame in frames:
        days = [d for d in frame.dates if d.precision == "day" and d.norm_start > frame.trigger.norm_start]
        distinct = {d.value for d in days}
        if len(distinct) > 1:
            for day in sorted(days, key=lambda d: d.norm_start):
                if day.value in {f.date.value for f in result if f.trigger is frame.trigger and f.date}:
                    continue
                copy = Frame(**{**frame.__dict__, "date": day, "date_source": "sentence", "counts": list(frame.counts)})
                result.append(copy)
        else:
            result.append(frame)
    return result


def _coordinated_places(frame: Frame, found: Recognized) -> list[PlaceMention]:
    """The list of places the event's place belongs to, joined by و or a comma («في القدس ونابلس
    ورام الله», «في محافظتي لحج وأبين»): ACLED codes one event per location."""
    if frame.place is None or frame.place.specificity == 0:
        return []
    ordered = sorted(frame.places, key=lambda p: p.token)
    surfaces = found.tokens.surfaces

    def joined(first: PlaceMention, second: PlaceMention) -> bool:
        first_end = found.token_at(max(first.norm_start, first.norm_end - 1))
        linked = surfaces[second.token].startswith("و") or "،" in found.text[first.norm_end : second.norm_start]
        return linked and second.token - first_end <= 2 and second.specificity > 0

    at = ordered.index(frame.place)
    start = at
    while start > 0 and joined(ordered[start - 1], ordered[start]):
        start -= 1
    end = at
    while end + 1 < len(ordered) and joined(ordered[end], ordered[end + 1]):
        end += 1
    return ordered[start : end + 1] if end > start else []


def _split_by_place(frames: list[Frame], found: Recognized) -> list[Frame]:
    result: list[Frame] = []
    for frame in frames:
        group = _coordinated_places(frame, found)
        if not group:
            result.append(frame)
            continue
        for index, place in enumerate(group):
            others = [p for p in frame.places if p not in group]
            # a total for several places is not repeated on each: the first keeps the counts
            counts = list(frame.counts) if index == 0 else []
            result.append(Frame(**{**frame.__dict__, "places": [place, *others], "counts": counts}))
    return result


def date_precision_code(frame: Frame) -> int:
    if frame.date is None:
        return 2  # the publication date stands in: the event happened within about a week before it
    return _PRECISION_CODE[frame.date.precision]
