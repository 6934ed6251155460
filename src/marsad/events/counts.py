"""Counts with roles: which numbers are people killed, injured, arrested or found dead.

A number is a count only when the words around it say so (see data/counts.json): "2500 جندي",
"80 ألف باوند" or "أكثر من ألف عملية" are numbers, not casualties.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from marsad.events.recognized import CountRole, Recognized, count_rules
from marsad.recognize.lexicon import phrase_key
from marsad.text.normalize import NormalizedText
from marsad.text.numbers import NumberMention
from marsad.text.segment import candidate_stems

# Words that may follow a count without naming what was counted (مقتل 3 في الهجوم، مقتل 3 وإصابة 5).
_FREE_FOLLOWERS = frozenset(
    phrase_key(word)[0]
    for word in ("في", "خلال", "جراء", "اثر", "إثر", "بعد", "بينهم", "منهم", "آخرين", "اخرين", "على", "عن", "و", "أو")
)
_SENTENCE_END = (".", "!", "?", "\n")
# A number after these is part of a total already counted (مقتل ثلاثة، بينهم طفلان).
_SUBSET_MARKERS = frozenset({"بينهم", "منهم", "بينهن", "منهن", "بينهما", "منهما"})


@dataclass(frozen=True)
class Count:
    role: CountRole
    number: NumberMention
    token: int  # first token of the number
    victim_token: int | None  # first token of the actor the count is of (15 عنصرا من داعش)
    statistic: bool = False  # a total over a period, a war or a country: never one event's figure
    noun_token: int | None = None  # the word for who was counted (جنود in «9 جنود», the dual جنديين)
    joined: bool = False  # added to the count before it: «قتل 9 من الحوثيين و6 من المقاومة» is 15

    def counts_armed_people(self, found: Recognized) -> bool:
        """Soldiers, police or fighters were counted: the violence was against an armed side."""
        return self.noun_token is not None and armed_people_at(found, self.noun_token)

    @property
    def value(self) -> int | float:
        return self.number.value


def _same_sentence(text: str, found: Recognized, first: int, second: int) -> bool:
    low, high = sorted((first, second))
    return not any(mark in text[found.tokens.starts[low] : found.tokens.starts[high]] for mark in _SENTENCE_END)


def _role_noun_after(found: Recognized, index: int) -> CountRole | None:
    for word in found.count_words:
        if word.first_token == index and word.payload.kind == "role_noun":
            return word.payload.role
    return None


def _role_before(found: Recognized, first: int, text: str) -> tuple[CountRole, int] | None:
    """The nearest role word ending within the window before ``first``, in the same sentence."""
    window = count_rules().window
    best: tuple[CountRole, int] | None = None
    for word in found.count_words:
        if word.last_token >= first or first - word.last_token > window:
            continue
        if not _same_sentence(text, found, word.last_token, first):
            continue
        if best is None or word.last_token > best[1]:
            best = (word.payload.role, word.last_token)
    return best


def _role_after(found: Recognized, noun: int, text: str) -> CountRole | None:
    """A role word shortly after the counted noun: ستة أشخاص، بينهم امرأة، لقوا حتفهم."""
    window = count_rules().window
    for word in found.count_words:
        if word.payload.kind != "role" or not noun < word.first_token <= noun + window:
            continue
        if _same_sentence(text, found, noun, word.first_token):
            return word.payload.role
    return None


def _counted_thing_ok(found: Recognized, after: int, text: str, end_offset: int) -> bool:
    """What follows the number is a person, a role noun, or nothing that names a thing."""
    surfaces = found.tokens.surfaces
    if after >= len(surfaces):
        return True
    gap = text[end_offset : found.tokens.starts[after]]
    if any(mark in gap for mark in ",;:.!?\n()"):
        return True
    word = surfaces[after]
    if after in found.person_nouns or _role_noun_after(found, after) is not None:
        return True
    if any(w.first_token == after for w in found.count_words) or any(
        v.first_token == after for v in found.victim_links
    ):
        return True
    return word in _FREE_FOLLOWERS or word.isdigit()


def _victim(found: Recognized, after: int) -> int | None:
    for actor in found.actors:
        if after <= actor.first_token <= after + 3:
            return actor.first_token
    return None


def _single_person_counts(found: Recognized, nt: NormalizedText, counts: list[Count]) -> list[Count]:
    """One person named right after a role word (مقتل جندي، إصابة شرطي، اعتقال مسلح), when the
    sentence gives no number for that role; the count's text and span are the noun's."""
    text = found.text
    singles: list[Count] = []
    for word in found.count_words:
        noun = word.last_token + 1
        if word.payload.kind != "role" or noun not in found.single_persons:
            continue
        role = word.payload.role
        coordinated = [c for c in counts if c.role == role and c.token == noun + 1 and _after_and(found, c)]
        if not coordinated and any(
            c.role == role and _same_sentence(text, found, c.token, noun) for c in [*counts, *singles]
        ):
            continue
        norm_start = found.tokens.starts[noun]
        norm_end = norm_start + len(found.tokens.surfaces[noun])
        start, end = nt.span_to_original(norm_start, norm_end)
        one = NumberMention(start, end, norm_start, norm_end, nt.original[start:end], 1)
        singles.append(Count(role, one, noun, _victim(found, noun + 1), noun_token=noun))
    return singles


def find_counts(found: Recognized, numbers: list[NumberMention], nt: NormalizedText | None = None) -> list[Count]:
    """Counts from numbers; with the normalized text, also one person a singular noun names."""
    text = found.text
    counts: list[Count] = []
    for number in numbers:
        first = found.token_at(number.norm_start)
        last = found.token_at(max(number.norm_start, number.norm_end - 1))
        if first > 0 and found.tokens.surfaces[first - 1] in _SUBSET_MARKERS:
            continue
        after = last + 1
        role = _role_noun_after(found, after)
        if number.noun is not None:  # a dual noun: جنديين، قتيلين
            noun_role = _role_noun_after(found, last)
            if noun_role is not None:
                role = noun_role
            elif last not in found.person_nouns:
                continue
        before = _role_before(found, first, text) if role is None else None
        partitive = _partitive_noun(found, after)
        if (
            role is None
            and (before is None or first - before[1] > 2)
            and (after in found.person_nouns or number.noun is not None or partitive is not None)
        ):
            # the subject comes first: ستة أشخاص ... لقوا حتفهم، خمسة من الحوثيين قتلوا
            subject = last if number.noun is not None else partitive if partitive is not None else after
            role = _role_after(found, subject, text)
        if role is None:
            if before is None:
                continue
            role = before[0]
            person_before = first - 1 in found.person_nouns  # اعتقال متطرفين 2
            if number.noun is None and not person_before and not _counted_thing_ok(found, after, text, number.norm_end):
                continue
        noun = last if number.noun is not None else after
        counts.append(Count(role, number, first, _victim(found, after), noun_token=noun))
    if nt is not None:
        counts = sorted([*counts, *_single_person_counts(found, nt, counts)], key=lambda count: count.token)
    counts = _join_coordinated(found, counts)
    marked = [replace(count, statistic=True) if _is_statistic(found, count) else count for count in counts]
    return _statistic_chains(marked)


def _statistic_chains(counts: list[Count]) -> list[Count]:
    """Counts joined by «و» are one figure: a statistic if any of them is (قتل 1800 من المدنيين
    و700 من العسكريين over two years)."""
    chains: list[list[int]] = []
    last_of_role: dict[str, int] = {}
    for index, count in enumerate(counts):
        if count.joined and count.role in last_of_role:
            chain = next(chain for chain in chains if last_of_role[count.role] in chain)
            chain.append(index)
        else:
            chains.append([index])
        last_of_role[count.role] = index
    out = list(counts)
    for chain in chains:
        if len(chain) > 1 and any(counts[i].statistic for i in chain):
            for i in chain:
                out[i] = replace(counts[i], statistic=True)
    return out


def added_up(counts: list[tuple[int | float, bool]]) -> list[int]:
    """The figures a report gives for one role, each coordinated count («و6») added to the one
    before it: «قتل 9 من الحوثيين و6 من المقاومة» gives 15."""
    totals: list[int] = []
    for value, joined in counts:
        if joined and totals:
            totals[-1] += int(value)
        else:
            totals.append(int(value))
    return totals


def _partitive_noun(found: Recognized, after: int) -> int | None:
    """«خمسة من الحوثيين»، «ستة من رجال الجيش»: the last word of who was counted after «من»."""
    surfaces = found.tokens.surfaces
    if after + 1 >= len(surfaces) or surfaces[after] != "من":
        return None
    noun = after + 1
    if noun in found.person_nouns:
        return noun
    for actor in found.actors:
        if actor.first_token == noun:
            return actor.last_token
    return None


def _after_and(found: Recognized, count: Count) -> bool:
    """Is the number joined to what comes before it by «و» (و6، و 6)?"""
    start = count.number.norm_start
    text = found.text
    if start >= 1 and text[start - 1] == "و" and (start < 2 or text[start - 2] == " "):
        return True
    return count.token > 0 and found.tokens.surfaces[count.token - 1] == "و"


def _join_coordinated(found: Recognized, counts: list[Count]) -> list[Count]:
    """Counts of one role joined by «و» in one clause add up (قتل ضابط و3 جنود: 4); separate
    reports of one toll (مقتل 5 … وقال مصدر آخر إن 7 قتلوا) stay apart, and the lowest wins."""
    window = count_rules().window
    roles = [word for word in found.count_words if word.payload.kind == "role"]
    out: list[Count] = []
    for count in counts:
        previous = next((c for c in reversed(out) if c.role == count.role), None)
        if (
            previous is not None
            and _after_and(found, count)
            and 0 < count.token - previous.token <= window
            and _same_sentence(found.text, found, previous.token, count.token)
            and not any(previous.token < word.first_token < count.token for word in roles)
        ):
            count = replace(count, joined=True)
        out.append(count)
    return out


@dataclass(frozen=True)
class _StatisticRules:
    window: int
    largest: int
    since: frozenset[tuple[str, ...]]
    since_today: frozenset[tuple[str, ...]]
    over: frozenset[tuple[str, ...]]
    long_periods: frozenset[tuple[str, ...]]
    day_units: frozenset[tuple[str, ...]]
    totals: frozenset[tuple[str, ...]]
    combined: frozenset[tuple[str, ...]]
    past_periods: frozenset[tuple[str, ...]]
    during_it: frozenset[tuple[str, ...]]
    periods_after: frozenset[tuple[str, ...]]


@cache
def _statistic_rules() -> _StatisticRules:
    spec = json.loads(resources.files("marsad.events.data").joinpath("counts.json").read_text("utf-8"))["statistics"]

    def phrases(key: str) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(word.removeprefix("ال") for word in phrase_key(phrase)) for phrase in spec[key])

    return _StatisticRules(
        window=int(spec["window"]),
        largest=int(spec["largest"]),
        since=phrases("since"),
        since_today=phrases("since_today"),
        over=phrases("over"),
        long_periods=phrases("long_periods"),
        day_units=phrases("day_units"),
        totals=phrases("totals"),
        combined=phrases("combined"),
        past_periods=phrases("past_periods"),
        during_it=phrases("during_it"),
        periods_after=phrases("periods_after"),
    )


def armed_people_at(found: Recognized, token: int) -> bool:
    """Is the word at ``token`` one for people of an armed side (جنود، الشرطيين، مسلحين)?"""
    if not 0 <= token < len(found.tokens.surfaces):
        return False
    return bool(_stems(found.tokens.surfaces[token]) & _armed_people())


@cache
def _armed_people() -> frozenset[str]:
    spec = json.loads(resources.files("marsad.events.data").joinpath("counts.json").read_text("utf-8"))
    return frozenset(word for phrase in spec["armed_people"] for word in phrase_key(phrase)[:1])


def _stems(surface: str) -> set[str]:
    return {stem.removeprefix("ال") for stem in candidate_stems(surface)} | {surface}


def _starts(found: Recognized, index: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    """Does one of the phrases start at token ``index`` (its first word with any clitics)?"""
    surfaces = found.tokens.surfaces
    first = _stems(surfaces[index])
    for phrase in phrases:
        if phrase[0] not in first:
            continue
        rest = [surfaces[i].removeprefix("ال") for i in range(index + 1, min(len(surfaces), index + len(phrase)))]
        if tuple(rest) == phrase[1:]:
            return True
    return False


def _is_statistic(found: Recognized, count: Count) -> bool:
    """A count over a period («منذ مارس», «خلال ثلاثة أشهر», «في ثلاثين عاما»), a total, dead and
    wounded counted together, or a figure too large for one event."""
    rules = _statistic_rules()
    if count.value >= rules.largest:
        return True
    surfaces = found.tokens.surfaces
    text = found.text
    first = count.token
    last = found.token_at(max(count.number.norm_start, count.number.norm_end - 1))
    reach = range(last + 1, min(len(surfaces), last + 1 + rules.window))
    after = [i for i in reach if _same_sentence(text, found, first, i)]
    before = [i for i in range(max(0, first - 8), first) if _same_sentence(text, found, i, first)]
    if after and _starts(found, after[0], rules.combined):
        return True
    for position, index in enumerate(after):
        if _starts(found, index, rules.totals) or _starts(found, index, rules.periods_after):
            return True
        if position < 6 and _starts(found, index, rules.past_periods):
            return True  # 260 مقاتلا … في الغارات الأخيرة
        if _starts(found, index, rules.since):
            following = after[position + 1 : position + 2]
            if not (following and _starts(found, following[0], rules.since_today)):
                return True
        if _starts(found, index, rules.over) and _long_period(found, after[position + 1 : position + 4], rules):
            return True
    if any(_starts(found, index, rules.totals) or _starts(found, index, rules.since) for index in before):
        return True
    # «العامين المنصرمين … حيث قتل 1800», «عملية استمرت 5 أيام قتل خلالها 241»: a period told
    # before the number, in its sentence
    earlier = [i for i in range(max(0, first - rules.window), first) if _same_sentence(text, found, i, first)]
    if any(_starts(found, index, rules.past_periods) for index in earlier):
        return True
    return any(_starts(found, index, rules.during_it) for index in before[-3:]) and any(
        _starts(found, index, rules.long_periods) or _starts(found, index, rules.day_units) for index in earlier
    )


def _long_period(found: Recognized, indices: list[int], rules: _StatisticRules) -> bool:
    """A month or more, or more than a week of days (خلال 11 يوما), right after a period word."""
    surfaces = found.tokens.surfaces
    for offset, index in enumerate(indices):
        if _starts(found, index, rules.long_periods):
            return True
        if _starts(found, index, rules.day_units):
            previous = surfaces[indices[offset - 1]] if offset else ""
            return (previous.isdigit() and int(previous) > 7) or (offset == 0 and surfaces[index].endswith("ايام"))
    return False
