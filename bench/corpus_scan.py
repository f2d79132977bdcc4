"""What the reader and matcher make of the unlabelled corpus: empty readings, uncounted text, speed.

Usage: python bench/corpus_scan.py [--corpus DIR] [--concepts FILE] [--list]
DIR defaults to ../shared/corpus (postings/NNNN.txt, index.tsv); FILE to ../shared/concepts.yml,
whose 39 ids are the concepts counted here (a finer lexicon entry counts through the contract
concept it implies; duty.reporting, duty.strategic-planning and the achievements imply none).
Each posting is read as the CLI reads it (read_job, parse_job, Matcher.job_concepts). Prints:
postings with no concept (with --list their ids and titles), the share of sentences not counted
per posting (a sentence is not counted when ``ignored`` is set; titles and headings are left out
of both sides), concepts per posting, the not-counted sentences by kind, the UK / US split of
the empty readings, and the wall time. With --list also the postings with the highest share not
counted. The corpus is unlabelled, so these are symptoms to read, not scores; asserts nothing.
Importable: scan(corpus_dir) returns the figures and per-posting rows as a dict.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_CONCEPTS = ROOT.parent / "shared" / "concepts.yml"
HIGH_SHARE = 0.70  # a posting with more than this share not counted is listed as "mostly not counted"
UK_LAST_ID = 648  # README: 0001-0648 UK (NHS Jobs), 0649-0740 US
STRUCTURAL = ("title", "heading")  # not sentences of the body: left out of the share


def contract_ids(path: str | Path = DEFAULT_CONCEPTS) -> set[str]:
    """The concept ids of the contract file (concepts.yml)."""
    data = yaml.safe_load(Path(path).read_text("utf-8"))
    return {c["id"] for group in data.values() for c in group}


def _index(corpus: Path) -> dict[str, dict[str, str]]:
    index = corpus / "index.tsv"
    if not index.is_file():
        return {}
    with open(index, encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh, delimiter="\t")}


def _country(posting_id: str, row: dict[str, str] | None) -> str:
    if row and row.get("country"):
        return row["country"]
    return "UK" if posting_id.isdigit() and int(posting_id) <= UK_LAST_ID else "US"


def scan(corpus_dir: str | Path = DEFAULT_CORPUS,
         concepts_file: str | Path = DEFAULT_CONCEPTS) -> dict:
    """Read every posting of the corpus and return the figures (see main) and one row per posting."""
    from tailor.lexicon import load_lexicon
    from tailor.matching import matcher_for
    from tailor.posting import parse_job
    from tailor.sources import read_job

    corpus = Path(corpus_dir)
    ids = contract_ids(concepts_file)
    index = _index(corpus)
    paths = sorted((corpus / "postings").glob("*.txt"))
    started = time.perf_counter()
    matcher = matcher_for(load_lexicon())
    build_s = time.perf_counter() - started

    rows = []
    kinds_not_counted: Counter[str] = Counter()
    loop_started = time.perf_counter()
    for path in paths:
        t0 = time.perf_counter()
        text, name = read_job(str(path))
        job = parse_job(text, name)
        concepts = matcher.job_concepts(job)
        seconds = time.perf_counter() - t0
        body = [s for s in job.sentences if s.ignored not in STRUCTURAL]
        not_counted = [s for s in body if s.ignored]
        kinds_not_counted.update(s.kind or s.ignored for s in not_counted)
        posting_id = path.stem
        row = index.get(posting_id)
        contract = sorted(c.id for c in concepts if c.id in ids)
        rows.append({
            "id": posting_id,
            "title": (row or {}).get("title") or job.title or "",
            "employer": (row or {}).get("employer") or job.company or "",
            "country": _country(posting_id, row),
            "sentences": len(body),
            "not_counted": len(not_counted),
            "share_not_counted": len(not_counted) / len(body) if body else None,
            "concepts": contract,
            "lexicon_entries": len(concepts),
            "seconds": seconds,
        })
    loop_s = time.perf_counter() - loop_started
    total_s = time.perf_counter() - started

    n = len(rows)
    empty = [r for r in rows if not r["concepts"]]
    shares = [r["share_not_counted"] for r in rows if r["share_not_counted"] is not None]
    counts = [len(r["concepts"]) for r in rows]
    by_country = {}
    for country in sorted({r["country"] for r in rows}):
        group = [r for r in rows if r["country"] == country]
        none = sum(1 for r in group if not r["concepts"])
        by_country[country] = {"postings": len(group), "no_concept": none,
                               "share": none / len(group) if group else 0.0}
    highest = sorted((r for r in rows if r["share_not_counted"] is not None),
                     key=lambda r: (-r["share_not_counted"], r["id"]))
    per_posting = [r["seconds"] for r in rows]
    return {
        "corpus": str(corpus),
        "postings": n,
        "no_concept": [r["id"] for r in empty],
        "no_concept_share": len(empty) / n if n else 0.0,
        "no_lexicon_entry": [r["id"] for r in rows if not r["lexicon_entries"]],
        "share_not_counted": {
            "mean": statistics.fmean(shares) if shares else 0.0,
            "median": statistics.median(shares) if shares else 0.0,
            "over_high": sum(1 for s in shares if s > HIGH_SHARE),
            "no_body_sentence": n - len(shares),
        },
        "sentences": sum(r["sentences"] for r in rows),
        "sentences_not_counted": sum(r["not_counted"] for r in rows),
        "not_counted_by_kind": dict(sorted(kinds_not_counted.items(),
                                           key=lambda kv: (-kv[1], kv[0]))),
        "concepts_per_posting": {
            "mean": statistics.fmean(counts) if counts else 0.0,
            "median": statistics.median(counts) if counts else 0.0,
            "min": min(counts, default=0), "max": max(counts, default=0),
        },
        "by_country": by_country,
        "highest_share": [r["id"] for r in highest[:10]],
        "time": {
            "total_s": total_s, "matcher_build_s": build_s, "postings_s": loop_s,
            "mean_per_posting_s": loop_s / n if n else 0.0,
            "median_per_posting_s": statistics.median(per_posting) if per_posting else 0.0,
            "max_per_posting_s": max(per_posting, default=0.0),
        },
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--concepts", default=str(DEFAULT_CONCEPTS))
    parser.add_argument("--list", action="store_true",
                        help="list the postings with no concept and those most not counted")
    args = parser.parse_args()
    r = scan(args.corpus, args.concepts)
    rows = {row["id"]: row for row in r["rows"]}
    n = r["postings"]
    print(f"corpus {r['corpus']}: {n} postings")
    print(f"postings with no concept: {len(r['no_concept'])} ({r['no_concept_share']:.1%})"
          f"   (no lexicon entry at all: {len(r['no_lexicon_entry'])})")
    if args.list:
        for pid in r["no_concept"]:
            row = rows[pid]
            print(f"  {pid}  {row['country']}  {row['title']}  "
                  f"[{row['not_counted']}/{row['sentences']} not counted]")
    s = r["share_not_counted"]
    print(f"\nsentences not counted per posting (titles and headings left out): "
          f"mean {s['mean']:.1%}, median {s['median']:.1%}; "
          f"{s['over_high']} postings over {HIGH_SHARE:.0%}"
          + (f"; {s['no_body_sentence']} with no body sentence" if s["no_body_sentence"] else ""))
    print(f"all postings: {r['sentences_not_counted']} of {r['sentences']} sentences not counted "
          f"({r['sentences_not_counted'] / max(1, r['sentences']):.1%})")
    if args.list:
        print("highest share not counted:")
        for pid in r["highest_share"]:
            row = rows[pid]
            print(f"  {pid}  {row['country']}  {row['share_not_counted']:.0%} "
                  f"({row['not_counted']}/{row['sentences']})  {len(row['concepts'])} concepts  "
                  f"{row['title']}")
    c = r["concepts_per_posting"]
    print(f"\nconcepts per posting (of the {len(contract_ids(args.concepts))} contract ids): "
          f"mean {c['mean']:.1f}, median {c['median']:g}, min {c['min']}, max {c['max']}")
    print("\nnot-counted sentences by kind:")
    total = max(1, r["sentences_not_counted"])
    for kind, count in r["not_counted_by_kind"].items():
        print(f"  {kind:<12}{count:>6}  {count / total:6.1%}")
    print("\nno concept by country:")
    for country, g in r["by_country"].items():
        print(f"  {country:<4}{g['no_concept']:>4} of {g['postings']:<4} ({g['share']:.1%})")
    t = r["time"]
    print(f"\nwall time: {t['total_s']:.1f} s in all; matcher build {t['matcher_build_s']:.2f} s; "
          f"postings {t['postings_s']:.1f} s = {t['mean_per_posting_s'] * 1000:.1f} ms per posting "
          f"(median {t['median_per_posting_s'] * 1000:.1f} ms, slowest "
          f"{t['max_per_posting_s'] * 1000:.0f} ms, the first includes loading the sentence model)")


if __name__ == "__main__":
    main()
