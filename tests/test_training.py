"""The shipped models are what the training script makes from ../shared, and they behave."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert len(blind) == 70  # bench/corpus-blind (40) and corpus-blind2 (30)
    assert not blind & {pid for pid, _ in corpus_postings(shared / "corpus", blind)}


def test_hand_labelled_corpus_sentences_stay_clear_of_what_is_scored(shared, lexicon):
    """The labelled corpus sentences name only the contract's concepts, and the concept model
    learns none from a posting a blind set uses or from a near copy of a scored posting."""
    from tailor.training import (LABELLED_SENTENCES, concept_training_data, contract_classes,
                                 corpus_postings, labelled_corpus_examples, near_copies,
                                 scored_postings)

    classes = contract_classes(shared, lexicon)
    examples = labelled_corpus_examples(classes)
    rows = (LABELLED_SENTENCES / "sentences.tsv").read_text("utf-8").splitlines()
    # Every row is labelled once, in the same order: no sentence is dropped, none is labelled
    # twice, and no item id is reused.
    labelled = [json.loads(line)["item"] for line in
                (LABELLED_SENTENCES / "labels.jsonl").read_text("utf-8").splitlines()]
    ids = [row.split("\t")[0] for row in rows]
    assert labelled == ids and len(set(ids)) == len(ids) == len(examples)
    assert all(e.positives <= set(classes) and not e.positives & e.negatives for e in examples)
    assert sum(bool(e.positives) for e in examples) > 800
    postings = corpus_postings(shared / "corpus", set())
    copies = near_copies(scored_postings(shared, ROOT / "bench"), postings)
    blind = blind_ids(ROOT / "bench")
    assert not {e.group.removeprefix("corpus:") for e in examples} & blind
    # Some hand-labelled sentences come from reposts of a blind posting; training leaves them out.
    reposted = {e.text for e in examples if e.group.removeprefix("corpus:") in copies}
    assert reposted
    trained, *_ = concept_training_data(shared, ROOT / "bench", lexicon)
    learned = {e.group.removeprefix("corpus:") for e in trained if e.group.startswith("corpus:")}
    assert learned and not learned & (blind | copies)
    assert not reposted & {e.text for e in trained if e.source == "posting"}


def test_a_reposted_advert_is_a_near_copy():
    from tailor.training import near_copies

    advert = ("Medical Receptionist. We are a busy GP practice in the city centre looking for a "
              "receptionist to book appointments, register new patients, answer the telephone "
              "and keep patient records up to date on SystmOne. Experience of customer service "
              "is essential and a good standard of English and maths is required.")
    repost = advert.replace("in the city centre", "in Salford") + " Closing date 1 March."
    other = ("Clinical Coder. Assign ICD-10 and OPCS codes to inpatient episodes from case notes, "
             "meeting the trust's accuracy targets and the national clinical coding standards.")
    assert near_copies([advert], [("a", repost), ("b", other)]) == {"a"}


def test_the_scored_postings_are_the_labelled_sets_and_the_blind_ones(shared):
    from tailor.training import corpus_postings, scored_postings

    scored = scored_postings(shared, ROOT / "bench")
    labelled = sorted((shared / "eval").glob("dev*/jobs/*.txt"))
    blind = blind_ids(ROOT / "bench")
    assert len(scored) == len(labelled) + len(blind)
    assert {text for pid, text in corpus_postings(shared / "corpus", set())
            if pid in blind} <= set(scored)


def test_the_concept_model_never_claims_a_named_thing(lexicon):
    from tailor.concept_model import MODEL_FILE
    from tailor.linear_model import load_shipped
    from tailor.matching import NAMED_KINDS

    model = load_shipped(MODEL_FILE)
    for concept in model.classes:
        assert lexicon.by_id[concept].kind not in NAMED_KINDS, concept


def test_the_model_adds_what_resume_wording_shows(lexicon):
    from tailor.concept_model import MODEL_FILE
    from tailor.linear_model import load_shipped
    from tailor.matching import Matcher
    from tailor.training import OFF

    with_model, aliases = Matcher(lexicon), Matcher(lexicon, concept_model=None)
    # Labelled duty.communication in dev2, which the aliases alone do not claim.
    lines = ["Cultivated strong relationships with area hospitals, vendors/suppliers and payer "
             "sources."]
    def claims(reading):
        return {k for k, v in reading.scores.items() if v >= 0.5}

    added = [claims(a) - claims(b) for a, b in
             zip(with_model.read(lines, "resume"), aliases.read(lines, "resume"), strict=True)]
    assert all("duty.communication" in a for a in added), added  # as the labels say
    # Each register has its own thresholds: a posting's dozens of sentences each risk a wrong
    # claim, so the model claims there only where it was precise enough on posting sentences.
    model = load_shipped(MODEL_FILE)
    assert (model.thresholds[0] < OFF).any() and (model.thresholds[1] < OFF).any()
    assert not np.array_equal(model.thresholds[0], model.thresholds[1])


def test_the_model_does_not_judge_a_fragment_of_a_few_words(lexicon):
    from tailor.concept_model import MIN_WORDS
    from tailor.matching import REPORT_THRESHOLD, Matcher

    with_model = Matcher(lexicon)
    fragment = "Flexible working options"  # a benefit in an agency's list, not adaptability
    assert len(fragment.split()) < MIN_WORDS
    assert with_model.model.likelihoods([fragment]) == [{}]
    assert with_model.read([fragment], "posting")[0].scores.get("skill.adaptability", 0) \
        < REPORT_THRESHOLD


def test_likelihoods_are_the_probabilities_behind_the_claims(lexicon):
    # What orders highlights (likelihoods) and what claims (claims) read the same model: each
    # claim is a concept whose likelihood reached its threshold, and every concept the model may
    # claim has a likelihood; a fragment has none, as it has no claims.
    from tailor.concept_model import MIN_WORDS
    from tailor.matching import Matcher

    model = Matcher(lexicon).model
    lines = ["Reviewed charts to ensure correct coding for the services billed.",
             "Cultivated strong relationships with area hospitals and payer sources."]
    allowed = {c for _, c in model.allowed}
    resume_thresholds = model.thresholds[1]
    for line, likely in zip(lines, model.likelihoods(lines), strict=True):
        claimed = model.claims(likely, "resume")
        assert set(likely) == allowed
        assert all(0.0 <= p <= 1.0 for p in likely.values())
        column = {c: n for n, c in model.allowed}
        assert set(claimed) == {c for c, p in likely.items()
                                if p >= resume_thresholds[column[c]]}, line
    assert "Flexible working options".count(" ") + 1 < MIN_WORDS
    assert model.likelihoods(["Flexible working options"]) == [{}]


def test_hand_labelled_resume_lines_are_learned_apart_from_the_people_scored(shared, lexicon):
    """The real resume lines of training-data/resume-lines are learned as resume lines, grouped
    by person, and none of their people is one of bench/resume-lines-blind (no resume in common)
    or of dev2 (no run of six words in common: dev2's lines name their resumes by PDF), so
    neither the blind set nor dev2's cross-validation scores a person the model learned."""
    import json

    from tailor.training import (LABELLED_RESUME_LINES, concept_training_data, contract_ids,
                                 resume_line_labels, word_runs)

    labelled = resume_line_labels()
    rows = (LABELLED_RESUME_LINES / "bullets.tsv").read_text("utf-8").splitlines()[1:]
    assert len(labelled) == len(rows) > 200
    assert all(concepts <= set(contract_ids(shared)) for _, _, concepts in labelled)
    assert sum(bool(concepts) for _, _, concepts in labelled) > len(labelled) / 2
    people = {person for person, _, _ in labelled}
    assert len(people) > 20
    folder = ROOT / "bench" / "resume-lines-blind"
    blind_people = {row.split("\t")[1] for row in
                    (folder / "bullets.tsv").read_text("utf-8").splitlines()[1:]}
    assert blind_people and not people & blind_people
    blind = [json.loads(line)["text"] for line in
             (folder / "highlight-labels.jsonl").read_text("utf-8").splitlines()]
    scored = [row.split("\t")[3] for row in (shared / "eval" / "dev2" / "resume-lines"
                                             / "bullets.tsv").read_text("utf-8").splitlines()[1:]]
    seen = set().union(*(word_runs(t, 6) for t in scored + blind))
    assert not any(word_runs(text, 6) & seen for _, text, _ in labelled)
    trained, *_ = concept_training_data(shared, ROOT / "bench", lexicon)
    learned = {e.text: e.group for e in trained if e.source == "resume"}
    assert all(learned.get(text) == f"person:{person}" for person, text, _ in labelled)


def _curves(concepts):
    """Claim curves (threshold -> claims, right ones) from each concept's (probability, right)
    pairs, as training._claim_curves builds them from out-of-fold predictions."""
    from tailor.training import THRESHOLD_GRID

    return [{t: (sum(p >= t for p, _ in pairs), sum(p >= t and ok for p, ok in pairs))
             for t in THRESHOLD_GRID} for pairs in concepts]


def _claims_at(curves, thresholds):
    return [curve[t] if t <= 1 else (0, 0) for curve, t in zip(curves, thresholds, strict=True)]


def test_posting_thresholds_hold_precision_over_all_claims_together():
    # A concept right 8 times in 10 may not claim alone (0.9 precision each), but may beside one
    # right 49 times in 50: 57 of 60 together. One right 2 times in 10 would take them below.
    from tailor.training import OFF, _pooled_thresholds, _thresholds

    sure = [(0.9, True)] * 49 + [(0.9, False)]
    fair = [(0.6, True)] * 8 + [(0.6, False)] * 2
    poor = [(0.8, True)] * 2 + [(0.8, False)] * 8
    curves = _curves([sure, fair, poor])
    alone, together = _thresholds(curves), _pooled_thresholds(curves)
    assert list(alone[1:]) == [OFF, OFF]
    assert together[0] <= 0.9 and together[1] <= 0.6 and together[2] == OFF


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(st.floats(0.0, 1.0), st.booleans()), max_size=30),
                min_size=1, max_size=6))
def test_pooled_thresholds_never_fall_below_the_precision_asked(concepts):
    from tailor.training import MIN_PRECISION, _pooled_thresholds

    curves = _curves(concepts)
    claims = _claims_at(curves, _pooled_thresholds(curves))
    claimed, right = sum(c for c, _ in claims), sum(r for _, r in claims)
    assert right >= MIN_PRECISION * claimed
    # A concept claims only once two of its claims are right.
    assert all(r >= 2 for c, r in claims if c)


def test_choose_thresholds_pools_posting_claims_and_leaves_alias_claims_out():
    # On posting sentences the claims hold 0.90 together, so a concept right 8 times in 10 claims
    # beside one right 19 times in 20; on resume lines each concept must hold it alone. Rows the
    # aliases already claim a concept for are no evidence about the model's claims of it.
    from tailor.training import OFF, ConceptExample, choose_thresholds

    classes = ["sure", "fair"]
    examples, probabilities, claims = [], [], []

    def add(source, concept, p, right, by_alias=False):
        other = next(c for c in classes if c != concept)
        examples.append(ConceptExample("a line", frozenset({concept} if right else ()),
                                       frozenset({other} if right else set(classes)),
                                       "g", source))
        row = [0.0, 0.0]
        row[classes.index(concept)] = p
        probabilities.append(row)
        claims.append({concept} if by_alias else set())

    for source in ("posting", "resume"):
        for n in range(20):
            add(source, "sure", 0.9, n != 0)
        for n in range(10):
            add(source, "fair", 0.6, n >= 2)
    # Wrong model-sure rows of "sure" that the aliases claim anyway: left out of its count.
    for _ in range(10):
        add("resume", "sure", 0.9, False, by_alias=True)
    thresholds = choose_thresholds(examples, classes, np.array(probabilities), claims,
                                   list(range(len(examples))))
    posting, resume = thresholds
    assert posting[0] <= 0.9 and posting[1] <= 0.6
    assert resume[0] <= 0.9 and resume[1] == OFF
