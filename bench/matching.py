"""Matching quality on a labelled set: concept micro-F1 and highlight NDCG@10, tool vs naive TF-IDF.

Usage: python bench/matching.py [--dev DIR] [--detail]
DIR defaults to ../shared/eval/dev (jobs/, job-labels.jsonl, resume.yml, highlight-labels.jsonl).
Prints the figures and the wall time; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from tailor.evaluation import evaluate, format_report
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
    tool, naive = evaluate(dev / "jobs", dev / "job-labels.jsonl", resume=resume,
                           highlight_labels=dev / "highlight-labels.jsonl", contract_ids=ids)
    print(format_report(tool, naive, detail=args.detail))
    print(f"\npostings: {len(tool.errors)}  wall time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
