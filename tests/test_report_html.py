"""gap-report.html: a self-contained page (issue 9, item 3), checked as text and, where a headless
browser is installed, as a browser shows it."""

import datetime
import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from tailor.pipeline import analyze_job, tailor_application
from tailor.report import gap_report, gap_report_html, split_sentences
from tailor.tailoring import tailor

from conftest import DATA, EXAMPLES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "out"
    tailor_application(str(EXAMPLES / "job.txt"), str(EXAMPLES / "resume.yml"), str(out))
    return out, (out / "gap-report.html").read_text("utf-8"), \
        json.loads((out / "analysis.json").read_text("utf-8"))


def _part(page: str, start: str) -> str:
    """The page from ``start`` to the end of that section."""
    return page[page.index(start):].split("</section>")[0]


def test_the_page_loads_nothing_and_runs_nothing(example):
    _, page, _ = example
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?:|//[a-z]", page, re.I), "an address in the page"
    assert "<script" not in page.lower() and "url(" not in page.lower()
    assert "@import" not in page
    assert all(ref.startswith("#") for ref in re.findall(r'(?:href|src)="([^"]*)"', page))
    assert "default-src 'none'" in page  # a Content-Security-Policy forbids loading anything
    built_in = (ROOT / "templates" / "gap-report.html.j2").read_text("utf-8")
    assert "http:" not in built_in and "https:" not in built_in


def test_the_page_has_a_chart_by_area(example):
    _, page, _ = example
    chart = page[page.index("<svg"):page.index("</svg>")]
    for area in ("Operations", "People", "Finance", "Compliance", "Software"):
        assert f">{area}</text>" in chart, area
    assert 'class="missing"' in chart and 'class="shown"' in chart


def test_the_page_holds_the_checklist_and_each_gaps_advice(example):
    _, page, data = example
    assert data["checklist"], "the example has a checklist"
    for item in data["checklist"]:
        assert str(escape(item["asked"])) in page, item["asked"]
    gaps = [c for c in data["concepts"] if c["in_resume"] is False and c["kind"] != "achievement"]
    assert gaps
    section = _part(page, '<section id="gaps">')
    assert section.count('class="pair gap"') == len(gaps)
    for c in gaps:
        asked = "" if c["importance"] == "asked" else f" ({c['importance']})"
        assert f"<h3>{escape(c['name'])}{asked}</h3>" in section, c["id"]
        # Every sentence of its advice is there, said once: under the gap, or with the advice
        # several gaps share (a posting sentence it quotes is pointed back to instead).
        for sentence in split_sentences(c["advice"]):
            if '"' not in sentence:
                assert page.count(str(escape(sentence))) == 1, (c["id"], sentence)
    assert "What to do about several of these gaps at once" in section  # the example's share


def test_the_evidence_stands_side_by_side(example):
    _, page, data = example
    shown = [c for c in data["concepts"] if c["in_resume"] and c["kind"] != "achievement"]
    section = _part(page, '<section id="evidence">')
    # One pair a posting sentence: the sentence (or where it is quoted) beside the resume lines.
    pairs = section.split('<div class="pair">')[1:]
    assert len(pairs) == len({c["evidence"][0] for c in shown}) < len(shown)
    for pair in pairs:
        posting, resume = pair.split('<span class="label">')[1:3]
        assert posting.startswith("The posting says</span>") and ("<q>" in posting
                                                                   or "quoted above" in posting)
        assert resume.startswith("Your resume shows</span>") and "<li>" in resume
    for c in shown:
        assert f"{escape(c['name'])} ({c['importance']}" in section, c["id"]
        if not c["resume_evidence"]:
            continue
        line = str(escape(c["resume_evidence"][0]))
        assert section.count(f"<q>{line}</q>") == 1, c["id"]  # each resume line quoted once
    assert "grid-template-columns" in page  # two columns, one above the other on a narrow screen


def test_posting_text_cannot_become_markup(tmp_path):
    job = tmp_path / "job.txt"
    job.write_text("Office Manager\nAcme <b>Clinic</b>\n\n"
                   "Supervise front desk staff <img src=https://example.org/x.png> daily.\n"
                   "Experience with Epic EHR <script>alert(1)</script> is required.\n",
                   encoding="utf-8")
    tailor_application(str(job), str(EXAMPLES / "resume.yml"), str(tmp_path / "out"))
    page = (tmp_path / "out" / "gap-report.html").read_text("utf-8")
    assert "<img" not in page and "<script" not in page and "<b>" not in page
    assert "&lt;img src=https://example.org/x.png&gt;" in page  # shown as text, never loaded


def test_a_template_folder_overrides_the_html_report(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "gap-report.html.j2").write_text("<p>{{ score }} {{ areas | length }} "
                                               "{{ '<x>' }}</p>\n", encoding="utf-8")
    tailor_application(str(EXAMPLES / "job.txt"), str(EXAMPLES / "resume.yml"),
                       str(tmp_path / "out"), templates=str(folder))
    page = (tmp_path / "out" / "gap-report.html").read_text("utf-8")
    assert re.fullmatch(r"<p>\d+ \d+ &lt;x&gt;</p>\n", page), page  # autoescaped there too
    assert (tmp_path / "out" / "gap-report.md").read_text("utf-8").startswith("# Skill-gap")


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.mark.skipif(_browser() is None, reason="no headless browser (chromium) installed")
def test_a_real_browser_shows_the_page_offline(example, tmp_path):
    out, _, data = example
    command = [_browser(), "--headless", "--no-sandbox", "--disable-gpu",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp_path / 'profile'}",
               "--virtual-time-budget=3000", "--dump-dom", (out / "gap-report.html").as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<svg" in dom and "Requirement checklist" in dom
    gaps = [c for c in data["concepts"] if c["in_resume"] is False and c["kind"] != "achievement"]
    # (A browser writes text back with only &, < and > escaped.)
    first = split_sentences(gaps[0]["advice"])[0]
    text = first.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert text in dom and dom.count('class="pair gap"') == len(gaps)
    sentences = {c["evidence"][0] for c in data["concepts"]
                 if c["in_resume"] and c["kind"] != "achievement"}
    assert dom.count('<div class="pair">') == len(sentences)  # the evidence, side by side
    assert _repeated(_visible(dom), [h["text"] for h in data["highlights"]]) == []
    shot = tmp_path / "page.png"
    subprocess.run([*command[:-2], f"--screenshot={shot}", "--window-size=1280,900",
                    (out / "gap-report.html").as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000  # something was drawn on screen


# ------------------------------------ issue 9: the page says each thing once, as the Markdown does
RESUME = str(EXAMPLES / "resume.yml")
POSTINGS = [EXAMPLES / "job.txt", DATA / "letters" / "nhs-central-advertising.txt",
            *sorted((DATA / "jobs").iterdir())]
DAY = datetime.date(2025, 3, 3)
MIN_WORDS = 6  # a sentence this long, said twice, is a repetition; shorter ones are labels
_HIDDEN = {"head", "title", "style", "script"}  # (an SVG <title> is a tooltip, not on the page)
_INLINE = {"a", "abbr", "b", "code", "em", "i", "q", "small", "strong"}
_VOID = {"br", "hr", "img", "input", "link", "meta", "rect", "wbr"}


class _Page(HTMLParser):
    """The text a browser shows, by section (the header, each <section>, the footer), one line a
    block: each line ``{"text": ..., "quotes": [...], "title": ...}`` with the <q> passages in it
    (a quoted posting sentence or resume line), and the bold words it starts with (often a
    requirement's name)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list[list[dict]] = [[]]
        self.hidden = 0
        self.quote: list[str] | None = None
        self.title: list[str] | None = None
        self._line()

    def _line(self):
        self.sections[-1].append({"text": "", "quotes": [], "title": ""})

    def handle_starttag(self, tag, attrs):
        if tag in ("header", "section", "footer"):
            self.sections.append([])
            self._line()
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "q":
            self.quote = []
        elif tag not in _INLINE:
            self._line()
        if tag == "strong" and not self.sections[-1][-1]["text"].strip():
            self.title = []

    def handle_startendtag(self, tag, attrs):
        if tag not in _INLINE:
            self._line()

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden -= 1
        elif tag == "q" and self.quote is not None:
            self.sections[-1][-1]["quotes"].append("".join(self.quote))
            self.quote = None
        if tag == "strong" and self.title is not None:
            self.sections[-1][-1]["title"] = "".join(self.title)
            self.title = None
        if tag not in _INLINE and tag not in _VOID:
            self._line()

    def handle_data(self, data):
        if self.hidden:
            return
        self.sections[-1][-1]["text"] += data
        for part in (self.quote, self.title):
            if part is not None:
                part.append(data)


def _visible(page: str) -> list[list[dict]]:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return [[line for line in s if line["text"].strip()] for s in parser.sections]


_TITLE_END = re.compile(r"^\s*(?:\([^)]*\))?[.:]")


def _said(line: dict) -> str:
    """A line without the bold title it starts with when that title is a sentence of its own
    ("**Empathy** (required)."): it names; it says nothing (as in tests/test_report.py)."""
    text, title = line["text"].strip(), line["title"]
    if title and text.startswith(title) and _TITLE_END.match(text[len(title):]):
        return _TITLE_END.sub(" ", text[len(title):])
    return text


def _norm(piece: str) -> str:
    piece = " ".join(piece.split()).strip(" .,;:()\"“”").casefold()
    return piece if len(re.findall(r"\w+", piece)) >= MIN_WORDS else ""


def _units(section: list[dict]) -> list[str]:
    """The sentences of a section, and each quoted passage on its own, once a line."""
    out = []
    for line in section:
        found = {_norm(p) for p in split_sentences(_said(line))}
        found |= {_norm(q) for q in re.findall(r'"([^"]+)"', line["text"]) + line["quotes"]}
        out += sorted(u for u in found if u)
    return out


def _repeated(sections: list[list[dict]], own_lines=()) -> list[str]:
    """Sentences said twice on the page. As in the Markdown report (tests/test_report.py), the
    person's own resume lines may be quoted once in each section that needs them (the evidence,
    the interview), never twice in one."""
    allowed = {_norm(t) for t in own_lines} - {""}
    per_section = [Counter(_units(s)) for s in sections]
    count = sum(per_section, Counter())
    return sorted(u for u, n in count.items() if n > 1 and not (
        u in allowed and all(c[u] <= 1 for c in per_section)))


def _raw_scores(sections: list[list[dict]]) -> list[str]:
    """Numbers like 0.96 in the page's own words (not in the posting's or the resume's)."""
    found = []
    for line in (line for s in sections for line in s):
        text = line["text"]
        for q in line["quotes"]:
            text = text.replace(q, "")
        found += re.findall(r"\b[01]\.\d{2,}\b", re.sub(r'"[^"]*"', '""', text))
    return found


@pytest.fixture(scope="module")
def pages():
    """(posting name, max highlights) -> (app, gap-report.md, gap-report.html)."""
    out = {}
    for path in POSTINGS:
        result = analyze_job(str(path), RESUME)
        for most in (6, 1):
            app = tailor(result.resume, result.analysis, max_highlights=most, date=DAY)
            given = {"lexicon_sources": result.lexicon_sources, "warnings": result.warnings}
            out[path.name, most] = app, gap_report(app, **given), gap_report_html(app, **given)
    return out


def test_the_duplicate_check_finds_a_repeated_sentence_and_a_raw_score():
    advice = "<li>Say it in your own words, in the first person.</li>"
    page = f"<section><h2>A</h2><ul>{advice}{advice}</ul></section>"
    assert _repeated(_visible(page)) == ["say it in your own words, in the first person"]
    line = "Supervised a team of nine front desk staff."
    staff, lead = (f"<li><strong>{k}</strong>: <q>{line}</q></li>" for k in ("Staff", "Leadership"))
    assert _repeated(_visible(f"<section>{staff}</section><section>{lead}</section>"),
                     [line]) == []  # once in each of two sections: the person's own line
    assert _repeated(_visible(f"<section>{staff}{lead}</section>"), [line]) == [_norm(line)]
    posting = '<div><span class="label">The posting says</span>Keep medical and office equipment maintained and coordinate repairs.</div>'
    assert _repeated(_visible(f"<section>{posting}</section><section>{posting}</section>"))
    found = _raw_scores(_visible("<p>Trained staff <em>0.96</em> (0.9592)</p>"))
    assert found == ["0.96", "0.9592"]
    assert _raw_scores(_visible("<p>Answers: <q>Cut costs by 0.25 FTE</q></p>")) == []
    assert _visible("<style>p{line-height:1.45}</style><p>x</p>") == [[{"text": "x", "quotes": [],
                                                                          "title": ""}]]
    title = "<h3>Certified Medical Practice Executive (CMPE) (preferred)</h3>"
    named = "<li><strong>Certified Medical Practice Executive (CMPE)</strong> (preferred). Why?</li>"
    assert _repeated(_visible(f"<section>{title}</section><section>{named}</section>")) == []


def test_the_page_says_no_sentence_twice(pages):
    for (name, most), (app, _, page) in pages.items():
        own = [r.highlight.text for r in app.analysis.highlights]
        assert _repeated(_visible(page), own) == [], (name, most)


def test_no_raw_score_in_the_page(pages):
    for (name, most), (app, _, page) in pages.items():
        assert _raw_scores(_visible(page)) == [], (name, most)
        text = "\n".join(line["text"] for s in _visible(page) for line in s)
        for r in app.analysis.highlights:
            assert f"{r.score:.2f}" not in text.replace(r.highlight.text, ""), (name, most)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


_LABEL = re.compile(r"(?:^|, | and )(.+?) \((required|preferred|asked)(, partial)?\)")


def test_every_requirement_the_markdown_shows_is_on_the_page(pages):
    for (name, most), (app, report, page) in pages.items():
        concepts = [c for c in app.analysis.concepts if c.kind != "achievement"]
        gaps_md = _unescape(report.split("## What the job asks for that your resume does not show\n")
                            [1].split("\n## ")[0])
        shows_md = _unescape(report.split("## What the job asks for that your resume shows\n")[1]
                             .split("\n## ")[0])
        gaps = re.findall(r"^- \*\*(.+?)\*\*(?: \((\w+)\))?\. ", gaps_md, re.M)
        shown = [m.groups() for label in re.findall(r"^  - (.+?): ", shows_md, re.M)
                 for m in _LABEL.finditer(label)]
        # (Read right: the Markdown names each requirement once, as shown or as missing.)
        assert sorted(g for g, _ in gaps) == sorted(c.name for c in concepts if not c.in_resume)
        assert sorted(s for s, *_ in shown) == sorted(c.name for c in concepts if c.in_resume)
        gaps_html = _part(page, '<section id="gaps">')
        for gap, importance in gaps:
            title = f"{gap} ({importance})" if importance else gap
            assert f"<h3>{escape(title)}</h3>" in gaps_html, (name, most, gap)
        evidence = _part(page, '<section id="evidence">')
        for req, importance, partial in shown:
            label = f"{req} ({importance}{partial or ''})"
            assert str(escape(label)) in evidence, (name, most, label)
