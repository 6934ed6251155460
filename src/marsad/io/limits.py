"""What one input record may be: the limits every reader (files, JSON Lines, standard input, the
API's POST /api/documents) holds a record to before anything else reads it (docs/reliability.md).

A record over a limit is refused with one line saying which limit, and the next record is read as
usual; nothing is truncated silently.
"""

from __future__ import annotations

import re
from typing import Any

# Bytes in one record: a JSON line (without its line break), a text file, an API request body.
# About a million Arabic characters, far beyond any news report; bounds the memory one record takes.
MAX_RECORD_BYTES = 2 * 1024 * 1024
# Levels of arrays and objects inside one JSON record: a document is one flat object, and extra
# fields a scraper adds rarely nest more than a few levels.
MAX_DEPTH = 32
# Object members in one JSON record, counted at every level.
MAX_FIELDS = 1_000
# Characters in a field: id and source as the store's fixed-width, indexed columns hold them
# (store/schema.py); text at three times the longest of 3,733 real articles (33,687), because
# extraction time grows faster than the text (86,000 characters: 11 s, 172,000: 52 s).
MAX_FIELD_CHARS = {"id": 512, "source": 256, "text": 100_000}
# Longest piece of a user's value that a message quotes: one line stays one readable line.
QUOTE_CHARS = 60

# Lone surrogates cannot be written as UTF-8 (stdout, SQLite, PostgreSQL all refuse them later).
_SURROGATE = re.compile("[\ud800-\udfff]")
# An identifier (id, source, url) is shown on one line: no control character has a place in it.
# A title or text may carry any (scrapers leave form feeds and the like); only NUL is refused there.
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_ONE_LINE_FIELDS = ("id", "source", "url")


DEEP = f"JSON nested too deeply (over {MAX_DEPTH} levels; a document is a flat object of strings)"


def quoted(value: str) -> str:
    """A user's value as a message shows it: control characters escaped, long values cut."""
    shown = value if len(value) <= QUOTE_CHARS else value[:QUOTE_CHARS] + "…"
    return repr(shown)


def one_line(message: str, limit: int = 300) -> str:
    """A message on one line of bounded length, whatever user text it carries."""
    flat = _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", message))
    return flat if len(flat) <= limit else flat[:limit] + "…"


def structure_problem(value: Any) -> str | None:
    """Why a parsed JSON record is too deep or too wide, or None. Iterative: no recursion to exhaust."""
    fields = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            fields += len(item)
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_DEPTH:
            return DEEP
        if fields > MAX_FIELDS:
            return f"more than {MAX_FIELDS} fields (a document needs id and text, and a few optional ones)"
        stack.extend((child, depth + 1) for child in children)
    return None


def field_problem(name: str, value: str) -> str | None:
    """Why one string field of a document cannot be stored, or None."""
    if _SURROGATE.search(value):
        return f"'{name}' contains a lone surrogate (\\ud800-\\udfff), which is not text"
    if "\x00" in value:
        return f"'{name}' contains NUL characters"
    found = _CONTROL.search(value) if name in _ONE_LINE_FIELDS else None
    if found:
        return f"'{name}' contains the control character U+{ord(found.group()):04X}"
    widest = MAX_FIELD_CHARS.get(name)
    if widest is not None and len(value) > widest:
        return f"'{name}' is {len(value):,} characters long, over the limit of {widest:,}"
    return None
