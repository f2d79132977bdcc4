"""The shipped TF-IDF spaces are what scikit-learn fits, and read texts as scikit-learn does."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tailor import lexicon_vectors
from tailor.lexicon import load_lexicon
from tailor.text import analyzer_text

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def builtin():
    lexicon = load_lexicon(())
    return lexicon, lexicon_vectors.vectors_for(lexicon)


def _same(a, b) -> None:
    assert a.vocabulary == b.vocabulary
    assert a.stop == b.stop
    assert np.allclose(a.idf, b.idf)
    assert a.profiles.shape == b.profiles.shape
    assert np.allclose(a.profiles.toarray(), b.profiles.toarray())


def test_the_shipped_spaces_are_what_fitting_gives():
    trained = ROOT / "tailor" / "trained"
    for name, data in lexicon_vectors.build_all().items():
        assert (trained / name).is_file(), f"rerun scripts/train_models.py ({name})"
        # The shipped file is read only where it was built for exactly these entries and code.
        built = lexicon_vectors.LexiconVectors.from_bytes(data, _digest_of(data))
        shipped = lexicon_vectors.LexiconVectors.from_bytes((trained / name).read_bytes(),
                                                            _digest_of(data))
        assert shipped is not None, f"rerun scripts/train_models.py ({name})"
        _same(shipped, built)


def _digest_of(data: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return np.load(io.BytesIO(zf.read("digest.npy"))).tobytes().decode()


def test_the_built_in_lexicon_uses_its_shipped_space(builtin, monkeypatch):
    lexicon, space = builtin
    _same(space, lexicon_vectors.fit(lexicon.entries))

    def no_fitting(entries):
        raise AssertionError("fitted although a space was shipped for this lexicon")

    monkeypatch.setattr(lexicon_vectors, "fit", no_fitting)
    lexicon_vectors.vectors_for(lexicon)
    lexicon_vectors.vectors_for(load_lexicon(("general-office.yml",)))


def test_a_user_lexicon_gets_a_space_fitted_for_it():
    lexicon = load_lexicon((str(DATA / "lexicons" / "override.yml"),))
    space = lexicon_vectors.vectors_for(lexicon)
    assert analyzer_text("courier") in space.vocabulary
    assert space.profiles.shape[0] == len(lexicon.entries)


def test_a_shipped_space_is_not_used_for_other_entries(builtin):
    lexicon, _ = builtin
    data = (ROOT / "tailor" / "trained" / lexicon_vectors.file_name(lexicon.sources)).read_bytes()
    entries = list(lexicon.entries)
    entries[0] = type(entries[0])(**{**entries[0].__dict__,
                                     "aliases": (*entries[0].aliases, "courier runs")})
    assert lexicon_vectors.digest(entries) != lexicon_vectors.digest(lexicon.entries)
    assert lexicon_vectors.LexiconVectors.from_bytes(data, lexicon_vectors.digest(entries)) is None


_WORDS = ["supervise", "staff", "the", "and", "budget", "billing", "patients'", "rota", "of",
          "front-desk", "Café", "18", "week", "rules", "EMIS", "scheduling", "HIPAA", "x"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS) | st.text(max_size=12), max_size=14)
                .map(" ".join), min_size=1, max_size=5))
def test_a_text_gets_the_row_scikit_learn_gives(builtin, texts):
    lexicon, space = builtin
    fitted = lexicon_vectors.scikit_vectorizer(space.stop).fit(
        [lexicon_vectors.profile_text(e) for e in lexicon.entries]
        + lexicon_vectors.background_documents())
    expected = fitted.transform([analyzer_text(t) for t in texts]).toarray()
    assert np.allclose(space.transform(texts).toarray(), expected)


def test_an_analysis_does_not_import_scikit_learn(tmp_path):
    # Importing scikit-learn took most of a second of every command; only fitting needs it.
    script = (
        "import sys\n"
        "from tailor.cli import cli\n"
        "for args in (['analyze', 'examples/job.txt', '--resume', 'examples/resume.yml',\n"
        f"              '--format', 'json'], ['examples/job.txt', 'examples/resume.yml',\n"
        f"              '-o', {str(tmp_path / 'out')!r}]):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "out").is_dir()
