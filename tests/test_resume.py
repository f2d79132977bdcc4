import json

import pytest

from tailor.errors import ResumeError
from tailor.resume import load_resume, resume_from_text

from conftest import DATA, EXAMPLES


def fixture_cases(shared):
    for path in sorted((shared / "jsonresume" / "test-fixtures").glob("*.json")):
        for name, doc in json.loads(path.read_text("utf-8")).items():
            if path.name == "dates.json":  # bare date strings: try each as a work start date
                doc = {"work": [{"startDate": doc}]}
            yield path.stem, name, doc


def test_json_resume_fixtures_are_judged_as_they_say(shared):
    cases = list(fixture_cases(shared))
    assert len(cases) > 150
    wrong = []
    for group, name, doc in cases:
        should_pass = not name.lower().endswith("invalid")
        try:
            resume_from_text(json.dumps(doc), f"{group}.json")
            passed = True
        except ResumeError:
            passed = False
        if passed != should_pass:
            wrong.append(f"{group}.{name}")
    assert wrong == []


def test_schema_sample_resume_is_valid(shared):
    resume = load_resume(str(shared / "jsonresume" / "sample.resume.json"))
    assert resume.highlights


def test_example_resume(example_resume):
    assert example_resume.name == "Dana Okafor"
    assert len(example_resume.highlights) >= 20
    assert example_resume.highlights[0].where == "work[0].highlights[0]"
    assert example_resume.warnings == ()


def test_unquoted_dates_are_accepted():
    resume = resume_from_text("work:\n  - name: A\n    startDate: 2019-03-01\n    endDate: 2020\n"
                              "    highlights: [Did things]\n", "r.yml")
    assert resume.data["work"][0]["startDate"] == "2019-03-01"
    assert resume.data["work"][0]["endDate"] == "2020"


def error_of(text, name="r.yml"):
    with pytest.raises(ResumeError) as err:
        resume_from_text(text, name)
    return str(err.value)


def test_wrong_type_names_the_field_and_line():
    text = "basics:\n  name: A\nwork:\n  - name: B\n    highlights:\n      - fine\n      - {oops: 1}\n"
    assert error_of(text).startswith(
        "r.yml, line 7: work[0].highlights[1]: must be text, not a mapping\n"
        '  The line holds ": " (after "oops"), so YAML read it as a field: put the line in quotes')


def test_null_section_has_a_hint():
    assert error_of("work: null\n").startswith("r.yml, line 1: work: must be a list, not empty (null)"
                                               "\n  Give it a value, or delete the line.")


def test_bad_date_is_explained():
    assert "'March 2019' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY" in error_of(
        "work:\n  - startDate: March 2019\n")


def test_unquoted_phone_number_gets_a_hint():
    assert 'Put the value in quotes, e.g. phone: "555-0100".' in error_of(
        "basics:\n  phone: 5550100\n")


def test_top_level_must_be_a_mapping():
    assert error_of("- a\n- b\n").startswith("r.yml, line 1: the resume is a list; it must be a mapping")
    assert "a single value (text)" in error_of("just text\n")


def test_json_syntax_error_has_line_and_column():
    assert error_of('{"basics": {"name": "A",}}\n', "r.json") == (
        "r.json, line 1: not valid JSON: Expecting property name enclosed in double quotes (column 25)")


def test_likely_typo_gets_a_warning():
    resume = resume_from_text("work:\n  - name: A\n    hightlights: [x]\n", "r.yml")
    assert resume.warnings[0] == ('r.yml, line 3: unknown field "work[0].hightlights"; did you '
                                  'mean "highlights"? (the field is kept but not used)')
    # and, so, the job has no highlights tailoring can use
    assert resume.warnings[1:] == ("r.yml, line 2: work[0]: A has no highlights, so tailoring has "
                                   "nothing to choose from it; add what you did there under "
                                   "highlights:",)


def test_unknown_fields_are_allowed_without_warning():
    resume = resume_from_text("basics:\n  name: A\n  pronouns: she/her\n", "r.yml")
    assert resume.warnings == ()


def test_resume_without_work_is_fine():
    resume = resume_from_text("basics:\n  name: A\nskills:\n  - name: Scheduling\n", "r.yml")
    assert resume.highlights == ()


def test_blank_highlights_are_skipped():
    resume = resume_from_text("work:\n  - highlights: ['  ', Real one]\n", "r.yml")
    assert [h.text for h in resume.highlights] == ["Real one"]
    assert resume.highlights[0].where == "work[0].highlights[1]"


def test_missing_file():
    with pytest.raises(ResumeError, match="no such resume file"):
        load_resume(str(DATA / "nope.yml"))


def test_example_loads_from_disk():
    assert load_resume(str(EXAMPLES / "resume.yml")).path.endswith("resume.yml")


def test_byte_order_mark_and_cp1252_resume(tmp_path):
    path = tmp_path / "r.yml"
    path.write_bytes(b"\xef\xbb\xbfbasics:\n  name: Zo\xc3\xab\n")
    assert load_resume(str(path)).name == "Zoë"
    path.write_bytes("basics:\n  name: Zoë – Café\n".encode("cp1252"))
    assert load_resume(str(path)).name == "Zoë – Café"
