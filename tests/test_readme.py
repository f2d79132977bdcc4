"""The README's two commands work where pip refuses to install into the system Python."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _block_after(marker: str) -> str:
    """The command block after a marker, read exactly as .ci/run reads the test command."""
    awk = (f"/<!-- {marker} -->/{{found=1; next}} found && /^```/{{if (inblock) exit; "
           "inblock=1; next} inblock{print}")
    return subprocess.run(["awk", awk, str(ROOT / "README.md")], capture_output=True,
                          text=True, check=True).stdout.strip()


@pytest.mark.parametrize("marker, runs", [("run-command", ".venv/bin/python -m tailor "),
                                          ("test-command", ".venv/bin/python -m pytest")])
def test_each_command_makes_its_own_virtual_environment(marker, runs):
    command = _block_after(marker)
    assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install ")
    assert runs in command
    # Nothing is installed into, or run with, the system Python after the venv is made.
    assert command.count("python3 ") == 1 and "--break-system-packages" not in command


def test_ci_reads_the_same_test_command():
    assert "<!-- test-command -->" in (ROOT / ".ci" / "run").read_text("utf-8")
    assert ".venv/" in (ROOT / ".gitignore").read_text("utf-8").split()


def test_the_readme_says_what_to_type_on_windows():
    text = (ROOT / "README.md").read_text("utf-8")
    assert "py -m venv .venv && .venv\\Scripts\\python -m pip install ." in text
