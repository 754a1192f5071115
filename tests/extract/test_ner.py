"""The shipped entity model: it loads from the package with no network, and tags a fixed sentence."""

from __future__ import annotations

import socket

import pytest

from desktop.extract import ner
from desktop.extract.ner import EntityTagger, labels_to_spans, shared_tagger, tokenize
from desktop.extract.sentences import split_sentences
from desktop.paths import resource_path

SENTENCE = "President Kassym-Jomart Tokayev met Tô Lâm in Astana on Tuesday, the Vietnam News Agency said."


@pytest.fixture(scope="module")
def tagger(request) -> EntityTagger:
    # Any attempt to open a network connection while loading fails the test.
    original = socket.socket.connect

    def refuse(*_args, **_kwargs):
        raise AssertionError("the entity model tried to use the network")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    try:
        return EntityTagger.load()
    finally:
        socket.socket.connect = original  # type: ignore[method-assign]


def test_model_is_shipped_small_and_matches_the_code():
    path = resource_path(ner.MODEL_RESOURCE)
    assert path.stat().st_size < 20_000_000
    loaded = EntityTagger.load(path)
    assert loaded.metadata["feature_version"] == ner.FEATURE_VERSION


def test_fixed_sentence(tagger):
    spans = tagger.spans(SENTENCE, split_sentences(SENTENCE))
    found = [(SENTENCE[a:b], kind) for a, b, kind in spans]
    assert found == [
        ("Kassym-Jomart Tokayev", "person"),
        ("Tô Lâm", "person"),
        ("Astana", "place"),
        ("Vietnam News Agency", "organisation"),
    ]
    assert spans == [(10, 31, "person"), (36, 42, "person"), (46, 52, "place"), (69, 88, "organisation")]


def test_titles_stay_out_of_names(tagger):
    text = "President Kassym-Jomart Tokayev welcomed the delegation."
    assert [(text[a:b], kind) for a, b, kind in tagger.spans(text, split_sentences(text))] == [
        ("Kassym-Jomart Tokayev", "person")
    ]


def test_spans_many_matches_spans(tagger):
    texts = [SENTENCE, "Nothing to see here.", ""]
    batch = [(t, split_sentences(t)) for t in texts]
    assert tagger.spans_many(batch) == [tagger.spans(t, s) for t, s in batch]


def test_shared_tagger_is_loaded_once():
    assert shared_tagger() is shared_tagger()


def test_tokenizer_keeps_names_and_offsets():
    text = "Kassym-Jomart Tokayev's U.S.-led talks, Vietnam–Kazakhstan ties rose 4.8%."
    tokens = [text[a:b] for a, b in tokenize(text)]
    assert tokens == [
        "Kassym-Jomart", "Tokayev", "'s", "U.S.-led", "talks", ",", "Vietnam", "–", "Kazakhstan",
        "ties", "rose", "4.8", "%", ".",
    ]


def test_labels_to_spans():
    assert labels_to_spans(["B-person", "I-person", "O", "I-place", "B-place", "I-organisation"]) == [
        (0, 2, "person"), (3, 4, "place"), (4, 5, "place"), (5, 6, "organisation"),
    ]


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="make model"):
        EntityTagger.load(tmp_path / "absent.crfsuite")


def test_hyphenated_roles_and_initials(tagger):
    text = "U.N. Secretary-General Kofi Annan and Mary J. Blige met Osama bin Laden."
    people = [text[a:b] for a, b, kind in tagger.spans(text, split_sentences(text)) if kind == "person"]
    assert people == ["Kofi Annan", "Mary J. Blige", "Osama bin Laden"]


def test_british_house_style_reads_like_the_training_corpus(tagger):
    text = "Mr Blair met US and UK officials in London."
    assert [(text[a:b], kind) for a, b, kind in tagger.spans(text, split_sentences(text))] == [
        ("Blair", "person"), ("US", "place"), ("UK", "place"), ("London", "place"),
    ]


def test_spans_stop_at_line_ends_and_dates(tagger):
    text = "Peter Blackburn\nAL-AIN , United Arab Emirates 1996-12-06\nThe European Commission said so."
    found = [text[a:b] for a, b, _kind in tagger.spans(text, split_sentences(text))]
    assert "Peter Blackburn" in found and "United Arab Emirates" in found
    assert not any("\n" in span or "1996" in span for span in found)


def test_caps_line_is_a_line_of_capitals_with_three_words_or_more():
    assert ner.caps_line("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .".split())
    assert ner.caps_line("LONDON 1996-08-30 U.S. TROOPS ARRIVE".split())
    assert not ner.caps_line("AL-AIN , United Arab Emirates 1996-12-06".split())
    assert not ner.caps_line("LONDON 1996-08-30".split())
    assert not ner.caps_line("UN NATO".split())


def test_words_in_a_caps_line_take_the_caps_features():
    featurizer = ner.Featurizer()
    in_headline = featurizer.sequence("CRICKET - ENGLAND WIN".split())[2]
    in_prose = featurizer.sequence("Officials from ENGLAND said".split())[2]
    assert "w=england" in in_headline and "w=england" in in_prose
    assert {"CU", "CL", "cs=X", "-1cs=-", "+1cs=X"} <= set(in_headline)
    assert not {"U", "s=X", "-1s=-", "+1s=X"} & set(in_headline)
    assert {"U", "s=X", "-1s=x", "+1s=x"} <= set(in_prose)
    assert not {"CU", "CL"} & set(in_prose)


def test_a_headline_in_capitals(tagger):
    # Every word is capitalised, so the model reads the words themselves: names, not acronyms.
    text = "AUSTRALIAN PRIME MINISTER JOHN HOWARD SAYS HE WILL MEET DAVID BARNO IN KANDAHAR ."
    assert [(text[a:b], kind) for a, b, kind in tagger.spans(text, split_sentences(text))] == [
        ("JOHN HOWARD", "person"),
        ("DAVID BARNO", "person"),
        ("KANDAHAR", "place"),
    ]


def test_capital_lines_are_the_lines_the_tagger_reads_in_capitals():
    text = "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nAL-AIN , United Arab Emirates 1996-12-06\n"
    assert ner.capital_lines(text, split_sentences(text)) == [(0, 57)]
    assert ner.capital_lines("Japan beat China 2-1.", split_sentences("Japan beat China 2-1.")) == []
