from tailor.report import analysis_json, gap_report, text_summary
from tailor.tailoring import tailor


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
