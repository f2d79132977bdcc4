"""Interview preparation in the gap report and the JSON: the person's own kept lines with
situation, action, result prompts, and each gap's likely question with an honest answer."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from markupsafe import escape

from conftest import EXAMPLES
from tailor.cli import cli
from tailor.pipeline import analyze_job
from tailor.report import gap_report, gap_report_html, interview, report_context
from tailor.tailoring import tailor

JOB = str(EXAMPLES / "job.txt")
RESUME = str(EXAMPLES / "resume.yml")

SMALL = """\
basics:
  name: Sam Lee
  email: sam@example.com
work:
  - name: Oak Street Clinic
    position: Office Manager
    startDate: 2019-01
    endDate: 2023-06
    highlights:
      - Managed the clinic's annual budget of $400,000 and cut supply costs by 12%.
      - Supervised the front-desk staff and wrote their weekly schedules.
"""

THIN = """\
basics:
  name: Pat Doe
work:
  - name: Corner Shop
    position: Cashier
    startDate: 2021-01
    endDate: 2023-01
    highlights:
      - Answered phones and greeted customers.
"""


def _app(resume_path: str, **kw):
    result = analyze_job(JOB, resume_path)
    return tailor(result.resume, result.analysis, **kw)


def _write(tmp_path, text, name="resume.yml"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def _kept_texts(app):
    return {h for e in app.resume.work + app.resume.volunteer + app.resume.projects
            for h in e.highlights}


def _left_out(app):
    return {t for e in app.resume.work + app.resume.volunteer + app.resume.projects
            for t in e.left_out}


@pytest.mark.parametrize("max_highlights", [1, 6])
def test_examples_quote_only_kept_highlights_with_prompts(max_highlights):
    app = _app(RESUME, max_highlights=max_highlights)
    examples = interview(app)["examples"]
    assert 0 < len(examples) <= 5
    kept = _kept_texts(app)
    for ex in examples:
        assert ex["text"] in kept and ex["where"] in app.resume.kept
        assert ex["situation"].startswith("Where and when:")
        assert f'"{ex["text"]}"' in ex["action"]
        assert ex["result"]
    if max_highlights == 1:
        assert _left_out(app)
        assert not {ex["text"] for ex in examples} & _left_out(app)
    report = gap_report(app)
    section = report.split("## Interview preparation")[1].split("\n## ")[0]
    for ex in examples:
        assert f'"{ex["text"]}"' in section
    for text in _left_out(app):
        assert text not in section
    assert section.count("  - Situation: ") == len(examples)
    assert section.count("  - Result: ") == len(examples)


def test_examples_follow_the_most_stressed_requirements():
    app = _app(RESUME)
    examples = interview(app)["examples"]
    concepts = {c.id: c for c in app.analysis.concepts}
    required = [ex["importance"] == "required" for ex in examples]
    assert required == sorted(required, reverse=True)  # required ones first
    for ex in examples:
        assert concepts[ex["id"]].in_resume
        showing = [r for r in app.analysis.highlights if r.highlight.text == ex["text"]]
        assert showing and ex["id"] in showing[0].matched


def test_example_situation_names_job_and_employer_and_points_at_the_number(tmp_path):
    app = _app(_write(tmp_path, SMALL))
    examples = {ex["text"]: ex for ex in interview(app)["examples"]}
    budget = examples["Managed the clinic's annual budget of $400,000 and cut supply costs by 12%."]
    assert "Office Manager, Oak Street Clinic" in budget["situation"]
    assert "2019" in budget["situation"] and "2023" in budget["situation"]
    assert budget["numbers"] == ["$400,000", "12%"]
    assert "$400,000" in budget["result"] and "12%" in budget["result"]
    plain = examples.get("Supervised the front-desk staff and wrote their weekly schedules.")
    assert plain is not None
    assert plain["numbers"] == []
    assert "add the result you can truthfully state" in plain["result"]


def test_each_gap_has_a_likely_question_and_an_honest_answer():
    app = _app(RESUME)
    questions = interview(app)["questions"]
    gaps = {c.id: c for c in app.analysis.concepts
            if c.in_resume is False and c.kind not in ("achievement", "career-level")}
    assert 0 < len(questions) <= 6
    assert len(questions) == min(6, len(gaps))
    required = [q["importance"] == "required" for q in questions]
    assert required == sorted(required, reverse=True)
    by_id = {q["id"]: q for q in questions}
    # Every gap has its question in the analysis, whether or not it is among the six asked.
    every = {concept: question for concept, question, _ in app.analysis.advice.interview}
    assert set(every) == {c.id for c in app.analysis.concepts if c.in_resume is False}
    assert every["cred.cmm"] == "Do you hold the CMM?"
    assert all(every[q["id"]] == q["question"] for q in by_id.values())
    kept = _kept_texts(app)
    for q in questions:
        assert q["id"] in gaps
        assert q["question"].endswith(("?", ".")) and len(q["question"]) > 10
        opening = q["answer"].split(". ")[0]
        assert re.search(r"\b(not|no)\b", opening, re.I), q["answer"]
        assert not re.search(r"\bI (have|hold|did|managed)\b", q["answer"])
        assert app.analysis.advice.for_concept(q["id"]) in q["answer"]  # how the gap is closed
        if q["nearest"]:
            assert q["nearest"] in kept
            ranked = next(r for r in app.analysis.highlights if r.highlight.text == q["nearest"])
            assert q["id"] not in ranked.matched
    report = gap_report(app)
    section = report.split("### Questions about the gaps")[1]
    for q in questions:
        assert f'Likely question: "{q["question"]}"' in section


def test_degree_in_progress_is_not_answered_as_held():
    app = _app(RESUME)
    q = next(q for q in interview(app)["questions"] if q["id"] == "cred.bachelors-degree")
    assert q["answer"].startswith("Say that you do not hold the completed degree")
    assert "in progress" in q["answer"]


def test_budget_gap_question_from_data_and_no_example_claimed(tmp_path):
    app = _app(_write(tmp_path, THIN))
    data = interview(app)
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["duty.budget-management"]["question"] == ("Tell me about a time you managed a "
                                                           "budget.")
    assert "have not yet been responsible for budget management" in \
        by_id["duty.budget-management"]["answer"]
    kept = _kept_texts(app)
    assert all(ex["text"] in kept for ex in data["examples"])


def test_html_report_has_the_interview_section():
    """The page says each example and question, and each answer in the words that point back to
    the gap's advice above rather than repeat it."""
    app = _app(RESUME)
    data = report_context(app)["interview"]
    page = gap_report_html(app)
    section = page.split("<h2>Interview preparation</h2>")[1].split("</section>")[0]
    for ex in data["examples"]:
        assert (f"the same line as your {escape(ex['same_as'])} example above" if ex["same_as"]
                else f"<q>{escape(ex['text'])}</q>") in section
    for q in data["questions"]:
        assert f"<q>{escape(q['question'])}</q>" in section
        assert escape(q["brief"]) in section


def test_json_carries_the_same_interview(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", JOB, "--resume", RESUME, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    expected = interview(_app(RESUME))
    assert data["interview"] == expected
    assert data["interview"]["examples"] and data["interview"]["questions"]
    alone = json.loads(CliRunner().invoke(cli, ["analyze", JOB, "--format", "json"]).output)
    assert "interview" not in alone
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, [JOB, RESUME, "-o", str(out)])
    assert run.exit_code == 0, run.output
    written = json.loads((out / "analysis.json").read_text("utf-8"))
    assert written["interview"] == expected
