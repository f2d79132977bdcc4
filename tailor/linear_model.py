"""A TF-IDF text classifier that ships as a small data file and loads without scikit-learn.

Why: the learned models (what kind of sentence a posting line is, which concepts a sentence or a
resume line shows) are trained with scikit-learn but must load fast, the same on every machine and
every scikit-learn version, and never run code from a file. A pickle does none of that. So the
features are computed here, by one function used both when training and when predicting, and a
model is stored as plain arrays: its vocabulary, IDF weights, one weight vector per class and the
threshold chosen for each class.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .text import tokenize

FEATURES_VERSION = 2  # of the features and of the stored form; a shipped model must match
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so retraining writes the same bytes


def features(text: str) -> list[str]:
    """The features of one text: word stems and stem pairs, and letter 4-grams inside words.

    Why letter n-grams: real text spells things its own way ("organisational", "HIPPA",
    "tranferring"); the 4-grams still share most of their pieces with the usual spelling.
    """
    tokens = tokenize(text[:5000])
    stems = [t.stem for t in tokens]
    out = [f"w:{s}" for s in stems]
    out.extend(f"b:{a} {b}" for a, b in zip(stems, stems[1:], strict=False))
    for t in tokens:
        word = f"<{t.raw.lower()}>"
        if len(word) > 5:
            out.extend(f"c:{word[i:i + 4]}" for i in range(len(word) - 3))
    return out


@dataclass(frozen=True)
class LinearTextModel:
    """Classes scored by sigmoid(w . tfidf(text) + b); a class holds where the score reaches its
    threshold. ``multiclass`` models are read with softmax instead (one kind per text)."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    thresholds: np.ndarray  # (n_classes,), or (n_registers, n_classes)
    multiclass: bool = False

    def transform(self, texts: list[str]):
        return tfidf_matrix(texts, self.vocabulary, self.idf)

    def decision(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.classes)))
        x = self.transform(texts)
        return np.asarray(x @ self.coef.T) + self.intercept

    def probabilities(self, texts: list[str]) -> np.ndarray:
        z = self.decision(texts)
        if self.multiclass:
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
        return 1 / (1 + np.exp(-np.clip(z, -50, 50)))

    # ------------------------------------------------------------------ storage
    def to_bytes(self) -> bytes:
        arrays = {
            "classes": np.array(self.classes, dtype=str),
            # One UTF-8 text, a feature a line: a tenth of the size of a fixed-width string array,
            # and read back in a split rather than a string conversion per feature.
            "vocabulary": np.frombuffer("\n".join(sorted(self.vocabulary,
                                                         key=self.vocabulary.get)).encode(),
                                        dtype=np.uint8),
            "idf": self.idf.astype(np.float32),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
            "thresholds": self.thresholds.astype(np.float32),
            "meta": np.array([FEATURES_VERSION, int(self.multiclass)], dtype=np.int32),
        }
        return stored_arrays(arrays)

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearTextModel:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            arrays = {name[:-4]: np.load(io.BytesIO(zf.read(name)), allow_pickle=False)
                      for name in zf.namelist()}
        version, multiclass = (int(v) for v in arrays["meta"])
        if version != FEATURES_VERSION:
            raise ValueError(f"model features version {version}, this code has {FEATURES_VERSION}")
        joined = arrays["vocabulary"].tobytes().decode()
        words = joined.split("\n") if joined else []
        if len(words) != len(arrays["idf"]):
            raise ValueError(f"model vocabulary has {len(words)} features, its IDF "
                             f"{len(arrays['idf'])}")
        vocabulary = {word: i for i, word in enumerate(words)}
        return cls(tuple(str(c) for c in arrays["classes"]), vocabulary,
                   arrays["idf"].astype(np.float64), arrays["coef"].astype(np.float64),
                   arrays["intercept"].astype(np.float64),
                   arrays["thresholds"].astype(np.float64), bool(multiclass))


def stored_arrays(arrays: dict[str, np.ndarray]) -> bytes:
    """Named arrays as one .npz file whose bytes depend on nothing but the arrays (fixed dates),
    readable with numpy and without pickle."""
    buffer = io.BytesIO()
    # Stored, not deflated: a few MB more in the package, and no inflating at every start.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.save(member, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, member.getvalue())
    return buffer.getvalue()


def fit_vocabulary(texts: list[str], min_df: int = 2,
                   max_features: int | None = None) -> tuple[dict[str, int], np.ndarray]:
    """Vocabulary (features in at least ``min_df`` texts) and smoothed IDF, as scikit-learn's."""
    df: dict[str, int] = {}
    for text in texts:
        for f in set(features(text)):
            df[f] = df.get(f, 0) + 1
    kept = sorted((f for f, n in df.items() if n >= min_df), key=lambda f: (-df[f], f))
    if max_features:
        kept = kept[:max_features]
    kept.sort()
    vocabulary = {f: i for i, f in enumerate(kept)}
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[f])) + 1 for f in kept])
    return vocabulary, idf


def tfidf_matrix(texts: list[str], vocabulary: dict[str, int], idf: np.ndarray,
                 terms=features):
    """Sublinear TF times IDF, each row scaled to unit length (a scipy CSR matrix), of each
    text's ``terms`` (by default this module's features)."""
    from scipy.sparse import csr_matrix

    indptr, indices, values = [0], [], []
    for text in texts:
        counts: dict[int, int] = {}
        for f in terms(text):
            j = vocabulary.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        cols = sorted(counts)
        row = np.array([(1 + np.log(counts[j])) * idf[j] for j in cols])
        norm = float(np.sqrt((row ** 2).sum())) if cols else 0.0
        indices.extend(cols)
        values.extend((row / norm).tolist() if norm else [])
        indptr.append(len(indices))
    return csr_matrix((np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64),
                       np.array(indptr, dtype=np.int64)), shape=(len(texts), len(vocabulary)))


@lru_cache(maxsize=4)
def load_shipped(name: str) -> LinearTextModel | None:
    """A model shipped inside the package (tailor/trained/NAME), or None when it is absent."""
    import importlib.resources

    path = importlib.resources.files("tailor").joinpath("trained", name)
    if not path.is_file():
        return None
    return LinearTextModel.from_bytes(path.read_bytes())
