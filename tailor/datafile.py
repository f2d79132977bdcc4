"""Loading YAML and JSON documents that people write by hand, safely and with line numbers.

Why: a resume or lexicon edited at midnight will have a tab, a duplicated key or a stray colon,
and a file from someone else may be hostile. PyYAML's safe loader never runs code, but on its own
it silently keeps the last of two equal keys, turns ``2019-03-01`` into a date object, expands a
"billion laughs" document until memory runs out, and forgets where each value stood. This module
closes those gaps once, for every document the tool reads.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import TailorError

MAX_NODES = 200_000  # after alias expansion; a real resume has a few thousand
MAX_DEPTH = 64  # lists and mappings inside each other; a resume needs about five


@dataclass(frozen=True)
class DataFile:
    """A parsed document and the line (1-based) each field path starts on, where known."""

    data: Any
    lines: dict[str, int]
    path: str

    def line_of(self, field_path: str) -> int | None:
        """The line of a field, or of its nearest enclosing field that has one."""
        p = field_path
        while p:
            if p in self.lines:
                return self.lines[p]
            cut = max(p.rfind("."), p.rfind("["))
            p = p[:cut] if cut > 0 else ""
        return None


def field_path(parts) -> str:
    """``["work", 1, "highlights", 0]`` -> ``work[1].highlights[0]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the text the person wrote."""


def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's SafeLoader, dates kept as text like _Loader's."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def load(text: str, path: str, error: type[TailorError], *, trusted: bool = False) -> DataFile:
    """Parse YAML or JSON text (chosen by the file's name) into a DataFile.

    ``trusted`` is for the files tailor ships (its built-in lexicons): they are parsed by
    libyaml where it is installed, several times faster, with no line numbers kept (the test
    suite checks those files; a person's file always gets the careful parse and its lines).
    """
    if not text.strip():
        raise error("the file is empty", path=path)
    if trusted and hasattr(yaml, "CSafeLoader") and not path.lower().endswith(".json"):
        return DataFile(yaml.load(text, Loader=_FastLoader), {}, path)
    if path.lower().endswith(".json"):
        doc = _load_json(text, path, error)
    else:
        doc = _load_yaml(text, path, error)
    _check_values(doc, error)
    return doc


def _check_values(doc: DataFile, error: type[TailorError]) -> None:
    """Refuse what no later stage could use: nesting too deep to walk, and broken characters.

    Why: every later stage walks the document recursively, so a JSON file nested 600 deep would
    fail there as an internal error; and a lone UTF-16 surrogate (``"\\ud800"`` in JSON or YAML)
    is text that can never be written out as UTF-8. Walked without recursion.
    """
    stack: list[tuple[Any, tuple, int]] = [(doc.data, (), 0)]
    while stack:
        value, parts, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise error(f"the document is nested more than {MAX_DEPTH} levels deep (lists "
                            f"and mappings inside each other, under {field_path(parts[:1])})",
                            path=doc.path,
                            line=doc.line_of(field_path(parts)) if parts else None)
            pairs = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in pairs:
                if isinstance(key, str) and _SURROGATE.search(key):
                    _surrogate(doc, parts, key, error)
                stack.append((item, (*parts, key), depth + 1))
        elif isinstance(value, str) and _SURROGATE.search(value):
            _surrogate(doc, parts, value, error)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate(doc: DataFile, parts: tuple, text: str, error: type[TailorError]):
    where = field_path(parts) or "the document"
    code = ord(_SURROGATE.search(text).group())
    raise error(f"{where}: the text holds U+{code:04X}, half of a UTF-16 character pair, which is "
                "not a character", path=doc.path, line=doc.line_of(where) if parts else None,
                hint="Delete it or write the whole character (e.g. \\ud83d\\ude00 together).")


def _load_json(text: str, path: str, error: type[TailorError]) -> DataFile:
    def no_duplicates(pairs):
        seen = {}
        for key, value in pairs:
            if key in seen:
                raise error(f'the key "{key}" appears twice in the same object', path=path,
                            hint="Keep one of them.")
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise error(f"not valid JSON: {exc.msg} (column {exc.colno})", path=path,
                    line=exc.lineno) from None
    except RecursionError:
        raise error("the JSON is nested too deeply", path=path) from None
    return DataFile(data, {}, path)


def _load_yaml(text: str, path: str, error: type[TailorError]) -> DataFile:
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, error) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise error("the file holds no data (only comments or blank lines)", path=path)
        lines: dict[str, int] = {}
        _walk(node, [], lines, [0], path, error)
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, error) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text, path, error) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", path=path) from None
    except RecursionError:
        raise error("the YAML is nested too deeply", path=path) from None
    finally:
        loader.dispose()
    return DataFile(data, lines, path)


def _walk(node, parts: list, lines: dict[str, int], count: list[int], path: str,
          error: type[TailorError]) -> None:
    """Record each field's line, refuse duplicate keys, and bound alias expansion."""
    count[0] += 1
    if count[0] > MAX_NODES:
        raise error(f"the document expands to more than {MAX_NODES:,} values (too many YAML "
                    "aliases, as in a 'billion laughs' file)", path=path)
    if parts:
        lines.setdefault(field_path(parts), node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise error("a key here is a list or mapping; keys must be plain names",
                            path=path, line=key_node.start_mark.line + 1)
            key = key_node.value
            here = key_node.start_mark.line + 1
            if key == "<<":
                _walk(value_node, parts, lines, count, path, error)
                continue
            if key in seen:
                raise error(f'the key "{key}" appears twice: on line {seen[key]} and line {here}',
                            path=path, line=here, hint="Keep one of them.")
            seen[key] = here
            _walk(value_node, parts + [key], lines, count, path, error)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, parts + [i], lines, count, path, error)


def _reader_error(exc, text: str, path: str, error: type[TailorError]) -> TailorError:
    """A character YAML does not allow (a control character pasted from elsewhere)."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, position) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return error(f"not valid YAML: the character U+{code:04X} is not allowed in a YAML file",
                 path=path, line=line, hint="Delete it (it may have come in with pasted text).")


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, path: str,
                error: type[TailorError]) -> TailorError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    problem = (exc.problem or exc.context or "syntax error").strip()
    hint = None
    if "\\t" in problem or "'\\t'" in str(exc) or (
            mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"):
        problem = "a tab character is used for indentation"
        hint = "YAML allows only spaces for indentation: replace the tab with spaces."
    elif isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        problem = f"the tag {tag} is not allowed (only plain YAML data is read)"
        hint = "Remove the tag; tailor never runs code from its input."
    elif "mapping values are not allowed" in problem:
        problem = 'this line holds ": " (a colon and a space) inside a value'
        hint = ('Put the line in quotes, e.g. - "Saved 10%: $5k a year" (YAML reads ": " as the '
                "start of a new field).")
    elif "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        opened = exc.context_mark.line + 1
        problem = f"a quote opened on line {opened} is never closed"
        line, mark = opened, exc.context_mark
        hint = "Add the closing quote at the end of that value, or remove the opening one."
    elif "found undefined alias" in problem:
        problem = "an alias (*name) refers to an anchor (&name) that is not defined"
    column = f" (column {mark.column + 1})" if mark is not None else ""
    return error(f"not valid YAML: {problem}{column}", path=path, line=line, hint=hint)
