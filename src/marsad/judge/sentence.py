"""The sentence model: does a sentence report an event of one PLOVER type (ASSAULT, PROTEST) as
its own news?

Annotators of the Arabic event gold standard rejected most sentences that merely *mention* violence or
protest: a past attack in a subordinate clause, a fear or a threat, a denial, statistics, analysis. A
lexicon sees the same words in both; this model learns the difference from the shape of the sentence.
It is one input of the news judge (:mod:`marsad.judge`), which also reads the event's place in its
article.

Features, all from the normalized text (:func:`marsad.text.normalize.normalize`, digits folded to 0):

- character n-grams (2-5) inside word boundaries, word unigrams and bigrams (with sentence start and
  end), and the first three tokens with their position (Arabic news leads with its verb), each hashed
  with a fixed 64-bit hash into ``2**18`` signed buckets and L2-normalized per block. The hash is
  computed here with numpy rather than by scikit-learn so that one sentence is scored in about 0.1 ms,
  and so that a saved model holds only bucket weights: no vocabulary, no text;
- a few binary cue features (past time, negation, threat, plan, reporting verbs, recent time,
  casualty, attack, protest, statistics, opinion) from ``data/sentence_cues.json``.

The model is a class-balanced L2 logistic regression (:mod:`marsad.train.sentence` fits it). The
shipped models (``data/sentence_assault.npz``, ``data/sentence_protest.npz``) hold bucket weights,
an intercept and a JSON config: numbers, never text (MODEL_CARD.md says how they were made).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import IO, Any

import numpy as np

from marsad.text.normalize import normalize, normalize_string

__all__ = ["EVENT_TYPES", "FeatureConfig", "SentenceModel", "packaged_model", "sentence_cues"]

EVENT_TYPES = ("ASSAULT", "PROTEST")
FORMAT = "marsad-sentence-model"
FORMAT_VERSION = 1

# --- cues --------------------------------------------------------------------------------------------


class _Cues:
    """The cue categories of ``data/sentence_cues.json``, matched token by token.

    A term matches a token after optional proclitics (``وال`` + ``هجوم``); a ``stem`` term also matches
    when suffixes follow (``قتل`` in ``قتلوا``). What a token matches is computed once and cached, so a
    sentence costs one dictionary look-up per token (a regular expression per category was 20x slower).
    """

    def __init__(self, raw_bytes: bytes) -> None:
        raw = json.loads(raw_bytes)
        self.digest = hashlib.sha256(raw_bytes).hexdigest()  # a model records which cue file it saw
        # Longest first, and only clitics that leave at least two letters, as in the regular matcher.
        self.proclitics = tuple(sorted({normalize_string(p) for p in raw["proclitics"]}, key=len, reverse=True))
        self.names: tuple[str, ...] = tuple(raw["categories"])
        self.words: dict[str, set[int]] = {}
        self.stems: dict[str, set[int]] = {}
        # Multi-word terms, by their first word: (following words, last one a stem?, category).
        self.phrases: dict[str, list[tuple[tuple[str, ...], bool, int]]] = {}
        for k, category in enumerate(raw["categories"].values()):
            stem = category["match"] == "stem"
            for term in category["terms"]:
                first, *rest = normalize_string(term).split()
                if rest:
                    self.phrases.setdefault(first, []).append((tuple(rest), stem, k))
                else:
                    (self.stems if stem else self.words).setdefault(first, set()).add(k)
        self.stem_lengths = tuple(sorted({len(s) for s in self.stems}))
        self.baseline = {event: tuple(self.names.index(c) for c in cats) for event, cats in raw["baseline"].items()}
        self._cache: dict[str, tuple[frozenset[int], tuple[tuple[tuple[str, ...], bool, int], ...]]] = {}

    def _token(self, token: str) -> tuple[frozenset[int], tuple[tuple[tuple[str, ...], bool, int], ...]]:
        hits: set[int] = set()
        phrases: list[tuple[tuple[str, ...], bool, int]] = []
        candidates = [token]
        candidates += [token[len(p) :] for p in self.proclitics if token.startswith(p) and len(token) > len(p) + 1]
        for candidate in candidates:
            hits.update(self.words.get(candidate, ()))
            for length in self.stem_lengths:
                if length > len(candidate):
                    break
                hits.update(self.stems.get(candidate[:length], ()))
            phrases.extend(self.phrases.get(candidate, ()))
        if len(self._cache) > 200_000:  # bounded: a long run over many documents must not grow forever
            self._cache.clear()
        found = self._cache[token] = (frozenset(hits), tuple(phrases))
        return found

    def categories(self, tokens: Sequence[str]) -> set[int]:
        """Indices of the categories with a term in ``tokens`` (normalized tokens, in order)."""
        found: set[int] = set()
        cache = self._cache
        for i, token in enumerate(tokens):
            hits, phrases = cache.get(token) or self._token(token)
            found.update(hits)
            for rest, stem, k in phrases:
                following = tokens[i + 1 : i + 1 + len(rest)]
                if k in found or len(following) < len(rest) or tuple(following[:-1]) != rest[:-1]:
                    continue
                if following[-1].startswith(rest[-1]) if stem else following[-1] == rest[-1]:
                    found.add(k)
        return found


@lru_cache(maxsize=1)
def sentence_cues() -> _Cues:
    return _Cues(files("marsad.judge.data").joinpath("sentence_cues.json").read_bytes())


# --- hashed features ---------------------------------------------------------------------------------

_U64 = np.uint64
_PRIME = _U64(0x100000001B3)  # odd, so the polynomial hash is a bijection step
_NAMESPACE = 0x9E3779B97F4A7C15  # keeps char n-grams of each length, words and bigrams apart
_BOS, _EOS = _U64(1 << 40), _U64((1 << 40) + 1)  # outside crc32's range
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer: spreads a polynomial hash over all 64 bits before taking buckets."""
    z = z ^ (z >> _U64(30))
    z = z * _U64(0xBF58476D1CE4E5B9)
    z = z ^ (z >> _U64(27))
    z = z * _U64(0x94D049BB133111EB)
    return z ^ (z >> _U64(31))


@dataclass(frozen=True)
class FeatureConfig:
    n_features_log2: int = 18
    char_ngrams: tuple[int, int] = (2, 5)
    word_ngrams: tuple[int, int] = (1, 2)
    char_weight: float = 1.0
    word_weight: float = 1.0
    cue_weight: float = 0.5  # the cues are few and coarse: at full weight they crowd out the n-grams
    lead_tokens: int = 3  # also hash the first N tokens with their position (the news verb comes first)
    sublinear_tf: bool = True  # 1 + log(count): a word repeated in one sentence is not much stronger
    c: float = 10.0  # inverse regularization strength of the logistic regression

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> FeatureConfig:
        raw = dict(raw)
        for key in ("char_ngrams", "word_ngrams"):
            raw[key] = tuple(raw[key])
        return cls(**raw)


class _Featurizer:
    def __init__(self, config: FeatureConfig, cue_names: Sequence[str]) -> None:
        self.config = config
        self.size = 1 << config.n_features_log2
        self.cues = sentence_cues()
        unknown = set(cue_names) - set(self.cues.names)
        if unknown:
            raise ValueError(f"the cue file has no categories {sorted(unknown)}; retrain the model")
        self.cue_names = tuple(cue_names)
        # cue file category index -> feature column
        self.cue_columns = {self.cues.names.index(name): self.size + j for j, name in enumerate(self.cue_names)}
        self.dim = self.size + len(self.cue_names)
        self._token_ids: dict[str, int] = {}  # token -> crc32, or -1 - crc32 for punctuation

    def _ids(self, tokens: Sequence[str]) -> list[int]:
        cache = self._token_ids
        if len(cache) > 200_000:
            cache.clear()
        ids = []
        for token in tokens:
            value = cache.get(token)
            if value is None:
                value = zlib.crc32(token.encode())
                cache[token] = value = value if _WORD.match(token) else -1 - value
            ids.append(value)
        return ids

    def _block(self, keys: np.ndarray, weight: float) -> tuple[np.ndarray, np.ndarray]:
        """Distinct keys -> (distinct keys, values), L2-normalized over the distinct n-grams."""
        unique, counts = np.unique(keys, return_counts=True)
        values = 1.0 + np.log(counts) if self.config.sublinear_tf else counts.astype(np.float64)
        values *= weight / math.sqrt(float(values @ values))
        return unique, values

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of one sentence's feature vector (indices may repeat; they add up)."""
        norm = normalize(text).text
        # All digits to 0: a number's size rarely matters, its presence does. (str.replace beats
        # str.translate by far on short strings.)
        for digit in "123456789":
            if digit in norm:
                norm = norm.replace(digit, "0")
        config = self.config
        tokens = _TOKEN.findall(norm)
        ids = self._ids(tokens)
        words = [token for token, i in zip(tokens, ids, strict=True) if i >= 0]
        keys: list[np.ndarray] = []
        values: list[np.ndarray] = []
        low, high = config.char_ngrams
        if words and high >= 2:
            # Each word padded with one space; two spaces between words mark windows that cross a word.
            padded = " " + "  ".join(words) + " "
            codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
            crossings = np.concatenate(([0], np.cumsum((codes[:-1] == 32) & (codes[1:] == 32))))
            hashes = codes
            grams = []
            for n in range(2, high + 1):
                hashes = hashes[:-1] * _PRIME + codes[n - 1 :]  # hashes[i] = hash of codes[i : i + n]
                if n >= low:
                    inside = crossings[n - 1 : n - 1 + hashes.size] == crossings[: hashes.size]
                    grams.append(hashes[inside] + _U64(n * _NAMESPACE % (1 << 64)))
            k, v = self._block(np.concatenate(grams), config.char_weight)
            keys.append(k)
            values.append(v)
        low, high = config.word_ngrams
        if tokens and low <= high:
            grams = []
            array = np.asarray(ids, dtype=np.int64).astype(np.uint64)  # punctuation ids wrap: still distinct
            if low <= 1:
                grams.append(array + _U64(11 * _NAMESPACE % (1 << 64)))
            if low <= 2 <= high:
                framed = np.concatenate(([_BOS], array, [_EOS]))
                grams.append(framed[:-1] * _PRIME + framed[1:] + _U64(12 * _NAMESPACE % (1 << 64)))
            if config.lead_tokens:
                lead = array[: config.lead_tokens]
                positions = np.arange(lead.size, dtype=np.uint64)
                grams.append(lead * _PRIME + positions + _U64(13 * _NAMESPACE % (1 << 64)))
            k, v = self._block(np.concatenate(grams), config.word_weight)
            keys.append(k)
            values.append(v)
        columns: list[np.ndarray] = []
        if keys:
            mixed = _mix(np.concatenate(keys))
            columns.append((mixed & _U64(self.size - 1)).astype(np.int64))
            all_values = np.concatenate(values)
            # The top bit chooses the sign, so colliding n-grams tend to cancel rather than add up.
            all_values[(mixed >> _U64(63)).astype(bool)] *= -1.0
            values = [all_values]
        hits = [self.cue_columns[k] for k in self.cues.categories(tokens) if k in self.cue_columns]
        if hits:
            columns.append(np.asarray(hits, dtype=np.int64))
            values.append(np.full(len(hits), config.cue_weight))
        if not columns:
            return np.empty(0, np.int64), np.empty(0, np.float64)
        return np.concatenate(columns), np.concatenate(values)

    def matrix(self, texts: Iterable[str]) -> Any:
        """A scipy CSR matrix with one row per text (duplicate indices are summed by scipy)."""
        from scipy.sparse import csr_matrix  # training only: keep scipy off the prediction import path

        indices: list[np.ndarray] = []
        values: list[np.ndarray] = []
        indptr = [0]
        for text in texts:
            i, v = self.features(text)
            indices.append(i)
            values.append(v)
            indptr.append(indptr[-1] + i.size)
        n = len(indptr) - 1
        if n == 0:
            return csr_matrix((0, self.dim))
        matrix = csr_matrix((np.concatenate(values), np.concatenate(indices), np.asarray(indptr)), shape=(n, self.dim))
        matrix.sum_duplicates()
        return matrix


# --- model -------------------------------------------------------------------------------------------


class SentenceModel:
    """Probability that a sentence reports an event of ``event_type`` as its own news."""

    def __init__(
        self,
        event_type: str = "",
        config: FeatureConfig | None = None,
        cue_names: Sequence[str] | None = None,
        threshold: float = 0.5,
    ) -> None:
        self.event_type = event_type
        self.config = config or FeatureConfig()
        self._featurizer = _Featurizer(self.config, sentence_cues().names if cue_names is None else cue_names)
        self.threshold = threshold
        self.coef: np.ndarray | None = None  # float32, one weight per hashed bucket then per cue
        self.intercept = 0.0
        self.metadata: dict[str, Any] = {}  # training figures, stored with the model; never text

    def _proba_matrix(self, matrix: Any) -> list[float]:
        z = matrix @ self._weights().astype(np.float64) + self.intercept
        return (1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))).tolist()

    # prediction

    def _weights(self) -> np.ndarray:
        if self.coef is None:
            raise RuntimeError("the model is not trained: fit it (marsad.train.sentence) or load() one")
        return self.coef

    def probability(self, text: str) -> float:
        """The probability for one sentence (the fast path: about 0.1 ms)."""
        weights = self._weights()
        indices, values = self._featurizer.features(text)
        z = float(weights[indices] @ values) + self.intercept
        return 1.0 / (1.0 + math.exp(-z)) if z >= -500 else 0.0

    def predict_proba(self, texts: Iterable[str]) -> list[float]:
        if isinstance(texts, str):
            raise TypeError("predict_proba takes a list of sentences; use probability() for one")
        return [self.probability(text) for text in texts]

    def predict(self, texts: Iterable[str]) -> list[bool]:
        return [p >= self.threshold for p in self.predict_proba(texts)]

    # storage

    def config_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "event_type": self.event_type,
            "threshold": self.threshold,
            "features": asdict(self.config),
            "cues": {"categories": list(self._featurizer.cue_names), "sha256": sentence_cues().digest},
            "metadata": self.metadata,
        }

    def save(self, path: str | Path) -> Path:
        """Write a compressed .npz: bucket weights, intercept and the config as JSON (numbers, no text)."""
        path = Path(path)
        weights = self._weights()
        config_text = json.dumps(self.config_dict(), ensure_ascii=False, sort_keys=True)
        # A last guard for the licence: whatever lands in metadata, no Arabic text leaves with a model.
        if _ARABIC.search(config_text):
            raise ValueError("model metadata contains Arabic text; a saved model must not carry any")
        config = config_text.encode()
        arrays = {
            "coef": weights,
            "intercept": np.asarray([self.intercept], dtype=np.float64),
            "config": np.frombuffer(config, dtype=np.uint8),
        }
        buffer = io.BytesIO()
        # an .npz written by hand with fixed entry dates, so that retraining gives the same bytes
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(entry, "w") as handle:
                    np.lib.format.write_array(handle, np.ascontiguousarray(array), allow_pickle=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(buffer.getvalue())
        os.replace(partial, path)  # readers never see a half-written model
        return path

    @classmethod
    def load(cls, path: str | Path | IO[bytes]) -> SentenceModel:
        source = path if hasattr(path, "read") else Path(path)  # type: ignore[arg-type]
        with np.load(source, allow_pickle=False) as saved:
            config = json.loads(saved["config"].tobytes().decode())
            coef = saved["coef"].astype(np.float32)
            intercept = float(saved["intercept"][0])
        if config.get("format") != FORMAT or config.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"{path} is not a {FORMAT} v{FORMAT_VERSION} model")
        if config["cues"]["sha256"] != sentence_cues().digest:
            warnings.warn(
                f"{path} was trained with another version of sentence_cues.json; retrain it",
                stacklevel=2,
            )
        model = cls(
            config["event_type"],
            FeatureConfig.from_dict(config["features"]),
            config["cues"]["categories"],
            threshold=float(config["threshold"]),
        )
        if coef.shape != (model._featurizer.dim,):
            raise ValueError(f"{path}: {coef.shape[0]} weights for {model._featurizer.dim} features")
        model.coef, model.intercept, model.metadata = coef, intercept, config.get("metadata", {})
        return model


def model_file(event_type: str) -> str:
    return f"sentence_{event_type.lower()}.npz"


@lru_cache(maxsize=8)
def packaged_model(event_type: str) -> SentenceModel | None:
    """The shipped model for an event type (ASSAULT, PROTEST), or None when the package has none."""
    resource = files("marsad.judge.data").joinpath(model_file(event_type))
    if not resource.is_file():
        return None
    with resource.open("rb") as handle:
        return SentenceModel.load(io.BytesIO(handle.read()))
