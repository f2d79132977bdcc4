"""Build the built-in Word templates, templates/resume.docx and templates/cover-letter.docx.

Usage: python scripts/make_templates.py

Why a script: a .docx is a zip of XML that no one can review in a diff, so the templates are made
from this readable description and committed. Each paragraph below is one paragraph of the
template; Jinja tags are docxtpl's (``{%p ... %}`` is a tag that takes its whole paragraph).
The layout is ATS-safe: one column, no tables, text boxes, headers or footers, real heading and
list styles, contact details in the body.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent.parent / "templates"

# A highlight, with the words that name what the job asks for in bold: one run a tag (docxtpl's
# {%r %} tags take their whole run), the bold run styled like any run of the template.
EMPHASIS = ["{%r for seg in line %}", "{%r if seg.bold %}", ("{{ seg.text }}", "bold"),
            "{%r else %}", "{{ seg.text }}", "{%r endif %}", "{%r endfor %}"]

RESUME = [
    ("Title", "{{ r.name }}"),
    ("Contact", "{{ r.contact }}"),
    ("Normal", "{%p if r.label %}"),
    ("Label", "{{ r.label }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if r.summary %}"),
    ("Heading 1", "Summary"),
    ("Normal", "{{ r.summary }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if r.skills %}"),
    ("Heading 1", "Skills"),
    ("Normal", "{%p for skill in r.skills %}"),
    ("List Bullet", "{{ skill }}"),
    ("Normal", "{%p endfor %}"),
    ("Normal", "{%p endif %}"),
]
for key, heading in (("work", "Experience"), ("volunteer", "Volunteering"), ("projects", "Projects")):
    RESUME += [
        ("Normal", f"{{%p if r.{key} %}}"),
        ("Heading 1", heading),
        ("Normal", f"{{%p for entry in r.{key} %}}"),
        ("Heading 2", "{{ entry.heading }}"),
        ("Normal", "{%p if entry.meta %}"),
        ("Meta", "{{ entry.meta }}"),
        ("Normal", "{%p endif %}"),
        ("Normal", "{%p if entry.summary %}"),
        ("Normal", "{{ entry.summary }}"),
        ("Normal", "{%p endif %}"),
        ("Normal", "{%p for line in entry.marked %}"),
        ("List Bullet", EMPHASIS),
        ("Normal", "{%p endfor %}"),
        ("Normal", "{%p endfor %}"),
        ("Normal", "{%p endif %}"),
    ]
for key, heading in (("education", "Education"), ("certificates", "Certifications"),
                     ("awards", "Awards"), ("languages", "Languages")):
    RESUME += [
        ("Normal", f"{{%p if r.{key} %}}"),
        ("Heading 1", heading),
        ("Normal", f"{{%p for line in r.{key} %}}"),
        ("List Bullet", "{{ line }}"),
        ("Normal", "{%p endfor %}"),
        ("Normal", "{%p endif %}"),
    ]

LETTER = [
    ("Title", "{{ l.name }}"),
    ("Contact", "{{ l.contact }}"),
    ("Normal", "{%p if l.date %}"),
    ("Normal", "{{ l.date }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p if l.company %}"),
    ("Normal", "{{ l.company }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "Dear Hiring Manager,"),
    ("Normal", "{{ l.opening }}"),
    ("Normal", "{%p if l.summary %}"),
    ("Normal", "{{ l.summary }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p for p in l.points %}"),
    ("List Bullet", "{{ p.sentence }}"),
    ("Normal", "{%p endfor %}"),
    ("Normal", "{%p if l.achievement_sentence %}"),
    ("Normal", "{{ l.achievement_sentence }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{{ l.closing }}"),
    ("Normal", "Sincerely,"),
    ("Normal", "{{ l.name }}"),
]


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    title = doc.styles["Title"]
    title.font.name = "Calibri"
    title.font.size = Pt(22)
    title.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
    for name, size in (("Heading 1", 13), ("Heading 2", 11)):
        style = doc.styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
        style.paragraph_format.space_before = Pt(10 if name == "Heading 1" else 6)
        style.paragraph_format.space_after = Pt(2)
    from docx.enum.style import WD_STYLE_TYPE

    for name, italic, bold in (("Contact", False, False), ("Label", False, True),
                               ("Meta", True, False)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.italic = italic
        style.font.bold = bold
    doc.styles["Contact"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin = section.right_margin = Cm(2.2)


def build(paragraphs, path: Path, title: str) -> None:
    doc = Document()
    _styles(doc)
    doc.core_properties.title = title
    doc.core_properties.author = ""
    body = doc.element.body
    for p in list(body.iterchildren()):
        if p.tag.endswith("}p"):
            body.remove(p)
    for style, text in paragraphs:
        if isinstance(text, str):
            doc.add_paragraph(text, style=style)
            continue
        paragraph = doc.add_paragraph(style=style)
        for run in text:
            words, bold = (run, False) if isinstance(run, str) else (run[0], True)
            paragraph.add_run(words).bold = bold or None
    doc.save(path)


if __name__ == "__main__":
    build(RESUME, HERE / "resume.docx", "Resume")
    build(LETTER, HERE / "cover-letter.docx", "Cover letter")
    print("wrote", HERE / "resume.docx", "and", HERE / "cover-letter.docx")
