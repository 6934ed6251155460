"""Location-mention recognition scored on IDRISI-style JSON Lines (tweets with gold mention spans).

A predicted mention counts as correct when its span equals a gold span (exact), or when it overlaps
one (partial; each gold mention matched at most once). Hashtags are read as text: «#بيروت» names
Beirut, so the '#' of a one-word hashtag is treated as a space before recognition.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.events.places import find_places
from marsad.events.recognized import recognize
from marsad.geo.gazetteer import Gazetteer
from marsad.recognize.ner import default_tagger
from marsad.text.normalize import normalize
from marsad.text.segment import split_sentences, tokenize


@dataclass
class Tally:
    correct: int = 0
    predicted: int = 0
    gold: int = 0

    def as_dict(self) -> dict[str, float | int]:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
        }


_COMPOUND_HASHTAG = re.compile(r"#\w*_[\w_]*")


def _readable(text: str) -> str:
    """A one-word hashtag (#بيروت) is read as the word; a compound one (#امطار_الكويت) is a topic
    label, which IDRISI does not annotate inside, so it is blanked. Offsets stay unchanged."""
    text = _COMPOUND_HASHTAG.sub(lambda match: " " * len(match.group()), text)
    return text.replace("#", " ")


def predicted_spans(text: str, gazetteer: Gazetteer | None) -> list[tuple[int, int]]:
    nt = normalize(_readable(text))
    found = recognize(tokenize(nt), nt.text)
    entities = default_tagger().entities(nt, split_sentences(nt), found.tokens)
    spans = []
    for mention in find_places(found, entities, gazetteer):
        start = mention.name_start if mention.name_start >= 0 else mention.norm_start
        if mention.type_word is not None:
            start = mention.norm_start  # IDRISI marks «محافظة الأنبار» whole
        spans.append(nt.span_to_original(start, mention.norm_end))
    return spans


def gold_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    return [(int(m["startIdx"]), int(m["endIdx"])) for m in record.get("location_mentions", [])]


def score_files(paths: Iterable[Path], gazetteer: Gazetteer | None) -> dict[str, dict[str, float | int]]:
    exact, partial = Tally(), Tally()
    for path in paths:
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                if not line.strip():
                    continue
                record = json.loads(line)
                gold = gold_spans(record)
                predicted = predicted_spans(record["text"], gazetteer)
                for tally in (exact, partial):
                    tally.gold += len(gold)
                    tally.predicted += len(predicted)
                exact.correct += len(set(gold) & set(predicted))
                unmatched = list(gold)
                for start, end in predicted:
                    hit = next((g for g in unmatched if g[0] < end and start < g[1]), None)
                    if hit is not None:
                        unmatched.remove(hit)
                        partial.correct += 1
    return {"exact": exact.as_dict(), "partial": partial.as_dict()}
