"""The command line: parse options, call one library function, print its result.

Why: all the work lives in pipeline.py and the stages; this layer only forwards arguments and turns
the one error base class into a clean message and exit status, at one place (``_Tailor.invoke``).
Heavy libraries (scikit-learn, python-docx, Jinja) are imported inside the commands, so
``tailor --help`` answers at once.
"""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .errors import EXIT_INPUT, TailorError

_DEFAULT_COMMAND = "make"


class _Tailor(click.Group):
    """A group whose default command is ``make``: ``tailor JOB RESUME`` is ``tailor make JOB RESUME``."""

    _OWN_OPTIONS = frozenset({"--debug", "--version", "-h", "--help"})

    def parse_args(self, ctx, args):
        for i, arg in enumerate(args):
            if arg in self._OWN_OPTIONS:
                continue
            # The first word that is neither the group's own option nor a command starts the
            # default command (so "tailor -o out JOB RESUME" works too).
            if arg not in self.commands:
                args = [*args[:i], _DEFAULT_COMMAND, *args[i:]]
            break
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TailorError as exc:
            if ctx.params.get("debug"):
                raise
            if exc.exit_code == 2:
                raise click.UsageError(exc.format(), ctx) from None
            raise _CleanError(exc.format(), exc.exit_code) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - the last guard: no traceback for the user
            if ctx.params.get("debug"):
                raise
            raise _CleanError(f"internal error ({type(exc).__name__}: {exc}). Run again with "
                              "--debug for details, and please report it.", EXIT_INPUT) from None


class _CleanError(click.ClickException):
    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


@click.group(cls=_Tailor, context_settings={"help_option_names": ["-h", "--help"]},
             invoke_without_command=False)
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.version_option(__version__, prog_name="tailor")
def cli(debug: bool) -> None:
    """Tailor a resume and cover letter to one job posting, offline, and report the gaps.

    \b
      tailor JOB RESUME [-o DIR]      write the tailored resume, cover letter and gap report
      tailor analyze JOB [--resume R] what the job asks for (text or JSON)
      tailor batch JOBS... RESUME -o DIR
                                      rank many postings; count the gaps that recur
      tailor validate RESUME          check a JSON Resume file (YAML or JSON)
      tailor import DOC -o resume.yml read your .docx/.pdf/.txt/.md resume into a YAML draft
      tailor init [resume.yml]        write a commented starter resume to fill in
      tailor lexicon                  list the skill lexicon; `tailor lexicon eval` measures it

    JOB is a posting as .txt, .md, .docx, .pdf or .html, or - for standard input.
    """


_lexicon_option = click.option(
    "--lexicon", "lexicons", multiple=True, metavar="PATH",
    help="A lexicon YAML file that adds or replaces entries (repeatable).")
_company_option = click.option("--company", help="The employer, when the posting does not say.")
_role_option = click.option("--role", help="The job title, when the posting does not say.")


@cli.command(_DEFAULT_COMMAND)
@click.argument("job")
@click.argument("resume")
@click.option("-o", "--out", metavar="DIR",
              help="Output folder (default: tailored-<company>-<title> here).")
@click.option("--force", is_flag=True, help="Replace tailor's files in an existing folder.")
@click.option("--templates", metavar="DIR",
              help="A folder with your own resume.docx, cover-letter.docx, gap-report.md.j2 or "
                   "gap-report.html.j2.")
@click.option("--max-highlights", type=click.IntRange(min=0), default=6, show_default=True,
              help="Highlights kept per entry (the most relevant); 0 keeps all.")
@click.option("--pdf", is_flag=True,
              help="Also write both documents as PDF (needs LibreOffice).")
@click.option("--pages", type=click.IntRange(min=1), default=2, show_default=True,
              help="With --pdf: the most pages the resume may have (a warning when longer).")
@click.option("--date", "letter_date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The letter's date (default: today).")
@_company_option
@_role_option
@_lexicon_option
def make(job, resume, out, force, templates, max_highlights, pdf, pages, letter_date, company,
         role, lexicons):
    """Write the tailored resume, cover letter and skill-gap report for JOB."""
    from .pipeline import tailor_application

    result = tailor_application(job, resume, out, force=force, lexicons=lexicons,
                                templates=templates, company=company, role=role,
                                max_highlights=max_highlights, pdf=pdf, pages=pages,
                                date=letter_date.date() if letter_date else None)
    note = result.analysis.job.company_note
    _warn(result.warnings + ((note,) if note and not company else ()))
    analysis = result.analysis
    gaps = [c.name for c in analysis.concepts if c.in_resume is False and c.kind != "achievement"]
    job_name = (f"{analysis.job.title or 'the job'}"
                + (f" at {analysis.job.company}" if analysis.job.company else ""))
    if analysis.concepts:
        click.echo(f"Match score: {analysis.match_score}/100 for {job_name}")
    else:
        click.echo(f"No match score for {job_name}: nothing in the posting matched the lexicon")
    if gaps:
        click.echo("Not shown in your resume: " + ", ".join(gaps[:8])
                   + (f" and {len(gaps) - 8} more" if len(gaps) > 8 else ""))
    click.echo(f"Wrote to {result.folder}/:")
    for path in result.paths:
        click.echo(f"  {path.name}")


@cli.command()
@click.argument("job")
@click.option("--resume", metavar="RESUME", help="Also rank this resume's highlights.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--explain", is_flag=True,
              help="Also list every sentence of the posting: what it was read as, what it "
                   "yielded, and why a sentence was not counted.")
@_company_option
@_role_option
@_lexicon_option
def analyze(job, resume, fmt, explain, company, role, lexicons):
    """Show what JOB asks for, with evidence (and, with --resume, what the resume shows)."""
    from .explain import explain_text, sentences_json
    from .pipeline import analyze_job
    from .report import analysis_json, text_summary

    result = analyze_job(job, resume, lexicons=lexicons, company=company, role=role,
                         explain=explain)
    _warn(result.warnings)
    if fmt == "json":
        interview_data = None
        if result.resume is not None:
            from .report import interview
            from .tailoring import tailor as tailor_application

            interview_data = interview(tailor_application(result.resume, result.analysis,
                                                          company=company, role=role))
        data = analysis_json(result.analysis, result.lexicon_sources, interview_data)
        if explain:
            data["sentences"] = sentences_json(result.sentences)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(text_summary(result.analysis))
        if explain:
            click.echo("")
            click.echo(explain_text(result.sentences))


@cli.command()
@click.argument("jobs", nargs=-1, required=True)
@click.argument("resume")
@click.option("-o", "--out", metavar="DIR", required=True,
              help="Output folder: ranking.csv, summary.html, summary.md, a folder per posting.")
@click.option("--force", is_flag=True, help="Replace tailor's files in an existing folder.")
@click.option("--no-documents", is_flag=True,
              help="Only rank and count the gaps; write no folder per posting (faster).")
@click.option("--templates", metavar="DIR",
              help="A folder with your own resume.docx, cover-letter.docx, gap-report.md.j2 or "
                   "gap-report.html.j2.")
@click.option("--max-highlights", type=click.IntRange(min=0), default=6, show_default=True,
              help="Highlights kept per entry (the most relevant); 0 keeps all.")
@_lexicon_option
def batch(jobs, resume, out, force, no_documents, templates, max_highlights, lexicons):
    """Rank many postings (JOBS: files and folders of them) for RESUME, with the recurring gaps."""
    from .batch import progress_for, run_batch

    result = run_batch(jobs, resume, out, force=force, documents=not no_documents,
                       lexicons=lexicons, templates=templates, max_highlights=max_highlights,
                       progress=progress_for(sys.stderr))
    _warn(result.warnings)
    read = [r for r in result.rows if r.ok]
    click.echo(f"Ranked {len(read)} of {len(result.rows)} postings for {resume}")
    if read:
        best = read[0]
        name = " at ".join(x for x in (best.title, best.company) if x) or best.posting
        click.echo(f"Best fit: {name} ({best.posting}), score {best.score}/100")
    if result.gaps:
        click.echo("Recurring gaps: " + ", ".join(f"{g.name} ({g.count})"
                                                   for g in result.gaps[:8]))
    folders = sum(1 for r in read if r.folder)
    click.echo(f"Wrote to {result.folder}/: ranking.csv, summary.html, summary.md"
               + (f" and {folders} posting folders" if folders else ""))
    if result.failed:
        raise _CleanError(f"{len(result.failed)} of {len(result.rows)} postings could not be read "
                          f"(see status in {result.folder / 'ranking.csv'}); the others were "
                          "written", EXIT_INPUT)


@cli.command()
@click.argument("resume")
def validate(resume):
    """Check that RESUME is a valid JSON Resume document (YAML or JSON)."""
    from .resume import load_resume

    loaded = load_resume(resume)
    _warn(loaded.warnings)
    click.echo(f"{resume}: valid JSON Resume ({len(loaded.highlights)} highlights)")


@cli.command("import")
@click.argument("document")
@click.option("-o", "--out", metavar="RESUME.yml", default="resume.yml", show_default=True,
              help="The YAML draft to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def import_(document, out, force):
    """Read your resume (.docx, .pdf, .txt or .md) into a JSON Resume YAML draft to check."""
    from .importer import UNSORTED, draft_yaml, import_resume, write_draft
    from .resume import resume_from_text

    draft = import_resume(document)
    text = draft_yaml(draft, document)
    loaded = resume_from_text(text, out)  # the draft must pass `tailor validate`
    write_draft(out, text, force=force)
    for line in draft.unsorted:
        click.echo(f"Not placed (see {UNSORTED} in {out}): {line}", err=True)
    _warn(w for w in loaded.warnings if UNSORTED not in w)
    work = loaded.data.get("work") or []
    if not work:
        click.echo("Warning: no jobs were found (no heading such as Experience or Work History?); "
                   f"add them under work: in {out}", err=True)
    click.echo(f"Wrote {out}: {len(work)} jobs, {len(loaded.highlights)} highlights"
               + (f", {len(draft.unsorted)} lines to sort by hand" if draft.unsorted else "")
               + f". Check it, then run: tailor validate {out}")


@cli.command()
@click.argument("resume", default="resume.yml")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def init(resume, force):
    """Write a commented starter resume (default resume.yml) to fill in."""
    from .importer import write_draft
    from .starter import STARTER

    write_draft(resume, STARTER, force=force)
    click.echo(f"Wrote {resume}: fill it in, then run: tailor validate {resume}")


@cli.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_lexicon_option
@click.pass_context
def lexicon(ctx, fmt, lexicons):
    """List the skill lexicon in use (built-in plus any --lexicon files)."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"lexicons": lexicons}
        return
    from .lexicon import load_lexicon

    lex = load_lexicon(tuple(lexicons))
    if fmt == "json":
        click.echo(json.dumps([
            {"id": e.id, "name": e.name, "kind": e.kind, "description": e.description,
             "aliases": list(e.aliases), "cues": list(e.cues), "implies": list(e.implies),
             "source": e.source}
            for e in lex.entries], ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(lex.entries)} entries from {', '.join(lex.sources)}")
    for e in sorted(lex.entries, key=lambda e: (e.kind, e.id)):
        shown = ", ".join(e.aliases[:6]) + (", ..." if len(e.aliases) > 6 else "")
        click.echo(f"  {e.id:<34} {e.kind:<14} {e.name}  [{shown}]")


@lexicon.command("eval")
@click.argument("jobs_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("labels", type=click.Path(exists=True, dir_okay=False))
@click.option("--resume", metavar="RESUME", help="A resume whose highlights are labelled too.")
@click.option("--highlight-labels", type=click.Path(exists=True, dir_okay=False),
              help="Labels of the resume's highlights (JSON lines: text, concepts).")
@click.option("--detail", is_flag=True, help="List each posting's false and missed concepts.")
@click.pass_context
def lexicon_eval(ctx, jobs_dir, labels, resume, highlight_labels, detail):
    """Measure concept F1 (and highlight NDCG@10) on labelled postings, beside naive TF-IDF."""
    from .evaluation import evaluate, format_report
    from .lexicon import load_lexicon
    from .resume import load_resume

    lex = load_lexicon(tuple((ctx.obj or {}).get("lexicons", ())))
    loaded = load_resume(resume) if resume else None
    tool, naive = evaluate(jobs_dir, labels, resume=loaded, highlight_labels=highlight_labels,
                           lexicon=lex)
    click.echo(format_report(tool, naive, detail=detail))


def _warn(warnings) -> None:
    for w in warnings:
        click.echo(f"Warning: {w}", err=True)


def _stop_on_signal(signum, frame) -> None:
    """SIGTERM and SIGHUP end the run as Ctrl-C does: the half-written output is removed first.

    The exception unwinds through output.py's clean-up; further signals are ignored meanwhile so
    that the clean-up itself is not cut short.
    """
    import signal

    for sig in _STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise SystemExit(128 + signum)


_STOP_SIGNALS: tuple = ()


def _install_signal_handlers() -> None:
    import signal
    import threading

    global _STOP_SIGNALS
    if threading.current_thread() is not threading.main_thread():
        return
    _STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                          if hasattr(signal, name))
    for sig in _STOP_SIGNALS:
        if signal.getsignal(sig) is not signal.SIG_IGN:  # kept ignored under nohup
            signal.signal(sig, _stop_on_signal)


def main() -> None:
    _install_signal_handlers()
    try:
        cli(prog_name="tailor")
    finally:
        # Why: the interpreter's last garbage collections walk every object still alive: with
        # SciPy loaded that is about 0.05 s of each command here (0.15 s when scikit-learn was
        # loaded too, bench/speed.py).
        # Everything is written and closed by now; frozen objects are only left out of those walks.
        # (This is the console entry, run once per process; library callers never reach it.)
        import gc

        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
