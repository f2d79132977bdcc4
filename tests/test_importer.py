"""tailor import: a resume in Word, PDF, text or Markdown read back field by field, word for word.

The fixtures under tests/data/import/ are built by scripts/make_import_fixtures.py from one resume
that is not examples/resume.yml; expected.json holds what the import must give back.
"""

from __future__ import annotations

import json
import re
import shutil
import zlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor.cli import cli
from tailor.errors import ResumeError
from tailor.importer import (
    Line,
    draft_from_lines,
    draft_yaml,
    import_resume,
    lines_from_docx,
    lines_from_pdf,
    lines_from_text,
    normalize_date,
)
from tailor.resume import resume_from_text

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "import"
EXPECTED = json.loads((DATA / "expected.json").read_text("utf-8"))
LAYOUTS = ["styled.docx", "plain.docx", "one-line.docx", "two-columns.docx",
           "header-and-tables.docx", "resume.txt", "resume.md", "styled.pdf"]


def run(*args):
    return CliRunner().invoke(cli, list(args))


def resume_doc(out: Path) -> Path:
    """The tailored resume in an output folder (named for the person and the employer)."""
    found = list(out.glob("*Resume*.docx"))
    assert len(found) == 1, sorted(p.name for p in out.iterdir())
    return found[0]


def _check(data: dict, *, education: bool = True, any_case: bool = False) -> None:
    name = data["basics"]["name"]
    assert (name.casefold() if any_case else name) == (
        EXPECTED["name"].casefold() if any_case else EXPECTED["name"])
    assert data["basics"]["email"] == EXPECTED["email"]
    assert len(data["work"]) == len(EXPECTED["work"])
    for got, want in zip(data["work"], EXPECTED["work"], strict=True):
        assert {k: got.get(k) for k in want} == want
        assert "endDate" in got if "endDate" in want else "endDate" not in got
    if education:
        got = [{k: e.get(k) for k in EXPECTED["education"][0]} for e in data["education"]]
        assert got == EXPECTED["education"]


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_layout_gives_back_every_field(name):
    draft = import_resume(str(DATA / name))
    _check(draft.data)


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_draft_passes_validate_and_opens_with_a_warning_to_check_it(name, tmp_path):
    out = tmp_path / "resume.yml"
    result = run("import", str(DATA / name), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert text.startswith("# Imported by `tailor import`") and "CHECK EVERY LINE" in text
    assert run("validate", str(out)).exit_code == 0
    _check(yaml.safe_load(text))


def test_a_current_job_has_no_end_date_and_past_jobs_keep_theirs():
    work = import_resume(str(DATA / "styled.docx")).data["work"]
    assert work[0]["startDate"] == "2019-03" and "endDate" not in work[0]
    assert (work[1]["startDate"], work[1]["endDate"]) == ("2016-03", "2019-02")
    assert (work[2]["startDate"], work[2]["endDate"]) == ("2013", "2016")


@pytest.mark.parametrize("written, normal", [
    ("Mar 2019", "2019-03"), ("March 2019", "2019-03"), ("Sept. 2020", "2020-09"),
    ("03/2019", "2019-03"), ("3/2019", "2019-03"), ("2019-03", "2019-03"), ("2019", "2019"),
])
def test_dates_are_written_yyyy_mm_or_yyyy(written, normal):
    assert normalize_date(written) == normal


@pytest.mark.parametrize("line, start, end", [
    ("Acme Clinic | Nurse | Mar 2019 – Present", "2019-03", None),
    ("Acme Clinic\t03/2019 - Current", "2019-03", None),
    ("Acme Clinic, 2017 to 2019", "2017", "2019"),
    ("Acme Clinic  Jan 2015 - Dec 2016", "2015-01", "2016-12"),
    ("Columbus, OH | 2020-06 –", "2020-06", None),
    ("2012-09 – 2014-12", "2012-09", "2014-12"),
])
def test_the_ways_people_write_a_date_range(line, start, end):
    lines = [Line("Experience"), Line("Office Manager"), Line(line), Line("Did things.", bullet=True)]
    job = draft_from_lines(lines).data["work"][0]
    assert job["startDate"] == start
    assert job.get("endDate") == end


def test_employer_and_position_are_told_apart_by_their_words_whichever_comes_first():
    lines = [Line("Work History"),
             Line("Front Desk Supervisor | Northside Family Clinic | 2018 - 2020"),
             Line("Ran the desk.", bullet=True),
             Line("Harbor View Hospital"), Line("Patient Access Lead, 2015 – 2018"),
             Line("Registered patients.", bullet=True)]
    work = draft_from_lines(lines).data["work"]
    assert [(w["name"], w["position"]) for w in work] == [
        ("Northside Family Clinic", "Front Desk Supervisor"),
        ("Harbor View Hospital", "Patient Access Lead")]


def test_text_that_cannot_be_placed_is_kept_word_for_word_and_named(tmp_path):
    lines = [Line("Sam Lee"), Line("sam@example.com"), Line("Publications", heading=1),
             Line("A paper on clinic flow, 2021"), Line("Experience"), Line("Clerk, City Clinic"),
             Line("Filed records.", bullet=True)]
    draft = draft_from_lines(lines)
    assert draft.data["x-unsorted"] == ["Publications: A paper on clinic flow, 2021"]
    assert draft.unsorted == draft.data["x-unsorted"]
    text = draft_yaml(draft, "cv.docx")
    assert "1 line(s) could not be placed" in text.split("basics:")[0]
    assert resume_from_text(text, "resume.yml").data["x-unsorted"] == draft.unsorted


def test_unplaced_lines_are_listed_on_standard_error(tmp_path):
    src = tmp_path / "cv.txt"
    src.write_text("Sam Lee\nsam@example.com\n\nHOBBIES\nChess\n\nREFERENCES\nOn request\n",
                   encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(cli, ["import", str(src), "-o",
                                                      str(tmp_path / "r.yml")]) \
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else \
        CliRunner().invoke(cli, ["import", str(src), "-o", str(tmp_path / "r.yml")])
    assert result.exit_code == 0, result.output
    assert "Not placed" in result.stderr and "On request" in result.stderr
    assert "On request" not in result.stdout


def _strings(value, key=None) -> list[str]:
    """Every text value of the draft but dates and the network name read from a profile URL."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    if isinstance(value, str) and key not in ("startDate", "endDate", "date", "network"):
        return [value]
    return []


def test_nothing_is_invented(tmp_path):
    """Every string in the draft is text of the document (dates aside, which are rewritten)."""
    for name in ("styled.docx", "plain.docx", "two-columns.docx", "resume.txt"):
        path = DATA / name
        source = "\n".join(x.text for x in (lines_from_docx(path.read_bytes()) if name.endswith(
            ".docx") else lines_from_text(path.read_text("utf-8"))))
        strings = _strings(import_resume(str(path)).data)
        assert strings
        for s in strings:
            assert s in source, (name, s)


def test_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "resume.yml"
    out.write_text("mine", encoding="utf-8")
    result = run("import", str(DATA / "styled.docx"), "-o", str(out))
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_text("utf-8") == "mine"
    assert run("import", str(DATA / "styled.docx"), "-o", str(out), "--force").exit_code == 0
    assert out.read_text("utf-8").startswith("# Imported")


def test_a_file_that_is_not_a_resume_document_is_refused(tmp_path):
    bad = tmp_path / "cv.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("import", str(bad), "-o", str(tmp_path / "r.yml"))
    assert result.exit_code == 1 and "damaged" in result.output
    assert not (tmp_path / "r.yml").exists()
    assert run("import", str(tmp_path / "missing.docx")).exit_code == 1


# --------------------------------------------------------------------------- round trip

def test_round_trip_a_tailored_resume_gives_back_its_highlights_word_for_word(tmp_path):
    out = tmp_path / "out"
    result = run(str(ROOT / "examples" / "job.txt"), str(ROOT / "examples" / "resume.yml"), "-o",
                 str(out), "--max-highlights", "0")
    assert result.exit_code == 0, result.output
    master = yaml.safe_load((ROOT / "examples" / "resume.yml").read_text("utf-8"))
    draft = import_resume(str(resume_doc(out))).data
    for section in ("work", "volunteer"):
        assert len(draft[section]) == len(master[section])
        for got, want in zip(draft[section], master[section], strict=True):
            assert sorted(got["highlights"]) == sorted(want["highlights"])
            assert got.get("position") == want.get("position")
            assert str(got.get("startDate")) == str(want.get("startDate"))
            assert got.get("endDate") == want.get("endDate")
    assert [w["name"] for w in draft["work"]] == [w["name"] for w in master["work"]]
    assert draft["basics"]["name"] == master["basics"]["name"]
    assert draft["basics"]["email"] == master["basics"]["email"]
    assert draft["basics"]["phone"] == master["basics"]["phone"]
    assert [e["institution"] for e in draft["education"]] == \
        [e["institution"] for e in master["education"]]


def test_round_trip_keeps_the_highlights_a_shorter_tailored_resume_kept(tmp_path):
    from docx import Document

    out = tmp_path / "out"
    assert run(str(ROOT / "examples" / "job.txt"), str(ROOT / "examples" / "resume.yml"), "-o",
               str(out)).exit_code == 0
    doc = Document(str(resume_doc(out)))
    shown = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    draft = import_resume(str(resume_doc(out))).data
    got = [h for s in ("work", "volunteer") for e in draft[s] for h in e["highlights"]]
    assert got and set(got) <= set(shown)
    assert len(got) == len(set(got))


# --------------------------------------------------------------------------- PDF

def _pdf(lines: list[tuple[float, str]]) -> bytes:
    """A one-page PDF (Helvetica, WinAnsi) with each (x, text) on its own line, in pure Python."""
    ops = ["BT", "/F1 10 Tf", "12 TL"]
    y = 760
    for x, text in lines:
        raw = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(
            b")", b"\\)")
        ops.append(f"1 0 0 1 {x} {y} Tm (".encode().decode() + raw.decode("latin-1") + ") Tj")
        y -= 13
    ops.append("ET")
    stream = zlib.compress("\n".join(ops).encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R "
        b">> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
        + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_a_pdf_built_in_pure_python_with_wrapped_bullets(tmp_path):
    job0 = EXPECTED["work"][0]
    rows = [(72, EXPECTED["name"]), (72, f"{EXPECTED['email']} | (503) 555-0187"),
            (72, "EXPERIENCE"), (72, f"{job0['position']}"),
            (72, f"{job0['name']} | Portland, OR | Mar 2019 – Present")]
    for h in job0["highlights"]:
        if len(h) > 80:
            cut = h.rfind(" ", 0, 80)
            rows += [(80, "• " + h[:cut]), (90, h[cut + 1:])]
        else:
            rows.append((80, "• " + h))
    rows += [(72, "Patient Services Representative"),
             (72, "Willamette Valley Cardiology | Salem, OR | 03/2016 - 02/2019"),
             (80, "• Answered a 6-line phone and routed urgent calls to the triage nurse.")]
    path = tmp_path / "cv.pdf"
    path.write_bytes(_pdf(rows))
    data = import_resume(str(path)).data
    assert data["basics"]["name"] == EXPECTED["name"]
    assert data["work"][0]["highlights"] == job0["highlights"]
    assert data["work"][0]["startDate"] == "2019-03" and "endDate" not in data["work"][0]
    assert data["work"][1]["position"] == "Patient Services Representative"
    assert data["work"][1]["endDate"] == "2019-02"


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice is not installed")
def test_a_pdf_exported_now_from_word_layouts(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("fixtures", ROOT / "scripts" /
                                                  "make_import_fixtures.py")
    fixtures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixtures)
    for build in (fixtures.plain, fixtures.one_line, fixtures.header_and_tables):
        docx = tmp_path / f"{build.__name__}.docx"
        build(docx)
        assert fixtures.export_pdf(docx, tmp_path / f"{build.__name__}.pdf")
        # The plain layout shows the name in capitals (Word's All caps), so the PDF has capitals.
        _check(import_resume(str(tmp_path / f"{build.__name__}.pdf")).data, any_case=True)


def test_a_page_header_repeated_on_each_page_and_page_numbers_are_read_once():
    from tailor.importer import _without_running_heads

    pages = ["Ana Ruiz | ana@example.com\nExperience\nClerk, Bay Clinic\nPage 1 of 2",
             "Ana Ruiz | ana@example.com\n- Filed records.\nPage 2 of 2"]
    assert _without_running_heads(pages) == ["Ana Ruiz | ana@example.com", "Experience",
                                             "Clerk, Bay Clinic", "- Filed records."]


def test_a_scanned_pdf_with_no_text_is_explained(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([]))
    with pytest.raises(Exception, match="no text"):
        lines_from_pdf(path.read_bytes(), str(path))


# --------------------------------------------------------------------------- layouts by lines

def test_headings_set_out_by_hand_with_section_words_in_them():
    lines = [Line("Jo Park", heading=1), Line("jo@example.com"),
             Line("CLINICAL EXPERIENCE"), Line("Charge Nurse, St Mary's Hospital, 2018 – 2021"),
             Line("Led a ward team of 12.", bullet=True),
             Line("KEY SKILLS & TOOLS", bold=True), Line("Epic, Cerner"),
             Line("NORTHSHORE COMMUNITY HOSPITAL", bold=True),
             Line("Education:"), Line("BSc Nursing, University of Leeds, Leeds, UK, 2015")]
    data = draft_from_lines(lines).data
    assert data["basics"]["name"] == "Jo Park"
    assert data["work"] == [{"name": "St Mary's Hospital", "position": "Charge Nurse",
                             "startDate": "2018", "endDate": "2021",
                             "highlights": ["Led a ward team of 12."]}]
    # An employer in capitals is no heading, though "community" is a section word elsewhere.
    assert [s["name"] for s in data["skills"]] == ["Epic", "Cerner",
                                                   "NORTHSHORE COMMUNITY HOSPITAL"]
    assert data["education"] == [{"institution": "University of Leeds", "area": "Nursing",
                                  "studyType": "BSc", "endDate": "2015"}]
    assert "Leeds, UK" in " ".join(data.get("x-unsorted", []))


def test_achievements_written_as_plain_paragraphs_are_highlights_word_for_word():
    lines = [Line("Experience"), Line("Office Manager | Bay Dental | Jun 2020 - Present"),
             Line("Cut supply spending by 12% by moving to one vendor for all three sites."),
             Line("Hired and trained four new receptionists and wrote the training checklist.")]
    job = draft_from_lines(lines).data["work"][0]
    assert job["highlights"] == [lines[2].text, lines[3].text]
    assert (job["name"], job["position"], job["startDate"]) == ("Bay Dental", "Office Manager",
                                                                 "2020-06")
    assert "endDate" not in job


def test_a_date_range_in_brackets_leaves_no_bracket_behind():
    lines = [Line("Employment"), Line("Receptionist, Hill Surgery (Sept 2014 – Jan 2016)"),
             Line("Booked appointments.", bullet=True)]
    job = draft_from_lines(lines).data["work"][0]
    assert job == {"name": "Hill Surgery", "position": "Receptionist", "startDate": "2014-09",
                   "endDate": "2016-01", "highlights": ["Booked appointments."]}


def test_round_trip_keeps_ampersands_brackets_colons_and_quotes(tmp_path):
    highlights = ['Cut "no-show" rate: 14% -> 8% & wait < 10 min', "Ran A&R <weekly> audits",
                  "Trained 4 staff – two of them leads", "Handled 3 sites' rotas; 100% on time"]
    resume = tmp_path / "r.yml"
    resume.write_text(yaml.safe_dump({
        "basics": {"name": "Ana Ruiz", "email": "ana@example.com"},
        "work": [{"name": "Bay Clinic & Labs", "position": "Office Lead", "startDate": "2019-03",
                  "highlights": highlights},
                 {"name": "Hill Surgery", "position": "Receptionist", "startDate": "2015",
                  "endDate": "2019-02", "highlights": ["Booked appointments."]}]},
        sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(ROOT / "examples" / "job.txt"), str(resume), "-o", str(out),
                 "--max-highlights", "0")
    assert result.exit_code == 0, result.output
    work = import_resume(str(resume_doc(out))).data["work"]
    assert sorted(work[0]["highlights"]) == sorted(highlights)
    assert (work[0]["name"], work[0]["position"], work[0]["startDate"]) == (
        "Bay Clinic & Labs", "Office Lead", "2019-03")
    assert "endDate" not in work[0] and work[1]["endDate"] == "2019-02"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.text(min_size=1, max_size=80), st.booleans(),
                          st.sampled_from([0, 0, 1, 2])), max_size=25),
       st.sampled_from(["Experience", "Education", "Skills", "Certifications", "Summary"]))
def test_any_lines_give_a_draft_that_validates_and_invents_nothing(rows, heading):
    lines = [Line(heading)] + [Line(t, bullet=b, heading=h) for t, b, h in rows if t.strip()]
    draft = draft_from_lines([Line(x.text.strip(), x.bullet, x.heading) for x in lines])
    text = draft_yaml(draft, "cv.docx")
    resume_from_text(text, "resume.yml")  # raises if the draft is not valid
    source = " ".join(x.text.strip() for x in lines)  # a summary joins its lines with spaces
    for s in _strings(draft.data):
        for part in re.split(r"^education \([^)]*\): |: ", s):  # "Heading: line" if unsorted
            assert part in source


def test_text_in_word_text_boxes_is_read_once(tmp_path):
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    doc.add_paragraph("Ana Ruiz")
    anchor = doc.add_paragraph()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    box = ("<w:p xmlns:w='{w}'><w:r><w:t>{t}</w:t></w:r></w:p>")
    content = "".join(box.format(w=w, t=t) for t in (
        "ana@example.com", "Experience", "Clerk | Bay Clinic | 2019 - Present"))
    bullet = (f"<w:p xmlns:w='{w}'><w:pPr><w:pStyle w:val='ListBullet'/></w:pPr>"
              "<w:r><w:t>Filed records.</w:t></w:r></w:p>")
    xml = (f"<w:r xmlns:w='{w}' xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/"
           "2006' xmlns:v='urn:schemas-microsoft-com:vml'><mc:AlternateContent><mc:Choice "
           f"Requires='wps'><w:drawing><w:txbxContent>{content}{bullet}</w:txbxContent>"
           f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
           f"{content}{bullet}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r>")
    anchor._p.append(parse_xml(xml))
    path = tmp_path / "boxes.docx"
    doc.save(path)
    data = import_resume(str(path)).data
    assert data["basics"] == {"name": "Ana Ruiz", "email": "ana@example.com"}
    assert data["work"] == [{"name": "Bay Clinic", "position": "Clerk", "startDate": "2019",
                             "highlights": ["Filed records."]}]


def test_education_written_on_one_line_or_several():
    lines = [Line("Education"),
             Line("Associate of Science, Medical Office Administration, Portland Community "
                  "College, 2013"), Line("GPA 3.8"),
             Line("Lincoln High School"), Line("High School Diploma"), Line("2006 – 2010")]
    assert draft_from_lines(lines).data["education"] == [
        {"institution": "Portland Community College", "area": "Medical Office Administration",
         "studyType": "Associate of Science", "endDate": "2013", "score": "GPA 3.8"},
        {"institution": "Lincoln High School", "studyType": "High School Diploma",
         "startDate": "2006", "endDate": "2010"}]


def test_pdf_lines_wrapped_at_a_hyphen_or_inside_a_date_range_are_joined_back(tmp_path):
    rows = [(72, "Ana Ruiz"), (72, "ana.ruiz@example.com | (614) 555-0142"), (72, "Experience"),
            (72, "Bay Clinic | Medical Office Supervisor | Jun 2020 "), (72, "– Present"),
            (80, "• Redesigned the appointment template and reminder calls, reducing no-"),
            (90, "shows from 14% to 8%."),
            (72, "Hill Surgery | Receptionist | 03/2015 - "), (72, "05/2020"),
            (80, "• Answered a 4-line phone.")]
    path = tmp_path / "cv.pdf"
    path.write_bytes(_pdf(rows))
    data = import_resume(str(path)).data
    assert data["basics"] == {"name": "Ana Ruiz", "email": "ana.ruiz@example.com",
                              "phone": "(614) 555-0142"}
    assert data["work"] == [
        {"name": "Bay Clinic", "position": "Medical Office Supervisor", "startDate": "2020-06",
         "highlights": ["Redesigned the appointment template and reminder calls, reducing "
                        "no-shows from 14% to 8%."]},
        {"name": "Hill Surgery", "position": "Receptionist", "startDate": "2015-03",
         "endDate": "2020-05", "highlights": ["Answered a 4-line phone."]}]


def test_a_word_file_that_would_unpack_too_far_is_refused_before_it_is_read(tmp_path):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w>" + "x" * (12 * 1024 * 1024) + "</w>")
    with pytest.raises(ResumeError, match="would unpack to more than 10 MB in one part"):
        lines_from_docx(buf.getvalue(), "bomb.docx")
