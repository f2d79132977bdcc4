"""`tailor analyze --explain`: every sentence of the posting, what it was read as and yielded."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tailor.cli import cli
from tailor.explain import explain_sentences, explain_text, sentences_json
from tailor.models import ConceptMatch, Job, Lexicon, LexiconEntry, Sentence

from conftest import EXAMPLES

JOB = str(EXAMPLES / "job.txt")
RESUME = str(EXAMPLES / "resume.yml")

SMALL = """\
Receptionist
Oakfield Surgery

Duties
- Greet patients and book appointments on SystmOne.
- Supervise the reception team and prepare staff rotas.
- Handle patient complaints with empathy.
- This role does not process payroll.

Requirements
- Excellent communication skills.

Salary: £24,000 per annum.
We offer a pension scheme and 25 days annual leave, and we pay for your NVQ in customer service.
Oakfield Surgery is an equal opportunity employer.
"""


def analyze(*args) -> dict:
    result = CliRunner().invoke(cli, ["analyze", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("posting") / "small.txt"
    path.write_text(SMALL, "utf-8")
    return path


@pytest.fixture(scope="module")
def example():
    return analyze(JOB, "--resume", RESUME, "--format", "json", "--explain")


@pytest.fixture(scope="module")
def small_data(small):
    return analyze(str(small), "--format", "json", "--explain")


def by_text(data: dict, start: str) -> dict:
    (found,) = [s for s in data["sentences"] if s["text"].startswith(start)]
    return found


def test_explain_json_is_the_plain_json_plus_sentences(example):
    plain = analyze(JOB, "--resume", RESUME, "--format", "json")
    assert "sentences" not in plain
    explained = dict(example)
    assert explained.pop("sentences")
    assert explained == plain


@pytest.mark.parametrize("which", ["example", "small"])
def test_sentences_are_verbatim_and_in_posting_order_and_cover_every_line(which, example,
                                                                          small_data):
    data = example if which == "example" else small_data
    raw = (EXAMPLES / "job.txt").read_text("utf-8") if which == "example" else SMALL
    lines = raw.splitlines()
    at = 0
    for s in data["sentences"]:
        assert set(s) >= {"text", "line", "counted", "kind", "importance", "concepts", "why"}
        found = raw.find(s["text"], at)
        assert found >= 0, f"not verbatim, or out of order: {s['text']!r}"
        at = found + len(s["text"])
        assert s["text"] in lines[s["line"] - 1]  # 1-based line numbers
    # Every non-blank line of the posting is in the listing: nothing is silently dropped.
    assert {s["line"] for s in data["sentences"]} == {n for n, line in enumerate(lines, 1)
                                                     if line.strip()}


def test_salary_and_benefits_are_not_counted_and_say_why(example, small_data):
    salary = by_text(small_data, "Salary: £24,000")
    assert salary["counted"] is False and salary["kind"] == "benefits"
    assert salary["concepts"] == [] and salary["why"].startswith("boilerplate: pay or benefits")
    assert "would_yield" not in salary
    offer = by_text(example, "Competitive salary")
    assert offer["counted"] is False and offer["concepts"] == []
    # It names something, so it says what it would have yielded, in ids and in words.
    assert offer["would_yield"] == ["duty.continuing-education"]
    assert offer["why"] == ("boilerplate: pay or benefits (it names Continuing education, but "
                            "was not counted)")


def test_a_negation_is_not_counted_and_names_what_it_would_have_yielded(small_data):
    negated = by_text(small_data, "This role does not process payroll")
    assert negated["counted"] is False and negated["kind"] == "negated"
    assert "duty.payroll" in negated["would_yield"] and "Payroll" in negated["why"]
    assert "duty.payroll" not in {c["id"] for c in small_data["concepts"]}


def test_a_duty_sentence_is_counted_with_its_concepts(example, small_data):
    budget = by_text(example, "Prepare and manage the clinic's annual operating budget")
    assert budget["counted"] is True and budget["kind"] == "duty" and budget["why"] == ""
    assert budget["concepts"] == ["duty.budget-management", "skill.financial-management"]
    assert "would_yield" not in budget
    rota = by_text(small_data, "Supervise the reception team")
    assert rota["counted"] is True and rota["kind"] == "duty"
    assert {"duty.staff-management", "duty.staff-scheduling"} <= set(rota["concepts"])
    requirement = by_text(small_data, "Excellent communication skills.")
    assert requirement["kind"] == "requirement" and requirement["concepts"] == [
        "skill.communication"]


@pytest.mark.parametrize("which", ["example", "small"])
def test_reported_concepts_are_exactly_what_the_counted_sentences_yielded(which, example,
                                                                          small_data):
    data = example if which == "example" else small_data
    reported = {c["id"] for c in data["concepts"]}
    assert reported
    counted = [s for s in data["sentences"] if s["counted"]]
    assert set().union(*(s["concepts"] for s in counted)) == reported
    assert all(s["why"] == "" and "would_yield" not in s for s in counted)
    assert all(s["concepts"] == [] and s["why"] for s in data["sentences"] if not s["counted"])
    # Each concept's evidence is a counted sentence that lists it.
    for c in data["concepts"]:
        assert any(c["id"] in s["concepts"] for s in counted if s["text"] in c["evidence"])


def test_json_is_exactly_one_object_on_standard_output(small):
    out = subprocess.run([sys.executable, "-m", "tailor", "analyze", str(small), "--format",
                          "json", "--explain"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)  # fails on anything before or after the one object
    assert isinstance(data, dict) and data["sentences"]
    assert out.stdout.lstrip().startswith("{") and out.stdout.rstrip().endswith("}")


def test_explain_text_lists_each_sentence_for_a_person(small):
    plain = CliRunner().invoke(cli, ["analyze", str(small)])
    result = CliRunner().invoke(cli, ["analyze", str(small), "--explain"])
    assert result.exit_code == 0, result.output
    assert plain.stdout.startswith("Job: Receptionist at Oakfield Surgery\n")
    assert "How each sentence was read" not in plain.stdout
    # The usual output first, unchanged; the listing after it.
    assert result.stdout.startswith(plain.stdout.rstrip("\n"))
    listing = result.stdout[len(plain.stdout):].splitlines()
    assert "  13: [not counted: boilerplate: pay or benefits] Salary: £24,000 per annum." in listing
    assert "  11: [requirement] Excellent communication skills. -> Communication" in listing
    supervise = next(line for line in listing
                     if line.startswith("   6: [duty] Supervise the reception team and prepare "
                                        "staff rotas. -> "))
    assert {"Staff management", "Staff scheduling", "Leadership"} <= set(
        supervise.split(" -> ")[1].split(", "))
    assert any(line.startswith("   8: [not counted: the posting says the role does not do this] "
                               "This role does not process payroll. -> would have named ")
               and "Payroll" in line for line in listing)
    text = "\n".join(listing)
    assert "duty." not in text and "skill." not in text  # names, not ids
    assert "\x1b" not in result.stdout  # plain text, no colour codes


def test_explain_text_on_the_example():
    result = CliRunner().invoke(cli, ["analyze", JOB, "--resume", RESUME, "--explain"])
    assert result.exit_code == 0, result.output
    assert ("  28: [requirement] Excellent communication and organizational skills; able to "
            "prioritize in a fast-paced environment. -> Communication, Organizational skills, "
            "Time management") in result.stdout.splitlines()


# ---------------------------------------------------------------------- the pure functions
def _entry(entry_id: str, name: str) -> LexiconEntry:
    return LexiconEntry(entry_id, name, "skill", "", (name.lower(),))


LEX = Lexicon((_entry("skill.a", "Alpha"), _entry("skill.b", "Beta"), _entry("skill.c", "Gamma")),
              ("test",))


def _job(*sentences: Sentence) -> Job:
    return Job("T", "C", "", tuple(sentences), "test")


def _concept(entry_id: str, *evidence: str) -> ConceptMatch:
    return ConceptMatch(entry_id, LEX.by_id[entry_id].name, "skill", 1.0, "", evidence)


def test_a_counted_sentence_lists_only_reported_concepts():
    job = _job(Sentence("Alpha and beta.", "responsibilities", "", "", 3, "duty"))
    (s,) = explain_sentences(job, [_concept("skill.a", "Alpha and beta.")],
                             [("skill.a", "skill.b")], LEX)
    assert s.concepts == ("skill.a",) and s.names == ("Alpha",)
    assert sentences_json([s])[0] == {"text": "Alpha and beta.", "line": 3, "counted": True,
                                      "kind": "duty", "importance": "", "concepts": ["skill.a"],
                                      "why": ""}


def test_a_concept_from_weak_support_comes_from_its_evidence_sentences():
    # Two sentences each too weak to name skill.c alone, but reported together: the sentence
    # quoted as its evidence yields it.
    job = _job(Sentence("Gamma-ish one.", "responsibilities", "", "", 1, "duty"),
               Sentence("Gamma-ish two.", "responsibilities", "", "", 2, "duty"))
    first, second = explain_sentences(job, [_concept("skill.c", "Gamma-ish one.")], [(), ()], LEX)
    assert first.concepts == ("skill.c",) and second.concepts == ()


def test_a_sentence_not_counted_yields_nothing_and_says_what_it_names():
    job = _job(Sentence("We offer beta.", "benefits", "", "boilerplate", 5, "benefits",
                        "boilerplate: pay or benefits"),
               Sentence("Apply now.", "apply", "", "boilerplate", 6, "apply",
                        "boilerplate: how to apply or whom to contact"))
    offer, apply = explain_sentences(job, [_concept("skill.b", "elsewhere")],
                                     [("skill.b", "skill.a"), ()], LEX)
    assert offer.concepts == () and offer.would_yield == ("skill.b", "skill.a")
    assert offer.why == "boilerplate: pay or benefits (it names Beta, Alpha, but was not counted)"
    assert "would_yield" not in sentences_json([apply])[0]
    assert explain_text([offer, apply]).splitlines()[2:] == [
        "  5: [not counted: boilerplate: pay or benefits] We offer beta. -> would have named "
        "Beta, Alpha",
        "  6: [not counted: boilerplate: how to apply or whom to contact] Apply now."]


def test_named_must_be_aligned_with_the_sentences():
    job = _job(Sentence("Alpha.", "responsibilities", "", "", 1, "duty"))
    with pytest.raises(ValueError):
        explain_sentences(job, [], [], LEX)
