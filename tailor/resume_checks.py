"""What is valid in a master resume but surely not what the person meant.

Why: YAML accepts a lot that no one means. A one-space indent slip folds twelve highlights into one
1,387-character line that is still valid; a date typed into a highlight, a job with no highlights,
an end before its start or the same line twice are all valid too. Each of these is reported as a
warning that names the field and line, so the person can fix it before tailoring picks from it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from datetime import date

from . import datafile

HIGHLIGHT_SECTIONS = ("work", "volunteer", "projects")
LONG_HIGHLIGHT = 400  # characters: a long real highlight is under 300
_SENTENCE_END = re.compile(r"[.!?;]\s+(?:[-–•*]\s+)?[A-Z]")
_LOST_DASH = re.compile(r"\s[-–•*]\s+[A-Z]")
_NUMBER_OR_DATE = re.compile(
    r"[\s$£€]*[-+]?[\d.,]+\s*%?|(?:19|20)\d\d(?:[-/.]\d{1,2}){0,2}|\d{1,2}/(?:\d{1,2}/)?\d{2,4}|"
    r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d)")


def content_warnings(data: dict, doc: datafile.DataFile, today: date | None = None) -> list[str]:
    """Every warning about the resume's content, in the order of the file."""
    today = today or date.today()
    return [f"{_at(doc, where)}: {where}: {message}" for where, message in
            [*_highlight_warnings(data), *_date_warnings(data, today)]]


def _at(doc: datafile.DataFile, where: str) -> str:
    line = doc.line_of(where)
    return f"{doc.path}, line {line}" if line else doc.path


def _highlight_warnings(data: dict) -> Iterator[tuple[str, str]]:
    texts = [(f"{s}[{i}].highlights[{j}]", h)
             for s in HIGHLIGHT_SECTIONS for i, e in enumerate(_list(data.get(s)))
             if isinstance(e, dict)
             for j, h in enumerate(_list(e.get("highlights"))) if isinstance(h, str)]
    lengths = [len(h) for _, h in texts if h.strip()]
    typical = statistics.median(lengths) if lengths else 0
    seen: dict[str, str] = {}
    for where, text in texts:
        plain = " ".join(text.split())
        if not plain:
            continue
        sentences = len(_SENTENCE_END.findall(plain)) + 1
        dashes = len(_LOST_DASH.findall(plain))
        if dashes >= 2 or sentences >= 4 or (
                len(plain) > LONG_HIGHLIGHT and len(lengths) > 2 and len(plain) > 3 * typical):
            yield where, (f"this highlight is {len(plain):,} characters long"
                          + (f" and holds {sentences} sentences" if sentences > 2 else "")
                          + f" (the others are about {int(typical)}): several highlights run "
                          "together? Each highlight needs its own line starting with '- ', "
                          "indented like the others")
        if _NUMBER_OR_DATE.fullmatch(plain):
            yield where, (f'the highlight is only "{plain}", a number or a date: say what you '
                          "did, or move the date to startDate/endDate")
        key = plain.casefold()
        if key in seen:
            yield where, f"the same highlight as {seen[key]}; keep one of them"
        else:
            seen[key] = where
    for i, entry in enumerate(_list(data.get("work"))):
        if isinstance(entry, dict) and not any(isinstance(h, str) and h.strip()
                                               for h in _list(entry.get("highlights"))):
            name = entry.get("position") or entry.get("name") or "this job"
            yield f"work[{i}]", (f"{name} has no highlights, so tailoring has nothing to choose "
                                 "from it; add what you did there under highlights:")


def _date_warnings(data: dict, today: date) -> Iterator[tuple[str, str]]:
    now = (today.year, today.month, today.day)
    for section in ("work", "volunteer", "projects", "education", "certificates", "awards"):
        for i, entry in enumerate(_list(data.get(section))):
            if not isinstance(entry, dict):
                continue
            start, end = _parse(entry.get("startDate")), _parse(entry.get("endDate"))
            # A degree may end in the future (expected graduation); nothing else may.
            for key in ("startDate", "date") + (("endDate",) if section != "education" else ()):
                value = _parse(entry.get(key))
                if value and value[: len(value)] > now[: len(value)]:
                    yield (f"{section}[{i}].{key}", f'{entry.get(key)} is in the future; '
                           "a typo? (a current job has no endDate)")
            if start and end:
                n = min(len(start), len(end))
                if end[:n] < start[:n]:
                    yield (f"{section}[{i}].endDate", f"ends ({entry.get('endDate')}) before it "
                           f"starts ({entry.get('startDate')}); are the two dates swapped?")


def _parse(value) -> tuple[int, ...] | None:
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    return tuple(int(x) for x in m.groups() if x) if m else None


def _list(value) -> list:
    return value if isinstance(value, list) else []


# --------------------------------------------------------------------------- wrong files

_POSTING_WORDS = re.compile(r"\b(?:responsibilities|requirements|qualifications|we are looking|"
                            r"you will|the ideal candidate|apply|salary|benefits|job description|"
                            r"full[- ]time|part[- ]time|about (?:us|the role))\b", re.IGNORECASE)


def looks_like_a_posting(text: str) -> bool:
    """Plain text that reads like a job posting (several of its usual words), not a resume."""
    return len(set(m.group(0).lower() for m in _POSTING_WORDS.finditer(text[:20_000]))) >= 2
