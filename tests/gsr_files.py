"""GSR-format CSV files for tests: the columns of the Arabic event gold standard, sentences the team
wrote, three annotators per sentence, and one ambiguous row that scoring and training never use."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path


def write_gsr(
    path: Path,
    event_type: str,
    yes: Sequence[str],
    no: Sequence[str],
    ambiguous: str = "سمع السكان دويا قويا لم يعرف مصدره.",
) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["accept", "event_type", "id", "label", "reject", "text", "total"])
        for i, text in enumerate(yes):
            writer.writerow([3, event_type, f"{event_type}-y{i}", "yes", 0, text, 3])
        for i, text in enumerate(no):
            difficult = i % 2 == 0
            writer.writerow(
                [
                    1 if difficult else 0,
                    event_type,
                    f"{event_type}-n{i}",
                    "difficult no" if difficult else "easy no",
                    2 if difficult else 3,
                    text,
                    3,
                ]
            )
        writer.writerow([1, event_type, f"{event_type}-a0", "ambiguous", 1, ambiguous, 2])
