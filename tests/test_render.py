import io
import re

import pytest
from docx import Document

from tailor.errors import TemplateError
from tailor.render import render_docx, render_text
from tailor.tailoring import tailor

from conftest import DATA


def paragraphs(data: bytes):
    return [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs]


def test_resume_document_text_and_styles(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis)
    paras = paragraphs(render_docx("resume.docx", {"r": app.resume}))
    assert paras[0] == ("Title", "Dana Okafor")
    assert paras[1][0] == "Contact" and "dana.okafor@example.com" in paras[1][1]
    headings = [t for s, t in paras if s == "Heading 1"]
    assert headings == ["Summary", "Skills", "Experience", "Volunteering", "Education",
                        "Certifications", "Languages"]
    bullets = [t for s, t in paras if s == "List Bullet"]
    assert app.resume.work[0].highlights[0] in bullets
    assert not any("{{" in t or "{%" in t for _, t in paras)


def test_every_resume_paragraph_traces_to_the_input(example_resume, example_analysis):
    """Each paragraph is a heading or is made only of the resume's own strings and separators."""
    app = tailor(example_resume, example_analysis)
    paras = paragraphs(render_docx("resume.docx", {"r": app.resume}))
    headings = {"Summary", "Skills", "Experience", "Volunteering", "Projects", "Education",
                "Certifications", "Awards", "Languages"}
    source = _strings(example_resume.data)
    for style, text in paras:
        if style.startswith("Heading 1"):
            assert text in headings
            continue
        rest = text
        for piece in sorted(source, key=len, reverse=True):
            rest = rest.replace(piece, "")
        # Issue 9: dates are printed as people write them ("Jun 2020 – Present", "started Jan
        # 2022"): besides the resume's strings, only month names, years and those fixed words.
        rest = re.sub(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d{4}|Present|"
                      r"started|expected|in progress)\b", "", rest)
        assert not rest.strip(" ,|:–-()"), (text, rest)


def _strings(value):
    out = set()
    if isinstance(value, str):
        out.add(" ".join(value.split()))
    elif isinstance(value, dict):
        for v in value.values():
            out |= _strings(v)
    elif isinstance(value, list):
        for v in value:
            out |= _strings(v)
    return {s for s in out if s}


def test_special_characters_survive(matcher):
    from tailor.matching import analyze
    from tailor.posting import parse_job
    from tailor.resume import resume_from_text

    text = ("basics:\n  name: \"Zoë O'Brien & <Co>\"\nwork:\n  - name: Ärzte & Co\n    highlights:\n"
            "      - \"Cut costs 10% <fast> & saved 😀 time\"\n      - \"מנהלת משרד\\x0b with tab\"\n")
    resume = resume_from_text(text, "r.yml")
    app = tailor(resume, analyze(parse_job("Manager\nClinic\n\nCut costs."), matcher, resume))
    paras = [t for _, t in paragraphs(render_docx("resume.docx", {"r": app.resume}))]
    assert "Zoë O'Brien & <Co>" in paras
    assert "Cut costs 10% <fast> & saved 😀 time" in paras
    assert "מנהלת משרד with tab" in paras  # the vertical tab is gone, the words are not


def test_output_is_deterministic(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis)
    assert render_docx("resume.docx", {"r": app.resume}) == render_docx("resume.docx", {"r": app.resume})


@pytest.mark.parametrize("name, message", [
    ("syntax", "template syntax error"),
    ("undefined", "the template uses something tailor does not provide"),
    ("sandbox", "the template tried something not allowed"),
])
def test_broken_user_templates_are_named(name, message):
    folder = DATA / "templates" / name
    with pytest.raises(TemplateError) as err:
        render_docx("resume.docx", {"r": {"name": "A"}}, str(folder))
    assert str(err.value).startswith(f"{folder / 'resume.docx'}: {message}")


def test_text_template_sandbox_blocks_python_internals(tmp_path):
    (tmp_path / "gap-report.md.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError, match="not allowed"):
        render_text("gap-report.md.j2", {}, str(tmp_path))


def test_text_template_syntax_error_has_line(tmp_path):
    (tmp_path / "gap-report.md.j2").write_text("ok\n{% if %}\n")
    with pytest.raises(TemplateError) as err:
        render_text("gap-report.md.j2", {}, str(tmp_path))
    assert str(err.value).startswith(f"{tmp_path / 'gap-report.md.j2'}, line 2: template syntax error")


def test_not_a_word_file(tmp_path):
    (tmp_path / "resume.docx").write_text("plain text")
    with pytest.raises(TemplateError, match="not a usable Word template"):
        render_docx("resume.docx", {}, str(tmp_path))


def test_templates_cannot_read_files(tmp_path):
    (tmp_path / "gap-report.md.j2").write_text("{% include '/etc/passwd' %}")
    with pytest.raises(TemplateError) as err:
        render_text("gap-report.md.j2", {}, str(tmp_path))
    assert str(err.value) == (f"{tmp_path / 'gap-report.md.j2'}: a template may not include other "
                              "files (/etc/passwd)")


def test_very_long_highlight_renders(matcher):
    from tailor.matching import analyze
    from tailor.posting import parse_job
    from tailor.resume import resume_from_text

    long_line = "Supervised front desk staff and " + "reconciled co-pays, " * 600 + "daily."
    resume = resume_from_text(f"work:\n  - name: A\n    highlights:\n      - \"{long_line}\"\n", "r.yml")
    app = tailor(resume, analyze(parse_job("Manager\nClinic\n\nSupervise staff."), matcher, resume))
    paras = [t for _, t in paragraphs(render_docx("resume.docx", {"r": app.resume}))]
    assert long_line in paras


def test_emphasis_is_bold_runs_in_the_same_text(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis, max_highlights=0)
    doc = Document(io.BytesIO(render_docx("resume.docx", {"r": app.resume})))
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    line = next(p for p in bullets if p.text.startswith("Conduct quarterly performance evaluations"))
    assert line.text in app.resume.work[0].highlights
    bold = [r.text for r in line.runs if r.bold and r.text]
    assert "performance evaluations" in bold
    assert all(r.bold is not True for r in line.runs if "quarterly" in r.text)


@pytest.mark.parametrize("source, message", [
    ("{{ 'x' * 10**9 }}", "the repeated text or list would be too long"),  # 10**9 is folded early
    ("{% set n = 9 %}{{ 10 ** (n * 100000) }}", "the power is too large"),
    ("{{ 'x' * 1000000 }}", "the repeated text or list would be too long"),
    ("{{ [0] * 200000 }}", "the repeated text or list would be too long"),
])
def test_templates_cannot_exhaust_memory(tmp_path, source, message):
    (tmp_path / "gap-report.md.j2").write_text(source)
    with pytest.raises(TemplateError, match=message):
        render_text("gap-report.md.j2", {}, str(tmp_path))


def test_a_slow_user_template_is_stopped(tmp_path, monkeypatch):
    import tailor.render

    monkeypatch.setattr(tailor.render, "USER_TEMPLATE_SECONDS", 1)
    (tmp_path / "gap-report.md.j2").write_text(
        "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}")
    with pytest.raises(TemplateError, match="took longer than 1 s to render and was stopped"):
        render_text("gap-report.md.j2", {}, str(tmp_path))


def test_templates_option_must_be_a_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(TemplateError, match="--templates must name a folder"):
        render_text("gap-report.md.j2", {}, str(tmp_path / "file"))


def test_an_edited_template_is_rendered_as_it_now_reads(tmp_path):
    # Compiled templates are kept by their text, so the same template is compiled once in a
    # batch, and an edited one is never rendered from what an older text compiled to.
    path = tmp_path / "gap-report.md.j2"
    path.write_text("first {{ n }}\n", "utf-8")
    assert render_text("gap-report.md.j2", {"n": 1}, str(tmp_path)) == "first 1\n"
    assert render_text("gap-report.md.j2", {"n": 2}, str(tmp_path)) == "first 2\n"
    path.write_text("second {{ n }}\n", "utf-8")
    assert render_text("gap-report.md.j2", {"n": 3}, str(tmp_path)) == "second 3\n"
