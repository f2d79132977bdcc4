"""Draw the corpus sentences that helpers labelled by concepts.yml (training-data/corpus-sentences/).

Why: the labelled sets hold 257 resume lines and the quoted sentences of 72 postings; the concept
model needs more sentences worded as duties and requirements are worded, labelled by the same
definitions. The draw is seeded and takes at most two sentences per posting, from postings that no
blind set uses and that are not near copies of a scored posting (training.training_postings), so
it never touches what judges the tool. It depends on how the reader cuts sentences, so
training-data/corpus-sentences/ is the record of what was drawn and labelled, not a new run of this
script (see its README).

    python scripts/sample_corpus_sentences.py ../shared [N] [--skip EARLIER.tsv] [--hard | --kinds]
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from tailor.posting import parse_job
from tailor.training import training_postings

SEED = 20261201
PER_POSTING = 2


def sample(shared: Path, bench: Path, n: int, hard: bool = False,
           kinds: bool = False) -> list[tuple[str, str, str]]:
    """(item id, posting id, sentence) for n content sentences of 6 to 40 words; with ``hard``,
    only those the shipped reader finds nothing in or is unsure of (``_unsure_reader``); with
    ``kinds``, counted or not, those whose words name a concept (``_naming_reader``), ids
    k0001..."""
    rng = random.Random(SEED)
    keep = _unsure_reader() if hard else _naming_reader() if kinds else None
    pool = []
    seen = set()
    postings = training_postings(shared, bench)
    labelled_text = " ".join(_words(p.read_text("utf-8"))
                             for p in sorted((shared / "eval").glob("dev*/jobs/*.txt")))
    for posting_id, text in postings:
        job = parse_job(text, posting_id)
        candidates = [" ".join(s.text.split()) for s in job.sentences
                      if (s.ignored in ("", "boilerplate") if kinds else not s.ignored)
                      and 6 <= len(s.text.split()) <= 40]
        candidates = [c for c in candidates
                      if c.lower() not in seen and _words(c) not in labelled_text]
        if keep is not None:
            candidates = keep(candidates)
        rng.shuffle(candidates)
        for c in candidates[:PER_POSTING]:
            seen.add(c.lower())
            pool.append((posting_id, c))
    rng.shuffle(pool)
    # Ids follow the draw, so a larger draw keeps the ids of a smaller one and adds to them
    # (with --skip, main numbers what is left on from the earlier table's highest id).
    prefix = "k" if kinds else "c"
    return [(f"{prefix}{i + 1:04d}", posting_id, text)
            for i, (posting_id, text) in enumerate(pool[:n])]


UNSURE = 0.15  # a model likelihood this high, for a concept not claimed, is worth a label


def _unsure_reader():
    """A filter keeping the sentences the shipped reader claims nothing for, or where the concept
    model finds a concept it does not claim at least UNSURE likely.

    Why: drawn at random, half the sentences teach the model what it already reads (1,267 of them
    took cross-validated concept F1 from 0.892 with half of them to 0.895); a label is worth most
    where the model is wrong or unsure."""
    return _reading_filter(lambda claimed, likely: not claimed or any(
        p >= UNSURE for k, p in likely.items() if k not in claimed))


def _naming_reader():
    """A filter keeping the sentences whose words, read alone, name a concept: those whose kind
    (duty, requirement or boilerplate) decides whether the posting is read as asking for it.

    Why: what kind a sentence is matters only where it names something; a wrong kind there is a
    concept counted from "we offer training" or lost from "you must be IT literate"."""
    return _reading_filter(lambda claimed, likely: bool(claimed))


def _reading_filter(keeps):
    """A filter of sentences by ``keeps(claimed, likely)``: what the shipped reader claims in each,
    read alone as a posting sentence, and the concept model's likelihoods."""
    from tailor.lexicon import load_lexicon
    from tailor.matching import REPORT_THRESHOLD, Matcher

    matcher = Matcher(load_lexicon())

    def keep(texts: list[str]) -> list[str]:
        readings = matcher.read(texts, "posting")
        return [text for text, reading in zip(texts, readings, strict=True)
                if keeps({k for k, v in reading.scores.items() if v >= REPORT_THRESHOLD},
                         reading.likely)]
    return keep


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()) + " "


def main() -> None:
    """``--skip TSV``: leave out the sentences of an earlier draw and number on after its last
    id (how c0601-c1500 were drawn: 900 of a draw of 1,500, skipping c0001-c0600). ``--hard``:
    draw only sentences the reader finds nothing in or is unsure of (how c1501-c2100 were drawn,
    skipping the whole of sentences.tsv). ``--kinds``: draw sentences, counted or not, whose words
    name a concept, for labelling by kind (bench/sentence-kinds/)."""
    args = sys.argv[1:]
    hard, kinds = "--hard" in args, "--kinds" in args
    args = [a for a in args if a not in ("--hard", "--kinds")]
    skip_table = None
    if "--skip" in args:
        at = args.index("--skip")
        skip_table = Path(args[at + 1])
        del args[at:at + 2]
    shared = Path(args[0])
    n = int(args[1]) if len(args) > 1 else 600
    bench = Path(__file__).resolve().parents[1] / "bench"
    drawn = sample(shared, bench, n, hard, kinds)
    first = 1
    if skip_table is not None:
        earlier = [line.split("\t") for line in skip_table.read_text("utf-8").splitlines()
                   if line.strip()]
        seen = {" ".join(row[2].split()).lower() for row in earlier}
        first = max((int(row[0][1:]) for row in earlier), default=0) + 1
        drawn = [row for row in drawn if " ".join(row[2].split()).lower() not in seen]
    for k, (item, posting_id, text) in enumerate(drawn):
        print(f"{item[0]}{first + k:04d}\t{posting_id}\t{text}")


if __name__ == "__main__":
    main()
