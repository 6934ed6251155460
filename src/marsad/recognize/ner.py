"""Statistical named-entity tagger (a linear-chain CRF) for the persons, organisations and places
that no lexicon knows.

The tagger works on the project's own normalized text and tokens, at training time as at run time:
training sentences are re-normalized and re-tokenized by ``marsad.train.ner`` so that both sides
see the same token boundaries and spellings. Punctuation is not a token here (``tokenize`` keeps
only letters and digits); the punctuation between two tokens becomes a feature of both instead.

Features per token: the normalized word (digits folded to 0), its clitic-stripped stems, prefixes
and suffixes, a shape class, the words and stems of its neighbours (±2), the punctuation next to
it, and whether it or a neighbour is a cue word (``data/ner_cues.json``: titles before persons,
heads of place and organisation names, speech verbs). Features that depend only on a word are
computed once per distinct word and cached, so tagging a news article costs little more than the
CRF itself.

A ``NerTagger`` holds a crfsuite tagger, which is stateful: use one per thread (it pickles, so Dask
workers each get their own).
"""

from __future__ import annotations

import json
import re
import tempfile
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import pycrfsuite

from marsad.text.normalize import NormalizedText, normalize, normalize_string
from marsad.text.segment import Sentence, Tokens, clitic_analyses, split_sentences, tokenize

TYPES = ("PER", "ORG", "LOC")
LABELS = ("O", *(f"{prefix}-{kind}" for kind in TYPES for prefix in ("B", "I")))
MODEL_PACKAGE = "marsad.models.ner"
MODEL_FILE = "ner.crfsuite"

_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True, slots=True)
class Entity:
    """A recognised name: ``[start, end)`` in the original text, ``[norm_start, norm_end)`` in the
    normalized text, and the mean CRF marginal probability of its tokens' labels."""

    type: str
    start: int
    end: int
    norm_start: int
    norm_end: int
    text: str
    confidence: float


# --- features ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, ...]]:
    """Normalized cue word -> the names of the lists it belongs to."""
    raw = json.loads(resources.files("marsad.recognize.data").joinpath("ner_cues.json").read_text("utf-8"))
    found: dict[str, list[str]] = {}
    for name, words in raw.items():
        if name.startswith("_"):
            continue
        for word in words:
            kinds = found.setdefault(normalize_string(word), [])
            if name not in kinds:
                kinds.append(name)
    return {word: tuple(kinds) for word, kinds in found.items()}


def cue_kinds_of(word: str) -> list[str]:
    """The cue lists that normalized ``word``, or one of its clitic-stripped stems, belongs to."""
    cues = _cues()
    kinds: list[str] = []
    for stem in dict.fromkeys(analysis.stem for analysis in clitic_analyses(word)):
        for kind in cues.get(stem, ()):
            if kind not in kinds:
                kinds.append(kind)
    return kinds


def _shape(word: str) -> str:
    if word.isdigit():
        return "num"
    if any(char.isdigit() for char in word):
        return "alnum"
    if word.isascii():
        return "latin"
    return "long" if len(word) > 7 else "short" if len(word) < 3 else "mid"


# crfsuite takes attribute names as str or as UTF-8 bytes; bytes skip an encode per call.
Feature = str | bytes


class _WordFeatures(NamedTuple):
    own: tuple[Feature, ...]  # features of the word at the current position
    prev1: tuple[Feature, ...]  # what the word contributes to the token after it
    prev2: tuple[Feature, ...]  # ... to the token two after it
    next1: tuple[Feature, ...]  # ... to the token before it
    next2: tuple[Feature, ...]  # ... to the token two before it


_WORD_CACHE: dict[str, _WordFeatures] = {}
_WORD_CACHE_SIZE = 200_000


def _word_features(word: str) -> _WordFeatures:
    """Features of one normalized word; ``word`` must already be normalized."""
    folded = _DIGIT.sub("0", word)
    analyses = clitic_analyses(word)
    stems = list(dict.fromkeys(analysis.stem for analysis in analyses[1:]))
    deepest = analyses[-1]  # the most proclitics stripped: the best guess at the bare name
    cue_kinds = cue_kinds_of(word)
    own = [
        f"w={folded}",
        f"sh={_shape(word)}",
        f"p2={folded[:2]}",
        f"p3={folded[:3]}",
        f"x2={folded[-2:]}",
        f"x3={folded[-3:]}",
        f"pc={'+'.join(deepest.proclitics)}",
        *(f"s={stem}" for stem in stems),
        *(f"c={kind}" for kind in cue_kinds),
    ]
    if deepest.proclitics:
        own.append(f"sx3={deepest.stem[-3:]}")
    stem = deepest.stem if deepest.proclitics else folded
    cues1 = tuple(f"c-1={kind}" for kind in cue_kinds)
    return _WordFeatures(
        own=tuple(own),
        prev1=(f"w-1={folded}", f"s-1={stem}", *cues1),
        prev2=(f"w-2={folded}", *(f"c-2={kind}" for kind in cue_kinds)),
        next1=(f"w+1={folded}", f"s+1={stem}", *(f"c+1={kind}" for kind in cue_kinds)),
        next2=(f"w+2={folded}",),
    )


def _features_of(word: str) -> _WordFeatures:
    found = _WORD_CACHE.get(word)
    if found is None:
        if len(_WORD_CACHE) > _WORD_CACHE_SIZE:  # keep memory flat over a long run
            _WORD_CACHE.clear()
        found = _WORD_CACHE[word] = _word_features(word)
    return found


class _KnownFeatures:
    """``_features_of`` restricted to the attributes a model has weights for, as UTF-8 bytes.

    Handing crfsuite an attribute it does not know costs as much as one it does (the conversion,
    not the look-up, dominates), and with L1 regularisation a quarter of them are unknown.
    """

    def __init__(self, known: frozenset[str]) -> None:
        self._known = known
        self._cache: dict[str, _WordFeatures] = {}

    def __call__(self, word: str) -> _WordFeatures:
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) > _WORD_CACHE_SIZE:
                self._cache.clear()
            known = self._known
            found = self._cache[word] = _WordFeatures(
                *(tuple(feature.encode() for feature in group if feature in known) for group in _word_features(word))
            )
        return found


_BOS = ("BOS",)
_EOS = ("EOS",)


def sequence_features(
    words: list[str], gaps: list[str], features_of: Callable[[str], _WordFeatures] = _features_of
) -> list[list[Feature]]:
    """CRF features of one sentence of normalized ``words``.

    ``gaps[i]`` is the punctuation (spaces stripped) between ``words[i - 1]`` and ``words[i]``;
    ``gaps[0]`` is what precedes the first word and ``gaps[len(words)]`` what follows the last.
    """
    cached = [features_of(word) for word in words]
    last = len(words) - 1
    sequence: list[list[Feature]] = []
    for index, word in enumerate(cached):
        features: list[Feature] = list(word.own)
        if index == 0:
            features += _BOS
        else:
            features += cached[index - 1].prev1
            if index > 1:
                features += cached[index - 2].prev2
        if index == last:
            features += _EOS
        else:
            features += cached[index + 1].next1
            if index < last - 1:
                features += cached[index + 2].next2
        before, after = gaps[index], gaps[index + 1]
        if before:
            features.append("pb=" + before[-1])
        if after:
            features.append("pa=" + after[0])
        sequence.append(features)
    return sequence


def gaps_between(text: str, starts: list[int], ends: list[int], low: int = 0, high: int | None = None) -> list[str]:
    """The stripped text between consecutive tokens, and before the first and after the last
    within the sentence ``text[low:high]``."""
    if not starts:
        return [""]
    gaps = [text[low : starts[0]].strip()]
    for end, start in zip(ends, starts[1:], strict=False):
        gap = text[end:start]
        gaps.append("" if gap == " " else gap.strip())
    gaps.append(text[ends[-1] : len(text) if high is None else high].strip())
    return gaps


def coarse_tag(tag: str) -> str:
    """An IOB tag over any of the tag sets the tagger meets, as an IOB tag over PER/ORG/LOC (or O)."""
    if tag in ("O", "") or "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    if prefix not in ("B", "I"):  # a bare type name with a dash in it, e.g. "Population-Center"
        prefix, kind = "B", tag
    coarse = COARSE_TYPES.get(kind)
    return f"{prefix}-{coarse}" if coarse else "O"


# Every fine or foreign type the readers meet, mapped to the three coarse types. ANERcorp and Wojood
# names, ACE-style GPE and FAC, and the WikiFANE classes (Alotaibi & Lee 2014). Nationalities and
# other groups (WikiFANE "Group", Wojood NORP), MISC, products, weapons, vehicles and celestial
# bodies are not names of persons, organisations or places an event happens in: they map to O.
COARSE_TYPES: dict[str, str] = {
    **dict.fromkeys(("PER", "PERS", "PERSON"), "PER"),
    **dict.fromkeys(("ORG", "ORGANIZATION", "ORGANISATION"), "ORG"),
    **dict.fromkeys(("LOC", "LOCATION", "GPE", "FAC", "FACILITY"), "LOC"),
    **dict.fromkeys(
        (
            "Politician",
            "Religious_PER",
            "Artist",
            "Other_PER",
            "Scientist",
            "Businessperson",
            "Athlete",
            "Engineer",
            "Lawyer",
            "Police",
        ),
        "PER",
    ),
    **dict.fromkeys(
        (
            "Government",
            "Commercial",
            "Non-Governmental",
            "Educational",
            "Media",
            "Sports",
            "Religious_ORG",
            "Medical-Science",
            "Entertainment",
        ),
        "ORG",
    ),
    **dict.fromkeys(
        (
            "Nation",
            "Population-Center",
            "State-or-Province",
            "County-or-District",
            "GPE-Cluster",
            "Continent",
            "Water-Body",
            "Land-Region-Natural",
            "Building-Grounds",
            "Airport",
            "Path",
            "Subarea-Facility",
            "City",
            "Country",
            "CITY",
            "CTRY",
            "PROV",
            "DIST",
            "NBHD",
            "ST",
            "HPOI",
            "NPOI",
            "OTHR",
        ),
        "LOC",
    ),
}


# --- the tagger ----------------------------------------------------------------------------------


class NerTagger:
    """A trained CRF model with the feature extraction it was trained with."""

    def __init__(self, model: bytes) -> None:
        self._model = model
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(model)
        self.labels: tuple[str, ...] = tuple(self._tagger.labels())
        self._features_of = _KnownFeatures(self._attributes())

    def _attributes(self) -> frozenset[str]:
        """Every attribute the model has a weight for, read from crfsuite's text dump (the Python
        binding offers no other way; ``Tagger.info`` parses the same dump, several times slower)."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.txt"
            self._tagger.dump(str(path))
            dump = path.read_text("utf-8")
        start = dump.index("ATTRIBUTES = {")
        end = dump.index("\n}", start)
        return frozenset(line.split(": ", 1)[1] for line in dump[start:end].splitlines()[1:] if ": " in line)

    @classmethod
    def load(cls, path: str | Path | None = None) -> NerTagger:
        """The model at ``path``, or the one shipped with the package."""
        if path is None:
            return cls(resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE).read_bytes())
        return cls(Path(path).read_bytes())

    # Pickle the model bytes, not the C tagger, so the tagger can be sent to Dask workers.
    def __getstate__(self) -> bytes:
        return self._model

    def __setstate__(self, state: bytes) -> None:
        self.__init__(state)  # type: ignore[misc]

    def _tag(self, words: list[str], gaps: list[str]) -> list[str]:
        if not words:
            return []
        self._tagger.set(sequence_features(words, gaps, self._features_of))
        return self._tagger.tag()

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        """IOB tags (PER/ORG/LOC) for one sentence given as a list of tokens.

        Tokens are normalized and re-tokenized the way the model was trained: a punctuation-only
        token gets O and is seen as punctuation by its neighbours; a token the tokenizer splits
        takes the label of its first piece.
        """
        nt = normalize(" ".join(tokens))
        pieces = tokenize(nt)
        words = pieces.surfaces
        starts = pieces.starts
        ends = [start + len(word) for start, word in zip(starts, words, strict=True)]
        labels = self._tag(words, gaps_between(nt.text, starts, ends))
        # original offset of each given token, to find which pieces fall inside it
        token_starts: list[int] = []
        position = 0
        for token in tokens:
            token_starts.append(position)
            position += len(token) + 1
        piece_owner = [bisect_left(token_starts, nt.to_original(start) + 1) - 1 for start in starts]
        tags = ["O"] * len(tokens)
        seen: set[int] = set()
        for owner, label in zip(piece_owner, labels, strict=True):
            if owner in seen:
                continue
            seen.add(owner)
            tags[owner] = label
        # IOB2: a token whose first piece continues a name the previous token did not carry starts it
        for index in range(1, len(tags)):
            if tags[index].startswith("I-") and tags[index - 1][2:] != tags[index][2:]:
                tags[index] = "B-" + tags[index][2:]
        return tags

    def entities(
        self, nt: NormalizedText, sentences: Sequence[Sentence] | None = None, tokens: Tokens | None = None
    ) -> list[Entity]:
        """Names found in ``nt`` (or in the given sentences of it), sentence by sentence, with spans into
        the original text. Callers that already split and tokenized the text pass what they have."""
        text = nt.text
        tokens = tokens if tokens is not None else tokenize(nt)
        surfaces = tokens.surfaces
        starts = tokens.starts
        found: list[Entity] = []
        tagger = self._tagger
        for sentence in sentences if sentences is not None else split_sentences(nt):
            low = bisect_left(starts, sentence.norm_start)
            high = bisect_left(starts, sentence.norm_end, low)
            if low == high:
                continue
            words = surfaces[low:high]
            word_starts = starts[low:high]
            word_ends = [start + len(word) for start, word in zip(word_starts, words, strict=True)]
            gaps = gaps_between(text, word_starts, word_ends, sentence.norm_start, sentence.norm_end)
            labels = self._tag(words, gaps)
            index = 0
            while index < len(labels):
                label = labels[index]
                if label == "O":
                    index += 1
                    continue
                kind = label[2:]
                end = index + 1
                while end < len(labels) and labels[end] == "I-" + kind:
                    end += 1
                confidence = sum(tagger.marginal(labels[i], i) for i in range(index, end)) / (end - index)
                norm_start, norm_end = word_starts[index], word_ends[end - 1]
                start, stop = nt.span_to_original(norm_start, norm_end)
                found.append(
                    Entity(kind, start, stop, norm_start, norm_end, nt.original[start:stop], min(1.0, confidence))
                )
                index = end
        return found


def default_model_dir() -> Path:
    """The package folder of the shipped model (where ``marsad train ner`` writes by default; a real
    folder in a source checkout or an unzipped install)."""
    return Path(str(resources.files(MODEL_PACKAGE)))


@lru_cache(maxsize=1)
def default_tagger() -> NerTagger:
    """The shipped model, loaded once per process (not thread-safe: see the module docstring)."""
    return NerTagger.load()
