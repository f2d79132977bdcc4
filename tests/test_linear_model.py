import numpy as np
import pytest

from tailor.linear_model import LinearTextModel, features, fit_vocabulary, load_shipped, tfidf_matrix


def small_model():
    texts = ["supervise the front desk staff", "submit insurance claims", "supervise billing staff",
             "claims and denials follow up"]
    vocabulary, idf = fit_vocabulary(texts, min_df=1)
    coef = np.vstack([np.linspace(-1, 1, len(vocabulary)), np.linspace(1, -1, len(vocabulary))])
    return LinearTextModel(("a", "b"), vocabulary, idf, coef, np.array([0.1, -0.2]),
                           np.array([[0.5, 0.6], [0.7, 2.0]]))


def test_stored_model_gives_the_same_scores_and_the_same_bytes():
    model = small_model()
    data = model.to_bytes()
    again = LinearTextModel.from_bytes(data)
    texts = ["Supervises staff", "insurance claims denied", ""]
    assert np.allclose(model.probabilities(texts), again.probabilities(texts), atol=1e-6)
    assert again.vocabulary == model.vocabulary and again.classes == model.classes
    assert again.thresholds.shape == (2, 2)
    assert again.to_bytes() == data  # no time stamp or other varying byte in the file


def test_rows_are_unit_length_and_unknown_words_give_an_empty_row():
    model = small_model()
    x = tfidf_matrix(["supervise the staff", "zzz qqq"], model.vocabulary, model.idf)
    assert np.isclose(np.sqrt(x[0].multiply(x[0]).sum()), 1.0)
    assert x[1].nnz == 0


def test_letter_ngrams_tie_spellings_together():
    uk, us = set(features("organisational")), set(features("organizational"))
    assert len(uk & us) >= 0.5 * len(uk | us) - 1  # most pieces shared despite s/z


def test_a_file_from_another_features_version_is_refused():
    import io
    import zipfile

    data = small_model().to_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            member = zin.read(name)
            if name == "meta.npy":
                buf = io.BytesIO()
                np.save(buf, np.array([99, 0], dtype=np.int32))
                member = buf.getvalue()
            zout.writestr(name, member)
    with pytest.raises(ValueError, match="features version 99"):
        LinearTextModel.from_bytes(out.getvalue())


def test_both_models_ship_and_are_small():
    from importlib.resources import files

    for name in ("sentence-kinds.npz", "concepts.npz"):
        assert load_shipped(name) is not None, name
        assert len(files("tailor").joinpath("trained", name).read_bytes()) < 10_000_000, name
