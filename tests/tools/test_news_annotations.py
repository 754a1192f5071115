"""The hand-annotated training news: read from the corpus, checked against it, cut as the tagger cuts text."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import news_annotations  # noqa: E402

BBC_TEXT = "Eurotunnel sales fall\n\nChannel Tunnel operator Eurotunnel said Mr Jean-Louis Raymond will speak in the US-friendly City.\n"
AG_ROW = ["2", "Cisco, Fujitsu Team Up", "Cisco Systems and Fujitsu will work in Japan."]


@pytest.fixture
def corpora(tmp_path):
    (tmp_path / "bbc" / "business").mkdir(parents=True)
    (tmp_path / "bbc" / "business" / "500.txt").write_text(BBC_TEXT, encoding="utf-8")
    (tmp_path / "ag_news").mkdir()
    with open(tmp_path / "ag_news" / "test.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["1", "first", "row"], AG_ROW])
    return tmp_path


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _entity(text, surface, kind, after=0):
    start = text.index(surface, after)
    return [start, start + len(surface), kind, surface]


def test_reads_texts_from_the_corpus_and_checks_every_span(corpora, tmp_path):
    ag_text = AG_ROW[1] + " " + AG_ROW[2]
    annotations = tmp_path / "train.jsonl"
    _write(annotations, [
        {"source": "bbc/business/500.txt", "entities": [_entity(BBC_TEXT, "Eurotunnel", "organisation")]},
        {"source": "ag_news/test.csv#row1", "entities": [_entity(ag_text, "Cisco Systems", "organisation")]},
    ])
    records = news_annotations.load(annotations, corpora)
    assert [(source, text) for source, text, _spans in records] == [
        ("bbc/business/500.txt", BBC_TEXT), ("ag_news/test.csv#row1", ag_text)]
    assert records[1][2] == [(ag_text.index("Cisco Systems"), ag_text.index("Cisco Systems") + 13, "organisation")]

    # a span that no longer matches its text stops training with the text and both surfaces named
    _write(annotations, [{"source": "bbc/business/500.txt", "entities": [[0, 10, "organisation", "Eurostar"]]}])
    with pytest.raises(news_annotations.AnnotationMismatch, match=r"500\.txt has 'Eurotunnel' at 0-10.*'Eurostar'"):
        news_annotations.load(annotations, corpora)


def test_lines_are_cut_and_labelled_as_the_tagger_reads_them():
    spans = [tuple(_entity(BBC_TEXT, s, k, a)[:3]) for s, k, a in [
        ("Eurotunnel", "organisation", 0), ("Channel Tunnel", "place", 0), ("Eurotunnel", "organisation", 30),
        ("Jean-Louis Raymond", "person", 0), ("US", "place", 0), ("City", "place", 0)]]
    lines, inside_a_token = news_annotations.labelled_lines(BBC_TEXT, spans)
    assert inside_a_token == 1  # "US" in "US-friendly": the tagger cannot mark part of a token
    assert lines[0] == (["Eurotunnel", "sales", "fall"], ["B-organisation", "O", "O"])  # the headline line alone
    words, labels = lines[1]
    assert words[:6] == ["Channel", "Tunnel", "operator", "Eurotunnel", "said", "Mr."]  # house style, as trained
    assert [(w, l) for w, l in zip(words, labels) if l != "O"] == [
        ("Channel", "B-place"), ("Tunnel", "I-place"), ("Eurotunnel", "B-organisation"),
        ("Jean-Louis", "B-person"), ("Raymond", "I-person"), ("City", "B-place")]
    assert "US-friendly" in words
