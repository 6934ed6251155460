"""Arabic normalization for matching, with an exact offset map back to the original text.

Every later stage matches lexicons and patterns against the normalized text, but every span it
reports must point into the text exactly as the user gave it. Normalization is therefore a
per-character translation (delete, keep, replace by one or more characters) and the offset map
records where the length changed.

The fast path is ``str.translate`` (C speed); only characters whose replacement is not exactly one
character (deletions such as harakat and tatweel, expansions such as the lam-alef ligature) need
bookkeeping, and they are found with one precompiled regular expression.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache


# Character classes, as code point ranges. These are facts of Unicode, not tunables.
def _code_points(*ranges: tuple[int, int]) -> str:
    return "".join(chr(c) for low, high in ranges for c in range(low, high + 1))


# Short vowels, tanwin, shadda, sukun, superscript alef and the Quranic annotation marks.
HARAKAT = _code_points(
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x08D3, 0x08E1),
    (0x08E3, 0x08FF),
)
TATWEEL = "\u0640"
# Zero-width and bidirectional controls that outlets leave in copied text.
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u00ad\u061c"
)
ALEF_FORMS = dict.fromkeys("\u0623\u0625\u0622\u0671\u0672\u0673", "\u0627")
HAMZA_CARRIERS = {"\u0624": "\u0648", "\u0626": "\u064a"}
ALEF_MAQSURA = {"\u0649": "\u064a", "\u06cc": "\u064a", "\u06d2": "\u064a"}
TA_MARBUTA = {"\u0629": "\u0647", "\u06c0": "\u0647"}
PERSIAN_LETTERS = {"\u06a9": "\u0643", "\u06aa": "\u0643"}
DIGIT_BLOCKS = ("\u0660", "\u06f0", "\uff10")  # Arabic-Indic, Persian (Extended Arabic-Indic), fullwidth
PUNCTUATION = {
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    "\u061f": "?",  # Arabic question mark
    "\u066a": "%",
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u06d4": ".",  # Arabic full stop
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"


@dataclass(frozen=True)
class NormalizationConfig:
    """Which foldings to apply. The default folds everything; switch a fold off to keep a distinction."""

    alef: bool = True  # أ إ آ ٱ -> ا
    hamza: bool = True  # ؤ -> و, ئ -> ي
    alef_maqsura: bool = True  # ى -> ي
    ta_marbuta: bool = True  # ة -> ه
    tatweel: bool = True  # remove ـ
    harakat: bool = True  # remove short vowels, shadda, sukun, Quranic marks
    digits: bool = True  # ٠-٩ ۰-۹ -> 0-9
    presentation_forms: bool = True  # ﻻ -> لا, ﺑ -> ب (NFKC of the presentation-form blocks)
    invisible: bool = True  # remove zero-width and bidi controls
    punctuation: bool = True  # ، -> , ؟ -> ? « » -> " and dashes -> -
    spaces: bool = True  # exotic spaces and tabs -> ' ' (newlines are kept: they end sentences)
    persian_letters: bool = True  # ک -> ك, ی -> ي
    lowercase: bool = True  # Latin letters, for names such as F-35 or ISIS


DEFAULT_CONFIG = NormalizationConfig()


def _fold_char(ch: str, config: NormalizationConfig) -> str:
    """The normalized form of one character (possibly empty, possibly several characters)."""
    if config.presentation_forms and ("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"):
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded != ch:
            return "".join(_fold_char(c, config) for c in expanded)
    if config.harakat and ch in HARAKAT:
        return ""
    if config.tatweel and ch == TATWEEL:
        return ""
    if config.invisible and ch in INVISIBLE:
        return ""
    for enabled, table in (
        (config.alef, ALEF_FORMS),
        (config.hamza, HAMZA_CARRIERS),
        (config.alef_maqsura, ALEF_MAQSURA),
        (config.ta_marbuta, TA_MARBUTA),
        (config.persian_letters, PERSIAN_LETTERS),
        (config.punctuation, PUNCTUATION),
    ):
        if enabled and ch in table:
            return table[ch]
    if config.digits:
        for zero in DIGIT_BLOCKS:
            if zero <= ch <= chr(ord(zero) + 9):
                return str(ord(ch) - ord(zero))
    if config.spaces and ch in SPACES:
        return " "
    if config.lowercase and "A" <= ch <= "Z":
        return ch.lower()
    return ch


def _candidate_chars(config: NormalizationConfig) -> str:
    """Every character that some fold might change (a superset is harmless: unchanged ones are dropped)."""
    chars = set(HARAKAT + TATWEEL + INVISIBLE + SPACES)
    for table in (ALEF_FORMS, HAMZA_CARRIERS, ALEF_MAQSURA, TA_MARBUTA, PERSIAN_LETTERS, PUNCTUATION):
        chars.update(table)
    for zero in DIGIT_BLOCKS:
        chars.update(chr(ord(zero) + i) for i in range(10))
    chars.update(chr(c) for c in range(ord("A"), ord("Z") + 1))
    if config.presentation_forms:
        chars.update(chr(c) for c in range(0xFB50, 0xFE00))
        chars.update(chr(c) for c in range(0xFE70, 0xFF00))
    return "".join(sorted(chars))


@dataclass(frozen=True)
class _Folder:
    table: dict[int, str]
    replacements: dict[str, str]
    changing: re.Pattern[str] | None  # any character the table changes
    length_changing: re.Pattern[str] | None  # any character it deletes or expands

    def fold(self, text: str) -> str:
        # A news article holds ~10 distinct characters to fold: one str.replace each is about twice
        # as fast as str.translate, which looks every character up through the Python mapping
        # protocol. Replacements are already folded, so the order of the replaces does not matter.
        if self.changing is None:
            return text
        for char in set(self.changing.findall(text)):
            text = text.replace(char, self.replacements[char])
        return text


@lru_cache(maxsize=16)
def _folder(config: NormalizationConfig) -> _Folder:
    table: dict[int, str] = {}
    changing: list[str] = []
    for ch in _candidate_chars(config):
        folded = _fold_char(ch, config)
        if folded != ch:
            table[ord(ch)] = folded
        if len(folded) != 1:
            changing.append(ch)
    pattern = re.compile("[" + re.escape("".join(changing)) + "]") if changing else None
    replacements = {chr(code): folded for code, folded in table.items()}
    unstable = {char for folded in replacements.values() for char in folded if char in replacements}
    if unstable:  # _Folder.fold relies on replacements being final
        raise ValueError(f"normalization tables are not idempotent for {sorted(unstable)!r}")
    any_change = re.compile("[" + re.escape("".join(replacements)) + "]") if replacements else None
    return _Folder(table, replacements, any_change, pattern)


class NormalizedText:
    """Normalized text plus the map from its offsets to offsets in the original.

    The map is stored as breakpoints: a list of normalized offsets where a run starts, with the
    original offset of that run's first character and whether the run advances (a normal run) or
    stays on one original character (the characters an expansion produced).
    """

    __slots__ = ("_advances", "_norm_starts", "_orig_starts", "original", "text")

    def __init__(
        self, original: str, text: str, norm_starts: list[int], orig_starts: list[int], advances: list[bool]
    ) -> None:
        self.original = original
        self.text = text
        self._norm_starts = norm_starts
        self._orig_starts = orig_starts
        self._advances = advances

    @property
    def is_identity_map(self) -> bool:
        return len(self._norm_starts) == 1 and self._orig_starts[0] == 0 and self._advances[0]

    def to_original(self, index: int) -> int:
        """Original offset of the character at normalized ``index`` (``len(text)`` maps to ``len(original)``)."""
        if index >= len(self.text):
            return len(self.original) if index == len(self.text) else _raise_index(index, len(self.text))
        if index < 0:
            _raise_index(index, len(self.text))
        run = bisect_right(self._norm_starts, index) - 1
        base = self._orig_starts[run]
        return base + (index - self._norm_starts[run]) if self._advances[run] else base

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest original span whose characters produced normalized ``[start, end)``."""
        if start >= end:
            position = self.to_original(start)
            return position, position
        return self.to_original(start), self.to_original(end - 1) + 1

    def original_slice(self, start: int, end: int) -> str:
        orig_start, orig_end = self.span_to_original(start, end)
        return self.original[orig_start:orig_end]

    def __repr__(self) -> str:
        return f"NormalizedText({self.text!r})"


def _raise_index(index: int, length: int) -> int:
    raise IndexError(f"normalized offset {index} outside 0..{length}")


def normalize(text: str, config: NormalizationConfig = DEFAULT_CONFIG) -> NormalizedText:
    """Normalize ``text`` for matching and keep the offset map back to it."""
    folder = _folder(config)
    normalized = folder.fold(text)
    if folder.length_changing is None or not folder.length_changing.search(text):
        return NormalizedText(text, normalized, [0], [0], [True])
    norm_starts: list[int] = [0]
    orig_starts: list[int] = [0]
    advances: list[bool] = [True]
    norm_pos = 0  # normalized offset of the original character at orig_pos
    orig_pos = 0
    table = folder.table
    for match in folder.length_changing.finditer(text):
        at = match.start()
        norm_pos += at - orig_pos  # the unchanged run before this character maps one to one
        replacement = table.get(ord(text[at]), text[at])
        if replacement:
            # an expansion: all its characters point at the one original character
            _add_run(norm_starts, orig_starts, advances, norm_pos, at, advance=len(replacement) == 1)
            norm_pos += len(replacement)
        _add_run(norm_starts, orig_starts, advances, norm_pos, at + 1, advance=True)
        orig_pos = at + 1
    return NormalizedText(text, normalized, norm_starts, orig_starts, advances)


def _add_run(
    norm_starts: list[int], orig_starts: list[int], advances: list[bool], norm: int, orig: int, advance: bool
) -> None:
    if norm_starts[-1] == norm:  # the previous run is empty (a deletion): replace it
        orig_starts[-1] = orig
        advances[-1] = advance
    else:
        norm_starts.append(norm)
        orig_starts.append(orig)
        advances.append(advance)


_TRAILING_MARKS = frozenset(HARAKAT + TATWEEL)


def extend_over_marks(original: str, end: int) -> int:
    """Move a span's end past the harakat and tatweel that belong to its last letter (قتيلاً ends
    after the tanwin), so evidence quoted from the original never cuts a letter from its marks."""
    while end < len(original) and original[end] in _TRAILING_MARKS:
        end += 1
    return end


@lru_cache(maxsize=65536)
def normalize_string(text: str, config: NormalizationConfig = DEFAULT_CONFIG) -> str:
    """Normalized form only, for lexicon entries and other strings that need no offsets."""
    return _folder(config).fold(text)
