"""The master resume: a JSON Resume document in YAML or JSON, loaded and validated.

Why: the resume is the only source of truth for what the applicant may claim, so it is validated
against the JSON Resume schema (the format other resume tools share) before anything is built from
it, and every complaint names the field path and, for YAML, the line, so a person can fix it.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from . import datafile
from .errors import ResumeError
from .models import Highlight, Resume
from .resume_checks import content_warnings
from .sources import decode, display_path, read_bytes, sniff

HIGHLIGHT_SECTIONS = ("work", "volunteer", "projects")
_DATE_FIELDS = {"startDate", "endDate", "date", "releaseDate", "lastModified"}
MAX_RESUME_CHARS = 1_000_000  # a long real resume is under 50,000
MAX_HIGHLIGHTS = 2_000  # highlights in all sections together; a real resume has under 200


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Resume schema (MIT, jsonresume/resume-schema), shipped inside the package."""
    return json.loads(resources.files("tailor").joinpath("schema/resume.schema.json")
                      .read_text("utf-8"))


def load_resume(path: str) -> Resume:
    """Read, validate and index a resume file; raise ResumeError naming the field and line."""
    raw = read_bytes(path, ResumeError, "resume")
    if sniff(raw) in ("zip", "pdf"):
        raise ResumeError(f"{path} is a Word or PDF document, not a JSON Resume (YAML) file",
                          hint=f"If it is your resume, make a YAML draft of it first: "
                               f"tailor import {path} -o resume.yml (if it is the posting, "
                               "the order is: tailor JOB RESUME).")
    text = decode(raw, path=path, error=ResumeError, what="resume")
    return resume_from_text(text, path)


def _not_a_resume(text: str, path: str) -> None:
    """A posting or a plain-text resume given where the YAML resume goes: say what it is."""
    from .resume_checks import looks_like_a_posting

    if looks_like_a_posting(text):
        raise ResumeError(f"{path} looks like a posting, not a resume: did you swap JOB and "
                          "RESUME?", hint="The order is: tailor JOB RESUME (e.g. tailor "
                                          "job.txt resume.yml).")
    if path.lower().endswith((".txt", ".md", ".markdown", ".text")):
        raise ResumeError(f"{path} is plain text, not a JSON Resume (YAML) file",
                          hint=f"If it is your resume, make a YAML draft of it first: "
                               f"tailor import {path} -o resume.yml")


def resume_from_text(text: str, path: str) -> Resume:
    if len(text) > MAX_RESUME_CHARS:
        raise ResumeError(f"the resume is {len(text):,} characters long; the limit is "
                          f"{MAX_RESUME_CHARS:,}", path=path,
                          hint="Keep one master resume of your own work, not a collection.")
    try:
        doc = datafile.load(text, path, ResumeError)
    except ResumeError:
        _not_a_resume(text, path)
        raise
    data = doc.data
    if not isinstance(data, dict):
        _not_a_resume(text, path)
        kind = "a list" if isinstance(data, list) else f"a single value ({_kind_of(data)})"
        raise ResumeError(f"the resume is {kind}; it must be a mapping with sections such as "
                          "basics:, work: and education:", path=path, line=1,
                          hint="See examples/resume.yml for the layout.")
    data = _normalize_dates(data)
    _validate(data, doc)
    warnings = tuple(_typo_warnings(data, schema(), [], doc)) + tuple(content_warnings(data, doc))
    return Resume(data=data, path=display_path(path), highlights=tuple(_highlights(data, path)), warnings=warnings)


def _normalize_dates(value: Any, key: str | None = None) -> Any:
    """A year written without quotes (``endDate: 2019``) is the date "2019", as the person meant."""
    if isinstance(value, dict):
        return {k: _normalize_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalize_dates(v) for v in value]
    if key in _DATE_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _validate(data: dict, doc: datafile.DataFile) -> None:
    from jsonschema import Draft7Validator, FormatChecker

    validator = Draft7Validator(schema(), format_checker=FormatChecker(formats=("email",)))
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)),
                                                                e.validator))
    if not errors:
        return
    err = errors[0]
    where = datafile.field_path(err.absolute_path) or "the document"
    message, hint = _describe(err)
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" \
        if len(errors) > 1 else ""
    raise ResumeError(f"{where}: {message}{more}", path=doc.path,
                      line=doc.line_of(where) if err.absolute_path else None, hint=hint)


_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping (fields with values)",
               "number": "a number", "integer": "a whole number", "boolean": "true or false"}


def _describe(err) -> tuple[str, str | None]:
    value = err.instance
    if err.validator == "type":
        want = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        got = _kind_of(value)
        hint = None
        if value is None:
            hint = "Give it a value, or delete the line."
        elif want == "string" and isinstance(value, (int, float, bool)):
            hint = 'Put the value in quotes, e.g. phone: "555-0100".'
        elif want == "array":
            hint = "Write a list, one item a line, each starting with '- '."
        elif want == "string" and isinstance(value, dict) and len(value) == 1:
            key, rest = next(iter(value.items()))
            hint = (f'The line holds ": " (after "{key}"), so YAML read it as a field: put the '
                    f'line in quotes, e.g. - "{key}: {rest if rest is not None else ""}"')
        return f"must be {_TYPE_NAMES.get(want, want)}, not {got}", hint
    if err.validator == "pattern":
        return (f"{value!r} is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
                "For example: startDate: 2019-03")
    if err.validator == "format":
        return f"{value!r} is not a valid {err.validator_value} address", None
    return err.message, None


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _typo_warnings(value: Any, node: dict, parts: list, doc: datafile.DataFile):
    """Unknown keys are allowed, as the schema allows them, but a near-miss is worth a warning."""
    if isinstance(value, dict) and "properties" in node:
        known = list(node["properties"])
        for key, sub in value.items():
            if key in node["properties"]:
                yield from _typo_warnings(sub, node["properties"][key], parts + [key], doc)
                continue
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.8)
            if close:
                where = datafile.field_path(parts + [key])
                line = doc.line_of(where)
                at = f"{doc.path}, line {line}" if line else doc.path
                yield (f'{at}: unknown field "{where}"; did you mean "{close[0]}"? '
                       f"(the field is kept but not used)")
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, item in enumerate(value):
            yield from _typo_warnings(item, node["items"], parts + [i], doc)


def _highlights(data: dict, path: str | None = None) -> list[Highlight]:
    out = []
    for section in HIGHLIGHT_SECTIONS:
        for i, entry in enumerate(data.get(section) or []):
            for j, text in enumerate(entry.get("highlights") or []):
                if text.strip():
                    out.append(Highlight(text, f"{section}[{i}].highlights[{j}]", section, i, j))
    if len(out) > MAX_HIGHLIGHTS:
        raise ResumeError(f"the resume has {len(out):,} highlights; the limit is "
                          f"{MAX_HIGHLIGHTS:,}", path=path,
                          hint="Keep the highlights you would really show; tailor picks among them.")
    return out


def dates_named(data: dict) -> list:
    """Every date the resume names (entries, schooling, certificates, awards), as written.

    Why: "how long ago" is measured against the resume's own latest date, not today's, so the
    same inputs give the same documents and report on any day; tailoring and advice both do.
    """
    return [item.get(key)
            for section in ("work", "volunteer", "projects", "education", "certificates",
                            "awards")
            for item in data.get(section) or [] if isinstance(item, dict)
            for key in ("startDate", "endDate", "date")]
