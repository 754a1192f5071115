"""The shared corpora as the maintainer tools and benchmarks read them (../shared/corpora; never shipped).

One decoder for the BBC files (UTF-8, else Windows-1252: one file of the 2,225, sport/199.txt, is not UTF-8)
and one reader of AG News rows, so that training, clusters, benchmarks and evaluation sets all see the same
text and their character offsets agree.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def read_corpus_text(path: Path) -> str:
    """A corpus file's text (a BBC article, a seed): UTF-8, or Windows-1252 where that fails (bytes it
    cannot decode replaced)."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def bbc_files(folder: Path) -> list[Path]:
    """The articles of a BBC News folder (``<category>/<nnn>.txt``), in a fixed order."""
    return sorted(Path(folder).glob("*/*.txt"))


@lru_cache(maxsize=2)
def ag_rows(path: Path) -> list[list[str]]:
    """The rows of an AG News CSV (class, title, description), exactly as ``csv.reader`` returns them."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))
