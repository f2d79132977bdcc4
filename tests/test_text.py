from hypothesis import given
from hypothesis import strategies as st

from tailor.text import clean_xml_text, stem, stems, tokenize


def test_word_forms_share_a_stem():
    for forms in (["manage", "managed", "managing", "manages"],
                  ["schedule", "scheduled", "scheduling", "schedules"],
                  ["organise", "organize", "organised", "organizing"],
                  ["prioritise", "prioritize"], ["billing", "billings"], ["plan", "planned"],
                  ["claim", "claims"], ["policy", "policies"]):
        assert len({stem(f) for f in forms}) == 1, forms


def test_distinct_words_keep_distinct_stems():
    assert stem("supervisor") != stem("supervise")
    assert stem("record") != stem("recruit")


def test_tokens_keep_original_spelling_and_position():
    text = "Manage the front-desk rota & ICD-10 coding"
    tokens = tokenize(text)
    assert [t.raw for t in tokens][:4] == ["Manage", "the", "front", "desk"]
    assert "and" in [t.stem for t in tokens]  # "&" reads as "and"
    assert tokens[0].start == 0


def test_typographic_quotes_and_dashes_fold():
    assert [t.stem for t in tokenize("patient’s co‑pays")] == [t.stem for t in tokenize("patient's co-pays")]


def test_clean_xml_text_removes_forbidden_characters_only():
    assert clean_xml_text("a\x00b\x0bc\x1fd") == "abcd"
    assert clean_xml_text("Café & <b> ☕ שלום\tx") == "Café & <b> ☕ שלום\tx"


@given(st.text())
def test_tokenize_never_crashes(text):
    for token in tokenize(text):
        assert token.raw


def test_offsets_point_into_the_original_text():
    text = "Billing & co‑pays, ﬁling — Zoë’s EHR"
    words = [text[t.start:t.end] for t in tokenize(text)]
    assert words == ["Billing", "&", "co", "pays", "ﬁling", "Zoë’s", "EHR"]


@given(st.text())
def test_offsets_are_inside_the_text(text):
    for token in tokenize(text):
        assert 0 <= token.start < token.end <= len(text)


@given(st.text())
def test_stems_are_the_tokens_stems(text):
    # TF-IDF reads stems() and aliases read tokenize(): they must see the same words.
    assert stems(text) == [t.stem for t in tokenize(text)]


def test_stems_of_folded_text_are_the_tokens_stems():
    text = "Billing & co‑pays, ﬁling — Zoë’s EHR, e\u0301tudes"
    assert stems(text) == [t.stem for t in tokenize(text)]
