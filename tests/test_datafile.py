import time

import pytest

from tailor.datafile import load
from tailor.errors import ResumeError


def err(text, name="f.yml"):
    with pytest.raises(ResumeError) as e:
        load(text, name, ResumeError)
    return str(e.value)


def test_python_tags_are_refused_not_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    message = err(text)
    assert message.startswith("f.yml, line 1: not valid YAML: the tag")
    assert "not allowed" in message
    assert not marker.exists()


def test_duplicate_keys_name_both_lines():
    assert err("basics:\n  name: A\nwork: []\nbasics: {}\n") == (
        'f.yml, line 4: the key "basics" appears twice: on line 1 and line 4\n  Keep one of them.')


def test_billion_laughs_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    started = time.perf_counter()
    message = err("\n".join(lines) + "\n")
    assert "expands to more than 200,000 values" in message
    assert time.perf_counter() - started < 30  # a bound against hanging, not a speed target


def test_tab_indentation_is_explained():
    message = err("basics:\n\tname: A\n")
    assert message.startswith("f.yml, line 2: not valid YAML: a tab character is used for indentation")
    assert "replace the tab with spaces" in message


def test_unquoted_colon_is_explained():
    assert "Put the line in quotes" in err("work:\n  - highlights:\n      - Saved 10%: $5k: yes\n")


def test_empty_and_comment_only():
    assert err("") == "f.yml: the file is empty"
    assert err("# only a comment\n") == "f.yml: the file holds no data (only comments or blank lines)"


def test_json_duplicate_keys():
    assert 'the key "a" appears twice' in err('{"a": 1, "a": 2}', "f.json")


def test_lines_are_recorded():
    doc = load("basics:\n  name: A\nwork:\n  - name: B\n    highlights:\n      - x\n", "f.yml", ResumeError)
    assert doc.line_of("work[0].highlights[0]") == 6
    assert doc.line_of("work[0].missing") == 4
