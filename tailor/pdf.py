"""The documents as PDF, through LibreOffice (``soffice --headless --convert-to pdf``).

Why: many employers and portals ask for PDF, and what a person sends must look the same on the
employer's screen as on theirs. LibreOffice lays out .docx the way Word does closely enough, runs
offline, and is packaged everywhere; tailor does not bundle it, so when it is missing the error
says which package to install. Each run uses its own throw-away LibreOffice profile, so that it
neither disturbs nor waits on a LibreOffice the person has open. Nothing is written outside a
temporary folder: output.py alone decides what reaches the output folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import TailorError

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 180
_INSTALL = ("Install LibreOffice (Debian or Ubuntu: sudo apt install libreoffice-writer; Fedora: "
            "sudo dnf install libreoffice-writer; macOS: brew install --cask libreoffice; "
            "Windows: from libreoffice.org), or leave out --pdf.")


class PdfError(TailorError):
    """The documents cannot be converted to PDF (LibreOffice missing or failing)."""


def find_soffice() -> str | None:
    """LibreOffice's command, on the PATH or where macOS and Windows install it."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for path in ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                 r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if os.path.isfile(path):
            return path
    return None


def docx_to_pdf(documents: dict[str, bytes]) -> dict[str, bytes]:
    """Each ``name.docx`` (name -> bytes) as ``name.pdf`` (name -> bytes)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("--pdf needs LibreOffice, which was not found (no soffice command)",
                       hint=_INSTALL)
    with tempfile.TemporaryDirectory(prefix="tailor-pdf-") as tmp:
        work = Path(tmp)
        sources = []
        for i, (name, data) in enumerate(documents.items()):
            src = work / f"document-{i}.docx"  # plain names: LibreOffice is given no odd ones
            src.write_bytes(data)
            sources.append((name, src))
        profile = (work / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work / "pdf"),
                   *(str(src) for _, src in sources)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                  timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice took longer than {TIMEOUT_SECONDS} s to convert the "
                           "documents to PDF and was stopped", path=soffice) from None
        except OSError as exc:
            raise PdfError(f"LibreOffice cannot be run ({exc.strerror or exc})", path=soffice,
                           hint=_INSTALL) from None
        out = {}
        for name, src in sources:
            pdf = work / "pdf" / (src.stem + ".pdf")
            if not pdf.is_file():
                said = " ".join((done.stderr or done.stdout or "").split())[:300]
                raise PdfError(f"LibreOffice did not convert {name} to PDF (exit status "
                               f"{done.returncode}{': ' + said if said else ''})", path=soffice)
            out[name[:-len(".docx")] + ".pdf"] = pdf.read_bytes()
        return out


def page_count(data: bytes) -> int:
    """How many pages a PDF has."""
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def check_pages(resume: tuple[str, bytes], letter: tuple[str, bytes], pages: int) -> list[str]:
    """A warning when the resume's PDF (name, bytes) is longer than ``pages`` or the letter's
    longer than one page."""
    warnings = []
    for (name, data), most, what, fix in (
            (resume, pages, "the resume", "shorten it (fewer highlights with --max-highlights) "
                                          "or allow more pages with --pages"),
            (letter, 1, "the letter", "shorten its summary or points")):
        count = page_count(data)
        if count > most:
            warnings.append(f"{name} has {count} pages, more than the {most} allowed for {what}; "
                            f"{fix}")
    return warnings
