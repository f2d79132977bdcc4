"""Word-level text handling shared by the lexicon, the posting reader and the matcher.

Why: an alias, a posting sentence and a resume highlight must be cut into words the same way, or a
phrase that is plainly there ("managed the front-desk rota") is missed. So normalisation (UK and US
spellings, "&", typographic quotes and dashes), tokenising and stemming live in this one module.
The stemmer is deliberately light: it only has to map the forms of one word (manage, managed,
managing, manages) to one key, consistently on both sides; it never has to produce a real word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
    "&": " and ",
})

# A word: letters and digits, with inner apostrophes, dots (B.S.) or slashes (A/R) kept together.
_WORD = re.compile(r"[^\W_]+(?:['./][^\W_]+)*", re.UNICODE)

# UK spellings folded onto US ones so one alias serves both.
_UK_US = {
    "organisation": "organization", "organisational": "organizational", "organisations": "organizations",
    "centre": "center", "centres": "centers", "centred": "centered",
    "programme": "program", "programmes": "programs",
    "paediatric": "pediatric", "paediatrics": "pediatrics",
    "licence": "license", "behaviour": "behavior", "behaviours": "behaviors",
    "colour": "color", "labour": "labor", "honour": "honor", "favour": "favor",
    "enrol": "enroll", "enrolment": "enrollment", "enrols": "enrolls",
    "judgement": "judgment", "cheque": "check", "cheques": "checks",
    "defence": "defense", "practise": "practice", "practised": "practiced",
    "co-ordinate": "coordinate", "co-ordinating": "coordinating", "co-ordinated": "coordinated",
    "co-ordinator": "coordinator", "co-ordination": "coordination",
    "catalogue": "catalog", "ageing": "aging", "travelling": "traveling",
}
_ISE = re.compile(r"^(\w{3,})is(e|ed|es|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"^(\w{2,})ys(e|ed|es|ing)$")
# Words whose -ise ending is not the British -ize.
_ISE_KEEP = frozenset({
    "advise", "advised", "advises", "advising", "adviser", "advisers", "revise", "revised",
    "exercise", "exercised", "exercises", "premise", "premises", "promise", "promised",
    "expertise", "franchise", "otherwise", "enterprise", "enterprises", "compromise",
    "surprise", "surprised", "supervise", "supervised", "supervises", "supervising",
    "televised", "wise", "raise", "raised", "raises", "raising", "praise", "noise",
    "precise", "concise", "devise", "devised", "comprise", "comprises", "comprised",
    "comprising", "disguise", "merchandise", "treatise", "rise", "arise", "arises",
})


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its stem for matching, and its original spelling for case checks."""

    stem: str
    raw: str
    start: int
    end: int


def normalize(text: str) -> str:
    """Fold typography and compatibility characters so equal words compare equal."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Reduce a lower-case word to a key shared by its inflected forms."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    w = _UK_US.get(w, w)
    if w not in _ISE_KEEP:
        m = _ISE.match(w)
        if m:
            w = f"{m.group(1)}iz{m.group(2)}"
        m = _YSE.match(w)
        if m:
            w = f"{m.group(1)}yz{m.group(2)}"
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ings") and len(w) > 6:
        w = w[:-1]  # billings -> billing -> bill
    for suffix, repl, min_len in (
        ("ies", "y", 5), ("sses", "ss", 5), ("ing", "", 6), ("ed", "", 5),
        ("es", "", 6), ("s", "", 4),
    ):
        if w.endswith(suffix) and len(w) >= min_len:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break
            if suffix == "es" and w[-3] not in "sxz" and not w.endswith(("ches", "shes")):
                w = w[:-1]  # schedules -> schedule (then the trailing e goes below)
                break
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 4 and w.endswith("e") and not w.endswith(("ee", "ye")):
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] in "bdgmnprt":
        w = w[:-1]  # planned -> plann -> plan
    return w


def _normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index it came from in ``text``."""
    if text.isascii() and "&" not in text:
        return text, list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = normalize(ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def _words(normal: str):
    """Each word of normalised text: where it starts and the word itself, with the dots and
    apostrophes around it left off (what both tokenize and stems read)."""
    for m in _WORD.finditer(normal):
        word = m.group(0)
        raw = word.strip("./'")
        if raw:
            yield m.start() + len(word) - len(word.lstrip("./'")), raw


def tokenize(text: str) -> list[Token]:
    """Cut text into word tokens, keeping each word's original spelling and position.

    ``start`` and ``end`` index the text as given (not as normalised), so a caller can point at
    exactly the characters the person wrote.
    """
    normal, origin = _normalize_with_offsets(text)
    return [Token(stem(raw), raw, origin[a], origin[a + len(raw) - 1] + 1)
            for a, raw in _words(normal)]


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order (what TF-IDF and aliases see): those of
    ``tokenize``, without building tokens and their positions, which TF-IDF does not need."""
    normal = text if text.isascii() and "&" not in text else _normalize_with_offsets(text)[0]
    # The words of _words, without the positions: this is most of what TF-IDF spends, and
    # findall without a generator is a third faster (a test holds the two to the same words).
    return [stem(raw) for raw in (w.strip("./'") for w in _WORD.findall(normal)) if raw]


def analyzer_text(text: str) -> str:
    """The text as a space-joined string of stems, for scikit-learn vectorizers."""
    return " ".join(stems(text))


def clean_xml_text(text: str) -> str:
    """Drop characters that XML 1.0 forbids (control characters, lone surrogates).

    Why: Word documents are XML; one stray \\x0b pasted from a PDF makes the whole file unreadable.
    """
    return "".join(
        ch for ch in text
        if ch in "\t\n\r" or (
            (" " <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd" or ch > "\uffff")
            and not ("\x7f" <= ch <= "\x84" or "\x86" <= ch <= "\x9f")
        )
    )
