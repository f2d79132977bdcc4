"""Named products: the posting names SystmOne, the resume shows athenahealth -> a partial match."""

import json

import pytest
from click.testing import CliRunner

from tailor.cli import cli
from tailor.lexicon import load_lexicon
from tailor.matching import analyze, matcher_for
from tailor.posting import parse_job
from tailor.products import is_product_name
from tailor.report import analysis_json, gap_report, text_summary
from tailor.resume import load_resume
from tailor.tailoring import tailor

from conftest import DATA, EXAMPLES

SYSTMONE_JOB = DATA / "jobs" / "gp-practice-systmone.txt"
NO_EPIC = [("registration, Epic scheduling and", "registration, scheduling and"),
           ("[athenahealth EHR, Epic, ", "[athenahealth EHR, ")]
NO_SOFTWARE = [("      - Super user for the athenahealth EHR and practice management system; trained "
                "25 staff on the 2022 upgrade.\n", ""),
               ("registration, Epic scheduling and", "registration, scheduling and"),
               (", and scanned documents into the EHR.", "."),
               ("  - name: Software\n    keywords: [athenahealth EHR, Epic, Microsoft Excel, "
                "Microsoft Word, Outlook]\n", "")]


def write_resume(tmp_path, changes):
    """The example master resume with each (old, new) change made, loaded as tailor loads it."""
    text = (EXAMPLES / "resume.yml").read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "resume.yml"
    path.write_text(text, "utf-8")
    return load_resume(str(path))


def write_job(tmp_path, changes=(), source=SYSTMONE_JOB):
    text = source.read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "job.txt"
    path.write_text(text, "utf-8")
    return path


def ehr(analysis):
    return next(c for c in analysis.concepts if c.id == "soft.ehr")


def run(matcher, job_path, resume):
    return analyze(parse_job(job_path.read_text("utf-8"), str(job_path)), matcher, resume)


def test_product_asked_and_another_shown_is_partial(matcher, tmp_path):
    resume = write_resume(tmp_path, NO_EPIC)
    concept = ehr(run(matcher, SYSTMONE_JOB, resume))
    assert concept.in_resume is True  # the resume does show an EHR
    assert concept.partial == (("SystmOne",), ("athenahealth",))


def test_every_product_shown_is_listed_in_resume_order(matcher, example_resume):
    concept = ehr(run(matcher, SYSTMONE_JOB, example_resume))
    assert concept.partial == (("SystmOne",), ("athenahealth", "Epic"))


def test_products_are_written_as_the_texts_have_them(matcher, tmp_path):
    job = write_job(tmp_path, [("Experience of SystmOne is", "Experience of SYSTMONE is"),
                               ("up to date on SystmOne, and", "up to date, and")])
    resume = write_resume(tmp_path, [*NO_EPIC, ("Super user for the athenahealth",
                                                "Super user for the Athenahealth"),
                                     ("[athenahealth EHR,", "[Athenahealth EHR,")])
    assert ehr(run(matcher, job, resume)).partial == (("SYSTMONE",), ("Athenahealth",))


def test_the_product_asked_and_shown_is_a_plain_match(matcher, tmp_path):
    resume = write_resume(tmp_path, [*NO_EPIC, ("athenahealth", "SystmOne")])
    concept = ehr(run(matcher, SYSTMONE_JOB, resume))
    assert concept.in_resume is True
    assert concept.partial == ()


def test_one_of_the_products_asked_shown_is_a_plain_match(matcher, tmp_path):
    # "Good working knowledge of SystmOne or EMIS Web": the resume names EMIS (EMIS Web's maker).
    resume = write_resume(tmp_path, [*NO_EPIC, ("athenahealth", "EMIS")])
    concept = ehr(run(matcher, DATA / "jobs" / "uk-practice-manager.txt", resume))
    assert concept.in_resume is True and concept.partial == ()


def test_generic_wording_asked_is_not_partial(matcher, tmp_path):
    job = write_job(tmp_path, [("Experience of SystmOne is essential.",
                                "EHR experience is essential."),
                               ("up to date on SystmOne, and", "up to date, and")])
    resume = write_resume(tmp_path, NO_EPIC)
    concept = ehr(run(matcher, job, resume))
    assert concept.in_resume is True
    assert concept.partial == ()  # the posting names no product


def test_product_asked_with_no_software_shown_is_a_gap(matcher, tmp_path):
    resume = write_resume(tmp_path, NO_SOFTWARE)
    concept = ehr(run(matcher, SYSTMONE_JOB, resume))
    assert concept.in_resume is False
    assert concept.partial == ()


def test_generic_wording_shown_is_partial_with_nothing_named(matcher, tmp_path):
    # Only "scanned documents into the EHR" is left: an EHR, but no product named.
    resume = write_resume(tmp_path, [NO_SOFTWARE[0], NO_SOFTWARE[1], NO_SOFTWARE[3]])
    concept = ehr(run(matcher, SYSTMONE_JOB, resume))
    assert concept.in_resume is True
    assert concept.partial == (("SystmOne",), ())


def test_the_example_is_a_plain_match(example_analysis):
    # It asks for "athenahealth or Epic" and "Microsoft Office, especially Excel"; the resume
    # names athenahealth, Epic and Microsoft Excel.
    assert [c.id for c in example_analysis.concepts if c.partial] == []


def test_json_carries_partial_only_for_partial_concepts(matcher, tmp_path):
    data = analysis_json(run(matcher, SYSTMONE_JOB, write_resume(tmp_path, NO_EPIC)))
    partial = {c["id"]: c["partial"] for c in data["concepts"] if "partial" in c}
    assert partial == {"soft.ehr": {"asked": ["SystmOne"], "shown": ["athenahealth"]}}
    assert json.loads(json.dumps(data)) == data


def test_cli_json_carries_partial(tmp_path):
    resume = write_resume(tmp_path, NO_EPIC)
    result = CliRunner().invoke(cli, ["analyze", str(SYSTMONE_JOB), "--resume", resume.path,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    concept = next(c for c in json.loads(result.output)["concepts"] if c["id"] == "soft.ehr")
    assert concept["in_resume"] is True
    assert concept["partial"] == {"asked": ["SystmOne"], "shown": ["athenahealth"]}


def test_gap_report_says_partial_plainly_and_truthfully(matcher, tmp_path):
    resume = write_resume(tmp_path, NO_EPIC)
    report = gap_report(tailor(resume, run(matcher, SYSTMONE_JOB, resume)))
    part = report.split("## What your resume shows only in part")[1].split("\n## ")[0]
    assert ("- **Electronic health records** (required): partial. The posting names SystmOne; "
            "your resume shows athenahealth (a system of the same kind), not SystmOne. Say so in "
            "the letter or interview, and that you can learn SystmOne.") in part
    shown = report.split("## What the job asks for that your resume shows")[1]
    assert "Electronic health records (required, partial)" in shown
    missing = report.split("## What the job asks for that your resume does not show")[1]
    assert "**Electronic health records**" not in missing.split("## ")[0]


def test_gap_report_without_partial_has_no_such_section(example_resume, example_analysis):
    report = gap_report(tailor(example_resume, example_analysis))
    assert "shows only in part" not in report and "(partial)" not in report


def test_text_summary_marks_partial(matcher, tmp_path):
    summary = text_summary(run(matcher, SYSTMONE_JOB, write_resume(tmp_path, NO_EPIC)))
    line = next(ln for ln in summary.splitlines() if "Electronic health records" in ln)
    assert line.endswith("[partial]")


@pytest.mark.parametrize("alias", ["SystmOne", "EMIS Web", "Epic", "athenahealth", "Cerner",
                                   "Dentrix", "MEDITECH", "Kareo", "eClinicalWorks", "Sage 50",
                                   "PCC EHR", "Word and Excel"])
def test_product_names(alias):
    assert is_product_name(alias)


@pytest.mark.parametrize("alias", ["EHR", "EHRs", "EMR", "PAS", "EPR", "electronic health record*",
                                   "practice management system*", "billing software",
                                   "Patient Administration ... system*", "Microsoft programs"])
def test_generic_wording_is_not_a_product(alias):
    assert not is_product_name(alias)


def test_works_for_any_lexicon(tmp_path):
    lexicon_path = tmp_path / "dental.yml"
    lexicon_path.write_text(
        "name: dental\nentries:\n"
        "  - id: soft.imaging\n    name: Dental imaging software\n    kind: software\n"
        "    description: Software for dental X-rays and scans.\n"
        "    aliases: [imaging software, Dexis, Carestream, Sidexis]\n", "utf-8")
    matcher = matcher_for(load_lexicon((str(lexicon_path),)))
    job = write_job(tmp_path, [("Experience of SystmOne is essential.",
                                "Experience of Dexis imaging software is essential.")])
    resume = write_resume(tmp_path, [("Built monthly Excel reports",
                                      "Took and filed X-rays in Carestream; built monthly Excel "
                                      "reports")])
    concept = next(c for c in run(matcher, job, resume).concepts if c.id == "soft.imaging")
    assert concept.in_resume is True
    assert concept.partial == (("Dexis",), ("Carestream",))


def test_a_vendor_s_other_module_is_partial_and_the_vendor_is_not(matcher, tmp_path):
    job = write_job(tmp_path, [("Experience of SystmOne is essential.",
                                "Experience of Epic Cadence is essential."),
                               ("up to date on SystmOne, and", "up to date, and")])
    resume = write_resume(tmp_path, [*NO_SOFTWARE,
                                     ("Built monthly Excel reports",
                                      "Registered patients in Epic Prelude; built monthly Excel "
                                      "reports")])
    analysis = run(matcher, job, resume)
    pm = next(c for c in analysis.concepts if c.id == "soft.practice-management")
    assert pm.in_resume is True
    assert pm.partial == (("Epic Cadence",), ("Epic Prelude",))
    assert ehr(analysis).in_resume is True and ehr(analysis).partial == ()  # Epic is Epic


@pytest.mark.parametrize("line, kind", [
    ("Scheduled patients via IDX and scanned their documents.", "soft.practice-management"),
    ("Trained staff on Epic, Emdeon and Payment Manager.", "soft.practice-management"),
    ("Updated the theatre lists in Power Chart every morning.", "soft.ehr"),
    ("Processed specialty consults in the Computerized Patient Record System.", "soft.ehr"),
])
def test_systems_named_as_resumes_name_them_show_their_kind(matcher, line, kind):
    from tailor.matching import REPORT_THRESHOLD

    assert matcher.read([line], "resume")[0].scores.get(kind, 0.0) >= REPORT_THRESHOLD


@pytest.mark.parametrize("line", [
    # From a real posting: IPM is a memorandum here, not the iPM patient administration system.
    "Meet the appointing criteria and business rules IAW DHA IPM 18-001.",
    # CPR is first aid; "CPRS" (the VA's record system) would stem to it.
    "Current CPR and BLS certification required.",
    # A calendar is not a practice management system.
    "Managed the director's diary with Outlook calendar software.",
])
def test_words_of_another_meaning_name_no_system(matcher, line):
    from tailor.matching import REPORT_THRESHOLD

    scores = matcher.read([line], "resume")[0].scores
    assert not any(k.startswith("soft.") and k != "soft.ms-office" and v >= REPORT_THRESHOLD
                   for k, v in scores.items())
