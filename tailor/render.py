"""Filling the Word and Markdown templates: tailored content in, document bytes out.

Why: templates are how a person or a coach makes the documents their own, so a template may come
from anyone. They are therefore rendered in Jinja's sandbox (no file access, no Python internals),
with StrictUndefined (a misspelt variable fails loudly instead of printing nothing) and, for Word,
with autoescaping so that "&" and "<" in a resume cannot break the document's XML. Rendering
returns bytes and writes nothing: output.py alone decides what reaches the disk.
"""

from __future__ import annotations

import io
import re
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from .errors import TemplateError
from .resources import data_folder
from .text import clean_xml_text

RESUME_TEMPLATE = "resume.docx"
LETTER_TEMPLATE = "cover-letter.docx"
REPORT_TEMPLATE = "gap-report.md.j2"


MAX_SEQUENCE = 100_000  # longest string or list a template may build with * (range: Jinja caps it)
USER_TEMPLATE_SECONDS = 30  # a user's template that renders longer than this is stopped


def template_bytes(name: str, folder: str | None = None) -> tuple[bytes, str]:
    """A template's bytes and a name for messages: the user's folder first, then the built-in."""
    if folder:
        if not Path(folder).is_dir():
            raise TemplateError("--templates must name a folder holding resume.docx, "
                                "cover-letter.docx or gap-report.md.j2", path=folder)
        path = Path(folder) / name
        if path.is_file():
            try:
                return path.read_bytes(), str(path)
            except OSError as exc:
                raise TemplateError(f"cannot read the template ({exc.strerror})", path=path) from None
    return data_folder("templates").joinpath(name).read_bytes(), f"built-in {name}"


def _environment(autoescape: bool):
    from jinja2 import DictLoader, StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The sandbox, also refusing arithmetic that would build huge strings or numbers."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError("the power is too large")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) \
                            and len(seq) * n > MAX_SEQUENCE:
                        raise SecurityError("the repeated text or list would be too long")
            return super().call_binop(context, operator, left, right)

    # An empty loader: {% include %}, {% import %} and {% extends %} find nothing, never a file.
    env = BoundedSandbox(undefined=StrictUndefined, autoescape=autoescape,
                         keep_trailing_newline=True, loader=DictLoader({}))
    env.filters["md"] = markdown_inline
    return env


def markdown_inline(value) -> str:
    """Text made safe inside one Markdown table cell or list item: one line, no stray markup."""
    text = " ".join(clean_xml_text(str(value)).split())
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_docx(name: str, context: dict, folder: str | None = None) -> bytes:
    """Render one Word template with the given (already tailored) content."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    data, label = template_bytes(name, folder)
    try:
        with _jinja_errors(label, docx=True):
            template = DocxTemplate(io.BytesIO(data))
            template.render(_clean(context), jinja_env=_environment(True), autoescape=True)
            out = io.BytesIO()
            template.save(out)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"not a usable Word template ({type(exc).__name__}: {exc})",
                            path=label) from None
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml and docx raise many types on broken files
        raise TemplateError(f"the Word template cannot be rendered ({type(exc).__name__}: {exc})",
                            path=label) from None
    return _fixed_timestamps(out.getvalue())


def _fixed_timestamps(docx: bytes) -> bytes:
    """The same document as bytes that do not depend on the clock (zip entries carry times).

    Why: same inputs, same outputs, so a person (or a test) can tell that nothing changed.
    """
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_text(name: str, context: dict, folder: str | None = None) -> str:
    """Render a text (Markdown) template."""
    data, label = template_bytes(name, folder)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError("the template is not UTF-8 text", path=label) from None
    with _jinja_errors(label, docx=False):
        return _environment(False).from_string(source).render(context)


@contextmanager
def _jinja_errors(label: str, *, docx: bool):
    """Turn Jinja's errors into one TemplateError naming the template and the failing tag.

    In a text template the tag is given by its line; in a Word template, by the text around it.
    """
    import jinja2

    def fail(message: str, exc, hint: str | None = None) -> TemplateError:
        near = _tag(exc) if docx else ""
        line = getattr(exc, "lineno", None) if not docx else None
        return TemplateError(message + near, path=label, line=line, hint=hint)

    try:
        with _time_limit(USER_TEMPLATE_SECONDS if not label.startswith("built-in") else None):
            yield
    except _TooSlow:
        raise TemplateError(f"the template took longer than {USER_TEMPLATE_SECONDS} s to render "
                            "and was stopped (an endless or huge loop?)", path=label) from None
    except jinja2.TemplateSyntaxError as exc:
        raise fail(f"template syntax error: {exc.message}", exc) from None
    except jinja2.UndefinedError as exc:
        raise fail(f"the template uses something tailor does not provide: {exc.message}", exc,
                   "See README, 'Templates', for the variables a template can use.") from None
    except jinja2.exceptions.SecurityError as exc:
        raise fail(f"the template tried something not allowed: {exc}", exc) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"a template may not include other files ({exc.name})",
                            path=label) from None
    except jinja2.TemplateError as exc:
        raise fail(f"the template cannot be rendered: {exc}", exc) from None


class _TooSlow(Exception):
    pass


@contextmanager
def _time_limit(seconds: int | None):
    """Stop a user's template that runs too long (POSIX main thread only; elsewhere no limit)."""
    import signal
    import threading

    if (seconds is None or not hasattr(signal, "SIGALRM")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _tag(exc) -> str:
    """The text around the failing tag, which docxtpl attaches to the exception."""
    lines = [x.strip() for x in getattr(exc, "docx_context", None) or [] if x and x.strip()]
    return f" (near: {' / '.join(lines[:3])[:160]})" if lines else ""


def _clean(value):
    """Content with XML-forbidden characters removed and line breaks folded, ready for Word."""
    if isinstance(value, str):
        # Runs of white space (line breaks included) become one space; edges stay, so the
        # segments of an emphasised highlight still join with their spaces.
        return re.sub(r"\s+", " ", clean_xml_text(value))
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return _clean(asdict(value))
    return value
