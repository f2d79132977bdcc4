"""What to do about each gap: advice from the guide, filled in from the person's own resume.

Why: a gap report that names gaps without a next step gives the same words for a degree in
progress, a credential the person is already eligible for, a soft skill and a software product.
Each of those calls for a different step, and the step depends on the resume: whether the degree
is under way, how many years of healthcare or supervisory work the dated roles add up to, which
systems the person has used. The advice text itself is data (``skill_lexicon/advice/<lexicon>``,
keyed by concept id and by entry kind, with ``{placeholders}``), so another occupation brings its
own advice with its lexicon and no code; this module only works out the facts that fill it.

Everything here is a pure function of the analysis, the resume's data and the advice data, except
``load_advice``, which reads the advice files. Dates are measured against the latest date the
resume names, never today's date unless a caller passes ``today``, so outputs stay reproducible.
Nothing here says the person has what the resume does not show.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .aliases import AliasIndex
from .models import Advice, Analysis, CheckItem, ConceptMatch, Lexicon, LexiconEntry, Resume
from .products import is_product_name
from .resume import dates_named
from .text import tokenize

MIN_CONCEPTS = 4  # below this many recognised requirements, the score is said to mean little
_HIDDEN = ("career-level", "achievement")  # not counted in the score (matching.match_score)

# A degree that is not yet held (the same words matching.resume_texts refuses as a held degree).
_IN_PROGRESS = re.compile(r"\b(in progress|expected|ongoing|pursuing|candidate|current|"
                          r"incomplete|not completed|anticipated)\b", re.I)
_EQUIVALENT = re.compile(r"\bequivalent\b|\bin lieu of\b|\bor (?:relevant|comparable|similar) "
                         r"(?:work )?experience\b", re.I)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}
_YEARS = re.compile(r"\b(\d{1,2}|" + "|".join(_NUMBERS) + r")\s*(?:\+|-\s*\d{1,2}\s*|"
                    r"to\s+\d{1,2}\s+|or more\s+)?\s*(?:full\s+)?years?\b['’]?s?", re.I)
_SUPERVISORY = re.compile(r"\b(supervis\w*|manag\w*|leader\w*|lead\w*|head of)\b", re.I)


# ---------------------------------------------------------------------------------- loading
@lru_cache(maxsize=8)
def load_advice(lexicon: Lexicon) -> dict[str, Any]:
    """The advice data for the lexicons in use, later ones over earlier (by key); not to be
    changed by the caller (it is cached per lexicon).

    A built-in lexicon ``X.yml`` has its advice in ``skill_lexicon/advice/X.yml``; a user's
    lexicon ``path/my.yml`` in ``path/my.advice.yml`` beside it, when there is one.
    """
    from .lexicon import builtin_names
    from .resources import data_folder

    merged: dict[str, Any] = {}
    for source in lexicon.sources:
        path = Path(source)
        if path.is_file():
            side = path.with_name(path.stem + ".advice.yml")
            text = _read_user_file(side) if side.is_file() else None
        elif path.name in builtin_names():
            file = data_folder("skill_lexicon").joinpath("advice").joinpath(path.name)
            text = file.read_text("utf-8") if file.is_file() else None
        else:
            text = None
        if text:
            merge_advice(merged, _parse(text, side if path.is_file() else source,
                                        trusted=not path.is_file()))
    return merged


def _read_user_file(path: Path) -> str:
    """A user's advice file, read with the same size and encoding checks as a lexicon."""
    from .errors import LexiconError
    from .sources import decode, read_bytes

    return decode(read_bytes(str(path), LexiconError, "advice file"), path=str(path),
                  error=LexiconError, what="advice file")


def _parse(text: str, where, trusted: bool = False) -> dict[str, Any]:
    """One advice file as a mapping; a clear LexiconError naming the file when it is not one.
    ``trusted``: shipped with tailor, so parsed the fast way (datafile.load)."""
    from . import datafile
    from .errors import LexiconError

    data = datafile.load(text, str(where), LexiconError, trusted=trusted).data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LexiconError("the advice file must be a mapping (concepts:, kinds:, default:)",
                           path=where, line=1)
    return data


def merge_advice(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``extra`` over ``base`` (changed in place and returned): mappings are merged key by key,
    anything else replaced by a copy, so ``extra`` is never shared with ``base``."""
    import copy

    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge_advice(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


# ---------------------------------------------------------------------------------- the whole
def advise(analysis: Analysis, resume: Resume, lexicon: Lexicon, data: dict[str, Any],
           *, today: date | None = None) -> Analysis:
    """The analysis with its ``advice``: one piece per concept not shown, the checklist, the
    career level and salary band, and a caution when the score rests on too little."""
    facts = ResumeFacts(resume, data, today, lexicon)
    uk = _is_uk(analysis.job.text, data)
    pieces = tuple((c.id, concept_advice(c, lexicon.get(c.id), facts, data, uk=uk))
                   for c in analysis.concepts if c.in_resume is False)
    advice = Advice(concepts=pieces,
                    checklist=tuple(requirement_checklist(analysis, facts, data)),
                    level=level_advice(analysis, facts, lexicon, data),
                    caution=score_caution(analysis.concepts),
                    interview=tuple((c.id, *interview_question(c, data)) for c in analysis.concepts
                                    if c.in_resume is False))
    return replace(analysis, advice=advice)


def interview_question(concept: ConceptMatch, data: dict[str, Any]) -> tuple[str, str]:
    """The likely interview question about a concept not shown, and how an honest answer
    begins, as the advice data's ``interview:`` words them (by concept id, kind, default)."""
    section = data.get("interview") if isinstance(data.get("interview"), dict) else {}
    name = concept.name
    if concept.kind in ("duty", "skill") and len(name) > 1 and not name[1].isupper():
        name = name[0].lower() + name[1:]  # "budget management" mid-sentence, "HIPAA" as it is

    def field(key: str) -> str:
        for value in ((section.get("concepts") or {}).get(concept.id),
                      (section.get("kinds") or {}).get(concept.kind), section.get("default")):
            if isinstance(value, dict) and isinstance(value.get(key), str) and value[key].strip():
                text = value[key]
                if _plain_fields(text):
                    text = text.format_map(_Lazy(lambda k: name if k == "name" else None))
                return " ".join(text.split())
        return ""

    return (field("question") or f"What experience do you have with {concept.name}?",
            field("answer") or f"Say honestly that your experience does not yet include "
                               f"{concept.name}.")


def concept_advice(concept: ConceptMatch, entry: LexiconEntry | None, facts: ResumeFacts,
                   data: dict[str, Any], *, uk: bool = False) -> str:
    """What to do about one concept the resume does not show, as the advice data words it."""
    text = _pick(data.get("concepts", {}).get(concept.id), uk) \
        or _pick(data.get("kinds", {}).get(concept.kind), uk) \
        or _pick(data.get("default"), uk) \
        or ("If you have done this ({name}), add a highlight that says so truthfully; if not, be "
            "ready to say how you would learn it.")
    values = _Lazy(lambda key: _placeholder(key, concept, entry, facts, data))
    if not _plain_fields(text):
        return " ".join(text.split())  # a field such as {name.upper} or {0}: left as written
    return " ".join(text.format_map(values).split())


def _plain_fields(text: str) -> bool:
    """Whether every {placeholder} of an advice text is a plain name (no index, attribute,
    conversion or format), so filling it can only ever insert tailor's own text."""
    import string

    try:
        fields = [(f, c, s) for _, f, s, c in string.Formatter().parse(text) if f is not None]
    except ValueError:
        return False
    return all(f.isidentifier() and not c and not s for f, c, s in fields)


def _pick(value: Any, uk: bool) -> str:
    if isinstance(value, dict):
        value = (value.get("text_uk") if uk else None) or value.get("text")
    return value if isinstance(value, str) else ""


class _Lazy(dict):
    """A mapping for ``str.format_map`` that works out a value only when the text asks for it,
    and leaves a placeholder it does not know as it is written."""

    def __init__(self, fill):
        super().__init__()
        self._fill = fill

    def __missing__(self, key: str) -> str:
        value = self._fill(key)
        return "{" + key + "}" if value is None else value


def _placeholder(key: str, concept: ConceptMatch, entry: LexiconEntry | None,
                 facts: ResumeFacts, data: dict[str, Any]) -> str | None:
    if key == "name":
        return concept.name
    if key == "experience":
        return facts.experience_sentence()
    if key == "degree_status":
        return degree_status(concept, facts, data)
    if key == "equivalent":
        return equivalent_sentence(concept, facts)
    if key == "eligibility":
        return eligibility_sentence(concept.id, facts, data)
    if key == "asked_products":
        asked = _products(concept.evidence, [entry] if entry else [])
        return f"The posting names {_join(asked, 'and')}. " if asked else ""
    if key == "own_software":
        return facts.software_sentence(concept.name)
    return None


# ---------------------------------------------------------------------------------- the resume
class ResumeFacts:
    """What advice needs to know of a resume: dated roles, schooling, software named, the date
    the resume runs to. Worked out once per resume."""

    def __init__(self, resume: Resume, data: dict[str, Any], today: date | None = None,
                 lexicon: Lexicon | None = None):
        self.resume = resume
        self.data = resume.data
        self.advice = data
        latest = _latest_month(self.data)
        self.until = _month_of_date(today) if today else latest
        self.until_words = (f"counted to {today.isoformat()[:7]}" if today else
                            f"counted to {_month_text(latest)}, the latest date in your resume"
                            if latest is not None else "")
        self.roles = [r for r in (_role(item, self.until) for item in self.data.get("work") or []
                                  if isinstance(item, dict)) if r]
        self._software: list[str] | None = None
        self.lexicon = lexicon

    # -- years of experience
    def months(self, of: tuple[str, ...] = ()) -> int | None:
        """Months of work in the dated roles of these kinds ("healthcare", "supervisory"; any
        role when empty), overlapping roles counted once; None when no role is dated."""
        dated = [r for r in self.roles if r["span"]]
        if not dated:
            return None
        spans = sorted(r["span"] for r in dated if not of or self.is_kind(r, of))
        total, end = 0, None
        for a, b in spans:
            if end is None or a > end:
                total += b - a
                end = b
            elif b > end:
                total += b - end
                end = b
        return total

    def is_kind(self, role: dict, kinds: tuple[str, ...]) -> bool:
        words = self.advice.get("experience") or {}
        for kind in kinds:
            text = role["title"] if kind == "supervisory" else role["text"]
            if _names_any(text, words.get(kind) or ()):
                return True
        return False

    def titles(self, of: tuple[str, ...]) -> list[str]:
        return list(dict.fromkeys(r["title"] for r in self.roles
                                  if r["span"] and r["title"] and self.is_kind(r, of)))

    def experience_sentence(self) -> str:
        total = self.months()
        if total is None:
            return ("Your resume gives no dates for its jobs, so tailor cannot count your years "
                    "of experience: add startDate and endDate to each job.")
        sup = self.months(("supervisory",)) or 0
        titles = self.titles(("supervisory",))
        said = (f"Your resume's dated jobs show {_duration(total)} of work ({self.until_words})"
                if self.until_words else f"Your resume's dated jobs show {_duration(total)} of work")
        if sup:
            said += (f", {_duration(sup)} of it in supervisory or management roles "
                     f"({', '.join(titles)})")
        else:
            said += ", none of it in a role titled as supervisory or management"
        return said + "."

    # -- software
    def software(self) -> list[str]:
        """The product names the resume gives for any software entry, verbatim, each once."""
        if self._software is None:
            from .matching import resume_texts

            entries = [e for e in (self.lexicon.entries if self.lexicon else ())
                       if e.kind == "software"]
            self._software = list(_products(resume_texts(self.resume), entries))
        return self._software

    def software_kinds(self, name: str) -> list[str]:
        """The software entries (other than ``name``) whose wording the resume uses ("EHR")."""
        from .matching import resume_texts

        entries = [e for e in (self.lexicon.entries if self.lexicon else ())
                   if e.kind == "software" and e.name != name]
        if not entries:
            return []
        index = AliasIndex({e.id: e.aliases for e in entries})
        found = {h.entry_id for text in resume_texts(self.resume) for h in index.find(tokenize(text))}
        return [e.name for e in entries if e.id in found]

    def software_sentence(self, name: str) -> str:
        own = self.software()
        if not own:
            kinds = self.software_kinds(name)
            if kinds:
                return (f"Your resume shows other kinds of system ({_join(kinds, 'and')}) but "
                        f"names no product: name the systems you have used in your skills and "
                        f"highlights, say you have not used {name}, and that you learn new "
                        "systems quickly.")
            return ("Your resume names no software: if you have used any system at work (an EHR, "
                    "scheduling or billing software), name it in your skills and highlights.")
        return (f"Your resume names other systems you have used: {_join(own, 'and')} (none of "
                f"them is {name}). Name them in the letter and interview, say you have not used "
                f"{name} itself, and that you learn new systems quickly.")

    # -- schooling
    def education(self) -> list[dict]:
        out = []
        for item in self.data.get("education") or []:
            if not isinstance(item, dict):
                continue
            degree = " ".join(_s(item.get(k)) for k in ("studyType", "area")).strip()
            end = _month_of(item.get("endDate"))
            in_progress = bool(_IN_PROGRESS.search(degree)) or (
                bool(item.get("startDate")) and not item.get("endDate")) or (
                end is not None and self.until is not None and end > self.until)
            out.append({"degree": degree, "study": _s(item.get("studyType")),
                        "area": _s(item.get("area")), "institution": _s(item.get("institution")),
                        "start": _s(item.get("startDate")), "end": _s(item.get("endDate")),
                        "in_progress": in_progress})
        return out


def _role(item: dict, until: int | None) -> dict | None:
    start = _month_of(item.get("startDate"))
    end = _month_of(item.get("endDate"), end=True)
    if item.get("endDate") is None and start is not None:
        end = until
    span = (start, end) if start is not None and end is not None and end >= start else None
    words = [_s(item.get(k)) for k in ("position", "name", "summary", "description")]
    words += [h for h in item.get("highlights") or [] if isinstance(h, str)]
    return {"title": _s(item.get("position")), "span": span, "text": " ".join(words)}


def _month_of(value: Any, end: bool = False) -> int | None:
    """A resume date as a month count ("2019-03" -> 2019*12+2); an end year alone is its end."""
    m = _DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    return int(m.group(1)) * 12 + month - 1 + (1 if end else 0)


def _month_of_date(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_text(month: int | None) -> str:
    return "" if month is None else f"{month // 12}-{month % 12 + 1:02d}"


def _latest_month(data: dict) -> int | None:
    """The latest date the resume names (entries, schooling, certificates, awards)."""
    months = [m for m in map(_month_of, dates_named(data)) if m is not None]
    return max(months) if months else None


def _duration(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + \
            ([f"{rest} month{'s' if rest != 1 else ''}"] if rest else [])
    return " and ".join(parts) or "less than a month"


def _names_any(text: str, words) -> bool:
    if not text or not words:
        return False
    return bool(_word_index(tuple(str(w) for w in words)).find(tokenize(text)))


@lru_cache(maxsize=64)
def _word_index(words: tuple[str, ...]) -> AliasIndex:
    return AliasIndex({"w": words})


# ---------------------------------------------------------------------------------- per kind
def degree_status(concept: ConceptMatch, facts: ResumeFacts, data: dict[str, Any]) -> str:
    """What the resume shows of the degree asked: in progress, a lower or higher one, or none."""
    ladder = [d for d in data.get("degrees") or [] if facts.lexicon and facts.lexicon.get(d)]
    level_of = _degree_levels(ladder, facts.lexicon)
    asked = ladder.index(concept.id) if concept.id in ladder else None
    schooling = facts.education()
    for item in schooling:
        item["level"] = level_of(item["degree"])
    same = [i for i in schooling if asked is not None and i["level"] == asked]
    if same and all(i["in_progress"] for i in same):
        i = same[0]
        when = (f"expected {i['end']}" if i["end"] else
                f"started {i['start']}" if i["start"] else "no dates given")
        return (f"Your resume shows your {_degree_words(i)} as in progress ({when}): say so "
                "plainly, \"in progress\" or \"expected\" with the date, and never list it as "
                "completed.")
    held = [i for i in schooling if not i["in_progress"] and i["degree"]]
    higher = [i for i in held if asked is not None and i["level"] is not None
              and i["level"] > asked]
    if higher:
        return (f"Your resume shows a higher degree, {_degree_words(higher[0])}: make sure the "
                "letter says so.")
    lower = [i for i in held if i["level"] is not None]
    if lower:
        i = max(lower, key=lambda x: x["level"])
        return (f"Your resume shows {_degree_words(i)}{' (completed ' + i['end'] + ')' if i['end'] else ''}, "
                f"not a {concept.name.lower()}.")
    return f"Your resume shows no {concept.name.lower()}."


def _degree_levels(ladder: list[str], lexicon: Lexicon | None):
    index = AliasIndex({d: lexicon.get(d).aliases for d in ladder}) if lexicon and ladder else None

    def level(text: str) -> int | None:
        if not index or not text:
            return None
        found = [ladder.index(h.entry_id) for h in index.find(tokenize(text))]
        return max(found) if found else None
    return level


def _degree_words(item: dict) -> str:
    # "Bachelor of Science (in progress)": the status is said apart, so it is dropped here.
    words = re.sub(r"\s*\(([^)]*)\)", lambda m: "" if _IN_PROGRESS.search(m.group(1))
                   else m.group(0), item["study"]).strip() or "degree"
    if item["area"] and item["area"].lower() not in words.lower():
        words += f" in {item['area']}"
    return words + (f" ({item['institution']})" if item["institution"] else "")


def equivalent_sentence(concept: ConceptMatch, facts: ResumeFacts) -> str:
    """Whether the posting's own sentence for the degree accepts equivalent experience."""
    said = next((s for s in concept.evidence if _EQUIVALENT.search(s)), None)
    prefer = " The posting prefers it; it does not require it." \
        if concept.importance == "preferred" else ""
    if said:
        return (f"The posting accepts equivalent experience in its place (\"{quote_sentence(said)}\"). "
                f"{facts.experience_sentence()} Make that experience your case in the "
                f"letter.{prefer}")
    return f"The posting does not say it accepts equivalent experience in its place.{prefer}"


def eligibility_sentence(concept_id: str, facts: ResumeFacts, data: dict[str, Any]) -> str:
    """Whether the resume's dated roles meet what the credential asks of experience."""
    rule = (data.get("eligibility") or {}).get(concept_id)
    if not rule:
        return ""
    need = float(rule.get("years") or 0)
    kinds = tuple(rule.get("of") or ())
    words = rule.get("words") or f"{need:g} years of experience"
    months = facts.months(kinds)
    if months is None:
        return (f"To be eligible you need {words}; your resume gives no dates for its jobs, so "
                "tailor cannot tell whether you meet it: add startDate and endDate to each job.")
    kind_words = " or ".join("management" if k == "supervisory" else k for k in kinds) or "any"
    shown = (f"your resume's dated jobs show {_duration(months)} of {kind_words} work"
             + (f" ({facts.until_words})" if facts.until_words else ""))
    if months >= need * 12:
        return f"To be eligible you need {words}; {shown}, so you already meet this."
    short = _duration(round(need * 12) - months)
    return (f"To be eligible you need {words}; {shown}, so you do not meet it yet (about "
            f"{short} more would).")


# ---------------------------------------------------------------------------------- checklist
def requirement_checklist(analysis: Analysis, facts: ResumeFacts,
                          data: dict[str, Any]) -> list[CheckItem]:
    """Years of experience asked against the resume's dated jobs; then each degree and credential
    the posting asks for, against what the resume shows."""
    items: list[CheckItem] = []
    seen: set[tuple[int, str]] = set()
    for sentence in analysis.job.sentences:
        if sentence.ignored:
            continue
        for years, area in years_asked(sentence.text):
            if (years, area) in seen:
                continue
            seen.add((years, area))
            kinds = {"supervisory": ("supervisory",), "healthcare": ("healthcare",)}.get(area, ())
            months = facts.months(kinds)
            what = {"supervisory": "supervisory or management experience",
                    "healthcare": "healthcare experience"}.get(area, "experience")
            asked = f"{years} year{'s' if years != 1 else ''} of {what}"
            if months is None:
                items.append(CheckItem(asked, "your resume gives no dates for its jobs",
                                       "unknown", sentence.text))
                continue
            where = ""
            if kinds:
                titles = facts.titles(kinds)
                where = f" in {'roles' if len(titles) != 1 else 'a role'} such as " \
                        f"{', '.join(titles)}" if titles else " in no role of that kind"
            shown = f"{_duration(months)}{where}" + (f" ({facts.until_words})"
                                                     if facts.until_words else "")
            items.append(CheckItem(asked, shown, "met" if months >= years * 12 else "not shown",
                                   sentence.text))
    degrees = set(data.get("degrees") or ())
    for c in analysis.concepts:
        if c.kind != "credential":
            continue
        if c.in_resume:
            shown = "shown"
        elif c.id in degrees:
            shown = degree_status(c, facts, data).split(":")[0]
            if any(_EQUIVALENT.search(s) for s in c.evidence):
                shown += "; the posting accepts equivalent experience"
        else:
            shown = "not shown in your resume"
            months = facts.months(tuple(((data.get("eligibility") or {}).get(c.id) or {})
                                        .get("of") or ()))
            rule = (data.get("eligibility") or {}).get(c.id)
            if rule and months is not None:
                met = months >= float(rule.get("years") or 0) * 12
                shown += (f"; you {'already meet' if met else 'do not yet meet'} its eligibility "
                          f"({rule.get('words') or ''})")
        importance = f" ({c.importance})" if c.importance else ""
        items.append(CheckItem(c.name + importance, shown, "met" if c.in_resume else "not shown",
                               c.evidence[0] if c.evidence else ""))
    return items


def years_asked(sentence: str) -> list[tuple[int, str]]:
    """Each number of years of experience a sentence asks for, with its area: "supervisory",
    "healthcare" or "" ("At least three years of supervisory experience" -> (3, "supervisory"))."""
    out = []
    for m in _YEARS.finditer(sentence):
        raw = m.group(1).lower()
        years = int(raw) if raw.isdigit() else _NUMBERS[raw]
        if not 0 < years <= 40:
            continue
        # The rest of its sentence says whether experience is asked; the part before
        # "including" (or "with") says of what: "5+ years of billing experience, including 2
        # years in a supervisory role" asks 5 of billing and, apart, 2 supervisory.
        scope = re.split(r"[;.:]", sentence[m.end():], maxsplit=1)[0]
        clause = re.split(r",?\s+(?:including|with|of which|plus)\b", scope, maxsplit=1)[0]
        before = sentence[max(0, m.start() - 40):m.start()]
        if not re.search(r"\bexperience\b|\bin an?\b|\bas an?\b|\bworking\b|\bbackground\b",
                         scope, re.I):
            continue  # "within two years", "over the last 5 years": not experience asked
        if re.search(r"\b(ago|old|within|last|past|next)\s*$", before, re.I):
            continue
        if _SUPERVISORY.search(clause):
            area = "supervisory"
        elif re.search(r"\b(health\s*care|healthcare|medical|clinic\w*|hospital|patient|GP|"
                       r"NHS|primary care)\b", clause, re.I):
            area = "healthcare"
        else:
            area = ""
        out.append((years, area))
    return out


# ---------------------------------------------------------------------------------- level, score
def level_advice(analysis: Analysis, facts: ResumeFacts, lexicon: Lexicon,
                 data: dict[str, Any]) -> str:
    """The role's career level against the person's (most recent title), with the guide's
    salary band for the role's level, marked as the guide's figures."""
    ladder = [step for step in data.get("ladder") or [] if lexicon.get(step.get("id"))]
    ids = [step["id"] for step in ladder]
    role = analysis.job.level
    if not role or role not in ids:
        return ""
    name = lexicon.get(role).name
    said = f"The role is at the guide's level \"{name}\" (read from its title)."
    mine = _person_level(facts, lexicon, ids)
    if mine:
        title, level = mine
        steps = ids.index(role) - ids.index(level)
        where = ("the same level" if steps == 0 else
                 f"{'one step' if abs(steps) == 1 else f'{abs(steps)} steps'} "
                 f"{'below' if steps > 0 else 'above'} it on the guide's ladder")
        said += (f" Your most recent position, \"{title}\", is at \"{lexicon.get(level).name}\": "
                 f"{where}.")
        if steps > 0:
            said += (" Show the duties of the higher level that you already do (the guide: "
                     "take on more responsibility, lead, budget) near the top of your resume.")
    bands = ladder[ids.index(role)].get("salary") or []
    if bands:
        figures = "; ".join(
            f"{b['band']}" + (f" ({_years_range(b['years'])})" if b.get("years") else "")
            + f": {b['figure']}" for b in bands)
        said += (f" The guide's salary figures for this level (median, US, the guide's figures, "
                 f"not this employer's): {figures}.")
    else:
        said += " The guide gives no salary figure for this level."
    return said


def _person_level(facts: ResumeFacts, lexicon: Lexicon,
                  ids: list[str]) -> tuple[str, str] | None:
    work = [w for w in facts.data.get("work") or [] if isinstance(w, dict) and _s(w.get("position"))]
    if not work:
        return None
    # The most recent: a job still going first, then the latest start.
    recent = max(work, key=lambda w: (w.get("endDate") is None and bool(w.get("startDate")),
                                      _month_of(w.get("endDate"), end=True) or 0,
                                      _month_of(w.get("startDate")) or 0))
    title = _s(recent.get("position"))
    index = AliasIndex({i: lexicon.get(i).aliases for i in ids})
    found = [ids.index(h.entry_id) for h in index.find(tokenize(title))]
    return (title, ids[max(found)]) if found else None


def _years_range(years) -> str:
    low, high = (list(years) + [None, None])[:2]
    return f"{low}+ years of experience" if high is None else f"{low}-{high} years of experience"


def score_caution(concepts) -> str:
    """A word of caution when the score rests on too few recognised requirements."""
    counted = [c for c in concepts if c.kind not in _HIDDEN]
    if len(counted) >= MIN_CONCEPTS:
        return ""
    n = len(counted)
    return (f"This score rests on only {n} requirement{'s' if n != 1 else ''} recognised in the "
            f"posting, too few for it to mean much: read the posting yourself for what else it "
            "asks.")


# ---------------------------------------------------------------------------------- helpers
def _products(texts, entries) -> list[str]:
    """The product names (of these software entries) the texts give, verbatim, each once."""
    names = {e.id: tuple(a for a in e.aliases if is_product_name(a)) for e in entries}
    names = {k: v for k, v in names.items() if v}
    if not names:
        return []
    index = AliasIndex(names)
    seen: dict[str, str] = {}
    for text in texts:
        tokens = tokenize(text)
        spans = sorted({(tokens[h.start].start, tokens[h.end - 1].end) for h in index.find(tokens)})
        for a, b in spans:
            if any(x <= a and b <= y and (x, y) != (a, b) for x, y in spans):
                continue
            seen.setdefault(" ".join(text[a:b].casefold().split()), text[a:b])
    return list(seen.values())


def _is_uk(text: str, data: dict[str, Any]) -> bool:
    return _names_any(text, data.get("uk_words") or ())


def _join(names, last: str) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


def quote_sentence(sentence: str, width: int = 160) -> str:
    """A posting sentence as the advice quotes it (the report looks for it in these words)."""
    text = " ".join(sentence.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
