"""The skill and responsibility lexicon: loading, validating and merging lexicon files.

Why: the lexicon is data, so that another occupation is a new YAML file, not new code. That only
works if a broken file is caught when it is loaded, with the file, line and entry named, rather than
surfacing later as a concept that silently never matches.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import datafile
from .errors import LexiconError
from .models import Lexicon, LexiconEntry
from .resources import data_folder
from .sources import decode, display_path, read_bytes

BUILTIN = "medical-office.yml"
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_ENTRY_KEYS = {"id", "name", "kind", "description", "aliases", "cues", "implies"}
_REQUIRED = ("id", "name", "kind", "description", "aliases")
MAX_LEXICON_CHARS = 2_000_000  # one lexicon file; the built-in one is about 70,000
# All lexicons in use together (the built-in ones: under 100 entries, 2,500 aliases). The cost of
# a run grows with entries times highlights: at these limits, a full-size posting and a resume of
# the most highlights allowed still take under a minute.
MAX_ENTRIES = 2_000
MAX_ALIASES = 20_000  # aliases and cues


def builtin_names() -> list[str]:
    """The lexicons shipped inside the package (file names)."""
    folder = data_folder("skill_lexicon")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".yml"))


def builtin_lexicon(name: str, text: str) -> tuple[str, list[LexiconEntry]]:
    """A built-in lexicon's merge mode and entries: from its compiled form when that was built
    from this very text (compiled_lexicon.py), else parsed and validated like any lexicon."""
    from . import compiled_lexicon

    source = f"built-in lexicon {name}"
    return (compiled_lexicon.load(name, text, source)
            or parse_lexicon(text, source, trusted=True))


def load_lexicon(extra: list[str] | tuple[str, ...] = (), base: str | None = BUILTIN) -> Lexicon:
    """The built-in lexicon with each user lexicon in ``extra`` merged over it, in order.

    A user entry with an id already present replaces that entry; a file whose top level says
    ``mode: replace`` replaces everything loaded before it.
    """
    entries: dict[str, LexiconEntry] = {}
    sources: list[str] = []
    if base:
        name = base if base in builtin_names() else None
        if name is None:
            raise LexiconError(f"no built-in lexicon named {base!r}; built in: "
                               + ", ".join(builtin_names()))
        text = data_folder("skill_lexicon").joinpath(name).read_text("utf-8")
        _, loaded = builtin_lexicon(name, text)
        entries.update((e.id, e) for e in loaded)
        sources.append(name)
    for path in extra:
        builtin = Path(path).name if not Path(path).exists() and path in builtin_names() else None
        if builtin:
            text = data_folder("skill_lexicon").joinpath(builtin).read_text("utf-8")
            mode, loaded = builtin_lexicon(builtin, text)
        else:
            text = decode(read_bytes(path, LexiconError, "lexicon"), path=path,
                          error=LexiconError, what="lexicon")
            mode, loaded = parse_lexicon(text, path)
        if mode == "replace":
            entries = {}
        entries.update((e.id, e) for e in loaded)
        sources.append(display_path(path))
    if not entries:
        raise LexiconError("no lexicon entries are left to match with (a lexicon with "
                           '"mode: replace" and no entries replaced them all)', path=sources[-1],
                           hint="Give the file at least one entry, or drop \"mode: replace\".")
    if len(entries) > MAX_ENTRIES:
        raise LexiconError(f"the lexicons in use have {len(entries):,} entries together; the limit "
                           f"is {MAX_ENTRIES:,}", path=sources[-1])
    n_aliases = sum(len(e.aliases) + len(e.cues) for e in entries.values())
    if n_aliases > MAX_ALIASES:
        raise LexiconError(f"the lexicons in use have {n_aliases:,} aliases and cues together; the "
                           f"limit is {MAX_ALIASES:,}", path=sources[-1])
    lexicon = Lexicon(tuple(entries.values()), tuple(sources))
    _check_references(lexicon)
    return lexicon


def parse_lexicon(text: str, path: str, *,
                  trusted: bool = False) -> tuple[str, list[LexiconEntry]]:
    """Validate one lexicon document and return its merge mode and entries.

    ``trusted``: a lexicon shipped with tailor, parsed the fast way (datafile.load).
    """
    if len(text) > MAX_LEXICON_CHARS:
        raise LexiconError(f"the lexicon is {len(text):,} characters long; the limit is "
                           f"{MAX_LEXICON_CHARS:,}", path=path)
    doc = datafile.load(text, path, LexiconError, trusted=trusted)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise LexiconError('a lexicon is a mapping with a list under "entries:"', path=path,
                           hint="See skill_lexicon/medical-office.yml for the format.")
    mode = data.get("mode", "extend")
    if mode not in ("extend", "replace"):
        raise LexiconError(f'mode must be "extend" or "replace", not {mode!r}', path=path,
                           line=doc.line_of("mode"))
    entries: list[LexiconEntry] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(data["entries"]):
        where = f"entries[{i}]"
        line = doc.line_of(where)
        if not isinstance(raw, dict):
            raise LexiconError(f"{where} must be a mapping with id, name, kind, description "
                               "and aliases", path=path, line=line)
        for key in _REQUIRED:
            if key not in raw or raw[key] in (None, "", []):
                raise LexiconError(f"{where} ({raw.get('id', 'no id')}) has no {key}", path=path,
                                   line=line)
        unknown = sorted(str(k) for k in set(raw) - _ENTRY_KEYS)  # keys may be numbers too
        if unknown:
            raise LexiconError(f"{where}.{unknown[0]} is not a lexicon field (fields: "
                               + ", ".join(sorted(_ENTRY_KEYS)) + ")", path=path,
                               line=doc.line_of(f"{where}.{unknown[0]}"))
        for key in ("id", "name", "kind", "description"):
            if not isinstance(raw[key], str):
                raise LexiconError(f"{where}.{key} must be text", path=path,
                                   line=doc.line_of(f"{where}.{key}"))
        entry_id = raw["id"].strip()
        if not _ID.match(entry_id):
            raise LexiconError(f"{where}.id {entry_id!r} may use only lower-case letters, digits, "
                               "'.', '-' and '_'", path=path, line=doc.line_of(f"{where}.id"))
        if entry_id in seen:
            raise LexiconError(f'the id "{entry_id}" is defined twice: entries[{seen[entry_id]}] '
                               f"and {where}", path=path, line=line)
        seen[entry_id] = i
        lists = {}
        for key in ("aliases", "cues", "implies"):
            value = raw.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                      for v in value):
                raise LexiconError(f"{where}.{key} must be a list of non-empty texts", path=path,
                                   line=doc.line_of(f"{where}.{key}"))
            lists[key] = tuple(dict.fromkeys(v.strip() for v in value))
        from .aliases import compile_alias

        for alias in lists["aliases"] + lists["cues"]:
            try:
                compile_alias(alias)
            except ValueError as exc:
                raise LexiconError(f"{where} ({entry_id}): alias {alias!r} {exc}", path=path,
                                   line=line) from None
        entries.append(LexiconEntry(
            id=entry_id, name=raw["name"].strip(), kind=raw["kind"].strip(),
            description=" ".join(raw["description"].split()), aliases=lists["aliases"],
            cues=lists["cues"], implies=lists["implies"], source=path,
        ))
    return mode, entries


def _check_references(lexicon: Lexicon) -> None:
    ids = lexicon.by_id
    for entry in lexicon.entries:
        for target in entry.implies:
            if target not in ids:
                raise LexiconError(f'entry "{entry.id}" implies "{target}", which no lexicon in '
                                   "use defines", path=entry.source)
