"""Named products: the posting asks for SystmOne, the resume shows athenahealth.

Why: a software entry of the lexicon stands for a kind of system ("Electronic health records"),
and its aliases mix the generic wording ("EHR", "electronic health records") with product names
("SystmOne", "Epic", "athenahealth"). Either shows the kind of system, so the resume that shows
athenahealth does show electronic health records. But a posting that names SystmOne asks for more
than the kind: calling that a plain match would tell the person they have what was asked, and
calling it a gap would hide experience they do have. It is a partial match, and the report says
so, in the posting's and the resume's own words.

Which aliases are product names is read from the alias itself, so any lexicon works without a
list of products in code: a name is written with a capital ("SystmOne", "EMIS Web", "MEDITECH") or
is a single word of its own ("athenahealth"); wording is written in ordinary lower-case words or
as a pattern ("practice management system*", "Patient Administration ... system*"), or is one of
the few generic acronyms below ("EHR", "PAS").

These are pure functions over the concepts (after ``in_resume`` is known) and texts as the matcher
read them; they compute nothing new about the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .models import ConceptMatch, Lexicon
from .text import tokenize

if TYPE_CHECKING:  # matching imports this module; the type is only for annotations
    from .matching import Reading

PRODUCT_KINDS = frozenset({"software"})

# Acronyms (and plain words) that name a kind of system, not a product. Written in capitals in
# lexicons like product names are ("EHR" beside "EMIS"), so the case of an alias cannot tell them
# apart; this short list does. Compared in lower case; a plural "s" is ignored ("EHRs").
GENERIC_TERMS = frozenset({
    "ehr", "emr", "epr", "phr", "pas", "pms", "his", "lis", "ris", "pacs", "crm", "erp", "hris",
    "ats", "cms", "software", "system", "database", "spreadsheet", "email", "computer",
})

# Words that join two names in one alias ("Word and Excel"); they do not make it wording.
CONNECTORS = frozenset({"and", "or", "&", "/", "+"})


def is_product_name(alias: str) -> bool:
    """Whether an alias of a software entry names a product rather than the kind of system."""
    if "*" in alias or "..." in alias:
        return False  # a pattern of wording, not a name
    words = alias.split()
    if not words:
        return False
    if len(words) == 1:
        return not _generic(words[0])
    if any(w.islower() and w not in CONNECTORS for w in words):
        return False  # wording around a name: "Microsoft programs"
    return any(not _generic(w) and w not in CONNECTORS for w in words)


def product_evidence(concepts: Iterable[ConceptMatch]) -> list[str]:
    """The posting's sentences in which to look for the products asked: the evidence of each
    software concept the resume shows (a gap needs no product names: it is a gap)."""
    return list(dict.fromkeys(s for c in concepts
                              if c.kind in PRODUCT_KINDS and c.in_resume for s in c.evidence))


def mark_partial(concepts: Sequence[ConceptMatch], posting: Mapping[str, Reading],
                 resume: Mapping[str, Reading], lexicon: Lexicon) -> list[ConceptMatch]:
    """The concepts, each software concept the resume shows only in part marked ``partial``.

    ``posting`` maps the posting's sentences (at least ``product_evidence(concepts)``) to their
    readings, ``resume`` every text of the resume to its reading (``Matcher.read_resume``).
    A concept is partial when the posting names at least one product of it, the resume shows the
    concept, and the resume names none of the posting's products (under any software entry: a
    resume that names SystmOne has used SystmOne, whichever entry the lexicon files it under).
    ``in_resume`` is left as it is.
    """
    software = {e.id for e in lexicon.entries if e.kind in PRODUCT_KINDS}
    named_anywhere = [p for text, reading in resume.items()
                      for p in _products(text, reading, software)]
    out = []
    for c in concepts:
        if c.kind not in PRODUCT_KINDS or not c.in_resume:
            out.append(c)
            continue
        asked = _distinct(p for text in c.evidence if text in posting
                          for p in _products(text, posting[text], {c.id}))
        if not asked or any(_same_product(a, n) for a in asked for n in named_anywhere):
            out.append(c)
            continue
        shown = _distinct(p for text, reading in resume.items()
                          for p in _products(text, reading, {c.id}))
        out.append(replace(c, partial=(asked, shown)))
    return out


def _products(text: str, reading: Reading, entry_ids: set[str]) -> list[str]:
    """The product names a text names for these entries, verbatim, in text order.

    A name inside a longer one ("Excel" of "Microsoft Excel") is the longer one's.
    """
    spans = sorted({(reading.tokens[h.start].start, reading.tokens[h.end - 1].end)
                    for h in reading.hits
                    if h.entry_id in entry_ids and is_product_name(h.alias)})
    kept = [(a, b) for a, b in spans
            if not any(x <= a and b <= y and (x, y) != (a, b) for x, y in spans)]
    return [text[a:b] for a, b in kept]


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    """Each name once (the same in any case), as first written, in order."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(" ".join(name.casefold().split()), name)
    return tuple(seen.values())


def _same_product(asked: str, named: str) -> bool:
    """Whether the resume's name is the posting's product: one's words hold the other's.

    "Epic" is "Epic Cadence", "EMIS" is "EMIS Web", "Excel" is "Microsoft Excel"; a list in one
    name ("Word and Excel") counts each of its names. "Epic Prelude" is not "Epic Cadence".
    """
    return any(a <= n or n <= a for a in _parts(asked) for n in _parts(named))


def _parts(name: str) -> list[frozenset[str]]:
    """The names in a name, each as the stems of its own words ("Word and Excel": two)."""
    parts: list[set[str]] = [set()]
    for token in tokenize(name):
        if token.raw.lower() in CONNECTORS:
            parts.append(set())
        elif not _generic(token.raw):
            parts[-1].add(token.stem)
    return [frozenset(p) for p in parts if p]


def _generic(word: str) -> bool:
    w = word.lower()
    return w in GENERIC_TERMS or (w.endswith("s") and w[:-1] in GENERIC_TERMS)
