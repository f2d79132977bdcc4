"""Where ranking loses: NDCG@10 with the annotators' labels in place of each side's reading.

Usage: python bench/ranking_oracle.py
For dev and dev2 (../shared/eval), each full resume is ranked against each posting four ways:
what ships; with the annotators' tags on the resume lines in place of the tool's (named things
and finer entries as the tool read them); with the annotators' labels of the posting in place of
the concepts the tool found; and with both. The shipped concept model learned these sets, so
"what ships" flatters the tool; the gaps between the rows are what matters. Asserts nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tailor.evaluation import ndcg_at, read_labels
from tailor.lexicon import load_lexicon
from tailor.matching import matcher_for
from tailor.models import ConceptMatch
from tailor.posting import parse_job
from tailor.resume import load_resume
from tailor.sources import read_job
from tailor.training import contract_ids


def main() -> None:
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    ids = set(contract_ids(shared))
    lexicon = load_lexicon()
    matcher = matcher_for(lexicon)
    for name in ("dev", "dev2"):
        folder = shared / "eval" / name
        resume = load_resume(str(folder / "resume.yml"))
        tags = {d["text"]: set(d["concepts"]) & ids
                for d in read_labels(folder / "highlight-labels.jsonl")}
        readings = matcher.read_resume(resume)
        # The annotators' tags as sure evidence, and nothing the model finds likely.
        labelled = {text: replace(r, scores={**{k: v for k, v in r.scores.items()
                                                if k not in ids},
                                             **{c: 1.0 for c in tags.get(text, ())}},
                                  likely={})
                    for text, r in readings.items()}
        rows: dict[str, list[float]] = {"what ships": [], "annotators' line tags": [],
                                        "annotators' posting labels": [], "both": []}
        for item in read_labels(folder / "job-labels.jsonl"):
            job = parse_job(*read_job(str(folder / "jobs" / f"{item['job']}.txt")))
            gold = set(item["concepts"]) & ids
            concepts, touched, maybe = matcher.read_job(job)
            asked = [ConceptMatch(c, lexicon.by_id[c].name, lexicon.by_id[c].kind, 1.0,
                                  "required", ("label",)) for c in sorted(gold)]
            relevance = {text: len(c & gold) for text, c in tags.items()}
            for row, lines, wants, may in (("what ships", readings, concepts, maybe),
                                           ("annotators' line tags", labelled, concepts, maybe),
                                           ("annotators' posting labels", readings, asked, {}),
                                           ("both", labelled, asked, {})):
                ranked = matcher.rank_highlights(resume, wants, lines, touched, may)
                rows[row].append(ndcg_at([r.highlight.text for r in ranked], relevance))
        print(f"{name} ({len(rows['both'])} postings, full resume of {len(tags)} lines), NDCG@10:")
        for row, values in rows.items():
            print(f"  {row:<28}{sum(values) / len(values):.3f}")


if __name__ == "__main__":
    main()
