"""Entity finding speed over the BBC corpus: ``python benchmarks/bench_entities.py [corpus folder]``.

Prints words per second on one core (sentence splitting not counted), and the most frequent entities.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from corpora import CORPORA, bbc_files, read_corpus_text  # noqa: E402
from desktop.extract.entities import find_mentions  # noqa: E402
from desktop.extract.gazetteer import shared_gazetteer  # noqa: E402
from desktop.extract.sentences import split_sentences  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPORA / "bbc"
    texts = [read_corpus_text(p) for p in bbc_files(folder)]
    split = [split_sentences(t) for t in texts]
    shared_gazetteer()
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    found = Counter()
    for text, sentences in zip(texts, split):
        for mention in find_mentions(text, sentences):
            found[(mention.type, mention.name)] += 1
    elapsed = time.perf_counter() - started
    print(f"{len(texts)} texts, {words} words, {elapsed:.2f} s: {words / elapsed:,.0f} words/s")
    for entity_type in ("person", "organisation", "place"):
        top = [(name, n) for (t, name), n in found.most_common() if t == entity_type][:40]
        print(entity_type, top)


if __name__ == "__main__":
    main()
