"""Finding a lexicon's aliases in tokenised text.

Why: an alias is the exact evidence a careful reader looks for ("ICD-10", "prior authorization",
"supervise ... staff"). It must match every word form (supervised, supervising), never fire inside
another word ("CMS" in "CMSE"), respect case where case carries meaning ("Epic" the product, not
"an epic task"), and allow a few words between the parts of a duty ("manage the front-desk staff").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .text import Token, normalize, tokenize

GAP = 4  # words that "..." lets stand between two parts of an alias


@dataclass(frozen=True, slots=True)
class Element:
    key: str  # a stem, or a prefix when ``prefix``
    prefix: bool
    cased: bool  # the text's word must not be written all in lower case
    gap: int  # how many other words may stand before this one


@dataclass(frozen=True, slots=True)
class Hit:
    entry_id: str
    alias: str
    start: int  # token index
    end: int  # token index, exclusive
    positions: tuple[int, ...] = ()  # the tokens the alias's words matched (not the gaps)


_PRECOMPILED: dict[str, tuple[Element, ...]] = {}


def remember_compiled(compiled: dict[str, tuple[Element, ...]]) -> None:
    """Aliases compiled ahead of time (compiled_lexicon.py), used instead of compiling them."""
    _PRECOMPILED.update(compiled)


def compile_alias(alias: str) -> tuple[Element, ...]:
    """Turn an alias's text into the elements the matcher walks."""
    found = _PRECOMPILED.get(alias)
    return found if found is not None else compile_fresh(alias)


@cache
def compile_fresh(alias: str) -> tuple[Element, ...]:
    """An alias compiled from its text (what compile_alias does when nothing was compiled
    ahead of time)."""
    elements: list[Element] = []
    parts = [p.strip() for p in normalize(alias).split("...")]
    if any(not p for p in parts):
        raise ValueError('has "..." without words on both sides')
    for n, part in enumerate(parts):
        first_in_part = True
        for word in part.split():
            prefix = word.endswith("*")
            word = word.rstrip("*")
            tokens = _word_tokens(word)
            for k, tok in enumerate(tokens):
                is_prefix = prefix and k == len(tokens) - 1
                key = tok.raw.lower() if is_prefix else tok.stem
                if is_prefix and len(key) < 3:
                    raise ValueError("has a '*' after fewer than three letters")
                cased = any(c.isupper() for c in tok.raw)
                gap = GAP if (first_in_part and n > 0) else 0
                elements.append(Element(key, is_prefix, cased, gap))
                first_in_part = False
        if first_in_part:
            raise ValueError("has a part with no words (only punctuation)")
    return tuple(elements)


@cache
def _word_tokens(word: str) -> tuple[Token, ...]:
    """An alias word's tokens, once per word: the built-in lexicon's two thousand aliases share
    most of their words, and tokenizing them was a fifth of an analysis's start-up."""
    return tuple(tokenize(word))


def _element_matches(el: Element, tok: Token) -> bool:
    if el.cased and tok.raw == tok.raw.lower() and not tok.raw.isdigit():
        return False
    if el.prefix:
        return tok.raw.lower().startswith(el.key) or tok.stem.startswith(el.key)
    return tok.stem == el.key


class AliasIndex:
    """All aliases of a set of entries, indexed by their first word for speed."""

    def __init__(self, aliases: dict[str, tuple[str, ...]]):
        self._by_first: dict[str, list[tuple[str, str, tuple[Element, ...]]]] = {}
        # Aliases that start with a wildcard ("reconcil* ... stock"), by the first three letters
        # of their prefix (a prefix has at least three), each with its place among them so that
        # hits come out in the same order as when every one was tried at every word.
        self._by_prefix3: dict[str, list[tuple[int, tuple[str, str, tuple[Element, ...]]]]] = {}
        n_prefix = 0
        for entry_id, texts in aliases.items():
            for text in texts:
                elements = compile_alias(text)
                item = (entry_id, text, elements)
                if elements[0].prefix:
                    self._by_prefix3.setdefault(elements[0].key[:3], []).append((n_prefix, item))
                    n_prefix += 1
                else:
                    self._by_first.setdefault(elements[0].key, []).append(item)

    def _prefix_candidates(self, tok: Token) -> list[tuple[str, str, tuple[Element, ...]]]:
        """The wildcard aliases whose prefix could match this word (its spelling or its stem)."""
        raw3, stem3 = tok.raw.lower()[:3], tok.stem[:3]
        found = self._by_prefix3.get(raw3, [])
        if stem3 != raw3 and stem3 in self._by_prefix3:
            found = sorted(found + self._by_prefix3[stem3], key=lambda pair: pair[0])
        return [item for _, item in found]

    def find(self, tokens: list[Token]) -> list[Hit]:
        """Every alias occurrence in the tokens (overlaps allowed), in text order."""
        hits: list[Hit] = []
        for i, tok in enumerate(tokens):
            candidates = self._by_first.get(tok.stem, [])
            for entry_id, text, elements in (*candidates, *self._prefix_candidates(tok)):
                if not _element_matches(elements[0], tok):
                    continue
                positions = _match_rest(elements, tokens, i)
                if positions is not None:
                    hits.append(Hit(entry_id, text, i, positions[-1] + 1, positions))
        return hits


def _match_rest(elements: tuple[Element, ...], tokens: list[Token],
                first: int) -> tuple[int, ...] | None:
    positions = [first]
    pos = first + 1
    for el in elements[1:]:
        for j in range(pos, min(pos + el.gap + 1, len(tokens))):
            if _element_matches(el, tokens[j]):
                positions.append(j)
                pos = j + 1
                break
        else:
            return None
    return tuple(positions)
