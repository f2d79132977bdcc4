import json
import math

from tailor.evaluation import NaiveBaseline, Scores, evaluate, format_report, ndcg_at

from conftest import ROOT


def test_ndcg_follows_the_dev_readme_definition():
    relevance = {"a": 2, "b": 0, "c": 1}
    dcg = (2 ** 0 - 1) / math.log2(2) + (2 ** 2 - 1) / math.log2(3) + (2 ** 1 - 1) / math.log2(4)
    ideal = (2 ** 2 - 1) / math.log2(2) + (2 ** 1 - 1) / math.log2(3)
    assert math.isclose(ndcg_at(["b", "a", "c"], relevance), dcg / ideal)
    assert ndcg_at(["a", "c", "b"], relevance) == 1.0
    assert ndcg_at(["a"], {"a": 0}) == 0.0


def test_micro_scores():
    s = Scores("x")
    s.add("1", {"a", "b"}, {"a", "c"})
    s.add("2", {"d"}, {"d"})
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert math.isclose(s.f1, 2 / 3)
    assert s.errors["1"] == (["b"], ["c"])


def test_evaluate_scores_only_the_labels_vocabulary(tmp_path, lexicon):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "1.txt").write_text("Billing Lead\nClinic\n\nResponsibilities:\n- Verify insurance "
                                "eligibility and submit CPT claims.\n")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"job": "1", "concepts": {"code.cpt": "CPT", "skill.leadership": "x"}}) + "\n")
    tool, naive = evaluate(jobs, labels, lexicon=lexicon)
    assert (tool.tp, tool.fp, tool.fn) == (1, 0, 1)  # insurance verification etc. are not scored
    assert tool.errors["1"] == ([], ["skill.leadership"])


def test_postings_no_highlight_answers_are_set_apart(tmp_path, lexicon):
    from tailor.resume import resume_from_text

    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "1.txt").write_text("Billing Lead\nClinic\n\nResponsibilities:\n- Submit CPT claims.\n")
    (jobs / "2.txt").write_text("Office Lead\nClinic\n\nResponsibilities:\n- Supervise staff.\n")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"job": "1", "concepts": {"skill.billing-coding": "x"}}) + "\n"
                      + json.dumps({"job": "2", "concepts": {"duty.staff-management": "x"}}) + "\n")
    highlights = tmp_path / "hl.jsonl"
    highlights.write_text(json.dumps({"text": "Posted insurance payments.",
                                      "concepts": ["skill.billing-coding"]}) + "\n")
    resume = resume_from_text("basics:\n  name: A\nwork:\n  - name: C\n    highlights:\n"
                              "      - Posted insurance payments.\n", "r.yml")
    tool, naive = evaluate(jobs, labels, resume=resume, highlight_labels=highlights,
                           lexicon=lexicon)
    assert tool.ndcg == [1.0, 0.0] and tool.answerable == [True, False]
    assert tool.mean_ndcg == 0.5 and tool.mean_answerable_ndcg == 1.0
    assert "over the other 1: tailor 1.000" in format_report(tool, naive)
    # The gap list: job 2 asks for staff management, which no labelled line shows.
    assert tool.gaps == [1, 0, 0]
    assert "gap list (asked for, not shown): tailor F1 1.000" in format_report(tool, naive)


def test_naive_baseline_is_plain_tfidf(lexicon):
    ids = {"code.cpt", "skill.leadership"}
    baseline = NaiveBaseline(lexicon, ids)
    assert baseline.concepts("We need CPT procedure coding named explicitly.") == {"code.cpt"}


def test_heldout_labels_are_well_formed(lexicon):
    for batch in ("heldout", "heldout2", "heldout3", "heldout4", "heldout5"):
        for line in (ROOT / "bench" / batch / "labels.jsonl").read_text().splitlines():
            item = json.loads(line)
            assert (ROOT / "bench" / batch / "jobs" / f"{item['job']}.txt").exists()
            assert set(item["concepts"]) <= set(lexicon.by_id)


def test_kind_counts_set_the_readers_decision_beside_the_label(tmp_path):
    # The reader counts the duty and the preferred line and ignores the equal-opportunity clause;
    # a label saying otherwise lands in the error cells, and a sentence the reader does not cut
    # as labelled is counted apart, not guessed at.
    from tailor.evaluation import kind_counts

    sentences = [
        ("k1", "Line manage the reception and administration team, including rotas, annual "
               "leave and appraisals."),
        ("k2", "Knowledge of QOF and enhanced services claims."),
        ("k3", "Meadowbank Surgery is an equal opportunities employer and welcomes "
               "applications from all sections of the community."),
        ("k4", "Deputy practice manager wanted for a busy surgery in Leeds."),
    ]
    (tmp_path / "sentences.tsv").write_text(
        "".join(f"{item}\tuk-practice-manager\t{text}\n" for item, text in sentences), "utf-8")

    def counts(kinds):
        (tmp_path / "labels.jsonl").write_text(
            "".join(json.dumps({"item": item, "kind": kind}) + "\n"
                    for (item, _), kind in zip(sentences, kinds, strict=True)), "utf-8")
        return kind_counts(tmp_path, ROOT / "tests" / "data" / "jobs")

    assert counts(["duty", "preferred", "eeo", "duty"]) == {
        "content counted": 2, "content ignored": 0, "boilerplate counted": 0,
        "boilerplate ignored": 1, "unmatched": 1}
    assert counts(["benefits", "about", "requirement", "duty"]) == {
        "content counted": 0, "content ignored": 1, "boilerplate counted": 2,
        "boilerplate ignored": 0, "unmatched": 1}


def test_kind_counts_refuses_a_kind_it_does_not_know(tmp_path):
    # A misspelt kind would otherwise be counted as boilerplate without a word.
    import pytest

    from tailor.errors import TailorError
    from tailor.evaluation import kind_counts

    (tmp_path / "sentences.tsv").write_text(
        "k1\tuk-practice-manager\tKnowledge of QOF and enhanced services claims.\n", "utf-8")
    (tmp_path / "labels.jsonl").write_text('{"item": "k1", "kind": "prefered"}\n', "utf-8")
    with pytest.raises(TailorError, match="prefered"):
        kind_counts(tmp_path, ROOT / "tests" / "data" / "jobs")
