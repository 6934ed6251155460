"""Train and measure the statistical NER tagger (``marsad.recognize.ner``).

Only corpora whose licence lets a model ship are used for training:

- WikiFANE Gold 2014 (Alotaibi & Lee 2014), CC BY-SA 3.0: fine-grained classes mapped to PER/ORG/LOC;
- the public sample of Wojood (Jarrar et al. 2022), MIT: the outermost PER/ORG/LOC-like layer;
- IDRISI-R Arabic gold (Suwaileh et al.), CC BY 4.0: location mentions as LOC.

ANERcorp is research-only: ``evaluate_ner`` reads it (or any CoNLL-style file) to measure a model,
and nothing here ever trains on it.

Every training sentence is re-normalized and re-tokenized with the project's text layer, so the
model sees exactly the token boundaries and spellings it meets at run time. A fixed 10% of the
sentences (chosen by a hash of the sentence, so duplicates fall on the same side) is held out for
the scores reported in the model card.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from marsad.recognize.ner import (
    MODEL_FILE,
    TYPES,
    NerTagger,
    coarse_tag,
    cue_kinds_of,
    gaps_between,
    sequence_features,
)
from marsad.text.normalize import normalize, normalize_string
from marsad.text.segment import split_sentences, tokenize

# L1 keeps the model sparse (crfsuite drops zero-weight features when it saves), minfreq drops the
# long tail of one-off features before training even starts.
CRF_PARAMS: dict[str, Any] = {
    "c1": 0.3,
    "c2": 0.01,
    "feature.minfreq": 2,
    "max_iterations": 120,
    "feature.possible_transitions": True,
}
HELDOUT_BUCKETS = 10  # one bucket in ten is held out

WIKIFANE = ("fane_gold_2014", "WikiFANE_Gold_2014_500K.txt")
WOJOOD = ("wojood_sample", ("train.txt", "val.txt"))
IDRISI = "idrisi_lmr_arabic_gold"
ANERCORP = ("anercorp", "ANERCorp_train.txt")

_INVISIBLE_MARKS = str.maketrans("", "", "\u200e\u200f\ufeff\r")
_SENTENCE_END_TOKENS = frozenset({".", "?", "!", "؟"})
_PARAGRAPH_MARK = "$#$"  # Wojood marks a paragraph end inside a segment with it
_TWEET_NOISE = re.compile(r"https?://\S+|@\w+")


# --- metrics -------------------------------------------------------------------------------------


def entity_spans(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """Entities of an IOB sequence as ``(type, start, end)`` token spans, the way seqeval reads
    IOB2 by default: an I- tag that does not continue an entity of its type starts one."""
    spans: set[tuple[str, int, int]] = set()
    kind = ""
    start = 0
    for index, tag in enumerate((*tags, "O")):
        prefix, _, tag_kind = tag.partition("-") if tag != "O" else ("O", "", "")
        continues = prefix == "I" and tag_kind == kind
        if kind and not continues:
            spans.add((kind, start, index))
            kind = ""
        if prefix in ("B", "I") and not continues:
            kind, start = tag_kind, index
    return spans


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float | int]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "support": gold,
        "predicted": predicted,
        "correct": correct,
    }


def ner_scores(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> dict[str, dict[str, float | int]]:
    """Entity-level exact-match precision, recall and F1 per type and micro-averaged over all types."""
    counts = {kind: [0, 0, 0] for kind in TYPES}  # correct, predicted, gold
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        gold_spans = entity_spans(gold_tags)
        predicted_spans = entity_spans(predicted_tags)
        for kind, *_ in gold_spans:
            counts.setdefault(kind, [0, 0, 0])[2] += 1
        for span in predicted_spans:
            entry = counts.setdefault(span[0], [0, 0, 0])
            entry[1] += 1
            entry[0] += span in gold_spans
    scores = {kind: _prf(*entry) for kind, entry in counts.items()}
    scores["micro"] = _prf(*(sum(entry[i] for entry in counts.values()) for i in range(3)))
    return scores


# --- reading corpora -----------------------------------------------------------------------------


def read_conll(path: Path) -> list[tuple[list[str], list[list[str]]]]:
    """Sentences of a CoNLL-style file as (tokens, tag columns per token).

    Handles ``token TAG [TAG …]`` with spaces or tabs (ANERcorp, Wojood, WikiFANE), a BOM, CRLF and
    the left-to-right marks WikiFANE puts before Arabic tokens. Blank lines separate sentences; a file
    without any (ANERcorp) is split after sentence-final punctuation tokens.
    """
    text = path.read_text("utf-8-sig").translate(_INVISIBLE_MARKS)
    lines = text.split("\n")
    blank_separated = any(not line.strip() for line in lines[:-1])
    sentences: list[tuple[list[str], list[list[str]]]] = []
    tokens: list[str] = []
    tags: list[list[str]] = []

    def flush() -> None:
        if tokens:
            sentences.append((tokens.copy(), tags.copy()))
        tokens.clear()
        tags.clear()

    for line in lines:
        parts = line.split()
        if not parts:
            flush()
            continue
        if parts[0] == _PARAGRAPH_MARK:
            flush()
            continue
        tokens.append(parts[0])
        tags.append(parts[1:] or ["O"])
        if not blank_separated and parts[0] in _SENTENCE_END_TOKENS:
            flush()
    flush()
    return sentences


def outermost_tags(columns: Sequence[Sequence[str]]) -> list[str]:
    """Coarse IOB tags from nested tag columns: the outermost PER/ORG/LOC entity wins.

    Layers that map to O (Wojood's OCC around ``سكرتير اللجنة … في نابلس``) do not hide the names
    nested inside them.
    """
    depth = max((len(column) for column in columns), default=0)
    candidates: list[tuple[str, int, int]] = []
    for layer in range(depth):
        layer_tags = [coarse_tag(column[layer]) if layer < len(column) else "O" for column in columns]
        candidates.extend(entity_spans(layer_tags))
    taken = [False] * len(columns)
    tags = ["O"] * len(columns)
    for kind, start, end in sorted(candidates, key=lambda span: (span[1] - span[2], span[1])):
        if any(taken[start:end]):
            continue
        for index in range(start, end):
            taken[index] = True
            tags[index] = ("B-" if index == start else "I-") + kind
    return tags


def gold_sentences(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL-style file with coarse IOB tags."""
    return [(tokens, outermost_tags(tags)) for tokens, tags in read_conll(path)]


# --- encoding with the project's own tokens ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    words: list[str]
    gaps: list[str]
    labels: list[str]
    source: str

    @property
    def heldout(self) -> bool:
        digest = hashlib.md5(" ".join(self.words).encode("utf-8"), usedforsecurity=False).digest()
        return int.from_bytes(digest[:4], "big") % HELDOUT_BUCKETS == 0


def _encode(text: str, spans: Sequence[tuple[int, int, str]], source: str, whole: bool) -> list[Example]:
    """Examples from ``text`` with entity ``spans`` as original character offsets: normalized,
    tokenized and (unless ``whole``) split into sentences exactly as at run time. A token takes the
    type of the span it overlaps; the first token in a span is B-."""
    nt = normalize(text)
    tokens = tokenize(nt)
    if not tokens:
        return []
    starts = tokens.starts
    ends = [start + len(word) for start, word in zip(starts, tokens.surfaces, strict=True)]
    labels: list[str] = []
    ordered = sorted(spans)
    span_index = 0
    current: tuple[int, int, str] | None = None
    for start, end in zip(starts, ends, strict=True):
        orig_start, orig_end = nt.span_to_original(start, end)
        while span_index < len(ordered) and ordered[span_index][1] <= orig_start:
            span_index += 1
        span = ordered[span_index] if span_index < len(ordered) else None
        if span is not None and span[0] < orig_end:
            labels.append(("I-" if span == current else "B-") + span[2])
            current = span
        else:
            labels.append("O")
            current = None
    bounds = [(0, len(nt.text))] if whole else [(s.norm_start, s.norm_end) for s in split_sentences(nt)]
    examples: list[Example] = []
    low_token = 0
    for low, high in bounds:
        while low_token < len(starts) and starts[low_token] < low:
            low_token += 1
        high_token = low_token
        while high_token < len(starts) and starts[high_token] < high:
            high_token += 1
        if high_token > low_token:
            sentence_labels = labels[low_token:high_token]
            if sentence_labels[0].startswith("I-"):  # a span cut by a sentence boundary
                sentence_labels[0] = "B-" + sentence_labels[0][2:]
            examples.append(
                Example(
                    tokens.surfaces[low_token:high_token],
                    gaps_between(nt.text, starts[low_token:high_token], ends[low_token:high_token], low, high),
                    sentence_labels,
                    source,
                )
            )
        low_token = high_token
    return examples


# WikiFANE splits clitics off as tokens of their own ("و ملكال", "عاصمة ها"); news text as Marsad
# tokenizes it does not, so they are glued back on before training.
_PROCLITIC_TOKENS = frozenset({"و", "ف", "ب", "ل", "ك"})
_ENCLITIC_TOKENS = frozenset({"ه", "ها", "هم", "هما", "هن", "نا"})


def _join(tokens: Sequence[str], rejoin_clitics: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text and each token's ``[start, end)`` in it; with ``rejoin_clitics`` a
    stand-alone proclitic is written onto the next word and a pronoun suffix onto the previous one."""
    text = ""
    bounds: list[tuple[int, int]] = []
    glue_next = False
    for index, token in enumerate(tokens):
        piece = token
        glue = False
        if rejoin_clitics and index:
            previous = tokens[index - 1]
            if glue_next and token.isalpha():
                glue = True
                if text.endswith("ل") and token.startswith("ال") and len(token) > 3:
                    piece = token[1:]  # ل + الجيش is written للجيش
            elif token in _ENCLITIC_TOKENS and previous.isalpha():
                glue = True
                if text[-1] in "ةى":  # عاصمة + ها is written عاصمتها, على + ه عليه (same length)
                    text = text[:-1] + ("ت" if text[-1] == "ة" else "ي")
        if index and not glue:
            text += " "
        bounds.append((len(text), len(text) + len(piece)))
        text += piece
        glue_next = rejoin_clitics and token in _PROCLITIC_TOKENS
    return text, bounds


def _without_titles(tokens: Sequence[str], tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Entity spans with leading titles (السيد، الشيخ، اللواء …) moved out of person names.

    WikiFANE includes the title about as often as not; ANERcorp and Wojood never do, and the title is
    a role, not part of the name. Training on one convention makes the cue features say one thing.
    """
    spans: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(entity_spans(tags), key=lambda span: span[1]):
        while kind == "PER" and end - start > 1 and "person_title" in cue_kinds_of(normalize_string(tokens[start])):
            start += 1
        spans.append((kind, start, end))
    return spans


def _encode_conll(
    sentences: Iterable[tuple[list[str], list[str]]], source: str, rejoin_clitics: bool = False
) -> list[Example]:
    examples: list[Example] = []
    for tokens, tags in sentences:
        text, bounds = _join(tokens, rejoin_clitics)
        spans = [(bounds[start][0], bounds[end - 1][1], kind) for kind, start, end in _without_titles(tokens, tags)]
        examples.extend(_encode(text, spans, source, whole=True))
    return examples


def _idrisi_examples(folder: Path) -> list[Example]:
    examples: list[Example] = []
    for path in sorted(folder.glob("*/train.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            tweet = json.loads(line)
            # blank out links and @handles (same length, so the offsets stay valid): news has none
            text = _TWEET_NOISE.sub(lambda match: " " * len(match.group()), tweet["text"])
            spans = [(m["startIdx"], m["endIdx"], "LOC") for m in tweet.get("location_mentions", [])]
            # only sentences that name a place: IDRISI marks locations alone, so its persons and
            # organisations are unmarked, and a sentence with nothing marked mostly teaches "O"
            examples.extend(
                example for example in _encode(text, spans, "idrisi", whole=False) if set(example.labels) != {"O"}
            )
    return examples


def load_training_examples(shared_data_dir: Path, include_idrisi: bool = False) -> list[Example]:
    """Every training example from the shippable corpora present under ``shared_data_dir``.

    IDRISI is left out by default: its train files are where location recognition is scored
    (`marsad eval places`), so a tagger trained on them would grade its own homework."""
    examples: list[Example] = []
    wikifane = shared_data_dir.joinpath(*WIKIFANE)
    if wikifane.exists():
        examples += _encode_conll(gold_sentences(wikifane), "wikifane", rejoin_clitics=True)
    for name in WOJOOD[1]:
        wojood = shared_data_dir / WOJOOD[0] / name
        if wojood.exists():
            examples += _encode_conll(gold_sentences(wojood), "wojood")
    if include_idrisi and (shared_data_dir / IDRISI).is_dir():
        examples += _idrisi_examples(shared_data_dir / IDRISI)
    return examples


# --- training and evaluation ---------------------------------------------------------------------


def evaluate_ner(tagger: NerTagger, conll_path: Path | str) -> dict[str, Any]:
    """Entity-level P/R/F1 per type and micro of ``tagger`` on a CoNLL-style gold file (ANERcorp,
    Wojood or WikiFANE format; MISC and other types count as O). Tokens are the file's own."""
    sentences = gold_sentences(Path(conll_path))
    predicted = [tagger.tag_tokens(tokens) for tokens, _ in sentences]
    scores: dict[str, Any] = ner_scores([tags for _, tags in sentences], predicted)
    scores["sentences"] = len(sentences)
    scores["tokens"] = sum(len(tokens) for tokens, _ in sentences)
    return scores


def _score_examples(tagger: NerTagger, examples: Sequence[Example]) -> dict[str, dict[str, float | int]]:
    predicted = [tagger._tag(example.words, example.gaps) for example in examples]
    return ner_scores([example.labels for example in examples], predicted)


def train_ner(shared_data_dir: Path, out_dir: Path, seed: int = 0) -> dict[str, Any]:
    """Train the CRF on the shippable corpora in ``shared_data_dir`` (the ``shared/data`` folder),
    write ``ner.crfsuite`` and ``MODEL_CARD.md`` to ``out_dir`` and return the training report."""
    began = time.perf_counter()
    shared_data_dir = Path(shared_data_dir)
    if not (shared_data_dir / WIKIFANE[0]).exists() and (shared_data_dir / "data").is_dir():
        shared_data_dir = shared_data_dir / "data"  # given the shared folder itself
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    examples = load_training_examples(shared_data_dir)
    if not examples:
        raise FileNotFoundError(f"no training corpus (WikiFANE, Wojood, IDRISI) found under {shared_data_dir}")
    train = [example for example in examples if not example.heldout]
    heldout = [example for example in examples if example.heldout]
    random.Random(seed).shuffle(train)
    prepared = time.perf_counter()

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(CRF_PARAMS)
    for example in train:
        trainer.append(sequence_features(example.words, example.gaps), example.labels)
    model_path = out_dir / MODEL_FILE
    trainer.train(str(model_path))
    trained = time.perf_counter()

    tagger = NerTagger.load(model_path)
    sources = sorted({example.source for example in examples})
    report: dict[str, Any] = {
        "model": str(model_path),
        "model_bytes": model_path.stat().st_size,
        "params": dict(CRF_PARAMS),
        "seed": seed,
        "sources": {
            source: {
                "train_sentences": sum(example.source == source for example in train),
                "held_out_sentences": sum(example.source == source for example in heldout),
                "train_tokens": sum(len(example.words) for example in train if example.source == source),
            }
            for source in sources
        },
        "train_sentences": len(train),
        "held_out_sentences": len(heldout),
        "held_out": _score_examples(tagger, heldout) if heldout else None,
        "held_out_by_source": {
            source: _score_examples(tagger, [example for example in heldout if example.source == source])
            for source in sources
            if any(example.source == source for example in heldout)
        },
        "seconds_prepare": round(prepared - began, 1),
        "seconds_train": round(trained - prepared, 1),
    }
    anercorp = shared_data_dir.joinpath(*ANERCORP)
    report["anercorp"] = evaluate_ner(tagger, anercorp) if anercorp.exists() else None
    report["seconds_total"] = round(time.perf_counter() - began, 1)
    (out_dir / "MODEL_CARD.md").write_text(model_card(report), "utf-8")
    return report


# --- the model card ------------------------------------------------------------------------------


def _score_table(scores: dict[str, dict[str, float | int]]) -> str:
    rows = ["| type | precision | recall | F1 | gold entities |", "|---|---:|---:|---:|---:|"]
    for kind in (*TYPES, "micro"):
        entry = scores.get(kind)
        if entry and entry["support"]:  # a corpus that does not annotate a type has no score for it
            rows.append(
                f"| {kind} | {entry['precision']:.3f} | {entry['recall']:.3f} | {entry['f1']:.3f} "
                f"| {entry['support']} |"
            )
    return "\n".join(rows)


def model_card(report: dict[str, Any]) -> str:
    """The model card, written from the training report so the two never disagree."""
    sources = report["sources"]
    data_rows = "\n".join(
        f"| {name} | {entry['train_sentences']} | {entry['train_tokens']} | {entry['held_out_sentences']} |"
        for name, entry in sources.items()
    )
    heldout = _score_table(report["held_out"]) if report["held_out"] else "(no held-out sentences)"
    by_source = "\n\n".join(
        f"{name}:\n\n{_score_table(scores)}" for name, scores in report["held_out_by_source"].items()
    )
    anercorp = report.get("anercorp")
    anercorp_text = (
        f"On the ANERcorp training part in `shared/data/anercorp` ({anercorp['sentences']} sentences, "
        f"{anercorp['tokens']} tokens; newswire, annotated by Benajiba et al. 2007; MISC counted as O) — a "
        "different domain and annotation guideline from the training data, so this is an out-of-domain "
        "measure. ANERcorp is research-only and was never used for training.\n\n" + _score_table(anercorp)
        if anercorp
        else "ANERcorp was not available when this model was built, so no out-of-domain score is reported."
    )
    params = ", ".join(f"`{key}={value}`" for key, value in report["params"].items())
    if "idrisi" in sources:
        idrisi_attribution = (
            '- IDRISI-R Arabic location-mention gold — R. Suwaileh et al. (2023), "IDRISI-RA: The First Arabic\n'
            '  Location Mention Recognition Dataset of Disaster Tweets", ACL 2023; github.com/rsuwaileh/IDRISI.\n'
            "  CC BY 4.0. Tweet text is subject to X/Twitter's terms; links and @handles were blanked out.\n"
        )
        idrisi_mapping = (
            "IDRISI: every location\nmention -> LOC; only sentences with at least one mention are used, since its "
            "persons and\norganisations are not marked. "
        )
    else:
        idrisi_attribution = ""
        idrisi_mapping = (
            "IDRISI is not used: its train files are\nwhere `marsad eval places` scores location recognition. "
        )
    return f"""# Marsad NER model (`ner.crfsuite`)

A linear-chain CRF (CRFsuite, L-BFGS) that tags persons (PER), organisations (ORG) and locations
(LOC) in normalized Arabic text, for names that Marsad's lexicons do not know. Used by
`marsad.recognize.ner.NerTagger`.

## Licence of this model file

The model is trained on WikiFANE, which is shared under **CC BY-SA 3.0**, so this model file
(`ner.crfsuite`) is shared under the **Creative Commons Attribution-ShareAlike 3.0 Unported**
licence (https://creativecommons.org/licenses/by-sa/3.0/), not under the Apache-2.0 licence of
Marsad's code. Attribution:

- WikiFANE Gold 2014 — F. Alotaibi and M. Lee (2014), "A Hybrid Approach to Features Representation
  for Fine-grained Arabic Named Entity Recognition", COLING 2014. CC BY-SA 3.0.
- Wojood (public sample) — M. Jarrar, M. Khalilia and S. Ghanem (2022), "Wojood: Nested Arabic
  Named Entity Corpus and Recognition using BERT", LREC 2022. SinaLab/ArabicNER, MIT licence.
{idrisi_attribution}
## Training data

| corpus | training sentences | training tokens | held-out sentences |
|---|---:|---:|---:|
{data_rows}

Label mapping: WikiFANE person classes (Politician, Artist, Athlete, Police, Religious_PER, …) -> PER;
organisation classes (Government, Commercial, Non-Governmental, Media, Educational, …) -> ORG;
GPE, location and facility classes (Nation, Population-Center, State-or-Province, Water-Body,
Building-Grounds, Path, Airport, …) -> LOC; Group (nationalities), Celestial, products, vehicles
and weapons -> O. Wojood: the outermost PERS/ORG/GPE/LOC/FAC entity (GPE, LOC, FAC -> LOC; NORP,
OCC and the other types -> O, without hiding names nested inside them).
{idrisi_mapping}A title at the start of a person name (السيد، الشيخ، اللواء …, which WikiFANE includes
about half the time) is moved out of the name, as ANERcorp and Wojood do. WikiFANE
writes clitics as separate tokens (و ملكال، عاصمة ها); they are joined back onto their words.

Every sentence is normalized (`marsad.text.normalize`) and tokenized (`marsad.text.segment`)
exactly as at run time; punctuation is not a token but a feature of its neighbours. One sentence in
ten, chosen by a hash of its normalized tokens, is held out.

## Features

Normalized word (digits as 0); clitic-stripped stems (و ف ب ل ك ال); 2- and 3-letter prefixes and
suffixes; the proclitic pattern; a shape class; words of the neighbours at ±1 and ±2 and stems at
±1; punctuation before and after; sentence start and end; whether the word or a neighbour is a cue
word (titles such as السيد and اللواء, heads of place names such as مدينة and محافظة, heads of
organisation names such as وزارة and حزب, speech verbs, parts of names such as بن and أبو — listed in
`marsad/recognize/data/ner_cues.json`).

CRF parameters: {params}. Model size: {report["model_bytes"] / 1e6:.2f} MB.

## Scores

Entity-level exact match (seqeval-style), on the held-out tenth of the training corpora:

{heldout}

By corpus:

{by_source}

### Out of domain

{anercorp_text}

## Rebuilding

```
marsad train ner
```

(`marsad.train.ner.train_ner(shared_data_dir, out_dir)`, reading the corpora under `shared/data`
and writing `ner.crfsuite` and this card; the same data gives the same model. This build took
{report["seconds_total"]:.0f} s, of which {report["seconds_train"]:.0f} s of CRF training on one core.)
"""
