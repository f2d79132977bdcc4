"""Sentence by sentence: what the reader made of each sentence of the posting (``--explain``).

Why: when the analysis misses something ("why didn't it see that I need SystmOne?"), the person
needs to see where it went: the sentence was read as boilerplate, or negated, or it was counted
but names nothing the lexicon knows. So every sentence is listed in posting order, verbatim, with
what it was read as, the concepts it yielded, and, for a sentence not counted, what it would have
yielded and why it was not counted.

These are pure functions over the posting as read, the reported concepts and, per sentence, the
concepts it names (``Matcher.sentence_concepts``); they compute nothing new about the job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .models import ConceptMatch, Job, Lexicon


@dataclass(frozen=True)
class ExplainedSentence:
    """One sentence of the posting and what became of it.

    ``concepts`` are the reported concepts it yielded (empty for a sentence not counted);
    ``would_yield`` what a sentence not counted names, which it would have yielded had it counted.
    ``reason`` is why it was not counted, in the reader's words, and ``why`` the same with what
    it names ('' for both when counted). ``names`` gives the name of each id of either list.
    """

    text: str
    line: int
    counted: bool
    kind: str
    importance: str
    reason: str
    why: str
    concepts: tuple[str, ...] = ()
    would_yield: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # of concepts, or of would_yield, in the same order


def explain_sentences(job: Job, concepts: Sequence[ConceptMatch],
                      named: Sequence[Sequence[str]], lexicon: Lexicon) -> list[ExplainedSentence]:
    """Every sentence of ``job``, in order, with what it yielded or would have yielded.

    ``named`` is aligned with ``job.sentences``: the concept ids each sentence names.

    A counted sentence yields only concepts that are reported (a concept it names that stays
    below the reporting threshold was not asked for, so listing it would contradict the report);
    a reported concept also counts as yielded by the sentences quoted as its evidence, so that
    every reported concept comes from a sentence listed here even when several sentences each
    gave it weak support.
    """
    if len(named) != len(job.sentences):
        raise ValueError("named must hold one entry per sentence of the job")
    order = {c.id: n for n, c in enumerate(concepts)}
    quoted: dict[str, list[str]] = {}
    for c in concepts:
        for text in c.evidence:
            quoted.setdefault(text, []).append(c.id)
    out = []
    for sentence, ids in zip(job.sentences, named, strict=True):
        counted = not sentence.ignored
        if counted:
            yielded = {k for k in ids if k in order} | set(quoted.get(sentence.text, ()))
            ids = tuple(sorted(yielded, key=order.__getitem__))
            out.append(ExplainedSentence(
                sentence.text, sentence.line, True, sentence.kind, sentence.importance, "", "",
                concepts=ids, names=_names(ids, lexicon)))
        else:
            reason = sentence.why or sentence.ignored
            ids = tuple(dict.fromkeys(ids))
            names = _names(ids, lexicon)
            why = (f"{reason} (it names {', '.join(names)}, but was not counted)" if ids
                   else reason)
            out.append(ExplainedSentence(
                sentence.text, sentence.line, False, sentence.kind or sentence.ignored,
                sentence.importance, reason, why, would_yield=ids, names=names))
    return out


def sentences_json(explained: Sequence[ExplainedSentence]) -> list[dict]:
    """The ``"sentences"`` list of ``analyze --explain --format json`` (shared/CONTRACT.md)."""
    out = []
    for s in explained:
        item = {"text": s.text, "line": s.line, "counted": s.counted, "kind": s.kind,
                "importance": s.importance, "concepts": list(s.concepts)}
        if s.would_yield:
            item["would_yield"] = list(s.would_yield)
        item["why"] = s.why
        out.append(item)
    return out


def explain_text(explained: Sequence[ExplainedSentence]) -> str:
    """The same for a person: one sentence a line, marked with what it was read as."""
    lines = ["How each sentence was read (line: [read as] sentence -> what it yielded; a counted",
             "sentence with no arrow names nothing the lexicon in use knows):"]
    width = len(str(max((s.line for s in explained), default=1)))
    for s in explained:
        text = " ".join(s.text.split())
        if s.counted:
            mark = f"[{s.kind or 'counted'}]"
            tail = f" -> {', '.join(s.names)}" if s.concepts else ""
        else:
            mark = f"[not counted: {s.reason}]"
            tail = f" -> would have named {', '.join(s.names)}" if s.would_yield else ""
        lines.append(f"  {s.line:>{width}}: {mark} {text}{tail}")
    return "\n".join(lines)


def _names(ids: Sequence[str], lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(lexicon.by_id[k].name if k in lexicon.by_id else k for k in ids)
