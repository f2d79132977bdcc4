"""Matching quality on labelled sets: concepts, resume-line tags, ranking, and the corpus scan.

Usage: python bench/matching.py [--dev DIR] [--detail] [--quick]
DIR defaults to ../shared/eval/dev (jobs/, job-labels.jsonl, resume.yml, highlight-labels.jsonl).
Prints, in order:
1. dev and dev2 (../shared/eval/dev2): concept P/R/F1 and NDCG@10, tool vs naive TF-IDF, read
   by the aliases alone: the shipped concept model learned both sets' sentences and resume lines
   (the sentence-kind model only the unlabelled corpus), so what it adds is measured in 2.
2. Cross-validation grouped by posting and by person (training.cross_validate_concepts, about
   90 s; skipped with --quick): concepts, resume-line tags and NDCG@10, aliases alone vs with
   the concept model, each posting and line scored by a model that never saw it; for dev and
   dev2 together, then each apart, then the tags of training-data/resume-lines (by person).
3. bench/corpus-blind*: corpus postings labelled blind by two annotators and a third; no model
   learns from them. corpus-blind (40) was never tuned on until 2026-12-02, when it was
   consulted on two lexicon changes (one kept, one dropped; its README says which), and
   stop 21 touched it (its README says how); corpus-blind2 (30, drawn that day) has decided nothing.
4. bench/sentence-kinds: corpus sentences labelled by kind (duty, requirement, boilerplate of
   which kind): how often the reader counts them or not as labelled.
5. bench/resume-register: corpus sentences labelled as if they were resume lines (tags); and
   bench/resume-lines-blind: real resume lines of people no model learns from (tags).
6. The held-out batches in bench/heldout*/ (postings written and labelled for this project;
   batches 1, 2, 4 and 5 were tuned on after their first blind run, batch 3 never) with the
   dev resume.
7. The corpus scan (bench/corpus_scan.py): postings with no concept, share not counted.
Prints the figures and the wall time; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from tailor.evaluation import Scores, evaluate, format_report, kind_counts, tag_counts
from tailor.lexicon import load_lexicon
from tailor.matching import Matcher
from tailor.resume import load_resume
from tailor.training import cross_validate_concepts, prf


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default=str(here.parent / "shared" / "eval" / "dev"))
    parser.add_argument("--concepts", default=str(here.parent / "shared" / "concepts.yml"))
    parser.add_argument("--detail", action="store_true", help="list each posting's errors")
    parser.add_argument("--quick", action="store_true", help="skip the cross-validation")
    args = parser.parse_args()
    dev = Path(args.dev)
    started = time.perf_counter()
    ids = {c["id"] for group in yaml.safe_load(Path(args.concepts).read_text()).values()
           for c in group}
    resume = load_resume(str(dev / "resume.yml"))
    hl_labels = dev / "highlight-labels.jsonl"
    # The concept model learned dev's and dev2's sentences and lines, so these two sets are read
    # here by the aliases alone; what the model adds is measured by cross-validation below.
    aliases_only = Matcher(load_lexicon(), concept_model=None)
    tool, naive = evaluate(dev / "jobs", dev / "job-labels.jsonl", resume=resume,
                           highlight_labels=hl_labels, contract_ids=ids, matcher=aliases_only)
    print(f"dev set ({len(tool.errors)} postings; read by aliases alone)")
    print(format_report(tool, naive, detail=args.detail))
    dev2 = dev.parent / "dev2"
    if dev2.is_dir():
        tool2, naive2 = evaluate(dev2 / "jobs", dev2 / "job-labels.jsonl",
                                 resume=load_resume(str(dev2 / "resume.yml")),
                                 highlight_labels=dev2 / "highlight-labels.jsonl",
                                 contract_ids=ids, matcher=aliases_only)
        print(f"\ndev2 set ({len(tool2.errors)} postings; read by aliases alone)")
        print(format_report(tool2, naive2, detail=args.detail))
        for name, folder in (("dev", dev), ("dev2", dev2)):
            counts = tag_counts(folder, ids, aliases_only)
            p, r, f = prf(counts)
            print(f"{name} resume-line tags, aliases alone: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")

    if not args.quick:
        print("\ncross-validated (5 folds grouped by posting and by person)")
        result = cross_validate_concepts(here.parent / "shared", here / "bench", load_lexicon())
        for method, pooled in result.items():
            for label, c in (("both", pooled), *pooled["by_set"].items()):
                if label == "lines":  # resume lines alone: tags only
                    print(f"{method:<8}{label:<5} tags P/R/F1 {_triple(prf(c['tags']))}   "
                          f"(training-data/resume-lines, by person)")
                    continue
                ndcg = sum(c["ndcg"]) / len(c["ndcg"])
                print(f"{method:<8}{label:<5} concepts P/R/F1 {_triple(prf(c['concepts']))}"
                      f"   tags P/R/F1 {_triple(prf(c['tags']))}"
                      f"   NDCG@10 {ndcg:.3f} ({len(c['ndcg'])} postings, own fold's lines)"
                      f"   gap list F1 {prf(c['gaps'])[2]:.3f}")

    corpus = here.parent / "shared" / "corpus"
    if (corpus / "postings").is_dir():
        for blind in sorted((here / "bench").glob("corpus-blind*/")):
            t, n = evaluate(corpus / "postings", blind / "labels.jsonl", contract_ids=ids)
            use = _BLIND_USE.get(blind.name, "blind")
            print(f"\n{blind.name} ({len(t.errors)} postings, {use}): tailor P/R/F1 "
                  f"{t.precision:.3f} / {t.recall:.3f} / {t.f1:.3f}   naive F1 {n.f1:.3f}")

        k = kind_counts(here / "bench" / "sentence-kinds", corpus / "postings")
        content = k["content counted"] + k["content ignored"]
        boilerplate = k["boilerplate counted"] + k["boilerplate ignored"]
        read = content + boilerplate
        right = k["content counted"] + k["boilerplate ignored"]
        agreement = f"{right / read:.3f}" if read else "-"
        print(f"\nsentence-kinds ({read + k['unmatched']} corpus sentences labelled by kind): "
              f"counted or not as labelled {agreement}; content ignored "
              f"{k['content ignored']} of {content}, boilerplate counted "
              f"{k['boilerplate counted']} of {boilerplate}"
              + (f", {k['unmatched']} no longer cut as labelled" if k["unmatched"] else ""))

    shipped = Matcher(load_lexicon())
    for name, what in (("resume-register", "corpus sentences read as resume lines"),
                       ("resume-lines-blind", "real resume lines, blind")):
        folder = here / "bench" / name
        labels = folder / "highlight-labels.jsonl"
        rows = labels.read_text("utf-8").count("\n")
        print(f"\n{name} ({rows} {what}, never tuned on): "
              f"tags P/R/F1 {_triple(prf(tag_counts(folder, ids, shipped)))}")

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
    if (corpus / "postings").is_dir():
        from corpus_scan import scan

        figures = scan(corpus)
        empty = figures["no_concept"]
        print(f"\ncorpus scan: {len(empty)} of {figures['postings']} postings with no concept "
              f"({len(empty) / figures['postings']:.1%}): {', '.join(empty)}")
    print(f"\nwall time: {time.perf_counter() - started:.1f} s")


_BLIND_USE = {"corpus-blind": ("blind; consulted on two lexicon changes on 2026-12-02, touched "
                                "in stop 21"),
              "corpus-blind2": "blind, never tuned on"}


def _triple(values) -> str:
    return " / ".join(f"{v:.3f}" for v in values)


if __name__ == "__main__":
    main()
