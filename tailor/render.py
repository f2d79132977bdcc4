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
from functools import lru_cache
from pathlib import Path

from .errors import TemplateError
from .output import note_input
from .resources import data_folder
from .text import clean_xml_text

RESUME_TEMPLATE = "resume.docx"
LETTER_TEMPLATE = "cover-letter.docx"
REPORT_TEMPLATE = "gap-report.md.j2"
REPORT_HTML_TEMPLATE = "gap-report.html.j2"


MAX_SEQUENCE = 100_000  # longest string or list a template may build with * (range: Jinja caps it)
MAX_VALUE = 1_000_000  # longest text or list any one expression of a template may build
MAX_OUTPUT = 5_000_000  # characters one template may produce (a built-in one: about 100,000)
MAX_PIECES = 5_000_000  # pieces of output (empty ones too: a loop printing "" forever)
COMPILED_TEMPLATES = 64  # compiled templates (of their source texts) an environment keeps
# A user's template that renders longer than this is stopped. Four templates are rendered, so a
# run with hostile templates still ends within about a minute.
USER_TEMPLATE_SECONDS = 15


def template_bytes(name: str, folder: str | None = None) -> tuple[bytes, str]:
    """A template's bytes and a name for messages: the user's folder first, then the built-in."""
    if folder:
        note_input(folder)
        if not Path(folder).is_dir():
            raise TemplateError("--templates must name a folder holding resume.docx, "
                                "cover-letter.docx, gap-report.md.j2 or gap-report.html.j2",
                                path=folder)
        path = Path(folder) / name
        if path.is_file():
            try:
                return path.read_bytes(), str(path)
            except OSError as exc:
                raise TemplateError(f"cannot read the template ({exc.strerror})", path=path) from None
    return data_folder("templates").joinpath(name).read_bytes(), f"built-in {name}"


@lru_cache(maxsize=2)
def _environment(autoescape: bool):
    """The sandbox templates render in, one per autoescape setting in a process.

    Why one: compiling a template is most of rendering it (a batch of 35 postings compiled the
    same five templates 560 times, half of its time), so the environment keeps what it compiled,
    by the template's source text; rendering stays a fresh run with its own context.
    """
    from jinja2 import DictLoader, StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from jinja2.compiler import CodeGenerator

    class BoundedCode(CodeGenerator):
        """Compiled templates whose buffers and ``~`` joins are checked as they grow."""

        def buffer(self, frame) -> None:
            frame.buffer = self.temporary_identifier()
            self.writeline(f"{frame.buffer} = environment.bounded_buffer()")

        def visit_Concat(self, node, frame) -> None:
            self.write("environment.bounded_value(")
            super().visit_Concat(node, frame)
            self.write(")")

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The sandbox, also refusing anything that would build a huge string, list or number.

        Why: the sandbox keeps a template from the disk and from Python, not from memory: one
        ``center(400000000)``, a ``~`` doubled in a loop or a loop printing forever would take
        gigabytes. Sizes are checked before the operations that can multiply them, every value
        a call or filter returns is checked, and output is counted as it is produced.
        """

        code_generator_class = BoundedCode
        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def from_string(self, source, globals=None, template_class=None):  # noqa: A002
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            template = self.compiled.get(source)
            if template is None:
                if len(self.compiled) >= COMPILED_TEMPLATES:
                    self.compiled.clear()
                template = self.compiled[source] = super().from_string(source)
            return template

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError("the power is too large")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) \
                            and len(seq) * n > MAX_SEQUENCE:
                        raise SecurityError("the repeated text or list would be too long")
            if operator == "+" and isinstance(left, (str, list, tuple)) \
                    and isinstance(right, (str, list, tuple)) and len(left) + len(right) > MAX_VALUE:
                raise SecurityError("the joined text or list would be too long")
            if operator == "%" and isinstance(left, str):
                _check_format(left)
            return self.bounded_value(super().call_binop(context, operator, left, right))

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
            owner = getattr(__obj, "__self__", None)
            if isinstance(owner, str):
                _check_str_method(getattr(__obj, "__name__", ""), owner, args, kwargs)
            return __self.bounded_value(super().call(__context, __obj, *args, **kwargs))

        def wrap_str_format(self, value):  # "{:9}".format(...): the sandbox wraps it
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            _check_format(str(value.__self__))
            return wrapped

        @staticmethod
        def bounded_value(value):
            if isinstance(value, (str, list, tuple)) and len(value) > MAX_VALUE:
                raise SecurityError(f"a value would be longer than {MAX_VALUE:,} characters or "
                                    "items")
            return value

        @staticmethod
        def bounded_buffer():
            return _BoundedBuffer()

        def concat(self, pieces):  # the whole output of a template, as Template.render joins it
            return "".join(_bounded_stream(pieces))

    # An empty loader: {% include %}, {% import %} and {% extends %} find nothing, never a file.
    env = BoundedSandbox(undefined=StrictUndefined, autoescape=autoescape,
                         keep_trailing_newline=True, loader=DictLoader({}))
    env.compiled = {}  # source text -> its compiled template (from_string)
    env.filters["md"] = markdown_inline
    for name, func in list(env.filters.items()):
        env.filters[name] = _bounded_filter(name, func)
    return env


def _too_big(what: str):
    from jinja2.exceptions import SecurityError

    return SecurityError(f"{what} would be too long (the limit is {MAX_VALUE:,} characters)")


_FORMAT_WIDTH = re.compile(r"\d{6,}")


def _check_format(fmt: str) -> None:
    """A format such as ``%0400000000d`` or ``{:400000000}`` builds a string that wide."""
    if ("%" in fmt or "{" in fmt) and _FORMAT_WIDTH.search(fmt):
        raise _too_big("the formatted text")


def _size(value) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else len(str(value))


def _number(value, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _check_str_method(name: str, text: str, args: tuple, kwargs: dict) -> None:
    """Before a text method or filter that can multiply sizes runs, estimate what it builds."""
    first = args[0] if args else None
    if name in ("center", "ljust", "rjust", "zfill"):
        estimate = max(len(text), _number(first if first is not None else kwargs.get("width")))
    elif name == "expandtabs":
        estimate = len(text) + text.count("\t") * _number(first, 8)
    elif name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = text.count(old) if old else len(text) + 1
        estimate = len(text) + count * max(0, len(new) - len(old))
    elif name == "join" and args and isinstance(first, (list, tuple)):
        estimate = sum(_size(x) for x in first) + len(text) * len(first)
    elif name in ("format", "format_map"):
        _check_format(text)
        return
    else:
        return
    if estimate > MAX_VALUE:
        raise _too_big(f"the result of {name}")


def _bounded_filter(name: str, func):
    """A filter that checks its arguments before it runs and its result after."""
    import functools

    from jinja2.environment import Environment
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    @functools.wraps(func)
    def bounded(*args, **kwargs):
        lead = 0
        while lead < len(args) and isinstance(args[lead], (Environment, EvalContext, Context)):
            lead += 1
        if lead < len(args):
            value = args[lead]
            if name == "join" and not isinstance(value, (str, list, tuple)):
                value = _bounded_list(value)  # a range or generator: counted as it is read
                args = (*args[:lead], value, *args[lead + 1:])
            _check_filter(name, value, list(args[lead + 1:]), kwargs)
        result = func(*args, **kwargs)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_VALUE:
            raise _too_big(f"the result of the filter {name}")
        return result

    return bounded


def _bounded_list(values) -> list:
    from jinja2.exceptions import SecurityError

    out = []
    try:
        for item in values:
            out.append(item)
            if len(out) > MAX_VALUE:
                raise SecurityError(f"a list would be longer than {MAX_VALUE:,} items")
    except TypeError:
        return values  # not iterable: the filter says so itself
    return out


def _check_filter(name: str, value, args: list, kwargs: dict) -> None:
    if name in ("center", "format", "replace"):
        _check_str_method(name, str(value), tuple(args), kwargs)
    elif name == "join":
        sep = args[0] if args else kwargs.get("d", "")
        items = list(value) if isinstance(value, (list, tuple)) else None
        if items is not None and (sum(_size(x) for x in items) + len(str(sep)) * len(items)
                                  > MAX_VALUE):
            raise _too_big("the result of join")
    elif name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        width = width if isinstance(width, str) else " " * min(_number(width, 4), MAX_VALUE + 1)
        text = str(value)
        if len(text) + len(width) * (text.count("\n") + 1) > MAX_VALUE:
            raise _too_big("the result of indent")
    elif name == "wordwrap":
        width = _number(args[0] if args else kwargs.get("width", 79), 79)
        wrap = args[2] if len(args) > 2 else kwargs.get("wrapstring") or "\n"
        text = str(value)
        if len(text) + (len(text) // max(width, 1) + 1) * len(str(wrap)) > MAX_VALUE:
            raise _too_big("the result of wordwrap")
    elif name == "truncate":
        end = args[2] if len(args) > 2 else kwargs.get("end", "...")
        if len(str(end)) > MAX_VALUE:
            raise _too_big("the result of truncate")


class _BoundedBuffer(list):
    """The buffer of a macro, a {% set %} block or a {% filter %} block, bounded as it fills."""

    __slots__ = ("_chars",)

    def __init__(self):
        super().__init__()
        self._chars = 0

    def append(self, piece) -> None:
        self._chars += len(piece) if isinstance(piece, str) else 1
        if self._chars > MAX_OUTPUT or len(self) >= MAX_PIECES:
            raise _output_too_big(len(self) >= MAX_PIECES)
        super().append(piece)

    def extend(self, pieces) -> None:
        for piece in pieces:
            self.append(piece)


def _output_too_big(pieces: bool = False):
    from jinja2.exceptions import SecurityError

    if pieces:
        return SecurityError(f"the template would produce more than {MAX_PIECES:,} pieces of "
                             "output (an endless loop?)")
    return SecurityError(f"the template would produce more than {MAX_OUTPUT:,} characters")


def _bounded_stream(pieces):
    chars = count = 0
    for piece in pieces:
        chars += len(piece)
        count += 1
        if chars > MAX_OUTPUT or count > MAX_PIECES:
            raise _output_too_big(count > MAX_PIECES)
        if piece:
            yield piece


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
            _properties(template.docx, context)
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


def _properties(document, context: dict) -> None:
    """The document's own properties say whose it is and what it is, not "python-docx" and 2013.

    Why: a reader (or an applicant tracking system) shows the title and author of a file; the
    content's ``name``, ``document_title`` and ``written`` (the letter's date) give them.
    """
    import datetime

    content = next((v for v in context.values() if hasattr(v, "document_title")), None)
    if content is None:
        return
    props = document.core_properties
    name = clean_xml_text(getattr(content, "name", "") or "")
    props.author = props.last_modified_by = name
    props.title = clean_xml_text(content.document_title or "")
    props.comments = props.subject = props.keywords = props.category = ""
    written = getattr(content, "written", "")
    try:
        when = datetime.datetime.fromisoformat(written) if written else None
    except ValueError:
        when = None
    if when is not None:
        props.created = props.modified = when
        props.revision = 1


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


def render_text(name: str, context: dict, folder: str | None = None, *,
                autoescape: bool = False) -> str:
    """Render a text template: Markdown as it is, HTML with ``autoescape``."""
    data, label = template_bytes(name, folder)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError("the template is not UTF-8 text", path=label) from None
    with _jinja_errors(label, docx=False):
        return _environment(autoescape).from_string(source).render(context)


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
    except RecursionError:
        raise TemplateError("the template calls itself without end (a macro that calls "
                            "itself?)", path=label) from None
    except MemoryError:
        raise TemplateError("the template needs more memory than there is (it builds "
                            "something huge?)", path=label) from None


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
