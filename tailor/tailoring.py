"""Choosing and ordering the person's own words for one job: the tailored resume and letter.

Why: tailoring may select, order and emphasise what the person wrote, and nothing else. This stage
is where that promise is kept: every string it hands to the renderers is either taken verbatim
from the resume or is a fixed label of the template (headings, separators), and it invents no
skill, employer, date, number or credential. Work entries keep their order (dates must read
true); what moves is the order of highlights inside each entry and of skills.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import IMPORTANCE_ORDER, Analysis, ConceptMatch, RankedHighlight, Resume

DEFAULT_MAX_HIGHLIGHTS = 6  # per work, volunteer or project entry; 0 keeps them all
MIN_HIGHLIGHTS = 2  # an entry keeps at least this many, however weak the match
LETTER_POINTS = 4
_ACHIEVEMENTS = ("achievement.cost-saving", "achievement.efficiency")
# How many highlights an entry keeps, between MIN_HIGHLIGHTS and the maximum, follows how much
# it answers the posting: the share of its highlights that do (a score of at least ANSWERS, about
# one required thing shown), times how recent it is: fully when it ended at most RECENT_YEARS
# before the latest date the resume names, not at all from OLD_YEARS before.
ANSWERS = 0.3
RECENT_YEARS = 3.0
OLD_YEARS = 10.0
# Step 10 of the guide: what to put first for a practice-management post (operations, staff
# supervision, scheduling, budgeting, medical software; efficiency and cost results are kept
# always). Ids of the built-in lexicon; a lexicon without them simply gets no boost.
STEP_10 = frozenset({
    "duty.office-operations", "duty.staff-management", "duty.supervision", "skill.leadership",
    "duty.patient-scheduling", "duty.staff-scheduling", "duty.budget-management",
    "skill.financial-management", "soft.ehr", "soft.practice-management",
    "skill.software-proficiency"})


@dataclass(frozen=True)
class Segment:
    """A piece of a highlight, bold where it names something the job asks for."""

    text: str
    bold: bool


@dataclass(frozen=True)
class Entry:
    """One work, volunteer or project entry as it will be printed."""

    heading: str  # "Office Supervisor, Lakeside Family Medicine"
    meta: str  # "Springfield, IL | 2019-03 –"
    summary: str
    highlights: tuple[str, ...]
    left_out: tuple[str, ...]
    marked: tuple[tuple[Segment, ...], ...] = ()  # the highlights again, cut for emphasis


@dataclass(frozen=True)
class TailoredResume:
    name: str
    label: str
    contact: str
    summary: str
    skills: tuple[str, ...]
    work: tuple[Entry, ...]
    volunteer: tuple[Entry, ...]
    projects: tuple[Entry, ...]
    education: tuple[str, ...]
    certificates: tuple[str, ...]
    awards: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass(frozen=True)
class LetterPoint:
    requirement: str  # the lexicon's name for what the job asks ("Staff management")
    text: str  # a verbatim highlight
    context: str  # "Office Supervisor, Lakeside Family Medicine"


@dataclass(frozen=True)
class CoverLetter:
    name: str
    contact: str
    company: str
    role: str
    summary: str
    asks: tuple[str, ...]  # the job's top requirements the resume meets, lower-case names
    points: tuple[LetterPoint, ...]
    achievement: str
    achievement_context: str


@dataclass(frozen=True)
class TailoredApplication:
    resume: TailoredResume
    letter: CoverLetter
    analysis: Analysis


def tailor(resume: Resume, analysis: Analysis, *, company: str | None = None,
           role: str | None = None, max_highlights: int = DEFAULT_MAX_HIGHLIGHTS
           ) -> TailoredApplication:
    """Build the content of both documents from the resume, ordered by the analysis."""
    ranked = analysis.highlights or ()
    return TailoredApplication(
        resume=_tailored_resume(resume, analysis, ranked, max_highlights),
        letter=_letter(resume, analysis, ranked, company, role),
        analysis=analysis,
    )


# --------------------------------------------------------------------------- resume

def _tailored_resume(resume: Resume, analysis: Analysis, ranked: tuple[RankedHighlight, ...],
                     max_highlights: int) -> TailoredResume:
    data = resume.data
    basics = data.get("basics") or {}
    position = {r.highlight.where: n for n, r in enumerate(ranked)}
    by_where = {r.highlight.where: r for r in ranked}
    choice = _Choice(by_where, max_highlights, stress(analysis.concepts, analysis.job),
                     _latest_date(data))
    entries = {section: tuple(_entries(data, section, by_where, position, choice))
               for section in ("work", "volunteer", "projects")}
    return TailoredResume(
        name=_s(basics.get("name")),
        label=_s(basics.get("label")),
        contact=contact_line(basics),
        summary=_s(basics.get("summary")),
        skills=tuple(_skills(data, analysis)),
        work=entries["work"],
        volunteer=entries["volunteer"],
        projects=entries["projects"],
        education=tuple(_education(data)),
        certificates=tuple(_join(c.get("name"), c.get("issuer"), _paren(c.get("date")))
                           for c in data.get("certificates") or [] if _s(c.get("name"))),
        awards=tuple(_join(a.get("title"), a.get("awarder"), _paren(a.get("date")))
                     for a in data.get("awards") or [] if _s(a.get("title"))),
        languages=tuple(_join(x.get("language"), x.get("fluency"))
                        for x in data.get("languages") or [] if _s(x.get("language"))),
    )


def contact_line(basics: dict) -> str:
    """Email, phone, place and web addresses in one line, in the body (ATS parsers skip headers)."""
    loc = basics.get("location") or {}
    place = ", ".join(_s(loc.get(k)) for k in ("city", "region", "countryCode") if _s(loc.get(k)))
    parts = [_s(basics.get("email")), _s(basics.get("phone")), place, _s(basics.get("url"))]
    parts += [_s(p.get("url")) or _join(p.get("network"), p.get("username"), sep=": ")
              for p in basics.get("profiles") or []]
    return " | ".join(p for p in parts if p)


_ORGANISATION = {"work": "name", "volunteer": "organization", "projects": "entity"}


def _entries(data: dict, section: str, by_where: dict[str, RankedHighlight],
             position: dict[str, int], choice: _Choice):
    for i, item in enumerate(data.get(section) or []):
        if section == "projects":
            title, org = _s(item.get("name")), _s(item.get("entity"))
        else:
            title = _s(item.get("position")) or _s(item.get(_ORGANISATION[section]))
            org = _s(item.get(_ORGANISATION[section])) if _s(item.get("position")) else ""
        heading = _join(title, org if org != title else "")
        meta = " | ".join(x for x in (_s(item.get("location")),
                                      _dates(item.get("startDate"), item.get("endDate"))) if x)
        texts = {f"{section}[{i}].highlights[{j}]": text
                 for j, text in enumerate(item.get("highlights") or []) if text.strip()}
        wheres = sorted(texts, key=lambda w: position.get(w, len(position)))
        keep = choice.select(wheres, choice.cap(item, wheres)) if choice.most else wheres
        yield Entry(heading, meta, _s(item.get("summary")) or _s(item.get("description")),
                    highlights=tuple(texts[w] for w in keep),
                    left_out=tuple(texts[w] for w in wheres if w not in keep),
                    marked=tuple(_segments(texts[w], by_where.get(w)) for w in keep))


@dataclass(frozen=True)
class _Choice:
    """What decides which highlights each entry keeps: the ranking, the user's maximum per
    entry (``most``; 0 keeps all), how much the posting stresses each concept (``stress``) and
    the latest date the resume names (``latest``, in years; None when it names none)."""

    by_where: dict[str, RankedHighlight]
    most: int
    stress: dict[str, float]
    latest: float | None

    def cap(self, item: dict, wheres: list[str]) -> int:
        """How many highlights this entry keeps: between MIN_HIGHLIGHTS and ``most``, more the
        more of its highlights answer the posting and the more recent it is.

        Why: a careful applicant gives the recent job that does what the posting asks most of
        the page, and an old, unrelated one a line or two; one fixed cap for every job does not.
        """
        floor = min(MIN_HIGHLIGHTS, self.most)
        if not wheres:
            return 0
        answering = sum(1 for w in wheres if w in self.by_where
                        and self.by_where[w].score >= ANSWERS) / len(wheres)
        room = (self.most - floor) * answering * _recency(item, self.latest)
        return max(floor, min(self.most, floor + int(room + 0.5)))

    def select(self, wheres: list[str], cap: int) -> list[str]:
        """The highlights an entry keeps (at most ``cap``), in ranking order.

        Step 10 of the guide: an efficiency gain or a cost saving is always worth naming, so
        those are kept first (up to ``most``). Then, one at a time, the highlight that adds most
        of what the posting stresses that the lines kept do not show yet: the most stressed
        new concept counts fully, further new ones a quarter, so a line that shows the
        posting's top requirement beats one that adds several minor things. Ties go by the
        ranking. Beyond MIN_HIGHLIGHTS, a highlight that shows nothing the job asks for is
        never kept.
        """
        def matched(w):
            return self.by_where[w].matched if w in self.by_where else ()

        def achievement(w):
            return w in self.by_where and any(a in self.by_where[w].concepts
                                              for a in _ACHIEVEMENTS)

        def gain(w):
            new = sorted((self.stress.get(k, 0.0) for k in matched(w) if k not in covered),
                         reverse=True)
            return round(new[0] + 0.25 * sum(new[1:]), 6) if new else 0.0

        floor = min(MIN_HIGHLIGHTS, self.most)
        keep = [w for w in wheres if achievement(w)][:self.most]
        covered = {k for w in keep for k in matched(w)}
        pool = [w for w in wheres if w not in keep]
        while pool and len(keep) < max(cap, floor):
            best = max(pool, key=lambda w: (gain(w), -wheres.index(w)))
            if len(keep) >= floor and not matched(best):
                break
            keep.append(best)
            pool.remove(best)
            covered.update(matched(best))
        return sorted(keep, key=wheres.index)


def stress(concepts: tuple[ConceptMatch, ...] | list[ConceptMatch], job=None) -> dict[str, float]:
    """How strongly the posting asks for each concept, by its own emphasis and by the guide.

    Required over unmarked over preferred; more for each further sentence that asks for it (up
    to three); more when the summary of the role asks for it; more the earlier the posting
    first asks for it; half for a finer concept (its general one is stressed in its own right);
    and half again for what Step 10 of the guide says to put first.
    """
    summary = {s.text for s in job.sentences if s.section == "summary"} if job else set()
    lines = sorted({c.first_line for c in concepts})
    rank = {line: n for n, line in enumerate(lines)}
    out = {}
    for c in concepts:
        weight = {"required": 1.0, "": 0.85, "preferred": 0.6}.get(c.importance, 0.85)
        weight *= 1 + 0.25 * min(max(c.mentions - 1, 0), 3)
        weight *= 1.25 if summary & set(c.evidence) else 1.0
        weight *= 1.25 - 0.25 * rank[c.first_line] / max(1, len(lines) - 1)
        weight *= 0.5 if c.refines else 1.0
        weight *= 1.5 if c.id in STEP_10 else 1.0
        out[c.id] = round(weight, 6)
    return out


_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?")


def _year(value) -> float | None:
    """"2019-03" -> 2019.17; None when it is not a date."""
    m = _DATE.match(value) if isinstance(value, str) else None
    return int(m.group(1)) + (int(m.group(2)) - 1) / 12 if m and m.group(2) else (
        float(m.group(1)) if m else None)


def _latest_date(data: dict) -> float | None:
    """The latest date the resume names (entries, schooling, certificates, awards).

    Why: recency is measured against the resume itself, not today's date, so the same inputs
    give the same documents on any day.
    """
    dates = [_year(item.get(key))
             for section in ("work", "volunteer", "projects", "education", "certificates",
                             "awards")
             for item in data.get(section) or [] if isinstance(item, dict)
             for key in ("startDate", "endDate", "date")]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def _recency(item: dict, latest: float | None) -> float:
    """1 for an entry still going or ended at most RECENT_YEARS before ``latest``, falling to
    0 at OLD_YEARS; 1 when its dates are not known (nothing is held against it)."""
    end, start = _year(item.get("endDate")), _year(item.get("startDate"))
    if latest is None or (end is None and start is None):
        return 1.0
    if end is None:
        return 1.0  # ongoing
    age = latest - end
    return max(0.0, min(1.0, (OLD_YEARS - age) / (OLD_YEARS - RECENT_YEARS)))


def _segments(text: str, ranked: RankedHighlight | None) -> tuple[Segment, ...]:
    """The highlight cut at its emphasis spans; joined, the segments are the text unchanged."""
    out, pos = [], 0
    for a, b in ranked.emphasis if ranked is not None else ():
        if a > pos:
            out.append(Segment(text[pos:a], False))
        out.append(Segment(text[a:b], True))
        pos = b
    if pos < len(text):
        out.append(Segment(text[pos:], False))
    return tuple(out)


def _skills(data: dict, analysis: Analysis) -> list[str]:
    """Each resume skill as "Name: keywords", the ones the job asks for first."""
    asked = {c.id for c in analysis.concepts}
    evidence: dict[str, set[str]] = {}
    for c in analysis.concepts:
        for text in c.resume_evidence:
            evidence.setdefault(text, set()).add(c.id)
    lines = []
    for n, skill in enumerate(data.get("skills") or []):
        name = _s(skill.get("name"))
        keywords = [k for k in skill.get("keywords") or [] if _s(k)]
        keywords.sort(key=lambda k: 0 if evidence.get(k, set()) & asked else 1)
        hits = sum(1 for t in [name, *keywords] if evidence.get(t, set()) & asked)
        text = f"{name}: {', '.join(keywords)}" if name and keywords else name or ", ".join(keywords)
        if text:
            lines.append((-hits, n, text))
    return [t for _, _, t in sorted(lines)]


def _education(data: dict):
    for e in data.get("education") or []:
        degree = _join(e.get("studyType"), e.get("area"), sep=", ")
        line = _join(degree, e.get("institution"), sep=" | ")
        when = _dates(e.get("startDate"), e.get("endDate"), ongoing=False)
        text = " | ".join(x for x in (line, when, _s(e.get("score"))) if x)
        if text:
            yield text


# --------------------------------------------------------------------------- letter

def _letter(resume: Resume, analysis: Analysis, ranked: tuple[RankedHighlight, ...],
            company: str | None, role: str | None) -> CoverLetter:
    data = resume.data
    basics = data.get("basics") or {}
    contexts = {h.highlight.where: _context(data, h.highlight.section, h.highlight.entry_index)
                for h in ranked}
    # The letter answers what the posting stresses most: required first, general concepts before
    # their finer refinements, then by the posting's emphasis and the guide's Step 10 (stress).
    wanted = [c for c in analysis.concepts if c.in_resume and c.kind not in ("achievement",)]
    emphasis = stress(analysis.concepts, analysis.job)
    wanted.sort(key=lambda c: (IMPORTANCE_ORDER[c.importance], c.refines, -emphasis[c.id],
                               c.first_line, c.id))
    used: set[str] = set()
    points: list[LetterPoint] = []
    for concept in wanted:
        if len(points) >= LETTER_POINTS:
            break
        # The highlight that best answers the posting's own sentence (resume_evidence is in that
        # order), else the highest ranked one that shows the concept.
        by_text = {r.highlight.text: r for r in ranked if r.highlight.where not in used}
        best = next((by_text[t] for t in concept.resume_evidence if t in by_text), None) or next(
            (r for r in ranked if concept.id in r.matched and r.highlight.where not in used), None)
        if best is None:
            continue
        used.add(best.highlight.where)
        points.append(LetterPoint(concept.name, best.highlight.text, contexts[best.highlight.where]))
    achievement = next((r for r in ranked if r.highlight.where not in used
                        and any(a in r.concepts for a in _ACHIEVEMENTS)), None)
    return CoverLetter(
        name=_s(basics.get("name")),
        contact=contact_line(basics),
        company=company or analysis.job.company or "",
        role=role or analysis.job.title or "",
        summary=_s(basics.get("summary")),
        asks=tuple(p.requirement[0].lower() + p.requirement[1:] if not p.requirement[:2].isupper()
                   else p.requirement for p in points),
        points=tuple(points),
        achievement=achievement.highlight.text if achievement else "",
        achievement_context=contexts[achievement.highlight.where] if achievement else "",
    )


def _context(data: dict, section: str, index: int) -> str:
    item = (data.get(section) or [])[index]
    if section == "work":
        return _join(item.get("position"), item.get("name"))
    if section == "volunteer":
        return _join(item.get("position"), item.get("organization"))
    return _s(item.get("name"))


# --------------------------------------------------------------------------- helpers

def _s(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _join(*parts, sep: str = ", ") -> str:
    return sep.join(p for p in (_s(x) for x in parts) if p)


def _paren(value) -> str:
    return f"({_s(value)})" if _s(value) else ""


def _dates(start, end, ongoing: bool = True) -> str:
    """"2019-03 – 2021-06"; an open range is "2019-03 –", so no word is added to the resume."""
    start, end = _s(start), _s(end)
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"{start} –" if ongoing else start
    return end
