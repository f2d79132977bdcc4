
from pathlib import Path

import pytest
import yaml

from tailor.errors import LexiconError
from tailor.lexicon import builtin_names, load_lexicon, parse_lexicon

from conftest import DATA


def test_builtin_lexicon_has_every_contract_concept(lexicon, shared):
    concepts = yaml.safe_load((shared / "concepts.yml").read_text("utf-8"))
    ids = {c["id"] for group in concepts.values() for c in group}
    assert len(ids) == 39
    assert ids <= set(lexicon.by_id)
    for entry_id in ids:
        entry = lexicon.by_id[entry_id]
        assert entry.name and entry.kind and entry.description and entry.aliases


def test_builtin_lexicon_covers_common_wording(lexicon):
    aliases = {a for e in lexicon.entries for a in e.aliases}
    for phrase in ("EHR", "EMR", "ICD-10", "CPT", "HIPAA", "front desk", "patient access", "staff rota*",
                   "prior authorization*", "insurance verification", "payroll"):
        assert any(a == phrase or a.startswith(phrase) for a in aliases), phrase


def test_specific_concepts_imply_their_general_one(lexicon):
    for entry in lexicon.entries:
        if entry.id.startswith("reg."):
            assert "skill.healthcare-regulations" in entry.implies
        if entry.id.startswith("code."):
            assert "skill.billing-coding" in entry.implies
        if entry.id.startswith("soft."):
            assert "skill.software-proficiency" in entry.implies


def test_second_lexicon_ships_and_merges():
    assert "general-office.yml" in builtin_names()
    base = load_lexicon()
    merged = load_lexicon(("general-office.yml",))
    assert len(merged.entries) > len(base.entries)
    assert merged.sources == ("medical-office.yml", "general-office.yml")


def test_user_lexicon_replaces_an_entry_by_id():
    merged = load_lexicon((str(DATA / "lexicons" / "override.yml"),))
    assert merged.by_id["skill.empathy"].name == "Bedside manner"
    assert "duty.courier-runs" in merged.by_id


@pytest.mark.parametrize("name, message", [
    ("duplicate-id.yml", 'the id "duty.x" is defined twice: entries[0] and entries[1]'),
    ("missing-field.yml", "entries[0] (duty.x) has no description"),
    ("unknown-field.yml", "entries[0].alias is not a lexicon field"),
    ("bad-alias.yml", "alias '...' has \"...\" without words on both sides"),
    ("not-a-lexicon.yml", 'a lexicon is a mapping with a list under "entries:"'),
])
def test_broken_lexicons_are_named(name, message):
    path = DATA / "lexicons" / name
    with pytest.raises(LexiconError) as err:
        parse_lexicon(path.read_text("utf-8"), str(path))
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_implies_must_exist():
    with pytest.raises(LexiconError, match='implies "skill.nowhere"'):
        load_lexicon((str(DATA / "lexicons" / "dangling-implies.yml"),))


# ------------------------------------------------------------------ compiled built-in lexicons

def test_the_shipped_compiled_lexicons_are_what_building_gives():
    from tailor.compiled_lexicon import build_all

    trained = Path(__file__).resolve().parent.parent / "tailor" / "trained"
    for name, data in build_all().items():
        assert (trained / name).read_bytes() == data, f"rerun scripts/train_models.py ({name})"


def test_a_compiled_lexicon_gives_the_parsed_entries_and_alias_elements():
    from tailor import aliases, compiled_lexicon
    from tailor.lexicon import BUILTIN, parse_lexicon
    from tailor.resources import data_folder

    text = data_folder("skill_lexicon").joinpath(BUILTIN).read_text("utf-8")
    source = f"built-in lexicon {BUILTIN}"
    compiled = compiled_lexicon.load(BUILTIN, text, source)
    assert compiled == parse_lexicon(text, source, trusted=True)  # its mode and its entries
    for entry in compiled[1]:
        for alias in (*entry.aliases, *entry.cues):
            assert aliases.compile_alias(alias) == aliases.compile_fresh(alias), alias


def test_a_compiled_lexicon_is_not_used_for_any_other_text():
    from tailor import compiled_lexicon
    from tailor.lexicon import BUILTIN
    from tailor.resources import data_folder

    text = data_folder("skill_lexicon").joinpath(BUILTIN).read_text("utf-8")
    edited = text.replace("- supervise\n", "- oversee the team\n", 1)
    assert edited != text
    assert compiled_lexicon.load(BUILTIN, edited, "x") is None
