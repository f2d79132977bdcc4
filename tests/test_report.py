import datetime
import re
from collections import Counter

import pytest

from tailor.pipeline import analyze_job
from tailor.render import markdown_inline as md
from tailor.report import (analysis_json, gap_report, gap_report_html, interview,
                           split_sentences, text_summary)
from tailor.tailoring import tailor

from conftest import DATA, EXAMPLES


def test_gap_report_lists_matches_gaps_and_order(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis)
    report = gap_report(app, lexicon_sources=("medical-office.yml",))
    assert report.startswith("# Skill-gap report: Medical Office Manager at Riverbend Family Health Partners")
    assert f"**Match score: {example_analysis.match_score}/100.**" in report
    gaps = [c for c in example_analysis.concepts if not c.in_resume and c.kind != "achievement"]
    assert gaps
    missing = report.split("## What the job asks for that your resume does not show")[1].split("## ")[0]
    for c in gaps:
        assert f"**{c.name}**" in missing
    assert "## Why your highlights are in this order" in report
    assert "## Examples to prepare for the interview" in report


def test_report_escapes_markdown():
    from tailor.render import markdown_inline

    assert markdown_inline("a | b *c*\nd") == "a \\| b \\*c\\* d"


def test_json_has_only_contract_types(example_analysis):
    data = analysis_json(example_analysis)
    assert isinstance(data["match"]["score"], int)
    assert data["concepts"][0]["evidence"]


def test_text_summary_marks_gaps(example_analysis):
    text = text_summary(example_analysis)
    assert "Match score:" in text and "[GAP]" in text


def test_report_says_truly_why_a_highlight_was_left_out(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis, max_highlights=3)
    left = gap_report(app).split("## Left out of the tailored resume")[1].split("\n## ")[0]
    shows = {r.highlight.text for r in example_analysis.highlights if r.matched}
    crowded = [t for e in app.resume.work for t in e.left_out if t in shows]
    assert crowded  # the example has more relevant highlights per job than three
    blocks = [b for b in left.split("\n\n") if b.strip()]
    for text in crowded:
        listed = next(n for n, b in enumerate(blocks) if f"- {text}" in b)
        assert "show nothing" not in blocks[listed - 1]  # the sentence that introduces the list


# ------------------------------------------------ issue 9: a Markdown report that says things once
RESUME = str(EXAMPLES / "resume.yml")
ADVERT = DATA / "letters" / "nhs-central-advertising.txt"
DAY = datetime.date(2025, 3, 3)
SHOWS = "## What the job asks for that your resume shows"


def _unsure_advert(text: str) -> str:
    """The real advert with the two sentences that say who the employer is ("Richmond Medical
    Centre is ...") reworded, so the employer is only named: a guess."""
    return (text.replace("Richmond Medical Centre is a training practice",
                         "At Richmond Medical Centre, a training practice")
            .replace("Richmond Medical Centre is an equal", "We are an equal"))


@pytest.fixture(scope="module")
def postings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("postings")
    unsure = folder / "unsure-employer.txt"
    unsure.write_text(_unsure_advert(ADVERT.read_text("utf-8")), "utf-8")
    unknown = folder / "no-employer.txt"
    unknown.write_text(ADVERT.read_text("utf-8").replace("Richmond Medical Centre", "The practice"),
                       "utf-8")
    return [EXAMPLES / "job.txt", ADVERT, *sorted((DATA / "jobs").iterdir()), unsure, unknown]


@pytest.fixture(scope="module")
def reports(postings):
    """(posting name, max highlights) -> (app, gap-report.md), as `tailor JOB RESUME` writes it."""
    out = {}
    for path in postings:
        result = analyze_job(str(path), RESUME)
        for most in (6, 1):
            app = tailor(result.resume, result.analysis, max_highlights=most, date=DAY)
            out[path.name, most] = app, gap_report(app, lexicon_sources=result.lexicon_sources,
                                                   warnings=result.warnings)
    return out


def _section(report: str, heading: str) -> str:
    return report.split(heading + "\n")[1].split("\n## ")[0]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _words(text: str) -> int:
    return len(text.split())


def test_no_raw_score_in_the_markdown_report(reports):
    for (name, most), (app, report) in reports.items():
        prose = re.sub(r'"[^"\n]*"', '""', report)  # not inside the posting's or resume's words
        assert not re.search(r"\b[01]\.\d\d\b", prose), (name, most)
        for r in app.analysis.highlights:
            assert f"**{r.score:.2f}**" not in report
        order = _section(report, "## Why your highlights are in this order")
        items = re.findall(r"^\d+\. (.+)$", order, re.M)
        assert len(items) == len(app.analysis.highlights)
        assert all(i.startswith("Answers ") for i in items), (name, most)


def test_the_json_keeps_the_scores(reports):
    app, _ = reports["job.txt", 6]
    data = analysis_json(app.analysis)
    assert [h["score"] for h in data["highlights"]] == [round(r.score, 4)
                                                        for r in app.analysis.highlights]
    assert all(isinstance(c["score"], float) for c in data["concepts"])


def test_highlights_say_in_words_which_required_and_preferred_items_they_answer(reports):
    app, report = reports["job.txt", 6]
    order = _section(report, "## Why your highlights are in this order")
    concepts = {c.id: c for c in app.analysis.concepts}
    for n, r in enumerate(app.analysis.highlights, 1):
        line = _unescape(re.search(rf"^{n}\. (.+)$", order, re.M).group(1))
        assert r.highlight.text.startswith(line.split(': "', 1)[1].rstrip('"…'))
        for k in r.matched:
            importance = concepts[k].importance or "asked"
            assert concepts[k].name in line and f"({importance})" in line, (n, k)
    assert re.search(r"\(required\)", order) and re.search(r"\(preferred\)", order)


def test_each_posting_sentence_is_quoted_at_most_once(reports):
    for (name, most), (app, report) in reports.items():
        shows = _section(report, SHOWS)
        quotes = [_unescape(q) for q in re.findall(r'^- "(.+)"$', shows, re.M)]
        assert len(quotes) == len(set(quotes)), (name, most)
        sentences = {s for c in app.analysis.concepts for s in c.evidence}
        for q in quotes:
            assert _words(q) <= 26, q  # a very long sentence is cut, at a word boundary
            assert q in sentences or (q.endswith("…") and any(
                s.startswith(q[:-1]) and s[len(q) - 1] in " ,;:" for s in sentences)), q
        for s in sentences:  # in the whole report, no posting sentence comes twice
            assert report.count(md(s)) <= 1, (name, most, s)


def test_every_requirement_shown_still_appears_with_its_resume_line(reports):
    for (name, _most), (app, report) in reports.items():
        shows = _unescape(_section(report, SHOWS))
        matched = [c for c in app.analysis.concepts if c.in_resume and c.kind != "achievement"]
        gaps = {c.name: c for c in app.analysis.concepts if not c.in_resume}
        groups = re.split(r"^- ", shows, flags=re.M)[1:]
        for c in matched:
            label = f"{c.name} ({c.importance or 'asked'}"
            group = next(g for g in groups if f"  - {label}" in g or f", {label}" in g
                         or f" and {label}" in g)
            head = group.splitlines()[0]
            sentence = c.evidence[0]
            if head.startswith('"'):
                assert sentence.startswith(head.strip('"').rstrip("…")), (name, c.id)
            else:  # the sentence was quoted for a gap
                under = re.search(r"quoted above under \*\*(.+)\*\*:$", head).group(1)
                assert gaps[under].evidence[0] == sentence, (name, c.id)
            line = next(x for x in group.splitlines() if label in x)
            shown = c.resume_evidence[0] if c.resume_evidence else ""
            if "the same line as for " in line:
                other = line.split("the same line as for ")[1].removesuffix(" above")
                first = next(k for k in matched if k.name == other)
                assert first.resume_evidence[0] == shown
                assert f'"{shown}"' in shows.split(line)[0]  # quoted above it
            elif shown:
                assert line.endswith(f'"{shown}"'), (name, c.id)


def _plain(line: str) -> str:
    line = _unescape(line)
    line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+(?:\[[ x]\]\s+)?", "", line)
    # A title that is a sentence of its own ("**Empathy** (required).") names; it says nothing.
    line = re.sub(r"^\*\*[^*]+\*\*(?:\s*\([^)]*\))?[.:]", " ", line)
    return line.replace("**", "").replace("`", "")


def _norm(piece: str) -> str:
    piece = " ".join(piece.split()).strip(" .,;:()\"").casefold()
    return piece if len(re.findall(r"\w+", piece)) >= 4 else ""


def _units(text: str) -> list[str]:
    """The sentences of a Markdown text, and each quoted passage on its own, once a line."""
    out = []
    for line in text.splitlines():
        line = _plain(line)
        found = {_norm(p) for p in re.split(r'(?<=[.!?])["”)]*\s+', line)}
        found |= {_norm(q) for q in re.findall(r'"([^"]+)"', line)}
        out += sorted(u for u in found if u)
    return out


def _repeated(report: str, own_lines=()) -> list[str]:
    """Sentences said twice. The person's own resume lines may be quoted once in each section
    that needs them (the evidence, the interview), never twice in one."""
    allowed = {u for text in own_lines for u in _units(text)}
    sections = re.split(r"^#{2,3} ", report, flags=re.M)
    count = Counter(u for s in sections for u in _units(s))
    return [u for u, n in count.items() if n > 1 and not (
        u in allowed and all(_units(s).count(u) <= 1 for s in sections))]


def test_the_duplicate_check_finds_a_repeated_sentence():
    twice = "## A\n\n- Say it in your own words, in the first person.\n" * 2
    assert _repeated(twice) == ["say it in your own words, in the first person"]
    quoted = '- **CMM**. The posting says: "Keep the equipment maintained and repaired."\n'
    assert _repeated(quoted + quoted.replace("CMM", "CMPE"))
    line = "Supervised a team of nine front desk staff."
    assert _repeated(f'## A\n\n- X: "{line}"\n\n## B\n\n- Y: "{line}"\n', [line]) == []
    assert _repeated(f'## A\n\n- X: "{line}"\n- Y: "{line}"\n', [line])


def test_no_sentence_is_said_twice_in_the_report(reports):
    for (name, most), (app, report) in reports.items():
        lines = [r.highlight.text for r in app.analysis.highlights]
        assert _repeated(report, lines) == [], (name, most)


def test_shared_advice_is_said_once_and_no_advice_is_lost(reports):
    app, report = reports["job.txt", 6]
    gaps = [c for c in app.analysis.concepts if c.in_resume is False and c.kind != "achievement"]
    shared = report.split("What to do about several of these gaps at once:")[1].split("\n## ")[0]
    assert shared.count("\n- For ") >= 2  # the example's gaps share some of their advice
    text = _unescape(report)
    for c in gaps:
        for sentence in split_sentences(app.analysis.advice.for_concept(c.id)):
            if '"' not in sentence:  # a quoted posting sentence is pointed back to instead
                assert text.count(sentence) == 1, (c.id, sentence)


def test_gap_questions_point_back_to_the_advice_instead_of_repeating_it(reports):
    for (name, _most), (app, report) in reports.items():
        gaps_section = _section(report, "## What the job asks for that your resume does not show")
        if "### Questions about the gaps" not in report:
            assert not interview(app)["questions"], name
            continue
        section = report.split("### Questions about the gaps\n")[1].split("\n## ")[0]
        asked = re.findall(r"^- \*\*(.+?)\*\* \(\w+\)\. Likely question: .+\n"
                           r"  - How to answer honestly: (.+)$", section, re.M)
        assert len(asked) == len(interview(app)["questions"]) > 0, name
        for gap, answer in asked:
            assert answer.endswith(f"To close the gap, see What to do under {gap} above."), gap
            assert f"- **{gap}**" in gaps_section and "What to do: " in gaps_section
            assert "how you are closing the gap" not in answer
        for c in app.analysis.concepts:
            advice = app.analysis.advice.for_concept(c.id) or ""
            for sentence in split_sentences(advice):
                if _words(sentence) >= 6:
                    assert md(sentence) not in section, (name, c.id, sentence)
    app, report = reports["job.txt", 6]
    assert "### Questions about the gaps" in report and app.analysis.advice.interview


def test_the_report_warns_near_the_top_when_the_employer_is_a_guess(reports):
    app, report = reports["unsure-employer.txt", 6]
    assert app.analysis.job.company_note  # the posting really is one tailor is unsure of
    top = report.split("\n## ")[0]
    note = top.split("**Employer to check:** ")[1].split("\n")[0]
    assert "Richmond Medical Centre" in note and "Central Advertising" in note
    assert 'run tailor again with `--company "Employer name"`, which overrides it' in note
    page = gap_report_html(app)
    header = page.split("<header>")[1].split("</header>")[0]
    assert "Employer to check:" in header and "<code>--company" in header
    assert "Richmond Medical Centre</strong> as the employer" in header


def test_the_report_says_when_no_employer_was_found(reports):
    app, report = reports["no-employer.txt", 6]
    assert app.analysis.job.company is None
    top = report.split("\n## ")[0]
    assert "**Employer to check:** the posting's second line (Central Advertising" in top
    assert "addressed without an employer's name" in top and "`--company" in top


def test_no_employer_warning_when_the_employer_is_sure(reports, matcher, example_resume):
    for key in [("job.txt", 6), (ADVERT.name, 6), ("uk-practice-manager.txt", 6)]:
        app, report = reports[key]
        assert not app.analysis.job.company_note
        assert "Employer to check" not in report and "Employer to check" not in gap_report_html(app)
    from tailor.matching import analyze
    from tailor.posting import parse_job

    text = _unsure_advert(ADVERT.read_text("utf-8"))
    given = parse_job(text, "x.txt", company="Richmond Medical Centre")  # --company
    report = gap_report(tailor(example_resume, analyze(given, matcher, example_resume)))
    assert "Employer to check" not in report
