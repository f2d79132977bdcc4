"""Choosing and ordering the person's own words for one job: the tailored resume and letter.

Why: tailoring may select, order and emphasise what the person wrote, and nothing else. This stage
is where that promise is kept: every string it hands to the renderers is either taken verbatim
from the resume or is a fixed label of the template (headings, separators), and it invents no
skill, employer, date, number or credential. Work entries keep their order (dates must read
true); what moves is the order of highlights inside each entry and of skills.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .models import IMPORTANCE_ORDER, Analysis, ConceptMatch, RankedHighlight, Resume
from .resume import dates_named

DEFAULT_MAX_HIGHLIGHTS = 6  # per work, volunteer or project entry; 0 keeps them all
MIN_HIGHLIGHTS = 2  # an entry keeps at least this many, however weak the match
LETTER_POINTS = 4
LETTER_WORDS = 350  # the letter fits on one page: points are dropped, last first, beyond this
# How dates print: "Jun 2020 – Present". A resume may set its own (strftime codes) as
# meta.dateFormat, e.g. "%m/%Y" or "%B %Y"; a date given as a year only prints as the year.
DATE_FORMAT = "%b %Y"
ONGOING = "Present"
BOLD_SPANS = 2  # at most this many bold runs in one highlight ...
BOLD_WORDS = 4  # ... of at most this many words in all, and never half the line or more
TOP_REQUIREMENTS = 5  # bold only what answers the posting's most stressed requirements
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
    kept: tuple[str, ...] = ()  # where each highlight printed stands ("work[0].highlights[2]")
    document_title: str = ""  # the .docx title property: "Dana Okafor - Resume - Practice Manager"
    written: str = ""  # ISO date the documents are dated (the letter's date)


@dataclass(frozen=True)
class LetterPoint:
    requirement: str  # the lexicon's name for what the job asks ("Staff management")
    text: str  # a verbatim highlight
    context: str  # "Office Supervisor, Lakeside Family Medicine"
    sentence: str = ""  # the point as the letter says it, built around ``text``
    asked: str = ""  # the posting's own words for what it asks
    where: str = ""  # where the highlight stands in the resume


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
    date: str = ""  # the date line: "December 1, 2026" (US) or "1 December 2026"
    opening: str = ""  # the first paragraph
    achievement_sentence: str = ""
    closing: str = ""
    document_title: str = ""
    written: str = ""  # the same date, ISO


@dataclass(frozen=True)
class TailoredApplication:
    resume: TailoredResume
    letter: CoverLetter
    analysis: Analysis


def tailor(resume: Resume, analysis: Analysis, *, company: str | None = None,
           role: str | None = None, max_highlights: int = DEFAULT_MAX_HIGHLIGHTS,
           date: _dt.date | None = None) -> TailoredApplication:
    """Build the content of both documents from the resume, ordered by the analysis.

    ``date`` is the letter's date (today when None); give it to get the same documents on any day.
    """
    ranked = analysis.highlights or ()
    day = date or _dt.date.today()
    tailored = _tailored_resume(resume, analysis, ranked, max_highlights, day)
    letter = _letter(resume, analysis, ranked, company, role, tailored, day)
    title = " - ".join(x for x in (tailored.name, "Resume", letter.role) if x)
    from dataclasses import replace
    return TailoredApplication(
        resume=replace(tailored, document_title=title, written=day.isoformat()),
        letter=letter,
        analysis=analysis,
    )


# --------------------------------------------------------------------------- resume

def _tailored_resume(resume: Resume, analysis: Analysis, ranked: tuple[RankedHighlight, ...],
                     max_highlights: int, day: _dt.date | None = None) -> TailoredResume:
    data = resume.data
    basics = data.get("basics") or {}
    position = {r.highlight.where: n for n, r in enumerate(ranked)}
    by_where = {r.highlight.where: r for r in ranked}
    emphasis = stress(analysis.concepts, analysis.job)
    choice = _Choice(by_where, max_highlights, emphasis, _latest_date(data))
    top = frozenset(sorted(emphasis, key=lambda k: -emphasis[k])[:TOP_REQUIREMENTS])
    fmt = _date_format(data)
    kept: list[str] = []
    entries = {section: tuple(_entries(data, section, by_where, position, choice, top, fmt, kept))
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
        education=tuple(_education(data, fmt, day or _dt.date.today())),
        certificates=tuple(_join(_join(c.get("name"), c.get("issuer")),
                                 _paren(_date(c.get("date"), fmt)), sep=" ")
                           for c in data.get("certificates") or [] if _s(c.get("name"))),
        awards=tuple(_join(_join(a.get("title"), a.get("awarder")),
                           _paren(_date(a.get("date"), fmt)), sep=" ")
                     for a in data.get("awards") or [] if _s(a.get("title"))),
        languages=tuple(_join(x.get("language"), x.get("fluency"))
                        for x in data.get("languages") or [] if _s(x.get("language"))),
        kept=tuple(kept),
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
             position: dict[str, int], choice: _Choice, top: frozenset[str] = frozenset(),
             fmt: str = DATE_FORMAT, kept: list[str] | None = None):
    for i, item in enumerate(data.get(section) or []):
        if section == "projects":
            title, org = _s(item.get("name")), _s(item.get("entity"))
        else:
            title = _s(item.get("position")) or _s(item.get(_ORGANISATION[section]))
            org = _s(item.get(_ORGANISATION[section])) if _s(item.get("position")) else ""
        heading = _join(title, org if org != title else "")
        meta = " | ".join(x for x in (_s(item.get("location")),
                                      _dates(item.get("startDate"), item.get("endDate"),
                                             fmt=fmt)) if x)
        texts = {f"{section}[{i}].highlights[{j}]": text
                 for j, text in enumerate(item.get("highlights") or []) if text.strip()}
        wheres = sorted(texts, key=lambda w: position.get(w, len(position)))
        keep = choice.select(wheres, choice.cap(item, wheres)) if choice.most else wheres
        if kept is not None:
            kept.extend(keep)
        yield Entry(heading, meta, _s(item.get("summary")) or _s(item.get("description")),
                    highlights=tuple(texts[w] for w in keep),
                    left_out=tuple(texts[w] for w in wheres if w not in keep),
                    marked=tuple(_segments(texts[w], _bold_spans(texts[w], by_where.get(w), top))
                                 for w in keep))


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
    dates = [d for d in map(_year, dates_named(data)) if d is not None]
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


_IN_PROGRESS = re.compile(r"\b(in progress|expected|ongoing|current(ly)?|pending|anticipated)\b",
                          re.I)


def _education(data: dict, fmt: str = DATE_FORMAT, today: _dt.date | None = None):
    """Each school as one line; a degree still in progress says so, never a bare start date.

    Why: "Bachelor of Science | 2022-01" reads as a degree awarded in 2022. When the resume says
    "in progress" or "expected" itself, its words are kept and the date reads "started ...";
    an end date still to come reads "expected ..."; no end date reads "... – in progress".
    """
    today = today or _dt.date.today()
    for e in data.get("education") or []:
        degree = _join(e.get("studyType"), e.get("area"), sep=", ")
        line = _join(degree, e.get("institution"), sep=" | ")
        says = bool(_IN_PROGRESS.search(" ".join(_s(e.get(k)) for k in
                                                   ("studyType", "area", "score"))))
        start, end = _date(e.get("startDate"), fmt), _date(e.get("endDate"), fmt)
        end_year = _year(_s(e.get("endDate")))
        if end and end_year is not None and end_year > today.year + (today.month - 1) / 12:
            when = end if says and "expected" in degree.lower() else f"expected {end}"
        elif end:
            when = f"{start} – {end}" if start else end
        elif start:
            when = f"started {start}" if says else f"{start} – in progress"
        else:
            when = ""
        text = " | ".join(x for x in (line, when, _s(e.get("score"))) if x)
        if text:
            yield text


# --------------------------------------------------------------------------- letter

def _letter(resume: Resume, analysis: Analysis, ranked: tuple[RankedHighlight, ...],
            company: str | None, role: str | None, tailored: TailoredResume | None = None,
            day: _dt.date | None = None) -> CoverLetter:
    """The letter: what the posting asks most, each answered by one of the person's own lines.

    Why: a letter may claim only what the resume sent with it shows, so it cites only the
    highlights the tailored resume kept; what the posting asks is said in the posting's own
    words; each point is one sentence around the person's line, naming the job it comes from
    the first time only.
    """
    data = resume.data
    basics = data.get("basics") or {}
    day = day or _dt.date.today()
    kept = set(tailored.kept) if tailored is not None else None
    pool = tuple(r for r in ranked if kept is None or r.highlight.where in kept)
    contexts = {h.highlight.where: _context(data, h.highlight.section, h.highlight.entry_index)
                for h in ranked}
    # The letter answers what the posting stresses most: required first, general concepts before
    # their finer refinements, then by the posting's emphasis and the guide's Step 10 (stress).
    # A product shown only in part (SystmOne asked, Epic shown) is for the report, not a claim.
    wanted = [c for c in analysis.concepts if c.in_resume and c.kind not in ("achievement",)
              and not c.partial]
    emphasis = stress(analysis.concepts, analysis.job)
    wanted.sort(key=lambda c: (IMPORTANCE_ORDER[c.importance], c.refines, -emphasis[c.id],
                               c.first_line, c.id))
    used: set[str] = set()
    chosen: list[tuple[ConceptMatch, RankedHighlight, str]] = []
    asked_before: set[str] = set()
    for concept in wanted:
        if len(chosen) >= LETTER_POINTS:
            break
        # The highlight that best answers the posting's own sentence (resume_evidence is in that
        # order), else the highest ranked one that shows the concept.
        by_text = {r.highlight.text: r for r in pool if r.highlight.where not in used}
        best = next((by_text[t] for t in concept.resume_evidence if t in by_text), None) or next(
            (r for r in pool if concept.id in r.matched and r.highlight.where not in used), None)
        if best is None:
            continue
        ask = _ask(concept, best.highlight.text)
        if concept.resume_evidence[:1] != (best.highlight.text,) and not _shared(ask, best):
            continue  # not the line that answers best, and it shares no word with the ask
        if ask.casefold() in asked_before:
            continue  # two concepts read from one posting sentence: say it once
        asked_before.add(ask.casefold())
        used.add(best.highlight.where)
        chosen.append((concept, best, ask))
    achievement = next((r for r in pool if r.highlight.where not in used
                        and any(a in r.concepts for a in _ACHIEVEMENTS)), None)
    company = company or analysis.job.company or ""
    role = role or analysis.job.title or ""
    name = _s(basics.get("name"))
    summary = _s(basics.get("summary"))
    summary = summary if _FIRST_PERSON.search(summary) else ""
    said_job: set[tuple[str, int]] = set()
    points = []
    for n, (concept, best, ask) in enumerate(chosen):
        h = best.highlight
        new_job = (h.section, h.entry_index) not in said_job
        said_job.add((h.section, h.entry_index))
        where = _where_phrase(data, h.section, h.entry_index) if new_job else ""
        points.append(LetterPoint(concept.name, h.text, contexts[h.where],
                                  sentence=_point_sentence(n, ask, where, h.text),
                                  asked=ask, where=h.where))
    there = f" at {company}" if company else ""
    opening = (f"I am writing to apply for the {role} position{there}." if role else
               f"I am writing to apply for the position you advertised{there}.")
    if points:
        opening += " Here is how my experience answers what your posting asks for most."
    achievement_sentence = ""
    if achievement is not None:
        achievement_sentence = "One result I am proud of: " + _end(achievement.highlight.text)
    closing = (f"I would welcome the chance to discuss how I could contribute"
               f"{' to ' + company if company else ''}. Thank you for your time and consideration.")
    letter = CoverLetter(
        name=name,
        contact=contact_line(basics),
        company=company,
        role=role,
        summary=summary,
        asks=tuple(p.requirement[0].lower() + p.requirement[1:] if not p.requirement[:2].isupper()
                   else p.requirement for p in points),
        points=tuple(points),
        achievement=achievement.highlight.text if achievement else "",
        achievement_context=contexts[achievement.highlight.where] if achievement else "",
        date=_letter_date(day, basics),
        opening=opening,
        achievement_sentence=achievement_sentence,
        closing=closing,
        document_title=" - ".join(x for x in (name, "Cover letter", role) if x),
        written=day.isoformat(),
    )
    return _fit(letter)


_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I am|my|me)\b")
_LEAD = re.compile(r"^(?:[-*•·]\s*)?(?:(?:you will|you'll|you’ll|you should|you must|you will be|"
                   r"you need to|we are looking for|we're looking for|we need|the successful "
                   r"(?:candidate|applicant) will(?: have| be)?|the post ?holder will(?: be)?|"
                   r"candidates? (?:must|should|will) (?:have|be)|applicants? (?:must|should) "
                   r"(?:have|be)|must have|must be|to|be able to|ability to|responsible for)\s+)+",
                   re.I)


_PLAIN = frozenset({"patient", "patients", "staff", "office", "practice", "manage", "management",
                    "their", "about", "which", "where", "there", "other", "within", "across"})


def _shared(ask: str, best: RankedHighlight) -> bool:
    """Whether the ask and the person's line share a word beyond the commonplace ones."""
    def stems(text):
        return {w[:5] for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in _PLAIN}
    return bool(stems(ask) & stems(best.highlight.text))


def _word_keys(text: str) -> set[str]:
    """A text's word stems (contract, contracts, contracting), stop words left out: what an ask
    and a person's line can share."""
    from .lexicon_vectors import stop_stems
    from .text import stems

    return set(stems(text)) - stop_stems()


def _ask(concept: ConceptMatch, answer: str = "") -> str:
    """The posting's own words for what it asks: of its sentences for the concept, the one
    closest to the person's line (``answer``), cut to a phrase.

    Why: "Your posting asks for office operations" in the lexicon's names reads like a form, and
    may name what the posting never said; the posting's words are what its reader recognises.
    """
    said = _word_keys(answer)
    evidence = sorted(concept.evidence, key=lambda e: -len(said & _word_keys(e)))
    text = _s(evidence[0]) if evidence else ""
    # Of the sentence's clauses, the one the person's line answers: in "Act as liaison between
    # physicians and vendors; negotiate contracts with vendors", a line on renegotiating a supply
    # contract answers the second. Ties go to the first.
    clauses = [c.strip() for c in re.split(r";|\.\s", text) if len(c.split()) >= 3] or [text]
    text = max(clauses, key=lambda c: len(said & _word_keys(c)))
    text = _LEAD.sub("", text.lstrip("-*•· ")).strip()
    text = re.split(r"[;:()]|\s[–—-]\s|,\s(?:including|such as|and|as well as|with|so|while|"
                    r"ensuring|to)\b|\.\s|\.$", text)[0].strip(" ,.")
    words = text.split()
    if len(words) > 12:
        # Cut at the last comma within twelve words where that leaves a phrase, not mid-phrase.
        head = " ".join(words[:12])
        comma = head.rfind(",")
        if comma > 0 and len(head[:comma].split()) >= 4:
            text = head[:comma]
        else:
            text = re.sub(r"\s+\S+$", "", head) if len(words[11]) < 4 else head
    if not text:
        return concept.name[0].lower() + concept.name[1:]
    return text[0].lower() + text[1:] if not text[:2].isupper() else text


# A line that opens with a verb reads on after "I"; anything else is quoted as it stands.
_NOT_VERBS = frozenset({"Super", "Responsible", "Member", "Key", "Main", "Point", "First", "Part",
                        "Primary", "Daily", "Weekly", "Monthly", "Annual", "Over", "Team", "Sole",
                        "Front", "Lead", "The", "A", "An", "My", "Our", "Each", "All", "Back",
                        "Office", "Patient", "Staff", "Regular", "Named", "Trusted"})
_VERB_WORDS = frozenset("""achieve act answer approve arrange assist audit balance book
build calculate chair check coach collect communicate complete compile conduct coordinate cover
create cut deliver design develop direct draft drive enter ensure establish file greet grow handle
help hire identify implement improve increase introduce keep launch lead liaise log maintain manage
mentor monitor negotiate onboard open order organise organize oversee perform plan post prepare
present process produce promote provide raise recruit redesign reduce register renegotiate report
represent research resolve review revise roll run save scan schedule secure serve set simplify
sort streamline supervise support take teach test track train transcribe triage update use verify
work write""".split()) - {"lead"}


def _starts_with_verb(text: str) -> bool:
    first = (text.split() or [""])[0].strip(",.;:")
    word = first.lower()
    if first in _NOT_VERBS or not first[:1].isupper() or first[1:2].isupper():
        return word == "lead" and len(text.split()) > 1 and text.split()[1].islower() \
            and text.split()[1] in ("the", "a", "an", "our", "my", "weekly", "daily", "annual")
    return (word in _VERB_WORDS or word in _VERBS or (word.endswith("ed") and len(word) > 4)
            or (word.endswith("s") and word[:-1] in _VERB_WORDS))


def _point_sentence(n: int, ask: str, where: str, text: str) -> str:
    """One point as a sentence: the posting's words, the job (first time only), the person's line.

    The person's line is kept word for word; only its first letter is lowered after "I".
    """
    starts = ("You ask for someone to “{a}”", "Your posting also mentions “{a}”",
              "On “{a}”", "For “{a}”")
    lead = starts[n % len(starts)].format(a=ask)
    joint = ": " if n % len(starts) == 0 else "; " if n % len(starts) == 1 else ", "
    line = text.strip()
    if _starts_with_verb(line):
        body = f"{where}I {line[0].lower() + line[1:]}"
    else:
        body = f"{where}I can point to this: {line}" if where else f"my resume notes: {line}"
    if not body.startswith("I "):
        body = body[0].lower() + body[1:] if joint != ": " else body[0].upper() + body[1:]
    return _end(f"{lead}{joint}{body}")


def _where_phrase(data: dict, section: str, index: int) -> str:
    """"as Medical Office Supervisor at Maple Street Family Medicine, " for a job named once."""
    item = (data.get(section) or [])[index]
    if section == "projects":
        return f"on the {_s(item.get('name'))} project, " if _s(item.get("name")) else ""
    org = _s(item.get("name" if section == "work" else "organization"))
    position = _s(item.get("position"))
    if position and org:
        return f"as {position} at {org}, "
    return f"at {org}, " if org else (f"as {position}, " if position else "")


def _end(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "”", '"')) else text + "."


def _letter_date(day: _dt.date, basics: dict) -> str:
    """"December 1, 2026" for a US address, "1 December 2026" everywhere else."""
    country = _s((basics.get("location") or {}).get("countryCode")).upper()
    month = day.strftime("%B")
    return f"{month} {day.day}, {day.year}" if country in ("US", "USA") else \
        f"{day.day} {month} {day.year}"


def letter_words(letter: CoverLetter) -> int:
    """The words of the letter's body as the built-in template prints it."""
    parts = [letter.name, letter.contact, letter.date, letter.company, "Dear Hiring Manager,",
             letter.opening, letter.summary, *(p.sentence for p in letter.points),
             letter.achievement_sentence, letter.closing, "Sincerely,", letter.name]
    return sum(len(p.split()) for p in parts if p)


def _fit(letter: CoverLetter) -> CoverLetter:
    """The letter within LETTER_WORDS, so it fits on one page: the summary goes first, then the
    achievement, then points from the last, keeping at least one point."""
    from dataclasses import replace

    if letter_words(letter) > LETTER_WORDS and letter.summary:
        letter = replace(letter, summary="")
    if letter_words(letter) > LETTER_WORDS and letter.achievement:
        letter = replace(letter, achievement="", achievement_context="",
                         achievement_sentence="")
    while letter_words(letter) > LETTER_WORDS and len(letter.points) > 1:
        letter = replace(letter, points=letter.points[:-1], asks=letter.asks[:-1])
    return letter


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


def _dates(start, end, ongoing: bool = True, fmt: str = DATE_FORMAT) -> str:
    """"Mar 2019 – Jun 2021"; an open range is "Mar 2019 – Present", as people write it."""
    start, end = _date(start, fmt), _date(end, fmt)
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"{start} – {ONGOING}" if ongoing else start
    return end


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def _date(value, fmt: str = DATE_FORMAT) -> str:
    """"2020-06" -> "Jun 2020" (in ``fmt``); a year alone stays a year; other text as written."""
    text = _s(value)
    m = _ISO.match(text)
    if not m or not m.group(2) or not 1 <= int(m.group(2)) <= 12:
        return text
    day = _dt.date(int(m.group(1)), int(m.group(2)), 1)
    try:
        return _s(day.strftime(fmt)) or text
    except ValueError:
        return text


def _date_format(data: dict) -> str:
    """The resume's own date format (meta.dateFormat, strftime codes), else DATE_FORMAT."""
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    fmt = meta.get("dateFormat")
    return fmt if isinstance(fmt, str) and "%" in fmt and len(fmt) < 40 else DATE_FORMAT


# Ordinary verbs are never bold on their own: "Lead", "Supervise" answer nothing by themselves.
_VERBS = frozenset("""act answer approve assist build built coordinate collect conduct create cut
develop direct drive ensure greet handle help hire implement improve keep kept lead led maintain
manage managed monitor organise organize oversee oversaw plan post prepare process provide ran
reduce register resolve review run schedule serve set supervise support teach track train
trained work write wrote""".split())


def _verb(word: str) -> bool:
    w = word.lower()
    return w in _VERBS or w in _VERB_WORDS or (w.endswith("ed") and len(w) > 4) or (
        w.endswith("s") and (w[:-1] in _VERBS or w[:-1] in _VERB_WORDS))


def _named(word: str) -> bool:
    """HIPAA, Epic, SystmOne, athenahealth: an acronym or a name, not an ordinary word."""
    return (sum(ch.isupper() for ch in word) >= 2 or (word[:1].isupper() and word.lower() not in
            _VERBS) or word.lower() in ("athenahealth", "emis", "systmone", "ehr"))


def _bold_spans(text: str, ranked: RankedHighlight | None,
                top: frozenset[str]) -> RankedHighlight | None:
    """The highlight's emphasis cut down to the few words that answer the top requirements.

    Only a highlight that shows one of the posting's most stressed requirements (``top``) gets
    bold; at most BOLD_SPANS spans and BOLD_WORDS words in all, never an ordinary verb alone,
    and never half the line or more.
    """
    from dataclasses import replace

    if ranked is None or not ranked.emphasis:
        return ranked
    if top and not set(ranked.matched) & top:
        return replace(ranked, emphasis=())
    limit = min(BOLD_WORDS, max(1, (len(text.split()) - 1) // 2))
    spans, words = [], 0
    for a, b in ranked.emphasis:
        piece = text[a:b].split()
        first = piece[0].strip(".,;:") if piece else ""
        if not piece or _verb(first) or (len(piece) == 1 and not _named(first)):
            continue  # "Supervise a team", "staff": a product or a named thing may stand alone
        if words + len(piece) > limit or len(spans) >= BOLD_SPANS:
            continue
        spans.append((a, b))
        words += len(piece)
    return replace(ranked, emphasis=tuple(spans))
