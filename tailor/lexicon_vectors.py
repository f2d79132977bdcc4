"""The TF-IDF space in which the matcher compares a text with each lexicon entry's profile.

Why: an entry's profile is its name, description, aliases and cues, and scikit-learn's
TfidfVectorizer weighs their words against ordinary posting language (background.txt), so that
words that say nothing about a skill weigh little. For a built-in lexicon the fitted result is
the same every time, yet fitting it and importing scikit-learn to do so took most of a second of
every command. So scripts/train_models.py ships the fitted vocabulary, IDF and profile rows
(tailor/trained/vectors-NAME.npz), and ``LexiconVectors.transform`` turns a text into the row
scikit-learn's transform gives (a test holds the two equal). The shipped form is used only when
it was built from exactly the entries, background text and code in use (a digest); otherwise, as
for any user lexicon, scikit-learn fits it here and now. (Only then is scikit-learn imported:
reading a posting and a resume needs numpy and scipy, not scikit-learn.)
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .linear_model import stored_arrays, tfidf_matrix
from .resources import data_folder, hash_sources
from .text import analyzer_text

FORMAT = 1
_TERM = re.compile(r"(?u)\S+")  # the vectorizer's token pattern: analyzer_text joins stems
# Words that say nothing about a skill, beyond scikit-learn's English stop words.
_EXTRA_STOP_WORDS = frozenset({
    "will", "work", "role", "job", "position", "ability", "able", "including", "include",
    "within", "across", "ensure", "provide", "support", "year", "years", "new", "day",
    "candidate", "applicant", "successful", "excellent", "strong", "good", "high", "knowledge",
    "experience", "understanding", "skill", "skills"})


@dataclass(frozen=True)
class LexiconVectors:
    """A fitted TF-IDF space (word stems and stem pairs, stop words left out) and each entry's
    profile in it, one row per entry in the lexicon's order."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    stop: frozenset[str]
    profiles: object  # scipy CSR matrix (entries x vocabulary), rows of unit length

    def terms(self, analyzed: str) -> list[str]:
        """The stems of a text (``analyzer_text``) and their pairs, as TfidfVectorizer with
        ngram_range (1, 2) reads them: stop words are left out before pairing."""
        words = [w for w in _TERM.findall(analyzed) if w not in self.stop]
        return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]

    def transform(self, texts: list[str]):
        """Each text's row: sublinear term frequency times IDF, scaled to unit length."""
        return tfidf_matrix([analyzer_text(t) for t in texts], self.vocabulary, self.idf,
                            self.terms)

    def to_bytes(self, digest: str, code: str) -> bytes:
        profiles = self.profiles
        arrays = {
            "digest": np.frombuffer(digest.encode(), dtype=np.uint8),
            "code": np.frombuffer(code.encode(), dtype=np.uint8),
            "vocabulary": _joined(sorted(self.vocabulary, key=self.vocabulary.get)),
            "stop": _joined(sorted(self.stop)),
            "idf": self.idf.astype(np.float64),
            "data": profiles.data.astype(np.float64),
            "indices": profiles.indices.astype(np.int32),
            "indptr": profiles.indptr.astype(np.int32),
            "shape": np.array(profiles.shape, dtype=np.int64),
        }
        return stored_arrays(arrays)

    @classmethod
    def from_bytes(cls, data: bytes, digest: str) -> LexiconVectors | None:
        """The stored space, or None when it was built from other entries or code."""
        from scipy.sparse import csr_matrix

        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if _text(np.load(io.BytesIO(zf.read("digest.npy")))) != digest:
                return None
            a = {name[:-4]: np.load(io.BytesIO(zf.read(name)), allow_pickle=False)
                 for name in zf.namelist()}
        words = _text(a["vocabulary"]).split("\n")
        profiles = csr_matrix((a["data"], a["indices"], a["indptr"]),
                              shape=tuple(int(n) for n in a["shape"]))
        return cls({w: i for i, w in enumerate(words)}, a["idf"],
                   frozenset(_text(a["stop"]).split("\n")), profiles)


def vectors_for(lexicon) -> LexiconVectors:
    """The TF-IDF space of the lexicon in use: shipped, for the built-in lexicons as built, else
    fitted now."""
    from .lexicon import builtin_names

    if all(name in builtin_names() for name in lexicon.sources):
        expected = digest(lexicon.entries)
        try:
            shipped = (LexiconVectors.from_bytes(_shipped(file_name(lexicon.sources)), expected)
                       if expected is not None else None)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            shipped = None
        if shipped is not None:
            return shipped
    return fit(lexicon.entries)


def fit(entries) -> LexiconVectors:
    """Fit the space with scikit-learn on the entries' profiles and the background text."""
    stop = fitted_stop_stems()
    vectorizer = scikit_vectorizer(stop)
    profiles = [profile_text(e) for e in entries]
    # Fitted on the profiles and ordinary posting language; the profiles' rows are the first.
    fitted = vectorizer.fit_transform(profiles + background_documents())
    return LexiconVectors(dict(vectorizer.vocabulary_), vectorizer.idf_.astype(np.float64),
                          stop, fitted[:len(profiles)].tocsr())


def scikit_vectorizer(stop: frozenset[str]):
    """The unfitted scikit-learn vectorizer whose transform ``LexiconVectors.transform`` is."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="word", token_pattern=_TERM.pattern, ngram_range=(1, 2),
                           sublinear_tf=True, stop_words=sorted(stop), lowercase=False, min_df=1)


def profile_text(entry) -> str:
    words = [entry.name, entry.description, *entry.aliases, *entry.cues]
    return analyzer_text(" . ".join(w.replace("...", " ").replace("*", "") for w in words))


@lru_cache(maxsize=1)
def stop_stems() -> frozenset[str]:
    """The stop words' stems: as the shipped space of the built-in lexicon holds them when it
    was built by this very code, else computed from scikit-learn's list."""
    from .lexicon import BUILTIN

    code = code_digest()
    try:
        with zipfile.ZipFile(io.BytesIO(_shipped(file_name((BUILTIN,))))) as zf:
            if code is not None and _text(np.load(io.BytesIO(zf.read("code.npy")))) == code:
                return frozenset(_text(np.load(io.BytesIO(zf.read("stop.npy")))).split("\n"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        pass
    return fitted_stop_stems()


def fitted_stop_stems() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset({analyzer_text(w) for w in ENGLISH_STOP_WORDS | _EXTRA_STOP_WORDS} - {""})


@lru_cache(maxsize=1)
def background_documents() -> list[str]:
    """Ordinary posting language, so that IDF knows which words say nothing about a skill."""
    return [analyzer_text(line) for line in _background_text().splitlines()
            if line.strip() and not line.startswith("#")]


def _background_text() -> str:
    return data_folder("skill_lexicon").joinpath("background.txt").read_text("utf-8")


def code_digest() -> str | None:
    """What the stop stems and profiles depend on besides the lexicon: the code that stems and
    fits them (line endings aside); None where it cannot be read (an install without sources),
    and then the space is fitted."""
    h = hashlib.sha256(f"{FORMAT}\n".encode())
    return h.hexdigest() if hash_sources(h, ("lexicon_vectors.py", "text.py")) else None


def digest(entries) -> str | None:
    """What a shipped space depends on: that code, the entries' names, descriptions, aliases
    and cues, and the background text."""
    code = code_digest()
    if code is None:
        return None
    h = hashlib.sha256(code.encode())
    h.update(json.dumps([[e.id, e.name, e.description, list(e.aliases), list(e.cues)]
                         for e in entries], ensure_ascii=False).encode("utf-8"))
    h.update(_background_text().replace("\r\n", "\n").encode("utf-8"))
    return h.hexdigest()


def _shipped(name: str) -> bytes:
    import importlib.resources

    return importlib.resources.files("tailor").joinpath("trained", name).read_bytes()


def file_name(sources) -> str:
    """``("medical-office.yml",)`` -> ``vectors-medical-office.npz``; several lexicons merged
    in order are joined by "+"."""
    return "vectors-" + "+".join(name.removesuffix(".yml") for name in sources) + ".npz"


def build_all() -> dict[str, bytes]:
    """The fitted space of the built-in lexicon, and of it with each other built-in lexicon
    merged over it, by the file name each ships as."""
    from .lexicon import BUILTIN, builtin_names, load_lexicon

    out = {}
    for extra in ((), *((name,) for name in builtin_names() if name != BUILTIN)):
        lexicon = load_lexicon(extra)
        out[file_name(lexicon.sources)] = fit(lexicon.entries).to_bytes(
            digest(lexicon.entries) or "", code_digest() or "")
    return out


def _joined(words: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(words).encode(), dtype=np.uint8)


def _text(array: np.ndarray) -> str:
    return array.tobytes().decode()
