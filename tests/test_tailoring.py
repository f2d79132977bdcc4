from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor.matching import analyze
from tailor.posting import parse_job
from tailor.resume import resume_from_text
from tailor.tailoring import tailor


def all_resume_highlights(resume):
    return {h.text for h in resume.highlights}


def test_highlights_are_verbatim_and_reordered(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis)
    first = app.resume.work[0]
    originals = example_resume.data["work"][0]["highlights"]
    assert set(first.highlights) <= set(originals)
    assert first.highlights[0] != originals[0] or len(first.highlights) == 1
    assert len(first.highlights) <= 6
    assert set(first.highlights) | set(first.left_out) == set(originals)


def test_efficiency_and_cost_results_are_never_cut(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis, max_highlights=3)
    kept = app.resume.work[0].highlights
    assert len(kept) == 3
    assert any("reducing no-shows" in h for h in kept)
    assert any("Reduced office supply spending" in h for h in kept)


def test_work_entries_keep_their_order_and_dates(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis)
    assert [e.heading for e in app.resume.work] == [
        "Medical Office Supervisor, Maple Street Family Medicine",
        "Lead Patient Access Representative, Lakeside Urgent Care",
        "Medical Receptionist, Cityview Pediatrics"]
    assert app.resume.work[0].meta == "Columbus, OH | 2020-06 –"
    assert app.resume.work[1].meta == "Columbus, OH | 2017-02 – 2020-05"


def test_max_highlights_zero_keeps_everything(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis, max_highlights=0)
    kept = [h for e in app.resume.work + app.resume.volunteer for h in e.highlights]
    assert sorted(kept) == sorted(all_resume_highlights(example_resume))


def test_skills_the_job_asks_for_come_first(matcher):
    resume = resume_from_text(
        "skills:\n  - name: Knitting\n    keywords: [Scarves]\n"
        "  - name: Coding\n    keywords: [Knitting patterns, ICD-10, CPT]\n", "r.yml")
    job = parse_job("Coder\nClinic\n\nRequirements:\n- ICD-10 and CPT coding.")
    app = tailor(resume, analyze(job, matcher, resume))
    assert app.resume.skills == ("Coding: ICD-10, CPT, Knitting patterns", "Knitting: Scarves")


def test_letter_uses_only_resume_highlights(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis)
    letter = app.letter
    assert letter.company == "Riverbend Family Health Partners"
    assert letter.role == "Medical Office Manager"
    assert 1 <= len(letter.points) <= 4
    for point in letter.points:
        assert point.text in all_resume_highlights(example_resume)
        asked = {c.name for c in example_analysis.concepts if c.in_resume}
        assert point.requirement in asked
    assert letter.achievement in all_resume_highlights(example_resume)
    assert "reducing no-shows" in letter.achievement or "Reduced office supply" in letter.achievement


def test_letter_never_claims_a_gap(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis)
    gaps = {c.name for c in example_analysis.concepts if not c.in_resume}
    assert not gaps & {p.requirement for p in app.letter.points}


highlight_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(highlights=st.lists(highlight_text, min_size=1, max_size=8), job=st.text(max_size=300))
def test_tailoring_never_outputs_a_highlight_the_resume_lacks(matcher, highlights, job):
    import json

    resume = resume_from_text(json.dumps({"work": [{"name": "A", "highlights": highlights}]}), "r.json")
    app = tailor(resume, analyze(parse_job(job), matcher, resume))
    output = [h for e in app.resume.work for h in e.highlights]
    output += [p.text for p in app.letter.points] + ([app.letter.achievement] if app.letter.achievement else [])
    assert set(output) <= set(highlights)
    for entry in app.resume.work:
        assert ["".join(seg.text for seg in line) for line in entry.marked] == list(entry.highlights)


def test_emphasis_marks_what_the_job_asks_for(example_resume, example_analysis):
    app = tailor(example_resume, example_analysis)
    marked = dict(zip(app.resume.work[0].highlights, app.resume.work[0].marked, strict=True))
    line = next(t for t in marked if t.startswith("Conduct quarterly performance evaluations"))
    bold = [seg.text for seg in marked[line] if seg.bold]
    assert "performance evaluations" in bold and "personnel issues" in bold
    assert "quarterly" not in " ".join(bold)
