"""Reading the user's files into text: encodings, and the formats a job posting comes in.

Why: people feed the tool what they have (a posting pasted into Notepad and saved as UTF-16, a
resume exported from Windows in cp1252, a job page saved from a browser, a PDF). Every reader of a
user file comes through here, so every one of them gives the same clear message for a missing,
empty, binary or unreadable file, and none of them guesses an encoding differently.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

from .errors import JobError, TailorError
from .output import note_input

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_JOB_CHARS = 300_000
# What a reader may unpack or build before the text is known (a 600 KB .docx can unpack to 600 MB,
# an 18 MB page of nested tags takes over a gigabyte as a tree):
MAX_DOCX_UNPACKED = 100 * 1024 * 1024  # all members of a .docx together
MAX_DOCX_XML = 10 * 1024 * 1024  # one XML part (the document text of a long posting is < 1 MB)
MAX_DOCX_MEMBERS = 5_000
MAX_HTML_CHARS = 8_000_000
MAX_HTML_TAGS = 50_000  # a saved job page has a few thousand
MAX_HTML_DEPTH = 500  # tags inside each other

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"\x7fELF", "binary"),
    (b"MZ", "binary"),
    (b"\xd0\xcf\x11\xe0", "ole"),  # old .doc / .xls
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_bytes(path: str | Path, error: type[TailorError], what: str) -> bytes:
    """Read a whole file, turning every OS-level failure into one clear message."""
    p = Path(path)
    note_input(p)
    try:
        if p.is_dir():
            raise error(f"this is a folder, not a {what} file", path=p)
        if p.exists() and not p.is_file():
            # A device or pipe (/dev/zero, a FIFO) could be read forever.
            raise error(f"this is not a regular file (a device or pipe?); give a {what} file",
                        path=p)
        with open(p, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise error(f"the file is larger than the {MAX_FILE_BYTES // (1024 * 1024)} MB limit "
                        f"for a {what} file", path=p)
        return data
    except FileNotFoundError:
        raise error(f"no such {what} file", path=p) from None
    except PermissionError:
        raise error("permission denied: the file cannot be read", path=p) from None
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror or exc})", path=p) from None


def sniff(data: bytes) -> str | None:
    """Name the binary format a file really is, whatever its name says."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def decode(data: bytes, *, path: str, error: type[TailorError], what: str) -> str:
    """Decode text in whatever encoding it was saved in, or say that it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(encoding), path, error, what)
            except UnicodeDecodeError:
                raise error(f"the file starts with a {encoding} byte-order mark but is not "
                            f"valid {encoding}", path=path) from None
    kind = sniff(data)
    if kind is not None:
        raise error(f"this is a {_KIND_NAMES[kind]}, not a text {what} file", path=path)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _check_text(data.decode(utf16), path, error, what)
        except UnicodeDecodeError:
            pass
    try:
        return _check_text(data.decode("utf-8"), path, error, what)
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise error(f"this is a binary file, not a text {what} file", path=path)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        text = str(best) if best is not None else data.decode("latin-1")
    return _check_text(text, path, error, what)


_KIND_NAMES = {
    "pdf": "PDF file", "zip": "zip archive (a Word .docx file?)", "image": "picture",
    "binary": "program or binary file", "ole": "legacy Office (.doc/.xls) file",
}


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark shows as NUL in every other byte of ASCII text."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _check_text(text: str, path: str, error: type[TailorError], what: str) -> str:
    text = text.lstrip("\ufeff")
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise error(f"this is a binary file, not a text {what} file", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- job postings

def read_job(path: str) -> tuple[str, str]:
    """The text of a job posting in any supported format, and the name to call it by.

    ``path`` "-" reads standard input.
    """
    if path == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise JobError("standard input is closed; give the posting as a file, or pipe it in",
                           path="<stdin>")
        try:
            data = stdin.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise JobError(f"standard input cannot be read ({getattr(exc, 'strerror', None) or exc})",
                           path="<stdin>") from None
        if len(data) > MAX_FILE_BYTES:
            raise JobError("standard input is larger than the 20 MB limit for a job posting",
                           path="<stdin>")
        name, suffix = "<stdin>", ""
    else:
        data = read_bytes(path, JobError, "job posting")
        name, suffix = display_path(path), Path(path).suffix.lower()
    kind = sniff(data)
    if kind == "pdf" or (suffix == ".pdf" and kind is None and data[:1024].find(b"%PDF") >= 0):
        text = _pdf_text(data, name)
    elif kind == "zip" or suffix == ".docx":
        text = _docx_text(data, name)
    elif suffix in (".html", ".htm", ".xhtml") or _looks_like_html(data):
        text = _html_text(decode(data, path=name, error=JobError, what="job posting"), name)
    else:
        text = decode(data, path=name, error=JobError, what="job posting")
    text = _SURROGATES.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise JobError("the job posting is empty", path=name,
                       hint="Paste the text of the posting into the file and try again.")
    if len(text) > MAX_JOB_CHARS:
        raise JobError(f"the job posting is {len(text):,} characters long; the limit is "
                       f"{MAX_JOB_CHARS:,}", path=name,
                       hint="Save only the posting itself, not the whole web page or document.")
    return text, name


_SURROGATES = re.compile("[\ud800-\udfff]")


def display_path(path: str | Path) -> str:
    """A path as it can be shown and written in UTF-8: a file name whose bytes are not UTF-8
    (kept by Python as lone surrogates) shows its broken bytes as U+FFFD."""
    text = str(path)
    if not _SURROGATES.search(text):
        return text
    return text.encode("utf-8", "surrogateescape" if _only_escapes(text) else "surrogatepass") \
        .decode("utf-8", "replace")


def _only_escapes(text: str) -> bool:
    return all(0xDC80 <= ord(c) <= 0xDCFF for c in _SURROGATES.findall(text))


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _pdf_text(data: bytes, name: str) -> str:
    import logging

    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PdfReadError, PyPdfError

    # pypdf logs its own complaints about a damaged file; the user gets one message, ours.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are encrypted with an empty password only to stop editing; those open.
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise JobError("the PDF is encrypted in a way tailor cannot open without the "
                               "'cryptography' package", path=name,
                               hint="Copy the posting's text into a .txt file instead.") from None
            except Exception:  # noqa: BLE001 - pypdf raises several types here
                opened = PasswordType.NOT_DECRYPTED
            if opened == PasswordType.NOT_DECRYPTED:
                raise JobError("the PDF is password-protected", path=name,
                               hint="Open it with its password and save or copy the text "
                                    "into a .txt file.")
        pages = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_JOB_CHARS:
                break  # the length check after reading names the limit
    except JobError:
        raise
    except LimitReachedError:
        raise JobError("the PDF holds a compressed stream larger than tailor will unpack (a "
                       "damaged or hostile file?)", path=name,
                       hint="Copy the posting's text into a .txt file instead.") from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, ZeroDivisionError, OverflowError) as exc:
        raise JobError(f"the PDF file is damaged or not a PDF ({type(exc).__name__})",
                       path=name) from None
    text = "\n".join(pages)
    if not text.strip():
        raise JobError("the PDF holds no text (a scanned image?)", path=name,
                       hint="Copy the posting's text into a .txt file instead.")
    return text


def open_docx(data: bytes, name: str, error: type[TailorError] = JobError):
    """A python-docx Document of a Word file, its size checked first (a zip bomb is refused),
    every way python-docx and lxml fail turned into ``error`` naming the file."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    _check_docx_size(data, name, error)
    try:
        return Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise error(f"the Word file is damaged or not a .docx file ({type(exc).__name__})",
                    path=name) from None
    except Exception as exc:  # noqa: BLE001 - lxml raises its own types on broken XML
        raise error(f"the Word file cannot be read ({type(exc).__name__})", path=name) from None


def _docx_text(data: bytes, name: str) -> str:
    doc = open_docx(data, name)
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _check_docx_size(data: bytes, name: str, error: type[TailorError] = JobError) -> None:
    """Refuse a .docx that would unpack to more than a posting could need (a "zip bomb").

    Why: python-docx reads every part into memory, so the sizes the archive declares are checked
    first; Python's zip reader never returns more than a member declares.
    """
    import zipfile

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise error(f"the Word file is damaged or not a .docx file ({type(exc).__name__})",
                    path=name) from None
    if len(members) > MAX_DOCX_MEMBERS:
        raise error(f"the Word file holds {len(members):,} parts; the limit is "
                    f"{MAX_DOCX_MEMBERS:,} (a damaged or hostile file?)", path=name)
    total = sum(m.file_size for m in members)
    big_xml = [m for m in members if m.file_size > MAX_DOCX_XML
               and m.filename.lower().endswith((".xml", ".rels"))]
    if total > MAX_DOCX_UNPACKED or big_xml:
        limit = (f"{MAX_DOCX_XML // (1024 * 1024)} MB in one part" if big_xml
                 else f"{MAX_DOCX_UNPACKED // (1024 * 1024)} MB in all")
        raise error(f"the Word file would unpack to more than {limit}, the limit (a damaged "
                    "or hostile file?)", path=name,
                    hint=("Copy the posting's text into a .txt file instead."
                          if error is JobError else None))


def _check_html_size(html: str, name: str) -> None:
    """Refuse a page too large, with too many tags or tags nested too deep, before parsing it.

    Why: the parsed tree takes about a kilobyte a tag, so a page of millions of tags takes
    gigabytes. The count is one linear scan (a tag is read up to the next "<" or ">").
    """
    if len(html) > MAX_HTML_CHARS:
        raise JobError(f"the web page is {len(html):,} characters long; the limit is "
                       f"{MAX_HTML_CHARS:,}", path=name,
                       hint="Save only the posting's text, or the page without its pictures "
                            "and scripts.")
    tags = depth = deepest = 0
    for m in _TAG.finditer(html):
        tags += not m.group(1)  # start tags only: each is one element of the tree
        if tags > MAX_HTML_TAGS:
            raise JobError(f"the web page has more than {MAX_HTML_TAGS:,} tags; the limit is "
                           f"{MAX_HTML_TAGS:,}", path=name,
                           hint="Save only the posting's text into a .txt file.")
        closing, tag, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if tag in _NO_NESTING or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_HTML_DEPTH:
                raise JobError(f"the web page has tags nested more than {MAX_HTML_DEPTH} deep "
                               "(a damaged or hostile file?)", path=name,
                               hint="Save only the posting's text into a .txt file.")


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})[^<>]{0,10000}?(/?)>")
# Tags that never hold others, or whose end tag may be left out (so they are not counted deep).
_NO_NESTING = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
})


def _html_text(html: str, name: str = "<page>") -> str:
    """The posting inside a saved job page: its schema.org JobPosting data if any, else its text."""
    from bs4 import BeautifulSoup

    _check_html_size(html, name)
    soup = BeautifulSoup(html, "html.parser")
    posting = _json_ld_posting(soup, name)
    if posting is not None:
        return posting
    for tag in soup(["script", "style", "noscript", "template", "svg", "nav", "footer", "head"]):
        tag.decompose()
    return _block_text(soup)


def _block_text(soup) -> str:
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for li in soup.find_all("li"):
        li.insert_before("\n- ")
    text = soup.get_text("\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line == "-" or (not line and out and not out[-1]):
            continue
        out.append(line)
    return re.sub(r"\n- \n", "\n- ", "\n".join(out)).strip()


def _json_ld_posting(soup, name: str = "<page>") -> str | None:
    """The JobPosting of the page's JSON-LD data, if any; data of any other shape is ignored."""
    from bs4 import BeautifulSoup

    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError, RecursionError):
            continue  # not JSON, or nested deeper than anything real: read the page instead
        if isinstance(data, dict):
            graph = data.get("@graph", [data])
            items = graph if isinstance(graph, list) else [graph]
        else:
            items = data if isinstance(data, list) else []
        for item in items:
            if isinstance(item, dict) and item.get("@type") == "JobPosting":
                title = _ld_text(item.get("title"))
                org = item.get("hiringOrganization")
                company = _ld_text(org.get("name") if isinstance(org, dict) else org)
                description = _ld_text(item.get("description"))
                _check_html_size(description, name)
                body = _block_text(BeautifulSoup(description, "html.parser"))
                if body:
                    return "\n".join(x for x in (title, company) if x) + "\n\n" + body
    return None


def _ld_text(value) -> str:
    """A JSON-LD value as text: a string, a number, or nothing (a list or mapping is no text)."""
    if isinstance(value, str):
        return _SURROGATES.sub("\ufffd", value).strip()  # "\ud800" in JSON is no character
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""
