"""Where the shipped data lives: the built-in lexicons, templates and the resume schema.

Why: installed, the folders ``skill_lexicon/`` and ``templates/`` are the subpackages
``tailor.skill_lexicon`` and ``tailor.templates`` (setup.cfg maps them). But ``python -m tailor``
run inside a checkout imports the source ``tailor/`` first, which does not contain them; the
checkout's top-level folders are then the same data, so they are used instead.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def data_folder(name: str):
    """The folder of packaged data ``name`` ("skill_lexicon" or "templates"), as a Traversable."""
    try:
        return importlib.resources.files(f"tailor.{name}")
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parent.parent / name
        if checkout.is_dir():
            return checkout
        raise
