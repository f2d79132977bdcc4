"""The plain data passed from one stage to the next.

job text -> Job (posting.py) -> Analysis (matching.py) -> TailoredApplication (tailoring.py)
-> documents and report (render.py, report.py).

Why: each stage takes and returns these frozen records and nothing else, so a stage can be tested
alone with hand-made input, and nothing downstream can quietly change what an earlier stage found.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class LexiconEntry:
    """One skill, duty, credential, regulation, coding system, software or career level."""

    id: str
    name: str
    kind: str
    description: str
    aliases: tuple[str, ...]
    cues: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Lexicon:
    """The entries in use, after any user lexicons were merged over the built-in one."""

    entries: tuple[LexiconEntry, ...]
    sources: tuple[str, ...]

    def get(self, entry_id: str) -> LexiconEntry | None:
        return self.by_id.get(entry_id)

    @cached_property
    def by_id(self) -> dict[str, LexiconEntry]:
        return {e.id: e for e in self.entries}


@dataclass(frozen=True)
class Sentence:
    """One sentence or list item of a posting, with what the reader made of its context.

    ``section`` is the kind of section it stands in (see posting.SECTION_KINDS), a prior only;
    ``importance`` is "required", "preferred" or "" where the posting does not say; ``ignored``
    gives the reason a sentence may not yield a concept ("boilerplate", "negated", "title",
    "heading"), or "". ``kind`` is what the sentence was read as (sentence_kinds.KINDS) and
    ``why`` says, for a sentence not counted, why not.
    """

    text: str
    section: str
    importance: str
    ignored: str
    line: int
    kind: str = ""
    why: str = ""


@dataclass(frozen=True)
class Job:
    """A posting as read: what it is, who posts it, and its sentences."""

    title: str | None
    company: str | None
    text: str
    sentences: tuple[Sentence, ...]
    source: str
    level: str | None = None
    # Why the employer is a guess, when it is one: line 2 was the account that posted the advert
    # and the name was read from the text (posting.employer_in_text); "" when it is not.
    company_note: str = ""


@dataclass(frozen=True)
class Highlight:
    """One achievement or duty line of the resume, verbatim, with where it stands."""

    text: str
    where: str  # e.g. "work[1].highlights[0]"
    section: str  # "work", "volunteer" or "projects"
    entry_index: int
    index: int


@dataclass(frozen=True)
class Resume:
    """A validated JSON Resume document and the highlights tailoring may choose from."""

    data: dict[str, Any]
    path: str
    highlights: tuple[Highlight, ...]
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return (self.data.get("basics") or {}).get("name") or ""


# How strongly a posting asks for something: "" is asked without saying required or preferred.
IMPORTANCE_ORDER = {"required": 0, "": 1, "preferred": 2}


@dataclass(frozen=True)
class ConceptMatch:
    """A concept the job asks for, why we think so, and whether the resume shows it."""

    id: str
    name: str
    kind: str
    score: float
    importance: str  # "required", "preferred" or "" (asked for, strength not stated)
    evidence: tuple[str, ...]
    in_resume: bool | None = None
    resume_evidence: tuple[str, ...] = ()  # every resume line showing it, best answer first
    mentions: int = 1  # sentences of the posting that ask for it
    first_line: int = 0  # where the posting first asks for it
    refines: bool = False  # a finer form of another concept of its kind (patient registration)
    # Shown only in part: (the products the posting names, the products the resume shows), each
    # written as the text has it. Set when the posting names a product ("SystmOne"), the resume
    # shows the same kind of system but none of those products ("athenahealth"); in_resume stays
    # true, since the resume does show that kind of system. () when not partial.
    partial: tuple[tuple[str, ...], tuple[str, ...]] = ()
    # For a gap: the resume's lines the concept model finds likely to show it though no rule is
    # sure (most likely first, at most two). A pointer for the person, never a match.
    maybe_shown_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class RankedHighlight:
    """A resume highlight with its relevance to the job and the concepts it shows."""

    highlight: Highlight
    score: float
    concepts: tuple[str, ...]  # every concept the highlight shows
    matched: tuple[str, ...]  # those of them the job asks for, most important first
    emphasis: tuple[tuple[int, int], ...] = ()  # character spans naming what the job asks for
    # What orders the highlights: ``score`` (what the line surely shows of what the job asks)
    # plus how likely the concept model finds the rest, and what the posting seems to ask for
    # without surely asking; for the order only, never a claim.
    relevance: float = 0.0


@dataclass(frozen=True)
class Analysis:
    """Everything the matcher concluded about one job (and, optionally, one resume)."""

    job: Job
    concepts: tuple[ConceptMatch, ...]
    highlights: tuple[RankedHighlight, ...] | None = None
    match_score: int | None = None
    level_name: str | None = None  # the career level of the role, as the lexicon names it
    advice: Advice | None = None  # what to do about each gap (advice.py); with a resume only


@dataclass(frozen=True)
class CheckItem:
    """One requirement of the posting (years, a degree, a credential) against the resume."""

    asked: str  # what the posting asks, in short ("3 years of supervisory experience")
    shown: str  # what the resume shows of it, or that it shows nothing
    status: str  # "met", "not shown" or "unknown" (the resume does not say enough to tell)
    evidence: str = ""  # the posting's sentence, verbatim


@dataclass(frozen=True)
class Advice:
    """What to do about each gap, and how the resume stands against the posting (advice.py).

    Why: a gap named without a next step leaves the person where they were; each piece says,
    from the guide and the person's own resume, what to do, and never that they have something
    the resume does not show.
    """

    concepts: tuple[tuple[str, str], ...] = ()  # (concept id, advice) for each concept not shown
    checklist: tuple[CheckItem, ...] = ()
    level: str = ""  # the role's career level against the person's, with the guide's salary band
    caution: str = ""  # why the match score means little, or ""
    # (concept id, likely interview question, how an honest answer begins) per concept not shown
    interview: tuple[tuple[str, str, str], ...] = ()

    def for_concept(self, concept_id: str) -> str | None:
        return dict(self.concepts).get(concept_id)
