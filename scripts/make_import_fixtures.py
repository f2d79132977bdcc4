"""Build the resumes that tests/test_importer.py imports, in the layouts people really use.

Usage: python scripts/make_import_fixtures.py

Why a script: a .docx is a zip no one can review in a diff, so the Word fixtures are made from the
one resume below (PERSON, which is not examples/resume.yml) in each layout, and committed with the
field values the import must give back (expected.json). When LibreOffice is installed, the styled
resume is also exported to PDF the way Word users do (styled.pdf).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "import"

PERSON = {
    "name": "Priya Raman",
    "label": "Practice Coordinator",
    "email": "priya.raman@example.org",
    "phone": "(503) 555-0187",
    "place": "Portland, OR",
    "linkedin": "https://www.linkedin.com/in/priyaraman",
    "summary": ("Practice coordinator with eight years in outpatient specialty clinics. Keeps "
                "schedules full, claims clean and front-desk teams calm under pressure."),
    "work": [
        {"name": "Riverbend Orthopedics & Sports Medicine", "position": "Practice Coordinator",
         "location": "Portland, OR", "dates": "Mar 2019 – Present", "startDate": "2019-03",
         "highlights": [
             "Coordinate scheduling for 6 surgeons and 4 physician assistants across two sites.",
             "Cut claim denials from 11% to 4% by auditing registration data: insurance, "
             "demographics & referrals.",
             "Trained and supervise 5 schedulers; wrote the clinic's phone-triage script.",
             "Negotiated a new courier contract that saves $6,200 a year.",
         ]},
        {"name": "Willamette Valley Cardiology", "position": "Patient Services Representative",
         "location": "Salem, OR", "dates": "03/2016 - 02/2019", "startDate": "2016-03",
         "endDate": "2019-02",
         "highlights": [
             "Checked in 70 patients a day and verified eligibility with Medicare and commercial "
             "payers.",
             "Obtained prior authorizations for echocardiograms, stress tests and Holter monitors, "
             "keeping the backlog under two days.",
             "Answered a 6-line phone and routed urgent calls to the triage nurse.",
         ]},
        {"name": "Lincoln County Health Department", "position": "Front Desk Clerk",
         "location": "Newport, OR", "dates": "2013 to 2016", "startDate": "2013",
         "endDate": "2016",
         "highlights": [
             "Registered walk-in clients for immunization and WIC clinics.",
             "Kept the paper and electronic client files in order for state audits.",
         ]},
    ],
    "education": [
        {"institution": "Portland Community College", "studyType": "Associate of Science",
         "area": "Medical Office Administration", "dates": "2011 – 2013", "startDate": "2011",
         "endDate": "2013"},
    ],
    "certificates": [
        {"name": "Certified Medical Administrative Assistant (CMAA)",
         "issuer": "National Healthcareer Association", "date": "2017"},
    ],
    "skills": ["Software: Epic, NextGen, Microsoft Excel", "Billing: ICD-10, CPT, prior authorization"],
}


def _expected() -> dict:
    return {
        "name": PERSON["name"], "email": PERSON["email"],
        "work": [{k: job[k] for k in ("name", "position", "startDate", "endDate", "highlights")
                  if k in job} for job in PERSON["work"]],
        "education": [{k: e[k] for k in ("institution", "studyType", "area", "startDate",
                                         "endDate")} for e in PERSON["education"]],
    }


def _contact() -> str:
    return " | ".join((PERSON["email"], PERSON["phone"], PERSON["place"], PERSON["linkedin"]))


def _bold(doc_or_cell, text: str, *, italic: bool = False, size: int | None = None):
    p = doc_or_cell.add_paragraph()
    run = p.add_run(text)
    run.bold = not italic
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    return p


def styled(path: Path) -> None:
    """Word's own styles: Title, Heading 1 sections, Heading 2 positions, List Bullet highlights."""
    doc = Document()
    doc.add_paragraph(PERSON["name"], style="Title")
    doc.add_paragraph(_contact())
    doc.add_paragraph(PERSON["label"])
    doc.add_paragraph("Professional Summary", style="Heading 1")
    doc.add_paragraph(PERSON["summary"])
    doc.add_paragraph("Work Experience", style="Heading 1")
    for job in PERSON["work"]:
        doc.add_paragraph(job["position"], style="Heading 2")
        doc.add_paragraph(f"{job['name']} | {job['location']} | {job['dates']}")
        for h in job["highlights"]:
            doc.add_paragraph(h, style="List Bullet")
    doc.add_paragraph("Education", style="Heading 1")
    for e in PERSON["education"]:
        doc.add_paragraph(f"{e['studyType']}, {e['area']}", style="Heading 2")
        doc.add_paragraph(f"{e['institution']} | {e['dates']}")
    doc.add_paragraph("Certifications", style="Heading 1")
    for c in PERSON["certificates"]:
        doc.add_paragraph(f"{c['name']}, {c['issuer']} ({c['date']})", style="List Bullet")
    doc.add_paragraph("Skills", style="Heading 1")
    for s in PERSON["skills"]:
        doc.add_paragraph(s, style="List Bullet")
    doc.save(path)


def plain(path: Path) -> None:
    """No styles at all: bold capital headings, employer and dates tab-aligned, typed bullets."""
    doc = Document()
    _bold(doc, PERSON["name"], size=16).runs[0].font.all_caps = True  # shown in capitals
    doc.add_paragraph(f"{PERSON['place']} • {PERSON['phone']} • {PERSON['email']}")
    doc.add_paragraph(PERSON["linkedin"])
    _bold(doc, "SUMMARY")
    doc.add_paragraph(PERSON["summary"])
    _bold(doc, "PROFESSIONAL EXPERIENCE")
    for n, job in enumerate(PERSON["work"]):
        p = _bold(doc, f"{job['name']}\t{job['dates']}")
        p.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
        _bold(doc, f"{job['position']}, {job['location']}" if n else job["position"], italic=True)
        for h in job["highlights"]:
            doc.add_paragraph("•\t" + h if n % 2 == 0 else "- " + h)
    _bold(doc, "EDUCATION")
    for e in PERSON["education"]:
        doc.add_paragraph(f"{e['institution']}\t{e['dates']}")
        doc.add_paragraph(f"{e['studyType']} in {e['area']}")
    _bold(doc, "CERTIFICATIONS")
    for c in PERSON["certificates"]:
        doc.add_paragraph(f"* {c['name']} – {c['issuer']}, {c['date']}")
    _bold(doc, "SKILLS")
    doc.add_paragraph(", ".join(s.split(": ", 1)[1] for s in PERSON["skills"]))
    doc.save(path)


def one_line(path: Path) -> None:
    """"Employer | Position | dates" on one line, highlights typed with "*"."""
    doc = Document()
    doc.add_paragraph(PERSON["name"])
    doc.add_paragraph(_contact())
    _bold(doc, "Experience")
    for job in PERSON["work"]:
        _bold(doc, f"{job['name']} | {job['position']} | {job['dates']}")
        for h in job["highlights"]:
            doc.add_paragraph("* " + h)
    _bold(doc, "Education")
    for e in PERSON["education"]:
        doc.add_paragraph(f"{e['institution']} | {e['studyType']}, {e['area']} | {e['dates']}")
    doc.save(path)


def two_columns(path: Path) -> None:
    """A layout table: contact, skills and education on the left; summary and jobs on the right."""
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = PERSON["name"]
    left.paragraphs[0].style = doc.styles["Title"]
    for text in (PERSON["email"], PERSON["phone"], PERSON["place"]):
        left.add_paragraph(text)
    left.add_paragraph("Skills", style="Heading 1")
    for s in PERSON["skills"]:
        left.add_paragraph(s, style="List Bullet")
    left.add_paragraph("Education", style="Heading 1")
    for e in PERSON["education"]:
        left.add_paragraph(e["institution"])
        left.add_paragraph(f"{e['studyType']}, {e['area']}")
        left.add_paragraph(e["dates"])
    right.paragraphs[0].text = "Profile"
    right.paragraphs[0].style = doc.styles["Heading 1"]
    right.add_paragraph(PERSON["summary"])
    right.add_paragraph("Employment History", style="Heading 1")
    for job in PERSON["work"]:
        right.add_paragraph(f"{job['position']}, {job['name']}", style="Heading 2")
        right.add_paragraph(f"{job['dates']} | {job['location']}")
        for h in job["highlights"]:
            right.add_paragraph(h, style="List Bullet")
    doc.save(path)


def header_and_tables(path: Path) -> None:
    """Contact details in the page header, the name as Heading 1, each job's employer and
    position in the left cell of a table row and its dates in the right, Word-numbered items."""
    doc = Document()
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = f"{PERSON['name']} | {_contact()}"
    doc.add_paragraph(PERSON["name"], style="Heading 1")
    doc.add_paragraph(PERSON["label"])
    doc.add_paragraph("PROFILE", style="Heading 1")
    doc.add_paragraph(PERSON["summary"])
    doc.add_paragraph("CAREER HISTORY", style="Heading 1")
    for n, job in enumerate(PERSON["work"]):
        if n == 1:  # one job written as "Position — Employer" with the dates tab-aligned below
            doc.add_paragraph(f"{job['position']} — {job['name']}", style="Heading 2")
            doc.add_paragraph(f"{job['location']}\t{job['dates']}")
        else:
            left, right = doc.add_table(rows=1, cols=2).rows[0].cells
            left.paragraphs[0].add_run(job["name"]).bold = True
            left.add_paragraph(job["position"])
            right.paragraphs[0].text = job["dates"]
        for h in job["highlights"]:
            p = doc.add_paragraph(h, style="List Paragraph")
            p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 1
    doc.add_paragraph("EDUCATION", style="Heading 1")
    for e in PERSON["education"]:
        doc.add_paragraph(f"{e['studyType']} in {e['area']}, {e['institution']}, {e['dates']}")
    doc.save(path)


def text_resume() -> str:
    """The same resume as a plain-text file, with a wrapped highlight."""
    out = [PERSON["name"], _contact(), "", "EXPERIENCE", ""]
    for job in PERSON["work"]:
        out.append(f"{job['position']}")
        out.append(f"{job['name']}, {job['location']}    {job['dates']}")
        for h in job["highlights"]:
            if len(h) > 70:
                cut = h.rfind(" ", 0, 70)
                out += [f"- {h[:cut]}", f"  {h[cut + 1:]}"]
            else:
                out.append(f"- {h}")
        out.append("")
    out += ["EDUCATION", ""]
    for e in PERSON["education"]:
        out.append(f"{e['studyType']}, {e['area']} | {e['institution']} | {e['dates']}")
    return "\n".join(out) + "\n"


def markdown_resume() -> str:
    out = [f"# {PERSON['name']}", "", _contact(), "", "## Experience", ""]
    for job in PERSON["work"]:
        out += [f"### {job['position']}, {job['name']}", "",
                f"*{job['location']} | {job['dates']}*", ""]
        out += [f"- {h}" for h in job["highlights"]]
        out.append("")
    out += ["## Education", ""]
    for e in PERSON["education"]:
        out.append(f"**{e['institution']}** | {e['studyType']}, {e['area']} | {e['dates']}")
    return "\n".join(out) + "\n"


def export_pdf(docx: Path, pdf: Path) -> bool:
    """Export a .docx to PDF with LibreOffice, as "Save as PDF" in Word does; False without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(docx)], check=True,
                       capture_output=True, timeout=180)
        shutil.move(Path(tmp) / (docx.stem + ".pdf"), pdf)
    return True


def build_all(folder: Path = OUT) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    styled(folder / "styled.docx")
    plain(folder / "plain.docx")
    one_line(folder / "one-line.docx")
    two_columns(folder / "two-columns.docx")
    header_and_tables(folder / "header-and-tables.docx")
    (folder / "resume.txt").write_text(text_resume(), encoding="utf-8")
    (folder / "resume.md").write_text(markdown_resume(), encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps(_expected(), indent=2, ensure_ascii=False)
                                          + "\n", encoding="utf-8")
    if export_pdf(folder / "styled.docx", folder / "styled.pdf"):
        print("exported styled.pdf with LibreOffice")


if __name__ == "__main__":
    build_all()
    print("wrote", OUT)
