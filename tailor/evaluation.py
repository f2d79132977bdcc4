"""Measuring matching quality on labelled postings: concept F1 and highlight NDCG@10.

Why: whoever writes or tunes a lexicon needs to see whether it got better, with the same two
measures the project is judged by (shared/eval/dev/README.md), and beside a naive TF-IDF baseline
so the gain is visible. The labels format is the dev set's: one JSON object a line,
``{"job": "01", "concepts": {"concept.id": "quote", ...}}``, postings in ``<folder>/<job>.txt``,
and optionally highlight labels ``{"text": "...", "concepts": [...]}``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TailorError
from .lexicon import load_lexicon
from .matching import REPORT_THRESHOLD, analyze, matcher_for
from .models import Lexicon, Resume
from .posting import parse_job
from .sources import read_job


@dataclass
class Scores:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ndcg: list[float] = field(default_factory=list)
    # Per posting, in step with ``ndcg``: does any highlight answer it at all? (If none does,
    # every order scores 0 there.)
    answerable: list[bool] = field(default_factory=list)
    errors: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    # The gap list (asked for and not shown by the resume), scored against the labels: true
    # positives, false positives, false negatives over all postings.
    gaps: list[int] = field(default_factory=lambda: [0, 0, 0])

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def mean_ndcg(self) -> float | None:
        return sum(self.ndcg) / len(self.ndcg) if self.ndcg else None

    @property
    def mean_answerable_ndcg(self) -> float | None:
        """The mean over postings that some highlight answers."""
        kept = [n for n, ok in zip(self.ndcg, self.answerable, strict=True) if ok]
        return sum(kept) / len(kept) if kept else None

    @property
    def gap_f1(self) -> float | None:
        tp, fp, fn = self.gaps
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None

    def add_gaps(self, predicted: set[str], gold: set[str]) -> None:
        self.gaps[0] += len(predicted & gold)
        self.gaps[1] += len(predicted - gold)
        self.gaps[2] += len(gold - predicted)

    def add(self, job: str, predicted: set[str], gold: set[str]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)
        self.errors[job] = (sorted(predicted - gold), sorted(gold - predicted))


def read_labels(path: str | Path) -> list[dict]:
    out = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise TailorError(f"not a JSON line: {exc.msg}", path=path, line=n) from None
    return out


def ndcg_at(order: list[str], relevance: dict[str, int], k: int = 10) -> float:
    """NDCG@k with gain 2^rel - 1 and discount log2(rank + 1), as the dev README defines it."""
    def dcg(rels):
        return sum((2 ** r - 1) / math.log2(i + 2) for i, r in enumerate(rels[:k]))
    ideal = dcg(sorted(relevance.values(), reverse=True))
    return dcg([relevance.get(t, 0) for t in order]) / ideal if ideal else 0.0


def evaluate(jobs_dir: str | Path, labels_path: str | Path, *, resume: Resume | None = None,
             highlight_labels: str | Path | None = None, lexicon: Lexicon | None = None,
             contract_ids: set[str] | None = None, matcher=None) -> tuple[Scores, Scores]:
    """Score the tool and the naive baseline on every labelled posting."""
    lexicon = lexicon or (matcher.lexicon if matcher else load_lexicon())
    matcher = matcher or matcher_for(lexicon)
    items = read_labels(labels_path)
    # Only the vocabulary the labels use is scored: a finer entry the labeller did not use
    # (patient registration, when labels say office operations) is neither right nor wrong.
    ids = contract_ids or {c for item in items for c in item["concepts"]}
    hl_gold = {}
    if highlight_labels:
        hl_gold = {d["text"]: set(d["concepts"]) for d in read_labels(highlight_labels)}
    tool, naive = Scores("tailor"), Scores("naive TF-IDF")
    baseline = NaiveBaseline(lexicon, ids)
    for item in items:
        job_id = str(item["job"])
        path = Path(jobs_dir) / f"{job_id}.txt"
        text, name = read_job(str(path))
        gold = set(item["concepts"]) & ids
        analysis = analyze(parse_job(text, name), matcher, resume)
        tool.add(job_id, {c.id for c in analysis.concepts} & ids, gold)
        naive.add(job_id, baseline.concepts(text), gold)
        if resume is not None and hl_gold:
            relevance = {t: len(c & gold) for t, c in hl_gold.items()}
            tool.ndcg.append(ndcg_at([r.highlight.text for r in analysis.highlights], relevance))
            naive.ndcg.append(ndcg_at(baseline.rank([h.text for h in resume.highlights], text),
                                      relevance))
            for scores in (tool, naive):
                scores.answerable.append(any(relevance.values()))
            # What the labels say the resume shows is what its labelled lines show together.
            shown = set().union(*(hl_gold.get(h.text, set()) for h in resume.highlights))
            tool.add_gaps({c.id for c in analysis.concepts if c.in_resume is False} & ids,
                          gold - shown)
    return tool, naive


class NaiveBaseline:
    """TF-IDF between each concept's name and definition and the posting's sentences.

    The reference method of the dev README: no aliases, no reading of sections or negation.
    """

    THRESHOLD = 0.2

    def __init__(self, lexicon: Lexicon, ids: set[str]):
        self.entries = [e for e in lexicon.entries if e.id in ids]

    def concepts(self, text: str) -> set[str]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        from .posting import _split_sentences

        sentences = [s for line in text.split("\n") for s in _split_sentences(line) if s.strip()]
        docs = [f"{e.name}. {e.description}" for e in self.entries]
        vec = TfidfVectorizer(stop_words="english").fit(docs + sentences)
        sims = (vec.transform(docs) @ vec.transform(sentences).T).toarray()
        return {e.id for e, row in zip(self.entries, sims, strict=True)
                if row.size and row.max() >= self.THRESHOLD}

    def rank(self, highlights: list[str], text: str) -> list[str]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(stop_words="english").fit(highlights + [text])
        sims = (vec.transform(highlights) @ vec.transform([text]).T).toarray()[:, 0]
        order = sorted(range(len(highlights)), key=lambda i: (-sims[i], i))
        return [highlights[i] for i in order]


def format_report(tool: Scores, naive: Scores, *, detail: bool = False) -> str:
    lines = [f"{'method':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'NDCG@10':>9}"]
    for s in (tool, naive):
        nd = f"{s.mean_ndcg:.3f}" if s.mean_ndcg is not None else "-"
        lines.append(f"{s.name:<16}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}{nd:>9}")
    if tool.gap_f1 is not None:
        tp, fp, fn = tool.gaps
        lines.append(f"gap list (asked for, not shown): {tool.name} F1 {tool.gap_f1:.3f} "
                     f"(right {tp}, wrongly called a gap {fp}, gap missed {fn})")
    unanswered = tool.answerable.count(False)
    if unanswered and tool.mean_answerable_ndcg is not None:
        lines.append(f"{unanswered} posting(s) no highlight answers score NDCG 0 in any order; over "
                     f"the other {tool.answerable.count(True)}: {tool.name} "
                     f"{tool.mean_answerable_ndcg:.3f}, {naive.name} {naive.mean_answerable_ndcg:.3f}")
    if detail:
        lines.append("")
        for job, (fp, fn) in tool.errors.items():
            if fp or fn:
                lines.append(f"{job}: extra {', '.join(fp) or '-'} | missed {', '.join(fn) or '-'}")
    return "\n".join(lines)


def tag_counts(folder: str | Path, ids: set[str], matcher) -> list[int]:
    """True positives, false positives and false negatives of the concepts each resume line of
    a labelled set (``highlight-labels.jsonl``) is tagged with, over the ids scored."""
    gold = {d["text"]: set(d["concepts"]) & ids
            for d in read_labels(Path(folder) / "highlight-labels.jsonl")}
    counts = [0, 0, 0]
    texts = list(gold)
    for text, reading in zip(texts, matcher.read(texts, "resume"), strict=True):
        predicted = {k for k, v in reading.scores.items() if v >= REPORT_THRESHOLD} & ids
        counts[0] += len(predicted & gold[text])
        counts[1] += len(predicted - gold[text])
        counts[2] += len(gold[text] - predicted)
    return counts


def read_sentence_table(path: str | Path) -> dict[str, tuple[str, str]]:
    """A table of labelled posting sentences (item id, posting id, sentence; tab-separated, no
    header), as item id -> (posting id, sentence)."""
    rows = {}
    for line in Path(path).read_text("utf-8").splitlines():
        if line.strip():
            item, posting_id, text = line.split("\t", 2)
            rows[item] = (posting_id, text)
    return rows


def kind_counts(folder: str | Path, postings: str | Path) -> dict[str, int]:
    """How the reader decides, counted or not, the sentences of a set labelled by kind
    (``sentences.tsv``: item, posting id, sentence; ``labels.jsonl``: ``{"item", "kind"}``),
    each read in its own posting (``<postings>/<posting id>.txt``): content (a duty, requirement
    or preferred) counted or ignored, boilerplate counted or ignored, and sentences the reader
    no longer cuts as labelled (``unmatched``)."""
    from .sentence_kinds import BOILERPLATE_KINDS, COUNTED_KINDS

    folder, postings = Path(folder), Path(postings)
    rows = {item: (posting_id, " ".join(text.split()))
            for item, (posting_id, text) in read_sentence_table(folder / "sentences.tsv").items()}
    counts = dict.fromkeys(("content counted", "content ignored", "boilerplate counted",
                            "boilerplate ignored", "unmatched"), 0)
    read: dict[str, dict[str, bool]] = {}
    for n, label in enumerate(read_labels(folder / "labels.jsonl"), start=1):
        if label.get("kind") not in COUNTED_KINDS + BOILERPLATE_KINDS:
            raise TailorError(f"not a sentence kind: {label.get('kind')!r}",
                              path=folder / "labels.jsonl", line=n)
        posting_id, text = rows[label["item"]]
        if posting_id not in read:
            job = parse_job((postings / f"{posting_id}.txt").read_text("utf-8"), posting_id)
            seen: dict[str, bool] = {}
            for s in job.sentences:  # a sentence said twice is judged where it first stands
                seen.setdefault(" ".join(s.text.split()), not s.ignored)
            read[posting_id] = seen
        counted = read[posting_id].get(text)
        if counted is None:
            counts["unmatched"] += 1
            continue
        side = "content" if label["kind"] in COUNTED_KINDS else "boilerplate"
        counts[f"{side} {'counted' if counted else 'ignored'}"] += 1
    return counts
