"""Benchmark: full extraction (text layer, recognition, event frames, the news judge) over part A
of the SaudiNewsNet security subset, on one core, without and with place resolution.

Prints the gazetteer's load time, documents/s (median of N runs) both ways and what resolution
adds, events found, the news judge's share of extraction time, and peak resident memory. Needs
`marsad gazetteer build` first.

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
from marsad.events.repeats import fold_repeats
from marsad.geo.gazetteer import default_gazetteer, without_place_resolution
from marsad.pipeline import candidates, extract, judged


def timed_runs(documents: list, runs: int) -> tuple[list[float], int]:
    timings = []
    events = 0
    for _ in range(runs):
        started = time.perf_counter()
        events = sum(len(extract(document).events) for document in documents)
        timings.append(time.perf_counter() - started)
    return timings, events


def judge_share(documents: list, runs: int) -> tuple[float, float]:
    """Median seconds of the candidate stage and of the news judge (verdicts and folding repeats)."""
    stages: list[tuple[float, float]] = []
    for _ in range(runs):
        found = []
        started = time.perf_counter()
        for document in documents:
            found.append(candidates(document))
        candidate_seconds = time.perf_counter() - started
        started = time.perf_counter()
        for item in found:
            judged(item)
            fold_repeats(item.events)
        stages.append((candidate_seconds, time.perf_counter() - started))
    return statistics.median(c for c, _ in stages), statistics.median(j for _, j in stages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    documents = load(args.corpus)
    started = time.perf_counter()
    gazetteer, problem = default_gazetteer()
    load_seconds = time.perf_counter() - started
    if gazetteer is None:
        raise SystemExit(f"bench: {problem}")
    print(f"corpus: {args.corpus.name}, {len(documents)} documents")
    print(f"gazetteer: {len(gazetteer.places)} places, loaded in {load_seconds:.2f} s")
    extract(documents[0])  # load the codebook, lexicons and models outside the timing
    with without_place_resolution():
        plain, plain_events = timed_runs(documents, args.runs)
    resolved, events = timed_runs(documents, args.runs)
    for label, timings in (("without place resolution", plain), ("with place resolution", resolved)):
        median = statistics.median(timings)
        print(
            f"extraction {label} (median of {args.runs}): {len(documents) / median:,.0f} documents/s on one core "
            f"[runs (s): {', '.join(f'{t:.2f}' for t in timings)}]"
        )
    print(f"resolution adds {statistics.median(resolved) / statistics.median(plain) - 1:+.0%} to extraction time")
    print(f"events found: {events} ({events / len(documents):.2f} per document; {plain_events} without resolution)")
    candidate_seconds, judge_seconds = judge_share(documents, args.runs)
    print(
        f"news judge: {judge_seconds:.2f} s of {candidate_seconds + judge_seconds:.2f} s "
        f"({judge_seconds / (candidate_seconds + judge_seconds):.1%} of extraction time, median of {args.runs})"
    )
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
