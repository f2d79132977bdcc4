"""The whole job as library calls: analyse a posting, or tailor a resume to it and write the files.

Why: the CLI is a thin layer over these two functions, and they double as the example of using
tailor as a library:

    from tailor.pipeline import tailor_application
    result = tailor_application("job.txt", "resume.yml", "out")
    print(result.paths, result.analysis.match_score)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .advice import advise, load_advice
from .explain import ExplainedSentence, explain_sentences
from .lexicon import load_lexicon
from .matching import analyze, matcher_for
from .models import Analysis, Lexicon, Resume
from .output import document_names, safe_name, write_outputs
from .posting import parse_job
from .render import LETTER_TEMPLATE, RESUME_TEMPLATE, render_docx
from .report import analysis_json, gap_report, gap_report_html, interview
from .resume import load_resume
from .sources import read_job
from .tailoring import DEFAULT_MAX_HIGHLIGHTS, tailor

DEFAULT_PAGES = 2  # the most pages the resume's PDF should have (--pages)


@dataclass(frozen=True)
class AnalyzeResult:
    analysis: Analysis
    resume: Resume | None
    lexicon_sources: tuple[str, ...]
    warnings: tuple[str, ...]
    sentences: tuple[ExplainedSentence, ...] | None = None  # with explain=True only


@dataclass(frozen=True)
class TailorResult:
    analysis: Analysis
    paths: tuple[Path, ...]
    folder: Path
    warnings: tuple[str, ...]


def analyze_job(job_path: str, resume_path: str | None = None, *, lexicons: tuple[str, ...] = (),
                company: str | None = None, role: str | None = None,
                explain: bool = False) -> AnalyzeResult:
    """Read the posting (and resume), judge what the job asks for and how the resume answers it.

    With ``explain``, the result also holds every sentence of the posting with what it yielded,
    or, for one not counted, why not and what it would have yielded (``analyze --explain``).
    """
    lexicon = load_lexicon(tuple(lexicons))
    resume = load_resume(resume_path) if resume_path else None
    return analyze_loaded(job_path, resume, lexicon, company=company, role=role, explain=explain)


def analyze_loaded(job_path: str, resume: Resume | None, lexicon: Lexicon, *, matcher=None,
                   company: str | None = None, role: str | None = None,
                   explain: bool = False) -> AnalyzeResult:
    """``analyze_job`` with the resume and lexicon already loaded (and, optionally, a matcher).

    Why: ``tailor batch`` loads them once for many postings; going through this one function
    keeps each posting's analysis and warnings exactly those of ``tailor analyze``.
    """
    text, name = read_job(job_path)
    job = parse_job(text, name, company=company, title=role)
    matcher = matcher or matcher_for(lexicon)
    analysis = analyze(job, matcher, resume)
    if resume is not None:
        analysis = advise(analysis, resume, lexicon, load_advice(lexicon))
    sentences = None
    if explain:
        named = matcher.sentence_concepts(analysis.job, analysis.concepts)
        sentences = tuple(explain_sentences(analysis.job, analysis.concepts, named, lexicon))
    warnings = list(resume.warnings if resume else ())
    if not analysis.concepts:
        warnings.append(f"{name}: the posting names nothing the lexicon in use knows; if it is not "
                        "a medical office job, add a lexicon for it with --lexicon")
    if resume is not None and not resume.name:
        warnings.append(f"{resume.path}: the resume has no basics.name, so the documents carry no "
                        "name (add basics: name: ...)")
    if resume is not None and not resume.highlights:
        warnings.append(f"{resume.path}: the resume has no highlights (work[].highlights, "
                        "volunteer[].highlights, projects[].highlights) to choose from")
    return AnalyzeResult(analysis, resume, lexicon.sources, tuple(warnings), sentences)


def default_folder(analysis: Analysis) -> Path:
    """tailored-<company>-<title> in the current folder, made safe as a folder name."""
    return Path("tailored-" + safe_name(analysis.job.company, analysis.job.title))


def tailor_application(job_path: str, resume_path: str, out: str | None = None, *,
                       force: bool = False, lexicons: tuple[str, ...] = (),
                       templates: str | None = None, company: str | None = None,
                       role: str | None = None,
                       max_highlights: int = DEFAULT_MAX_HIGHLIGHTS, pdf: bool = False,
                       pages: int = DEFAULT_PAGES, date=None) -> TailorResult:
    """Tailor the resume and letter to the posting and write them with the gap report
    (and, with ``pdf``, the two documents as PDF too). ``date`` dates the letter (a
    ``datetime.date``; today when None)."""
    result = analyze_job(job_path, resume_path, lexicons=lexicons, company=company, role=role)
    files, warnings = application_files(result, templates=templates, company=company, role=role,
                                        max_highlights=max_highlights, pdf=pdf, pages=pages,
                                        date=date)
    folder = Path(out) if out else default_folder(result.analysis)
    paths = write_outputs(folder, files, force=force)
    return TailorResult(result.analysis, tuple(paths), folder, warnings)


def application_files(result: AnalyzeResult, *, templates: str | None = None,
                      company: str | None = None, role: str | None = None,
                      max_highlights: int = DEFAULT_MAX_HIGHLIGHTS, pdf: bool = False,
                      pages: int = DEFAULT_PAGES, date=None
                      ) -> tuple[dict[str, bytes], tuple[str, ...]]:
    """The files ``tailor JOB RESUME`` writes (name -> bytes, in memory), and the warnings.

    With ``pdf``, also a PDF of each document (LibreOffice), and a warning when the resume's is
    longer than ``pages`` or the letter's longer than one page.

    Why: ``tailor batch`` writes the very same files for each posting; both go through here.
    """
    analysis = result.analysis
    warnings = list(result.warnings)
    if not (company or analysis.job.company):
        warnings.append("the employer's name was not found in the posting; the letter is "
                        "addressed without it (give it with --company)")
    if not (role or analysis.job.title):
        warnings.append("the job title was not found in the posting (give it with --role)")
    app = tailor(result.resume, analysis, company=company, role=role,
                 max_highlights=max_highlights, date=date)
    resume_name, letter_name = document_names(
        app.resume.name, app.letter.company or company or analysis.job.company)
    documents = {
        f"{resume_name}.docx": render_docx(RESUME_TEMPLATE, {"r": app.resume}, templates),
        f"{letter_name}.docx": render_docx(LETTER_TEMPLATE, {"l": app.letter}, templates),
    }
    files = dict(documents)
    if pdf:
        from .pdf import check_pages, docx_to_pdf

        pdfs = docx_to_pdf(documents)
        warnings += check_pages((f"{resume_name}.pdf", pdfs[f"{resume_name}.pdf"]),
                                (f"{letter_name}.pdf", pdfs[f"{letter_name}.pdf"]), pages)
        files.update(pdfs)
    report = {"lexicon_sources": result.lexicon_sources, "warnings": tuple(warnings),
              "templates": templates}
    files.update({
        "gap-report.md": gap_report(app, **report).encode("utf-8"),
        "gap-report.html": gap_report_html(app, **report).encode("utf-8"),
        "analysis.json": (json.dumps(analysis_json(analysis, result.lexicon_sources,
                                                  interview(app)), indent=2,
                                     ensure_ascii=False) + "\n").encode("utf-8"),
    })
    return files, tuple(warnings)
