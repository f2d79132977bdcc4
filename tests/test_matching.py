import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tailor.matching import REPORT_THRESHOLD, analyze, match_score
from tailor.posting import parse_job


def ids(analysis):
    return {c.id for c in analysis.concepts}


def test_example_job_asks_for_what_it_says(example_analysis):
    found = ids(example_analysis)
    for expected in ("duty.office-operations", "duty.staff-management", "duty.budget-management",
                     "reg.hipaa", "reg.osha", "reg.cms", "code.icd-10", "code.cpt", "soft.ehr",
                     "soft.ms-office", "cred.bachelors-degree", "cred.cmm", "cred.cmpe",
                     "skill.leadership", "skill.communication"):
        assert expected in found, expected


def test_negated_duty_is_not_asked_for(example_analysis):
    assert "duty.payroll" not in ids(example_analysis)


def test_boilerplate_never_yields_a_concept(matcher):
    text = ("Office Manager\nAcme Clinic\n\nBenefits\n- Dental insurance and paid time off.\n"
            "- Tuition reimbursement for staff training.\n\nAcme Clinic is an equal opportunity "
            "employer. We welcome applicants with disabilities.")
    assert ids(analyze(parse_job(text), matcher)) == set()


def test_every_concept_has_verbatim_evidence(example_analysis, example_job):
    for concept in example_analysis.concepts:
        assert concept.evidence
        for sentence in concept.evidence:
            assert sentence in example_job.text
        assert 0.0 <= concept.score <= 1.0


def test_named_things_need_a_name(matcher):
    from tailor.resume import resume_from_text

    resume = resume_from_text(
        "certificates:\n  - name: Certified Medical Administrative Assistant (CMAA)\n", "r.yml")
    job = parse_job("Manager\nClinic\n\nRequirements:\n- Certified Medical Manager (CMM) required.")
    analysis = analyze(job, matcher, resume)
    cmm = next(c for c in analysis.concepts if c.id == "cred.cmm")
    assert cmm.in_resume is False


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_resume_evidence_is_verbatim(example_analysis, example_resume):
    words = set(strings(example_resume.data))
    degrees = {f"{e.get('studyType')} {e.get('area')}" for e in example_resume.data["education"]}
    for concept in example_analysis.concepts:
        if concept.in_resume:
            assert concept.resume_evidence
        for line in concept.resume_evidence:
            assert line in words or line in degrees


def test_every_highlight_is_ranked_once(example_analysis, example_resume):
    ranked = [r.highlight.where for r in example_analysis.highlights]
    assert sorted(ranked) == sorted(h.where for h in example_resume.highlights)
    # Lines that surely show something the job asks for first; then, within each part, by
    # relevance (what they surely show plus what the model finds likely), never below the score.
    order = [(r.score > 0, r.relevance) for r in example_analysis.highlights]
    assert order == sorted(order, reverse=True)
    assert all(r.relevance >= r.score for r in example_analysis.highlights)


def test_highlights_that_show_more_of_the_job_come_first(example_analysis):
    core = {c.id for c in example_analysis.concepts if not c.refines and c.kind != "achievement"}
    shown = [len(set(r.matched) & core) for r in example_analysis.highlights]
    strong = [i for i, n in enumerate(shown) if n >= 3]
    weak = [i for i, n in enumerate(shown) if n <= 1]
    assert strong and weak
    assert max(strong) < min(weak)
    top = [r.highlight.text for r in example_analysis.highlights[:5]]
    assert not any("4-line phone" in t for t in top)


def test_match_score_counts_required_most():
    from tailor.models import ConceptMatch

    def concept(cid, importance, shown):
        return ConceptMatch(cid, cid, "duty", 1.0, importance, ("e",), in_resume=shown)

    only_required = [concept("a", "required", True), concept("b", "preferred", False)]
    only_preferred = [concept("a", "required", False), concept("b", "preferred", True)]
    assert match_score(only_required) > 50 > match_score(only_preferred) > 0
    assert match_score([concept("a", "required", True)]) == 100
    assert match_score([concept("a", "required", False)]) == 0


def test_same_inputs_same_analysis(example_job, matcher, example_resume):
    assert analyze(example_job, matcher, example_resume) == analyze(example_job, matcher,
                                                                    example_resume)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=600))
def test_analysis_never_crashes_on_any_text(matcher, text):
    analysis = analyze(parse_job(text), matcher)
    for concept in analysis.concepts:
        for sentence in concept.evidence:
            assert sentence in text


def test_pairing_puts_the_closest_resume_line_first(matcher):
    lines = ["Trained new representatives on registration rules.",
             "Oversee daily check-in, registration and insurance verification for all patients."]
    job = ("Oversee daily clinic operations: patient scheduling, registration and check-in.",)
    assert matcher.pair(job, lines)[0] == lines[1]
    assert matcher.pair(job, lines[:1]) == lines[:1]


def test_evidence_leads_with_the_sentence_most_about_the_concept(example_analysis):
    billing = next(c for c in example_analysis.concepts if c.id == "skill.billing-coding")
    passing_mention = "Recruit, hire, train and supervise front desk, scheduling and billing staff"
    assert not billing.evidence[0].startswith(passing_mention)
    assert "billing" in billing.evidence[0] and ("claims" in billing.evidence[0]
                                                 or "coding" in billing.evidence[0])


def test_letter_answers_each_requirement_with_the_closest_line(example_resume, example_analysis):
    from tailor.tailoring import tailor

    points = {p.requirement: p.text for p in tailor(example_resume, example_analysis).letter.points}
    assert points["Office operations"].startswith("Oversee daily check-in, registration")


def test_scores_do_not_depend_on_posting_length(matcher):
    short = ("Office Manager\nAcme Clinic\n\nRequirements:\n- Two years of supervisory experience.\n"
             "- Knowledge of ICD-10 coding.\n")
    filler = "".join(f"- The building has {n} windows facing the river park.\n" for n in range(200))
    long = short + "\nThe site\n" + filler
    assert len(short) < 600 < 10_000 < len(long)
    scores_short = {c.id: c.score for c in analyze(parse_job(short), matcher).concepts}
    scores_long = {c.id: c.score for c in analyze(parse_job(long), matcher).concepts}
    assert scores_short == scores_long


@pytest.mark.parametrize("sentence, shown, not_shown", [
    # "sensitive" describes the information here, not the person's manner with patients.
    ("Treat sensitive information with discretion.", "duty.patient-services", "skill.empathy"),
    # "meets" a target is not a meeting, although both stem to "meet".
    ("Make sure the practice meets its financial targets.", "skill.financial-management",
     "skill.communication"),
    ("Organized and able to meet productivity targets.", "skill.time-management",
     "skill.communication"),
    ("Organise the duty rosters for reception staff.", "duty.staff-management", None),
    ("Experience with spreadsheet and word-processing software.", "skill.software-proficiency",
     None),
])
def test_wording_that_looks_alike_is_read_by_its_sense(matcher, sentence, shown, not_shown):
    found = {k for k, v in matcher.read([sentence])[0].scores.items() if v >= REPORT_THRESHOLD}
    assert shown in found
    assert not_shown is None or not_shown not in found


@pytest.mark.parametrize("sentence, not_shown", [
    # Each shares a single word with an entry: what the employer offers or the terms of the post.
    ("Full training will be provided to the right candidate.", "duty.staff-training"),
    ("Training & support will be provided in this rewarding role.", "duty.staff-management"),
    ("This will be on a Bank contract.", "duty.budget-management"),
    ("Interviews: Wednesday 18th November 2020", "duty.staff-management"),
])
def test_one_word_in_common_is_not_close_wording(matcher, sentence, not_shown):
    found = {k for k, v in matcher.read([sentence])[0].scores.items() if v >= REPORT_THRESHOLD}
    assert not_shown not in found


def test_close_wording_with_several_words_in_common_still_reads(matcher):
    # No alias names staff scheduling here; its wording (rotas, leave requests) does.
    reading = matcher.read(["Organize duty rotas, leave requests approved by management, "
                            "study leave"])[0]
    assert not {h.entry_id for h in reading.hits} & {"duty.staff-scheduling"}
    assert reading.scores.get("duty.staff-scheduling", 0.0) >= REPORT_THRESHOLD


def _resume_of(*highlights):
    from tailor.resume import resume_from_text

    lines = "".join(f"      - {h}\n" for h in highlights)
    return resume_from_text("basics:\n  name: A\nwork:\n  - name: Clinic\n    position: Clerk\n"
                            f"    highlights:\n{lines}", "r.yml")


def test_equal_highlights_are_told_apart_by_how_they_answer_the_posting(matcher):
    job = parse_job("Records Clerk\nLakeside Clinic\n\nResponsibilities:\n"
                    "- Maintain patient records and file them the same day.\n")
    loose = "Archived old paper records in the basement store."
    close = "Maintained patient records for a family clinic."
    ranked = analyze(job, matcher, _resume_of(loose, close)).highlights
    assert ranked[0].score == ranked[1].score > 0  # both show record keeping, nothing more
    assert [r.highlight.text for r in ranked] == [close, loose]


def test_equal_highlights_lead_with_what_the_posting_touches_on(matcher):
    job = parse_job("Scheduler\nLakeside Clinic\n\nResponsibilities:\n"
                    "- Schedule patient appointments for three physicians.\n")
    plain = "Scheduled appointments for the whole practice."
    with_billing = "Scheduled appointments and posted co-pays for the whole practice."
    concepts, _, _ = matcher.read_job(job)
    for highlights in ((plain, with_billing), (with_billing, plain)):
        resume = _resume_of(*highlights)
        ranked = matcher.rank_highlights(resume, concepts, matcher.read_resume(resume),
                                         {"skill.billing-coding": 0.4})
        assert ranked[0].score == ranked[1].score > 0
        assert ranked[0].highlight.text == with_billing


@pytest.mark.parametrize("sentence, shown", [
    ("Update patient details on PAS and book clinic appointments.", "soft.practice-management"),
    ("Update patient details on PAS and book clinic appointments.", "duty.record-maintenance"),
    ("Must be flexible in their approach to work.", "skill.adaptability"),
    ("An understanding of the need for confidentiality is essential.", "duty.patient-services"),
    ("Able to exercise initiative when the consultant is away.", "skill.problem-solving"),
])
def test_nhs_wording_is_understood(matcher, sentence, shown):
    found = {k for k, v in matcher.read([sentence])[0].scores.items() if v >= REPORT_THRESHOLD}
    assert shown in found


def test_two_weak_cue_words_do_not_claim_a_skill_in_a_resume(matcher):
    resume = _resume_of("Scanned letters and sent e-mails to the office.",
                        "Entered patient data into the computer.")
    shown = matcher.resume_concepts(matcher.read_resume(resume))
    # "scanned" and "e-mails" only hint at software; "into the computer" names it.
    assert shown["skill.software-proficiency"] == ["Entered patient data into the computer."]


def _named(matcher, sentence):
    return {k for k, v in matcher.read([sentence])[0].scores.items() if v >= REPORT_THRESHOLD}


@pytest.mark.parametrize("sentence, shown", [
    # Phrasings that real NHS and US adverts use (each is in several corpus postings).
    ("You must be able to work with a high level of accuracy.", "skill.organization"),
    ("We need a diligent and reliable administrator.", "skill.organization"),
    ("Letters must be typed within agreed timescales.", "skill.time-management"),
    ("Experience of working in a pressurised environment.", "skill.time-management"),
    ("Able to remain calm in stressful situations.", "skill.time-management"),
    ("You will be an integral part of the outpatient team.", "skill.teamwork"),
    ("Processing and managing the flow of patient referrals through the hub.",
     "duty.office-operations"),
    ("Previous experience of EPR is desirable.", "soft.ehr"),
    ("Knowledge of Lorenzo would be an advantage.", "soft.ehr"),
    ("Scan incoming letters onto the clinical system.", "soft.ehr"),
    ("Previous experience of EMISweb is desirable.", "soft.ehr"),
    ("Knowledge of RiO would be an advantage.", "soft.ehr"),
    # One degree word for two degrees.
    ("Associates or bachelor's degree preferred.", "cred.associate-degree"),
    ("A good understanding of the 18 week pathway is essential.", "skill.healthcare-regulations"),
    ("Knowledge of referral to treatment rules.", "skill.healthcare-regulations"),
    ("Work in line with national access targets.", "skill.healthcare-regulations"),
    ("Experience with patient management systems.", "soft.practice-management"),
    ("Input patient details onto the patient administrative system.",
     "soft.practice-management"),
    ("Monitor the fiscal goals of the health center.", "skill.financial-management"),
    ("Committed to delivering a high quality service.", "duty.patient-services"),
    ("Provide a courteous service to patients and visitors.", "duty.patient-services"),
    ("You must be committed to a high standard of patient care.", "duty.patient-services"),
    ("Deliver a high standard of care to our patients.", "duty.patient-services"),
    ("Help to improve the patient journey through the department.", "duty.patient-services"),
    ("Committed to providing a first class service.", "skill.customer-service"),
    ("Prepare case notes for each clinic.", "duty.record-maintenance"),
    ("Request and track patient notes for clinics.", "duty.record-maintenance"),
    ("Be prepared to undertake further training as required.", "duty.continuing-education"),
    ("A willingness to learn new skills.", "duty.continuing-education"),
    ("Undertake general clerical and reception duties.", "duty.office-operations"),
    ("Provide reception cover for the unit.", "duty.office-operations"),
    ("Manage the inpatient waiting list for two consultants.", "duty.office-operations"),
    ("Able to solve basic patient and practice problems.", "skill.problem-solving"),
    ("Help the department meet its performance targets.", "duty.quality-control"),
    ("Responsible for the management of the trust's outpatient secretarial team.",
     "duty.staff-management"),
    ("Experience in team management is essential.", "skill.leadership"),
])
def test_advert_wording_is_understood(matcher, sentence, shown):
    assert shown in _named(matcher, sentence)


@pytest.mark.parametrize("sentence, shown, not_shown", [
    # "multi-disciplinary" is not a disciplinary matter.
    ("Communicate with the multi-disciplinary team.", None, "skill.human-resources"),
    ("Handle disciplinary matters for the practice staff.", "skill.human-resources", None),
    # "account" (an NHS Jobs account, a patient account) is not accounting.
    ("Check your email account regularly.", None, "skill.financial-management"),
    ("Update the patient account after each visit.", None, "skill.financial-management"),
    ("Experience in accounting is desirable.", "skill.financial-management", None),
    # "motivated" describes the applicant; it is not motivating a team.
    ("We are seeking a highly motivated team player.", "skill.teamwork", "skill.leadership"),
    ("You will develop and motivate a large team.", "skill.leadership", None),
    # Time, diary and data management skills are not management leadership.
    ("Strong organisational and time management skills.", "skill.time-management",
     "skill.leadership"),
    ("Excellent diary management skills.", None, "skill.leadership"),
])
def test_words_inside_other_phrases_are_read_by_their_sense(matcher, sentence, shown, not_shown):
    found = _named(matcher, sentence)
    assert shown is None or shown in found
    assert not_shown is None or not_shown not in found


def test_a_line_naming_the_top_requirement_beats_one_touching_two_preferred_faintly(matcher,
                                                                                   tmp_path):
    from tailor.matching import Reading
    from tailor.models import ConceptMatch
    from tailor.resume import load_resume
    from tailor.text import tokenize

    direct = "Supervised a team of 6 front desk staff."
    faint = "Helped out with phone messages and the team rota when asked."
    path = tmp_path / "resume.yml"
    path.write_text(f"basics:\n  name: A\nwork:\n  - name: Clinic\n    highlights:\n"
                    f"      - {faint}\n      - {direct}\n", "utf-8")
    resume = load_resume(str(path))

    def concept(cid, importance):
        return ConceptMatch(cid, cid, matcher.lexicon.by_id[cid].kind, 1.0, importance, ("e",))

    concepts = [concept("duty.staff-management", "required"),
                concept("skill.communication", "preferred"), concept("skill.teamwork", "preferred")]
    # The posting's top requirement, named; two preferred things, each only just shown.
    readings = {direct: Reading(tokenize(direct), [], {"duty.staff-management": 1.0}),
                faint: Reading(tokenize(faint), [], {"skill.communication": 0.6,
                                                     "skill.teamwork": 0.6})}
    ranked = matcher.rank_highlights(resume, concepts, readings)
    assert [r.highlight.text for r in ranked] == [direct, faint]
    assert set(ranked[1].matched) == {"skill.communication", "skill.teamwork"}



def test_what_the_posting_may_ask_orders_lines_but_is_never_claimed(matcher):
    from tailor.matching import Reading
    from tailor.models import ConceptMatch
    from tailor.text import tokenize

    plain = "Answered phones and greeted visitors."
    rota = "Drew up the weekly staff rota for the clinic."
    resume = _resume_of(plain, rota)
    concepts = [ConceptMatch("code.cpt", "CPT", "coding-system", 1.0, "required", ("e",))]
    readings = {plain: Reading(tokenize(plain), [], {}, {"duty.staff-management": 0.1}),
                rota: Reading(tokenize(rota), [], {"duty.staff-management": 1.0}, {})}
    alone = matcher.rank_highlights(resume, concepts, readings)
    assert [r.highlight.text for r in alone] == [plain, rota]  # the person's order
    ranked = matcher.rank_highlights(resume, concepts, readings, {},
                                     {"duty.staff-management": 0.5})
    assert [r.highlight.text for r in ranked] == [rota, plain]
    assert ranked[0].relevance > ranked[1].relevance > 0
    # What it surely shows of what is asked is unchanged: nothing.
    assert [(r.score, r.matched) for r in ranked] == [(0.0, ()), (0.0, ())]


def test_tfidf_rows_are_right_when_the_memo_fills_up(lexicon, monkeypatch):
    import numpy as np

    from tailor import matching

    m = matching.Matcher(lexicon, concept_model=None)
    monkeypatch.setattr(matching, "VECTOR_MEMO_LIMIT", 3)
    texts = ["Supervise staff.", "Schedule appointments.", "Verify insurance.",
             "Answer phones.", "Order supplies."]
    for start in range(len(texts)):
        batch = texts[start:start + 3] + texts[:1]  # old and new texts in one call
        fresh = m.space.transform(batch).toarray()
        assert np.allclose(m.vectors(batch).toarray(), fresh)
        assert len(m._vector_memo) <= 3 + len(batch)


def _unsure(likely: dict[str, dict[str, float]]):
    """A stand-in concept model that claims nothing: ``likely`` gives, per text, how likely it
    finds each concept."""

    class Unsure:
        def likelihoods(self, texts):
            return [dict(likely.get(t, {})) for t in texts]

        def claims(self, found, register="posting"):
            return {}

    return Unsure


def test_what_the_model_finds_likely_orders_lines_but_never_claims(lexicon):
    # A line worded so that no rule is sure of it ("to ensure correct coding" is quality
    # control to a careful reader) ranks above one that shows nothing the job asks for, by the
    # concept model's probability alone; and the job's concept stays a gap.
    from tailor.matching import Matcher

    charts = "Reviewed charts to ensure correct coding for the services billed."
    post = "Sorted the post and answered the door for visitors."
    Unsure = _unsure({charts: {"duty.quality-control": 0.8}})  # noqa: N806 - a class
    job = parse_job("Practice Supervisor\nLakeside Clinic\n\nResponsibilities:\n"
                    "- Lead quality improvement initiatives for the practice.\n")
    resume = _resume_of(post, charts)
    plain = analyze(job, Matcher(lexicon, concept_model=None), resume)
    unsure = analyze(job, Matcher(lexicon, Unsure()), resume)
    assert [r.highlight.text for r in plain.highlights] == [post, charts]
    assert [r.highlight.text for r in unsure.highlights] == [charts, post]
    top = unsure.highlights[0]
    assert "duty.quality-control" not in top.concepts and not top.matched
    quality = next(c for c in unsure.concepts if c.id == "duty.quality-control")
    assert quality.in_resume is False
    # The gap points at the line that may show it, for the person to say it plainly if true.
    assert quality.maybe_shown_by == (charts,)
    assert next(c for c in plain.concepts if c.id == quality.id).maybe_shown_by == ()


_LEAD_QUALITY = ("Practice Supervisor\nLakeside Clinic\n\nResponsibilities:\n"
                 "- Lead quality improvement initiatives for the practice.\n"
                 "- Prepare and manage the annual operating budget.\n")


def test_a_line_likely_to_answer_two_wants_beats_one_likely_to_answer_one(lexicon):
    # The labelled sets score an order with gain 2^wants - 1, so a line with fair odds on two
    # of the posting's wants is worth more than one with slightly better odds on one. Each want
    # weighs 0.85 (asked, strength not stated): expected gains 1.3825 * 1.3825 - 1 = 0.91
    # against 0.81, though the expected counts are 0.77 and 0.81.
    from tailor.matching import Matcher

    one = "Sorted the post and answered the door for visitors."
    two = "Tidied the shelves of the store room every Friday."
    Unsure = _unsure({one: {"duty.quality-control": 0.95},  # noqa: N806 - a class
                      two: {"duty.quality-control": 0.45, "duty.budget-management": 0.45}})
    analysis = analyze(parse_job(_LEAD_QUALITY), Matcher(lexicon, Unsure()), _resume_of(one, two))
    assert {"duty.quality-control", "duty.budget-management"} <= {c.id for c in analysis.concepts}
    assert [r.highlight.text for r in analysis.highlights] == [two, one]
    assert all(r.score == 0 and not r.matched for r in analysis.highlights)


def test_a_gap_a_line_may_show_is_pointed_out_in_the_reports_and_stays_a_gap(lexicon):
    from tailor.matching import Matcher
    from tailor.report import analysis_json, gap_report, gap_report_html
    from tailor.tailoring import tailor

    charts = "Reviewed charts to ensure correct coding for the services billed."
    Unsure = _unsure({charts: {"duty.quality-control": 0.6}})  # noqa: N806 - a class
    job = parse_job("Practice Supervisor\nLakeside Clinic\n\nResponsibilities:\n"
                    "- Lead quality improvement initiatives for the practice.\n")
    resume = _resume_of("Sorted the post and answered the door for visitors.", charts)
    analysis = analyze(job, Matcher(lexicon, Unsure()), resume)
    quality = next(c for c in analysis_json(analysis)["concepts"]
                   if c["id"] == "duty.quality-control")
    assert quality["in_resume"] is False and quality["maybe_shown_by"] == [charts]
    app = tailor(resume, analysis)
    gaps = gap_report(app).split("## What the job asks for that your resume does not show")[1]
    assert f'Your line "{charts}" may show this to a reader' in gaps.split("\n## ")[0]
    assert "Your resume may show it" in gap_report_html(app)
