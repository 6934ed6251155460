"""Actor roles: who did it (actor1) and to whom (actor2), with associated actors.

Arabic news writes verb-subject-object (قتلت القوات الأميركية 15 عنصرا من داعش) as often as
subject-verb (التحالف نفذ ضربتين ضد داعش); cue words settle most cases: من قبل / على يد mark the
agent, ضد / استهدف / على the target, and the people a count is of (عنصرا من داعش) are the victims.

Before the roles are read, the sentence's actors are made precise: a group noun before a named
group is that group (مسلحون من داعش), a generic state-force name takes the country of the event
(الجيش، قوات الأمن), and a country named as the subject of an attack (قصفت تركيا، غارة أميركية)
is its military.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from marsad.codebook import Actor, Codebook, TriggerForm, load_codebook
from marsad.events.recognized import Recognized
from marsad.recognize.lexicon import LexiconMatch, phrase_key
from marsad.text.normalize import normalize_string


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    spec = json.loads(resources.files("marsad.events.data").joinpath("roles.json").read_text("utf-8"))
    return {kind: tuple(normalize_string(word) for word in words) for kind, words in spec.items() if kind[0] != "_"}


_SIDE = {"state": "state", "external": "state", "rebel": "armed", "militia": "armed", "identity": "armed"}
_DEMONYM_ENDINGS = ("ي", "يه", "يين", "يون")
_SENTENCE_END = re.compile(r"[.!?\n]")


@dataclass
class ActorRole:
    actor: Actor
    norm_start: int
    norm_end: int
    token: int


@dataclass
class ActorRoles:
    actor1: ActorRole | None = None
    actor2: ActorRole | None = None
    assoc_actor_1: list[ActorRole] | None = None
    assoc_actor_2: list[ActorRole] | None = None


def _preceded_by(found: Recognized, token: int, cues: tuple[str, ...], reach: int = 3) -> bool:
    text = " ".join(found.tokens.surfaces[max(0, token - reach) : token])
    return any(f" {cue} " in f" {text} " for cue in cues)


def _coordinated(found: Recognized, first: ActorRole, second: ActorRole) -> bool:
    """second follows first joined by و (القوات الأميركية وعناصر من جهاز المخابرات)."""
    return 0 < second.token - first.token <= 4 and found.tokens.surfaces[second.token].startswith("و")


def _opposed(first: Actor, second: Actor) -> bool:
    return _SIDE.get(first.kind) != _SIDE.get(second.kind) or first.kind == "civilians" or second.kind == "civilians"


def _is_demonym(found: Recognized, first_token: int, last_token: int) -> bool:
    return first_token == last_token and found.tokens.surfaces[first_token].endswith(_DEMONYM_ENDINGS)


def demonym_partners(found: Recognized, codebook: Codebook, after: ActorRole) -> list[ActorRole]:
    """القوات الأميركية والعراقية: a coordinated nationality adjective names that country's forces."""
    partners = []
    for match in found.countries:
        if not after.token < match.first_token <= after.token + 3:
            continue
        surface = found.tokens.surfaces[match.first_token]
        if surface.startswith("و") and surface.endswith(_DEMONYM_ENDINGS):
            forces = codebook.state_forces(match.payload.country)
            if forces is not None:
                partners.append(ActorRole(forces, match.norm_start, match.norm_end, match.first_token))
    return partners


# --- making the sentence's actors precise -------------------------------------------------------------


def _last_token(found: Recognized, role: ActorRole) -> int:
    return found.token_at(role.norm_end - 1)


def _not_an_actor(found: Recognized, role: ActorRole) -> bool:
    """Words that make a force noun part of a thing: «ناقلة جنود» is a vehicle, not soldiers."""
    surfaces = found.tokens.surfaces
    return role.token > 0 and role.actor.is_pattern and surfaces[role.token - 1] in _cues()["not_actor_after"]


def _members_named(
    actors: list[ActorRole], found: Recognized, victim_tokens: set[int]
) -> tuple[list[ActorRole], set[int]]:
    """«مسلحون من داعش»، «عناصر مسلحة تابعة لداعش»: a group noun that the next words tie to a
    named group is that group, not an unidentified one; it keeps the group noun's position."""
    links = set(_cues()["member_links"])
    surfaces = found.tokens.surfaces
    kept: list[ActorRole] = []
    victims = set(victim_tokens)
    skip: set[int] = set()
    for index, role in enumerate(actors):
        if index in skip:
            continue
        following = actors[index + 1] if index + 1 < len(actors) else None
        group_noun = role.actor.id == "unidentified_armed_group" or (role.actor.is_pattern and role.actor.force)
        if group_noun and following is not None and not following.actor.is_pattern:
            between = surfaces[_last_token(found, role) + 1 : following.token]
            tied = bool(between) and all(word in links for word in between)
            tied = tied or (not between and _starts_with_li(found, following))  # مسلحين لداعش
            # مقاتلات التحالف الدولي ضد داعش: a force noun in construct with a named force
            tied = tied or (not between and bool(role.actor.force) and not _has_proclitic(found, following))
            if tied and len(between) <= 4:
                merged = ActorRole(following.actor, role.norm_start, following.norm_end, role.token)
                if following.token in victims or role.token in victims:
                    victims |= {role.token, following.token}
                kept.append(merged)
                skip.add(index + 1)
                continue
        kept.append(role)
    return kept, victims


def _leading(found: Recognized, role: ActorRole) -> str:
    """The conjunctions and prepositions written on the actor's first word (و، ب، ل، وب …): the
    match's span keeps the article, so «للجيش» (ل + the article, its alef dropped) reads as ل."""
    surface = found.tokens.surfaces[role.token]
    leading = surface[: role.norm_start - found.tokens.starts[role.token]]
    return leading + "ل" if surface[len(leading) :].startswith("لل") else leading


def _starts_with_li(found: Recognized, role: ActorRole) -> bool:
    """The actor's token carries the preposition ل (لداعش، للتحالف)."""
    return _leading(found, role).endswith("ل")


def _starts_with_bi(found: Recognized, role: ActorRole) -> bool:
    """The actor's token carries the preposition ب (بطائرة مسيرة، بقصف)."""
    return _leading(found, role).endswith("ب")


def _has_proclitic(found: Recognized, role: ActorRole) -> bool:
    """Whether a preposition or conjunction is written on the actor's first word (بالجيش، وداعش، للجيش)."""
    return bool(_leading(found, role))


def _sentence_stop(found: Recognized, token: int) -> int:
    """The first token after ``token`` that starts a new sentence (punctuation or a line break)."""
    tokens = found.tokens
    for index in range(token + 1, len(tokens.surfaces)):
        gap = found.text[tokens.starts[index - 1] + len(tokens.surfaces[index - 1]) : tokens.starts[index]]
        if _SENTENCE_END.search(gap):
            return index
    return len(tokens.surfaces)


def _sentence_country(found: Recognized, sentence: range) -> str | None:
    """The country a sentence is about: the one it names a place of, else the document's
    (a nationality adjective describes someone, not where it happened)."""
    named = {
        match.payload.country
        for match in found.countries
        if match.first_token in sentence and not _is_demonym(found, match.first_token, match.last_token)
    }
    if len(named) == 1:
        return next(iter(named))
    if found.country_focus in named or not named:
        return found.country_focus
    nearest = min(
        (m for m in found.countries if m.first_token in sentence and m.payload.country in named),
        key=lambda m: m.first_token,
    )
    return nearest.payload.country


def _localized(role: ActorRole, found: Recognized, codebook: Codebook, country: str | None) -> ActorRole:
    """«الجيش»، «قوات الأمن»، «جندي»: a universal state-force name is the force of the event's country;
    bare aircraft («الطائرات»، «الطيران») are the air force the report has named before (the Turkish
    jets of a report on strikes in Iraq), unless the country has a reading of its own for them."""
    actor = role.actor
    if not (actor.is_pattern and actor.force):
        return role
    key = phrase_key(found.text[role.norm_start : role.norm_end])
    named_before = _antecedent(found, codebook, key, actor.force, role.token)
    if named_before is not None:
        return replace(role, actor=named_before)
    if _is_aircraft(" ".join(key)) and country not in codebook.local_readings.get(key, {}):
        named = _air_actor(found, role.token)
        if named is not None:
            return replace(role, actor=named.actor)
    local = codebook.localize(actor, key, country)
    return role if local is actor else replace(role, actor=local)


def _antecedent(
    found: Recognized, codebook: Codebook, key: tuple[str, ...], force: str | None, before: int
) -> Actor | None:
    """The force a generic name refers back to: the last state force of the same kind that the report
    named with the same head noun and a nationality (القوات التركية تقصف … ضربت القوات المسلحة: the
    Turkish forces; الشرطة التونسية … الشرطة: the Tunisian police), within air_window tokens. The
    kind keeps «القوات الأمنية» from reading back to «القوات الأميركية»."""
    window = int(_cues()["air_window"][0])
    latest: tuple[int, Actor] | None = None
    for match in found.actors:
        actor = match.payload.actor
        if not (before - window <= match.first_token < before) or actor.is_pattern or actor.state_of is None:
            continue
        if _force_of(actor) != force:
            continue
        named = phrase_key(found.text[match.norm_start : match.norm_end])
        if len(named) > 1 and named[-1] in codebook.demonyms and named[0] == key[0]:
            latest = (match.first_token, actor)
    return latest[1] if latest else None


def _force_of(actor: Actor) -> str | None:
    if actor.force:
        return actor.force
    return (
        "police"
        if actor.name.startswith("Police Forces")
        else "military"
        if actor.name.startswith("Military")
        else None
    )


_AIR_AGENTS = "marsad.actors.air_agents"  # per document: (token, actor) of the strikes already read
_SIDES = "marsad.actors.sides"  # per document: the two sides of the clashes already read


def _the_two_sides(
    found: Recognized, trigger_last: int, sentence: range, victims: set[int], actors: list[ActorRole]
) -> tuple[ActorRole, ActorRole] | None:
    """«اشتباكات دارت بين الطرفين»: the two sides are those of the clash the report told last (within
    air_window tokens); a side named by its dead in this sentence is the second."""
    surfaces = found.tokens.surfaces
    if not any(
        surfaces[i] in _cues()["both_sides"] for i in range(trigger_last + 1, min(trigger_last + 5, sentence.stop))
    ):
        return None
    window = int(_cues()["air_window"][0])
    told: list[tuple[ActorRole, ActorRole]] = found.tokens.cache.get(_SIDES, [])  # type: ignore[assignment]
    earlier = [sides for sides in told if sentence.start - window <= sides[0].token < sentence.start]
    if not earlier:
        return None
    first, second = earlier[-1]
    dead = next((role for role in actors if role.token in victims), None)
    if dead is not None and dead.actor.id in (first.actor.id, second.actor.id):
        other = second if dead.actor.id == first.actor.id else first
        return replace(other), dead
    return replace(first), replace(second)


def _is_aircraft(text: str) -> bool:
    return any(stem in text for stem in _cues()["aircraft"])


def _air_actor(found: Recognized, before: int) -> ActorRole | None:
    """The air force a report named last before ``before``: an aircraft name of a state or external
    force (الطائرات التركية، طيران التحالف), the military of the country the report is about when it
    names it (القوات التركية تقصف …), or the doer of an earlier air strike of the report; the role's
    span is that earlier mention."""
    window = int(_cues()["air_window"][0])
    candidates: list[ActorRole] = []
    for match in found.actors:
        actor = match.payload.actor
        if not (before - window <= match.first_token < before) or actor.is_pattern:
            continue
        armed_state = actor.kind in ("state", "external") and not actor.id.endswith(".police")
        aircraft = _is_aircraft(found.text[match.norm_start : match.norm_end])
        if armed_state and (aircraft or (actor.state_of is not None and actor.state_of == found.country_focus)):
            candidates.append(ActorRole(actor, match.norm_start, match.norm_end, match.first_token))
    known: list[ActorRole] = found.tokens.cache.get(_AIR_AGENTS, [])  # type: ignore[assignment]
    candidates += [role for role in known if before - window <= role.token < before]
    return max(candidates, key=lambda role: role.token) if candidates else None


def _remote(trigger: LexiconMatch[TriggerForm] | None) -> bool:
    """Strikes and shelling: whose doer a later bare «الطائرات» or «الغارات» may refer back to."""
    return trigger is not None and trigger.payload.trigger.event_type == "Explosions/Remote violence"


def _air_strike(found: Recognized, trigger: LexiconMatch[TriggerForm] | None, sentence: range) -> bool:
    if trigger is None:
        return False
    spec = trigger.payload.trigger
    return spec.sub_event_type == "Air/drone strike" or any(
        rule.sub_event_type == "Air/drone strike" and found.has_cue(rule.cue_set, sentence) for rule in spec.refine
    )


def _country_agents(
    found: Recognized,
    codebook: Codebook,
    actors: list[ActorRole],
    sentence: range,
    trigger_first: int,
    trigger_last: int,
    trigger_is_verb: bool,
    genitive_agent: bool,
    trigger_id: str | None = None,
) -> list[ActorRole]:
    """A country named as the doer of an attack is its military: «قصفت تركيا مواقع»، «شنت تركيا غارات»،
    «تركيا تقصف», and so is the nationality of an attack noun or of the fire: «غارة أميركية»، «قصف
    مدفعي تركي»، «بنيران أميركية»."""
    cues = _cues()
    light_verbs = set(cues["light_verbs"])
    surfaces = found.tokens.surfaces
    taken = {token for role in actors for token in range(role.token, _last_token(found, role) + 1)}
    added: list[ActorRole] = []
    for match in found.countries:
        first = match.first_token
        if first not in sentence or first in taken or match.proclitics:
            continue
        if _is_demonym(found, first, match.last_token):
            continue  # nationality adjectives: below
        if phrase_key(found.text[match.norm_start : match.norm_end]) not in codebook.country_names:
            continue  # a city is where it happened, not who did it
        previous = _without_conjunction(surfaces[first - 1]) if first > 0 else ""
        after_verb = first - 1 == trigger_last and trigger_is_verb  # قصفت تركيا
        after_light_verb = previous in light_verbs and first < trigger_first  # شنت تركيا غارات
        before_verb = trigger_is_verb and first == trigger_first - 1  # تركيا تقصف
        if after_verb or after_light_verb or before_verb:
            forces = codebook.state_forces(match.payload.country)
            if forces is not None:
                added.append(ActorRole(forces, match.norm_start, match.norm_end, first))
    strike = genitive_agent and trigger_id in cues["strike_triggers"]
    for token in _nationality_of_the_attack(found, sentence, trigger_last, trigger_is_verb, strike):
        country = codebook.demonyms.get(surfaces[token])
        forces = codebook.state_forces(country) if country and token not in taken else None
        if forces is not None:
            start = found.tokens.starts[token]
            added.append(ActorRole(forces, start, start + len(surfaces[token]), token))
    return sorted([*actors, *added], key=lambda role: role.token)


def _nationality_of_the_attack(
    found: Recognized, sentence: range, trigger_last: int, trigger_is_verb: bool, genitive_agent: bool
) -> list[int]:
    """Tokens of an indefinite nationality adjective that qualifies the attack (غارة أميركية، غارات
    جوية روسية) or the fire (بنيران أميركية، برصاص إسرائيلي)."""
    cues = _cues()
    surfaces = found.tokens.surfaces
    adjectives = set(cues["attack_adjectives"])
    fire = set(cues["fire_words"])
    tokens = []
    if genitive_agent and not trigger_is_verb:
        index = trigger_last + 1
        while index < sentence.stop and index - trigger_last <= 3 and surfaces[index] in adjectives:
            index += 1
        if index < sentence.stop:
            tokens.append(index)
    tokens += [i + 1 for i in sentence if i + 1 < sentence.stop and _without_conjunction(surfaces[i]) in fire]
    return [token for token in tokens if not surfaces[token].startswith("ال")]


def _without_conjunction(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _speakers(
    found: Recognized, actors: list[ActorRole], trigger_first: int, victims: set[int] | None = None
) -> set[int]:
    """Tokens of actors that only say what happened: «قال الجيش التركي إن مسلحين قتلوا …»، «أعلنت
    الداخلية أن حصيلة التفجير …». A speaker followed by a bare complementizer (إن، أن) before the
    trigger is not its agent, unless its own forces are the subject (أعلن الجيش أن طائراته قصفت);
    an armed group that says an attack happened claims it («أكد متمردو الحزب أن الهجوم …»), unless
    the clause it introduces names another doer («قالت الفرقة 30 إن مقاتلي النصرة هاجموا …»). So is
    who is called upon to act: «مطالبا القوات الأمنية بالضرب بيد من حديد»."""
    cues = _cues()
    speech = set(cues["speech_verbs"])
    addressing = set(cues["addressing_verbs"])
    surfaces = found.tokens.surfaces
    speakers = set()
    for role in actors:
        end = _last_token(found, role)
        gap = found.text[role.norm_end : found.tokens.starts[end + 1]] if end + 1 < len(surfaces) else ""
        if ":" in gap and role.token < trigger_first:
            speakers.add(role.token)  # «وزارة الداخلية التركية: مقتل 30 بانفجار …»: who reports it
            continue
        before = [_without_conjunction(word) for word in surfaces[max(0, role.token - 2) : role.token]]
        if any(word in addressing for word in before):
            speakers.add(role.token)
            continue
        if role.token >= trigger_first:
            continue
        if any(word in cues["accusing_verbs"] for word in before) and any(
            role.token < other.token < trigger_first for other in actors
        ):
            speakers.add(role.token)  # «اتهمت الجماعة جبهة النصرة بخطف …»: the accuser is not the doer
            continue
        # «قال الجيش إن …»، «أفادت مصادر في الشرطة أن …»: the verb may stand a few words before
        said = any(_without_conjunction(word) in speech for word in surfaces[max(0, role.token - 4) : role.token])
        # «نقلت الوكالة عن مدير عام مديرية شرطة العاصمة قوله إن …»: the one whose words are quoted
        end = _last_token(found, role)
        quoted = any(word in cues["quoting_nouns"] for word in surfaces[end + 1 : min(end + 6, trigger_first)])
        if not (said or quoted):
            continue
        for index in range(_last_token(found, role) + 1, trigger_first):
            if surfaces[index] in ("ان", "بان", "فان"):
                following = surfaces[index + 1] if index + 1 < len(surfaces) else ""
                doer_named = any(index < other.token < trigger_first for other in actors)
                state = role.actor.kind in ("state", "external")
                if (state and not _own_forces(following)) or doer_named:
                    speakers.add(role.token)
                break
        # «أعلنت سلطات دياربكر مقتل جنديين تركيين»: who announces its own side's dead did not kill them
        if any(
            other.token in (victims or set()) and other.token > role.token and _same_side(role.actor, other.actor)
            for other in actors
        ):
            speakers.add(role.token)
    return speakers


def _own_forces(word: str) -> bool:
    """قواته، طائراتها، عناصرهم: the speaker's own forces, named by a pronoun."""
    return any(word.startswith(stem) and word[len(stem) :] in ("ه", "ها", "هم") for stem in _cues()["own_forces"])


def _named_victims(found: Recognized, actors: list[ActorRole]) -> set[int]:
    """The people a casualty word is about are its victims: «مقتل جنديين تركيين»، «قتلى حوثيون»، «اعتقال
    عناصر من داعش»; so are those «في صفوف» (in the ranks of) whom losses fell."""
    cues = _cues()
    nouns = {phrase_key(word) for word in cues["casualty_nouns"]}
    # a casualty noun (مقتل، اعتقال، قتلى) is about whoever follows it; a verb (قتلت، اعتقلت) only
    # about a person noun (قتل جندي، أصيب شرطيان): «قتلت القوات الأميركية» names the killer
    ends = {
        word.last_token: word.payload.kind == "role_noun"
        or phrase_key(found.text[word.norm_start : word.norm_end]) in nouns
        for word in found.count_words
    }
    fillers = {*cues["number_words"], "من"}
    surfaces = found.tokens.surfaces
    persons = found.person_nouns | found.single_persons
    victims = set()
    for role in actors:
        gap = 0
        while gap < 3 and role.token - gap - 1 not in ends:
            at = role.token - gap - 1
            word = _without_conjunction(surfaces[at]) if at >= 0 else ""
            # مقتل ضابط و3 جنود: numbers, number words and other counted persons may come between
            if not (_is_number(word) or word in fillers or at in persons):
                gap = 3
                break
            gap += 1
        after_casualty = gap < 3 and (ends[role.token - gap - 1] or gap > 0 or role.token in persons)
        ranks = not _has_proclitic(found, role) and _preceded_by(found, role.token, cues["victim_ranks"], 3)
        # counted people are casualties only near a word of casualties (not «بمشاركة 5 آلاف عنصر من الشرطة»)
        near_casualty = any(abs(end - role.token) <= 6 for end in ends)
        if after_casualty or ranks or (near_casualty and _counted_members(found, role, persons, fillers)):
            victims.add(role.token)
    # «5 من الحوثيين وقوات صالح قتلوا»: the side coordinated with the dead is counted with them
    for first, second in itertools.pairwise(actors):
        if first.token in victims and _coordinated(found, first, second) and _same_side(first.actor, second.actor):
            victims.add(second.token)
    return victims


def _counted_members(found: Recognized, role: ActorRole, persons: set[int], numbers: set[str]) -> bool:
    """«5 من الحوثيين»، «15 جنديا على الأقل في الجيش المصري»، «ضابط و3 جنود بالجيش»: the group that
    counted people belong to is the side they are counted for."""
    surfaces = found.tokens.surfaces
    token = role.token
    leading = _leading(found, role)
    linked = leading.endswith(("ب", "ل")) or (token > 0 and surfaces[token - 1] in ("من", "في"))
    if not linked:
        return False
    start = token - 1 if surfaces[token - 1] in ("من", "في") else token
    for index in range(start - 1, max(-1, start - 4), -1):
        word = surfaces[index]
        if _is_number(word) or word in numbers:
            return True  # 5 من الحوثيين
        if index in persons:
            previous = _without_conjunction(surfaces[index - 1]) if index > 0 else ""
            return _is_number(previous) or previous in numbers or index - 1 in persons or word.startswith("و")
        if word not in _cues()["count_fillers"]:
            return False
    return False


def _is_number(word: str) -> bool:
    """3، و3، ٣ (normalized to 3): a figure, with a conjunction written on it."""
    return _without_conjunction(word).isdigit() or (word[:1] in "وف" and word[1:].isdigit())


_CROWDS = ("civilians", "protesters", "rioters")


def _riot(found: Recognized, trigger: LexiconMatch[TriggerForm] | None, sentence: range) -> bool:
    """Whether the crowd's event is a riot: a protest trigger makes a protest unless the sentence's
    cues refine it to a riot; any other trigger of a crowd event (أضرموا النار، اقتحم) is a riot."""
    if trigger is None:
        return False
    event_type = trigger.payload.trigger.event_type
    for rule in trigger.payload.trigger.refine:
        if found.has_cue(rule.cue_set, sentence):
            event_type = rule.event_type or event_type
            break
    return event_type != "Protests"


def _crowd_roles(
    agent: ActorRole | None, target: ActorRole | None, actors: list[ActorRole], codebook: Codebook, riot: bool
) -> tuple[ActorRole | None, ActorRole | None]:
    """ACLED: protesters are actor1 of a protest, rioters of a riot (a crowd of residents or
    students that demonstrates is protesters); the police that disperse them are actor2. With no
    crowd named, actor1 is left to the event's default (Protesters of the country)."""
    crowd = agent if agent is not None and agent.actor.kind in _CROWDS else None
    crowd = crowd or (target if target is not None and target.actor.kind in _CROWDS else None)
    crowd = crowd or next((role for role in actors if role.actor.kind in _CROWDS), None)
    if agent is not None and agent.actor.kind in ("militia", "identity"):
        return agent, target  # a named group that demonstrates (its supporters)
    if agent is not None and agent.actor.kind == "rebel":
        agent = None  # «داعش أعدم … الذين تظاهروا»: the group named is not the crowd
    state = agent if agent is not None and agent.actor.kind in ("state", "external") else None
    if crowd is not None:
        wanted = codebook.actors_by_id["rioters" if riot else "protesters"]
        crowd = crowd if crowd.actor.id == wanted.id else replace(crowd, actor=wanted)
    if state is not None:
        return crowd, state
    return crowd, target if target is None or target.actor.kind not in _CROWDS else None


# --- roles ---------------------------------------------------------------------------------------------


def assign_roles(
    actors: list[ActorRole],
    trigger_first: int,
    trigger_last: int,
    trigger_is_verb: bool,
    clause: range,
    victim_tokens: set[int],
    found: Recognized,
    protest: bool,
    clash: bool = False,
    sentence_start: int = 0,
) -> ActorRoles:
    roles = ActorRoles(assoc_actor_1=[], assoc_actor_2=[])
    codebook = load_codebook()
    cues = _cues()
    sentence = range(sentence_start, _sentence_stop(found, trigger_last))
    country = _sentence_country(found, sentence)
    trigger = next((m for m in found.triggers if m.first_token == trigger_first), None)
    genitive_agent = trigger is not None and trigger.payload.trigger.id in cues["genitive_agent_triggers"]
    actors = [role for role in actors if not _not_an_actor(found, role)]
    actors, victim_tokens = _members_named(actors, found, victim_tokens)
    actors = [_localized(role, found, codebook, country) for role in actors]
    actors = _country_agents(
        found,
        codebook,
        actors,
        sentence,
        trigger_first,
        trigger_last,
        trigger_is_verb,
        genitive_agent,
        trigger.payload.trigger.id if trigger is not None else None,
    )
    victim_tokens = victim_tokens | _named_victims(found, actors)
    # the doers of the other attack nouns of the trigger's clause («وتدمير سيارة مفخخة بقصف لطيران
    # التحالف»: the coalition struck, whichever noun heads the frame)
    sentence_doers = {
        role.token
        for match in found.triggers
        if match.first_token in clause
        and match.first_token != trigger_first
        and match.payload.part_of_speech == "noun"
        and match.payload.trigger.id in cues["genitive_agent_triggers"]
        and _remote(trigger)
        and match.payload.trigger.event_type == "Explosions/Remote violence"
        for role in actors
        if role.token not in victim_tokens and _genitive_doer(found, role, match.last_token, False, True)
    }
    speakers = _speakers(found, actors, trigger_first, victim_tokens)
    target_cues = (*cues["target"], *cues["clash_target"]) if clash else cues["target"]  # اشتبكت مع المتطرفين
    agent: ActorRole | None = None
    target: ActorRole | None = None
    pair = _between_pair(found, trigger_first, actors)  # اشتباكات بين X و Y names both sides outright
    if pair is None and clash:
        pair = _the_two_sides(found, trigger_last, sentence, victim_tokens, actors)
    if pair:
        agent, target = pair
    for role in actors:
        if pair:
            break
        if role.token in victim_tokens and target is None:
            target = role
        elif agent is None and (
            (_preceded_by(found, role.token, cues["agent"]) and _cue_of_this_event(found, role, trigger_first, clause))
            or (
                not trigger_is_verb
                and 0 < role.token - trigger_last <= 2
                and _preceded_by(found, role.token, ("من",), 1)
            )
            or _genitive_doer(found, role, trigger_last, trigger_is_verb, genitive_agent)
            or role.token in sentence_doers
        ):
            agent = role
        elif target is None and role.token > trigger_first and _preceded_by(found, role.token, target_cues):
            target = role
    remaining = [role for role in actors if role is not agent and role is not target]
    if agent is None:
        # the subject: the first actor of the trigger's clause before it, else (verb-subject
        # order, or a noun with ل: غارة للتحالف) the first one after it
        candidates = [
            role
            for role in remaining
            if role.token not in speakers
            # civilians who clash with a force are a crowd (اشتبك فلسطينيون مع الجيش): a riot's rioters
            and (protest or clash or role.actor.kind != "civilians")
            and role.token not in victim_tokens
        ]
        before = [role for role in candidates if clause.start <= role.token < trigger_first]
        after = [role for role in candidates if role.token > trigger_last]
        weapon = [role for role in after if _weapon_of(found, role, trigger_last)]
        if trigger_is_verb:
            after = weapon or [role for role in after if _subject_after_verb(found, role, trigger_last)]
        if not before and not (trigger_is_verb and after):
            # the subject of an earlier clause: a coordinated verb (…، واشتبكت مع) shares it, and
            # a noun trigger (…، نفذت، أمس، ضربة جوية) has its agent before the commas
            earlier = [role for role in candidates if sentence_start <= role.token < clause.start]
            before = _chain_head(found, earlier) or weapon  # «قصف ريف إدلب بالطيران الحربي»
        if before:
            agent = before[0]
        elif after and (
            trigger_is_verb
            or (after[0].token - trigger_last <= 2 and found.tokens.surfaces[after[0].token].startswith("ل"))
        ):
            agent = after[0]  # قتلت القوات …, غارة للتحالف
    if agent is None and clash and target is not None:
        # مقتل عشرات الحوثيين في مواجهات مع المقاومة: the other side of the clash is the agent
        agent = next(
            (r for r in remaining if r.token > trigger_first and _preceded_by(found, r.token, cues["clash_target"])),
            None,
        )
        # قتل 9 من مسلحي الحوثيين و6 من مقاتلي المقاومة: both sides are named by their dead
        both = [r for r in actors if r.token in victim_tokens and _opposed(r.actor, target.actor)]
        if agent is None and both:
            agent, target = sorted([target, both[0]], key=lambda r: r.token)
    if clash and agent is not None and _is_aircraft(found.text[agent.norm_start : agent.norm_end]):
        # طيران التحالف والجيش …، فيما تدور معارك: aircraft do not fight the battle, the army does
        ground = next((r for r in remaining if r is not agent and _coordinated(found, agent, r)), None)
        if ground is not None:
            agent = ground
    remaining = [role for role in remaining if role is not agent]
    if target is None:
        after = [role for role in remaining if role.token > trigger_first]
        target = after[0] if after else None
        if target and agent and not _opposed(agent.actor, target.actor):
            # a coalition strike "supporting" Iraqi forces against ISIS: the target is the other side
            other = next((role for role in after if _opposed(agent.actor, role.actor)), None)
            if other is not None:
                roles.assoc_actor_1.append(target)  # type: ignore[union-attr]
                target = other
            elif _same_state(agent.actor, target.actor):
                # «قصف النظام … بالطيران الحربي والمدفعية»: a state's own arms are not its target
                roles.assoc_actor_1.append(target)  # type: ignore[union-attr]
                target = None
    remaining = [role for role in remaining if role is not target and role not in roles.assoc_actor_1]  # type: ignore[operator]
    if agent is not None and target is not None and target.actor.id == agent.actor.id:
        # one actor on both sides is a misreading (الشرطة … مركز شرطة): look for the other side
        target = next(
            (role for role in remaining if role.actor.id != agent.actor.id and role.token > trigger_first), None
        )
    if protest:
        agent, target = _crowd_roles(agent, target, actors, codebook, _riot(found, trigger, sentence))
    elif trigger is not None and trigger.payload.trigger.id in cues["state_only_triggers"]:
        if agent is not None and agent.actor.kind == "rebel":
            # the members of ISIS of an arrest report are the arrested, not who arrests
            agent, target = None, target or agent
        if agent is None and target is not None and target.actor.kind == "state" and target.token not in victim_tokens:
            # «مداهمة 140 منزلا بمشاركة خمسة آلاف عنصر من الشرطة»: the state forces named are who raids
            agent, target = target, None
    elif agent is not None and agent.actor.kind == "civilians" and not clash:
        # civilians are the victims of political violence, never its agents (ACLED)
        agent, target = None, target or agent
    if _air_strike(found, trigger, sentence):
        if agent is not None and agent.actor.kind not in ("state", "external"):
            agent, target = None, target or agent  # armed groups have no air force: the group is the target
        if agent is None:
            # «وأصابت الغارات أهدافا قرب الموصل»: the strikes of a report are the air force it named
            named = _air_actor(found, sentence.start)
            if named is not None and (target is None or named.actor.id != target.actor.id):
                agent = replace(named)  # its span is the antecedent's: the words naming that air force
    if agent is not None and agent.actor.kind in ("state", "external") and _remote(trigger):
        found.tokens.cache.setdefault(_AIR_AGENTS, []).append(agent)  # type: ignore[union-attr]
    if clash and agent is not None and target is not None and _opposed(agent.actor, target.actor):
        found.tokens.cache.setdefault(_SIDES, []).append((agent, target))  # type: ignore[union-attr]
    roles.actor1, roles.actor2 = agent, target
    for role in remaining:
        if agent and (role.actor.id == agent.actor.id or _coordinated(found, agent, role)):
            if role.actor.id != agent.actor.id:
                roles.assoc_actor_1.append(role)  # type: ignore[union-attr]
        elif target and _coordinated(found, target, role) and role.actor.id != target.actor.id:
            roles.assoc_actor_2.append(role)  # type: ignore[union-attr]
    return roles


def _cue_of_this_event(found: Recognized, role: ActorRole, trigger_first: int, clause: range) -> bool:
    """An agent cue (شنه، نفذها) names the doer of the nearest event noun before it: «في هجوم شنه
    مسلحو داعش», but not «…، ويأتي الهجوم غداة غارات شنها الطيران التركي» for an earlier clause's
    bombing."""
    if role.token in clause:
        return True
    nearest = max((m.first_token for m in found.triggers if m.first_token < role.token), default=None)
    return nearest is None or nearest == trigger_first or nearest in clause


def _genitive_doer(
    found: Recognized, role: ActorRole, trigger_last: int, trigger_is_verb: bool, genitive_agent: bool
) -> bool:
    """The genitive of an attack noun is its doer: «غارات التحالف»، «قصف الحوثيين»، «هجوم داعش», and so
    is its ل-complement: «بقصف لطيران التحالف»، «في هجوم انتحاري لـ بي كا كا» (not «مقتل X»، «اعتقال X»)."""
    if not genitive_agent or trigger_is_verb or role.actor.kind == "civilians" or role.token <= trigger_last:
        return False
    surfaces = found.tokens.surfaces
    gap = surfaces[trigger_last + 1 : role.token]
    adjectives = set(_cues()["attack_adjectives"])
    if len(gap) > 1 or any(word not in adjectives and word != "ل" for word in gap):
        return False
    if gap and gap[-1] == "ل":
        return True  # لـ «بي كا كا»: the preposition written apart
    if not gap and not _has_proclitic(found, role):
        return True
    if _starts_with_bi(found, role) and role.actor.kind in ("state", "external"):
        return True  # بقصف بطائرة مسيرة تركية: the weapon is its army's
    return _starts_with_li(found, role)


def _weapon_of(found: Recognized, role: ActorRole, trigger_last: int) -> bool:
    """«قصف ريف إدلب بالطيران الحربي»: the aircraft or artillery an attack verb is done with are its
    doer's, when no subject is named."""
    if role.actor.kind not in ("state", "external") or not _starts_with_bi(found, role):
        return False
    text = found.text[role.norm_start : role.norm_end]
    weapon = _is_aircraft(text) or any(stem in text for stem in _cues()["artillery"])
    return weapon and role.token - trigger_last <= 4


def _subject_after_verb(found: Recognized, role: ActorRole, trigger_last: int) -> bool:
    """Verb-subject order: the subject follows its verb closely (قصفت القوات التركية، شن الطيران،
    اليوم الاثنين، غارات), with no preposition before it; an actor deep in the object's phrases
    (داهمت منازل … بحثا عن أعضاء في حزب العمال) is not the doer."""
    if role.token - trigger_last > 4:
        return False
    surfaces = found.tokens.surfaces
    if any(clitic in _leading(found, role) for clitic in ("ب", "ل", "ك")):
        return False
    prepositions = set(_cues()["prepositions"])
    return not any(word in prepositions for word in surfaces[trigger_last + 1 : role.token])


def _same_side(first: Actor, second: Actor) -> bool:
    """One actor, a unit and its force, or two forces of one state: the Houthis and Saleh's forces,
    the Turkish police and army; not merely two states (the Saudi-led coalition and the Houthis)."""
    if first.id == second.id or first.parent == second.id or second.parent == first.id:
        return True
    return _same_state(first, second)


def _same_state(first: Actor, second: Actor) -> bool:
    """Two forces of one state (its army and its air force, the regime and its artillery)."""
    return first.state_of is not None and first.state_of == second.state_of and first.government == second.government


def _chain_head(found: Recognized, earlier: list[ActorRole]) -> list[ActorRole]:
    """The subject of the sentence's first clauses: its first actor (القوات العراقية وقوات التحالف:
    the Iraqi forces lead, the coalition is associated; «تمكن الجيش الوطني … من تدمير دفاعات
    الميليشيات، ودارت معارك»: the army, not the militias whose defences it destroyed)."""
    return earlier[:1]


def _between_pair(found: Recognized, trigger_at: int, actors: list[ActorRole]) -> tuple[ActorRole, ActorRole] | None:
    """اشتباكات بين X و Y: the two sides of a clash; «بين X وY من جهة، وZ من جهة أخرى»: the sides are
    split where «من جهة» (من طرف) closes the first. The «بين» is the trigger's own: no other event
    noun stands between them."""
    after = [role for role in actors if role.token > trigger_at]
    if len(after) < 2:
        return None
    surfaces = found.tokens.surfaces
    between = [i for i in range(trigger_at + 1, after[0].token) if surfaces[i] in ("بين", "ما")]
    if not between or any(trigger_at < m.first_token < between[0] for m in found.triggers):
        return None  # «غارات …، وسط الاشتباكات بين X وY»: that «بين» is the later noun's
    markers = _cues()["side_markers"]
    closing = next(
        (i for i in range(after[0].token + 1, after[-1].token) if " ".join(surfaces[i : i + 2]) in markers), None
    )
    first = after[0]

    def other_side(role: ActorRole) -> bool:
        return role.actor.id != first.actor.id and not _same_state(role.actor, first.actor)

    if closing is not None:
        other = next((role for role in after if role.token > closing and other_side(role)), None)
        if other is not None:
            return first, other
    other = next((role for role in after[1:] if other_side(role)), None)
    return (first, other) if other else None
