"""Benchmark: full extraction (text layer, recognition, event frames; no place resolution yet)
over part A of the SaudiNewsNet security subset, on one core.

Prints documents/s (median of N runs), events found, and peak resident memory.

    .venv/bin/python bench/extract.py [--corpus PATH] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from pathlib import Path

from corpus import DEFAULT_CORPUS, load
from marsad.pipeline import extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    documents = load(args.corpus)
    extract(documents[0])  # load the codebook and lexicons outside the timing
    timings = []
    events = 0
    for _ in range(args.runs):
        started = time.perf_counter()
        events = sum(len(extract(document).events) for document in documents)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {args.corpus.name}, {len(documents)} documents")
    print(
        f"extraction (median of {args.runs}): {len(documents) / median:,.0f} documents/s on one core "
        f"[runs (s): {', '.join(f'{t:.2f}' for t in timings)}]"
    )
    print(f"events found: {events} ({events / len(documents):.2f} per document)")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
