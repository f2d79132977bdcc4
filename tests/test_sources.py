import pytest

from tailor.errors import JobError
from tailor.sources import read_job

from conftest import DATA

TEXT = "Office Manager\nCafé Clinic\n\nSupervise staff – and résumés.\n"


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("cp1252", b""),
])
def test_encodings_are_decoded(tmp_path, encoding, bom):
    path = tmp_path / "job.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    text, _ = read_job(str(path))
    assert text == TEXT


def test_crlf_becomes_newline(tmp_path):
    path = tmp_path / "job.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode())
    assert read_job(str(path))[0] == TEXT


@pytest.mark.parametrize("name, fragment", [
    ("posting.docx", "verify insurance eligibility"),
    ("posting.pdf", "Supervise two records clerks"),
    ("saved-page.html", "Knowledge of HIPAA and insurance verification."),
    ("plain-page.html", "Submit insurance claims and follow up denials."),
])
def test_job_formats(name, fragment):
    text, _ = read_job(str(DATA / "jobs" / name))
    assert fragment in text


def test_saved_page_uses_its_job_posting_data():
    text, _ = read_job(str(DATA / "jobs" / "saved-page.html"))
    assert text.splitlines()[:2] == ["Front Office Supervisor", "Northside Clinic"]
    assert "Cookie banner" not in text and "color: red" not in text


def test_page_without_data_drops_scripts_and_navigation():
    text, _ = read_job(str(DATA / "jobs" / "plain-page.html"))
    assert "tracking" not in text and "Menu" not in text and "Copyright" not in text


def test_standard_input(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-16"))))
    text, name = read_job("-")
    assert text == TEXT and name == "<stdin>"


@pytest.mark.parametrize("content, message", [
    (b"", "the job posting is empty"),
    (b"  \n\t \n", "the job posting is empty"),
    (b"\x00\x01\x02\x03binary\x00\x00\x9f", "this is a binary file, not a text job posting file"),
    (b"\x89PNG\r\n\x1a\n....", "this is a picture, not a text job posting file"),
])
def test_unusable_job_files(tmp_path, content, message):
    path = tmp_path / "job.txt"
    path.write_bytes(content)
    with pytest.raises(JobError) as err:
        read_job(str(path))
    assert str(err.value).startswith(f"{path}: {message}")


def test_missing_and_folder(tmp_path):
    with pytest.raises(JobError, match="no such job posting file"):
        read_job(str(tmp_path / "nope.txt"))
    with pytest.raises(JobError, match="this is a folder, not a job posting file"):
        read_job(str(tmp_path))


@pytest.mark.parametrize("name, content, message", [
    ("bad.pdf", b"%PDF-1.4\nthis is not really a pdf", "the PDF file is damaged or not a PDF"),
    ("bad.docx", b"PK\x03\x04 not a real zip", "the Word file is damaged or not a .docx file"),
])
def test_corrupt_documents(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(JobError, match=message):
        read_job(str(path))


def test_very_large_posting_is_refused_clearly(tmp_path):
    path = tmp_path / "job.txt"
    path.write_text("Supervise staff. " * 30000)
    with pytest.raises(JobError, match="characters long; the limit is 300,000"):
        read_job(str(path))


@pytest.mark.skipif(not __import__("os").path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_not_read_forever():
    with pytest.raises(JobError, match="this is not a regular file"):
        read_job("/dev/zero")
