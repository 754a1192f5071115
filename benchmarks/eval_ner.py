"""Entity recogniser: held-out quality and extraction speed.

    python benchmarks/eval_ner.py [--corpus ../shared/corpora/gmb_ner/ner_dataset.csv]
                                  [--real-news benchmarks/eval/entities_realnews.jsonl ...]
                                  [--bbc ../shared/corpora/bbc] [--rules MODULE:FUNCTION] [--skip-speed]

Quality: the shipped model (resources/models/ner.crfsuite) on the held-out split that tools/train_ner.py
keeps apart (a fixed rule over blocks of de-duplicated sentences): span-level exact-match precision, recall
and F1 for person, organisation and place, micro-averaged overall, and token accuracy.

Speed: words per second (white-space words) over the BBC corpus (~850k words) for sentence splitting alone,
splitting + tokenising, the model path (splitting, tokenising, features, CRF tagging) on one core, and the
model path spread over two processes, the rules-only path (``--rules``, by default the app's
``find_mentions`` without the model) and the app's combined path (``find_mentions`` fed the model's spans).
Quality also scores the COMBINED recogniser the app uses (``find_mentions`` with the model's spans) and the
rules alone on the held-out sentences, rebuilt as text (tokens joined by spaces), as exact character spans. The model is loaded before timing starts (its load time is printed on its own).
The held-out sentences are scored once more upper-cased, as wire headlines and datelines are written.

Real news: the same three recognisers on raw BBC and AG News texts annotated by reading, CoNLL-style: 50
texts used during development (``benchmarks/eval/entities_realnews.md``), 80 scored blind at the end of the
fourth entity session and used for development in the fifth (``entities_realnews_unseen.md``), 80 scored
blind at the end of the fifth and used for development in the sixth (``entities_realnews_blind.md``), and 80
scored blind at the end of the sixth (``entities_realnews_blind2.md``); GMB's labels are silver standard, so
these are the closer measure of what a reader of real news sees.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "tools"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from corpora import CORPORA, bbc_files, read_corpus_text  # noqa: E402
from desktop.extract.ner import EntityTagger, _clean, labels_to_spans, tokenize  # noqa: E402
from desktop.extract.sentences import split_sentences  # noqa: E402

DEFAULT_BBC = CORPORA / "bbc"
DEFAULT_REAL_NEWS = [ROOT / "benchmarks" / "eval" / name for name in (
    "entities_realnews.jsonl", "entities_realnews_unseen.jsonl", "entities_realnews_blind.jsonl",
    "entities_realnews_blind2.jsonl")]


def read_bbc(folder: Path) -> list[str]:
    return [read_corpus_text(path) for path in bbc_files(folder)]


def quality(tagger: EntityTagger, corpus: Path) -> None:
    import train_ner

    _train, held_out, _all = train_ner.split(corpus)
    started = time.perf_counter()
    predicted = [tagger.tag_words(words) for words, _labels in held_out]
    elapsed = time.perf_counter() - started
    scores = train_ner.score([labels for _w, labels in held_out], predicted)
    tokens = sum(len(w) for w, _ in held_out)
    print(f"held-out split: {train_ner.HELD_OUT_RULE}")
    print(f"{len(held_out)} sentences, {tokens} tokens (tagged in {elapsed:.1f}s)")
    print("span-level exact match, model labels:")
    print(train_ner.format_scores(scores))
    cleaned = [_relabel(words, labels) for (words, _gold), labels in zip(held_out, predicted)]
    print("span-level exact match, after the runtime's span clean-up (what spans() returns):")
    print(train_ner.format_scores(train_ner.score([labels for _w, labels in held_out], cleaned)))
    combined(tagger, held_out)
    print()
    # Wire headlines and datelines are written in capitals ("SOCCER - JAPAN GET LUCKY WIN"): the same
    # sentences upper-cased show how the recogniser copes when capitals are no clue.
    upper = train_ner.in_capitals(held_out)
    print("the same held-out sentences in capitals, model labels:")
    print(train_ner.format_scores(train_ner.score([labels for _w, labels in upper], [tagger.tag_words(w) for w, _l in upper])))
    combined(tagger, upper, " (sentences in capitals)")
    print()


def combined(tagger: EntityTagger, held_out, variant: str = "") -> None:
    """Score what the app shows: ``find_mentions`` (rules + gazetteer) fed the model's spans, and without them.

    Each held-out sentence becomes a text of its tokens joined by single spaces (one sentence, offsets
    kept); gold and predicted spans are compared as exact character spans, per type.
    """
    from desktop.domain import Sentence
    from desktop.extract.entities import find_mentions

    gold_sets, with_model, rules_only = [], [], []
    started = time.perf_counter()
    for words, labels in held_out:
        starts, position = [], 0
        for w in words:
            starts.append(position)
            position += len(w) + 1
        text = " ".join(words)
        sentences = [Sentence(0, 0, len(text))]
        gold_sets.append({(starts[a], starts[b - 1] + len(words[b - 1]), k) for a, b, k in labels_to_spans(labels)})
        spans = tagger.spans(text, sentences)
        with_model.append({(m.start, m.end, m.type) for m in find_mentions(text, sentences, extra_spans=spans)})
        rules_only.append({(m.start, m.end, m.type) for m in find_mentions(text, sentences)})
    elapsed = time.perf_counter() - started
    _print_scored(gold_sets, (
        (f"COMBINED recogniser the app uses: find_mentions(..., extra_spans=tagger.spans(...)){variant}", with_model),
        (f"rules only: find_mentions(...) without the model{variant}", rules_only),
    ))
    print(f"(combined and rules-only scoring took {elapsed:.1f}s)")


def real_news(tagger: EntityTagger, gold_path: Path) -> None:
    """Score the app's recogniser on real news annotated by reading (``benchmarks/eval/entities_realnews.jsonl``).

    Unlike the GMB split these are raw texts (BBC articles, AG News items) with the corpus's own spacing and
    punctuation, annotated blind, CoNLL-style; the model alone, the rules alone and the combination are scored
    as exact character spans.
    """
    import json

    from desktop.extract.entities import find_mentions

    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold_sets, model_sets, rules_sets, combined_sets = [], [], [], []
    for record in records:
        text = record["text"]
        sentences = split_sentences(text)
        spans = tagger.spans(text, sentences)
        gold_sets.append({(a, b, k) for a, b, k in record["entities"]})
        model_sets.append(set(spans))
        rules_sets.append({(m.start, m.end, m.type) for m in find_mentions(text, sentences)})
        combined_sets.append({(m.start, m.end, m.type) for m in find_mentions(text, sentences, extra_spans=spans)})
    print(f"real news, annotated by reading ({gold_path.name}): {len(records)} texts, "
          f"{sum(len(g) for g in gold_sets)} entity spans")
    _print_scored(gold_sets, (
        ("COMBINED recogniser the app uses", combined_sets),
        ("model alone (tagger.spans)", model_sets),
        ("rules only", rules_sets),
    ))


def _print_scored(gold_sets, runs) -> None:
    """Print span-level scores (exact character spans) of each ``(title, predicted sets)`` run."""
    import train_ner

    for title, predicted in runs:
        print(f"span-level exact match (character offsets), {title}:")
        print(train_ner.format_scores(_score_sets(gold_sets, predicted)))


def _score_sets(gold_sets, pred_sets) -> dict:
    from collections import Counter

    import train_ner

    from desktop.extract.ner import TYPES

    tp, n_gold, n_pred = Counter(), Counter(), Counter()
    for gold, pred in zip(gold_sets, pred_sets):
        pred = {p for p in pred if p[2] in TYPES}
        n_gold.update(k for _a, _b, k in gold)
        n_pred.update(k for _a, _b, k in pred)
        tp.update(k for _a, _b, k in gold & pred)
    return train_ner.span_scores(tp, n_gold, n_pred)


def _relabel(words, labels):
    out = ["O"] * len(labels)
    for first, last, kind in labels_to_spans(labels):
        for a, b in _clean(words, first, last, kind == "person"):
            out[a] = "B-" + kind
            for i in range(a + 1, b):
                out[i] = "I-" + kind
    return out


def _timed(label: str, words: int, run) -> float:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    result = run()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(f"{label:<48}{words / wall:>12,.0f} words/s wall  {words / max(cpu, 1e-9):>12,.0f} words/s per CPU-second")
    return result


def speed(tagger: EntityTagger, bbc: Path, rules: str | None) -> None:
    texts = read_bbc(bbc)
    words = sum(len(t.split()) for t in texts)
    print(f"BBC corpus: {len(texts)} articles, {words:,} words; {os.cpu_count()} CPUs visible")
    split = _timed("sentence splitting only", words, lambda: [split_sentences(t) for t in texts])
    pairs = list(zip(texts, split))

    def tokenise_all():
        return [tokenize(t, s.start, s.end) for t, sentences in pairs for s in sentences]

    _timed("split + tokenise", words, lambda: ([split_sentences(t) for t in texts], tokenise_all()))
    function = None
    if rules:
        module_name, _, function_name = rules.partition(":")
        function = getattr(importlib.import_module(module_name), function_name)
        _timed(f"rules only ({function_name}, split included)", words, lambda: [function(t, split_sentences(t)) for t in texts])
    found = _timed(
        "model: split + tokenise + tag, 1 process",
        words,
        lambda: [tagger.spans(t, split_sentences(t)) for t in texts],
    )
    if function is not None:

        def both():
            out = []
            for t in texts:
                sentences = split_sentences(t)
                out.append(function(t, sentences, extra_spans=tagger.spans(t, sentences)))
            return out

        _timed(f"rules + model ({function_name}(extra_spans=...)), 1 process", words, both)
    found2 = _timed(
        "model: split + tag (spans_many), 2 processes",
        words,
        lambda: tagger.spans_many([(t, split_sentences(t)) for t in texts], workers=2),
    )
    counts: dict[str, int] = {}
    for spans in found:
        for _s, _e, kind in spans:
            counts[kind] = counts.get(kind, 0) + 1
    print(f"entities found: {counts}; 2-process results identical: {found == found2}")


def main(argv: list[str] | None = None) -> int:
    import train_ner

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=train_ner.DEFAULT_CORPUS)
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    parser.add_argument("--model", type=Path, default=None, help="a model other than the shipped one")
    parser.add_argument(
        "--rules",
        default="desktop.extract.entities:find_mentions",
        help="MODULE:FUNCTION(text, sentences[, extra_spans=...]), the rules path to time alone and fed the model's spans ('' to skip)",
    )
    parser.add_argument("--real-news", type=Path, nargs="*", default=DEFAULT_REAL_NEWS,
                        help="hand-annotated real news (JSONL: text, entities); none to skip")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    tagger = EntityTagger.load(args.model)
    size = tagger.path.stat().st_size
    print(f"model {tagger.path.name}: {size / 1e6:.2f} MB, loaded in {time.perf_counter() - started:.2f}s")
    print()
    if not args.skip_quality:
        quality(tagger, args.corpus)
        for path in args.real_news:
            real_news(tagger, path)
            print()
    if not args.skip_speed:
        speed(tagger, args.bbc, args.rules)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
