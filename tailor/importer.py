"""Importing the resume a person already has (.docx, .pdf, .txt, .md) as a JSON Resume YAML draft.

Why: the people this tool is for keep their resume in Word (sometimes only a PDF); retyping it in
YAML is where the first slips happen. Import reads the document into lines (text, whether it is a
list item, whether it is styled as a heading), then sorts the lines into the resume's sections.
It never invents: every value in the draft is text from the document (dates only rewritten as
YYYY-MM or YYYY), and a line it cannot place goes, word for word, under ``x-unsorted`` for the
person to sort. The draft opens with a comment that says to check it.

The readers are python-docx and pypdf; the sorting works on plain lines, so every format shares it.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ResumeError
from .sources import open_docx

UNSORTED = "x-unsorted"
FORMATS = (".docx", ".pdf", ".txt", ".md", ".markdown", ".text")


@dataclass
class Line:
    """One paragraph of the document: its text, and what its formatting says about it."""

    text: str
    bullet: bool = False  # a list item (Word list, list style or a typed bullet)
    heading: int = 0  # 1: styled as a section heading (Heading 1, "## "), 2: a sub-heading
    title: bool = False  # styled as the document title (Title, "# ")
    bold: bool = False  # every run of it is bold (a heading set out by hand)


@dataclass
class Draft:
    """The draft resume and the lines that could not be placed (also in data["x-unsorted"])."""

    data: dict
    unsorted: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- reading documents

_BULLET = re.compile(r"^\s*(?:[•●▪■◦○◆◇►▶➢✓✔\u2022\u2023\u2043\u25aa\u25cf\uf0b7\uf0a7\uf076\uf0d8"
                     r"\uf0fc]|[-–—*+](?=\s)|o(?=\s{1,3}\S))\s*")


def read_document(path: str) -> tuple[list[Line], str]:
    """The lines of a resume file in any supported format, and the format's name."""
    from .sources import read_bytes, sniff

    data = read_bytes(path, ResumeError, "resume")
    suffix = Path(path).suffix.lower()
    kind = sniff(data)
    if kind == "pdf" or suffix == ".pdf":
        return lines_from_pdf(data, path), "pdf"
    if kind == "zip" or suffix == ".docx":
        return lines_from_docx(data, path), "docx"
    if kind is not None:
        what = "an old Word .doc file" if kind == "ole" else f"not a document tailor reads ({kind})"
        raise ResumeError(f"this is {what}; give a .docx, .pdf, .txt or .md resume", path=path,
                          hint="Save it from Word as .docx (File > Save As) and try again.")
    from .sources import decode

    text = decode(data, path=path, error=ResumeError, what="resume")
    return lines_from_text(text, markdown=suffix in (".md", ".markdown")), "text"


def lines_from_docx(data: bytes, name: str = "resume.docx") -> list[Line]:
    """Paragraphs in reading order: the page header, the body, and tables cell by cell."""
    doc = open_docx(data, name, ResumeError)
    lines: list[Line] = []
    seen: set[str] = set()
    for section in doc.sections[:1]:
        try:
            header = section.header
            if not header.is_linked_to_previous:
                for p in header.paragraphs:
                    if p.text.strip() and p.text.strip() not in seen:
                        seen.add(p.text.strip())
                        lines.append(_docx_line(p))
        except (KeyError, ValueError, AttributeError):
            pass
    _docx_blocks(doc.element.body, doc, lines)
    return lines


def _docx_blocks(element, parent, lines: list[Line]) -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, parent)
            if p.text.strip():
                lines.append(_docx_line(p))
            for box in _text_boxes(child):
                _docx_blocks(box, parent, lines)
        elif tag == "tbl":
            _docx_table(Table(child, parent), lines)
        elif tag == "sdt":  # a content control wraps ordinary paragraphs
            content = next((c for c in child.iterchildren() if c.tag.endswith("}sdtContent")), None)
            if content is not None:
                _docx_blocks(content, parent, lines)


def _text_boxes(p):
    """The text boxes anchored in a paragraph, each once (Word stores a drawing and, for old
    readers, a VML copy of it under mc:Fallback)."""
    for box in p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"):
        ancestor = box.getparent()
        inner = False
        while ancestor is not None and ancestor is not p:
            name = ancestor.tag.rsplit("}", 1)[-1]
            if name == "Fallback" or name == "txbxContent":
                inner = True  # a copy, or a box inside a box (read with its outer box)
                break
            ancestor = ancestor.getparent()
        if not inner:
            yield box


def _docx_table(table, lines: list[Line]) -> None:
    """A row of one-line cells is one line ("Employer | dates"); a layout column is read whole."""
    for row in table.rows:
        cells, ids = [], set()
        for cell in row.cells:
            if id(cell._tc) not in ids:  # a merged cell is listed once per grid column
                ids.add(id(cell._tc))
                cells.append(cell)
        simple = all(len([p for p in c.paragraphs if p.text.strip()]) <= 1 and not c.tables
                     for c in cells)
        if simple:
            texts = [c.text.strip() for c in cells if c.text.strip()]
            if texts:
                first = next(p for c in cells for p in c.paragraphs if p.text.strip())
                line = _docx_line(first)
                line.text = "\t".join(texts)
                lines.append(line)
            continue
        for cell in cells:
            _docx_blocks(cell._tc, cell, lines)


def _docx_line(p) -> Line:
    style = (p.style.name if p.style is not None else "") or ""
    text = p.text.replace("\xa0", " ").strip()
    lowered = style.lower()
    numbered = p._p.pPr is not None and p._p.pPr.numPr is not None
    bullet = numbered or "list" in lowered
    heading = 0
    if lowered.startswith("heading"):
        level = re.sub(r"\D", "", lowered) or "1"
        heading = 1 if level == "1" else 2
    runs = [r for r in p.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold or (r.bold is None and r.style is not None and r.style.font.bold)
                              for r in runs)
    line = Line(text, bullet=bullet, heading=heading, title=lowered in ("title", "name"),
                bold=bool(bold))
    return _typed_bullet(line)


def _typed_bullet(line: Line) -> Line:
    m = _BULLET.match(line.text)
    if m and line.text[m.end():].strip():
        line.text = line.text[m.end():].strip()
        line.bullet = True
    return line


def lines_from_text(text: str, markdown: bool = False) -> list[Line]:
    """Lines of a plain-text or Markdown resume; a wrapped list item is joined to its start."""
    lines: list[Line] = []
    prev_indent_bullet = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            prev_indent_bullet = False
            continue
        stripped = raw.strip()
        if markdown:
            m = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", stripped)
            if m:
                level = len(m.group(1))
                lines.append(Line(_unmark(m.group(2)), heading=0 if level == 1 else
                                  (1 if level == 2 else 2), title=level == 1))
                prev_indent_bullet = False
                continue
            stripped = _unmark(stripped)
        # A continuation of a list item: indented, no bullet of its own, right after the item.
        if (prev_indent_bullet and raw[:1] in " \t" and not _BULLET.match(stripped)
                and lines and lines[-1].bullet):
            lines[-1].text += " " + stripped
            continue
        line = _typed_bullet(Line(stripped))
        lines.append(line)
        prev_indent_bullet = line.bullet
    return lines


def _unmark(text: str) -> str:
    """Markdown emphasis and links as the words they show."""
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", lambda m: m.group(2) if m.group(1) == m.group(2)
                  else f"{m.group(1)} {m.group(2)}" if "@" not in m.group(2) else m.group(1), text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return text.strip()


def lines_from_pdf(data: bytes, name: str = "resume.pdf") -> list[Line]:
    """The PDF's text lines; a list item that wrapped onto the next line is joined again."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types here
                raise ResumeError("the PDF is password-protected", path=name) from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ResumeError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError) as exc:
        raise ResumeError(f"the PDF file is damaged or not a PDF ({type(exc).__name__})",
                          path=name) from None
    text = "\n".join(_without_running_heads(pages))
    if not text.strip():
        raise ResumeError("the PDF holds no text (a scanned image?)", path=name,
                          hint="Import the Word file it was made from, or a .txt copy.")
    lines: list[Line] = []
    wrapped = False  # Word leaves the space at the end of a line it wrapped
    pending_bullet = False
    for raw in text.split("\n"):
        stripped = " ".join(raw.replace("\xa0", " ").split())
        if not stripped:
            wrapped = False
            continue
        if _BULLET.fullmatch(stripped) or stripped in ("•", "\uf0b7", "o"):
            pending_bullet = True  # the bullet and its text were tab-separated
            wrapped = False
            continue
        line = _typed_bullet(Line(stripped))
        if pending_bullet:
            line.bullet, pending_bullet = True, False
        # "– Present" after "Jun 2020 ": the rest of a wrapped date range, not a list item
        rest_of_range = lines and (wrapped and stripped[:1] in "–—" or re.fullmatch(
            rf"[-–—]?\s*(?:{_OPEN}|{_DATE})", stripped, re.IGNORECASE))
        if rest_of_range:
            line.bullet = False
        address = _EMAIL.match(stripped) or _URL.match(stripped)
        if lines and not line.bullet and not _section_of(stripped) and (
                wrapped or rest_of_range or (lines[-1].bullet and not address and (
                    stripped[:1].islower() or _continues(lines[-1].text, stripped)))):
            # A compound word wrapped at its hyphen ("no-" / "shows") joins without a space.
            glue = "" if re.search(r"\w-$", lines[-1].text) else " "
            lines[-1].text += glue + stripped
        else:
            lines.append(line)
        wrapped = raw[-1:] in (" ", "\t")
    return lines


def _without_running_heads(pages: list[str]) -> list[str]:
    """The pages' lines without the page header and footer repeated on each page after the first,
    and without page numbers ("Page 2 of 3")."""
    seen: set[str] = set()
    out = []
    for n, page in enumerate(pages):
        lines = page.split("\n")
        edges = {i for i in (0, 1, len(lines) - 2, len(lines) - 1) if 0 <= i < len(lines)}
        for i, line in enumerate(lines):
            key = " ".join(line.split())
            if re.fullmatch(r"(?i:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?", key):
                continue
            if i in edges and key:
                if n and key in seen:
                    continue
                seen.add(key)
            out.append(line)
    return out


def _continues(previous: str, text: str) -> bool:
    """Whether a PDF line is the wrapped rest of the list item before it (not a new heading)."""
    if _section_of(text) or _find_range(text) or "\t" in text or " | " in text:
        return False
    if text[:1].islower() or text[:1].isdigit() or text[:1] in "($%&,;":
        return True
    if re.search(r"[.!?:;]$", previous) or len(previous) < 55:
        return False
    words = re.findall(r"[A-Za-z][\w'&-]*", text)
    capitalised = sum(1 for w in words if w[0].isupper())
    return not words or capitalised / len(words) < 0.6 or len(text) > 60


# --------------------------------------------------------------------------- dates

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:19|20)\d{2}"
_DATE = (rf"(?:{_YEAR}-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?(?!\d)|{_MONTH},?\s+{_YEAR}|"
         rf"(?:0?[1-9]|1[0-2])[/.]{_YEAR}|{_YEAR}(?![-/]?\d))")
_OPEN = r"(?:present|current(?:ly)?|now|today|to\s+date|ongoing|date)"
_RANGE = re.compile(rf"(?<![\w/])(?P<start>{_DATE})\s*(?:[-–—‒−]+|\bto\b|\buntil\b|\bthrough\b|"
                    rf"\bthru\b)\s*(?P<end>{_DATE}|{_OPEN}\b)?", re.IGNORECASE)
_SINGLE = re.compile(rf"(?<![\w/])(?P<date>{_DATE})", re.IGNORECASE)


def normalize_date(text: str) -> str:
    """"Mar 2019", "March 2019", "03/2019", "2019-03" -> "2019-03"; "2019" -> "2019"."""
    text = text.strip().rstrip(".")
    m = re.fullmatch(rf"({_YEAR})-(\d\d)(?:-(\d\d))?", text)
    if m:
        return text
    m = re.fullmatch(rf"({_MONTH}),?\s+({_YEAR})", text, re.IGNORECASE)
    if m:
        return f"{m.group(2)}-{_MONTHS[m.group(1)[:3].lower()]:02d}"
    m = re.fullmatch(rf"(\d{{1,2}})[/.]({_YEAR})", text)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    return text


def _find_range(text: str):
    """The first date range in the text as (start, end or None, match), else None."""
    m = _RANGE.search(text)
    if not m:
        return None
    end = m.group("end")
    if end and re.fullmatch(_OPEN, end, re.IGNORECASE):
        end = None
    elif end:
        end = normalize_date(end)
    return normalize_date(m.group("start")), end, m


# --------------------------------------------------------------------------- sections

_SECTIONS = {
    "summary": ["summary", "professional summary", "career summary", "profile",
                "professional profile", "personal profile", "about me", "about", "objective",
                "career objective", "personal statement", "overview"],
    "work": ["experience", "work experience", "professional experience", "employment",
             "employment history", "work history", "career history", "relevant experience",
             "professional background", "career", "experience and employment",
             "professional history", "work and experience"],
    "education": ["education", "education and training", "academic background",
                  "academic qualifications", "education and qualifications", "training",
                  "qualifications and education"],
    "certificates": ["certifications", "certificates", "certification", "licenses",
                     "licences", "licenses and certifications", "licences and certifications",
                     "certifications and licenses", "certifications and licences",
                     "credentials", "professional certifications", "professional development",
                     "qualifications and certifications"],
    "skills": ["skills", "key skills", "core skills", "technical skills", "core competencies",
               "competencies", "areas of expertise", "skills and abilities", "expertise",
               "skills summary", "computer skills", "software", "strengths", "key strengths"],
    "volunteer": ["volunteer", "volunteering", "volunteer experience", "volunteer work",
                  "community involvement", "community service"],
    "languages": ["languages", "language skills"],
    "awards": ["awards", "honors", "honours", "awards and honors", "awards and honours",
               "achievements and awards"],
    "projects": ["projects", "key projects"],
    "interests": ["interests", "hobbies", "hobbies and interests"],
    "references": ["references", "referees"],
}
_SECTION_OF = {name: key for key, names in _SECTIONS.items() for name in names}


def _section_of(text: str) -> str | None:
    key = re.sub(r"[^a-z ]", " ", text.lower().replace("&", " and "))
    key = " ".join(key.split())
    if len(key) > 45:
        return None
    return _SECTION_OF.get(key)


_SECTION_WORDS = (("work", r"experience|employment|work history|career history"),
                  ("education", r"education|academic"),
                  ("certificates", r"certificat|licen[cs]e"),
                  ("skills", r"skills|competenc|expertise"),
                  ("volunteer", r"volunteer"),
                  ("awards", r"awards|honou?rs"),
                  ("languages", r"languages"),
                  ("summary", r"summary|profile|objective"))


def _heading_section(line: Line) -> str | None:
    """The section a line heads: its exact words, or (for a line set out as a heading: styled,
    bold or in capitals, short) a section word within it ("CLINICAL EXPERIENCE")."""
    if line.bullet:
        return None
    text = line.text.strip().rstrip(":").strip()
    exact = _section_of(text)
    if exact:
        return exact
    letters = re.sub(r"[^A-Za-z]", "", text)
    set_out = line.heading == 1 or (letters.isupper() and len(letters) > 3) or \
        line.text.rstrip().endswith(":")
    if not set_out or len(text.split()) > 5 or _find_range(text) or _EMAIL.search(text):
        return None
    if _title_score(text) or any(w in _ORG_WORDS for w in _words(text)):
        return None  # "NORTHSHORE COMMUNITY HOSPITAL" is an employer, not a section
    for key, pattern in _SECTION_WORDS:
        if re.search(rf"\b(?:{pattern})", text, re.IGNORECASE):
            return key
    return None


# --------------------------------------------------------------------------- the header

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:[\w-]+\.)+(?:com|org|net|io|me|dev|uk|co)"
                  r"/\S*", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w(+])(?:\+?\(?\+?\d[\d\s().-]{6,}\d)(?![\w])")
_REGION = re.compile(r"^[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)*, ?(?:[A-Z]{2}|[A-Z][a-z]+"
                     r"(?: [A-Z][a-z]+)*)(?:,? ?(?:[A-Z]{2,3}|USA|UK))?(?: \d{5}(?:-\d{4})?)?$")
_PLACE_WORDS = {"remote", "hybrid", "on-site", "onsite"}
_COUNTRIES = {"uk", "us", "usa", "united kingdom", "united states", "england", "scotland",
              "wales", "ireland", "northern ireland", "canada", "australia", "new zealand",
              "india", "germany", "france", "spain", "italy", "netherlands", "nigeria",
              "south africa", "philippines", "singapore"}
_SPLIT = re.compile(r"\s*(?:\t+|\s\|\s|\|| {3,}| • | · | ● | ♦ | – | — | -- | - )\s*")


def _pieces(text: str) -> list[str]:
    return [p.strip(" ,;") for p in _SPLIT.split(text) if p.strip(" ,;")]


def _is_location(piece: str) -> bool:
    if piece.lower() in _PLACE_WORDS or piece.lower() in _COUNTRIES:
        return True
    if not _REGION.match(piece) or len(piece) > 40:
        return False
    if _title_score(piece) or _org_score(piece, place=True):
        return False  # "Front Desk Clerk, Newport, OR" is a position and a place
    parts = [p.strip() for p in piece.split(",")]
    last = parts[-1]
    return bool(re.fullmatch(r"[A-Z]{2,3}", last)) or last.lower() in _COUNTRIES or (
        len(parts) == 2 and not _org_score(parts[0]) and not _title_score(parts[0])
        and len(parts[0].split()) <= 3 and len(last.split()) <= 2 and _org_score(last) == 0)


def _location(piece: str) -> dict:
    parts = [p.strip() for p in piece.split(",") if p.strip()]
    if len(parts) == 1:
        return {"city": parts[0]} if parts[0].lower() not in _COUNTRIES else \
            {"region": parts[0]}
    out = {"city": parts[0], "region": parts[1]}
    m = re.fullmatch(r"(.+) (\d{5}(?:-\d{4})?)", parts[-1])
    if m:
        parts[-1] = m.group(1)
        out["region"] = parts[1]
        out["postalCode"] = m.group(2)
    if len(parts) > 2:
        key = "countryCode" if re.fullmatch(r"[A-Z]{2}", parts[2]) else "address"
        out[key] = ", ".join(parts[2:]) if key == "address" else parts[2]
    return out


def _header(lines: list[Line], data: dict, unsorted: list[str]) -> None:
    basics: dict = {}
    for n, line in enumerate(lines):
        text = line.text
        rest = text
        found = False
        for m in _EMAIL.finditer(text):
            basics.setdefault("email", m.group(0).rstrip("."))
            rest = rest.replace(m.group(0), " ")
            found = True
        for m in _URL.finditer(rest):
            url = m.group(0).rstrip(".,;)")
            rest = rest.replace(url, " ")
            found = True
            network = _network(url)
            if network:
                basics.setdefault("profiles", []).append({"network": network, "url": url})
            elif "url" not in basics:
                basics["url"] = url
            else:
                unsorted.append(url)
        for m in _PHONE.finditer(rest):
            digits = re.sub(r"\D", "", m.group(0))
            if 7 <= len(digits) <= 15 and not re.fullmatch(_YEAR, m.group(0).strip()):
                basics.setdefault("phone", m.group(0).strip())
                rest = rest.replace(m.group(0), " ")
                found = True
        leftover = []
        for piece in _pieces(rest):
            piece = re.sub(r"^(?:e-?mail|phone|tel|mobile|cell|linkedin|address|location)\s*:\s*",
                           "", piece, flags=re.IGNORECASE).strip(" ,;:•·|–—-")
            if not piece:
                continue
            if "location" not in basics and _is_location(piece):
                basics["location"] = _location(piece)
            else:
                leftover.append(piece)
        if not leftover:
            continue
        whole = " | ".join(leftover) if found else text
        if whole == basics.get("name"):
            continue  # the name again (in the page header and in the body)
        if "name" not in basics and (line.title or n == 0 or not basics):
            basics["name"] = whole
        elif "label" not in basics and not found and len(whole) <= 80:
            basics["label"] = whole
        elif "summary" not in basics and len(whole) > 80 and not found:
            basics["summary"] = whole
        else:
            unsorted.append(whole)
    if basics:
        order = ("name", "label", "email", "phone", "url", "summary", "location", "profiles")
        data["basics"] = {k: basics[k] for k in order if k in basics}


def _network(url: str) -> str | None:
    for host, name in (("linkedin.", "LinkedIn"), ("github.", "GitHub"), ("twitter.", "Twitter"),
                       ("x.com", "X"), ("facebook.", "Facebook"), ("instagram.", "Instagram"),
                       ("gitlab.", "GitLab"), ("behance.", "Behance"), ("doximity.", "Doximity")):
        if host in url.lower():
            return name
    return None


# --------------------------------------------------------------------------- work and volunteering

_TITLE_WORDS = {
    "manager", "supervisor", "assistant", "coordinator", "representative", "rep", "receptionist",
    "specialist", "officer", "director", "lead", "leader", "administrator", "clerk", "nurse",
    "technician", "tech", "analyst", "engineer", "intern", "associate", "executive", "head",
    "chief", "secretary", "consultant", "advisor", "adviser", "biller", "coder", "scheduler",
    "agent", "worker", "aide", "therapist", "teacher", "president", "vice", "owner", "founder",
    "volunteer", "trainee", "apprentice", "developer", "designer", "accountant", "bookkeeper",
    "cashier", "server", "attendant", "operator", "controller", "auditor", "registrar",
    "phlebotomist", "practitioner", "physician", "doctor", "paralegal", "planner", "buyer",
    "instructor", "tutor", "trainer", "member", "captain", "senior", "junior", "deputy",
    "principal", "staff", "partner", "medical assistant", "generalist", "navigator", "scribe",
    "hygienist", "pharmacist", "dispatcher", "handler", "processor", "greeter", "host", "hostess",
    "mentor", "facilitator", "organiser", "organizer", "ambassador", "programmer",
}
_ORG_WORDS = {
    "inc", "llc", "ltd", "limited", "plc", "corp", "corporation", "company", "co", "group",
    "clinic", "clinics", "hospital", "hospitals", "health", "healthcare", "centre", "center",
    "practice", "care", "surgery", "university", "college", "school", "trust", "nhs",
    "associates", "partners", "pediatrics", "paediatrics", "medicine", "family", "services",
    "solutions", "foundation", "bank", "department", "council", "pharmacy", "dental", "labs",
    "laboratories", "systems", "institute", "agency", "society", "church", "charity", "gp",
    "physicians", "specialists", "orthopedics", "cardiology", "dermatology", "urgent",
    "medical", "network", "partnership", "hotel", "restaurant", "store", "stores", "market",
    "bakery", "cafe", "llp", "pc", "pllc", "gmbh", "office", "county", "city", "state",
    "ministry", "authority", "board", "international", "global", "industries", "enterprises",
    "consulting", "technologies", "academy", "pantry", "shelter", "league", "club", "fund",
}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _title_score(text: str) -> int:
    words = _words(text)
    return sum(2 for w in words if w in _TITLE_WORDS) + (1 if " ".join(words[-2:]) in
                                                         _TITLE_WORDS else 0)


def _org_score(text: str, place: bool = False) -> int:
    words = [w for w in _words(text) if not place or w not in _PLACE_NAME_WORDS]
    return sum(1 for w in words if w in _ORG_WORDS) + (2 if "&" in text else 0)


_PLACE_NAME_WORDS = {"city", "county", "state"}


def _split_location(piece: str) -> tuple[str, str | None]:
    """"Willamette Valley Cardiology, Salem, OR" -> ("Willamette Valley Cardiology", "Salem, OR")."""
    if _is_location(piece):
        return "", piece
    parts = piece.split(", ")
    for i in range(1, len(parts)):
        tail = ", ".join(parts[i:])
        if _is_location(tail):
            return ", ".join(parts[:i]), tail
    return piece, None


@dataclass
class _Entry:
    header: list[tuple[str, int, str]] = field(default_factory=list)  # (piece, line no, sep)
    start: str | None = None
    end: str | None = None
    dated: bool = False
    location: str | None = None
    summary: list[str] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)
    open_end: bool = False


def _entries(lines: list[Line], org_key: str, unsorted: list[str]) -> list[dict]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    for n, line in enumerate(lines):
        if line.bullet:
            if current is None:
                current = _Entry()
                entries.append(current)
            current.highlights.append(line.text)
            continue
        text = line.text
        rng = _find_range(text)
        long_sentence = len(text) > 90 or (len(text) > 50 and re.search(r"[.!?]$", text)
                                             and not rng)
        contact = bool(_EMAIL.search(text) or _URL.search(text)) or " | " in text
        if current is not None and long_sentence and current.header and not contact:
            # A sentence under a job's heading: its summary, or (after its list) a highlight
            # whose bullet was lost.
            (current.highlights if current.highlights else current.summary).append(text)
            continue
        if current is None or current.highlights or (rng and current.dated) or (
                current.summary and not rng):
            current = _Entry()
            entries.append(current)
        if rng:
            start, end, m = rng
            current.start, current.end, current.dated = start, end, True
            text = _without(text, m)
        parts = []
        for piece in _pieces(text):
            rest, place = _split_location(piece) if current.location is None else (piece, None)
            if place:
                current.location = place
            if rest:
                parts.append(rest)
        for piece, sep in _pieces_with_sep(" | ".join(parts)) if parts else ():
            current.header.append((piece, n, sep))
    for e in entries:
        if not e.highlights and len(e.summary) >= 2:  # plain paragraphs, one per achievement
            e.highlights, e.summary = e.summary, []
    return [e for e in (_entry_dict(e, org_key, unsorted) for e in entries) if e]


def _without(text: str, m: re.Match) -> str:
    """The text with a date taken out, and the brackets or dash left around it."""
    before = re.sub(r"[\s(\[,|–—-]*$", "", text[:m.start()])
    after = re.sub(r"^[\s)\],|–—-]*", "", text[m.end():])
    return (before + ("\t" if before and after else "") + after).strip()


def _pieces_with_sep(text: str) -> list[tuple[str, str]]:
    """A header line's parts, each with the kind of separator the line used ("|" or ",")."""
    parts = _pieces(text)
    if len(parts) == 1:
        one = parts[0]
        m = re.match(r"^(.+?)\s+(?:at|@)\s+(.+)$", one)
        if m and _title_score(m.group(1)):
            return [(m.group(1), "at"), (m.group(2), "at")]
        if ", " in one and not _is_location(one):
            first, rest = one.split(", ", 1)
            if _is_location(rest):
                return [(first, ","), (rest, ",")]
            if _title_score(first) >= _title_score(rest) or _org_score(rest) > _org_score(first):
                return [(first, ","), (rest, ",")]
        return [(one, "")]
    return [(p, "|") for p in parts]


def _entry_dict(e: _Entry, org_key: str, unsorted: list[str]) -> dict:
    pieces = list(e.header)
    position = employer = None
    if len(pieces) == 1:
        piece = pieces[0][0]
        if _title_score(piece) > _org_score(piece):
            position = piece
        else:
            employer = piece
        pieces = []
    elif len(pieces) >= 2:
        a, b = pieces[0], pieces[1]
        lean_a = _title_score(a[0]) - _org_score(a[0])
        lean_b = _title_score(b[0]) - _org_score(b[0])
        if lean_a != lean_b:
            position, employer = (a, b) if lean_a > lean_b else (b, a)
        elif a[1] == b[1] and a[2] == "|":  # "Employer | Position" on one line
            employer, position = a, b
        else:  # "Position, Employer", "Position at Employer", or on two lines
            position, employer = a, b
        position, employer = position[0], employer[0]
        for piece, _, _ in pieces[2:]:
            unsorted.append(piece)
        pieces = []
    out: dict = {}
    if employer:
        out[org_key] = employer
    if position:
        out["position"] = position
    if e.location:
        out["location"] = e.location
    if e.start:
        out["startDate"] = e.start
    if e.end:
        out["endDate"] = e.end
    if e.summary:
        out["summary"] = " ".join(e.summary)
    if e.highlights:
        out["highlights"] = list(e.highlights)
    return out


# --------------------------------------------------------------------------- the other sections

_INSTITUTION = {"university", "college", "school", "institute", "academy", "polytechnic",
                "conservatory", "seminary"}
_DEGREE = re.compile(r"\b(?:associate|associates|bachelor|bachelors|master|masters|doctor|"
                     r"doctorate|diploma|certificate|degree|ged|a-levels?|gcses?|nvq|btec|hnd|"
                     r"hnc|b\.?sc|m\.?sc|b\.?a|m\.?a|b\.?s|m\.?s|mba|ph\.?d|aas|a\.?a|a\.?s|"
                     r"bsn|rn|lpn|of science|of arts)\b", re.IGNORECASE)


def _education(lines: list[Line], unsorted: list[str]) -> list[dict]:
    entries: list[dict] = []
    current: dict | None = None
    for line in lines:
        text = line.text
        when: dict = {}
        rng = _find_range(text)
        if rng:
            start, end, m = rng
            when = {"startDate": start, **({"endDate": end} if end else {})}
            text = _without(text, m)
        else:
            m = _SINGLE.search(text)
            if m:
                in_progress = re.search(r"in progress|ongoing|current|started|since", line.text,
                                        re.IGNORECASE)
                when = {("startDate" if in_progress else "endDate"): normalize_date(m.group(0))}
                text = _without(text, m)
                text = re.sub(r"\b(?:expected|graduated|graduation|completed)\s*:?\s*$", "", text,
                              flags=re.IGNORECASE).strip()
        fields: dict = dict(when)
        pieces = []
        for piece in _pieces(text):
            piece, place = _split_location(piece)
            if place:
                fields["x-location"] = place
            if not piece:
                continue
            parts = piece.split(", ")
            # "BSc Nursing, University of Leeds": the degree and the school in one piece.
            if len(parts) > 1 and any(_INSTITUTION & set(_words(x)) for x in parts):
                pieces += parts
            else:
                pieces.append(piece)
        for piece in pieces:
            entry = {**(current or {}), **fields} if not line.bullet else fields
            school = any(w in _INSTITUTION for w in _words(piece))
            degree = _DEGREE.search(piece) and (not school or re.search(
                r"\b(?:diploma|ged|certificate)\b", piece, re.IGNORECASE))  # High School Diploma
            if degree and "studyType" not in fields:
                fields.update(_degree(piece))
            elif school and "institution" not in fields:
                fields["institution"] = piece
            elif _is_location(piece) and "x-location" not in fields:
                fields["x-location"] = piece
            elif "score" not in fields and re.search(r"\b(?:gpa|grade|honou?rs|distinction)\b",
                                                     piece, re.IGNORECASE):
                fields["score"] = piece
            elif "studyType" in entry and "area" not in entry:
                fields["area"] = piece  # "Associate of Science, Medical Office Administration"
            elif "institution" not in fields and not _DEGREE.search(piece):
                fields["institution"] = piece
            else:
                unsorted.append(piece)
        if not fields:
            continue
        clash = current is not None and (line.bullet or any(k in current for k in fields))
        if current is None or clash:
            current = {}
            entries.append(current)
        current.update(fields)
    order = ("institution", "area", "studyType", "x-location", "startDate", "endDate", "score")
    return [{k: e[k] for k in order if k in e} for e in entries]


def _degree(piece: str) -> dict:
    m = re.match(r"^((?:B|M)\.?(?:Sc|A|S|Ed|Eng)\.?|MBA|BSN|MSN|AAS|AS|AA|PhD|Ph\.D\.)"
                 r"(\s*\(Hons\))?\s+(?:in\s+|of\s+)?([A-Z].*)$", piece)
    if m:
        return {"studyType": (m.group(1) + (m.group(2) or "")).strip(), "area": m.group(3)}
    for sep in (", ", " in ", " – ", " - "):
        if sep in piece:
            kind, area = piece.split(sep, 1)
            if _DEGREE.search(kind):
                return {"studyType": kind.strip(), "area": area.strip()}
    return {"studyType": piece}


def _dated_items(lines: list[Line], name_key: str, by_key: str) -> list[dict]:
    """Certificates or awards: "Name, Issuer (2016-04)" or "Name | Issuer | Apr 2016"."""
    out = []
    for line in lines:
        text = line.text
        item: dict = {}
        m = re.search(rf"[(\[]?\s*(?P<d>{_DATE})\s*[)\]]?\s*$", text, re.IGNORECASE)
        if m:
            item["date"] = normalize_date(m.group("d"))
            text = text[:m.start()].strip(" ,;|-–")
        parts = _pieces(text)
        if len(parts) == 1 and ", " in parts[0]:
            name, by = parts[0].rsplit(", ", 1)
            parts = [name, by] if by[:1].isupper() and not by.startswith("(") else [parts[0]]
        if not parts:
            continue
        result = {name_key: parts[0]}
        if len(parts) > 1:
            # The rest as the person wrote it ("B | C"), never rejoined in words of ours.
            start = text.find(parts[1], text.find(parts[0]) + len(parts[0]))
            result[by_key] = text[start:].strip(" ,;|-–\t") if start >= 0 else parts[1]
        result.update(item)
        out.append(result)
    return out


def _skills(lines: list[Line]) -> list[dict]:
    out = []
    for line in lines:
        text = line.text
        if ":" in text and text.index(":") < 40:
            name, rest = text.split(":", 1)
            keywords = [k.strip() for k in re.split(r"[,;•·|]\s*", rest) if k.strip()]
            out.append({"name": name.strip(), "keywords": keywords} if keywords else
                       {"name": name.strip()})
            continue
        for part in re.split(r"\s*(?:[;•·|\t]|,\s)\s*", text):
            if part.strip():
                out.append({"name": part.strip()})
    return out


def _languages(lines: list[Line]) -> list[dict]:
    out = []
    for line in lines:
        for part in re.split(r"\s*[;•·|\t]\s*", line.text):
            m = re.match(r"^(.+?)\s*(?:\((.+)\)|[,:–-]\s*(.+))?$", part.strip())
            if m and m.group(1):
                item = {"language": m.group(1).strip()}
                fluency = m.group(2) or m.group(3)
                if fluency:
                    item["fluency"] = fluency.strip()
                out.append(item)
    return out


# --------------------------------------------------------------------------- putting it together

def draft_from_lines(lines: list[Line]) -> Draft:
    """Sort a document's lines into a JSON Resume draft; nothing is made up."""
    groups: list[tuple[str | None, str, list[Line]]] = [(None, "", [])]
    for line in lines:
        section = _heading_section(line)
        if section is None and line.heading == 1 and not line.bullet:
            # A name styled as a heading opens the document; any other heading, a section.
            before = groups[0][2]
            first = len(groups) == 1 and not any(x.title for x in before) and (
                not before or line.text in before[0].text)  # the name, after a page header
            section = None if first else "unknown"
            line.title = line.title or first
        if section:
            groups.append((section, line.text, []))
        else:
            groups[-1][2].append(line)
    data: dict = {}
    unsorted: list[str] = []
    _header(groups[0][2], data, unsorted)
    for section, heading, body in groups[1:]:
        if not body:
            continue
        if section == "summary":
            basics = data.setdefault("basics", {})
            text = " ".join(x.text for x in body)
            if basics.get("summary"):
                unsorted.append(basics["summary"])
            basics["summary"] = text
        elif section in ("work", "volunteer", "projects"):
            org_key = {"work": "name", "volunteer": "organization", "projects": "entity"}[section]
            entries = _entries(body, org_key, unsorted)
            if section == "projects":
                for e in entries:
                    if "position" in e:
                        e.setdefault("name", e.pop("position"))
                    if "entity" in e and "name" not in e:
                        e["name"] = e.pop("entity")
                    e.setdefault("name", "")
                    if not e["name"]:
                        e.pop("name")
            data.setdefault(section, []).extend(entries)
        elif section == "education":
            data.setdefault("education", []).extend(_education(body, unsorted))
        elif section == "certificates":
            data.setdefault("certificates", []).extend(_dated_items(body, "name", "issuer"))
        elif section == "awards":
            data.setdefault("awards", []).extend(_dated_items(body, "title", "awarder"))
        elif section == "skills":
            data.setdefault("skills", []).extend(_skills(body))
        elif section == "languages":
            data.setdefault("languages", []).extend(_languages(body))
        elif section == "interests":
            data.setdefault("interests", []).extend({"name": x.text} for x in body)
        else:
            unsorted.extend(f"{heading}: {x.text}" if section == "unknown" else x.text
                            for x in body)
    for entry in data.get("education", []):
        place = entry.pop("x-location", None)
        if place:
            unsorted.append(f"education ({entry.get('institution', '')}): {place}")
    if unsorted:
        data[UNSORTED] = unsorted
    return Draft(data, unsorted)


def import_resume(path: str) -> Draft:
    """Read a resume document and sort it into a draft."""
    lines, _ = read_document(path)
    if not lines:
        raise ResumeError("the document holds no text", path=path)
    return draft_from_lines(lines)


_TOP_ORDER = ("basics", "work", "volunteer", "education", "certificates", "awards", "skills",
              "languages", "projects", "interests", UNSORTED)


def draft_yaml(draft: Draft, source: str) -> str:
    """The draft as commented YAML: it says to check it, and where unsorted lines went."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper, value):
        # A value YAML would read as something else (a date, a number, yes/no) is quoted.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value)

    _Dumper.add_representer(str, _str)
    data = {k: draft.data[k] for k in _TOP_ORDER if k in draft.data}
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000,
                     default_flow_style=False, indent=2)
    note = [
        f"# Imported by `tailor import` from {Path(source).name}. CHECK EVERY LINE before you use it:",
        "# the import copies your words, but it may have put a line in the wrong field (a position",
        "# as the employer, a date range on the wrong job). Fix what is wrong, then run",
        "#   tailor validate resume.yml",
        "# Dates are written YYYY-MM or YYYY; a job with no endDate is your current job.",
    ]
    if draft.unsorted:
        note.append(f"# {len(draft.unsorted)} line(s) could not be placed: they are under "
                    f"{UNSORTED}: at the end. Move each into its section, or delete it.")
    return "\n".join(note) + "\n" + body


def write_draft(path: str, text: str, *, force: bool = False) -> None:
    """Write the YAML draft; an existing file is replaced only with ``force``."""
    from .errors import OutputError

    target = Path(path)
    if target.is_dir():
        raise OutputError("this is a folder; give the name of the .yml file to write", path=path)
    if target.exists() and not force:
        raise OutputError("the file already exists; it is not overwritten", path=path,
                          hint="Give another file name, or add --force to replace it.")
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise OutputError(f"cannot write the file ({exc.strerror or exc})", path=path) from None
