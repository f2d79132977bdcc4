"""Speed and memory of the main paths, on the bundled example and on a posting at the size limit.

Usage: python bench/speed.py
Prints seconds and peak memory (max RSS of this process); asserts nothing.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, fn) -> None:
    started = time.perf_counter()
    fn()
    print(f"{label:<48} {time.perf_counter() - started:7.2f} s")


def main() -> None:
    from tailor.pipeline import analyze_job, tailor_application
    from tailor.sources import MAX_JOB_CHARS

    job, resume = str(ROOT / "examples" / "job.txt"), str(ROOT / "examples" / "resume.yml")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        body = (ROOT / "examples" / "job.txt").read_text("utf-8")
        big.write_text((body * (MAX_JOB_CHARS // len(body)))[: MAX_JOB_CHARS - 1], "utf-8")
        cli = [sys.executable, "-m", "tailor"]
        timed("tailor --help (new process)", lambda: subprocess.run(
            [*cli, "--help"], check=True, capture_output=True))
        timed("tailor analyze example (new process)", lambda: subprocess.run(
            [*cli, "analyze", job, "--resume", resume, "--format", "json"], check=True,
            capture_output=True))
        timed("first analysis in-process (builds the matcher)", lambda: analyze_job(job, resume))
        timed("second analysis in-process", lambda: analyze_job(job, resume))
        timed(f"analysis of a {MAX_JOB_CHARS:,}-character posting", lambda: analyze_job(str(big), resume))
        timed("tailor example: three documents and report", lambda: tailor_application(
            job, resume, str(Path(tmp) / "out")))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of this process':<48} {peak:7.0f} MB")


if __name__ == "__main__":
    main()
