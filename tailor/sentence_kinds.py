"""What each sentence of a posting is: a duty, a requirement, or boilerplate of some kind.

Why: the section a sentence stands in is a hint, never a verdict. Real postings put "You must be
IT literate" under a "Hours" line, the duties after a "Salary:" field, and "we offer a pension"
in the middle of the duties. A reader that lets a heading decide swallows whole postings. So each
sentence is judged on what it says: a learned classifier (trained on the corpus's own headings,
lines recurring across employers and the sure cues below; see training.py) gives how likely the
sentence is to ask something of the applicant or name a duty, and the section only moves the bar
a little. The hand-written cues remain for what is surely boilerplate whatever the wording around
it (an equal-opportunity clause, an e-mail address, a salary figure).
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from .linear_model import load_shipped

MODEL_FILE = "sentence-kinds.npz"
# The kinds a sentence is read as. The first three are counted; the others are not.
COUNTED_KINDS = ("duty", "requirement", "preferred")
BOILERPLATE_KINDS = ("about", "benefits", "eeo", "apply", "logistics")
# The classes of the learned model (preferred is told apart from required by its words, below).
MODEL_KINDS = ("duty", "requirement", *BOILERPLATE_KINDS)

WHY = {
    "about": "boilerplate: about the employer, not the role",
    "benefits": "boilerplate: pay or benefits",
    "eeo": "boilerplate: equal-opportunity, vetting or legal notice",
    "apply": "boilerplate: how to apply or whom to contact",
    "logistics": "boilerplate: hours, place, dates or terms of the post",
    "negated": "the posting says the role does not do this",
    "title": "the job title or employer",
    "heading": "a heading",
}

# How sure the model must be that a sentence is content for it to count, by the section's kind:
# under a boilerplate heading it takes more, under duties or requirements less.
CONTENT_BAR = {"responsibilities": 0.2, "requirements": 0.2, "preferred": 0.2, "summary": 0.35,
               "about": 0.6, "benefits": 0.6, "eeo": 0.7, "apply": 0.6, "logistics": 0.55}

# Outside a boilerplate section, where no boilerplate kind reaches this, the sentence is given
# the benefit of the doubt and counted: a reader that cannot tell must not throw a duty away.
DOUBT = 0.4
# Under a heading of duties or requirements the section says more, and the model must be this
# sure of a boilerplate kind to overrule it: the model reads "Lead quality improvement
# initiatives" as how to apply (0.69), from contact lines naming a "Recruitment Lead". Measured
# on dev, dev2 and the blind corpus set (bench/matching.py): recall up (dev 0.949 -> 0.956),
# precision unchanged; in the corpus scan two sentences change kind, both boilerplate counted
# now ("this vacancy will close early ..."), neither yielding a concept.
LIST_DOUBT = 0.8
LIST_SECTIONS = ("responsibilities", "requirements", "preferred")
# A line this short ("Submit CPT claims.") gives the model too few words to judge; outside a
# boilerplate section, with no sure cue against it, it counts.
SHORT = 6

# Cues that mark a sentence as boilerplate wherever it stands.
_EEO_CUE = re.compile(
    r"equal (employment )?opportunit|without regard to|regardless of (race|age|gender|sex)|"
    r"race, (color|colour|religion)|sexual orientation|protected (veteran|characteristic)|"
    r"reasonable accommodation|disabilit(y|ies) (confident|status)|drug[- ]free workplace|"
    r"background check|e-verify|criminal record check|dbs check|right to work|"
    r"we (welcome|encourage) applications from|committed to (diversity|equality|inclusion)|"
    r"veteran status|genetic information", re.I)
_BENEFIT_CUE = re.compile(
    r"\b(401\s*\(?k\)?|pension( scheme)?|dental( insurance)?,? (and )?vision|paid time off|\bpto\b|"
    r"annual leave entitlement|days'? (annual )?leave|holiday entitlement|tuition (reimbursement|assistance)|"
    r"employee assistance|sign[- ]on bonus|competitive (salary|pay|wage|compensation)|"
    r"salary (range|of)|per (hour|annum|year)|(an )?hourly (rate|pay)|\$\s?\d[\d,.]*\s*(-|to)|"
    r"£\s?\d|benefits? (package|include)|we offer|free (parking|membership)|life insurance|"
    r"wellness program|wellbeing|health care benefit|cycle to work|employee discount|"
    r"in return,? (we|for)|staff benefits|on offer to)", re.I)
_LOGISTICS_CUE = re.compile(
    r"\b\d{1,2}(:\d\d)?\s?(am|pm)\b|\b\d+(\.\d+)?\s*(hours|hrs)\s*(per|a|each)\s*week|"
    r"\bmonday\s*(-|to|through|–)\s*friday\b|\b(full|part)[- ]time (position|post|role|hours)\b|"
    r"\bjob share\b|\bhybrid working\b|\bon[- ]?site\b.{0,20}\bremote\b", re.I)
_CONTACT_CUE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|\b(tel|phone|telephone)\s*[.:]\s*[+(\d]|"
                          r"\(?\d{3,5}\)?[\s-]\d{3}[\s-]?\d{3,4}\b", re.I)
_APPLY_CUE = re.compile(
    r"\b(to apply|apply (now|today|online)|please (call|email|contact|send|submit)|"
    r"send (your|a) (cv|resume|résumé)|closing date|interviews? (will|:|date)|shortlisting|"
    r"selection for (the )?interview process|"
    r"for (further|more) information|informal (visit|discussion)|click apply)\b", re.I)
_ABOUT_CUE = re.compile(
    r"\b(founded in|headquartered|is (a|an|the) (leading|nationally|not-for-profit|non-profit|"
    r"community interest)|we are (a|an|the|proud|committed)|our (mission|vision|values) (is|are)|"
    r"named (a|one of)|top workplace|award[- ]winning|(is|are) one of the|world[- ]renowned|"
    r"mission,? vision|our (aim|vision|ethos|values)|biggest employer|largest employer)\b", re.I)
# Company description: "we"/"our" with no word about the applicant or the role. The role nouns
# here are fewer than the title words on purpose: "one of the leading specialist hospitals" or
# "our clinical lead" describe the employer, not the person applying.
_WE = re.compile(r"\b(we|our|us|we're|we’re|we've|we’ve)\b", re.I)
_APPLICANT = re.compile(
    r"\b(you|your|you'll|you’ll|candidate|candidates|applicant|applicants|individual|someone|"
    r"person|people who|post ?holder|jobholder|job holder|this (role|post|position|job)|"
    r"the (role|post|position|job)|(manager|supervisor|administrator|representative|assistant|"
    r"coordinator|officer|clerk|receptionist|advis[eo]r|secretary|team player)s?|"
    r"(looking|searching) for|seek(ing)?|recruit(ing)?|to join|they (will|must|should|need)|"
    r"this (key|important|exciting|varied|busy) (role|post|position))\b", re.I)
# A sentence that plainly asks something of the applicant counts under any heading.
_ASKS = re.compile(
    r"\b(you will|you'll|you’ll|you must|you should|you need|you have|you are|must (have|be|hold)|"
    r"the (successful )?(candidate|applicant|post ?holder|jobholder) (will|must|should)|"
    r"(experience|knowledge|understanding) (of|in|with)|ability to|able to|skills? in|"
    r"responsible for|responsibilities include|duties include|will be expected to)\b", re.I)


def rule_kind(text: str, section: str) -> str | None:
    """The boilerplate kind that a sure cue gives the sentence, or None."""
    if _EEO_CUE.search(text):
        return "eeo"
    if _CONTACT_CUE.search(text) or _APPLY_CUE.search(text):
        return "apply"
    if _BENEFIT_CUE.search(text):
        return "benefits"
    if _LOGISTICS_CUE.search(text):
        return "logistics"
    if (section in ("summary", "about") and not _APPLICANT.search(text)
            and (_ABOUT_CUE.search(text) or _WE.search(text))):
        return "about"
    return None


_OVERRIDE: list = []  # a model being trained, in use while the next one learns (training.py)


def model():
    """The sentence-kind model in use: the shipped one, or None where it is not built yet."""
    return _OVERRIDE[-1] if _OVERRIDE else load_shipped(MODEL_FILE)


@contextmanager
def use_sentence_model(replacement):
    """Read postings with ``replacement`` instead of the shipped model, inside the block."""
    _OVERRIDE.append(replacement)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def judge(texts: list[str], sections: list[str], importances: list[str],
          use_model: bool = True) -> list[str]:
    """The kind of each sentence: one of COUNTED_KINDS or BOILERPLATE_KINDS."""
    clf = model() if use_model else None
    probabilities = clf.probabilities(texts) if clf is not None and texts else None
    out = []
    for n, (text, section, importance) in enumerate(zip(texts, sections, importances,
                                                        strict=True)):
        ruled = rule_kind(text, section)
        if probabilities is None:
            kind = ruled or _content_kind(section, importance, None)
        else:
            p = dict(zip(clf.classes, probabilities[n], strict=True))
            content = p.get("duty", 0.0) + p.get("requirement", 0.0)
            bar = CONTENT_BAR.get(section, 0.45)
            if _ASKS.search(text) or _APPLICANT.search(text):
                bar -= 0.15
            if ruled in ("eeo", "apply"):
                kind = ruled  # an e-mail address or an equal-opportunity clause asks nothing
            elif (content >= max(bar, 0.05) or (
                    ruled is None and section not in BOILERPLATE_KINDS
                    and (max(p.get(k, 0.0) for k in BOILERPLATE_KINDS)
                         < (LIST_DOUBT if section in LIST_SECTIONS else DOUBT)
                         or len(text.split()) <= SHORT))) and not (ruled and content < 0.5):
                kind = _content_kind(section, importance, p)
            else:
                kind = ruled or max(BOILERPLATE_KINDS, key=lambda k: p.get(k, 0.0))
        out.append(kind)
    return out


def _content_kind(section: str, importance: str, p: dict | None) -> str:
    if importance == "preferred" or section == "preferred":
        return "preferred"
    if section == "responsibilities":
        return "duty"
    if section == "requirements":
        return "requirement"
    if p is not None:
        return "duty" if p.get("duty", 0.0) >= p.get("requirement", 0.0) else "requirement"
    return "requirement" if importance == "required" else "duty"
