"""gap-report.html: a self-contained page (issue 9, item 3), checked as text and, where a headless
browser is installed, as a browser shows it."""

from markupsafe import escape
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tailor.pipeline import tailor_application

from conftest import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "out"
    tailor_application(str(EXAMPLES / "job.txt"), str(EXAMPLES / "resume.yml"), str(out))
    return out, (out / "gap-report.html").read_text("utf-8"), \
        json.loads((out / "analysis.json").read_text("utf-8"))


def test_the_page_loads_nothing_and_runs_nothing(example):
    _, page, _ = example
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?:|//[a-z]", page, re.I), "an address in the page"
    assert "<script" not in page.lower() and "url(" not in page.lower()
    assert "@import" not in page
    assert all(ref.startswith("#") for ref in re.findall(r'(?:href|src)="([^"]*)"', page))
    assert "default-src 'none'" in page  # a Content-Security-Policy forbids loading anything
    built_in = (ROOT / "templates" / "gap-report.html.j2").read_text("utf-8")
    assert "http:" not in built_in and "https:" not in built_in


def test_the_page_has_a_chart_by_area(example):
    _, page, _ = example
    chart = page[page.index("<svg"):page.index("</svg>")]
    for area in ("Operations", "People", "Finance", "Compliance", "Software"):
        assert f">{area}</text>" in chart, area
    assert 'class="missing"' in chart and 'class="shown"' in chart


def test_the_page_holds_the_checklist_and_each_gaps_advice(example):
    _, page, data = example
    assert data["checklist"], "the example has a checklist"
    for item in data["checklist"]:
        assert str(escape(item["asked"])) in page, item["asked"]
    gaps = [c for c in data["concepts"] if c["in_resume"] is False and c["kind"] != "achievement"]
    assert gaps
    for c in gaps:
        assert str(escape(c["advice"])) in page, c["id"]
        assert str(escape(c["name"])) in page


def test_the_evidence_stands_side_by_side(example):
    _, page, data = example
    shown = [c for c in data["concepts"] if c["in_resume"] and c["kind"] != "achievement"]
    section = page[page.index('<section id="evidence">'):]
    pairs = section.count('<div class="pair">')
    assert pairs == len(shown)
    first = shown[0]
    assert str(escape(first["resume_evidence"][0])) in section
    assert "grid-template-columns" in page  # two columns, one above the other on a narrow screen


def test_posting_text_cannot_become_markup(tmp_path):
    job = tmp_path / "job.txt"
    job.write_text("Office Manager\nAcme <b>Clinic</b>\n\n"
                   "Supervise front desk staff <img src=https://example.org/x.png> daily.\n"
                   "Experience with Epic EHR <script>alert(1)</script> is required.\n",
                   encoding="utf-8")
    tailor_application(str(job), str(EXAMPLES / "resume.yml"), str(tmp_path / "out"))
    page = (tmp_path / "out" / "gap-report.html").read_text("utf-8")
    assert "<img" not in page and "<script" not in page and "<b>" not in page
    assert "&lt;img src=https://example.org/x.png&gt;" in page  # shown as text, never loaded


def test_a_template_folder_overrides_the_html_report(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "gap-report.html.j2").write_text("<p>{{ score }} {{ areas | length }} "
                                               "{{ '<x>' }}</p>\n", encoding="utf-8")
    tailor_application(str(EXAMPLES / "job.txt"), str(EXAMPLES / "resume.yml"),
                       str(tmp_path / "out"), templates=str(folder))
    page = (tmp_path / "out" / "gap-report.html").read_text("utf-8")
    assert re.fullmatch(r"<p>\d+ \d+ &lt;x&gt;</p>\n", page), page  # autoescaped there too
    assert (tmp_path / "out" / "gap-report.md").read_text("utf-8").startswith("# Skill-gap")


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.mark.skipif(_browser() is None, reason="no headless browser (chromium) installed")
def test_a_real_browser_shows_the_page_offline(example, tmp_path):
    out, _, data = example
    command = [_browser(), "--headless", "--no-sandbox", "--disable-gpu",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp_path / 'profile'}",
               "--virtual-time-budget=3000", "--dump-dom", (out / "gap-report.html").as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<svg" in dom and "Requirement checklist" in dom
    gaps = [c for c in data["concepts"] if c["in_resume"] is False and c["kind"] != "achievement"]
    # (A browser writes text back with only &, < and > escaped.)
    text = gaps[0]["advice"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert text in dom and dom.count('class="pair gap"') == len(gaps)
    shot = tmp_path / "page.png"
    subprocess.run([*command[:-2], f"--screenshot={shot}", "--window-size=1280,900",
                    (out / "gap-report.html").as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000  # something was drawn on screen
