"""tailor batch: many postings ranked for one resume, with the recurring gaps (issue 10)."""

import csv
import io
import json
import re
import subprocess
import sys
from html import escape as html_escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.batch import (LineProgress, RecurringGap, Row, folder_name, progress_for, rank_rows,
                          recurring_gaps, summary_html, summary_md)
from tailor.cli import cli

from conftest import DATA, EXAMPLES

RESUME = str(EXAMPLES / "resume.yml")
JOBS = str(DATA / "jobs")
EXAMPLE_JOB = str(EXAMPLES / "job.txt")
BAD = DATA / "bad"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def read_csv(folder: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((folder / "ranking.csv").read_text("utf-8"))))


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """A folder holding one good posting, an empty file and a binary file."""
    folder = tmp_path_factory.mktemp("broken")
    (folder / "good.txt").write_bytes((EXAMPLES / "job.txt").read_bytes())
    (folder / "empty.txt").write_bytes((BAD / "job-empty.txt").read_bytes())
    (folder / "binary.txt").write_bytes((BAD / "job-binary.txt").read_bytes())
    return folder


@pytest.fixture(scope="module")
def with_documents(tmp_path_factory):
    """One batch with documents: the test postings, the example and the broken folder."""
    out = tmp_path_factory.mktemp("batch") / "out"
    result = run("batch", JOBS, EXAMPLE_JOB, RESUME, "-o", out)
    return out, result


@pytest.fixture(scope="module")
def no_documents(tmp_path_factory, broken):
    out = tmp_path_factory.mktemp("batch") / "out"
    result = run("batch", JOBS, EXAMPLE_JOB, broken, RESUME, "-o", out, "--no-documents")
    return out, result


def test_each_score_is_the_score_of_tailor_analyze(no_documents):
    out, _ = no_documents
    rows = [r for r in read_csv(out) if r["status"] == "ok"]
    assert len(rows) == 9  # seven test postings, the example and the good copy of it
    for row in rows:
        analyzed = run("analyze", row["posting"], "--resume", RESUME, "--format", "json")
        data = json.loads(analyzed.stdout)
        assert int(row["score"]) == data["match"]["score"], row["posting"]
        assert row["title"] == (data["job"]["title"] or "")
        assert row["company"] == (data["job"]["company"] or "")
        gaps = [c["name"] for c in data["concepts"]
                if c["in_resume"] is False and c["kind"] != "achievement"]
        assert row["missing"] == "; ".join(gaps)


@pytest.mark.parametrize("stdin_name", ["-", "/dev/stdin"])
def test_a_posting_on_standard_input_is_read_wherever_it_stands(tmp_path, stdin_name):
    # Given after other postings, where a pool's forked worker (whose standard input is closed)
    # would otherwise read it as empty.
    if stdin_name != "-" and not Path(stdin_name).exists():
        pytest.skip("no /dev/stdin here")
    out = tmp_path / "out"
    with open(EXAMPLE_JOB, "rb") as posting:
        done = subprocess.run([sys.executable, "-m", "tailor", "batch", JOBS, stdin_name,
                               EXAMPLE_JOB, RESUME, "-o", str(out), "--no-documents"],
                              stdin=posting, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = {r["posting"]: r for r in read_csv(out)}
    piped = next(r for name, r in rows.items() if name in (stdin_name, "<stdin>"))
    assert piped["status"] == "ok"
    assert piped["score"] == rows[EXAMPLE_JOB]["score"]


def test_rows_are_best_first_with_ties_in_posting_order(no_documents):
    out, _ = no_documents
    rows = [r for r in read_csv(out) if r["status"] == "ok"]
    keys = [(-int(r["score"]), r["posting"]) for r in rows]
    assert keys == sorted(keys)
    assert [int(r["rank"]) for r in rows] == list(range(1, len(rows) + 1))
    assert len({r["score"] for r in rows}) < len(rows)  # the set has ties to order


def test_rank_rows_orders_ties_by_path_whatever_the_input_order():
    rows = [Row("b.txt", score=50), Row("c.txt", status="c.txt: the job posting is empty"),
            Row("a.txt", score=50), Row("d.txt", score=90)]
    ranked = rank_rows(rows)
    assert [(r.rank, r.posting) for r in ranked] == [(1, "d.txt"), (2, "a.txt"), (3, "b.txt"),
                                                      (None, "c.txt")]
    assert rank_rows(list(reversed(rows))) == ranked


def test_a_broken_posting_is_a_row_and_the_others_are_written(no_documents, broken):
    out, result = no_documents
    assert result.exit_code == 1
    rows = {Path(r["posting"]).name: r for r in read_csv(out)}
    for name in ("empty.txt", "binary.txt"):
        single = run("analyze", broken / name)  # the message tailor gives for that one posting
        message = " ".join(line.strip() for line in single.stderr.splitlines())
        assert message.startswith("Error: ")
        assert rows[name]["status"] == message[len("Error: "):]
        assert rows[name]["rank"] == rows[name]["score"] == ""
    assert rows["good.txt"]["status"] == "ok" and rows["good.txt"]["score"]
    assert len(rows) == 11
    # Progress: one line per posting (stderr is not a terminal), then the one-line summary.
    lines = result.stderr.splitlines()
    assert len(lines) == 12
    assert [ln.startswith(f"[{i}/11] ") for i, ln in enumerate(lines[:11], 1)] == [True] * 11
    assert [ln for ln in lines if ln.startswith("Error:")] == [lines[-1]]
    assert lines[-1].startswith("Error: 2 of 11 postings could not be read")


def test_no_documents_writes_no_posting_folders(no_documents):
    out, _ = no_documents
    assert sorted(p.name for p in out.iterdir()) == ["ranking.csv", "summary.html", "summary.md"]
    assert all(r["folder"] == "" for r in read_csv(out))


def test_each_posting_folder_holds_what_tailor_job_resume_writes(with_documents, tmp_path):
    out, result = with_documents
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == sorted(r["folder"] for r in rows) and len(folders) == 8
    single = tmp_path / "single"
    assert run(EXAMPLE_JOB, RESUME, "-o", single).exit_code == 0
    expected = sorted(p.name for p in single.iterdir())
    fixed = [n for n in expected if " - " not in n]  # the documents are named for the employer
    assert fixed == ["analysis.json", "gap-report.html", "gap-report.md"]
    for folder in folders:
        names = sorted(p.name for p in (out / folder).iterdir())
        assert [n for n in names if " - " not in n] == fixed, folder
        docs = [n for n in names if " - " in n]
        assert len(docs) == 2 and all(n.startswith("Dana Okafor - ") for n in docs), folder
        assert any(" - Resume" in n for n in docs) and any(" - Cover letter" in n for n in docs)
    example = next(r["folder"] for r in rows if r["posting"] == EXAMPLE_JOB)
    for name in expected:
        assert (out / example / name).read_bytes() == (single / name).read_bytes(), name
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def assert_same_files(a: Path, b: Path) -> None:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_same_inputs_give_the_same_bytes(with_documents, tmp_path):
    out, _ = with_documents
    again = tmp_path / "again"
    assert run("batch", JOBS, EXAMPLE_JOB, RESUME, "-o", again).exit_code == 0
    assert_same_files(out, again)


def test_the_workers_write_what_one_process_writes(with_documents, tmp_path, monkeypatch):
    # Eight postings: a pool of two analysed and wrote them.
    from tailor import batch

    if batch._cores() < 2 or not batch._can_fork():
        pytest.skip("one core, or no fork: the batch ran in one process")
    out, _ = with_documents
    monkeypatch.setattr(batch, "POOL_FROM", 10**9)  # all in this process
    alone = tmp_path / "alone"
    assert run("batch", JOBS, EXAMPLE_JOB, RESUME, "-o", alone).exit_code == 0
    assert_same_files(out, alone)


def test_an_existing_folder_is_refused_without_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", "utf-8")
    result = run("batch", EXAMPLE_JOB, RESUME, "-o", out, "--no-documents")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {out}: the output folder already holds other files; nothing "
                             "was changed\n  Use --force to replace tailor's files in it, or -o "
                             "for a new folder.\n")
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    result = run("batch", EXAMPLE_JOB, RESUME, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text("utf-8") == "mine"
    assert sorted(p.name for p in out.iterdir() if not p.is_dir()) == [
        "notes.txt", "ranking.csv", "summary.html", "summary.md"]
    assert [p.name for p in out.iterdir() if p.is_dir()] == [
        "riverbend-family-health-partners-medical-office-manager"]
    again = run("batch", EXAMPLE_JOB, RESUME, "-o", out, "--no-documents")
    assert again.exit_code == 1 and "earlier output (ranking.csv" in again.stderr


def test_an_output_folder_holding_a_posting_is_refused_even_with_force(tmp_path):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "a.txt").write_bytes((EXAMPLES / "job.txt").read_bytes())
    result = run("batch", jobs, RESUME, "-o", jobs, "--force")
    assert result.exit_code == 1
    assert "one of this run's inputs; nothing was written" in result.stderr
    assert [p.name for p in jobs.iterdir()] == ["a.txt"]


def test_summary_html_is_self_contained_with_a_chart(with_documents):
    out, _ = with_documents
    page = (out / "summary.html").read_text("utf-8")
    assert "<svg" in page and "<rect" in page
    assert not re.search(r"https?://", page)
    assert "<script" not in page.lower() and "src=" not in page.lower()
    assert "@import" not in page and "url(" not in page
    assert len(re.findall(r'<rect class="bar"', page)) == 8
    md = (out / "summary.md").read_text("utf-8")
    assert "## Ranking" in md and "## Recurring gaps" in md


def test_posting_text_cannot_inject_markup_into_the_summary():
    rows = [Row("x.txt", title='<script src="//evil.example/x.js"></script>',
                company="<img src=x onerror=alert(1)>", score=40, rank=1)]
    page = summary_html(rows, [RecurringGap("a", "<b>", 1, ("x.txt",))], "r.yml")
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script" in page


def test_the_chart_names_a_posting_without_title_or_company_by_its_path():
    page = summary_html([Row("jobs/untitled.txt", score=40, rank=1)], [], "r.yml")
    chart = page[page.index("<svg"):page.index("</svg>")]
    assert ">1. jobs/untitled.txt</text>" in chart
    assert 'width="160"' in chart  # 40% of the 400-pixel bar


def test_recurring_gaps_are_counted_across_postings(tmp_path):
    req = "Requirements:\n"
    cmm = "- Certified Medical Manager (CMM) certification required.\n"
    payroll = "- Experience processing payroll for clinic staff.\n"
    schedule = "- Schedule patient appointments.\n"
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "a.txt").write_text("Office Coordinator\nAcme Clinic\n\n" + req + cmm + payroll)
    (jobs / "b.txt").write_text("Billing Lead\nBravo Health\n\n" + req + payroll + schedule)
    (jobs / "c.txt").write_text("Front Desk Lead\nCharlie Medical\n\n" + req + schedule + cmm
                                + payroll)
    (jobs / "notes.json").write_text("{}")  # not a posting format: passed over
    resume = tmp_path / "resume.yml"
    resume.write_text("basics:\n  name: Sam Lee\nwork:\n  - name: Delta Clinic\n"
                      "    position: Receptionist\n    startDate: 2020-01\n    highlights:\n"
                      "      - Scheduled patient appointments for four physicians.\n")
    out = tmp_path / "out"
    result = run("batch", jobs, resume, "-o", out, "--no-documents")
    assert result.exit_code == 0, result.output
    assert len(read_csv(out)) == 3
    md = (out / "summary.md").read_text("utf-8")
    gaps = md.split("## Recurring gaps")[1]
    counts = {m[0]: int(m[1]) for m in re.findall(r"^\| (.+?) \| (\d+) \| \d+% \|", gaps, re.M)}
    assert counts["Payroll"] == 3
    assert counts["Certified Medical Manager (CMM)"] == 2
    assert "Patient scheduling" not in counts  # the resume shows it
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    assert "Recurring gaps: " in result.stdout and "Payroll (3)" in result.stdout


def test_recurring_gaps_most_common_first_then_by_name():
    rows = [Row("a", score=1, missing=(("x", "Xray"), ("y", "Yoga"))),
            Row("b", score=1, missing=(("y", "Yoga"), ("z", "Zen"))),
            Row("c", score=1, missing=(("z", "Zen"), ("y", "Yoga"))),
            Row("d", status="d: the job posting is empty")]
    gaps = recurring_gaps(rows)
    assert [(g.id, g.count, g.postings) for g in gaps] == [
        ("y", 3, ("a", "b", "c")), ("z", 2, ("b", "c")), ("x", 1, ("a",))]


def test_each_recurring_gap_carries_the_advice_of_the_best_ranked_posting_asking_it():
    rows = rank_rows([Row("b", score=40, missing=(("x", "Xray"),), advice=(("x", "Later."),)),
                      Row("a", score=90, missing=(("x", "Xray"),), advice=(("x", "First."),))])
    gaps = recurring_gaps(rows)
    assert [(g.id, g.count, g.advice) for g in gaps] == [("x", 2, "First.")]
    md = summary_md(rows, gaps, "r.yml")
    assert "| gap | postings | share | advice |" in md and "| Xray | 2 | 100% | First. |" in md
    assert "<td>First.</td>" in summary_html(rows, gaps, "r.yml")


def test_folder_names_are_safe_and_unique():
    taken: set[str] = set()
    row = Row("jobs/1.txt", title="Office Manager / Billing", company="../Acme")
    assert folder_name(row, taken) == "acme-office-manager-billing"
    assert folder_name(row, taken) == "acme-office-manager-billing-2"
    assert folder_name(Row("jobs/CON.txt"), taken) == "posting-con"


def test_progress_prints_one_line_per_posting():
    stream = io.StringIO()
    progress = LineProgress(stream)
    progress.start(2)
    progress.done(1, Row("a.txt", score=70))
    progress.done(2, Row("b.txt", status="b.txt: the job posting is empty"))
    assert stream.getvalue() == "[1/2] a.txt: score 70\n[2/2] b.txt: the job posting is empty\n"


def test_on_a_terminal_progress_is_a_bar_with_the_count_and_the_posting():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = progress_for(stream)
    assert not isinstance(progress, LineProgress)
    progress.start(2)
    progress.reading(1, "jobs/a.txt")
    progress.done(1, Row("jobs/a.txt", score=70))
    progress.reading(2, "jobs/b.txt")
    assert "1/2" in stream.getvalue() and "jobs/b.txt" in stream.getvalue()
    progress.done(2, Row("jobs/b.txt", score=60))
    progress.stop()
    assert "2/2" in stream.getvalue()
    assert isinstance(progress_for(io.StringIO()), LineProgress)


def test_a_broken_template_stops_the_batch_and_writes_nothing(tmp_path):
    templates = BAD / "template-syntax"
    single = run(EXAMPLE_JOB, RESUME, "-o", tmp_path / "single", "--templates", templates)
    assert single.exit_code == 1
    out = tmp_path / "out"
    result = run("batch", JOBS, EXAMPLE_JOB, RESUME, "-o", out, "--templates", templates)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == single.stderr.splitlines()[-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_folder_without_postings_is_warned_about(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("batch", empty, EXAMPLE_JOB, RESUME, "-o", tmp_path / "out", "--no-documents")
    assert result.exit_code == 0, result.output
    assert f"Warning: {empty}: the folder holds no posting" in result.stderr
    assert len(read_csv(tmp_path / "out")) == 1


def test_no_posting_at_all_is_a_usage_error(tmp_path):
    result = run("batch", tmp_path, RESUME, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "no job postings found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_installed_command_ends_its_document_workers(tmp_path):
    # The real entry point installs SIGTERM/SIGHUP handlers; forked workers must not keep them
    # (with them, stopping the pool once waited for ever).
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "tailor", "batch", JOBS, EXAMPLE_JOB, RESUME,
                           "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len([p for p in out.iterdir() if p.is_dir()]) == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_batch_help_loads_no_heavy_library():
    code = ("import sys; from tailor.cli import main; sys.argv=['tailor','batch','--help']\n"
            "try: main()\nexcept SystemExit: pass\n"
            "print([m for m in ('sklearn', 'docx', 'jinja2', 'rich') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]")


# ------------------------------------------------ issue 9: the employer, when it is a guess
ADVERT = DATA / "letters" / "nhs-central-advertising.txt"


def _unsure(text: str) -> str:
    """The real advert with the sentences saying who the employer is reworded: only named."""
    return (text.replace("Richmond Medical Centre is a training practice",
                         "At Richmond Medical Centre, a training practice")
            .replace("Richmond Medical Centre is an equal", "We are an equal"))


def test_the_summary_warns_for_each_posting_whose_employer_is_a_guess(tmp_path):
    from tailor.posting import parse_job
    from tailor.render import markdown_inline

    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "sure.txt").write_bytes(ADVERT.read_bytes())
    (jobs / "unsure.txt").write_text(_unsure(ADVERT.read_text("utf-8")), "utf-8")
    (jobs / "unsure-too.txt").write_text(_unsure(ADVERT.read_text("utf-8")), "utf-8")
    notes = {name: parse_job((jobs / name).read_text("utf-8")).company_note
             for name in ("sure.txt", "unsure.txt", "unsure-too.txt")}
    assert notes["sure.txt"] == "" and "check it" in notes["unsure.txt"]
    out = tmp_path / "out"
    result = run("batch", jobs, RESUME, "-o", out, "--no-documents")
    assert result.exit_code == 0, result.output
    md = (out / "summary.md").read_text("utf-8")
    section = md.split("## Employers to check\n")[1].split("\n## ")[0]
    for name in ("unsure.txt", "unsure-too.txt"):
        posting = markdown_inline(str(jobs / name))
        assert f"- {posting} (Practice Manager): {markdown_inline(notes[name])}." in section
    assert markdown_inline(str(jobs / "sure.txt")) not in section
    assert section.count("`tailor JOB RESUME --company") == 1  # said once, not per posting
    ranking = {line.split(" | ")[5]: line for line in md.splitlines() if line.startswith("| ")
               and "jobs" in line}
    unsure, sure = (ranking[markdown_inline(str(jobs / n))] for n in ("unsure.txt", "sure.txt"))
    assert "| Richmond Medical Centre (to check) |" in unsure
    assert "(to check)" not in sure
    page = (out / "summary.html").read_text("utf-8")
    employers = page.split("<h2>Employers to check</h2>")[1].split("<h2>")[0]
    assert html_escape(notes["unsure.txt"]) in employers
    assert str(jobs / "unsure-too.txt") in employers and str(jobs / "sure.txt") not in employers
    assert "<code>tailor JOB RESUME --company" in employers
    # ranking.csv keeps the company as read: the contract's column, unmarked
    assert {r["company"] for r in read_csv(out)} == {"Richmond Medical Centre"}


def test_no_employer_warning_when_every_employer_is_sure(no_documents):
    out, _ = no_documents
    assert "Employers to check" not in (out / "summary.md").read_text("utf-8")
    assert "Employers to check" not in (out / "summary.html").read_text("utf-8")


def test_an_employer_not_found_is_marked_in_the_summary():
    note = ("the posting's second line (Central Advertising - General Practitioners) is the "
            "account that posted it, not the employer, and no employer is named in the text")
    rows = [Row("a.txt", title="Receptionist", score=60, rank=1, employer_note=note),
            Row("b.txt", title="Biller", company="Lakeside Clinic", score=50, rank=2)]
    md = summary_md(rows, [], "r.yml")
    assert "| Receptionist | (not found: to check) | a.txt |" in md
    assert "| Biller | Lakeside Clinic | b.txt |" in md
    section = md.split("## Employers to check")[1].split("\n## ")[0]
    assert f"- a.txt (Receptionist): {note}." in section and "b.txt" not in section
    assert "Employers to check" not in summary_md(rows[1:], [], "r.yml")
    assert "(not found: to check)" in summary_html(rows, [], "r.yml")
