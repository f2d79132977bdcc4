"""Draw the corpus sentences that helpers labelled by concepts.yml (training-data/corpus-sentences/).

Why: the labelled sets hold 257 resume lines and the quoted sentences of 72 postings; the concept
model needs more sentences worded as duties and requirements are worded, labelled by the same
definitions. The draw is seeded and takes at most two sentences per posting, from postings that no
blind set uses and that are not near copies of a labelled posting, so it can be repeated and never touches what judges the tool.

    python scripts/sample_corpus_sentences.py ../shared [N]
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from tailor.posting import parse_job
from tailor.training import blind_ids, corpus_postings, near_copies

SEED = 20261201
PER_POSTING = 2


def sample(shared: Path, bench: Path, n: int) -> list[tuple[str, str, str]]:
    """(item id, posting id, sentence) for n content sentences of 6 to 40 words."""
    rng = random.Random(SEED)
    pool = []
    seen = set()
    postings = corpus_postings(shared / "corpus", blind_ids(bench))
    copies = near_copies(shared, postings)
    labelled_text = " ".join(_words(p.read_text("utf-8"))
                             for p in sorted((shared / "eval").glob("dev*/jobs/*.txt")))
    for posting_id, text in postings:
        if posting_id in copies:
            continue
        job = parse_job(text, posting_id)
        candidates = [" ".join(s.text.split()) for s in job.sentences
                      if not s.ignored and 6 <= len(s.text.split()) <= 40]
        candidates = [c for c in candidates
                      if c.lower() not in seen and _words(c) not in labelled_text]
        rng.shuffle(candidates)
        for c in candidates[:PER_POSTING]:
            seen.add(c.lower())
            pool.append((posting_id, c))
    rng.shuffle(pool)
    # Ids follow the draw, so a larger draw keeps the ids of a smaller one and adds to them.
    return [(f"c{i + 1:04d}", posting_id, text) for i, (posting_id, text) in enumerate(pool[:n])]


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()) + " "


def main() -> None:
    shared = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    bench = Path(__file__).resolve().parents[1] / "bench"
    for item, posting_id, text in sample(shared, bench, n):
        print(f"{item}\t{posting_id}\t{text}")


if __name__ == "__main__":
    main()
