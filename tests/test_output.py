import os
from pathlib import Path

import pytest

from tailor.errors import OutputError
from tailor.output import document_names, is_tailor_file, safe_name, write_outputs

FILES = {"resume.docx": b"R", "cover-letter.docx": b"L", "gap-report.md": b"G", "analysis.json": b"{}"}


def test_new_folder_gets_every_file(tmp_path):
    out = tmp_path / "a" / "b"
    paths = write_outputs(out, FILES)
    assert sorted(p.name for p in paths) == sorted(FILES)
    assert (out / "resume.docx").read_bytes() == b"R"
    assert [p.name for p in tmp_path.joinpath("a").iterdir()] == ["b"]  # no temporary left behind


def test_existing_output_is_refused_and_untouched(tmp_path):
    write_outputs(tmp_path / "o", FILES)
    (tmp_path / "o" / "resume.docx").write_bytes(b"edited by hand")
    with pytest.raises(OutputError) as err:
        write_outputs(tmp_path / "o", {**FILES, "resume.docx": b"new"})
    assert "already holds earlier output" in str(err.value)
    assert (tmp_path / "o" / "resume.docx").read_bytes() == b"edited by hand"


def test_force_replaces_only_our_files(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "resume.docx").write_bytes(b"old")
    write_outputs(out, FILES, force=True)
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "resume.docx").read_bytes() == b"R"
    assert sorted(os.listdir(out)) == sorted([*FILES, "notes.txt"])


def test_empty_existing_folder_is_used(tmp_path):
    write_outputs(tmp_path, FILES)
    assert (tmp_path / "gap-report.md").exists()


def test_path_under_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError) as err:
        write_outputs(tmp_path / "file" / "out", FILES)
    assert str(err.value) == (f"{tmp_path / 'file' / 'out'}: part of this path "
                              f"({tmp_path / 'file'}) is a file, not a folder")


def test_output_path_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="this is a file, not a folder"):
        write_outputs(tmp_path / "file", FILES)


def test_unwritable_folder(tmp_path):
    if os.geteuid() == 0:  # root may write anywhere but to a read-only file system such as /sys
        target = Path("/sys/tailor-test-out")
        if not Path("/sys").is_dir():
            pytest.skip("no read-only /sys to write to as root")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "out"
    with pytest.raises(OutputError) as err:
        write_outputs(target, FILES)
    assert str(err.value) == f"{target}: permission denied: cannot write here; choose another folder with -o"
    assert not target.exists()


@pytest.mark.parametrize("parts, expected", [
    (("A/B Health", "Practice Manager"), "a-b-health-practice-manager"),
    (("../../etc", None), "etc"),
    (("CON", None), "job-con"),
    (("Zoë's Clinic", "Office Manager"), "zoe-s-clinic-office-manager"),
    ((None, None), "job"),
    (("💼", None), "job"),
])
def test_safe_names(parts, expected):
    assert safe_name(*parts) == expected


def test_long_titles_are_cut():
    assert len(safe_name("x" * 300)) <= 60


# ---------------------------------------------------------------- the documents' names (issue 9)
def test_documents_are_named_for_the_person_and_the_employer():
    assert document_names("Dana Okafor", "Riverbend") == (
        "Dana Okafor - Resume - Riverbend", "Dana Okafor - Cover letter - Riverbend")
    assert document_names("Dana Okafor", None) == ("Dana Okafor - Resume",
                                                   "Dana Okafor - Cover letter")
    assert document_names(None, "") == ("Resume", "Cover letter")


@pytest.mark.parametrize("person, employer", [
    ('Dana "D" O/Kafor', 'A<cme> | Health: North\\South?*'),
    ("CON", "aux."), ("  .. ", "\x00\x1fBad\x7f"), ("José Núñez", "Clínica São Paulo..."),
    ("名前" * 80, "会社" * 80), ("Ann - Lee", " - Acme - "), ("x" * 400, "y" * 400),
])
def test_names_are_safe_on_every_system_and_keep_resume_and_letter(person, employer, tmp_path):
    resume, letter = document_names(person, employer)
    assert "resume" in resume.lower() and "letter" in letter.lower()
    for stem in (resume, letter):
        name = stem + ".docx"
        assert not set(name) & set('<>:"/\\|?*') and all(ord(c) >= 32 and c != "\x7f" for c in name)
        assert stem == stem.strip(" .") and len(name.encode("utf-8")) < 255
        assert stem.split(".")[0].lower() not in {"con", "aux", "nul", "prn"}
        (tmp_path / name).write_bytes(b"x")  # the system takes it
        assert is_tailor_file(name) and is_tailor_file(stem + ".pdf")
    assert resume != letter


def test_earlier_names_are_tailors_own(tmp_path):
    out = tmp_path / "o"
    write_outputs(out, FILES)  # the names tailor used before issue 9
    new = {"Dana Okafor - Resume - Riverbend.docx": b"R2",
           "Dana Okafor - Cover letter - Riverbend.docx": b"L2", "gap-report.md": b"G2",
           "gap-report.html": b"H2", "analysis.json": b"{}"}
    with pytest.raises(OutputError) as err:
        write_outputs(out, new)
    assert "earlier output (gap-report.md, analysis.json, cover-letter.docx, resume.docx)" \
        in str(err.value)
    write_outputs(out, new, force=True)  # a folder of only tailor's files: replaced whole
    assert sorted(os.listdir(out)) == sorted(new)
    assert not is_tailor_file("notes.txt") and not is_tailor_file("my resume.docx")


def test_earlier_names_are_replaced_among_other_files(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "resume.docx").write_bytes(b"old")
    (out / "Dana Okafor - Resume - Riverbend.pdf").write_bytes(b"old pdf")
    new = {"Dana Okafor - Resume - Riverbend.docx": b"R2", "gap-report.md": b"G2"}
    write_outputs(out, new, force=True)
    # The old-named resume and the PDF of the document just rewritten without one are gone.
    assert sorted(os.listdir(out)) == sorted([*new, "notes.txt"])
    assert (out / "notes.txt").read_text() == "mine"


def test_a_folder_named_like_an_earlier_document_is_never_removed(tmp_path):
    out = tmp_path / "o"
    (out / "resume.docx").mkdir(parents=True)
    (out / "resume.docx" / "mine.txt").write_text("mine")
    write_outputs(out, {"Dana Okafor - Resume.docx": b"R2"}, force=True)
    assert (out / "resume.docx" / "mine.txt").read_text() == "mine"
    assert (out / "Dana Okafor - Resume.docx").read_bytes() == b"R2"
