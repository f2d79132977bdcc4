"""The one family of errors a user can cause, and how each is reported.

Why: every stage raises a subclass of ``TailorError`` with a message written for the person at the
keyboard (file, line or field, what is wrong, how to fix it). The CLI turns the base class into a
clean message and exit status at one place, so no stage needs to know about click and no traceback
ever reaches the user for a mistake in their input.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_INPUT = 1  # a problem with an input file, a template or the output folder
EXIT_USAGE = 2  # the command line itself is wrong (click's own convention)


class TailorError(Exception):
    """A problem the user can fix; its text is the whole message shown to them."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None,
                 hint: str | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint
        self.detail = message
        super().__init__(self.format())

    def format(self) -> str:
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}, line {self.line}"
            where += ": "
        text = where + self.detail
        if self.hint:
            text += f"\n  {self.hint}"
        return text


class ResumeError(TailorError):
    """The resume file cannot be read or is not a valid JSON Resume document."""


class JobError(TailorError):
    """The job posting cannot be read as text."""


class LexiconError(TailorError):
    """A skill lexicon file is malformed."""


class TemplateError(TailorError):
    """A document template is broken or tries something it may not do."""


class OutputError(TailorError):
    """The output folder cannot be written, or would overwrite earlier output."""


class UsageError(TailorError):
    """The command line asks for something impossible; reported like click's usage errors."""

    exit_code = EXIT_USAGE
