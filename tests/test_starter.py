"""tailor init: a commented starter resume that is valid as it stands."""

from __future__ import annotations

from click.testing import CliRunner

from tailor.cli import cli
from tailor.resume import load_resume


def test_init_writes_a_valid_commented_starter_and_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "resume.yml").read_text("utf-8")
    assert text.startswith("# Your master resume")
    assert '"Saved 10%: $5k a year"' in text  # the slip to avoid, shown in the comments
    loaded = load_resume("resume.yml")
    assert loaded.warnings == ()
    assert {"basics", "work", "education", "skills"} <= set(loaded.data)

    (tmp_path / "mine.yml").write_text("basics: {name: Me}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", "mine.yml"])
    assert result.exit_code == 1 and "already exists" in result.output
    assert (tmp_path / "mine.yml").read_text("utf-8") == "basics: {name: Me}\n"
    assert CliRunner().invoke(cli, ["init", "mine.yml", "--force"]).exit_code == 0
    assert (tmp_path / "mine.yml").read_text("utf-8") == text
