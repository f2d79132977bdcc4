"""The built-in lexicons, parsed and their aliases compiled ahead of time (tailor/trained/).

Why: reading the built-in YAML and compiling its two thousand aliases (each word tokenized and
stemmed) was a quarter of what one analysis adds to its imports. The result is the same every
time, so it ships next to the models as plain JSON, built by scripts/train_models.py. It is used
only when it was built from exactly the lexicon text and the alias and stemming code in use (a
digest of all three), so an edited lexicon or stemmer is never matched with stale keys: it then
falls back to parsing the YAML, as for any user lexicon.
"""

from __future__ import annotations

import hashlib
import json
from .aliases import Element, compile_fresh, remember_compiled
from .models import LexiconEntry

FORMAT = 1
_FIELDS = ("id", "name", "kind", "description", "aliases", "cues", "implies")


def file_name(lexicon_name: str) -> str:
    """``medical-office.yml`` -> ``lexicon-medical-office.json``."""
    return "lexicon-" + lexicon_name.removesuffix(".yml") + ".json"


def digest(text: str) -> str | None:
    """What a compiled lexicon depends on: the lexicon's text and the code that compiles it
    (line endings aside, so a Windows checkout agrees); None where that code cannot be read
    (an install without sources), and then the YAML is parsed instead."""
    from .resources import hash_sources

    h = hashlib.sha256(f"{FORMAT}\n".encode())
    h.update(text.encode("utf-8"))
    return h.hexdigest() if hash_sources(h, ("aliases.py", "text.py")) else None


def build(text: str, mode: str, entries: list[LexiconEntry]) -> bytes:
    """The compiled form of a lexicon already parsed and validated from ``text``."""
    # Compiled afresh, never taken from a compiled form already loaded in this process.
    compiled = {alias: [[e.key, e.prefix, e.cased, e.gap] for e in compile_fresh(alias)]
                for entry in entries for alias in (*entry.aliases, *entry.cues)}
    data = {"digest": digest(text), "mode": mode,
            "entries": [{f: getattr(e, f) for f in _FIELDS} for e in entries],
            "compiled": dict(sorted(compiled.items()))}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8") + b"\n"


def build_all() -> dict[str, bytes]:
    """The compiled form of every built-in lexicon, by the file name it ships as."""
    from .lexicon import builtin_names, parse_lexicon
    from .resources import data_folder

    out = {}
    for name in builtin_names():
        text = data_folder("skill_lexicon").joinpath(name).read_text("utf-8")
        mode, entries = parse_lexicon(text, f"built-in lexicon {name}", trusted=True)
        out[file_name(name)] = build(text, mode, entries)
    return out


def load(lexicon_name: str, text: str, source: str
         ) -> tuple[str, list[LexiconEntry]] | None:
    """The lexicon's merge mode and entries from its compiled form, with its aliases' compiled
    elements made known to the matcher; None when there is no compiled form for exactly this
    text and code."""
    import importlib.resources

    path = importlib.resources.files("tailor").joinpath("trained", file_name(lexicon_name))
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    expected = digest(text)
    if expected is None or not isinstance(data, dict) or data.get("digest") != expected:
        return None
    remember_compiled({alias: tuple(Element(*row) for row in rows)
                       for alias, rows in data["compiled"].items()})
    return data["mode"], [LexiconEntry(id=e["id"], name=e["name"], kind=e["kind"],
                                       description=e["description"], aliases=tuple(e["aliases"]),
                                       cues=tuple(e["cues"]), implies=tuple(e["implies"]),
                                       source=source)
                          for e in data["entries"]]
