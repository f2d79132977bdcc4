"""Shared fixtures: real files under tests/data and examples/, and the shared/ folder beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (the contract, concepts and fixtures); required in CI, optional elsewhere."""
    path = ROOT.parent / "shared"
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run beside shared/")
        pytest.skip("../shared is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def lexicon():
    from tailor.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture(scope="session")
def matcher(lexicon):
    from tailor.matching import matcher_for

    return matcher_for(lexicon)


@pytest.fixture(scope="session")
def example_resume():
    from tailor.resume import load_resume

    return load_resume(str(EXAMPLES / "resume.yml"))


@pytest.fixture(scope="session")
def example_job():
    from tailor.posting import parse_job

    text = (EXAMPLES / "job.txt").read_text("utf-8")
    return parse_job(text, "examples/job.txt")


@pytest.fixture(scope="session")
def example_analysis(example_job, matcher, example_resume):
    from tailor.matching import analyze

    return analyze(example_job, matcher, example_resume)
