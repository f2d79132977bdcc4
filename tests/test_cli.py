import datetime
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tailor.cli import cli

from conftest import EXAMPLES

JOB = str(EXAMPLES / "job.txt")
RESUME = str(EXAMPLES / "resume.yml")
# The example's documents, named for the person and the employer (issue 9).
RESUME_DOC = "Dana Okafor - Resume - Riverbend Family Health Partners.docx"
LETTER_DOC = "Dana Okafor - Cover letter - Riverbend Family Health Partners.docx"


def example_highlight_count() -> int:
    import yaml

    data = yaml.safe_load((EXAMPLES / "resume.yml").read_text("utf-8"))
    return sum(len(e.get("highlights", [])) for key in ("work", "volunteer", "projects")
               for e in data.get(key, []))


@pytest.fixture
def run():
    def _run(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input)
    return _run


def test_main_job_writes_three_documents_and_the_analysis(run, tmp_path):
    out = tmp_path / "out"
    result = run(JOB, RESUME, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["analysis.json", LETTER_DOC, "gap-report.html", "gap-report.md", RESUME_DOC])
    assert result.output.startswith("Match score: ")
    assert f"Wrote to {out}/:" in result.output


def test_second_run_is_refused_without_force(run, tmp_path):
    out = tmp_path / "out"
    run(JOB, RESUME, "-o", str(out))
    result = run(JOB, RESUME, "-o", str(out))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {out}: the output folder already holds earlier output ({RESUME_DOC}, "
        f"{LETTER_DOC}, gap-report.md, gap-report.html, analysis.json); nothing was changed\n"
        "  Use --force to replace tailor's files in it, or -o for a new folder.\n")
    assert run(JOB, RESUME, "-o", str(out), "--force").exit_code == 0


def test_same_inputs_same_files(run, tmp_path):
    run(JOB, RESUME, "-o", str(tmp_path / "a"))
    run(JOB, RESUME, "-o", str(tmp_path / "b"))
    for name in (RESUME_DOC, LETTER_DOC, "gap-report.md", "gap-report.html", "analysis.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_default_folder_is_named_safely(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(JOB, RESUME)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tailored-riverbend-family-health-partners-medical-office-manager").is_dir()


def test_analyze_json_follows_the_contract(run):
    result = run("analyze", JOB, "--resume", RESUME, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["job"]["title"] == "Medical Office Manager"
    assert data["job"]["company"] == "Riverbend Family Health Partners"
    scores = [c["score"] for c in data["concepts"]]
    assert scores == sorted(scores, reverse=True)
    for c in data["concepts"]:
        assert set(c) >= {"id", "name", "score", "evidence", "in_resume", "resume_evidence"}
        assert isinstance(c["in_resume"], bool)
        assert all(e in (EXAMPLES / "job.txt").read_text("utf-8") for e in c["evidence"])
    assert len(data["highlights"]) == example_highlight_count()
    assert all(set(h) >= {"text", "where", "score", "concepts"} for h in data["highlights"])
    assert 0 <= data["match"]["score"] <= 100


def test_analyze_without_resume_has_null_in_resume(run):
    data = json.loads(run("analyze", JOB, "--format", "json").output)
    assert all(c["in_resume"] is None for c in data["concepts"])
    assert "highlights" not in data


def test_analyze_text_is_readable(run):
    result = run("analyze", JOB, "--resume", RESUME)
    assert result.output.startswith("Job: Medical Office Manager at Riverbend Family Health Partners\n")
    assert "[GAP]" in result.output and "[shown]" in result.output


def test_analyze_reads_standard_input(run):
    result = run("analyze", "-", "--format", "json", input="Biller\nAcme\n\nSubmit CPT claims.\n")
    assert json.loads(result.output)["job"]["company"] == "Acme"


def test_validate(run):
    result = run("validate", RESUME)
    assert (result.exit_code, result.output) == (
        0, f"{RESUME}: valid JSON Resume ({example_highlight_count()} highlights)\n")


def test_validate_names_the_field(run, tmp_path):
    bad = tmp_path / "r.yml"
    bad.write_text("basics:\n  name: A\nwork: null\n")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert result.output == (f"Error: {bad}, line 3: work: must be a list, not empty (null)\n"
                             "  Give it a value, or delete the line.\n")


def test_lexicon_json(run):
    data = json.loads(run("lexicon", "--format", "json").output)
    assert {"skill.leadership", "soft.ehr", "cred.cmpe"} <= {e["id"] for e in data}
    assert all({"id", "name", "kind", "aliases"} <= set(e) for e in data)


def test_lexicon_eval(run, shared):
    dev = shared / "eval" / "dev"
    result = run("lexicon", "eval", str(dev / "jobs"), str(dev / "job-labels.jsonl"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == ["method", "precision", "recall", "F1", "NDCG@10"]


def test_usage_errors_exit_2(run):
    assert run(JOB).exit_code == 2
    assert run("analyze", JOB, "--format", "xml").exit_code == 2


def test_missing_job_file(run, tmp_path):
    result = run(str(tmp_path / "none.txt"), RESUME, "-o", str(tmp_path / "o"))
    assert (result.exit_code, result.output) == (1, f"Error: {tmp_path / 'none.txt'}: no such job "
                                                    "posting file\n")
    assert not (tmp_path / "o").exists()


def test_debug_shows_the_traceback(run, tmp_path):
    result = run("--debug", "validate", str(tmp_path / "none.yml"))
    assert result.exit_code == 1
    assert result.exception is not None and type(result.exception).__name__ == "ResumeError"


def test_warning_for_a_likely_typo(tmp_path):
    bad = tmp_path / "r.yml"
    bad.write_text("work:\n  - name: A\n    hightlights: [x]\n")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 0
    assert f'Warning: {bad}, line 3: unknown field "work[0].hightlights"' in result.output


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from tailor.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sklearn', 'docx', 'docxtpl', 'jinja2', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_python_dash_m(tmp_path):
    out = subprocess.run([sys.executable, "-m", "tailor", "validate", RESUME], capture_output=True,
                         text=True, cwd=tmp_path)
    assert out.returncode == 0 and "valid JSON Resume" in out.stdout


def test_every_command_has_help_text():
    for name, command in cli.commands.items():
        assert command.help, name


def test_cli_only_forwards_arguments(monkeypatch, tmp_path):
    """The make command passes its options to the library function unchanged."""
    import tailor.pipeline as pipeline

    seen = {}

    def fake(job, resume, out, **kw):
        seen.update(job=job, resume=resume, out=out, **kw)
        raise SystemExit(0)

    monkeypatch.setattr(pipeline, "tailor_application", fake)
    CliRunner().invoke(cli, ["j.txt", "r.yml", "-o", "d", "--force", "--company", "C", "--role", "R",
                             "--lexicon", "x.yml", "--templates", "t", "--max-highlights", "3",
                             "--pdf", "--pages", "3", "--date", "2026-03-04"])
    assert seen == {"job": "j.txt", "resume": "r.yml", "out": "d", "force": True, "lexicons": ("x.yml",),
                    "templates": "t", "company": "C", "role": "R", "max_highlights": 3,
                    "pdf": True, "pages": 3, "date": datetime.date(2026, 3, 4)}


def test_options_may_come_first(run, tmp_path):
    result = run("-o", str(tmp_path / "out"), "--max-highlights", "0", JOB, RESUME)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / RESUME_DOC).exists()


def test_bare_command_shows_help(run):
    result = run()
    assert "Usage:" in result.output
