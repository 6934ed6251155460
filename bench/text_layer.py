"""Benchmark: the whole text layer over part A of the SaudiNewsNet security subset, on one core.

Prints documents/s and MB/s (median of 5 runs), resident memory after each pass over a growing
number of documents (it must stay flat), and seconds per MB for one document of growing size
(it must stay constant: time linear in length, shown up to 50 MB).

    .venv/bin/python bench/text_layer.py [--corpus PATH] [--runs 5] [--skip-long]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from corpus import DEFAULT_CORPUS, load
from marsad.model import Document
from marsad.pipeline import analyze_text
from marsad.text.segment import tokenize


def run_text_layer(document: Document) -> int:
    """What the pipeline's text layer does for every document: normalize with the offset map, split
    sentences, find numbers and dates, settle the publication date. Returns a count so nothing is
    optimized away."""
    analysis = analyze_text(document)
    return len(analysis.sentences) + len(analysis.numbers) + len(analysis.dates)


def run_text_layer_with_tokens(document: Document) -> int:
    """The same, plus every token with its offsets and the clitic analysis of every token (the
    recognizer asks for these per sentence, on demand; here they are computed for the whole text)."""
    analysis = analyze_text(document)
    found = len(analysis.sentences) + len(analysis.numbers) + len(analysis.dates)
    tokens = tokenize(analysis.normalized)
    for analyses in tokens.analyses():
        found += len(analyses)
    return found


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 1e6


def throughput(documents: list[Document], runs: int, layer: Callable[[Document], int], label: str) -> None:
    megabytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    for document in documents[:50]:  # warm caches (lexicons, regexes) outside the timing
        layer(document)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for document in documents:
            layer(document)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(
        f"{label} (median of {runs}): {len(documents) / median:,.0f} documents/s, "
        f"{megabytes / median:.2f} MB/s on one core  [runs (s): {', '.join(f'{t:.2f}' for t in timings)}]"
    )


def memory_flat(documents: list[Document]) -> None:
    print("memory after processing N documents (RSS, MB):")
    gc.collect()
    processed = 0
    for passes in (1, 2, 4):
        while processed < passes * len(documents):
            run_text_layer_with_tokens(documents[processed % len(documents)])
            processed += 1
        gc.collect()
        print(f"  {processed:>6} documents: {rss_mb():.0f} MB")


def linear_in_length(documents: list[Document], sizes_mb: list[float]) -> None:
    print("one long document (time per MB should stay constant):")
    corpus_text = "\n\n".join(d.text for d in documents)
    for size in sizes_mb:
        target = int(size * 1e6 / 1.8)  # Arabic is ~1.8 UTF-8 bytes per character
        text = (corpus_text * (target // len(corpus_text) + 1))[:target]
        document = Document(id=f"long-{size}", text=text, published=dt.date(2015, 8, 1))
        before = rss_mb()
        started = time.perf_counter()
        run_text_layer_with_tokens(document)
        elapsed = time.perf_counter() - started
        real_mb = len(text.encode("utf-8")) / 1e6
        print(
            f"  {real_mb:6.1f} MB: {elapsed:6.2f} s, {elapsed / real_mb:.3f} s/MB, "
            f"RSS {before:.0f} -> {rss_mb():.0f} MB"
        )
        del document, text
        gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-long", action="store_true", help="skip the 50 MB document")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    documents = load(args.corpus)
    megabytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    print(f"corpus: {args.corpus.name}, {len(documents)} documents, {megabytes:.1f} MB")
    throughput(documents, args.runs, run_text_layer, "text layer")
    throughput(documents, args.runs, run_text_layer_with_tokens, "text layer + all tokens with clitic analysis")
    memory_flat(documents)
    linear_in_length(documents, [0.5, 5] if args.skip_long else [0.5, 5, 50])


if __name__ == "__main__":
    main()
