"""Speed and memory of the main paths, on the bundled example and on a posting at the size limit.

Usage: python bench/speed.py
Prints seconds and peak memory (max RSS of this process); asserts nothing. First, what one
analysis of a posting with a resume adds to the time a new process needs to import the libraries
it uses (target: at most 0.3 s), and that process's peak memory (target: at most 300 MB), each
the median of seven runs measured here and now, alternating, with bytecode compiled as an
installed tailor has it.
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


# The floor imports what an analysis imports and, like tailor's own entry point (cli.main), ends by
# freezing the garbage collector, so the difference is tailor's own work and nothing else.
# (scikit-learn is not among them: the built-in lexicon's TF-IDF space ships fitted,
# lexicon_vectors.py, and a test holds that an analysis does not import it.)
LIBRARIES = ("import click, yaml, jsonschema, charset_normalizer, numpy, scipy.sparse; "
             "import gc; gc.freeze()")


def _run(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall time and peak memory (MB) of one child process."""
    import os

    started = time.perf_counter()
    pid = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=env).pid
    _, status, usage = os.wait4(pid, 0)
    if status:
        raise SystemExit(f"failed: {' '.join(args)}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


RUNS = 7


def added_by_analysis(job: str, resume: str) -> None:
    """Why bytecode: ``pip install .`` (the README's install) compiles tailor's modules, so an
    installed tailor never compiles its source at start-up. A checkout run with
    PYTHONDONTWRITEBYTECODE (set on some machines, this one included) would, and that is 0.07 s
    here that no user pays. So the children write and reuse bytecode in a folder of their own,
    after one warm-up run; the floor and the analysis alternate, so a slow spell of a shared
    machine falls on both."""
    import os
    import statistics

    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        analysis = [sys.executable, "-m", "tailor", "analyze", job, "--resume", resume,
                    "--format", "json"]
        floor_run = [sys.executable, "-c", LIBRARIES]
        _run(analysis, env), _run(floor_run, env)
        libs, runs = [], []
        for _ in range(RUNS):
            libs.append(_run(floor_run, env))
            runs.append(_run(analysis, env))
    floor = statistics.median(t for t, _ in libs)
    whole = statistics.median(t for t, _ in runs)
    memory = statistics.median(m for _, m in runs)
    print(f"{'importing the libraries analysis uses':<48} {floor:7.2f} s")
    print(f"{'tailor analyze JOB --resume RESUME':<48} {whole:7.2f} s   "
          f"(adds {whole - floor:.2f} s, {whole / floor:.2f}x; target: adds at most 0.3 s)")
    print(f"{'  its peak memory':<48} {memory:7.0f} MB  (target: at most 300 MB)")


def main() -> None:
    from tailor.pipeline import analyze_job, tailor_application
    from tailor.sources import MAX_JOB_CHARS

    job, resume = str(ROOT / "examples" / "job.txt"), str(ROOT / "examples" / "resume.yml")
    added_by_analysis(job, resume)
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
