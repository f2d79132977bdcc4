"""Train the models that ship in tailor/trained/ from the development data in ../shared, and
compile the built-in lexicons and fit their TF-IDF spaces, which ship beside them
(tailor/compiled_lexicon.py, tailor/lexicon_vectors.py).

Usage: python scripts/train_models.py [--shared DIR] [--check]

Without --check, writes the files; with --check, trains and says whether the result equals the
shipped files (exit 1 if not). Training is deterministic: run twice, it writes the same bytes.
The postings of bench/corpus-blind*/ are never trained on.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tailor import compiled_lexicon, lexicon_vectors
from tailor.training import build_models

HERE = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(HERE.parent / "shared"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    built = {**build_models(Path(args.shared), HERE / "bench"), **compiled_lexicon.build_all(),
             **lexicon_vectors.build_all()}
    out = HERE / "tailor" / "trained"
    out.mkdir(exist_ok=True)
    stale = []
    for name, data in sorted(built.items()):
        path = out / name
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
        else:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(HERE)} ({len(data) / 1e6:.2f} MB)")
    print(f"{time.perf_counter() - started:.1f} s")
    if stale:
        print("differs from the shipped file: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
