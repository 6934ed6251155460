"""The benchmark corpus: part A of the SaudiNewsNet security subset, read from ../shared."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from marsad.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_CORPUS = SHARED / "data/saudinewsnet_security_subset/part_A_2015-07-21_to_2015-08-03.jsonl"
CORPUS_DAYS = 14  # part A spans 2015-07-21 to 2015-08-03


def load(path: Path) -> list[Document]:
    """Every article as a Document; its crawl date stands in for the publication date."""
    documents = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            published = dt.date.fromisoformat(record["date_extracted"][:10])
            documents.append(Document(id=record["id"], text=record["content"], published=published))
    return documents
