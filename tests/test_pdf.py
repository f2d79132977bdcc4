"""--pdf and --pages (issue 9, item 4): both documents as PDF through LibreOffice, page counts
checked with pypdf where LibreOffice is installed (CI installs it), a clear error where not."""

import io

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import tailor.pdf
from tailor.cli import cli
from tailor.pdf import find_soffice

from conftest import EXAMPLES

JOB, RESUME = str(EXAMPLES / "job.txt"), str(EXAMPLES / "resume.yml")
STEMS = ("Dana Okafor - Resume - Riverbend Family Health Partners",
         "Dana Okafor - Cover letter - Riverbend Family Health Partners")
needs_soffice = pytest.mark.skipif(find_soffice() is None,
                                   reason="LibreOffice (soffice) is not installed")


def run(*args):
    return CliRunner().invoke(cli, list(args))


def pages(path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture(scope="module")
def with_pdf(tmp_path_factory):
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("pdf") / "out"
    result = run(JOB, RESUME, "-o", str(out), "--pdf")
    return out, result


@needs_soffice
def test_pdf_writes_both_documents_within_their_pages(with_pdf):
    out, result = with_pdf
    assert result.exit_code == 0, result.output
    resume, letter = (out / f"{STEMS[0]}.pdf"), (out / f"{STEMS[1]}.pdf")
    assert 1 <= pages(resume) <= 2  # the default --pages
    assert pages(letter) == 1
    for pdf in (resume, letter):
        text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
        assert "Dana Okafor" in text, pdf.name
    assert "pages, more than" not in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{s}.{ext}" for s in STEMS for ext in ("docx", "pdf")]
        + ["gap-report.md", "gap-report.html", "analysis.json"])


@needs_soffice
def test_a_resume_longer_than_pages_is_warned(tmp_path, with_pdf):
    out, _ = with_pdf
    if pages(out / f"{STEMS[0]}.pdf") < 2:
        pytest.skip("the example resume fits on one page here")
    result = run(JOB, RESUME, "-o", str(tmp_path / "one"), "--pdf", "--pages", "1")
    assert result.exit_code == 0, result.output
    assert f"{STEMS[0]}.pdf has 2 pages, more than the 1 allowed for the resume" in result.output
    assert "--pages" in result.output


@needs_soffice
def test_force_without_pdf_removes_the_pdfs_of_the_documents_it_rewrites(tmp_path, with_pdf):
    out, _ = with_pdf
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "notes.txt").write_text("mine")
    for p in out.iterdir():
        (mixed / p.name).write_bytes(p.read_bytes())
    assert run(JOB, RESUME, "-o", str(mixed), "--force").exit_code == 0
    assert not list(mixed.glob("*.pdf"))  # stale PDFs would no longer match the documents
    assert (mixed / "notes.txt").read_text() == "mine"


def test_without_libreoffice_the_error_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(tailor.pdf, "find_soffice", lambda: None)
    result = run(JOB, RESUME, "-o", str(tmp_path / "out"), "--pdf")
    assert result.exit_code == 1
    assert result.output.startswith("Error: --pdf needs LibreOffice, which was not found")
    assert "libreoffice-writer" in result.output and "leave out --pdf" in result.output
    assert not (tmp_path / "out").exists()  # nothing written


def test_pages_must_be_a_positive_number(tmp_path):
    result = run(JOB, RESUME, "-o", str(tmp_path / "out"), "--pdf", "--pages", "0")
    assert result.exit_code == 2
    assert "--pages" in result.output
