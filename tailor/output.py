"""Writing the output folder: all or nothing, and never over the person's files unless asked.

Why: a run that fails half-way must not leave a resume without its letter, and a second run must
not silently replace documents the person has since edited by hand. So every file is rendered in
memory first; a new folder is filled under a temporary name and renamed into place in one step;
an existing folder is only touched with --force. Then a folder that holds only tailor's files is
replaced as a whole by a new one filled beside it (swapped in one step where the system can); in a
folder that also holds other files, only tailor's files are replaced, each by an atomic rename,
with the old ones kept until every new one is in place and put back if any fails. Nothing else
in the folder is ever touched, and the folder may never be, or hold, one of the run's inputs.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

# The files whose names do not depend on the person or the employer (the two documents are named
# by ``document_names``), and the names the documents had before: still tailor's when replacing.
OUTPUT_FILES = ("gap-report.md", "gap-report.html", "analysis.json")
LEGACY_FILES = ("resume.docx", "cover-letter.docx")
_DOCUMENT = re.compile(r"(?:.+ - )?(?:Resume|Cover letter)(?: - .+)?\.(?:docx|pdf)")
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}

# Every file or folder read as an input in this process (the posting, the resume, the lexicons,
# the templates folder), resolved: the output folder may never be, or hold, one of them.
_INPUTS: set[Path] = set()


def note_input(path: str | Path) -> None:
    """Remember a path read as input, so that no output is ever written over or around it."""
    try:
        _INPUTS.add(Path(os.path.realpath(path)))
    except (OSError, ValueError):
        pass


def safe_name(*parts: str | None, fallback: str = "job", limit: int = 60) -> str:
    """A file or folder name made from posting text (company, title): no path tricks survive."""
    text = "-".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    text = text[:limit].rstrip("-")
    if not text or text.split("-")[0] in _RESERVED or text in _RESERVED:
        text = f"{fallback}-{text}" if text else fallback
    return text


def document_names(person: str | None, employer: str | None) -> tuple[str, str]:
    """The stems of the resume and the letter, named as one sends them to an employer:
    ``Dana Okafor - Resume - Riverbend`` and ``Dana Okafor - Cover letter - Riverbend``.

    Why: a file called resume.docx says nothing in the employer's inbox. The words "Resume" and
    "Cover letter" stay in every name; the person's and the employer's names are made safe on
    Windows, macOS and Linux (no reserved or control characters, no trailing dot or space, NFC,
    at most 60 characters and 100 bytes each; a name holding "Resume" is never one of Windows's
    reserved names) and left out when unknown.
    """
    person_part = _name_part(person)
    employer_part = _name_part(employer)

    def stem(word: str) -> str:
        return " - ".join(p for p in (person_part, word, employer_part) if p)

    return stem("Resume"), stem("Cover letter")


def _name_part(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF)
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.replace(" - ", " ").split())[:60]
    # At most 100 bytes in UTF-8, so that a whole name stays far below the 255 bytes allowed.
    text = text.encode("utf-8")[:100].decode("utf-8", "ignore")
    return text.strip(" .-")


def is_tailor_file(name: str) -> bool:
    """A file this or an earlier version of tailor writes (so --force may replace it)."""
    return name in OUTPUT_FILES or name in LEGACY_FILES or bool(_DOCUMENT.fullmatch(name))


def write_outputs(folder: str | Path, files: dict[str, bytes], *, force: bool = False) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``folder`` atomically; return the paths written."""
    shown = Path(folder)
    try:
        # Resolved before anything is made, so "ghost/a/../../out" makes no stray "ghost/a".
        folder = Path(os.path.realpath(shown))
        for parent in folder.parents:
            if parent.exists() and not parent.is_dir():
                raise OutputError(f"part of this path ({_shown_parent(shown, folder, parent)}) "
                                  "is a file, not a folder", path=shown)
        if folder.exists() and not folder.is_dir():
            raise OutputError("this is a file, not a folder; choose another output folder with -o",
                              path=shown)
        _check_not_an_input(folder, shown)
        if folder.is_dir():
            _replace_in(folder, files, force, shown)
        else:
            _create(folder, files)
        return [shown / name for name in files]
    except OutputError:
        raise
    except PermissionError:
        raise OutputError("permission denied: cannot write here; choose another folder with -o",
                          path=folder) from None
    except NotADirectoryError:
        raise OutputError("part of this path is a file, not a folder", path=shown) from None
    except OSError as exc:
        raise OutputError(f"cannot write the output ({exc.strerror or exc})", path=shown) from None


def _shown_parent(shown: Path, folder: Path, parent: Path) -> Path:
    """A parent of the resolved folder, named as the person wrote it where that is the same."""
    for candidate in shown.parents:
        if Path(os.path.realpath(candidate)) == parent:
            return candidate
    return parent


def _check_not_an_input(folder: Path, shown: Path) -> None:
    for source in sorted(_INPUTS):
        if source == folder or folder in source.parents:
            what = "is" if source == folder else f"holds {source}, which is"
            raise OutputError(f"the output folder {what} one of this run's inputs; nothing was "
                              "written", path=shown,
                              hint="Choose another output folder with -o.")


@contextmanager
def _signals_held():
    """Hold Ctrl-C, SIGTERM and SIGHUP during the few renames that swap a set of files in."""
    held = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _create(folder: Path, files: dict[str, bytes]) -> None:
    missing: list[Path] = []  # the parent folders to make, outermost last
    parent = folder.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    made: list[Path] = []  # the ones this run made, removed again if it fails
    tmp = None
    try:
        for path in reversed(missing):
            path.mkdir()
            made.append(path)
        tmp = _fill_beside(folder, files)
        os.rename(tmp, folder)
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        for path in reversed(made):
            try:
                path.rmdir()
            except OSError:
                break
        raise


def _fill_beside(folder: Path, files: dict[str, bytes]) -> Path:
    """A new folder next to ``folder`` holding every file, under a temporary name."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        for name, data in files.items():
            _write_file(tmp / name, data)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp


def _replace_in(folder: Path, files: dict[str, bytes], force: bool, shown: Path) -> None:
    present = os.listdir(folder)
    if not force and present:
        ours = [n for n in files if (folder / n).exists()]
        ours += sorted(n for n in present if n not in files and is_tailor_file(n))
        what = "earlier output (" + ", ".join(ours) + ")" if ours else "other files"
        raise OutputError(f"the output folder already holds {what}; nothing was changed",
                          path=shown,
                          hint="Use --force to replace tailor's files in it, or -o for a new folder.")
    for name in files:
        target = folder / name
        if target.is_dir() and not target.is_symlink():
            raise OutputError(f"{name} is a folder here; move it away or choose another "
                              "output folder; nothing was changed", path=shown)
    if present and all(n in files or (is_tailor_file(n) and (folder / n).is_file())
                       for n in present) \
            and not _is_working_folder(folder) and not any((folder / n).is_symlink()
                                                           for n in present):
        _swap_folder(folder, files)
    else:
        _replace_files(folder, files, _superseded(folder, present, files))


def _superseded(folder: Path, present: list[str], files: dict[str, bytes]) -> list[str]:
    """tailor's earlier files that the new set replaces under another name: the documents as
    earlier versions named them (resume.docx, cover-letter.docx), and a PDF of a document being
    written now without one (it would no longer match it). Only plain files, never a folder."""
    stems = {Path(n).stem for n in files if n.endswith(".docx")}
    return sorted(n for n in present if n not in files and (folder / n).is_file()
                  and not (folder / n).is_symlink()
                  and (n in LEGACY_FILES or (n.endswith(".pdf") and Path(n).stem in stems)))


def _is_working_folder(folder: Path) -> bool:
    """The current folder (or one above it) is never swapped: the shell would be left in a
    deleted folder. Its files are replaced one by one, with the old ones kept until all are in."""
    try:
        here = Path(os.path.realpath(os.getcwd()))
    except OSError:
        return True
    return here == folder or folder in here.parents


def _swap_folder(folder: Path, files: dict[str, bytes]) -> None:
    """A folder of only tailor's earlier files: fill a new one beside it and swap the two."""
    tmp = _fill_beside(folder, files)
    try:
        os.chmod(tmp, folder.stat().st_mode & 0o7777)
        with _signals_held():
            if _exchange(tmp, folder):
                pass  # the old files are now in tmp
            else:
                old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old",
                                            dir=folder.parent))
                os.rename(folder, old)  # replaces the empty "old" placeholder
                try:
                    os.rename(tmp, folder)
                except BaseException:
                    os.rename(old, folder)
                    raise
                tmp = old
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    import errno as errnos

    if errno in (errnos.ENOSYS, errnos.EINVAL, errnos.ENOTSUP, errnos.EOPNOTSUPP):
        return False
    raise OSError(errno, os.strerror(errno))


def _replace_files(folder: Path, files: dict[str, bytes],
                   stale: list[str] | tuple[str, ...] = ()) -> None:
    """Replace tailor's files among others: all new files written first, the old ones kept
    (as hard links or copies) until every new one is in place, and put back if one fails.
    The ``stale`` ones (tailor's earlier files under other names) are removed in the same step."""
    temps: dict[str, Path] = {}
    backups: dict[str, Path] = {}
    replaced: list[str] = []
    removed: list[str] = []
    try:
        for name, data in files.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            os.close(fd)
            temps[name] = Path(tmp_name)
            _write_file(temps[name], data)
        for name in (*files, *stale):
            target = folder / name
            if target.exists() or target.is_symlink():
                fd, backup = tempfile.mkstemp(prefix=f".{name}.", suffix=".old", dir=folder)
                os.close(fd)
                os.unlink(backup)
                backups[name] = Path(backup)
                try:
                    os.link(target, backup, follow_symlinks=False)
                except OSError:
                    shutil.copy2(target, backup, follow_symlinks=False)
        with _signals_held():
            try:
                for name, tmp in temps.items():
                    os.replace(tmp, folder / name)
                    replaced.append(name)
                for name in stale:
                    if name in backups:
                        os.unlink(folder / name)
                        removed.append(name)
            except BaseException:
                for name in removed:
                    os.replace(backups.pop(name), folder / name)
                for name in replaced:  # put the earlier set back as it was
                    if name in backups:
                        os.replace(backups.pop(name), folder / name)
                    else:
                        os.unlink(folder / name)
                raise
    finally:
        for path in (*temps.values(), *backups.values()):
            if path.exists() or path.is_symlink():
                path.unlink()


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
