"""Many postings at once: rank them against one resume and count the gaps that keep coming back.

Why: a person with a shortlist, or a coach with twenty clients, wants to know which postings fit
best and which gaps recur (the ones worth a course or a certificate), without paying the start-up
of one run per posting. So the libraries, the lexicon, the matcher and the reading of the resume
are loaded once, and each posting goes through the very functions ``tailor analyze`` and
``tailor JOB RESUME`` use (``pipeline.analyze_loaded``, ``pipeline.application_files``), so its
score and files are exactly theirs. A posting that cannot be read is a row with its error; the
others are still ranked and written. The output folder is filled under a temporary name and
renamed into place, as output.py does for one posting.

    from tailor.batch import run_batch
    result = run_batch(["jobs/"], "resume.yml", "out")
    print([(r.rank, r.posting, r.score) for r in result.rows])
"""

from __future__ import annotations

import csv
import html
import io
import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import OutputError, TailorError, TemplateError, UsageError
from .output import safe_name, write_outputs

# Every format ``tailor JOB`` reads; other files in a folder of postings are passed over.
POSTING_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".xhtml")
SUMMARY_FILES = ("ranking.csv", "summary.html", "summary.md")
CSV_COLUMNS = ("rank", "posting", "title", "company", "score", "missing", "status", "concepts",
               "folder")
OK = "ok"


@dataclass(frozen=True)
class Row:
    """One posting of the batch: how well the resume fits it, or why it could not be read."""

    posting: str  # the path as given (a folder's files as folder/name)
    status: str = OK  # "ok", or the error message
    title: str | None = None
    company: str | None = None
    score: int | None = None  # match.score of ``tailor analyze`` (None when not read)
    missing: tuple[tuple[str, str], ...] = ()  # (id, name) of each gap, in analyze's order
    concepts: int = 0  # how many concepts the posting asks for
    folder: str = ""  # its folder in the output ("" without documents or when not read)
    rank: int | None = None  # 1 = best fit; None when not read
    advice: tuple[tuple[str, str], ...] = ()  # (id, advice) where the analysis gives one
    # Why the employer is a guess or was not found (Job.company_note); "" when it is sure.
    employer_note: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class RecurringGap:
    """Something the postings ask for and the resume does not show, counted across postings."""

    id: str
    name: str
    count: int  # postings asking for it that the resume does not answer
    postings: tuple[str, ...]
    advice: str = ""  # the gap report's advice for it, from the best-ranked posting asking it


@dataclass(frozen=True)
class BatchResult:
    rows: tuple[Row, ...]  # best fit first, then the postings that could not be read
    gaps: tuple[RecurringGap, ...]  # most common first
    folder: Path
    paths: tuple[Path, ...]  # the summary files written
    warnings: tuple[str, ...]

    @property
    def failed(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.ok)


# ---------------------------------------------------------------------------- pure functions
def collect_postings(jobs: list[str] | tuple[str, ...],
                     warnings: list[str] | None = None) -> list[str]:
    """The postings named by JOBS: files as given, and each folder's posting files by name.

    A folder is read one level deep, hidden files and other formats passed over (a folder with
    none adds a line to ``warnings``). A path that does not exist stays in the list, so that it
    becomes a row with its error. Each path counts once.
    """
    out: list[str] = []
    for job in jobs:
        if job != "-" and Path(job).is_dir():
            names = sorted(p.name for p in Path(job).iterdir()
                           if not p.name.startswith(".") and p.suffix.lower() in POSTING_SUFFIXES
                           and not p.is_dir())
            out.extend(os.path.join(job, name) for name in names)
            if not names and warnings is not None:
                warnings.append(f"{job}: the folder holds no posting (.txt, .md, .docx, .pdf or "
                                ".html file)")
        else:
            out.append(job)
    out = list(dict.fromkeys(out))
    if not out:
        raise UsageError("no job postings found in " + ", ".join(jobs) + " (a folder's .txt, .md, "
                         ".docx, .pdf and .html files are read)")
    return out


def error_text(exc: BaseException) -> str:
    """An error as one line for the ``status`` column (a hint follows the message)."""
    if isinstance(exc, TailorError):
        return " ".join(line.strip() for line in exc.format().splitlines() if line.strip())
    return f"internal error ({type(exc).__name__}: {exc})"


def row_for(posting: str, analysis) -> Row:
    """The row of a posting that was read: its job, score and gaps as ``tailor analyze`` has them."""
    gaps = [c for c in analysis.concepts if c.in_resume is False and c.kind != "achievement"]
    advice = getattr(analysis, "advice", None)  # the gap report's advice (advice.py)
    said = {c.id: advice.for_concept(c.id) for c in gaps} if advice is not None else {}
    return Row(posting=posting, title=analysis.job.title, company=analysis.job.company,
               score=analysis.match_score, missing=tuple((c.id, c.name) for c in gaps),
               concepts=len(analysis.concepts),
               advice=tuple((k, v) for k, v in said.items() if v),
               employer_note=analysis.job.company_note)


def rank_rows(rows) -> list[Row]:
    """Best fit first; equal scores in posting-path order; unread postings last, unranked."""
    read = sorted((r for r in rows if r.ok), key=lambda r: (-(r.score or 0), r.posting))
    unread = sorted((r for r in rows if not r.ok), key=lambda r: r.posting)
    return ([replace(r, rank=i) for i, r in enumerate(read, 1)]
            + [replace(r, rank=None) for r in unread])


def recurring_gaps(rows) -> list[RecurringGap]:
    """Each gap with the number of postings read that ask for it, most common first."""
    count: Counter[str] = Counter()
    names: dict[str, str] = {}
    where: dict[str, list[str]] = {}
    advice: dict[str, str] = {}
    for r in rows:
        if not r.ok:
            continue
        for gap_id, name in dict(r.missing).items():
            count[gap_id] += 1
            names[gap_id] = name
            where.setdefault(gap_id, []).append(r.posting)
        for gap_id, text in r.advice:
            advice.setdefault(gap_id, text)
    return [RecurringGap(i, names[i], count[i], tuple(sorted(where[i])), advice.get(i, ""))
            for i in sorted(count, key=lambda i: (-count[i], names[i].lower(), i))]


def folder_name(row: Row, taken: set[str]) -> str:
    """A safe folder name from the posting's company and title (else its file name), not yet in
    ``taken`` (a second "acme-receptionist" is "acme-receptionist-2"); it is added to ``taken``."""
    base = (safe_name(row.company, row.title) if (row.company or row.title)
            else safe_name(Path(row.posting).stem, fallback="posting"))
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def ranking_csv(rows) -> bytes:
    """ranking.csv: one row per posting, best fit first (UTF-8, no byte-order mark)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([r.rank or "", r.posting, r.title or "", r.company or "",
                         "" if r.score is None else r.score, "; ".join(n for _, n in r.missing),
                         r.status, r.concepts if r.ok else "", r.folder])
    return buf.getvalue().encode("utf-8")


def _bar(score: int | None, width: int = 10) -> str:
    filled = round((score or 0) * width / 100)
    return "█" * filled + "░" * (width - filled)


def summary_md(rows, gaps, resume: str) -> str:
    """summary.md: the ranking with a bar per score, then the recurring gaps."""
    from .render import markdown_inline as md

    read = [r for r in rows if r.ok]
    lines = [f"# {len(rows)} postings ranked for {md(resume)}", "",
             _counts(rows), "", "## Ranking", "",
             "| rank | score | fit | title | company | posting | missing | status |",
             "|---:|---:|---|---|---|---|---|---|"]
    for r in rows:
        posting = md(r.posting)
        if r.folder:
            posting = f"[{posting}]({r.folder}/gap-report.md)"
        lines.append(f"| {r.rank or ''} | {'' if r.score is None else r.score} | "
                     f"{_bar(r.score) if r.ok else ''} | {md(r.title or '')} | "
                     f"{md(_company(r))} | {posting} | "
                     f"{md('; '.join(n for _, n in r.missing))} | {md(r.status)} |")
    unsure = [r for r in rows if r.ok and r.employer_note]
    if unsure:
        lines += ["", "## Employers to check", "", _UNSURE, ""]
        lines += [f"- {md(r.posting)}{' (' + md(r.title) + ')' if r.title else ''}: "
                  f"{md(r.employer_note)}." for r in unsure]
    lines += ["", "## Recurring gaps", ""]
    if not gaps:
        lines.append(_no_gaps(read))
    else:
        with_advice = any(g.advice for g in gaps)
        lines += [_gaps_intro(read, with_advice), ""]
        lines.append("| gap | postings | share |" + (" advice |" if with_advice else ""))
        lines.append("|---|---:|---:|" + ("---|" if with_advice else ""))
        for g in gaps:
            lines.append(f"| {md(g.name)} | {g.count} | {_share(g.count, len(read))} |"
                         + (f" {md(g.advice)} |" if with_advice else ""))
    no_concept = [r for r in read if not r.concepts]
    if no_concept:
        lines += ["", f"{len(no_concept)} posting(s) name nothing the lexicon in use knows (score "
                  "0): " + ", ".join(md(r.posting) for r in no_concept)
                  + ". If they are not medical office jobs, add a lexicon with --lexicon."]
    return "\n".join(lines) + "\n"


_UNSURE = ("For these postings the employer's name is a guess, or was not found: the company "
           "shown is what the letter and the gap report take as the employer. Check each; if it "
           "is wrong, tailor that posting with `tailor JOB RESUME --company \"Employer name\"`, "
           "which overrides it.")


def _company(row: Row) -> str:
    """The company as the summary shows it: marked when it is a guess or was not found."""
    if not row.employer_note:
        return row.company or ""
    return f"{row.company} (to check)" if row.company else "(not found: to check)"


def _no_gaps(read) -> str:
    return ("None: the resume shows everything the postings read ask for." if read
            else "None: no posting could be read.")


def _gaps_intro(read, with_advice: bool) -> str:
    """The words before the recurring-gaps table, the same in summary.md and summary.html."""
    return ("What the postings ask for that the resume does not show, counted across the "
            f"{len(read)} postings read, most common first.{_ADVICE if with_advice else ''}")


_ADVICE = (" The advice is what the gap report of the best-ranked posting asking for it says (it "
           "can differ a little from posting to posting).")


def _counts(rows) -> str:
    read = sum(1 for r in rows if r.ok)
    text = f"{read} read"
    if read < len(rows):
        text += f", {len(rows) - read} could not be read (see status)"
    return text + ". Score: the share of what the posting asks for that the resume shows (0-100)."


def _share(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else ""


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:70rem;padding:0 1rem;color:#1d2433;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #d8dde6;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f4f8}td.num,th.num{text-align:right}
tr.failed td{color:#8a1c1c}
svg text{font-size:12px;fill:#1d2433}svg rect.bar{fill:#2f6fb0}svg rect.track{fill:#e6eaf0}
"""


def summary_html(rows, gaps, resume: str) -> str:
    """summary.html: one self-contained page (inline CSS and SVG; no script, nothing to load)."""
    e = html.escape
    read = [r for r in rows if r.ok]
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           # Nothing may be loaded from anywhere, whatever a posting's text holds.
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           'style-src \'unsafe-inline\'">',
           f"<title>{len(rows)} postings ranked for {e(resume)}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>",
           f"<h1>{len(rows)} postings ranked for {e(resume)}</h1>", f"<p>{e(_counts(rows))}</p>",
           "<h2>Scores</h2>", _chart(read), "<h2>Ranking</h2>", "<table>",
           "<tr><th class=\"num\">rank</th><th class=\"num\">score</th><th>title</th>"
           "<th>company</th><th>posting</th><th>missing</th><th>status</th></tr>"]
    for r in rows:
        posting = e(r.posting)
        if r.folder:
            posting = f'<a href="{e(r.folder)}/gap-report.html">{posting}</a>'
        failed = "" if r.ok else ' class="failed"'
        out.append(f"<tr{failed}>"
                   f'<td class="num">{r.rank or ""}</td>'
                   f'<td class="num">{"" if r.score is None else r.score}</td>'
                   f"<td>{e(r.title or '')}</td><td>{e(_company(r))}</td><td>{posting}</td>"
                   f"<td>{e('; '.join(n for _, n in r.missing))}</td><td>{e(r.status)}</td></tr>")
    out.append("</table>")
    unsure = [r for r in rows if r.ok and r.employer_note]
    if unsure:
        out += ["<h2>Employers to check</h2>",
                "<p>" + "".join(f"<code>{e(x)}</code>" if i % 2 else e(x)
                                for i, x in enumerate(_UNSURE.split("`"))) + "</p>",
                '<ul class="employers">']
        out += [f"<li>{e(r.posting)}{' (' + e(r.title) + ')' if r.title else ''}: "
                f"{e(r.employer_note)}.</li>" for r in unsure]
        out.append("</ul>")
    out.append("<h2>Recurring gaps</h2>")
    if not gaps:
        out.append(f"<p>{_no_gaps(read)}</p>")
    else:
        with_advice = any(g.advice for g in gaps)
        out += [f"<p>{e(_gaps_intro(read, with_advice))}</p>", "<table>",
                '<tr><th>gap</th><th class="num">postings</th><th class="num">share</th>'
                + ("<th>advice</th>" if with_advice else "") + "</tr>"]
        for g in gaps:
            out.append(f'<tr><td>{e(g.name)}</td><td class="num">{g.count}</td>'
                       f'<td class="num">{_share(g.count, len(read))}</td>'
                       + (f"<td>{e(g.advice)}</td>" if with_advice else "") + "</tr>")
        out.append("</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _chart(read) -> str:
    """A horizontal bar per posting read, best fit first (inline SVG, no namespace URL needed)."""
    label_w, bar_w, row_h = 380, 400, 22
    height = max(1, len(read)) * row_h + 8
    width = label_w + bar_w + 50
    parts = [f'<svg role="img" aria-label="Match score per posting" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}">']
    for i, r in enumerate(read):
        y = 4 + i * row_h
        label = f"{r.rank}. " + (" at ".join(x for x in (r.title, r.company) if x) or r.posting)
        if len(label) > 58:
            label = label[:57] + "…"
        score = r.score or 0
        parts += [f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{html.escape(label)}'
                  f"</text>",
                  f'<rect class="track" x="{label_w}" y="{y + 3}" width="{bar_w}" height="16"/>',
                  f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{score * bar_w // 100}" '
                  f'height="16"><title>{html.escape(r.posting)}: {score}</title></rect>',
                  f'<text x="{label_w + bar_w + 6}" y="{y + 15}">{score}</text>']
    if not read:
        parts.append('<text x="8" y="18">No posting could be read.</text>')
    parts.append("</svg>")
    return "\n".join(parts)


# ---------------------------------------------------------------------------- progress
class LineProgress:
    """One line per posting on a stream that is not a terminal (a log, a CI job)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.total = 0

    def start(self, total: int) -> None:
        self.total = total

    def reading(self, index: int, posting: str) -> None:
        pass

    def writing(self, count: int) -> None:
        pass

    def done(self, index: int, row: Row) -> None:
        if row.ok:
            line = f"{row.posting}: score {row.score}"
        else:  # the message names the posting already, unless it is an internal error
            line = (row.status if row.status.startswith(row.posting)
                    else f"{row.posting}: {row.status}")
        print(f"[{index}/{self.total}] {line}", file=self.stream, flush=True)

    def stop(self) -> None:
        pass


class _Quiet(LineProgress):
    def done(self, index: int, row: Row) -> None:
        pass


class BarProgress:
    """A bar with the count and the posting being read, on a terminal (rich, imported lazily)."""

    def __init__(self, stream=None):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn)

        # Refreshed on each update, never by a thread of its own: the document writers are
        # forked from this process, and a fork must not copy a thread holding a lock.
        self._progress = Progress(BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                  TextColumn("{task.description}"), auto_refresh=False,
                                  console=Console(file=stream or sys.stderr))
        self._task = None

    def start(self, total: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("", total=total)

    def reading(self, index: int, posting: str) -> None:
        self._progress.update(self._task, description=posting, refresh=True)

    def done(self, index: int, row: Row) -> None:
        self._progress.update(self._task, completed=index, refresh=True)

    def writing(self, count: int) -> None:
        self._progress.update(self._task, description=f"writing the documents of {count} "
                                                      "postings", refresh=True)

    def stop(self) -> None:
        if self._task is not None:
            self._progress.update(self._task, description="done", refresh=True)
        self._progress.stop()


def progress_for(stream=None):
    """A bar when ``stream`` (standard error by default) is a terminal, else one line a posting."""
    stream = stream or sys.stderr
    return BarProgress(stream) if stream.isatty() else LineProgress(stream)


# ---------------------------------------------------------------------------- the run
class _OneResumeMatcher:
    """The matcher, reading the batch's one resume once instead of once per posting.

    Why: reading the resume is about half the work of one analysis and does not depend on the
    posting. Everything else is the matcher's own, so each analysis is exactly ``tailor analyze``'s.
    """

    def __init__(self, matcher, resume):
        self._matcher = matcher
        self._resume = resume
        self._readings = matcher.read_resume(resume)

    def read_resume(self, resume):
        if resume is self._resume:
            return self._readings
        return self._matcher.read_resume(resume)

    def __getattr__(self, name):
        return getattr(self._matcher, name)


def check_target(folder: str | Path, force: bool) -> None:
    """Refuse, before any work, an output that is a file, or a folder not empty without --force."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError("this is a file, not a folder; choose another output folder with -o",
                          path=folder)
    if folder.is_dir() and not force and any(folder.iterdir()):
        ours = [n for n in SUMMARY_FILES if (folder / n).exists()]
        what = "earlier output (" + ", ".join(ours) + ")" if ours else "other files"
        raise OutputError(f"the output folder already holds {what}; nothing was changed",
                          path=folder, hint="Use --force to replace tailor's files in it, or -o "
                                            "for a new folder.")


def refuse_inputs_inside(folder: str | Path, inputs) -> None:
    """Refuse, before any work, an output folder that is or holds one of the batch's inputs
    (``tailor batch jobs/ resume.yml -o jobs --force`` must not write among the postings)."""
    shown, folder = folder, Path(os.path.realpath(folder))
    for source in inputs:
        if not source or source == "-":
            continue
        path = Path(os.path.realpath(source))
        if path == folder or folder in path.parents:
            what = "is" if path == folder else f"holds {source}, which is"
            raise OutputError(f"the output folder {what} one of this run's inputs; nothing was "
                              "written", path=shown, hint="Choose another output folder with -o.")


def run_batch(jobs, resume_path: str, out: str | Path, *, force: bool = False,
              documents: bool = True, lexicons: tuple[str, ...] = (),
              templates: str | None = None, max_highlights: int | None = None,
              progress=None) -> BatchResult:
    """Rank every posting of ``jobs`` for the resume and write the batch into ``out``.

    A posting that cannot be read becomes a row with its error; a resume, lexicon, template or
    output folder that cannot be used stops the batch before anything is written.
    """
    from .lexicon import load_lexicon
    from .matching import matcher_for
    from .resume import load_resume
    from .tailoring import DEFAULT_MAX_HIGHLIGHTS

    folder = Path(out)
    check_target(folder, force)
    warnings: list[str] = []
    postings = collect_postings(jobs, warnings)
    refuse_inputs_inside(folder, [*postings, resume_path, *lexicons, templates])
    lexicon = load_lexicon(tuple(lexicons))
    resume = load_resume(resume_path)
    matcher = _OneResumeMatcher(matcher_for(lexicon), resume)
    options = {"templates": templates, "max_highlights": (DEFAULT_MAX_HIGHLIGHTS
                                                          if max_highlights is None
                                                          else max_highlights)}
    progress = progress or _Quiet()
    tmp = _temporary_folder(folder)
    _RUN.update(resume=resume, lexicon=lexicon, matcher=matcher, documents=documents)
    try:
        rows: list[Row] = []
        workers = _Workers(parallel=len(postings) >= POOL_FROM)
        writer = _DocumentWriter(tmp, options, workers)
        taken: set[str] = set()
        progress.start(len(postings))
        pending: list[tuple[int, object, str]] = []  # analysed, documents not yet written

        def write_pending() -> None:
            if pending:
                progress.writing(len(pending))
            for (at, _, name), failure in zip(pending, writer.write(pending), strict=True):
                rows[at] = (replace(rows[at], folder=name) if failure is None
                            else Row(posting=rows[at].posting, status=failure))
            pending.clear()

        def take(index: int, posting: str, outcome: tuple[Row, object]) -> None:
            row, result = outcome
            progress.reading(index, posting)
            if result is not None:
                pending.append((len(rows), result, folder_name(row, taken)))
            rows.append(row)
            progress.done(index, row)

        try:
            for first in range(0, len(postings), CHUNK):
                chunk = list(enumerate(postings[first:first + CHUNK], first + 1))
                # Read in this process, before any worker is forked: the first posting (and its
                # documents written), so that what they load on first use (models, rendering
                # libraries, compiled templates) is loaded once; and a posting read from
                # standard input, which a forked worker has closed.
                here = {n for n, (_, posting) in enumerate(chunk)
                        if (first == 0 and n == 0) or reads_stdin(posting)}
                early = {n: _analysis(chunk[n][1]) for n in sorted(here)}
                start = 0
                if first == 0:
                    take(*chunk[0], early[0])
                    write_pending()
                    start = 1
                rest = workers.map(_analysis, [posting for n, (_, posting) in enumerate(chunk)
                                               if n not in here])
                for n in range(start, len(chunk)):
                    take(*chunk[n], early[n] if n in early else next(rest))
                write_pending()
        finally:
            workers.close()
            progress.stop()
        ranked = rank_rows(rows)
        gaps = recurring_gaps(ranked)
        summary = {"ranking.csv": ranking_csv(ranked),
                   "summary.html": summary_html(ranked, gaps, resume_path).encode("utf-8"),
                   "summary.md": summary_md(ranked, gaps, resume_path).encode("utf-8")}
        write_outputs(tmp, summary, force=True)
        _put_in_place(tmp, folder)
    finally:
        _RUN.clear()
        shutil.rmtree(tmp, ignore_errors=True)
    return BatchResult(tuple(ranked), tuple(gaps), folder,
                       tuple(folder / n for n in SUMMARY_FILES), (*warnings, *resume.warnings))


CHUNK = 50  # postings analysed before their documents are written (bounds the memory held)
POOL_FROM = 4  # with fewer postings, forking the pool costs more than it saves
# What a posting's analysis reads (_analysis): set by run_batch before any worker is forked, so
# the workers share the loaded lexicon, models and resume reading instead of building their own.
_RUN: dict = {}


def _analysis(posting: str) -> tuple[Row, object]:
    """One posting's row and, where documents are wanted, its analysis (in this process or a
    worker); a posting that cannot be read or analysed is a row with its error."""
    from .pipeline import analyze_loaded

    try:
        result = analyze_loaded(posting, _RUN["resume"], _RUN["lexicon"],
                                matcher=_RUN["matcher"])
        return row_for(posting, result.analysis), (result if _RUN["documents"] else None)
    except TailorError as exc:
        return Row(posting=posting, status=error_text(exc)), None
    except Exception as exc:  # noqa: BLE001 - one posting must not stop the rest
        return Row(posting=posting, status=error_text(exc)), None


def reads_stdin(posting: str) -> bool:
    """Whether reading the posting reads this process's standard input ("-", /dev/stdin)."""
    if posting == "-":
        return True
    try:
        named, stdin = os.stat(posting), os.fstat(0)
    except (OSError, ValueError):
        return False
    return (named.st_dev, named.st_ino) == (stdin.st_dev, stdin.st_ino)


def _documents(task) -> tuple[str, object] | None:
    """Render and write one posting's files (in this process or a worker): None when written,
    ("row", message) when this posting failed, ("stop", error) when no posting can succeed."""
    from .pipeline import application_files

    result, folder, options = task
    try:
        files, _ = application_files(result, **options)
        write_outputs(folder, files)
        return None
    except (TemplateError, OutputError) as exc:
        return ("stop", exc)  # a broken template or output folder: the same for every posting
    except Exception as exc:  # noqa: BLE001 - one posting's failure must not stop the batch
        return ("row", error_text(exc))


class _Workers:
    """A pool of two processes forked from this one, where there are two cores, made when first
    used; elsewhere the work is done in this process.

    Why: each posting's analysis and files are independent of the others', forked workers share
    what this process has loaded (libraries, models, the resume's reading), and what is written
    does not depend on which process did the work. (Measured on 35 postings: bench/batch.py and
    the README.)
    """

    def __init__(self, *, parallel: bool):
        self.parallel = parallel and _cores() >= 2 and _can_fork()
        self.pool = None

    def map(self, fn, tasks: list):
        """``fn`` of each task, in order, as each is done."""
        if not tasks:
            return iter(())
        if not self.parallel:
            return map(fn, tasks)
        if self.pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # (Unlike multiprocessing.Pool, it raises instead of waiting for ever when a worker
            # is killed, by the system running out of memory for instance.)
            self.pool = ProcessPoolExecutor(2, multiprocessing.get_context("fork"),
                                            initializer=_worker_signals)
        return self.pool.map(fn, tasks)

    def close(self) -> None:
        """End the workers; after an error, cancel what they have not begun, and wait for what
        they are writing (a moment), so that nothing is written after the clean-up."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


class _DocumentWriter:
    """Writes each posting's documents: the first here (loading the rendering libraries once),
    the rest by the workers.

    Why: rendering is most of the time of a batch with documents.
    """

    def __init__(self, tmp: Path, options: dict, workers: _Workers):
        self.tmp, self.options, self.workers = tmp, options, workers
        self.warm = False

    def write(self, pending) -> list[str | None]:
        tasks = [(result, self.tmp / name, self.options) for _, result, name in pending]
        outcomes = []
        if tasks and not self.warm:
            outcomes.append(_documents(tasks.pop(0)))
            self.warm = True
        outcomes += list(self.workers.map(_documents, tasks))
        failures = []
        for outcome in outcomes:
            if outcome is not None and outcome[0] == "stop":
                raise outcome[1]
            failures.append(None if outcome is None else outcome[1])
        return failures


def _worker_signals() -> None:
    """In a worker: Ctrl-C is the main process's to handle, and SIGTERM or SIGHUP (sent by it to
    stop the pool) ends the worker at once. (The CLI's own handlers, inherited through the fork,
    would turn them into an exit that waits on the pool's locks.)"""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _temporary_folder(folder: Path) -> Path:
    """Where the batch is built: beside a new folder, inside an existing one (it is writable)."""
    try:
        for parent in folder.parents:
            if parent.exists() and not parent.is_dir():
                raise OutputError(f"part of this path ({parent}) is a file, not a folder",
                                  path=folder)
        where = folder if folder.is_dir() else folder.parent
        where.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{folder.name or 'batch'}.", suffix=".tmp",
                                     dir=where))
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the output ({exc.strerror or exc})", path=folder) from None


def _put_in_place(tmp: Path, folder: Path) -> None:
    """A new or empty folder: one rename. An existing one (--force): tailor's files replaced,
    each atomically as ``tailor JOB RESUME --force`` does, and nothing else touched."""
    if not folder.is_dir():
        try:
            os.rename(tmp, folder)
        except OSError as exc:
            raise OutputError(f"cannot write the output ({exc.strerror or exc})",
                              path=folder) from None
        return
    for sub in sorted(p for p in tmp.iterdir() if p.is_dir()):
        write_outputs(folder / sub.name, {f.name: f.read_bytes() for f in sorted(sub.iterdir())},
                      force=True)
    write_outputs(folder, {name: (tmp / name).read_bytes() for name in SUMMARY_FILES}, force=True)
