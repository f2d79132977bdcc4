"""Matching quality on labelled sets: concept micro-F1 and highlight NDCG@10, tool vs naive TF-IDF.

Usage: python bench/matching.py [--dev DIR] [--detail]
DIR defaults to ../shared/eval/dev (jobs/, job-labels.jsonl, resume.yml, highlight-labels.jsonl).
After the dev set it measures the held-out batches in bench/heldout*/ (postings written and
labelled for this project; batches 1, 2, 4 and 5 were tuned on after their first blind run,
batch 3 never) with the dev resume and its highlight labels, so that ranking is also measured on
postings other than the dev set's. Prints the figures and the wall time; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from tailor.evaluation import Scores, evaluate, format_report
from tailor.resume import load_resume


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default=str(here.parent / "shared" / "eval" / "dev"))
    parser.add_argument("--concepts", default=str(here.parent / "shared" / "concepts.yml"))
    parser.add_argument("--detail", action="store_true", help="list each posting's errors")
    args = parser.parse_args()
    dev = Path(args.dev)
    started = time.perf_counter()
    ids = {c["id"] for group in yaml.safe_load(Path(args.concepts).read_text()).values()
           for c in group}
    resume = load_resume(str(dev / "resume.yml"))
    hl_labels = dev / "highlight-labels.jsonl"
    tool, naive = evaluate(dev / "jobs", dev / "job-labels.jsonl", resume=resume,
                           highlight_labels=hl_labels, contract_ids=ids)
    print(f"dev set ({len(tool.errors)} postings)")
    print(format_report(tool, naive, detail=args.detail))

    print("\nheld-out postings, with the dev resume")
    print(f"{'batch':<10}{'tailor F1':>10}{'NDCG@10':>9}{'naive F1':>10}{'NDCG@10':>9}")
    pooled = (Scores("tailor"), Scores("naive TF-IDF"))
    for batch in sorted(here.glob("bench/heldout*/")):
        t, n = evaluate(batch / "jobs", batch / "labels.jsonl", resume=resume,
                        highlight_labels=hl_labels, contract_ids=ids)
        print(f"{batch.name:<10}{t.f1:>10.3f}{t.mean_ndcg:>9.3f}{n.f1:>10.3f}{n.mean_ndcg:>9.3f}")
        for total, part in zip(pooled, (t, n), strict=True):
            total.tp, total.fp, total.fn = total.tp + part.tp, total.fp + part.fp, total.fn + part.fn
            total.ndcg += part.ndcg
            total.answerable += part.answerable
    t, n = pooled
    print(f"{'all':<10}{t.f1:>10.3f}{t.mean_ndcg:>9.3f}{n.f1:>10.3f}{n.mean_ndcg:>9.3f}"
          f"   ({len(t.ndcg)} postings)")
    print(f"\nwall time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
