"""What the applicant is told: the JSON of the contract, the gap report, the terminal summary.

Why: the analysis is only useful if a person can check it. Every reported concept carries the
posting's own sentence, every shown skill the resume's own line, and every gap is put in the job's
words, so the report can be trusted, argued with, or corrected by editing the master resume.
"""

from __future__ import annotations

import re

from .advice import quote_sentence
from .models import IMPORTANCE_ORDER, Analysis, ConceptMatch
from .render import REPORT_HTML_TEMPLATE, REPORT_TEMPLATE, render_text
from .tailoring import TailoredApplication

_KIND_ORDER = ("credential", "regulation", "coding-system", "software", "duty", "skill",
               "achievement")


def analysis_json(analysis: Analysis, lexicon_sources: tuple[str, ...] = (),
                  interview: dict | None = None) -> dict:
    """The machine-readable analysis, exactly as shared/CONTRACT.md describes (plus extras)."""
    job = analysis.job
    with_resume = analysis.highlights is not None
    out = {
        "job": {"title": job.title, "company": job.company, "level": job.level,
                "level_name": analysis.level_name, "source": job.source},
        "concepts": [
            {
                "id": c.id, "name": c.name, "kind": c.kind, "score": round(c.score, 4),
                "importance": c.importance or "asked",
                "evidence": list(c.evidence),
                "in_resume": c.in_resume if with_resume else None,
                "resume_evidence": list(c.resume_evidence[:5]),
                **_partial_json(c),
                **({"maybe_shown_by": list(c.maybe_shown_by)} if c.maybe_shown_by else {}),
                **_advice_json(analysis, c, with_resume),
            }
            for c in analysis.concepts
        ],
        "match": {"score": analysis.match_score if with_resume else None},
    }
    if with_resume and analysis.advice is not None:
        if analysis.advice.caution:
            out["match"]["caution"] = analysis.advice.caution
        out["checklist"] = [{"asked": i.asked, "shown": i.shown, "status": i.status,
                             "evidence": i.evidence} for i in analysis.advice.checklist]
        if analysis.advice.level:
            out["job"]["level_advice"] = analysis.advice.level
    if with_resume:
        out["highlights"] = [
            {"text": r.highlight.text, "where": r.highlight.where, "score": round(r.score, 4),
             "relevance": round(r.relevance, 4),
             "concepts": list(r.concepts), "matched": list(r.matched)}
            for r in analysis.highlights
        ]
    if with_resume and interview is not None:
        out["interview"] = interview  # interview preparation (report.interview), an extension
    if lexicon_sources:
        out["lexicon"] = list(lexicon_sources)
    return _writable(out)


def _writable(value):
    """The same data with every text encodable as UTF-8: a file name whose bytes are not UTF-8
    (held by Python as lone surrogates) would otherwise fail when analysis.json is written."""
    if isinstance(value, str):
        if value.isascii():
            return value
        return value.encode("utf-8", "surrogateescape" if _escapes_only(value) else "surrogatepass") \
            .decode("utf-8", "replace")
    if isinstance(value, dict):
        return {_writable(k): _writable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_writable(v) for v in value]
    return value


def _escapes_only(text: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)


def _advice_json(analysis: Analysis, c: ConceptMatch, with_resume: bool) -> dict:
    """``{"advice": "..."}`` for a concept the resume does not show (with a resume), else {}."""
    if not with_resume or c.in_resume is not False:
        return {}
    text = analysis.advice.for_concept(c.id) if analysis.advice is not None else None
    return {"advice": text or _FALLBACK_ADVICE}


_FALLBACK_ADVICE = ("If you have done this, add a highlight to your master resume that says so in "
                    "your own words; if not, be ready to say how you would learn it.")


def _partial_json(c: ConceptMatch) -> dict:
    """``{"partial": {"asked": [...], "shown": [...]}}`` for a concept shown only in part, else {}."""
    if not c.partial:
        return {}
    asked, shown = c.partial
    return {"partial": {"asked": list(asked), "shown": list(shown)}}


def partial_note(c: ConceptMatch) -> str:
    """What the report says of a concept shown only in part, in the posting's and resume's words.

    Why: the resume shows the kind of system, not the product the posting names; the person
    should say so plainly, and must never be told, or tell an employer, that they used it.
    """
    asked, shown = c.partial
    wanted = _join(asked, "and")
    if shown:
        same = "a system" if len(shown) == 1 else "systems"
        has = (f"your resume shows {_join(shown, 'and')} ({same} of the same kind), "
               f"not {_join(asked, 'or')}")
    else:
        has = f"your resume shows this kind of system but does not name {_join(asked, 'or')}"
    return f"The posting names {wanted}; {has}. {_partial_advice(c)}"


def _partial_advice(c: ConceptMatch, same_as: tuple[str, ...] = ()) -> str:
    """What to do about a concept shown in part; ``same_as`` names the concepts above that name
    the same products, whose advice this one repeats (the Markdown report says it once)."""
    products = _join(c.partial[0], "or")
    if same_as:
        return f"As for {_join(same_as, 'and')}, say so, and that you can learn {products}."
    return f"Say so in the letter or interview, and that you can learn {products}."


def _join(names: tuple[str, ...], last: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


def gap_report(app: TailoredApplication, *, lexicon_sources: tuple[str, ...] = (),
               warnings: tuple[str, ...] = (), templates: str | None = None) -> str:
    """The Markdown skill-gap report."""
    context = report_context(app, lexicon_sources=lexicon_sources, warnings=warnings)
    return render_text(REPORT_TEMPLATE, context, templates)


def gap_report_html(app: TailoredApplication, *, lexicon_sources: tuple[str, ...] = (),
                    warnings: tuple[str, ...] = (), templates: str | None = None) -> str:
    """The same report as one self-contained web page (gap-report.html), with a chart by area.

    Why: people open .md in Notepad; a page any browser shows, with nothing to load, is what
    they can read and print. Rendered with autoescaping, so no posting text can become markup.
    """
    context = report_context(app, lexicon_sources=lexicon_sources, warnings=warnings)
    context["areas"] = area_counts(context["matched"] + context["missing"])
    return render_text(REPORT_HTML_TEMPLATE, context, templates, autoescape=True)


def report_context(app: TailoredApplication, *, lexicon_sources: tuple[str, ...] = (),
                   warnings: tuple[str, ...] = ()) -> dict:
    """What both gap reports (Markdown and HTML) are given (README, "Templates")."""
    analysis = app.analysis
    concepts = [c for c in analysis.concepts if c.kind != "achievement"]
    matched = [c for c in concepts if c.in_resume]
    missing = [c for c in concepts if not c.in_resume]
    names = {c.id: c.name for c in analysis.concepts}
    left_out = [t for section in (app.resume.work, app.resume.volunteer, app.resume.projects)
                for entry in section for t in entry.left_out]
    # Two different reasons to leave a highlight out, and the report must not confuse them:
    # it shows nothing the posting asks for, or its entry already holds its most relevant ones.
    shows = {r.highlight.text for r in analysis.highlights or () if r.matched}
    context = {
        "job": analysis.job,
        "level": analysis.level_name,
        "score": analysis.match_score or 0,
        "matched": _ordered(matched),
        "missing": _ordered(missing),
        "partial": [{"id": c.id, "name": c.name, "importance": c.importance,
                     "asked": list(c.partial[0]),
                     "shown": list(c.partial[1]), "note": partial_note(c)}
                    for c in _ordered([c for c in matched if c.partial])],
        "required_total": sum(1 for c in concepts if c.importance == "required"),
        "required_matched": sum(1 for c in matched if c.importance == "required"),
        "highlights": [
            {"text": r.highlight.text, "where": r.highlight.where, "score": r.score,
             "matched": [names[k] for k in r.matched]}
            for r in analysis.highlights or ()
        ],
        "left_out": left_out,
        "not_asked": [t for t in left_out if t not in shows],
        "crowded_out": [t for t in left_out if t in shows],
        "examples": [{"name": p.requirement, "text": p.text} for p in app.letter.points]
                    + _more_examples(app, {p.text for p in app.letter.points}),
        "interview": interview(app, pieces=True),
        "warnings": list(warnings),
        "lexicon": list(lexicon_sources),
        "employer_note": analysis.job.company_note,
        **_advice_context(analysis),
    }
    _said_once(context, app)
    return context


# ---------------------------------------------------------------- the report says things once
QUOTE_WORDS = 25  # a posting sentence longer than this is quoted by its first words and "…"
SHORT_WORDS = 10  # a resume line named again (the order of the highlights) by its first words


def shorten(text: str, words: int = QUOTE_WORDS) -> str:
    """A sentence as the report quotes it: whole when it has at most ``words`` words, else its
    first ``words`` words and an ellipsis, cut at a word boundary."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:-–—( ") + "…"


_OWN_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')]))\s+(?=[\"'(]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """A paragraph of the report's own words (advice, answers) cut into its sentences."""
    return [s for s in _OWN_SENTENCE_END.split(" ".join(text.split())) if s]


def _key(sentence: str) -> str:
    return " ".join(sentence.split()).casefold()


def _said_once(context: dict, app: TailoredApplication) -> None:
    """Add what the Markdown report shows so that it says each sentence once (issue 9).

    Why: people read gap-report.md in Notepad. A 34-row table repeating one long posting
    sentence, the same advice pasted under every gap and again under every interview question,
    make it unreadable; quoting each posting sentence once, saying shared advice once and
    pointing back to it keeps every fact and loses the repetition. The JSON and the plain
    ``missing``, ``matched``, ``advice`` and ``interview`` variables are unchanged.
    """
    analysis = app.analysis
    quoted: dict[str, str] = {}  # posting sentence -> the gap under which it was quoted ("" shown)
    context["gap_items"], context["shared_advice"] = _gap_items(context, analysis, quoted)
    context["shown_by_sentence"] = _shown_by_sentence(context["matched"], quoted,
                                                      analysis.job.text)
    concepts = {c.id: c for c in analysis.concepts}
    partial = context["partial"]
    for n, p in enumerate(partial):  # the same product named for two concepts: its advice once
        c = concepts[p["id"]]
        before = tuple(q["name"] for q in partial[:n] if tuple(q["asked"]) == c.partial[0])
        p["brief"] = p["note"].replace(_partial_advice(c), _partial_advice(c, before))
    for h, r in zip(context["highlights"], analysis.highlights or (), strict=True):
        h["answers"] = _answers([(concepts[k].name, concepts[k].importance) for k in r.matched])
        h["short"] = shorten(h["text"], SHORT_WORDS)
    context["interview"] = _interview_once(context, app)


def _label(name: str, importance: str, partial: bool = False) -> str:
    return f"{name} ({importance or 'asked'}{', partial' if partial else ''})"


def _answers(named: list[tuple[str, str]]) -> str:
    """What a highlight answers, in words: "Staff management, Leadership (required) and Cost
    savings (asked)"; "" when it answers nothing the posting asks for."""
    parts = []
    for level in ("required", "", "preferred"):
        names = [n for n, imp in named if (imp or "") == level]
        if names:
            parts.append(f"{', '.join(names)} ({level or 'asked'})")
    return _join(tuple(parts), "and") if parts else ""


def _gap_items(context: dict, analysis: Analysis, quoted: dict[str, str]):
    """Each gap with its posting sentence (quoted once) and the advice only it needs; and the
    advice sentences several gaps share, each said once with the gaps it is for."""
    advice = context["advice"]
    evidence = {s for c in analysis.concepts for s in c.evidence}
    items, texts = [], []
    for c in context["missing"]:
        sentence = c.evidence[0] if c.evidence else ""
        same = [i["name"] for i in items if i["sentence"] == sentence]
        if sentence and sentence not in quoted:
            quoted[sentence] = c.name
        text = advice.get(c.id) or (_FALLBACK_ADVICE if advice else "")
        for s in sorted(evidence, key=lambda e: (-len(e), e)):  # a posting sentence said again
            for form in dict.fromkeys((s, quote_sentence(s))):
                if f'"{form}"' in text and s not in quoted:
                    quoted[s] = c.name
                elif f'"{form}"' in text:
                    text = text.replace(f'("{form}")', "(in the sentence quoted above)") \
                        .replace(f'"{form}"', "the sentence quoted above")
        texts.append(split_sentences(text))
        items.append({"id": c.id, "name": c.name, "importance": c.importance, "kind": c.kind,
                      "sentence": sentence, "quote": "" if same else shorten(sentence),
                      "same_sentence_as": same, "same_gaps": _join(tuple(same), "and") if same
                      else "", "advice": "",
                      "maybe": shorten(c.maybe_shown_by[0]) if c.maybe_shown_by else ""})
    users: dict[str, list[str]] = {}
    for item, sentences in zip(items, texts, strict=True):
        for s in dict.fromkeys(_key(s) for s in sentences):
            users.setdefault(s, []).append(item["name"])
    # Shared sentences grouped by the gaps that share them: one bullet per group of gaps.
    shared: dict[tuple[str, ...], dict] = {}
    said: set[str] = set()
    for item, sentences in zip(items, texts, strict=True):
        own = [s for s in sentences if len(users[_key(s)]) == 1]
        for s in sentences:
            names = tuple(users[_key(s)])
            if len(names) > 1 and _key(s) not in said:
                said.add(_key(s))
                group = shared.setdefault(names, {"names": list(names), "sentences": [],
                                                  "gaps": _join(names, "and")})
                group["sentences"].append(s)
        others = sorted({n for s in sentences for n in users[_key(s)]} - {item["name"]})
        if own and others:
            own.append(f"More on {item['name']} below, with the advice it shares with "
                       f"{_join(tuple(others), 'and')}.")
        item["advice"] = " ".join(own) or (f"as for {_join(tuple(others), 'and')}, below."
                                            if others else "")
    for group in shared.values():
        group["text"] = " ".join(group.pop("sentences"))
    return items, list(shared.values())


def _shown_by_sentence(matched: list[ConceptMatch], quoted: dict[str, str],
                       text: str) -> list[dict]:
    """What the resume shows, by the posting sentence that asks for it, in the posting's order
    (each sentence quoted once in the report): under it, each resume line with the requirements
    it shows, a line already quoted in this section named by the requirement it was quoted for."""
    groups: dict[str, dict] = {}
    for c in matched:
        sentence = c.evidence[0] if c.evidence else ""
        group = groups.setdefault(sentence, {"sentence": sentence, "lines": []})
        line = c.resume_evidence[0] if c.resume_evidence else ""
        here = next((x for x in group["lines"] if x["text"] == line), None)
        if here is None:
            here = {"text": line, "same_as": "", "concepts": []}
            group["lines"].append(here)
        here["concepts"].append({"id": c.id, "name": c.name, "importance": c.importance or "asked",
                                 "partial": bool(c.partial),
                                 "label": _label(c.name, c.importance, bool(c.partial))})
    where = {s: (text.find(s) if s in text else len(text)) for s in groups}
    ordered = sorted(groups.values(), key=lambda g: where[g["sentence"]])
    lines_said: dict[str, str] = {}  # resume line -> the first requirement it was quoted for
    for g in ordered:
        under = quoted.get(g["sentence"])
        g.update(quoted_under=under or "", quote="" if under else shorten(g["sentence"]))
        quoted.setdefault(g["sentence"], "")
        for x in g["lines"]:
            x["label"] = _join(tuple(k["label"] for k in x["concepts"]), "and")
            if x["text"] in lines_said:
                x["same_as"] = lines_said[x["text"]]
            elif x["text"]:
                lines_said[x["text"]] = x["concepts"][0]["name"]
    return ordered


def _interview_once(context: dict, app: TailoredApplication) -> dict:
    """The interview preparation with, for the Markdown report, each example's prompts and each
    answer in words of their own: an answer points back to the gap's advice and to an example
    already quoted instead of repeating them. (``answer`` and the rest stay as in the JSON.)"""
    data = context["interview"]
    where = {r.highlight.where: r.highlight for r in app.analysis.highlights or ()}
    examples, quoted = [], {}  # resume line -> the example that quotes it
    for ex in data["examples"]:
        h = where.get(ex["where"])
        name = ex["name"]
        numbers = ex["numbers"]
        figures = _join(tuple(numbers), "and") if numbers else ""
        result = (f"your {name} line gives {figures}: say what "
                  f"{'it was' if len(numbers) == 1 else 'they were'} before and what "
                  f"{'it' if len(numbers) == 1 else 'they'} became."
                  if numbers else
                  f"your {name} line gives no figure: add the result you can truthfully state "
                  "(what changed, for whom, by how much).")
        examples.append({**ex, "at": _situation(app, h) if h is not None else "",
                         "same_as": quoted.get(ex["text"], ""),
                         "scene": f"set the scene for your {name} example in a sentence or two.",
                         "outcome": result})
        quoted.setdefault(ex["text"], name)
    rendered = {i["id"] for i in context["gap_items"] if i["advice"]}
    questions, nearest = [], {}  # resume line -> the first question it was quoted for
    for q in data["questions"]:
        parts = [q["opening"]]
        near, shows = q["nearest"], q["nearest_shows"]
        if near in quoted:
            parts.append(f"The nearest you have come to {q['name']} is your {quoted[near]} "
                         "example above." if shows == quoted[near] else
                         f"The nearest you have come to {q['name']} is the line of your "
                         f"{quoted[near]} example above, which shows {shows}.")
        elif near in nearest:
            parts.append(f"The nearest you have come to {q['name']} is the same line as for "
                         f"{nearest[near]} above.")
        elif near:
            parts.append(f"The nearest you have come to {q['name']}, from your resume: "
                         f"\"{near}\" (it shows {shows}).")
            nearest[near] = q["name"]
        if q["id"] in rendered:
            parts.append(f"To close the gap, see What to do under {q['name']} above.")
        else:
            parts.append(f"To close the gap in {q['name']}, see what the gaps section above "
                         "says to do.")
        questions.append({**q, "brief": " ".join(parts)})
    return {**data, "examples": examples, "questions": questions}


# The areas of the HTML report's chart, by concept id; other lexicons' entries go by their kind.
AREAS = ("Operations", "People", "Finance", "Compliance", "Software", "Credentials", "Other")
_AREA_OF = {
    "People": ("duty.staff-management", "duty.supervision", "duty.staff-scheduling",
               "duty.staff-training", "duty.recruitment", "duty.performance-evaluation",
               "duty.communication", "duty.continuing-education",
               "skill.communication", "skill.leadership", "skill.teamwork", "skill.empathy",
               "skill.human-resources", "skill.customer-service"),
    "Finance": ("duty.budget-management", "duty.claims-processing", "duty.insurance-verification",
                "duty.prior-authorization", "duty.payroll", "duty.vendor-contracts",
                "skill.billing-coding", "skill.financial-management"),
    "Compliance": ("duty.compliance", "skill.healthcare-regulations"),
    "Software": ("skill.software-proficiency",),
}
_AREA_BY_ID = {cid: area for area, ids in _AREA_OF.items() for cid in ids}
_AREA_BY_KIND = {"software": "Software", "regulation": "Compliance", "coding-system": "Finance",
                 "credential": "Credentials", "duty": "Operations", "skill": "Operations"}


def area_of(c: ConceptMatch) -> str:
    """The chart's area of a concept: operations, people, finance, compliance, software, ..."""
    return _AREA_BY_ID.get(c.id) or _AREA_BY_KIND.get(c.kind, "Other")


def area_counts(concepts: list[ConceptMatch]) -> list[dict]:
    """Per area with anything asked: ``name``, ``shown``, ``partial``, ``missing``, ``total``."""
    out = []
    for area in AREAS:
        here = [c for c in concepts if area_of(c) == area]
        if here:
            partial = sum(1 for c in here if c.in_resume and c.partial)
            shown = sum(1 for c in here if c.in_resume) - partial
            out.append({"name": area, "shown": shown, "partial": partial,
                        "missing": len(here) - shown - partial, "total": len(here)})
    return out


def _advice_context(analysis: Analysis) -> dict:
    """What the report says to do: ``advice`` (concept id -> text), ``checklist``,
    ``level_advice`` and ``caution``; all empty when the analysis carries no advice."""
    advice = analysis.advice
    if advice is None:
        return {"advice": {}, "checklist": [], "level_advice": "", "caution": ""}
    return {"advice": dict(advice.concepts),
            "checklist": [{"asked": i.asked, "shown": i.shown, "status": i.status,
                           "evidence": i.evidence} for i in advice.checklist],
            "level_advice": advice.level, "caution": advice.caution}


def _ordered(concepts: list[ConceptMatch]) -> list[ConceptMatch]:
    return sorted(concepts, key=lambda c: (IMPORTANCE_ORDER[c.importance], _kind(c.kind),
                                           -c.score, c.id))


def _kind(kind: str) -> int:
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


def _more_examples(app: TailoredApplication, used: set[str]) -> list[dict]:
    """Beyond the letter's points: one highlight for each other matched requirement, up to six."""
    out = []
    names = {c.id: c.name for c in app.analysis.concepts}
    seen = set(used)
    covered = {p.requirement for p in app.letter.points}
    for r in app.analysis.highlights or ():
        if len(out) + len(covered) >= 6:
            break
        new = [names[k] for k in r.matched if names[k] not in covered]
        kept = not app.resume.kept or r.highlight.where in app.resume.kept  # the resume sent
        if new and kept and r.highlight.text not in seen:
            out.append({"name": new[0], "text": r.highlight.text})
            covered.add(new[0])
            seen.add(r.highlight.text)
    return out


MAX_INTERVIEW_EXAMPLES = 5
MAX_INTERVIEW_QUESTIONS = 6
_NUMBER = re.compile(r"[$£€]?\d[\d,.]*(?:\s?(?:%|percent\b|k\b))?")


def interview(app: TailoredApplication, *, pieces: bool = False) -> dict:
    """Interview preparation: ``examples`` (the posting's top requirements the tailored resume
    shows, each with the person's own highlight and situation, action, result prompts) and
    ``questions`` (each gap's likely question and how to answer it honestly).

    Why: the person is asked about what the posting stresses and about what they lack. Only
    highlights the tailored resume contains are cited, word for word, and no answer says the
    person has what the resume does not show.

    With ``pieces``, each question also carries the pieces its answer is made of (``opening``,
    ``nearest_shows``), for the Markdown report; the JSON has the answer only.
    """
    analysis = app.analysis
    kept = set(app.resume.kept)
    pool = [r for r in analysis.highlights or () if r.highlight.where in kept]
    shown = [c for c in analysis.concepts if c.in_resume and c.kind not in ("achievement",
                                                                           "career-level")]
    top = sorted(shown, key=lambda c: (c.importance != "required", -c.mentions,
                                       IMPORTANCE_ORDER[c.importance], -c.score, c.id))
    examples, used = [], set()
    for c in top:
        if len(examples) >= MAX_INTERVIEW_EXAMPLES:
            break
        showing = [r for r in pool if c.id in r.matched]
        best = next((r for r in showing if r.highlight.where not in used), None) \
            or (showing[0] if showing else None)
        if best is None:
            continue
        used.add(best.highlight.where)
        examples.append(_example(c, best, app))
    advice = analysis.advice
    asked = dict(((i, (q, a)) for i, q, a in advice.interview)) if advice is not None else {}
    gaps = sorted((c for c in analysis.concepts if c.in_resume is False
                   and c.kind not in ("achievement", "career-level")),
                  key=lambda c: (c.importance != "required", IMPORTANCE_ORDER[c.importance],
                                 -c.mentions, -c.score, c.id))
    questions = []
    for c in gaps[:MAX_INTERVIEW_QUESTIONS]:
        question, opening = asked.get(c.id) or (
            f"What experience do you have with {c.name}?",
            f"Say honestly that your experience does not yet include {c.name}.")
        nearest = _nearest(c, analysis, pool)
        closing = (advice.for_concept(c.id) if advice is not None else None) or _FALLBACK_ADVICE
        parts = [opening]
        if nearest:
            parts.append(f"Then the nearest thing you have done, from your resume: "
                         f"\"{nearest['text']}\" (it shows {nearest['requirement']}).")
        parts.append(f"Then how you are closing the gap: {closing}")
        questions.append({"id": c.id, "name": c.name, "kind": c.kind,
                          "importance": c.importance or "asked", "question": question,
                          "answer": " ".join(parts), "nearest": nearest["text"] if nearest else ""})
        if pieces:
            questions[-1].update(opening=opening,
                                 nearest_shows=nearest["requirement"] if nearest else "")
    return {"examples": examples, "questions": questions}


def _example(c: ConceptMatch, r, app: TailoredApplication) -> dict:
    text = r.highlight.text
    situation = _situation(app, r.highlight)
    numbers = [n.strip() for n in _NUMBER.findall(text)
               if n.strip() and not re.fullmatch(r"(?:19|20)\d\d", n.strip())]  # not a year
    result = (f"Your line already gives a figure ({', '.join(numbers)}): say what it was before "
              "and what it became, and what it meant for the office." if numbers else
              "Your line gives no result: add the result you can truthfully state (what changed, "
              "for whom, by how much); never estimate a number you cannot support.")
    return {"id": c.id, "name": c.name, "importance": c.importance or "asked", "text": text,
            "where": r.highlight.where, "numbers": numbers,
            "situation": (f"Where and when: as {situation}; set the scene in a sentence or two."
                          if situation else "Where and when: set the scene in a sentence or two."),
            "action": f"What you did: \"{text}\" Say it in your own words, in the first person.",
            "result": result}


def _situation(app: TailoredApplication, h) -> str:
    """The job title and employer a highlight comes from ("Office Supervisor, Lakeside ...")."""
    entries = {"work": app.resume.work, "volunteer": app.resume.volunteer,
               "projects": app.resume.projects}.get(h.section) or ()
    if 0 <= h.entry_index < len(entries) and h.text in entries[h.entry_index].highlights:
        e = entries[h.entry_index]
        when = e.meta.split(" | ")[-1].strip() if e.meta else ""
        return e.heading + (f" ({when})" if when and any(ch.isdigit() for ch in when) else "")
    return ""


def _nearest(c: ConceptMatch, analysis: Analysis, pool) -> dict | None:
    """The tailored resume's best highlight for a shown concept of the same kind as a gap."""
    same = {k.id: k.name for k in analysis.concepts if k.in_resume and k.kind == c.kind
            and k.id != c.id}
    for r in pool:
        hit = next((k for k in r.matched if k in same), None)
        if hit:
            return {"text": r.highlight.text, "requirement": same[hit]}
    return None


def text_summary(analysis: Analysis) -> str:
    """A short, readable summary for the terminal (``tailor analyze --format text``)."""
    job = analysis.job
    lines = [f"Job: {job.title or '(title not found)'}"
             + (f" at {job.company}" if job.company else "")]
    if analysis.match_score is not None:
        lines.append(f"Match score: {analysis.match_score}/100")
    lines.append("")
    lines.append("What the posting asks for:")
    for c in analysis.concepts:
        mark = "" if c.in_resume is None else ("  [shown]" if c.in_resume else "  [GAP]")
        mark = "  [partial]" if c.partial else mark
        imp = f" ({c.importance})" if c.importance else ""
        lines.append(f"  {c.score:.2f}  {c.name}{imp}{mark}")
        lines.append(f"        \"{_short(c.evidence[0])}\"")
    if analysis.highlights:
        lines.append("")
        lines.append("Your highlights, most relevant first:")
        for r in analysis.highlights[:10]:
            lines.append(f"  {r.score:.2f}  {_short(r.highlight.text)}")
    return "\n".join(lines)


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
