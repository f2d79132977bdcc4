"""The library functions that the CLI forwards to (usable without the CLI)."""

from tailor.pipeline import analyze_job, default_folder, tailor_application

from conftest import EXAMPLES


def test_tailor_application_as_a_library(tmp_path):
    result = tailor_application(str(EXAMPLES / "job.txt"), str(EXAMPLES / "resume.yml"),
                                str(tmp_path / "out"))
    assert [p.name for p in result.paths] == [
        "Dana Okafor - Resume - Riverbend Family Health Partners.docx",
        "Dana Okafor - Cover letter - Riverbend Family Health Partners.docx", "gap-report.md",
        "gap-report.html", "analysis.json"]
    assert result.analysis.match_score == analyze_job(
        str(EXAMPLES / "job.txt"), str(EXAMPLES / "resume.yml")).analysis.match_score
    assert result.warnings == ()


def test_missing_employer_and_title_are_warned_and_can_be_given(tmp_path):
    job = tmp_path / "job.txt"
    job.write_text("We need someone to supervise front desk staff and verify insurance.\n")
    result = tailor_application(str(job), str(EXAMPLES / "resume.yml"), str(tmp_path / "a"))
    assert any("employer's name was not found" in w for w in result.warnings)
    assert any("job title was not found" in w for w in result.warnings)
    given = tailor_application(str(job), str(EXAMPLES / "resume.yml"), str(tmp_path / "b"),
                               company="Lakeside Clinic", role="Front Desk Lead")
    assert given.warnings == ()
    assert given.analysis.job.company == "Lakeside Clinic"


def test_user_lexicon_is_used(tmp_path):
    lexicon = tmp_path / "extra.yml"
    lexicon.write_text("entries:\n  - {id: duty.phlebotomy, name: Phlebotomy, kind: duty, "
                       "description: Drawing blood., aliases: [phlebotomy, draw blood]}\n")
    job = tmp_path / "job.txt"
    job.write_text("Clinic Assistant\nAcme\n\nResponsibilities:\n- Draw blood and label samples.\n")
    ids = {c.id for c in analyze_job(str(job), lexicons=(str(lexicon),)).analysis.concepts}
    assert "duty.phlebotomy" in ids


def test_default_folder_name(example_analysis):
    assert str(default_folder(example_analysis)) == \
        "tailored-riverbend-family-health-partners-medical-office-manager"


def test_a_posting_outside_the_lexicon_says_so(tmp_path):
    job = tmp_path / "job.txt"
    job.write_text("Software Engineer\nAcme Corp\n\nRequirements:\n- Five years of Rust.\n")
    result = tailor_application(str(job), str(EXAMPLES / "resume.yml"), str(tmp_path / "o"))
    assert any("names nothing the lexicon in use knows" in w for w in result.warnings)
    report = (tmp_path / "o" / "gap-report.md").read_text("utf-8")
    assert "**No match score.**" in report
    assert "every requirement we found is shown" not in report


def test_a_resume_without_a_name_is_warned(tmp_path):
    resume = tmp_path / "r.yml"
    resume.write_text("work:\n  - name: Clinic\n    highlights: [Supervised front desk staff.]\n")
    result = tailor_application(str(EXAMPLES / "job.txt"), str(resume), str(tmp_path / "o"))
    assert any("has no basics.name" in w for w in result.warnings)


def test_second_lexicon_reads_a_general_office_posting(tmp_path):
    job = tmp_path / "job.txt"
    job.write_text("Office Administrator\nGreenfield Solicitors\n\nResponsibilities:\n"
                   "- Diary management for the partners and minute taking at team meetings.\n"
                   "- Process supplier invoices in Xero.\n")
    plain = {c.id for c in analyze_job(str(job)).analysis.concepts}
    extended = analyze_job(str(job), lexicons=("general-office.yml",))
    ids = {c.id for c in extended.analysis.concepts}
    assert {"duty.diary-management", "duty.minute-taking", "soft.accounting-software"} <= ids
    assert not {"duty.diary-management", "soft.accounting-software"} & plain
    assert extended.analysis.level_name == "Office administrator"
    assert extended.lexicon_sources == ("medical-office.yml", "general-office.yml")
