"""Reading a job posting as a careful person does: who, what role, and what is actually asked.

Why: most of a posting is not a requirement. "About us", benefits, equal-opportunity text and
"how to apply" mention staff, training and budgets without asking the applicant for any of them,
and "payroll is handled by our central team" names a duty the role does NOT have. The matcher may
only count what is read here as asked for. This module finds the structure (title and employer,
headings, field lines, lists, sentences, negations, required or preferred); what each sentence
is, sentence_kinds.py judges from the sentence itself, with the section as a hint only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .models import Job, Sentence
from .sentence_kinds import COUNTED_KINDS, WHY, judge

# Section kinds. "header" (title and employer lines) and the boilerplate kinds never yield concepts.
BOILERPLATE = frozenset({"about", "benefits", "eeo", "apply", "logistics", "header"})
SECTION_KINDS = ("header", "summary", "responsibilities", "requirements", "preferred", "about",
                 "benefits", "eeo", "apply", "logistics")

# Heading words, US and UK, by the section they open. Order matters: first match wins.
_HEADINGS: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(rx, re.I)) for kind, rx in (
    ("preferred", r"\b(preferred|desirable|desired|nice[- ]to[- ]have|bonus points|advantageous|"
                  r"would be a plus|additional (skills|qualifications))\b"),
    ("eeo", r"\b(equal (employment )?opportunit|eeo|diversity|equality|inclusion|accommodation|"
            r"disclaimer|e-verify|right to work|safeguarding statement)"),
    ("benefits", r"\b(benefits?|perks|what we offer|we offer|our offer|compensation|salary|pay (range|rate)|"
                 r"rewards?|package|what'?s in it for you|why (join|work)|^why\b|working for us)\b"),
    ("apply", r"\b(how to apply|to apply|apply|application|next steps|closing date|contact( us| details)?|"
              r"interview|further information|informal visit|shortlisting)\b"),
    ("responsibilities", r"\b(responsibilit|duties|what you('|’)?ll do|what you will do|key tasks|"
                         r"main tasks|tasks|functions|accountabilit|day[- ]to[- ]day|the role involves|"
                         r"your role|in this role|job purpose|purpose of the (role|job)|key areas|"
                         r"scope|deliverables|role and responsibilit)"),
    ("requirements", r"\b(requirements?|qualifications?|essential|what you('|’)?ll need|what you need|"
                     r"looking for|you will have|you('|’)?ll have|"
                     r"about you|the ideal candidate|ideal candidate|skills|experience|education|"
                     r"knowledge|competenc|criteria|person specification|must have|minimum|"
                     r"required|who you are|licens|certification)"),
    ("about", r"\b(about us|about the (company|organi[sz]ation|practice|team|employer|trust)|"
              r"who we are|our (company|story|mission|values|culture|practice|team)|company overview|"
              r"the (company|organi[sz]ation|practice))"),
    ("summary", r"\b(overview|summary|about the (role|job|position)|the (role|job|position|opportunity)|"
                r"job description|position description|description|introduction|role profile)\b"),
    ("logistics", r"\b(location|hours|schedule|shift|working pattern|contract type|job type|"
                  r"employment type|start date|reports to|reporting to|department|band|grade|"
                  r"travel|job details|job info|work setting)\b"),
))

# Negation: the posting says the role does NOT do something.
_NEGATION = re.compile(
    r"\b(is|are|will be|gets|get) (handled|managed|done|completed|covered|taken care of|"
    r"provided|run) by (our|a|an|the) (central|separate|dedicated|specialist|offsite|off-site|"
    r"other|external|corporate|shared)|"
    r"\b(who|which) will (complete|handle|manage|do|cover|take care of)\b|"
    r"\bno (prior |previous )?(experience|knowledge|degree|qualification)s? (is |are )?"
    r"(necessary|needed|required)|"
    r"\b(not|never) (be )?(required|expected|responsible|involved|needed|necessary)\b|"
    r"\b(does|do|will|would|shall) not (?!hesitate)|\b(doesn't|don't|won't|isn't|aren't) (?!hesitate)|"
    r"\bdoes not (require|include|involve)|\bdo not need\b|\bisn't required|\baren't required|"
    r"\bwithout (the need|having) to\b", re.I)
# Where a sentence turns ("..., so that you can focus on X"), a negation stays on its own side.
_CLAUSE_BREAK = re.compile(r"(?:,|;)\s+(?=(?:so that|so|but|while|whereas|however|instead)\b)|;\s+", re.I)

_PREFERRED = re.compile(
    r"\b(preferred|preferably|desirable|desired|is a plus|a plus|an advantage|advantageous|"
    r"nice to have|ideally|would be (beneficial|helpful|useful|great)|beneficial|"
    r"bonus|not essential|optional)\b", re.I)
_REQUIRED = re.compile(
    r"\b(required|requires|must|essential|minimum|mandatory|necessary|need to|needs to|"
    r"is needed|you will have|should have|demonstrate)\b", re.I)

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦●○■□➢►✓✔–—]|\(?\d{1,2}[.)]|\(?[a-z][.)]|[ivx]{1,4}[.)])\s+")
# A sentence ends at . ! or ? before a space and a capital; or, where pasting lost the space
# ("...administration experience.Supervision of junior staff"), between a lower-case word and a
# capitalised one that is not part of an e-mail address ("Andrea.Hill@nhs.net").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9•])"
                           r"|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]+(?:[\s,;:]|$))")
_ABBREV = re.compile(r"\b(e\.g|i\.e|etc|vs|dr|mr|mrs|ms|st|no|inc|ltd|co|jr|sr|approx|incl|dept|"
                     r"min|max|u\.s|a\.m|p\.m|[A-Z])\.$", re.I)
_TITLE_LABEL = re.compile(r"^\s*(job title|position|role|title|vacancy)\s*[:\-–]\s*(.+)$", re.I)
_COMPANY_LABEL = re.compile(r"^\s*(company|employer|organi[sz]ation|practice|hiring organi[sz]ation|"
                            r"trust|clinic|hospital)\s*(name)?\s*[:\-–]\s*(.+)$", re.I)


@dataclass
class _Block:
    text: str
    start: int
    line: int
    bullet: bool


def parse_job(text: str, source: str = "", *, company: str | None = None,
              title: str | None = None, kinds_from_rules: bool = False) -> Job:
    """Read a posting's text into a Job. Never raises on any text.

    The reader finds the structure (title, headings, field lines, lists, sentences, negations,
    required or preferred); what each sentence is, it leaves to sentence_kinds.judge, which
    reads the sentence itself and takes the section only as a hint.
    """
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    found_title, found_company, header_lines = _title_and_company(lines)
    company_note = ""
    # kinds_from_rules is the reading the shipped models were trained on (training.py groups
    # standard text by the header's employer), so it keeps the header's words as they are.
    if company is None and not kinds_from_rules:
        if found_company is None:
            named, sure = employer_in_text(text)
            found_company = named if sure else None
        elif _NOT_EMPLOYER.match(found_company.strip()):
            poster = found_company
            found_company, sure = employer_in_text(text)
            if found_company is None:
                company_note = (f"the posting's second line ({poster}) is the account that "
                                "posted it, not the employer, and no employer is named in the text")
            elif not sure:
                company_note = (f"the employer was read as {found_company!r} from the posting's "
                                f"text (the second line, {poster}, is the account that posted "
                                "it); check it")
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    # A posting written all in capitals: capitals then mark nothing, headings go by their words.
    shouting = bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)
    sentences: list[Sentence] = []
    to_judge: list[int] = []  # indexes of the sentences whose kind the content decides
    section = "summary"
    section_importance = ""
    lead_in: tuple[str, str] | None = None  # "We offer:" / "You will have:" heads its list
    for block in _blocks(lines, offsets, text):
        if not block.bullet:
            lead_in = None
        if block.line in header_lines:
            for s in _split_sentences(block.text):
                sentences.append(_fixed(s, "header", "title", block.line))
            continue
        field = _FIELD_LINE.match(block.text) or _DASH_FIELD.match(block.text)
        if field and not block.bullet:
            kind = _heading_words(field.group(1))
            label_kind = kind[0] if kind else "summary"
            if label_kind in BOILERPLATE or _REPORTING_LINE.match(field.group(1)):
                # "Salary: ...", "Closing date: ...": the field covers its own value only.
                fixed_kind = label_kind if label_kind in BOILERPLATE else "logistics"
                sentences.append(_fixed(block.text.strip(), label_kind, fixed_kind, block.line))
                continue
            if found_title and _same(field.group(2), found_title):
                sentences.append(_fixed(block.text.strip(), label_kind, "title", block.line))
                continue
            if kind and label_kind in ("responsibilities", "requirements", "preferred"):
                # "Requirements: a degree and three years..." opens the section on its own line.
                section, section_importance = kind
        if found_title and _same(block.text, found_title):
            sentences.append(_fixed(block.text.strip(), "header", "title", block.line))
            continue
        heading, certain = _heading_kind(block, shouting)
        if heading is not None:
            section, section_importance = heading
            lead_in = None
            if certain:
                sentences.append(_fixed(block.text.strip(), "heading", "heading", block.line))
                continue
        block_section, block_importance = section, section_importance
        if lead_in is not None and block.bullet:
            block_section, block_importance = lead_in
        for s in _split_clauses(_split_sentences(block.text)):
            importance = _importance(s, block_importance)
            if _NEGATION.search(s):
                sentences.append(Sentence(s, block_section, importance, "negated", block.line,
                                          "negated", WHY["negated"]))
            else:
                to_judge.append(len(sentences))
                sentences.append(Sentence(s, block_section, importance, "", block.line))
            if not block.bullet and s.rstrip().endswith((":", ";")):
                lead_in = _heading_words(s) or (block_section, importance or block_importance)
    kinds = judge([sentences[i].text for i in to_judge], [sentences[i].section for i in to_judge],
                  [sentences[i].importance for i in to_judge], use_model=not kinds_from_rules)
    for i, kind in zip(to_judge, kinds, strict=True):
        counted = kind in COUNTED_KINDS
        sentences[i] = replace(sentences[i], kind=kind, ignored="" if counted else "boilerplate",
                               why="" if counted else WHY[kind])
    return Job(title=title or found_title, company=company or found_company, text=text,
               sentences=tuple(sentences), source=source, company_note=company_note)


def _fixed(text: str, section: str, kind: str, line: int) -> Sentence:
    """A sentence whose kind its place decides: a title, a heading or a boilerplate field."""
    ignored = kind if kind in ("title", "heading") else "boilerplate"
    return Sentence(text, section, "", ignored, line, kind, WHY[kind])


def _importance(text: str, section_importance: str) -> str:
    if _PREFERRED.search(text):
        return "preferred"
    if _REQUIRED.search(text):
        return "required"
    return section_importance


def _title_and_company(lines: list[str]) -> tuple[str | None, str | None, set[int]]:
    """The title and employer: labelled anywhere near the top, else the first two short lines."""
    title = company = None
    header: set[int] = set()
    for n, line in enumerate(lines[:15], start=1):
        m = _TITLE_LABEL.match(line)
        if m and title is None and len(m.group(2)) < 150:
            title = m.group(2).strip()
            header.add(n)
        m = _COMPANY_LABEL.match(line)
        if m and company is None and len(m.group(3)) < 150:
            company = m.group(3).strip()
            header.add(n)
    nonblank = [(n, line.strip()) for n, line in enumerate(lines[:12], start=1)
                if line.strip() and not _GENERIC_TOP.match(line.strip().strip("#*: "))]
    if len(nonblank) > 1 and not _TITLE_WORDS.search(nonblank[0][1]) \
            and _TITLE_WORDS.search(nonblank[1][1]) and _ORG_WORDS.search(nonblank[0][1]):
        nonblank[0], nonblank[1] = nonblank[1], nonblank[0]  # employer first, then the title
    if title is None and nonblank:
        n, first = nonblank[0]
        first = first.lstrip("#* ").rstrip("*: ")
        if _is_name_line(first):
            title = first
            header.add(n)
            # "Practice Manager at Lakeside Clinic" / "Practice Manager - Lakeside Clinic"
            m = re.match(r"^(.+?)\s+(?:at|@|[-–—|])\s+(.+)$", title)
            if m and company is None and not re.search(r"\b(full|part)[- ]time\b", m.group(2), re.I):
                title, company = m.group(1).strip(), m.group(2).strip()
            if company is None and len(nonblank) > 1:
                n2, second = nonblank[1]
                second = second.lstrip("#* ").rstrip("*: ")
                if _is_name_line(second) and _heading_words(second) is None:
                    company = second
                    header.add(n2)
    return title or None, company or None, header


# Line 2 of many pasted adverts names who posted it, not who employs: an advertising account
# ("Central Advertising - General Practitioners", "NHS Professionals - Non-Clinical"), a job
# board ("Indeed") or a department ("Radiology"). The employer is then named in the text.
_NOT_EMPLOYER = re.compile(
    r"^(central advertising\b.*|nhs professionals\b.*|.*\s[-–]\s(general practitioners|"
    r"non-clinical|flexible workers|social enterprises|other|clinical)|indeed(\.com)?|linkedin|"
    r"glassdoor|reed(\.co\.uk)?|totaljobs|monster|ziprecruiter|careerbuilder|simplyhired|"
    r"nhs jobs|jobs\.nhs\.uk|trac jobs|cv-library|guardian jobs|"
    r"(the )?([a-z]+ology|radiography|pharmacy|outpatients?|pathology|finance|estates|"
    r"human resources|hr|it|admissions|medical records|patient services|"
    r"(a&e|accident (and|&) emergency)|emergency department|theatres|maternity|"
    r"paediatrics|orthopaedics|oncology|surgery|medicine|administration)"
    r"( department| dept\.?| services?| team)?|department of .+)$", re.I)
_ORG_END = (r"(?:Medical Centre|Health Centre|Medical Center|Health Center|Medical Practice|"
            r"Group Practice|Medical Group|Medical Partnership|Healthcare Federation|"
            r"NHS Foundation Trust|NHS Trust|Foundation Trust|Surgery|Practice|Partnership|"
            r"Federation|Hospital|Clinic|Health Partners|Family Medicine|Healthcare|Trust)")
_ORG_WORD = r"(?:[A-Z][\w'’.&-]*|&|and|of|the|on|upon|St\.?)"
_ORG_NAME = re.compile(rf"\b((?:The )?[A-Z][\w'’.&-]*(?: {_ORG_WORD}){{0,6}}? {_ORG_END})\b")
# "Richmond Medical Centre is a training practice", "Newham Medical Centre is currently looking"
_LEAD_WORDS = frozenset({"At", "In", "For", "Join", "With", "Our", "About", "Welcome", "To",
                        "From", "By", "Working", "Work", "The", "A", "An", "This", "We", "Location",
                        "Here", "Why", "Your", "As", "On", "Of", "And"})
_GENERIC = frozenset({"GP", "NHS", "General", "Local", "Bank", "Medical", "Health", "Care",
                     "Community", "Primary", "University", "Dental", "Foundation", "Trust",
                     "Practice", "Surgery", "Federation", "Hospital", "Clinic", "Centre", "Center",
                     "Healthcare", "Group", "Partnership", "Home", "Village", "Teaching", "Family",
                     "Medicine", "Partners", "Mental", "Private", "Training", "Busy", "Large",
                     "Friendly", "Hub"})
_ORG_SAYS = re.compile(r"^\s*(?:\(\s*[A-Z]+\s*\)\s*)?(?:is|are)\b")


def employer_in_text(text: str) -> tuple[str | None, bool]:
    """The employer the posting's own text names, and whether that is a confident reading.

    Why: when the second line is the account that posted the advert, the employer is the
    organisation the text describes ("Farnham Road Medical Group (FRMG) is a large ... practice",
    "placements at East Suffolk & North Essex NHS Foundation Trust"). A name that opens a
    sentence about itself ("X is ...", "X are looking ...") is confident; one only named
    (most often, else first) is a guess, and the caller warns.
    """
    said: list[str] = []
    named: dict[str, int] = {}
    for m in _ORG_NAME.finditer(text[:20000]):
        words = m.group(1).split()
        while len(words) > 2 and words[0] in _LEAD_WORDS:
            words = words[1:]  # "At Riverbend Family Health Partners"
        name = " ".join(words)
        if words[0] in _LEAD_WORDS or all(w in _GENERIC for w in words):
            continue  # "The Practice", "Our Surgery", "GP Practice", "NHS Foundation Trust"
        if len(name.split()) < 2 or _NOT_EMPLOYER.match(name):
            continue
        named[name] = named.get(name, 0) + 1
        if _ORG_SAYS.match(text[m.end():m.end() + 30]):
            said.append(name)
    if said:
        return said[0], True
    if named:
        best = max(named, key=lambda k: (named[k], -list(named).index(k)))
        return best, False
    return None, False


# Lines at the top of a pasted page that are neither the title nor the employer.
_GENERIC_TOP = re.compile(r"^(job description|job details|job posting|job advert|vacancy|"
                          r"careers?|current openings|apply now|overview|job summary)$", re.I)
_TITLE_WORDS = re.compile(
    r"\b(manager|supervisor|representative|rep|assistant|coordinator|co-ordinator|administrator|"
    r"receptionist|clerk|specialist|director|biller|coder|secretary|officer|lead|executive|"
    r"analyst|technician|scheduler|registrar|head of|team leader)s?\b", re.I)
_ORG_WORDS = re.compile(
    r"\b(health|healthcare|hospital|clinic|group|partners|partnership|llc|inc|ltd|nhs|trust|"
    r"practice|surgery|associates|center|centre|university|foundation|medicine|pediatrics|"
    r"paediatrics|orthopaedics|orthopedics|care|pllc|pc)\b", re.I)
# Field labels that say where the role sits, not what it does: "Line manager: Team Leader" names
# the applicant's boss, and must not read as the applicant leading a team.
_REPORTING_LINE = re.compile(
    r"^\s*(reports? to|reporting to|line manager|accountable to|responsible to|supervised by|"
    r"managed by|manager|supervisor|chain of command|department|directorate|division|"
    r"location|site|base)\s*$", re.I)
_FIELD_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z /&'’-]{1,40}?)\s*:\s*(\S.{0,200})$")
# "Closing Date - 17/11/2020": a field written with a dash, told from a title ("Medical
# Secretary - Band 4") by its label, which must be a known field (see parse_job).
_DASH_FIELD = re.compile(r"^\s*((?:closing|start|interview) date|salary|hours|location|"
                         r"contract|grade|band|reference)\s+[-–]\s+(\S.{0,200})$", re.I)


def _same(a: str, b: str) -> bool:
    return a.strip().strip("#*: ").casefold() == b.strip().casefold()


def _is_name_line(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= 16 and len(line) <= 150 and not line.endswith((".", "?", "!"))
            and not _BULLET.match(line))


def _blocks(lines: list[str], offsets: list[int], text: str):
    """Lines grouped into paragraphs and list items, each a verbatim span of the text."""
    current: _Block | None = None
    for n, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if current:
                yield current
            current = None
            continue
        bullet = _BULLET.match(line)
        start = offsets[n] + (bullet.end() if bullet else len(line) - len(line.lstrip()))
        continues = (
            current is not None and not bullet and not current.text.rstrip().endswith((".", ":", "!", "?", ";"))
            and (stripped[0].islower() or current.text.rstrip().endswith((",", " and", " or", "&", "-")))
        )
        if continues:
            end = offsets[n] + len(line.rstrip())
            current.text = text[current.start:end]
            continue
        if current:
            yield current
        end = offsets[n] + len(line.rstrip())
        current = _Block(text[start:end], start, n + 1, bool(bullet))
    if current:
        yield current


_ABOUT_ROLE = re.compile(r"^about (the|this) (role|job|position|opportunity|post)\b", re.I)
_ABOUT_YOU = re.compile(r"^about you\b", re.I)
_ABOUT_OTHER = re.compile(r"^about\s+\S", re.I)


def _heading_words(line: str) -> tuple[str, str] | None:
    clean = line.strip().strip("#*_=:-–— ").strip()
    if not clean:
        return None
    if _ABOUT_ROLE.match(clean):
        return "summary", ""
    if _ABOUT_YOU.match(clean):
        return "requirements", "required"
    if _ABOUT_OTHER.match(clean):
        return "about", ""
    for kind, rx in _HEADINGS:
        if rx.search(clean):
            importance = {"requirements": "required", "preferred": "preferred",
                          "responsibilities": "required"}.get(kind, "")
            return kind, importance
    return None


def _heading_kind(block: _Block, shouting: bool = False) -> tuple[tuple[str, str] | None, bool]:
    """The section a short line opens, and whether it is surely a heading and not content.

    A line marked as a heading (colon, capitals, "#", bold) is only a heading. A short plain line
    in Title Case ("Communication Skills") opens a section but is kept as content too.
    """
    line = block.text.strip()
    if "\n" in line or len(line) > 80 or (block.bullet and not line.endswith(":")):
        return None, False
    words = line.strip("#*_ ").split()
    if not words or len(words) > 9:
        return None, False
    capitals = (line.isupper() and len(line) > 3 and not shouting
                and not line.endswith((".", "!", "?", ";", ",")))
    marked = (line.endswith(":") or line.startswith("#") or capitals
              or (line.startswith("**") and line.endswith("**")))
    if not marked and (len(words) > 6 or line.endswith((".", "!", ","))):
        return None, False
    if any(ch.isdigit() for ch in line) and not marked:
        return None, False  # "Closing Date - 17/11/2020" is a field's value, not a heading
    if line.endswith("?"):
        # "Who are we looking for?" heads a section only by its words.
        found = _heading_words(line)
        return (found, False) if found else (None, False)
    if not marked and not _title_case(words) and len(words) > 4:
        # A plain line that uses a heading word ("Schedule pre-admission testing for surgical
        # patients", "Hours 15 - 25 per week") is content, not a heading: it opens nothing.
        # Short ones ("Main duties", "We offer") and Title Case ones are headings.
        return None, False
    found = _heading_words(line)
    if found is None:
        # An unknown heading still ends the section before it ("Supervisory Relationships"
        # after "Disclaimer"); what follows is read as plain description.
        return ("summary", ""), marked
    # A plain heading of a section that asks nothing ("Job details", "About us") is only a
    # heading; one of duties or requirements ("Communication Skills") may be content too.
    return found, marked or found[0] not in ("responsibilities", "requirements", "preferred")


def _title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3]
    return (1 <= len(words) <= 5 and bool(long_words)
            and all(w[0].isupper() for w in long_words if w[0].isalpha()))


def _split_sentences(block: str) -> list[str]:
    """Verbatim sentences of a block; abbreviations such as "e.g." do not end a sentence."""
    # One pass: only the word before each possible end is looked at (never the text since the
    # last cut again), so a run of initials ("J. J. J. ...") costs no more than any other text.
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(block):
        end = m.start()  # just after the . ! or ?, so nothing to strip on the right
        word_start = end
        while word_start > start and not block[word_start - 1].isspace():
            word_start -= 1
        if _ABBREV.search(block[word_start:end]):
            continue
        candidate = block[start:end].strip()
        if candidate:
            out.append(candidate)
        start = m.end()
    tail = block[start:].strip()
    if tail:
        out.append(tail)
    return out


def _split_clauses(sentences: list[str]) -> list[str]:
    """A sentence with a negation is cut where it turns, so the other side still counts."""
    out = []
    for sentence in sentences:
        if not _NEGATION.search(sentence):
            out.append(sentence)
            continue
        start = 0
        for m in _CLAUSE_BREAK.finditer(sentence):
            out.append(sentence[start:m.start()].strip())
            start = m.end()
        out.append(sentence[start:].strip())
    return [c for c in out if c]
