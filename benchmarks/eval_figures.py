"""Score the figure extractor against the hand-annotated set, and time it over the BBC corpus.

    python benchmarks/eval_figures.py [--gold benchmarks/eval/figures_gold.jsonl] [--corpus DIR] [--no-speed]

Prints precision / recall / F1 for span detection (exact span, and overlap with one-to-one matching),
for each field (value, unit, qualifier, period, kind, metric: a figure counts as correct when it matches a
gold figure by overlap AND the field is equal, so P = correct / predicted, R = correct / gold), for value and
unit together, and the extractor's speed in words per second over the whole BBC corpus (one core).
Offsets in the gold set are against :func:`gold_text`; each record carries the sha256 of that text, and a
record whose text no longer hashes the same is reported and skipped rather than scored wrongly.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tools"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from corpora import CORPORA, read_corpus_text  # noqa: E402
from desktop.domain import figure_fields  # noqa: E402
from desktop.extract.figures import find_figures  # noqa: E402
from desktop.extract.metrics import load_metric_vocabulary  # noqa: E402
from desktop.extract.sentences import split_sentences  # noqa: E402

GOLD = ROOT / "benchmarks" / "eval" / "figures_gold.jsonl"
CORPUS_ROOT = CORPORA
FIELDS = ("value", "unit", "qualifier", "period", "kind", "metric")
_SEED_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}-\d{2} ")


def gold_text(path: str | Path) -> str:
    """The text annotation offsets refer to: decoded, CRLF -> LF, a seed's " date YYYY-MM-DD " prefix dropped."""
    path = Path(path)
    text = read_corpus_text(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.parent.name == "seeds":
        first, newline, rest = text.partition("\n")
        text = _SEED_PREFIX.sub("", first, count=1) + newline + rest
    return text


def source_path(source: str, corpus_root: Path) -> Path:
    if source.startswith("seeds/"):
        return ROOT / source
    return corpus_root / source


def _same_value(gold: dict, predicted: dict) -> bool:
    def close(a: float | None, b: float | None) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))

    if gold.get("value") is not None or predicted.get("value") is not None:
        return close(gold.get("value"), predicted.get("value"))
    return close(gold.get("low"), predicted.get("low")) and close(gold.get("high"), predicted.get("high"))


def _field_equal(field: str, gold: dict, predicted: dict) -> bool:
    if field == "value":
        return _same_value(gold, predicted)
    return gold.get(field) == predicted.get(field)


def _match(gold: list[dict], predicted: list[dict], exact: bool) -> list[tuple[dict, dict]]:
    """One-to-one matching: exact spans, or overlapping spans taken greedily by largest overlap."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if exact:
                if g["start"] == p["start"] and g["end"] == p["end"]:
                    candidates.append((g["end"] - g["start"], gi, pi))
            else:
                overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
                if overlap > 0:
                    candidates.append((overlap, gi, pi))
    candidates.sort(key=lambda item: -item[0])
    used_gold, used_predicted, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(gold_path: Path, corpus_root: Path, verbose: bool = False) -> dict:
    vocabulary = load_metric_vocabulary()
    totals = {"gold": 0, "predicted": 0, "exact": 0, "overlap": 0, "value+unit": 0}
    totals.update({field: 0 for field in FIELDS})
    documents = 0
    errors: list[str] = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        path = source_path(record["source"], corpus_root)
        if not path.exists():
            print(f"skipped {record['source']}: {path} not found")
            continue
        text = gold_text(path)
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != record["text_sha256"]:
            print(f"skipped {record['source']}: text changed since annotation (sha256 differs)")
            continue
        documents += 1
        gold = record["figures"]
        predicted = [figure_fields(f) for f in find_figures(text, split_sentences(text), vocabulary)]
        totals["gold"] += len(gold)
        totals["predicted"] += len(predicted)
        totals["exact"] += len(_match(gold, predicted, exact=True))
        pairs = _match(gold, predicted, exact=False)
        totals["overlap"] += len(pairs)
        for g, p in pairs:
            for field in FIELDS:
                if _field_equal(field, g, p):
                    totals[field] += 1
                elif verbose:
                    errors.append(f"{record['source']} {g['text']!r}: {field} gold={g.get(field, (g.get('low'), g.get('high')))!r} got={p.get(field) if field != 'value' or p.get('value') is not None else (p.get('low'), p.get('high'))!r}")
            if _same_value(g, p) and g["unit"] == p["unit"]:
                totals["value+unit"] += 1
        if verbose:
            matched_gold = {id(g) for g, _ in pairs}
            matched_predicted = {id(p) for _, p in pairs}
            errors.extend(f"{record['source']} missed {g['text']!r}" for g in gold if id(g) not in matched_gold)
            errors.extend(f"{record['source']} spurious {p['text']!r}" for p in predicted if id(p) not in matched_predicted)
    totals["documents"] = documents
    if verbose:
        print("\n".join(errors))
    return totals


def measure_speed(corpus_root: Path) -> tuple[int, float, float, int] | None:
    paths = sorted((corpus_root / "bbc").glob("*/*.txt"))
    if not paths:
        return None
    texts = [gold_text(path) for path in paths]
    words = sum(len(text.split()) for text in texts)
    vocabulary = load_metric_vocabulary()
    started = time.perf_counter()
    sentences = [split_sentences(text) for text in texts]
    split_seconds = time.perf_counter() - started
    started = time.perf_counter()
    count = 0
    for text, sentence_list in zip(texts, sentences):
        count += len(find_figures(text, sentence_list, vocabulary))
    figure_seconds = time.perf_counter() - started
    return words, split_seconds, figure_seconds, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, metavar="PATH", help="gold set to score against (default: eval/figures_gold.jsonl; eval/figures_heldout.jsonl is the blind held-out set)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_ROOT, help="folder holding bbc/<topic>/<n>.txt")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing over the whole BBC corpus")
    parser.add_argument("--verbose", action="store_true", help="list every miss, spurious figure and wrong field")
    args = parser.parse_args(argv)

    totals = evaluate(args.gold, args.corpus, args.verbose)
    gold, predicted = totals["gold"], totals["predicted"]
    print(f"documents {totals['documents']}  gold figures {gold}  predicted {predicted}")
    print(f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}")
    rows = [("span (exact)", totals["exact"]), ("span (overlap)", totals["overlap"])]
    rows += [(field, totals[field]) for field in FIELDS] + [("value+unit", totals["value+unit"])]
    for name, correct in rows:
        precision, recall, f1 = _prf(correct, predicted, gold)
        print(f"{name:<22}{precision:7.3f}{recall:7.3f}{f1:7.3f}")
    matched = totals["overlap"]
    if matched:
        accuracy = "  ".join(f"{field} {totals[field] / matched:.3f}" for field in FIELDS)
        print(f"field accuracy over {matched} matched figures: {accuracy}")
    if not args.no_speed:
        speed = measure_speed(args.corpus)
        if speed is None:
            print(f"speed: no corpus at {args.corpus / 'bbc'}")
        else:
            words, split_seconds, figure_seconds, count = speed
            print(
                f"speed over {words} words: find_figures {words / figure_seconds:,.0f} words/s ({figure_seconds:.2f}s, "
                f"{count} figures); split_sentences + find_figures {words / (split_seconds + figure_seconds):,.0f} words/s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
