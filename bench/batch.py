"""Speed and memory of ``tailor batch``, as ratios to one ``tailor analyze`` run measured here.

Usage: python bench/batch.py [--runs N]
Needs ../shared (the first 35 postings of ../shared/eval/dev2/jobs, and the 740 postings of
../shared/corpus/postings). Every run is a new process, as a person would start it; each time is
the median of N runs (default 5, the commands taking turns) and each peak memory the largest of
that command's runs (the maximum resident set of the tailor process or of one of its workers).
Prints figures; asserts nothing.

Targets (issue 10): 35 postings with --no-documents at most 2x one analyze run, with documents
at most 5x, peak memory at most 400 MB.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RESUME = str(ROOT / "examples" / "resume.yml")
CLI = [sys.executable, "-m", "tailor"]
# The same command with the documents rendered in this process only (no pool), to measure the pool.
SERIAL = [sys.executable, "-c", "import sys, tailor.batch as b; b.POOL_FROM = 10**9; "
          "from tailor.cli import main; sys.argv[0] = 'tailor'; main()"]


def measure(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak memory (MB) and exit status of one new tailor process."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def repeat(commands: dict, runs: int) -> dict[str, tuple[float, float]]:
    """Each command's median seconds and largest peak, the commands taking turns in each round
    (so that a machine busy with something else slows them alike)."""
    times: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, list[float]] = {k: [] for k in commands}
    for i in range(runs):
        for label, args_for in commands.items():
            seconds, peak, code = measure(args_for(i))
            if code not in (0, 1):
                sys.exit(f"{label}: exit status {code}")
            times[label].append(seconds)
            peaks[label].append(peak)
    return {k: (statistics.median(times[k]), max(peaks[k])) for k in commands}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    jobs = sorted((SHARED / "eval" / "dev2" / "jobs").iterdir())[:35]
    corpus = SHARED / "corpus" / "postings"
    if len(jobs) < 35 or not corpus.is_dir():
        sys.exit(f"{SHARED} must hold eval/dev2/jobs (35 postings or more) and corpus/postings")
    job_args = [str(j) for j in jobs]
    tmp = Path(tempfile.mkdtemp())
    try:
        def out(name):
            return lambda i: str(tmp / f"{name}-{i}")

        figures = repeat({
            "analyze": lambda i: [*CLI, "analyze", job_args[0], "--resume", RESUME, "--format",
                                  "json"],
            "bare": lambda i: [*CLI, "batch", *job_args, RESUME, "-o", out("bare")(i),
                               "--no-documents"],
            "full": lambda i: [*CLI, "batch", *job_args, RESUME, "-o", out("full")(i)],
            "serial": lambda i: [*SERIAL, "batch", *job_args, RESUME, "-o", out("serial")(i)],
        }, runs)
        (single, single_mb), (bare, bare_mb) = figures["analyze"], figures["bare"]
        (full, full_mb), (serial, serial_mb) = figures["full"], figures["serial"]
        scan, scan_mb = repeat({"scan": lambda i: [
            *CLI, "batch", str(corpus), RESUME, "-o", out("scan")(i), "--no-documents"]},
            1)["scan"]
        rows = list(csv.DictReader(open(tmp / "scan-0" / "ranking.csv", encoding="utf-8")))
        read = [r for r in rows if r["status"] == "ok"]
        empty = [r for r in read if r["concepts"] == "0"]
        print(f"{'one tailor analyze JOB --resume RESUME (new process)':<58} {single:6.2f} s "
              f"{single_mb:5.0f} MB")
        print(f"{'batch of 35, --no-documents':<58} {bare:6.2f} s {bare_mb:5.0f} MB "
              f"= {bare / single:4.2f}x one analyze (target <= 2x)")
        print(f"{'batch of 35, with documents':<58} {full:6.2f} s {full_mb:5.0f} MB "
              f"= {full / single:4.2f}x one analyze (target <= 5x)")
        print(f"{'  the same without the pool of two (all in one process)':<58} {serial:6.2f} s "
              f"{serial_mb:5.0f} MB = {serial / single:4.2f}x one analyze")
        print(f"{'peak memory of any batch run (target <= 400 MB)':<58} "
              f"{max(bare_mb, full_mb, serial_mb, scan_mb):6.0f} MB")
        print(f"{f'scan of the {len(rows)} corpus postings, --no-documents':<58} {scan:6.2f} s "
              f"{scan_mb:5.0f} MB = {scan / single:4.1f}x one analyze")
        print(f"{'  postings with no concept':<58} {len(empty):6d} "
              f"({100 * len(empty) / max(1, len(read)):.1f}% of {len(read)} read; "
              f"{len(rows) - len(read)} could not be read)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
