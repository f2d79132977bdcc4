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


def hash_sources(h, modules: tuple[str, ...]) -> bool:
    """Feed the source of tailor's ``modules`` (line endings aside, so a Windows checkout agrees)
    into the hash ``h``; False where a source cannot be read (an install without sources).

    Why: a file built ahead of time (a compiled lexicon, a fitted TF-IDF space) is valid only for
    the code that built it.
    """
    try:
        for module in modules:
            source = importlib.resources.files("tailor").joinpath(module).read_bytes()
            h.update(source.replace(b"\r\n", b"\n"))
    except OSError:
        return False
    return True
