"""tailor validate: valid YAML that is surely not what the person meant, and plain YAML messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli import cli
from tailor.errors import ResumeError
from tailor.resume import resume_from_text
from tailor.resume_checks import content_warnings, looks_like_a_posting

ROOT = Path(__file__).resolve().parent.parent
HEAD = "basics:\n  name: Dana\nwork:\n"


def warnings_of(yaml_text: str) -> list[str]:
    return list(resume_from_text(yaml_text, "resume.yml").warnings)


def test_the_example_resume_has_no_warning():
    text = (ROOT / "examples" / "resume.yml").read_text("utf-8")
    assert warnings_of(text) == []


def test_a_lost_dash_that_folds_highlights_into_one_is_named_with_its_line():
    lines = [f"Did task number {n} for the clinic every week." for n in range(12)]
    # The slip: the second item is indented one space too far, so YAML folds every following
    # line into the first highlight (valid YAML, one 500-character highlight).
    text = HEAD + "  - name: Clinic\n    highlights:\n      - " + lines[0] + "\n" + "".join(
        f"       - {x}\n" for x in lines[1:]) + "  - name: B\n    highlights:\n" + "".join(
        f"      - {x}\n" for x in ("Ran the desk.", "Wrote the rota.", "Filed records."))
    loaded = resume_from_text(text, "resume.yml")
    assert len(loaded.data["work"][0]["highlights"]) == 1
    (warning,) = [w for w in loaded.warnings if "run together" in w]
    assert warning.startswith("resume.yml, line 6: work[0].highlights[0]:")
    assert "'- '" in warning


def test_an_ordinary_long_highlight_is_not_flagged():
    long = ("Redesigned the appointment template and reminder calls with the physicians and the "
            "nurse manager, reducing no-shows from 14% to 8% and average wait time by 12 minutes.")
    text = HEAD + "  - name: Clinic\n    highlights:\n" + "".join(
        f"      - {x}\n" for x in (long, "Ran the desk.", "Wrote the rota."))
    assert warnings_of(text) == []


@pytest.mark.parametrize("value", ["2019-03", '"2019"', "15%", "$9,400", "Mar 2019"])
def test_a_highlight_that_is_a_number_or_a_date(value):
    text = HEAD + f"  - name: Clinic\n    highlights:\n      - Ran the desk.\n      - {value}\n"
    (warning,) = warnings_of(text)
    assert "work[0].highlights[1]" in warning and "a number or a date" in warning


def test_a_job_with_no_highlights():
    text = HEAD + "  - name: Clinic\n    position: Clerk\n"
    (warning,) = warnings_of(text)
    assert warning.startswith("resume.yml, line 4: work[0]:") and "no highlights" in warning


def test_the_same_highlight_twice():
    text = HEAD + ("  - name: A\n    highlights: [Ran the desk.]\n"
                   "  - name: B\n    highlights: [ran the  desk.]\n")
    (warning,) = warnings_of(text)
    assert "work[1].highlights[0]" in warning and "work[0].highlights[0]" in warning


def test_dates_in_the_future_and_an_end_before_a_start():
    data = {"work": [{"name": "A", "highlights": ["x"], "startDate": "2021-05",
                      "endDate": "2019-02"},
                     {"name": "B", "highlights": ["y"], "startDate": "2027-01"}],
            "education": [{"institution": "U", "startDate": "2024", "endDate": "2027-06"}]}
    from tailor.datafile import DataFile

    got = content_warnings(data, DataFile(data, {}, "r.yml"), today=date(2026, 12, 1))
    assert any("work[0].endDate" in w and "before it starts" in w for w in got)
    assert any("work[1].startDate" in w and "future" in w for w in got)
    assert not any("education" in w for w in got)  # an expected graduation may be ahead
    assert len(got) == 2


def test_a_colon_inside_a_highlight_says_put_the_line_in_quotes():
    text = HEAD + "  - name: A\n    highlights:\n      - Saved 10%: $5k a year\n"
    with pytest.raises(ResumeError) as err:
        resume_from_text(text, "resume.yml")
    assert "line 6" in str(err.value) and "put the line in quotes" in str(err.value)
    text = HEAD + "  - name: A\n    summary: Saved 10%: $5k a year\n"
    with pytest.raises(ResumeError) as err:
        resume_from_text(text, "resume.yml")
    assert "Put the line in quotes" in str(err.value)


def test_an_unclosed_quote_names_the_line_where_it_opened():
    text = HEAD + '  - name: A\n    highlights:\n      - "Saved $5k a year\n      - Ran it\n' \
        "  - name: B\n"
    with pytest.raises(ResumeError) as err:
        resume_from_text(text, "resume.yml")
    assert str(err.value).startswith("resume.yml, line 6: not valid YAML: a quote opened on "
                                     "line 6 is never closed")


def test_swapped_job_and_resume():
    result = CliRunner().invoke(cli, [str(ROOT / "examples" / "resume.yml"),
                                      str(ROOT / "examples" / "job.txt"), "-o", "unused"])
    assert result.exit_code == 1
    assert "job.txt looks like a posting, not a resume: did you swap JOB and RESUME?" in \
        result.output
    assert looks_like_a_posting((ROOT / "examples" / "job.txt").read_text("utf-8"))
    assert not looks_like_a_posting((ROOT / "examples" / "resume.yml").read_text("utf-8"))


def test_a_word_resume_given_to_validate_points_to_import(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(ROOT / "tests" / "data" / "import" /
                                                      "styled.docx")])
    assert result.exit_code == 1 and "tailor import" in result.output
