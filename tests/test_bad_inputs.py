"""The corpus of broken and hostile inputs: each gives its one clear message and changes nothing."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor.cli import cli
from tailor.errors import TailorError

from conftest import DATA, EXAMPLES

BAD = DATA / "bad"
CASES = yaml.safe_load((BAD / "cases.yml").read_text("utf-8"))
JOB, RESUME = str(EXAMPLES / "job.txt"), str(EXAMPLES / "resume.yml")


def test_the_corpus_is_large_and_complete():
    assert len(CASES) >= 30
    on_disk = {p.name for p in BAD.iterdir() if p.name != "cases.yml"}
    assert on_disk == set(CASES), "every file in tests/data/bad needs a case, and every case a file"


def _digest(path: Path) -> str:
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    return hashlib.sha256(b"".join(f.read_bytes() for f in files if f.is_file())).hexdigest()


def _args(name: str, case: dict, out: Path) -> tuple[list[str], str]:
    path = str(BAD / name)
    kind = case["as"]
    if kind == "resume":
        return [JOB, path, "-o", str(out)], path
    if kind == "job":
        return [path, RESUME, "-o", str(out)], path
    if kind == "lexicon":
        return [JOB, RESUME, "--lexicon", path, "-o", str(out)], path
    return [JOB, RESUME, "--templates", path, "-o", str(out)], str(BAD / name / case["file"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_input_gives_one_clear_message(name, tmp_path):
    case = CASES[name]
    out = tmp_path / "out"
    args, shown = _args(name, case, out)
    before = _digest(BAD / name)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {shown}{case['message']}"), result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) <= 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
    assert _digest(BAD / name) == before


@pytest.mark.parametrize("name", ["resume-python-tag.yml", "job-corrupt.pdf", "resume-billion-laughs.yml"])
def test_installed_tool_reports_cleanly(name, tmp_path):
    """The same through a real process: stderr has the message, stdout nothing, no traceback."""
    args, shown = _args(name, CASES[name], tmp_path / "out")
    proc = subprocess.run([sys.executable, "-m", "tailor", *args], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"Error: {shown}{CASES[name]['message']}")
    assert "Traceback" not in proc.stderr


def test_the_example_still_works_after_the_corpus(tmp_path):
    result = CliRunner().invoke(cli, [JOB, RESUME, "-o", str(tmp_path / "ok")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "ok").iterdir())) == 4


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_job_reader_fuzz(tmp_path_factory, data):
    from tailor.posting import parse_job
    from tailor.sources import read_job

    path = tmp_path_factory.mktemp("fuzz") / "job.txt"
    path.write_bytes(data)
    try:
        text, name = read_job(str(path))
    except TailorError:
        return
    parse_job(text, name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=1500).map(lambda b: b.decode("latin-1")), st.text(max_size=1500)))
def test_resume_loader_fuzz(text):
    from tailor.resume import resume_from_text

    for name in ("r.yml", "r.json"):
        try:
            resume_from_text(text, name)
        except TailorError:
            pass


yaml_like = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(["basics", "work", "highlights", "name",
                                                                "startDate", "skills", "keywords", "x"]),
                                               children, max_size=4)),
    max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(yaml_like)
def test_resume_loader_fuzz_structured(value):
    """Any shape of document, valid or not, is either accepted or refused with our error."""
    from tailor.resume import resume_from_text

    try:
        resume_from_text(yaml.safe_dump(value), "r.yml")
    except TailorError:
        pass
