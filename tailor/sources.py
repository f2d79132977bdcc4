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

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_JOB_CHARS = 300_000

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
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise JobError("standard input is larger than the 20 MB limit for a job posting",
                           path="<stdin>")
        name, suffix = "<stdin>", ""
    else:
        data = read_bytes(path, JobError, "job posting")
        name, suffix = path, Path(path).suffix.lower()
    kind = sniff(data)
    if kind == "pdf" or (suffix == ".pdf" and kind is None and data[:1024].find(b"%PDF") >= 0):
        text = _pdf_text(data, name)
    elif kind == "zip" or suffix == ".docx":
        text = _docx_text(data, name)
    elif suffix in (".html", ".htm", ".xhtml") or _looks_like_html(data):
        text = _html_text(decode(data, path=name, error=JobError, what="job posting"))
    else:
        text = decode(data, path=name, error=JobError, what="job posting")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise JobError("the job posting is empty", path=name,
                       hint="Paste the text of the posting into the file and try again.")
    if len(text) > MAX_JOB_CHARS:
        raise JobError(f"the job posting is {len(text):,} characters long; the limit is "
                       f"{MAX_JOB_CHARS:,}", path=name,
                       hint="Save only the posting itself, not the whole web page or document.")
    return text, name


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _pdf_text(data: bytes, name: str) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs its own complaints about a damaged file; the user gets one message, ours.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types here
                raise JobError("the PDF is password-protected", path=name) from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except JobError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError) as exc:
        raise JobError(f"the PDF file is damaged or not a PDF ({type(exc).__name__})",
                       path=name) from None
    text = "\n".join(pages)
    if not text.strip():
        raise JobError("the PDF holds no text (a scanned image?)", path=name,
                       hint="Copy the posting's text into a .txt file instead.")
    return text


def _docx_text(data: bytes, name: str) -> str:
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise JobError(f"the Word file is damaged or not a .docx file ({type(exc).__name__})",
                       path=name) from None
    except Exception as exc:  # noqa: BLE001 - lxml raises its own types on broken XML
        raise JobError(f"the Word file cannot be read ({type(exc).__name__})", path=name) from None
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _html_text(html: str) -> str:
    """The posting inside a saved job page: its schema.org JobPosting data if any, else its text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    posting = _json_ld_posting(soup)
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


def _json_ld_posting(soup) -> str | None:
    from bs4 import BeautifulSoup

    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and item.get("@type") == "JobPosting":
                title = str(item.get("title") or "").strip()
                org = item.get("hiringOrganization")
                company = str(org.get("name") if isinstance(org, dict) else org or "").strip()
                body = _block_text(BeautifulSoup(str(item.get("description") or ""), "html.parser"))
                if body:
                    return "\n".join(x for x in (title, company) if x) + "\n\n" + body
    return None
