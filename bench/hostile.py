"""Time and memory of tailor on hostile inputs, as ratios to a small normal input in the same run.

Why: issue 12 found inputs whose cost grew with the square of their size (a run of initials, a
resume of 20,000 highlights, 6,000 wildcard aliases) or that took gigabytes (a .docx that unpacks
to 600 MB, a page of nested tags, templates building huge strings). Each is run here as the real
command in its own process, under a memory limit, and reported beside the example posting so the
figures mean the same on any machine. Tests never time anything; this prints, and fails only when
a run crashes or goes over the generous bound (20 times the normal run, or the memory limit).

    python bench/hostile.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOB, RESUME = str(ROOT / "examples" / "job.txt"), str(ROOT / "examples" / "resume.yml")
BAD = ROOT / "tests" / "data" / "bad"
MEMORY_LIMIT = 1536 * 1024 * 1024
BOUND = 20  # times the normal run


def run(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Seconds, peak memory (MB) and exit status of one tailor process, and its first error line."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tailor", *args], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    errors = [line for line in err.splitlines() if line.startswith("Error")]
    if "Traceback" in err or "internal error" in err:
        errors = ["CRASH: " + err.strip().splitlines()[-1]]
    return seconds, usage.ru_maxrss / 1024, code, (errors[0] if errors else "")


def inputs(tmp: Path) -> list[tuple[str, list[str]]]:
    example = Path(JOB).read_text("utf-8")
    full = (example + "\n") * (250_000 // (len(example) + 1))  # a full-size posting
    files = {
        "full.txt": full,
        "long-line.txt": "Medical Office Manager\n\n" + "x" * 250_000 + "\n",
        "initials.txt": "Medical Office Manager\n\n" + "J. " * 98_000 + "Supervise staff.\n",
        "nested.html": "<html><body>" + "<div>" * 3_000_000 + "</body></html>",
        "tags.html": "<html><body>" + "<b>a</b>" * 49_000 + "</body></html>",
        "ld-deep.html": ('<html><script type="application/ld+json">' + "[" * 100_000
                         + "]" * 100_000 + "</script><body><p>Office Manager</p></body></html>"),
    }
    for name, text in files.items():
        (tmp / name).write_text(text, "utf-8")
    for n in (200, 2_000, 20_000):
        lines = "".join(f"      - Led the desk and cut costs {i}\n" for i in range(n))
        (tmp / f"hl-{n}.yml").write_text("basics:\n  name: A\nwork:\n  - name: A\n    highlights:\n"
                                         + lines)
    aliases = "".join(f"      - w{i:05d}x*\n" for i in range(6_000))
    (tmp / "wild.yml").write_text("entries:\n  - id: skill.wild\n    name: Wild\n    kind: skill\n"
                                  "    description: Many wildcards.\n    aliases:\n" + aliases)
    words = ("manage staff budget billing schedule patient records front desk team train hire "
             "improve workflow audit insurance claims office supply cost reduce").split()
    entries = []
    for i in range(1_900):  # with the built-in entries, just under the limit of 2,000
        pick = [words[(i * k) % len(words)] for k in (1, 3, 5, 7)]
        aliases = "".join(f"      - {pick[j % 4]}{'*' if j % 3 == 0 else ''} ... "
                          f"{pick[(j + 1) % 4]} q{i}\n" for j in range(9))
        entries.append(f"  - id: skill.e{i}\n    name: E{i}\n    kind: skill\n"
                       f"    description: {' '.join(pick)}\n    aliases:\n{aliases}")
    (tmp / "big-lexicon.yml").write_text("entries:\n" + "".join(entries))
    out = ["-o", str(tmp / "out"), "--force"]
    return [
        ("normal: example posting and resume", [JOB, RESUME, *out]),
        ("full-size posting (250,000 characters)", ["full.txt", RESUME, *out]),
        ("one 250,000-character line", ["long-line.txt", RESUME, *out]),
        ("98,000 initials 'J. '", ["initials.txt", RESUME, *out]),
        ("6,000 wildcard aliases, full-size posting", ["full.txt", RESUME, "--lexicon", "wild.yml",
                                                       *out]),
        ("all at the limits: posting, highlights, lexicon", ["full.txt", "hl-2000.yml", "--lexicon",
                                                             "big-lexicon.yml", *out]),
        ("resume of 200 highlights", [JOB, "hl-200.yml", *out]),
        ("resume of 2,000 highlights (the limit)", [JOB, "hl-2000.yml", *out]),
        ("resume of 20,000 highlights (refused)", [JOB, "hl-20000.yml", *out]),
        ("page of 3,000,000 nested tags (refused)", ["nested.html", RESUME, *out]),
        ("page of 49,000 tags (under the limit)", ["tags.html", RESUME, *out]),
        ("JSON-LD nested 100,000 deep", ["ld-deep.html", RESUME, *out]),
        (".docx unpacking to 30 MB (refused)", [str(BAD / "job-zip-bomb.docx"), RESUME, *out]),
        ("PDF stream past pypdf's limit (refused)", [str(BAD / "job-pdf-bomb.pdf"), RESUME, *out]),
        *[(f"template {d.name}", [JOB, RESUME, "--templates", str(d), *out])
          for d in sorted(BAD.glob("template-*")) if d.is_dir()],
    ]


def main() -> int:
    failed = 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cases = inputs(tmp)
        base = None
        print(f"{'input':<46} {'time':>8} {'x normal':>9} {'peak MB':>8}  result")
        for label, args in cases:
            seconds, mb, code, error = run(args, tmp)
            base = base or seconds
            ratio = seconds / base
            bad = error.startswith("CRASH") or ratio > BOUND or code not in (0, 1)
            failed += bad
            shown = error[:70] if error else ("ok" if code == 0 else f"exit {code}")
            print(f"{label:<46} {seconds:7.2f}s {ratio:8.2f}x {mb:8.0f}  "
                  f"{'FAIL ' if bad else ''}{shown}")
    print(f"\nmemory limit {MEMORY_LIMIT // (1024 * 1024)} MB per run; bound {BOUND}x the normal "
          f"run; {failed} over")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
