"""The shape of a news article: headline, dateline, lead, paragraphs.

A coder reads an article as its parts: the headline and the lead tell the news, the body adds to it,
the last paragraphs recall the background. The layout says where each sentence stands, in
normalized coordinates, so the news judge can read an event in its place.

A first line is the headline when more text follows it and it reads like one (short, no final
full stop). The dateline is the place (and agency or author) that opens the lead: «بغداد - وكالات:»,
«عدن: محمد علي», «الرياض (واس) -».
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from marsad.text.normalize import NormalizedText
from marsad.text.segment import Sentence

_MAX_HEADLINE_CHARS = 220
_SPEECH_OPENINGS = frozenset(
    {"قال", "وقال", "قالت", "وقالت", "اكد", "واكد", "افاد", "وافاد", "اعلن", "واعلن", "ذكر", "وذكر"}
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
# One to three words, then a dash, a colon or a parenthesised agency, at the very start of the lead.
_DATELINE = re.compile(r"\s*([^\W\d_]+(?: [^\W\d_]+){0,2})\s*(?:\([^)\n]{1,30}\)\s*)?[-–—:]")


@dataclass(frozen=True, slots=True)
class SentencePlace:
    """Where one sentence stands in its article."""

    index: int  # among all sentences
    body_index: int  # among the sentences after the headline (0 is the lead); -1 for the headline
    paragraph: int  # 0 is the headline's line when there is one
    in_title: bool
    in_lead: bool  # the first sentence of the body, or any sentence of its first paragraph
    fraction: float  # how far into the body, 0 (lead) to 1 (last sentence)


@dataclass(frozen=True, slots=True)
class Layout:
    title: Sentence | None
    dateline: tuple[int, int] | None  # normalized span of the dateline's words
    dateline_words: str | None  # its normalized words (usually a city)
    sentences: tuple[Sentence, ...]
    places: tuple[SentencePlace, ...]
    starts: tuple[int, ...] = ()  # each sentence's normalized start, for look-ups

    def place_of(self, sentence: Sentence) -> SentencePlace:
        index = bisect_right(self.starts, sentence.norm_start) - 1
        return self.places[max(index, 0)]

    def title_and_lead(self) -> tuple[Sentence, ...]:
        return tuple(s for s, p in zip(self.sentences, self.places, strict=True) if p.in_title or p.in_lead)


def _is_headline(nt: NormalizedText, first: Sentence, sentences: list[Sentence]) -> bool:
    line_end = nt.text.find("\n")
    if line_end < 0 or len(sentences) < 2:
        return False
    if first.norm_end > line_end or not nt.text[line_end:].strip():
        return False
    line = nt.text[:line_end].strip()
    return 0 < len(line) <= _MAX_HEADLINE_CHARS and not line.endswith(".")


def _dateline(nt: NormalizedText, lead: Sentence | None) -> tuple[tuple[int, int] | None, str | None]:
    if lead is None:
        return None, None
    match = _DATELINE.match(nt.text, lead.norm_start, min(lead.norm_end, lead.norm_start + 60))
    if match is None or match.group(1).split()[0] in _SPEECH_OPENINGS:
        return None, None  # «قال متحدث عسكري:» opens a quote, not a dateline
    return (match.start(1), match.end(1)), match.group(1)


def article_layout(nt: NormalizedText, sentences: list[Sentence]) -> Layout:
    if not sentences:
        return Layout(None, None, None, (), ())
    title = sentences[0] if _is_headline(nt, sentences[0], sentences) else None
    breaks = [match.start() for match in _PARAGRAPH_BREAK.finditer(nt.text)]
    body = sentences[1:] if title else sentences
    lead = body[0] if body else None
    lead_paragraph = bisect_right(breaks, lead.norm_start) if lead else -1
    places = []
    body_count = max(len(body) - 1, 1)
    for index, sentence in enumerate(sentences):
        in_title = title is not None and index == 0
        body_index = index - (1 if title else 0)
        paragraph = bisect_right(breaks, sentence.norm_start)
        places.append(
            SentencePlace(
                index=index,
                body_index=-1 if in_title else body_index,
                paragraph=paragraph,
                in_title=in_title,
                in_lead=not in_title and (body_index == 0 or paragraph == lead_paragraph),
                fraction=0.0 if in_title else min(body_index / body_count, 1.0),
            )
        )
    span, words = _dateline(nt, lead)
    return Layout(title, span, words, tuple(sentences), tuple(places), tuple(s.norm_start for s in sentences))
