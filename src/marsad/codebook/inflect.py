"""Inflected surface forms of an Arabic verb, from its third-person past and present stems.

Unvocalized news text writes active and passive alike (قتل / قُتل), so the forms below cover
both. Forms are generated in normalized spelling (see ``marsad.text.normalize``).
"""

from __future__ import annotations

from typing import Literal

from marsad.text.normalize import normalize_string

Tense = Literal["past", "present"]

_PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "ن", "نا", "تم", "تما")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ون", "ان", "ن", "وا", "ا", "ين")
_OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "هن")


def _with_objects(form: str) -> list[str]:
    if form.endswith("وا"):  # قتلوا + ه -> قتلوه: the silent alef drops before a pronoun
        return [form[:-1] + pronoun for pronoun in _OBJECT_PRONOUNS]
    return [form + pronoun for pronoun in _OBJECT_PRONOUNS]


def verb_forms(past: str, present: str | None = None, exclude: tuple[str, ...] = ()) -> dict[str, Tense]:
    """Every surface form (normalized) of the verb, with its tense."""
    past = normalize_string(past)
    forms: dict[str, Tense] = {}
    # A final weak letter (ى, normalized to ي) drops before consonant suffixes: تصدى -> تصدت، تصدوا.
    past_base = past[:-1] if past.endswith("ي") else past
    for suffix in _PAST_SUFFIXES:
        base = past if suffix in ("", "ا") else past_base
        form = base + suffix
        for variant in (form, *_with_objects(form)):
            forms.setdefault(variant, "past")
    if present:
        stem = normalize_string(present)
        stem_base = stem[:-1] if stem.endswith("ي") else stem
        for prefix in _PRESENT_PREFIXES:
            for suffix in _PRESENT_SUFFIXES:
                base = stem_base if suffix in ("ون", "وا", "ين") else stem
                form = prefix + base + suffix
                for variant in (form, *_with_objects(form)):
                    forms.setdefault(variant, "present")
    for unwanted in exclude:
        forms.pop(normalize_string(unwanted), None)
    return forms
