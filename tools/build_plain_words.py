"""Build the list of plain words (``resources/gazetteer/plain_words.txt``): words news writes in lower case.

    python tools/build_plain_words.py [--out resources/gazetteer/plain_words.txt]

A word is plain when, away from the start of a sentence, it is written in lower case at least ``--min-count``
times and capitalised at most ``--max-capitalised`` of the time ("falls", "offers", "sees"; not "ministry",
"health" or "union", which often sit inside names). The entity rules use the list to recognise a Title Case
headline ("Google Stock Falls on Outlook"), where a capital letter says nothing about a name.

Text: the same unlabelled sources as the word clusters (``tools/build_clusters.py``): BBC News bodies, AG News
descriptions (not their Title Case titles) and the GMB training sentences (the held-out split is never read).
Deterministic: counts only, the output sorted.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "tools"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from build_clusters import CORPORA, ag_sentences, bbc_sentences, gmb_training_sentences  # noqa: E402

DEFAULT_OUT = ROOT / "resources" / "gazetteer" / "plain_words.txt"
_OPENERS = frozenset("\"'“‘«([{-–—:")


def plain_words(sentences, min_count: int, max_capitalised: float) -> list[str]:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for words in sentences:
        for i, word in enumerate(words):
            if i == 0 or words[i - 1] in _OPENERS or not word.isalpha():
                continue
            if word.islower():
                lower[word] += 1
            elif word[0].isupper():
                capital[word.lower()] += 1
    return sorted(
        word for word, count in lower.items()
        if len(word) >= 4 and count >= min_count and capital[word] <= max_capitalised * (count + capital[word])
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--max-capitalised", type=float, default=0.02)
    args = parser.parse_args(argv)

    def sentences():
        yield from bbc_sentences(CORPORA / "bbc")
        yield from ag_sentences(CORPORA / "ag_news" / "test.csv", slice(2, 3))
        yield from gmb_training_sentences(CORPORA / "gmb_ner" / "ner_dataset.csv")

    words = plain_words(sentences(), args.min_count, args.max_capitalised)
    header = (
        "# Plain words: written in lower case away from a sentence start (built by tools/build_plain_words.py\n"
        f"# from BBC News bodies, AG News descriptions and GMB training text; min count {args.min_count}, "
        f"at most {args.max_capitalised:.0%} capitalised). Generated: do not edit by hand.\n"
    )
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} plain words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
