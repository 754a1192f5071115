"""Hand-annotated real news for training the entity recogniser: spans stored apart from the corpus texts.

``tools/data/entities_news_train.jsonl`` holds one line per text: ``{"source", "entities": [[start, end,
type, surface], ...]}``. The texts stay in ``../shared/corpora`` (BBC News files, AG News ``test.csv`` rows);
``source`` names one the same way ``benchmarks/eval/entities_realnews.jsonl`` does, and every span's surface is
checked against the text read back, so a changed corpus stops training instead of teaching wrong labels.
``tools/data/entities_news_train.md`` says how the texts were chosen and annotated.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpora import CORPORA, ag_rows, read_corpus_text  # noqa: E402
from desktop.extract.ner import _as_trained, _lines  # noqa: E402
from desktop.extract.sentences import split_sentences  # noqa: E402

DEFAULT_ANNOTATIONS = ROOT / "tools" / "data" / "entities_news_train.jsonl"


class AnnotationMismatch(ValueError):
    pass


def source_text(source: str, corpora: Path = CORPORA) -> str:
    """The text a ``source`` names: a BBC file as ``read_corpus_text`` decodes it, or an AG News row's
    ``title + " " + description`` exactly as ``csv.reader`` returns them."""
    if source.startswith("bbc/"):
        return read_corpus_text(corpora / source)
    name, _, row = source.partition("#row")
    if name != "ag_news/test.csv" or not row.isdigit():
        raise AnnotationMismatch(f"unknown source {source!r}")
    title, description = ag_rows(corpora / name)[int(row)][1:3]
    return title + " " + description


def load(path: Path = DEFAULT_ANNOTATIONS, corpora: Path = CORPORA) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """``(source, text, [(start, end, type), ...])`` per annotated text, each span checked against its text."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        text = source_text(record["source"], corpora)
        spans = []
        for start, end, kind, surface in record["entities"]:
            if text[start:end] != surface:
                raise AnnotationMismatch(
                    f"{path.name}:{number}: {record['source']} has {text[start:end]!r} at {start}-{end}, "
                    f"the annotation says {surface!r}; is ../shared/corpora the expected version?"
                )
            spans.append((start, end, kind))
        records.append((record["source"], text, spans))
    return records


def labelled_lines(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[tuple[list[str], list[str]]], int]:
    """Training sequences ``(words, IOB2 labels)`` cut as the runtime tagger cuts the text (sentences, then
    line ends), words in the training corpus's house style; plus how many spans do not fall on token edges
    ("US" inside "US-friendly": the tagger cannot mark part of a token, so those stay O)."""
    sequences = []
    placed = 0
    for offsets in _lines(text, split_sentences(text)):
        starts = {a: i for i, (a, _b) in enumerate(offsets)}
        ends = {b: i for i, (_a, b) in enumerate(offsets)}
        labels = ["O"] * len(offsets)
        first_start, last_end = offsets[0][0], offsets[-1][1]
        for start, end, kind in spans:
            if start >= first_start and end <= last_end and start in starts and end in ends:
                i, j = starts[start], ends[end]
                labels[i] = "B-" + kind
                for k in range(i + 1, j + 1):
                    labels[k] = "I-" + kind
                placed += 1
        sequences.append((_as_trained([text[a:b] for a, b in offsets]), labels))
    return sequences, len(spans) - placed
