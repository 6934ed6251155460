"""Property and fuzz testing: the Hypothesis profiles and the strategies the fuzz tests share.

Two profiles, chosen by MARSAD_FUZZ (see docs/reliability.md):

- ``ci`` (the default): derandomized, so every CI run tries the same inputs (a failure reproduces
  by running the test again), with no example database to carry state between runs.
- ``nightly`` (``MARSAD_FUZZ=nightly``, ``make fuzz``): a fresh random seed each run (printed on a
  failure, to reproduce with ``--hypothesis-seed``) and NIGHTLY_SCALE times the examples of every
  test that takes its count from ``fuzz_settings``.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

NIGHTLY_SCALE = 20
PROFILE = os.environ.get("MARSAD_FUZZ", "ci")

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("nightly", derandomize=False, deadline=None, print_blob=True)


def load_profile() -> None:
    if PROFILE not in ("ci", "nightly"):
        raise ValueError(f"MARSAD_FUZZ must be ci or nightly, not {PROFILE!r}")
    settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """A test's example count under the active profile."""
    return count * NIGHTLY_SCALE if PROFILE == "nightly" else count


def fuzz_settings(count: int) -> settings:
    """Settings for a fuzz test that tries `count` inputs per CI run."""
    return settings(
        max_examples=examples(count),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


_TEXT_DATA = Path(__file__).resolve().parents[1] / "src" / "marsad" / "text" / "data"


def _arabic_strings(value: Any, key: str = "") -> list[str]:
    """Every Arabic word or phrase in a lexicon (keys and values, not the comments)."""
    if key.startswith("_"):
        return []
    found: list[str] = []
    if isinstance(value, str):
        return [value] if any("\u0600" <= ch <= "\u06ff" for ch in value) else []
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            found += _arabic_strings(inner_key) if not inner_key.startswith("_") else []
            found += _arabic_strings(inner, inner_key)
    elif isinstance(value, list):
        for inner in value:
            found += _arabic_strings(inner)
    return found


@cache
def lexicon_words() -> list[str]:
    """The date and number vocabulary Marsad reads (month names, weekdays, number words, cues)."""
    words: set[str] = set()
    for name in ("dates.json", "numbers.json"):
        words.update(_arabic_strings(json.loads((_TEXT_DATA / name).read_text(encoding="utf-8"))))
    return sorted(words)


_DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_GLUE = [" ", " ", " ", "/", "-", "،", ".", "\n", "(", ")", "«", "»", "ـ", "\u064e", "\u0651", "\u200f", "\u00a0"]
_CLITICS = ["", "و", "ب", "ل", "ف", "وب", "ال"]
_EVENT_WORDS = ["قتل", "مقتل", "أصيب", "جرح", "اعتقل", "انفجار", "عبوة", "قصف", "غارة"]
_EVENT_WORDS += ["مسلحين", "جنود", "مدنيين", "شخصا", "داعش", "الجيش"]


@cache
def _pieces() -> st.SearchStrategy[str]:
    # one draw per piece: words with their clitics and numbers are precomputed, so that generating
    # a text costs little next to reading it
    words = [clitic + word for word in [*lexicon_words(), *_EVENT_WORDS] for clitic in _CLITICS]
    numbers = [*_DIGITS, "2024", "١٤٤٥", "29", "3.5", "٢٬٥٠٠", "1/1", "12/05/2023", "0"]
    glue = st.sampled_from(_GLUE)
    return st.one_of(st.sampled_from(words), glue, st.sampled_from(numbers), glue, st.characters())


def arabic_report_text(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Text made of the words the parsers look for, digits of three scripts, clitics, punctuation,
    marks and stray Unicode, run together: where offset and parsing bugs live."""
    return st.lists(_pieces(), max_size=max_pieces).map("".join)
