"""Writing the output folder: all or nothing, and never over the person's files unless asked.

Why: a run that fails half-way must not leave a resume without its letter, and a second run must
not silently replace documents the person has since edited by hand. So every file is rendered in
memory first; a new folder is filled under a temporary name and renamed into place in one step;
an existing folder is only touched with --force, and then only the files tailor writes are
replaced, each by an atomic rename, and nothing else in the folder is deleted.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from .errors import OutputError

OUTPUT_FILES = ("resume.docx", "cover-letter.docx", "gap-report.md", "analysis.json")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}


def safe_name(*parts: str | None, fallback: str = "job", limit: int = 60) -> str:
    """A file or folder name made from posting text (company, title): no path tricks survive."""
    text = "-".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    text = text[:limit].rstrip("-")
    if not text or text.split("-")[0] in _RESERVED or text in _RESERVED:
        text = f"{fallback}-{text}" if text else fallback
    return text


def write_outputs(folder: str | Path, files: dict[str, bytes], *, force: bool = False) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``folder`` atomically; return the paths written."""
    folder = Path(folder)
    try:
        for parent in folder.parents:
            if parent.exists() and not parent.is_dir():
                raise OutputError(f"part of this path ({parent}) is a file, not a folder",
                                  path=folder)
        if folder.exists() and not folder.is_dir():
            raise OutputError("this is a file, not a folder; choose another output folder with -o",
                              path=folder)
        if folder.is_dir():
            return _replace_in(folder, files, force)
        return _create(folder, files)
    except OutputError:
        raise
    except PermissionError:
        raise OutputError("permission denied: cannot write here; choose another folder with -o",
                          path=folder) from None
    except NotADirectoryError:
        raise OutputError("part of this path is a file, not a folder", path=folder) from None
    except OSError as exc:
        raise OutputError(f"cannot write the output ({exc.strerror or exc})", path=folder) from None


def _create(folder: Path, files: dict[str, bytes]) -> list[Path]:
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    try:
        for name, data in files.items():
            _write_file(tmp / name, data)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [folder / name for name in files]


def _replace_in(folder: Path, files: dict[str, bytes], force: bool) -> list[Path]:
    if not force and any(folder.iterdir()):
        ours = [n for n in files if (folder / n).exists()]
        what = "earlier output (" + ", ".join(ours) + ")" if ours else "other files"
        raise OutputError(f"the output folder already holds {what}; nothing was changed",
                          path=folder,
                          hint="Use --force to replace tailor's files in it, or -o for a new folder.")
    temps: dict[str, Path] = {}
    try:
        for name, data in files.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            os.close(fd)
            temps[name] = Path(tmp_name)
            _write_file(temps[name], data)
        for name, tmp in temps.items():
            target = folder / name
            if target.is_dir():
                raise OutputError(f"{name} is a folder here; move it away or choose another "
                                  "output folder", path=folder)
            os.replace(tmp, target)
    finally:
        for tmp in temps.values():
            if tmp.exists():
                tmp.unlink()
    return [folder / name for name in files]


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
