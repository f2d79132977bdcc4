"""The shipped models are what the training script makes from ../shared, and they behave."""

import numpy as np
import pytest

from tailor.linear_model import LinearTextModel
from tailor.training import blind_ids, build_models

from conftest import ROOT


@pytest.fixture(scope="module")
def retrained(shared):
    return build_models(shared, ROOT / "bench")


def test_retraining_gives_the_shipped_models(retrained):
    for name, data in retrained.items():
        shipped = LinearTextModel.from_bytes((ROOT / "tailor" / "trained" / name).read_bytes())
        fresh = LinearTextModel.from_bytes(data)
        assert fresh.classes == shipped.classes, name
        assert fresh.vocabulary == shipped.vocabulary, name
        assert np.array_equal(fresh.thresholds, shipped.thresholds), name
        # Equal up to the last bits a different BLAS may round differently.
        assert np.allclose(fresh.coef, shipped.coef, atol=1e-4), name
        assert np.allclose(fresh.intercept, shipped.intercept, atol=1e-4), name


def test_no_model_learns_from_the_blind_set(shared):
    from tailor.training import corpus_postings

    blind = blind_ids(ROOT / "bench")
    assert len(blind) == 40
    assert not blind & {pid for pid, _ in corpus_postings(shared / "corpus", blind)}


def test_the_concept_model_never_claims_a_named_thing(lexicon):
    from tailor.concept_model import MODEL_FILE
    from tailor.linear_model import load_shipped
    from tailor.matching import NAMED_KINDS

    model = load_shipped(MODEL_FILE)
    for concept in model.classes:
        assert lexicon.by_id[concept].kind not in NAMED_KINDS, concept


def test_the_model_adds_what_resume_wording_shows_and_nothing_to_postings(lexicon):
    from tailor.matching import Matcher

    with_model, aliases = Matcher(lexicon), Matcher(lexicon, concept_model=None)
    lines = ["Acted as a liaison between the business department, billers and third party payers "
             "in resolving billing and reimbursement accuracy.",
             "Interfaces on the phone with customers, internal sales and service employees in "
             "resolving billing discrepancies."]
    def claims(reading):
        return {k for k, v in reading.scores.items() if v >= 0.5}

    added = [claims(a) - claims(b) for a, b in
             zip(with_model.read(lines, "resume"), aliases.read(lines, "resume"), strict=True)]
    assert any(added)
    # Posting sentences are read by the aliases alone (the model did not help there).
    assert [r.scores for r in with_model.read(lines, "posting")] == \
        [r.scores for r in aliases.read(lines, "posting")]
