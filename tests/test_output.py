import os
from pathlib import Path

import pytest

from tailor.errors import OutputError
from tailor.output import safe_name, write_outputs

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
