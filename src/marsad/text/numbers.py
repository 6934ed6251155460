"""Numbers in Arabic news text: digits in any script, number words, vague quantities and dual nouns.

Everything is matched on the normalized text (see :mod:`marsad.text.normalize`), so Arabic-Indic
digits, hamza forms and harakat need no special cases here; offsets are mapped back to the original
only for the few mentions found.

Speed is the main design constraint (the whole text layer must read thousands of articles a
second), so candidates are found by one precompiled regular expression generated from the lexicon in
``data/numbers.json``. It starts with a literal space (the regex engine then skips through the text
with a plain character search) and dispatches on the first letters of the following word through a
trie, so a word that is no number fails after a few character comparisons. Only the few candidates
found are interpreted in Python (proclitics, the grammar of number words, hamza checks against the
original), and only those are looked at for approximation cues, bounds and ranges (about 58 µs for a
2,350-character article on one core, measured on the SaudiNewsNet subset).

Conservative by design: a false number is worse than a missed one. ``أحد`` alone ("one of",
Sunday), ordinals, definite cardinals (``الثلاثة``, ``الاثنين`` = Monday) and ``ال`` + digits (usually
an ordinal, ``الـ15``) are not numbers; a range keeps its lower end as its value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from typing import Any

from marsad.text.normalize import HARAKAT, TATWEEL, NormalizedText, normalize_string

__all__ = ["NumberMention", "find_numbers", "parse_number_words"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number in a text, with its conservative value and what the text says about its precision."""

    start: int  # [start, end) into the ORIGINAL text
    end: int
    norm_start: int  # [norm_start, norm_end) into the normalized text
    norm_end: int
    text: str  # original[start:end]
    value: int | float  # the conservative value: the lower end of a range, the bound of "more than N"
    approximate: bool = False
    low: int | float | None = None
    high: int | float | None = None
    vague: bool = False  # عشرات, مئات, بضعة ...
    noun: str | None = None  # the normalized singular of a dual noun (جنديين -> جندي)

    def to_json(self) -> dict[str, Any]:
        """The mention in the event record's shape; optional fields only when they say something."""
        out: dict[str, Any] = {"kind": "number", "text": self.text, "span": [self.start, self.end], "value": self.value}
        if self.approximate:
            out["approximate"] = True
        if self.low is not None:
            out["low"] = self.low
        if self.high is not None:
            out["high"] = self.high
        if self.vague:
            out["vague"] = True
        if self.noun is not None:
            out["noun"] = self.noun
        return out


# NumberMention is frozen, so its generated __init__ sets every field through object.__setattr__; the
# loop that builds one per number of a corpus fills the slots directly instead, in the same order, at
# half the cost (the tests compare the two).
(
    _SET_START,
    _SET_END,
    _SET_NORM_START,
    _SET_NORM_END,
    _SET_TEXT,
    _SET_VALUE,
    _SET_APPROXIMATE,
    _SET_LOW,
    _SET_HIGH,
    _SET_VAGUE,
    _SET_NOUN,
) = (getattr(NumberMention, name).__set__ for name in NumberMention.__slots__)
_object_new = object.__new__


def _new_mention(
    start: int,
    end: int,
    norm_start: int,
    norm_end: int,
    text: str,
    value: int | float,
    approximate: bool,
    low: int | float | None,
    high: int | float | None,
    vague: bool,
    noun: str | None,
) -> NumberMention:
    mention = _object_new(NumberMention)
    _SET_START(mention, start)
    _SET_END(mention, end)
    _SET_NORM_START(mention, norm_start)
    _SET_NORM_END(mention, norm_end)
    _SET_TEXT(mention, text)
    _SET_VALUE(mention, value)
    _SET_APPROXIMATE(mention, approximate)
    _SET_LOW(mention, low)
    _SET_HIGH(mention, high)
    _SET_VAGUE(mention, vague)
    _SET_NOUN(mention, noun)
    return mention


# Kinds of number words (small ints: the parser compares them in a tight loop).
_UNIT, _BOUND, _TEN, _TENS, _HUNDRED, _HUNDREDS, _SCALE, _HALF = range(8)
# Grammatical forms of a scale word; they decide which multipliers it accepts.
_SINGULAR, _ACCUSATIVE, _PLURAL, _DUAL = range(4)
_SCALE_FORMS = {"singular": _SINGULAR, "accusative": _ACCUSATIVE, "plural": _PLURAL, "dual": _DUAL}
# What a candidate's first token is.
_CAT_WORD, _CAT_VAGUE, _CAT_DUAL = range(3)
# Kinds of cores (a number before cues and ranges are applied).
_K_DIGITS, _K_WORDS, _K_VAGUE, _K_DUAL = range(4)
# Cues before a number.
_CUE_NONE, _CUE_APPROX, _CUE_LEAST, _CUE_MOST, _CUE_BETWEEN, _CUE_FROM = range(6)
_CUE_GROUPS = {
    "approx": _CUE_APPROX,
    "least": _CUE_LEAST,
    "most": _CUE_MOST,
    "between": _CUE_BETWEEN,
    "from": _CUE_FROM,
}

_DIGITS = frozenset("0123456789")
# A number starts after a space (or a newline, or the start of the text). Starting the pattern with a
# literal space lets the regex engine skip through the text with a plain character search, several
# times faster than a character class. Digits may also stand behind opening punctuation, (15 قتيلا); a
# number word glued to punctuation is rare enough to leave. Numbers glued to other punctuation (10-15,
# ٥،١٠) are taken apart from one digit run in Python.
_OPENER_CHARS = "\"'([{-"
# The most frequent word-initial letters in Arabic news (measured on the SaudiNewsNet subset: together
# about 80% of words); each gets its own branch in the candidate regex, the other letters share one.
_COMMON_LETTERS = "اومبفعلت"
# Characters that may follow a letter without being part of the normalized text; a mention's original
# span takes in the ones after its last letter (خَمْسَةُ keeps its final damma).
_MARKS = frozenset(HARAKAT + TATWEEL)
_HAMZA_MARKS = frozenset("\u0626\u0654")  # ئ or a combining hamza above
_HAMZA_ALEFS = frozenset("\u0623\u0625")  # أ إ: وأحد is و + أحد, not واحد
_ARABIC_COMMA = "\u060c"

# Digit runs, split into their parts (the regex already guarantees the overall shape).
_DIGIT_PARTS = re.compile(r"([0-9][0-9.,:/ \-]*?) ?([^\W\d_]+)?")
# A third part around a dash range makes it a date: 23 - 06 - 2015, 30-1- 2015.
_DATE_PART_AFTER = re.compile(r" ?[-/] ?[0-9]")
_DATE_PART_BEFORE = re.compile(r"[0-9] ?[-/] ?\Z")
_DOT_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    words: dict[str, tuple[int, int, int]]  # number word -> (kind, value, scale form)
    forms: dict[str, int]  # every form a candidate may start with -> category
    vague: dict[str, tuple[int, int | None, int | None]]  # value, low, high
    vague_multipliers: dict[str, int]
    vague_teen_words: frozenset[str]
    vague_teen: tuple[int, int, int]
    ten_words: frozenset[str]
    duals: dict[str, str]  # dual form -> singular
    two_words: frozenset[str]  # اثنين, اثنتان ... that may follow a dual noun
    digit_scales: dict[str, int]
    hamza_sensitive: frozenset[str]
    restricted: dict[str, frozenset[str]]
    ordinal_re: re.Pattern[str]
    cue_index: dict[str, list[tuple[str, int]]]  # last word of a cue (with proclitics if one word) -> cues
    cue_endings: frozenset[str]  # the last two letters of those words: a cheap first test
    clitic_letters: frozenset[str]
    space_re: re.Pattern[str]  # candidates after a space: nearly all
    line_re: re.Pattern[str]  # after a newline
    start_re: re.Pattern[str]  # at the start of the text
    tail_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    connector_re: re.Pattern[str]
    trend_re: re.Pattern[str]


# --- building the lexicon and its regular expressions -------------------------------------------------


def _entries(section: dict[str, Any]) -> dict[str, Any]:
    """A data section without its documentation keys, with normalized keys."""
    return {normalize_string(k): v for k, v in section.items() if not k.startswith("_")}


def _words(items: Iterable[str]) -> list[str]:
    return [normalize_string(w) for w in items]


def _trie(forms: Iterable[Sequence[str]]) -> str:
    """A regex matching exactly ``forms`` (sequences of regex atoms), factored as a trie.

    A trie keeps every alternation small: the engine compares one character per level instead of
    trying hundreds of words one after the other.
    """
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for atom in form:
            node = node.setdefault(atom, {})
        node[""] = {}  # end of a form
    return _emit(root)


def _emit(node: dict[str, Any]) -> str:
    alternatives = [atom + _emit(child) for atom, child in node.items() if atom]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if "" in node:  # a form ends here and longer ones continue: the rest is optional (greedy, longest first)
        body = f"(?:{body})?" if len(alternatives) == 1 else body + "?"
    return body


def _dispatch(by_letter: dict[str, list[tuple[str, ...]]], skip: Iterable[str], tail: str) -> str:
    """The first level of the candidate regex: one branch per common initial letter, one for the rest.

    The regex engine tries the alternatives of a group one after the other, and a word that is no
    number (nearly every word) is tried against all of them, so the width of this level is what the scan
    costs. Frequent letters get their own branch; the rare ones share one character class followed by
    the union of their continuations. The union lets through some non-words (the continuation of one
    letter after another); the dictionary lookup that interprets each candidate rejects them.
    """
    skipped = set(skip)
    alternatives = [
        re.escape(letter) + "(?:" + _trie(by_letter[letter]) + ")" + tail
        for letter in _COMMON_LETTERS
        if letter in by_letter and letter not in skipped
    ]
    rare = sorted(letter for letter in by_letter if letter not in _COMMON_LETTERS and letter not in skipped)
    if rare:
        union = [rest for letter in rare for rest in by_letter[letter]]
        alternatives.append("[" + "".join(rare) + "](?:" + _trie(union) + ")" + tail)
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


def _by_first_letter(forms: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    by_letter: dict[str, list[tuple[str, ...]]] = {}
    for atoms in forms:
        by_letter.setdefault(atoms[0], []).append(atoms[1:])
    return by_letter


def _atoms(word: str) -> tuple[str, ...]:
    return tuple(re.escape(ch) for ch in word)


def _alternation(phrases: Iterable[str]) -> str:
    """Longest first, so that a cue such as "ما لا يقل عن" is not cut to "لا يقل عن"."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


def _number_words(raw: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """Every number word -> (kind, value, scale form)."""
    words: dict[str, tuple[int, int, int]] = {}
    sections = (
        (_UNIT, "units"),
        (_BOUND, "bound_units"),
        (_TEN, "ten"),
        (_TENS, "tens"),
        (_HUNDRED, "hundred"),
        (_HUNDREDS, "hundreds"),
    )
    for kind, section in sections:
        for word, value in _entries(raw[section]).items():
            words[word] = (kind, int(value), 0)
    for word, spec in _entries(raw["scales"]).items():
        words[word] = (_SCALE, int(spec["value"]), _SCALE_FORMS[spec["form"]])
    for word in _words(raw["half"]):
        words[word] = (_HALF, 0, 0)
    return words


def _dual_forms(raw: dict[str, Any]) -> dict[str, str]:
    """Dual form -> singular: جندي -> جنديين, جنديان; ضربة -> ضربتين, ضربتان."""
    duals: dict[str, str] = {}
    for noun in _words(raw["masculine"]):
        duals[noun + "ين"] = duals[noun + "ان"] = noun
    for noun in _words(raw["feminine"]):
        stem = noun[:-1] if noun.endswith("ه") else noun  # normalized ة
        duals[stem + "تين"] = duals[stem + "تان"] = noun
    return duals


def _candidate_body(
    start_atoms: list[tuple[str, ...]],
    chain: str,
    digit_tail: str,
    first_clitics: list[str],
    second_clitics: list[str],
) -> str:
    """The candidate regex after the space: group 1 is a number word, a dual, a vague word or digits.

    A proclitic letter (و ف ب ل ك) either begins a form (واحد, بضعة) or is followed by any form or
    digit, behind at most one more proclitic (وب, فل).
    """
    by_letter = _by_first_letter(start_atoms)
    clitic_letters = first_clitics + second_clitics
    after_clitic = f"(?:{_dispatch(by_letter, (), chain)}|[0-9]{digit_tail})"
    branches: list[str] = []
    for letter in _COMMON_LETTERS + "".join(c for c in clitic_letters if c not in _COMMON_LETTERS):
        parts = [_trie(by_letter[letter]) + chain] if letter in by_letter else []
        if letter in clitic_letters:
            second = "(?:[" + "".join(second_clitics) + "])?" if letter in first_clitics else ""
            parts.append(second + after_clitic)
        if parts:
            branches.append(re.escape(letter) + "(?:" + "|".join(parts) + ")")
    branches.append("[0-9]" + digit_tail)
    branches.append("[" + re.escape(_OPENER_CHARS) + "][0-9]" + digit_tail)
    branches.append(_dispatch(by_letter, _COMMON_LETTERS + "".join(clitic_letters), chain))
    return "(" + "|".join(branches) + ")"


def _cue_index(prefix_groups: dict[str, list[str]], clitic_combinations: list[str]) -> dict[str, list[tuple[str, int]]]:
    """The last word of each cue before a number -> the cues ending with it, longest first.

    A one-word cue carries its proclitics in the word itself (بنحو), so each proclitic form is a key;
    a longer cue carries them on its first word (وأكثر من), which the lookup allows for.
    """
    index: dict[str, list[tuple[str, int]]] = {}
    for name, items in prefix_groups.items():
        for phrase in _words(items):
            last_word = phrase.split(" ")[-1]
            keys = [c + last_word for c in clitic_combinations] if " " not in phrase else [last_word]
            for key in keys:
                index.setdefault(key, []).append((phrase, _CUE_GROUPS[name]))
    for entries in index.values():
        entries.sort(key=lambda entry: len(entry[0]), reverse=True)
    return index


def _build(raw: dict[str, Any]) -> _Lexicon:
    words = _number_words(raw)
    ten_words = frozenset(w for w, (k, _, _) in words.items() if k == _TEN)
    tens_words = [w for w, (k, _, _) in words.items() if k == _TENS]
    vague = {w: (int(s["value"]), s.get("low"), s.get("high")) for w, s in _entries(raw["vague"]).items()}
    vague_multipliers = {w: int(v) for w, v in _entries(raw["vague_multipliers"]).items()}
    hamza_sensitive = set(_words(raw["hamza_sensitive"]["words"]))
    duals = _dual_forms(raw["dual_nouns"])
    clitics = raw["clitics"]
    first_clitics, second_clitics = _words(clitics["first"]), _words(clitics["second"])
    all_clitics = "".join(first_clitics + second_clitics)

    # The forms a candidate may start with. A bound unit (أحد, اثنا) only counts when a teen or a
    # compound follows, so it carries a lookahead: "أحد" alone is never even a candidate.
    bound_next = "(?= (?:" + _alternation(ten_words) + ")(?!\\w)| و ?(?:" + _alternation(tens_words) + ")(?!\\w))"
    forms: dict[str, int] = {}
    start_atoms: list[tuple[str, ...]] = []
    for word, (kind, _, form) in words.items():
        if kind == _HALF or (kind == _SCALE and form in (_ACCUSATIVE, _PLURAL)):
            continue  # these need a number before them
        forms[word] = _CAT_WORD
        start_atoms.append(_atoms(word) + ((bound_next,) if kind == _BOUND else ()))
    for word in list(vague):
        variants = [word]
        if word.startswith("ال"):  # ل + العشرات is written للعشرات
            variants.append("ل" + word[1:])
            vague["ل" + word[1:]] = vague[word]
            if word in hamza_sensitive:
                hamza_sensitive.add("ل" + word[1:])
        for variant in variants:
            forms[variant] = _CAT_VAGUE
            start_atoms.append(_atoms(variant))
    for word in duals:
        forms[word] = _CAT_DUAL
        start_atoms.append(_atoms(word))

    # What may follow the first word of a number: more number words, joined by a space or by و.
    tail = _trie(_atoms(w) for w in set(words) | set(vague_multipliers))
    chain = "(?!\\w)(?: +(?:و ?)?" + tail + "(?!\\w))*"
    digit_scales = {w: int(v) for w, v in _entries(raw["digit_scales"]).items()}
    # After the first digit: the whole run of digits and the punctuation inside it (thousands, decimals,
    # lists such as ٥،١٠, ranges such as 10-15, dates and times), then perhaps a scale word. Python takes
    # the run apart; space-grouped thousands (12 000) are only tried when each group has three digits.
    digit_tail = (
        f"[0-9]*(?:(?:[.,:/\\-][0-9]+)+|(?: [0-9]{{3}}(?![0-9]))+)?(?: ?(?:{_alternation(digit_scales)})(?!\\w))?"
    )
    body = _candidate_body(start_atoms, chain, digit_tail, first_clitics, second_clitics)

    cues = raw["cues"]
    prefix_groups = {
        "approx": cues["approximate_before"],
        "least": cues["at_least_before"],
        "most": cues["at_most_before"],
        "between": cues["range_between"],
        "from": cues["range_from"],
    }
    clitic_combinations = [""] + first_clitics + second_clitics + [a + b for a in first_clitics for b in second_clitics]
    cue_index = _cue_index(prefix_groups, clitic_combinations)
    suffix_groups = {"approx": cues["approximate_after"], "least": cues["at_least_after"]}
    suffix = "|".join(f"(?P<{name}>{_alternation(_words(items))})" for name, items in suffix_groups.items())
    connector = (
        " *(?P<dash>-) *"
        f"| +(?P<and>{_alternation(_words(cues['range_and']))}) ?"
        f"| +(?P<to>{_alternation(_words(cues['range_to']))}) +"
        f"| +(?P<or>{_alternation(_words(cues['range_or']))}) +"
    )
    ordinals = _alternation(_words(raw["ordinals"]["words"]))
    teen = raw["vague_teen"]
    return _Lexicon(
        words=words,
        forms=forms,
        vague=vague,
        vague_multipliers=vague_multipliers,
        vague_teen_words=frozenset(_words(teen["words"])),
        vague_teen=(int(teen["value"]), int(teen["low"]), int(teen["high"])),
        ten_words=ten_words,
        duals=duals,
        two_words=frozenset(w for w, (k, v, _) in words.items() if k == _UNIT and v == 2),
        digit_scales=digit_scales,
        hamza_sensitive=frozenset(hamza_sensitive),
        restricted={
            normalize_string(w): frozenset(_words(c)) for w, c in clitics["restricted"].items() if not w.startswith("_")
        },
        # the word before a standalone عشر: الخامس, والحادية, للثالث ...
        ordinal_re=re.compile(f"\\W*(?:[{all_clitics}]{{0,2}}ال|لل)?(?:{ordinals})"),
        cue_index=cue_index,
        cue_endings=frozenset(word[-2:] for word in cue_index),
        clitic_letters=frozenset(all_clitics),
        space_re=re.compile(" " + body),
        line_re=re.compile("\n" + body),
        start_re=re.compile(body),
        tail_re=re.compile(" +(و ?)?(" + tail + ")(?!\\w)"),
        suffix_re=re.compile(f" (?:(?P<gap>[^\\W\\d_]+) )?(?:{suffix})(?!\\w)"),
        connector_re=re.compile(connector),
        trend_re=re.compile(_alternation(_words(cues["trend_words"]["words"]))),
    )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load and compile once per process (the data file is read at first use, not at import)."""
    raw = json.loads(files("marsad.text.data").joinpath("numbers.json").read_text(encoding="utf-8"))
    return _build(raw)


# --- the grammar of number words ------------------------------------------------------------------------

# Parser states.
_ST_START, _ST_OPEN_HUNDRED, _ST_OPEN_SCALE, _ST_UNIT, _ST_BOUND, _ST_DONE, _ST_HUNDRED, _ST_SCALED, _ST_HALF = range(9)
_ACCEPTING = frozenset((_ST_UNIT, _ST_DONE, _ST_HUNDRED, _ST_SCALED, _ST_HALF))


def _parse_chain(
    tokens: Sequence[tuple[bool, str]], words: dict[str, tuple[int, int, int]]
) -> tuple[int, int, int, int]:
    """The longest prefix of ``tokens`` that is one well-formed number.

    ``tokens`` are ``(joined_with_waw, word)``. Returns ``(count, value, base, scale)``: ``count`` is 0
    when not even the first token is a number; ``value == base * scale`` where the number is one scaled
    chunk (ثلاثة آلاف: 3 x 1000), which lets a range share its scale (ثلاثة أو أربعة آلاف).

    Arabic order: the unit comes before the tens (ثلاثة وعشرون), a unit before عشر makes a teen, a
    number before a scale word multiplies it (with agreement: آلاف after 3-10, ألفا after 11+), and
    و adds a smaller part after hundreds or a scale (ألف ومئتان وخمسون). When what follows a و turns out
    to be multiplied by a scale that cannot join (ألفين وثلاثة آلاف, بين مليونين وثلاثة ملايين), the و
    began a second number, and the first ends before it.
    """
    total = 0  # completed scaled chunks
    group = 0  # the current group below a thousand
    unit = 0  # the unit that may still take a teen or tens
    last_scale = 0  # scales must decrease: مليون وألف, not ألف ومليون
    chunks = chunk_base = 0
    chunk_scale = 1
    state = _ST_START
    best = (0, 0, 0, 1)
    before_waw: tuple[int, int, int, int] | None = None  # the number as it stood before the last و
    for i, (waw, word) in enumerate(tokens):
        entry = words.get(word)
        if entry is None:
            break
        kind, value, form = entry
        if i and waw:
            if state == _ST_HUNDRED:
                state = _ST_OPEN_HUNDRED
                before_waw = best
            elif state == _ST_SCALED:
                state = _ST_OPEN_SCALE
                before_waw = best
            elif state in (_ST_UNIT, _ST_BOUND) and kind == _TENS:  # ثلاثة وعشرون
                group += value
                state = _ST_DONE
                best = (i + 1, total + group, total + group, 1)
                continue
            else:
                break
        if i == 0 or waw:  # the start of a group
            if kind in (_UNIT, _BOUND):
                group += value
                unit = value
                state = _ST_UNIT if kind == _UNIT else _ST_BOUND
            elif kind in (_TEN, _TENS):
                group += value
                state = _ST_DONE
            elif kind in (_HUNDRED, _HUNDREDS) and state != _ST_OPEN_HUNDRED:
                group = value
                state = _ST_HUNDRED
            elif (
                kind == _SCALE
                and state != _ST_OPEN_HUNDRED
                and form in (_SINGULAR, _DUAL)
                and (not last_scale or value < last_scale)
            ):
                base = 2 if form == _DUAL else 1
                total += base * value
                chunks += 1
                chunk_base, chunk_scale, last_scale = base, value, value
                state = _ST_SCALED
            elif kind == _HALF and state == _ST_OPEN_SCALE:  # مليون ونصف
                total += last_scale // 2
                chunks += 1
                state = _ST_HALF
            else:
                break
        elif kind == _TEN and state in (_ST_UNIT, _ST_BOUND):  # خمسة عشر, إحدى عشرة
            group += value
            state = _ST_DONE
        elif kind == _HUNDRED and state == _ST_UNIT and group == unit and 3 <= unit <= 9:  # ثلاث مئة
            group = unit * value
            state = _ST_HUNDRED
        elif (
            kind == _SCALE
            and state in (_ST_UNIT, _ST_DONE, _ST_HUNDRED)
            and form != _DUAL
            and (not last_scale or value < last_scale)
            and (form != _PLURAL or 3 <= group <= 10)
            and (form != _ACCUSATIVE or group >= 11)
        ):
            total += group * value
            chunks += 1
            chunk_base, chunk_scale, last_scale = group, value, value
            group = 0
            state = _ST_SCALED
            before_waw = None
        elif kind == _SCALE and state == _ST_HALF and value == last_scale and form == _SINGULAR:
            pass  # مليون ونصف مليون
        else:
            if before_waw is not None and kind in (_SCALE, _HUNDRED):
                return before_waw
            break
        if state in _ACCEPTING:
            number = total + group
            if chunks == 1 and group == 0 and state == _ST_SCALED:
                best = (i + 1, number, chunk_base, chunk_scale)
            else:
                best = (i + 1, number, number, 1)
    return best


def parse_number_words(normalized_phrase: str) -> int | None:
    """The value of a phrase that is exactly one number in words ("ثلاثه وعشرين" -> 23), else None.

    The phrase should be normalized (it is normalized again here, which is idempotent and cached).
    """
    lex = _lexicon()
    raw = normalize_string(normalized_phrase).split()
    if not raw:
        return None
    tokens: list[tuple[bool, str]] = []
    for i, token in enumerate(raw):
        if token == "و" and i + 1 < len(raw):  # "و عشرين" written apart
            continue
        waw = i > 0 and raw[i - 1] == "و"
        if i and not waw and token not in lex.words and token.startswith("و") and token[1:] in lex.words:
            waw, token = True, token[1:]
        tokens.append((waw, token))
    count, value, _, _ = _parse_chain(tokens, lex.words)
    return value if count == len(tokens) else None


# --- finding numbers ---------------------------------------------------------------------------------

# A number before cues and ranges are applied, as a plain tuple (this is the hot path, and a tuple is
# built ten times faster than an object): normalized start and end, value, kind (_K_*), low, high,
# noun of a dual, and base x scale for a scaled number (3 آلاف: 3 x 1000) so a range can share its scale.
_Core = tuple[int, int, int | float, int, int | float | None, int | float | None, str | None, int | float, int]


def _number(value: Decimal | int) -> int | float:
    """An int when the value is whole (2.5 مليون is 2500000), else a float."""
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def _has_hamza(nt: NormalizedText, start: int, end: int) -> bool:
    s, e = nt.span_to_original(start, end)
    return not _HAMZA_MARKS.isdisjoint(nt.original[s:e])


def find_numbers(nt: NormalizedText) -> list[NumberMention]:
    """Every number in ``nt``: sorted by start, non-overlapping, the longest reading of each."""
    lex = _lexicon()
    text = nt.text
    cores: list[_Core] = []
    at_start = lex.start_re.match(text)
    if at_start is not None:
        _read_core(nt, lex, at_start.start(1), at_start.end(1), cores)
    merge = bool(cores)
    if "\n" in text:
        before = len(cores)
        _scan(nt, lex, lex.line_re, cores)
        merge = merge or len(cores) > before
    if merge:  # a chain after a newline may have taken in words the space scan also finds
        line_cores = cores
        cores = []
        _scan(nt, lex, lex.space_re, cores)
        cores = _without_overlaps(sorted(line_cores + cores, key=_by_position))
    else:
        _scan(nt, lex, lex.space_re, cores)
    return _assemble(nt, lex, cores) if cores else []


def _by_position(core: _Core) -> tuple[int, int]:
    return core[0], -core[1]


def _without_overlaps(cores: list[_Core]) -> list[_Core]:
    kept: list[_Core] = []
    for core in cores:
        if not kept or core[0] >= kept[-1][1]:
            kept.append(core)
    return kept


def _scan(nt: NormalizedText, lex: _Lexicon, pattern: re.Pattern[str], cores: list[_Core]) -> None:
    text = nt.text
    restart: int | None = 0
    while restart is not None:
        scan_from, restart = restart, None
        for match in pattern.finditer(text, scan_from):
            start, end = match.span(1)
            chunk = text[start:end]
            if chunk.isdigit():  # the most common candidate, read here rather than through two calls
                value = int(chunk)
                cores.append((start, end, value, _K_DIGITS, None, None, None, value, 1))
                continue
            resume = _read_core(nt, lex, start, end, cores)
            if resume < end:  # only part of the candidate was a number: look again from there
                restart = resume
                break


def _read_core(nt: NormalizedText, lex: _Lexicon, start: int, end: int, cores: list[_Core]) -> int:
    """Interpret one regex candidate ``text[start:end]``; append what it holds; return where to go on."""
    text = nt.text
    chunk = text[start:end]
    if chunk[0] in _OPENER_CHARS:  # (15
        stripped = chunk.lstrip(_OPENER_CHARS)
        start += len(chunk) - len(stripped)
        chunk = stripped
    if chunk[0] in _DIGITS:
        return _read_digits(nt, lex, start, chunk, cores)
    if len(chunk) > 1 and chunk[1] in _DIGITS:  # و15, ب15
        return _read_digits(nt, lex, start + 1, chunk[1:], cores)
    if len(chunk) > 2 and chunk[2] in _DIGITS:  # وب15
        return _read_digits(nt, lex, start + 2, chunk[2:], cores)
    space = chunk.find(" ")
    first = chunk if space < 0 else chunk[:space]
    first_end = start + len(first)
    forms = lex.forms
    if first in forms:
        clitic_len = 0
    elif first[1:] in forms:
        clitic_len = 1
    elif first[2:] in forms:
        clitic_len = 2
    else:  # a word the rare-letter union let through (see _dispatch)
        return first_end
    word = first[clitic_len:]
    if clitic_len and word in lex.restricted and not lex.restricted[word].issuperset(first[:clitic_len]):
        return first_end  # لست "you are not"
    if word.startswith("وا") and nt.original[nt.to_original(start + clitic_len + 1)] in _HAMZA_ALEFS:
        clitic_len, word = clitic_len + 1, word[1:]  # وأحد is و + أحد ("and one of"), not واحد
        if word not in lex.words:
            return first_end
    if word in lex.hamza_sensitive and not _has_hamza(nt, start + clitic_len, first_end):
        return first_end  # ميتين "dead", not مئتين
    ns = start + clitic_len
    category = forms.get(word, _CAT_WORD)

    if category == _CAT_DUAL:
        ne = first_end
        tail = lex.tail_re.match(text, ne, end) if ne < end else None
        if tail is not None and tail.group(1) is None and tail.group(2) in lex.two_words:
            ne = tail.end()  # جنديين اثنين: one mention
        cores.append((ns, ne, 2, _K_DUAL, None, None, lex.duals[word], 2, 1))
        return ne

    if category == _CAT_VAGUE:
        value, low, high = lex.vague[word]
        ne = first_end
        tail = lex.tail_re.match(text, ne, end) if ne < end else None
        if tail is not None and tail.group(1) is None:
            follower = tail.group(2)
            multiplier = lex.vague_multipliers.get(follower)
            if multiplier is not None and (
                follower not in lex.hamza_sensitive or _has_hamza(nt, tail.start(2), tail.end(2))
            ):  # عشرات الآلاف, بضعة آلاف
                value *= multiplier
                low = low * multiplier if low is not None else None
                high = high * multiplier if high is not None else None
                ne = tail.end()
            elif word in lex.vague_teen_words and follower in lex.ten_words:  # بضعة عشر
                value, low, high = lex.vague_teen
                ne = tail.end()
        cores.append((ns, ne, value, _K_VAGUE, low, high, None, value, 1))
        return ne

    tokens: list[tuple[bool, str]] = [(False, word)]
    ends = [first_end]
    position = first_end
    while position < end:
        tail = lex.tail_re.match(text, position, end)
        if tail is None:
            break
        follower = tail.group(2)
        if follower in lex.hamza_sensitive and not _has_hamza(nt, tail.start(2), tail.end(2)):
            break
        tokens.append((tail.group(1) is not None, follower))
        position = tail.end()
        ends.append(position)
    count, value, base, scale = _parse_chain(tokens, lex.words)
    if count == 0:
        return first_end
    ne = ends[count - 1]
    if word in lex.ten_words and _after_ordinal(text, lex, ns):
        return ne  # الخامس عشر: "fifteenth", not 10
    cores.append((ns, ne, value, _K_WORDS, None, None, None, base, scale))
    return ne


def _after_ordinal(text: str, lex: _Lexicon, ns: int) -> bool:
    if ns < 2 or text[ns - 1] != " ":
        return False
    previous = text[text.rfind(" ", 0, ns - 1) + 1 : ns - 1]
    return lex.ordinal_re.fullmatch(previous) is not None


def _read_digits(nt: NormalizedText, lex: _Lexicon, ns: int, chunk: str, cores: list[_Core]) -> int:
    """A run of digits and the punctuation inside it, at normalized offset ``ns``; returns where to go on."""
    after = ns + len(chunk)
    if chunk.isdigit():  # the common case: a plain run of digits
        value = int(chunk)
        cores.append((ns, after, value, _K_DIGITS, None, None, None, value, 1))
        return after
    parts = _DIGIT_PARTS.fullmatch(chunk)
    if parts is None:  # cannot happen: the candidate regex only yields this shape
        return after
    digits, scale_word = parts.group(1), parts.group(2)
    dotted_date = digits.count(".") > 1 and _DOT_THOUSANDS.fullmatch(digits) is None  # 21.7.2015, not 1.250.000
    if ":" in digits or "/" in digits or digits.count("-") > 1 or dotted_date:
        return after  # a time or a date (10:30, 21/7/2015, 2015-07-21): the dates module reads those
    if "-" in digits:  # 10-15: two numbers, which the range logic joins
        left, right = digits.split("-")
        _digit_number(nt, lex, ns, left, None, cores)
        return _digit_number(nt, lex, ns + len(left) + 1, right, scale_word, cores, ns + len(chunk))
    return _digit_number(nt, lex, ns, digits, scale_word, cores, after)


def _digit_number(
    nt: NormalizedText,
    lex: _Lexicon,
    ns: int,
    digits: str,
    scale_word: str | None,
    cores: list[_Core],
    after: int = -1,
) -> int:
    """One number written in digits (``after`` is its end including the scale word)."""
    end = ns + len(digits)
    number: Decimal | int
    if "," in digits:
        groups = digits.split(",")
        s, e = nt.span_to_original(ns, end)
        if scale_word is not None and len(groups) == 2 and len(groups[1]) <= 2:
            number = Decimal(digits.replace(",", "."))  # 1,5 مليون: a decimal comma
        elif (
            len(groups[0]) > 3
            or any(len(group.split(".")[0]) != 3 for group in groups[1:])
            or _ARABIC_COMMA in nt.original[s:e]
        ):  # a list (٥،١٠, 2014,2015) rather than thousands (which would be written ٬ or ,)
            position = ns
            for group in groups:
                _digit_number(nt, lex, position, group, None, cores)
                position += len(group) + 1
            return end
        else:
            number = _decimal_or_int(digits.replace(",", ""))
    elif " " in digits:
        groups = digits.split(" ")
        s, e = nt.span_to_original(ns, end)
        typographic = " " not in nt.original[s:e]  # grouped with no-break or thin spaces
        if len(groups[0]) > 3 or not (typographic or any(g.startswith("0") for g in groups[1:])):
            head = int(groups[0])  # "في 15 300": two numbers; the next is found by the scan
            cores.append((ns, ns + len(groups[0]), head, _K_DIGITS, None, None, None, head, 1))
            return ns + len(groups[0])
        number = int("".join(groups))
    elif digits.count(".") > 1:
        number = int(digits.replace(".", ""))  # 1.250.000
    else:
        number = _decimal_or_int(digits)
    multiplier = lex.digit_scales.get(scale_word) if scale_word is not None else None
    if multiplier is not None:
        value = _number(number * multiplier)
        cores.append((ns, after, value, _K_DIGITS, None, None, None, _number(number), multiplier))
        return after
    value = _number(number)
    cores.append((ns, end, value, _K_DIGITS, None, None, None, value, 1))
    return end


def _decimal_or_int(digits: str) -> Decimal | int:
    return Decimal(digits) if "." in digits else int(digits)


# --- cues, bounds and ranges -------------------------------------------------------------------------


def _prefix_cue(text: str, lex: _Lexicon, ns: int, floor: int) -> tuple[int, int]:
    """The cue just before a number (نحو, أكثر من, بين ...) and where it starts, or (_CUE_NONE, ns).

    Plain string work: the word before the number selects the few cue phrases that end with it, and
    each is compared in place.
    """
    if ns < 3 or text[ns - 1] != " ":
        return _CUE_NONE, ns
    candidates = lex.cue_index.get(text[text.rfind(" ", 0, ns - 1) + 1 : ns - 1])
    if candidates is None:
        return _CUE_NONE, ns
    clitics = lex.clitic_letters
    for phrase, kind in candidates:  # longest first: "ما لا يقل عن" before "لا يقل عن"
        q = ns - 1 - len(phrase)
        if q < floor or not text.startswith(phrase, q):
            continue
        # the phrase must start a word, perhaps behind one or two proclitics (وأكثر من, وبين)
        for _ in range(3):
            if q == 0 or not text[q - 1].isalnum():
                return (kind, q) if q >= floor else (_CUE_NONE, ns)
            if text[q - 1] not in clitics:
                break
            q -= 1
    return _CUE_NONE, ns


def _range(
    text: str, lex: _Lexicon, a: _Core, b: _Core, cue: int, cue_start: int
) -> tuple[int, int | float, int | float] | None:
    """``(start, low, high)`` when ``a`` and ``b`` form one range (بين 10 و15, من 3 إلى 5, 10-15)."""
    if a[3] in (_K_VAGUE, _K_DUAL) or b[3] in (_K_VAGUE, _K_DUAL):
        return None
    connector = lex.connector_re.fullmatch(text, a[1], b[0])
    if connector is None:
        return None
    how = connector.lastgroup
    if how == "dash" and (
        not a[3] == b[3] == _K_DIGITS
        or _DATE_PART_AFTER.match(text, b[1]) is not None
        or _DATE_PART_BEFORE.search(text, max(0, a[0] - 4), a[0]) is not None
    ):
        return None  # 23 - 06 - 2015 is a date, not a range
    if how == "and" and cue != _CUE_BETWEEN:
        return None  # "5 و3" is two numbers
    if how == "to":
        if cue not in (_CUE_BETWEEN, _CUE_FROM):
            return None
        if cue == _CUE_FROM and lex.trend_re.search(text, max(0, cue_start - 60), cue_start):
            return None  # ارتفعت الحصيلة من 10 إلى 15: a rise, the figure is 15
    low, high = a[2], b[2]
    if a[8] == 1 and b[8] > 1 and low < b[7]:  # بين 10 و15 ألفا: both in thousands
        low = _number(Decimal(str(low)) * b[8])
    if not low < high:
        return None
    start = cue_start if cue != _CUE_NONE and (cue != _CUE_FROM or how == "to") else a[0]
    return start, low, high


def _assemble(nt: NormalizedText, lex: _Lexicon, cores: list[_Core]) -> list[NumberMention]:
    """Apply cues and ranges to the cores and map them back to the original text."""
    text = nt.text
    original = nt.original
    identity = nt.is_identity_map  # nothing was deleted or expanded: offsets are the same in both texts
    span_to_original = nt.span_to_original
    suffix_match = lex.suffix_re.match
    cue_endings = lex.cue_endings
    mentions: list[NumberMention] = []
    floor = 0  # a cue may not reach back into the previous mention
    count = len(cores)
    i = 0
    while i < count:
        core = cores[i]
        ns, ne, value, kind, low, high, noun, _, _ = core
        cue, cue_start = _CUE_NONE, ns
        if text[ns - 3 : ns - 1] in cue_endings:  # the word before may end a cue (most numbers have none)
            cue, cue_start = _prefix_cue(text, lex, ns, floor)
        following = cores[i + 1] if i + 1 < count else None
        found = None
        if following is not None and following[0] - ne <= 7:  # close enough to be the other end of a range
            found = _range(text, lex, core, following, cue, cue_start)
        if following is not None and found is not None:
            start, low, high = found
            end = following[1]
            approximate = cue in (_CUE_APPROX, _CUE_MOST)
            value, vague, noun = low, False, None
            i += 2
        else:
            start, end = ns, ne
            vague = approximate = kind == _K_VAGUE
            if cue in (_CUE_APPROX, _CUE_LEAST, _CUE_MOST):
                start = cue_start
            suffix = suffix_match(text, end, following[0] if following is not None else len(text))
            if cue == _CUE_APPROX:
                approximate = True
            elif cue == _CUE_LEAST:
                low = value
            elif cue == _CUE_MOST:
                high = value
                approximate = True
            if suffix is not None:
                if suffix.lastgroup == "approx":
                    approximate = True
                else:
                    low = value
                if suffix.group("gap") is None:  # "20 على الأقل"; with a noun between, only the flag
                    end = suffix.end()
            i += 1
        if identity:
            orig_start, orig_end = start, end
        else:
            orig_start, orig_end = span_to_original(start, end)
            while orig_end < len(original) and original[orig_end] in _MARKS:  # the last letter's harakat
                orig_end += 1
        text_span = original[orig_start:orig_end]
        mentions.append(
            _new_mention(orig_start, orig_end, start, end, text_span, value, approximate, low, high, vague, noun)
        )
        floor = end
    return mentions
