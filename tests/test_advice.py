"""The advice per kind of gap, the requirement checklist, the career level and the score caution,
on the bundled example, the stored postings and small resumes written for each case."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from conftest import DATA, EXAMPLES
from tailor.advice import advise, load_advice, score_caution, years_asked
from tailor.cli import cli
from tailor.matching import analyze
from tailor.posting import parse_job
from tailor.report import analysis_json, gap_report
from tailor.resume import load_resume
from tailor.tailoring import tailor


@pytest.fixture(scope="module")
def advice_data(lexicon):
    return load_advice(lexicon)


@pytest.fixture(scope="module")
def example(example_analysis, example_resume, lexicon, advice_data):
    return advise(example_analysis, example_resume, lexicon, advice_data)


def _advice(analysis, concept_id):
    text = analysis.advice.for_concept(concept_id)
    assert text, f"no advice for {concept_id}"
    return text


def _resume(tmp_path, body: str, name: str = "resume.yml"):
    path = tmp_path / name
    path.write_text("basics:\n  name: Sam Reyes\n" + body, "utf-8")
    return load_resume(str(path))


def _job(text: str, name: str = "job.txt"):
    return parse_job(text, name)


def _run(matcher, lexicon, advice_data, job_text, resume, today=None):
    analysis = analyze(_job(job_text), matcher, resume)
    return advise(analysis, resume, lexicon, advice_data, today=today)


CMM_JOB = """Practice Supervisor
Oakridge Clinic

Requirements
- Certified Medical Manager (CMM) credential required.
- Excellent communication skills.
- Experience with Microsoft Office.
- Knowledge of HIPAA.
- Supervise front desk staff.
"""


def _healthcare_resume(tmp_path, start: str, end: str):
    return _resume(tmp_path, f"""work:
  - name: Oakridge Family Clinic
    position: Medical Receptionist
    startDate: "{start}"
    endDate: "{end}"
    highlights:
      - Scheduled patient appointments and answered phones.
""")


# ------------------------------------------------------------------ each kind of gap
def test_degree_in_progress_says_so_and_that_the_posting_accepts_equivalent_experience(example):
    text = _advice(example, "cred.bachelors-degree")
    assert "in progress" in text and "Bachelor of Science in Healthcare Management" in text
    assert "started 2022-01" in text
    assert "accepts equivalent experience" in text
    assert "never list it as completed" in text


def test_degree_without_equivalent_wording_says_the_posting_does_not_accept_it(
        tmp_path, matcher, lexicon, advice_data):
    resume = _resume(tmp_path, """education:
  - institution: Franklin University
    studyType: Bachelor of Science
    area: Healthcare Management
    startDate: "2022-01"
""")
    job = ("Office Manager\nAcme Clinic\n\nRequirements\n- Bachelor's degree in healthcare "
           "administration required.\n- Excellent communication skills.\n")
    text = _advice(_run(matcher, lexicon, advice_data, job, resume), "cred.bachelors-degree")
    assert "in progress" in text
    assert "does not say it accepts equivalent experience" in text


def test_cmm_eligibility_met_with_three_years_of_healthcare_work(tmp_path, matcher, lexicon,
                                                                 advice_data):
    resume = _healthcare_resume(tmp_path, "2019-01", "2021-12")
    text = _advice(_run(matcher, lexicon, advice_data, CMM_JOB, resume), "cred.cmm")
    assert "PAHCOM" in text
    assert "3 years of healthcare or management work" in text
    assert "you already meet this" in text
    assert "CEUs" in text and "do not claim it" in text


def test_cmm_eligibility_not_met_with_one_year(tmp_path, matcher, lexicon, advice_data):
    resume = _healthcare_resume(tmp_path, "2021-01", "2021-12")
    text = _advice(_run(matcher, lexicon, advice_data, CMM_JOB, resume), "cred.cmm")
    assert "1 year of healthcare or management work" in text
    assert "you do not meet it yet" in text and "already meet" not in text
    assert "1 year more" in text


def test_cmm_eligibility_counts_an_ongoing_job_to_the_injected_date_only(
        tmp_path, matcher, lexicon, advice_data):
    resume = _resume(tmp_path, """work:
  - name: Oakridge Family Clinic
    position: Medical Receptionist
    startDate: "2023-01"
    highlights:
      - Scheduled patient appointments.
certificates:
  - name: Basic Life Support
    date: "2023-06"
""")
    # Without a date, the job runs to the latest date the resume names (2023-06): not eligible.
    text = _advice(_run(matcher, lexicon, advice_data, CMM_JOB, resume), "cred.cmm")
    assert "counted to 2023-06, the latest date in your resume" in text
    assert "do not meet it yet" in text
    later = _run(matcher, lexicon, advice_data, CMM_JOB, resume, today=date(2026, 3, 1))
    assert "counted to 2026-03" in _advice(later, "cred.cmm")
    assert "you already meet this" in _advice(later, "cred.cmm")


def test_cmpe_names_acmpe_and_mgma(example):
    text = _advice(example, "cred.cmpe")
    assert "American College of Medical Practice Executives (ACMPE)" in text
    assert "Medical Group Management Association (MGMA)" in text
    assert "do not claim it" in text


def test_soft_skill_says_to_give_an_example_not_a_credential(example):
    text = _advice(example, "skill.empathy")
    assert "not by a certificate" in text
    assert "highlight from your own work" in text and "the situation, what you did, the result" in text


def test_software_gap_names_the_persons_own_systems(tmp_path, matcher, lexicon, advice_data):
    resume = _resume(tmp_path, """work:
  - name: Oakridge Family Clinic
    position: Medical Receptionist
    startDate: "2019-01"
    endDate: "2021-12"
    highlights:
      - Scheduled patient appointments in Epic and kept patient records current.
""")
    analysis = _run(matcher, lexicon, advice_data, CMM_JOB, resume)
    office = next(c for c in analysis.concepts if c.id == "soft.ms-office")
    assert office.in_resume is False
    text = _advice(analysis, "soft.ms-office")
    assert "Epic" in text and "none of them is Microsoft Office" in text
    assert "say you have not used Microsoft Office itself" in text


def test_software_gap_with_only_generic_wording_names_that_kind(tmp_path, matcher, lexicon,
                                                                 advice_data):
    resume = _resume(tmp_path, """work:
  - name: Oakridge Family Clinic
    position: Medical Receptionist
    startDate: "2019-01"
    endDate: "2021-12"
    highlights:
      - Scanned patient documents into the EHR.
""")
    text = _advice(_run(matcher, lexicon, advice_data, CMM_JOB, resume), "soft.ms-office")
    assert "other kinds of system (Electronic health records)" in text
    assert "say you have not used Microsoft Office" in text


def test_software_gap_without_any_system_says_to_name_one(tmp_path, matcher, lexicon,
                                                          advice_data):
    resume = _healthcare_resume(tmp_path, "2019-01", "2021-12")
    text = _advice(_run(matcher, lexicon, advice_data, CMM_JOB, resume), "soft.ms-office")
    assert "Your resume names no software" in text


def test_regulation_names_the_regulator(example):
    text = _advice(example, "reg.cms")
    assert "Centers for Medicare & Medicaid Services (CMS)" in text
    assert "webinars" in text


def test_regulation_in_uk_wording_names_the_uk_regulator(tmp_path, matcher, lexicon,
                                                         advice_data):
    resume = _healthcare_resume(tmp_path, "2019-01", "2021-12")
    job = ("Practice Manager\nMeadowbank Surgery\n\nAbout us\nA GP practice in Leeds rated Good "
           "by the CQC.\n\nRequirements\n- Knowledge of UK GDPR and information governance.\n"
           "- Excellent communication skills.\n")
    analysis = _run(matcher, lexicon, advice_data, job, resume)
    text = _advice(analysis, "reg.hipaa")
    assert "Information Commissioner's Office (ICO)" in text and "HHS" not in text


def test_regulation_in_us_wording_names_hhs_ocr(tmp_path, matcher, lexicon, advice_data):
    resume = _healthcare_resume(tmp_path, "2019-01", "2021-12")
    text = _advice(_run(matcher, lexicon, advice_data, CMM_JOB, resume), "reg.hipaa")
    assert "HHS Office for Civil Rights (OCR)" in text and "ICO" not in text


def test_duty_says_to_add_a_true_highlight_or_how_to_gain_it(example):
    text = _advice(example, "duty.equipment-management")
    assert "add a highlight that says so truthfully" in text
    assert "If you have not" in text


def test_advice_never_says_the_person_holds_what_the_resume_lacks(example):
    for concept_id, text in example.advice.concepts:
        assert "you hold" not in text.lower() and "you have the" not in text.lower(), concept_id


# ------------------------------------------------------------------ checklist, level, score
@pytest.mark.parametrize("sentence, expected", [
    ("At least three years of supervisory experience in a medical office or clinic.",
     [(3, "supervisory")]),
    ("2+ years of experience in a fast-paced office.", [(2, "")]),
    ("A minimum of 3 years in a medical office.", [(3, "healthcare")]),
    ("Four years of patient access or other healthcare experience required.",
     [(4, "healthcare")]),
    ("5+ years of medical billing experience, including 2 years in a supervisory role.",
     [(5, "healthcare"), (2, "supervisory")]),
    ("One year of hospital registration, medical office or insurance experience.",
     [(1, "healthcare")]),
    ("Certification within 1 year of hire.", []),
    ("We have cared for families since 1998 and were named a Top Workplace in 2024.", []),
])
def test_years_asked(sentence, expected):
    assert years_asked(sentence) == expected


def test_checklist_on_the_example(example):
    items = {i.asked: i for i in example.advice.checklist}
    years = items["3 years of supervisory or management experience"]
    assert years.status == "met"
    assert "Medical Office Supervisor" in years.shown
    assert years.evidence.startswith("At least three years of supervisory experience")
    degree = items["Bachelor's degree (required)"]
    assert degree.status == "not shown" and "in progress" in degree.shown
    assert "accepts equivalent experience" in degree.shown
    assert items["Certified Medical Manager (CMM) (preferred)"].status == "not shown"
    assert "already meet its eligibility" in items["Certified Medical Manager (CMM) (preferred)"].shown


def test_checklist_years_not_shown_for_a_short_supervisory_record(tmp_path, matcher, lexicon,
                                                                   advice_data, example_job):
    resume = _resume(tmp_path, """work:
  - name: Oakridge Family Clinic
    position: Front Desk Supervisor
    startDate: "2022-01"
    endDate: "2022-12"
    highlights:
      - Supervise a team of 4 front desk staff.
  - name: Oakridge Family Clinic
    position: Medical Receptionist
    startDate: "2018-01"
    endDate: "2021-12"
    highlights:
      - Scheduled patient appointments.
""")
    analysis = advise(analyze(example_job, matcher, resume), resume, lexicon, advice_data)
    item = next(i for i in analysis.advice.checklist if "supervisory" in i.asked)
    assert item.status == "not shown"
    assert item.shown.startswith("1 year in a role such as Front Desk Supervisor")


def test_level_against_the_persons_with_the_guides_salary_band(example):
    level = example.advice.level
    assert '"Medical office manager"' in level
    assert '"Medical Office Supervisor"' in level and "one step below it" in level
    assert "the guide's figures, not this employer's" in level
    assert "$55,000 – $75,000 per year" in level


def test_score_caution_on_too_few_requirements(tmp_path, matcher, lexicon, advice_data, example):
    resume = _healthcare_resume(tmp_path, "2019-01", "2021-12")
    job = "Receptionist\nAcme Clinic\n\nRequirements\n- Excellent communication skills.\n"
    analysis = _run(matcher, lexicon, advice_data, job, resume)
    counted = [c for c in analysis.concepts if c.kind not in ("achievement", "career-level")]
    assert 0 < len(counted) < 4
    assert "too few for it to mean much" in analysis.advice.caution
    assert example.advice.caution == ""  # the example posting asks for dozens of things
    assert score_caution(example.concepts) == ""


# ------------------------------------------------------------------ report and JSON
def test_gap_report_gives_advice_for_every_gap_and_the_checklist(example, example_resume):
    report = gap_report(tailor(example_resume, example))
    missing = report.split("## What the job asks for that your resume does not show")[1] \
        .split("\n## ")[0]
    gaps = [c for c in example.concepts if not c.in_resume and c.kind != "achievement"]
    for c in gaps:
        block = missing.split(f"**{c.name}**")[1].split("\n- **")[0]
        assert "What to do: " in block, c.id
    assert "## Requirement checklist" in report
    assert "- [x] **3 years of supervisory or management experience**" in report
    assert "Career level: The role is at the guide's level" in report


def test_gap_report_caution_beside_the_score(tmp_path, matcher, lexicon, advice_data):
    resume = _healthcare_resume(tmp_path, "2019-01", "2021-12")
    job = "Receptionist\nAcme Clinic\n\nRequirements\n- Excellent communication skills.\n"
    analysis = _run(matcher, lexicon, advice_data, job, resume)
    report = gap_report(tailor(resume, analysis))
    assert "**Caution:** This score rests on only" in report.split("\n## ")[0]


def test_json_advice_only_on_concepts_not_shown(example):
    data = analysis_json(example)
    for c in data["concepts"]:
        assert ("advice" in c) == (c["in_resume"] is False), c["id"]
    assert data["checklist"]


def _cli_json(*args):
    result = CliRunner().invoke(cli, ["analyze", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("job", [EXAMPLES / "job.txt", DATA / "jobs" / "uk-practice-manager.txt",
                                 DATA / "jobs" / "gp-practice-systmone.txt",
                                 DATA / "jobs" / "posting.md"])
def test_cli_json_carries_advice_on_every_gap_and_no_other(job):
    data = _cli_json(str(job), "--resume", str(EXAMPLES / "resume.yml"))
    for c in data["concepts"]:
        if c["in_resume"] is False:
            assert isinstance(c["advice"], str) and len(c["advice"]) > 40, c["id"]
        else:
            assert "advice" not in c, c["id"]


def test_cli_json_without_resume_has_no_advice():
    data = _cli_json(str(EXAMPLES / "job.txt"))
    assert all("advice" not in c for c in data["concepts"])
    assert "checklist" not in data


def test_user_lexicon_brings_its_own_advice(tmp_path, matcher, lexicon, example_resume):
    from tailor.lexicon import load_lexicon

    extra = tmp_path / "extra.yml"
    extra.write_text("name: extra\nentries: []\n", "utf-8")
    (tmp_path / "extra.advice.yml").write_text(
        "kinds:\n  skill: 'Own words for {name}.'\n", "utf-8")
    both = load_lexicon((str(extra),))
    data = load_advice(both)
    assert data["kinds"]["skill"] == "Own words for {name}."
    assert "cred.cmm" in data["concepts"]  # the built-in advice is still there
    analysis = advise(analyze(parse_job((EXAMPLES / "job.txt").read_text("utf-8"), "job.txt"),
                              matcher, example_resume), example_resume, both, data)
    assert analysis.advice.for_concept("skill.empathy") == "Own words for Empathy."


def test_a_broken_user_advice_file_is_a_clear_error(tmp_path):
    from tailor.errors import LexiconError
    from tailor.lexicon import load_lexicon

    extra = tmp_path / "broken.yml"
    extra.write_text("name: broken\nentries: []\n", "utf-8")
    (tmp_path / "broken.advice.yml").write_text("- just\n- a list\n", "utf-8")
    with pytest.raises(LexiconError, match="must be a mapping") as info:
        load_advice(load_lexicon((str(extra),)))
    assert info.value.path.endswith("broken.advice.yml")


def test_a_placeholder_with_an_attribute_is_left_as_written(example_analysis, example_resume,
                                                             lexicon, advice_data):
    from tailor.advice import merge_advice

    data = merge_advice(merge_advice({}, advice_data), {"kinds": {"skill": "{name.__class__} {name}"}})
    analysis = advise(example_analysis, example_resume, lexicon, data)
    assert analysis.advice.for_concept("skill.empathy") == "{name.__class__} {name}"
    assert advice_data["kinds"]["skill"].startswith("{name} is shown by")  # not changed


def test_the_advice_files_are_installed_with_the_package():
    """A regular (not editable) install ships only what setup.cfg's package_data names."""
    import configparser
    from fnmatch import fnmatch

    from conftest import ROOT

    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    patterns = [p.strip() for p in config["options.package_data"]["tailor.skill_lexicon"].split(",")]
    files = sorted((ROOT / "skill_lexicon" / "advice").glob("*.yml"))
    assert files
    for path in files:
        name = path.relative_to(ROOT / "skill_lexicon").as_posix()
        # setuptools globs do not cross folders: "*.yml" does not take "advice/x.yml"
        assert any(fnmatch(name, p) and name.count("/") == p.count("/") for p in patterns), name
