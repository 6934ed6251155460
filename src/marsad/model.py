"""The schema every stage and every check relies on (see docs/record.md and DESIGN.md)."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PublishedFrom = Literal["document", "option", "text"]


PUBLISHED_YEARS = (1900, 2200)


class Document(BaseModel):
    """One input report, exactly as the user gave it."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1)
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _iso_date_only(cls, value: Any) -> Any:
        # Accept YYYY-MM-DD (and a timestamp starting with it); reject anything else clearly.
        if value is None:
            return value
        parsed = value if isinstance(value, dt.date) else None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                parsed = dt.date.fromisoformat(value.strip()[:10])
        if parsed is None:
            raise ValueError(f"published must be a date YYYY-MM-DD, got {value!r}")
        # relative dates are counted from it: a year outside news archives is a typing error
        if not PUBLISHED_YEARS[0] <= parsed.year <= PUBLISHED_YEARS[1]:
            raise ValueError(f"published must be between {PUBLISHED_YEARS[0]} and {PUBLISHED_YEARS[1]}, got {value!r}")
        return parsed


class Mention(BaseModel):
    """Something found in the text: a date, a number, later places, actors and triggers.

    ``span`` is ``[start, end)`` in the document text exactly as given; kind-specific keys
    (``precision``, ``approximate``, ``low``, ``high`` …) ride along as extra fields.
    """

    model_config = ConfigDict(extra="allow")

    kind: str
    text: str
    span: tuple[int, int]
    value: Any = None


class DocumentRecord(BaseModel):
    """What `marsad extract` writes for one document: one JSON object per line."""

    id: str
    published: dt.date | None
    published_from: PublishedFrom | None = None
    published_span: tuple[int, int] | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    # the article judge: is this article about political violence, protest or security at all?
    security_news: bool = False
    security_news_probability: float = 0.0
    mentions: list[Mention]
    events: list[dict[str, Any]] = Field(default_factory=list)
