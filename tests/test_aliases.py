import pytest

from tailor.aliases import AliasIndex, compile_alias
from tailor.text import tokenize


def found(alias: str, text: str) -> bool:
    return bool(AliasIndex({"x": (alias,)}).find(tokenize(text)))


@pytest.mark.parametrize("text", ["Supervised the staff", "supervising all staff",
                                  "Supervise front desk and billing staff"])
def test_gap_and_word_forms(text):
    assert found("supervis* ... staff", text)


def test_gap_is_bounded():
    assert not found("supervise ... staff", "supervise the work of a large and growing staff")


def test_short_alias_never_fires_inside_a_word():
    assert found("CMS", "Follow CMS guidelines")
    assert not found("CMS", "CMSE standards")
    assert not found("HR", "24hr shifts")


def test_capitalised_alias_needs_capitals_in_text():
    assert found("Epic", "Experience with Epic or Cerner")
    assert found("Epic", "EPIC scheduling")
    assert not found("Epic", "an epic amount of paperwork")


def test_prefix_matches_endings():
    assert found("reconcil*", "Reconciled the daily deposits")
    assert not found("reconcil*", "recon work")


def test_multiword_uk_and_us_spelling():
    assert found("organizational skills", "excellent organisational skills")


def test_invalid_aliases_are_refused():
    with pytest.raises(ValueError):
        compile_alias("... staff")
    with pytest.raises(ValueError):
        compile_alias("a*")
    with pytest.raises(ValueError):
        compile_alias("%%%")
