"""Build the word-cluster map the entity recogniser's features use (``make clusters``; ``make model`` runs it).

    python tools/build_clusters.py [--out resources/models/ner-clusters.tsv.gz]

Distributional word classes learned from UNLABELLED news text that ships with the project's data:

  * the BBC News corpus (../shared/corpora/bbc/*/*.txt, 2004-05; Greene & Cunningham, ICML 2006),
  * AG News (../shared/corpora/ag_news/test.csv, title + description; Zhang, Zhao & LeCun, NIPS 2015),
  * the GMB sentences of the recogniser's TRAINING part only (the held-out split's text is never read).

Method (numpy only, deterministic, seeded): every text is tokenised with the runtime tokeniser and folded
(``ner._fold``: lower case, no diacritics). For the ``--vocab`` most frequent folded words (seen at least
``--min-count`` times) a context vector counts the ``--contexts`` most frequent words one position to the
left and, separately, one and two positions to the right and left; positive PMI weighting, a seeded
randomised SVD to ``--dim`` dimensions, rows scaled to unit length, then seeded spherical k-means into
``--fine`` clusters, and the fine centroids clustered again into ``--mid`` and ``--coarse`` clusters: a
three-level hierarchy, so that every word gets three nested class ids (coarse, mid, fine), like the prefixes
of a Brown-cluster bit string.

Output: a gzip'd TSV ``word<TAB>coarse<TAB>mid<TAB>fine`` sorted by word (gzip header time zeroed so that the
file is byte-for-byte reproducible given the same numpy build).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402  (build-time only; the runtime reads the TSV)

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "tools"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from corpora import CORPORA, ag_rows, bbc_files, read_corpus_text  # noqa: E402
from desktop.extract.ner import _fold, tokenize  # noqa: E402

DEFAULT_OUT = ROOT / "resources" / "models" / "ner-clusters.tsv.gz"
SEED = 20250504


def bbc_sentences(folder: Path):
    from desktop.extract.sentences import split_sentences

    for path in bbc_files(folder):
        text = read_corpus_text(path)
        for s in split_sentences(text):
            yield [text[a:b] for a, b in tokenize(text, s.start, s.end)]


def ag_sentences(path: Path, columns: slice = slice(1, 3)):
    """Tokenised sentences of AG News items: title and description (``columns``), escapes undone."""
    from desktop.extract.sentences import split_sentences

    for row in ag_rows(path):
        if len(row) < 3:
            continue
        for part in row[columns]:
            text = part.replace("#36;", "$").replace("#39;", "'").replace("\\", "\n")
            for s in split_sentences(text):
                yield [text[a:b] for a, b in tokenize(text, s.start, s.end)]


def gmb_training_sentences(path: Path):
    import train_ner

    for i, (words, _tags) in enumerate(train_ner.corpus_sentences(path)):
        if not train_ner.is_held_out(i):
            yield list(words)


def corpus(corpora: Path) -> list[list[str]]:
    sentences = []
    sentences.extend(bbc_sentences(corpora / "bbc"))
    sentences.extend(ag_sentences(corpora / "ag_news" / "test.csv"))
    sentences.extend(gmb_training_sentences(corpora / "gmb_ner" / "ner_dataset.csv"))
    return [[_fold(w) for w in s] for s in sentences if s]


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iterations: int, weights=None) -> np.ndarray:
    """Spherical k-means (cosine), k-means++-like seeding by sampling; returns the assignment."""
    n = x.shape[0]
    w = np.ones(n) if weights is None else weights
    # seeding: the first centre by weight, then points far from their nearest centre (greedy k-means++ sample)
    centres = np.empty((k, x.shape[1]), dtype=x.dtype)
    first = rng.choice(n, p=w / w.sum())
    centres[0] = x[first]
    best = 1.0 - x @ centres[0]
    for j in range(1, k):
        p = np.maximum(best, 0) * w
        total = p.sum()
        pick = rng.choice(n, p=p / total) if total > 0 else rng.integers(n)
        centres[j] = x[pick]
        best = np.minimum(best, 1.0 - x @ centres[j])
    assign = np.zeros(n, dtype=np.int64)
    for _ in range(iterations):
        sims = x @ centres.T
        new = sims.argmax(axis=1)
        if _ > 0 and np.array_equal(new, assign):
            break
        assign = new
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x * w[:, None])
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0
        norms[empty] = 1
        centres = np.where(empty[:, None], centres, sums / norms[:, None])
    return assign


def build(sentences, vocab_size: int, min_count: int, contexts: int, dim: int, levels, seed: int):
    rng = np.random.default_rng(seed)
    counts = Counter(w for s in sentences for w in s)
    alpha = lambda w: any(c.isalpha() for c in w)  # noqa: E731
    ranked = sorted((w for w, c in counts.items() if c >= min_count and alpha(w)), key=lambda w: (-counts[w], w))
    vocab = ranked[:vocab_size]
    index = {w: i for i, w in enumerate(vocab)}
    context_words = sorted(counts, key=lambda w: (-counts[w], w))[:contexts]
    cindex = {w: i for i, w in enumerate(context_words)}
    offsets = (-2, -1, 1, 2)
    rows, cols = [], []
    for s in sentences:
        padded = ["<s>", "<s>", *s, "</s>", "</s>"]
        for i, w in enumerate(s):
            r = index.get(w)
            if r is None:
                continue
            for slot, off in enumerate(offsets):
                c = cindex.get(padded[i + 2 + off], contexts if padded[i + 2 + off] in ("<s>", "</s>") else -1)
                if c < 0:
                    continue
                rows.append(r)
                cols.append(slot * (contexts + 1) + c)
    width = len(offsets) * (contexts + 1)
    flat = np.bincount(np.asarray(rows, dtype=np.int64) * width + np.asarray(cols, dtype=np.int64),
                       minlength=len(vocab) * width)
    m = flat.reshape(len(vocab), width).astype(np.float64)
    del flat
    total = m.sum()
    row = m.sum(axis=1, keepdims=True)
    col = m.sum(axis=0, keepdims=True) ** 0.75  # context distribution smoothing
    col = col / col.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(m * total / (row * col))
    pmi[~np.isfinite(pmi)] = 0
    ppmi = np.maximum(pmi, 0).astype(np.float32)
    del m, pmi
    # randomised SVD (Halko et al.), seeded
    omega = rng.standard_normal((ppmi.shape[1], dim + 20)).astype(np.float32)
    y = ppmi @ omega
    for _ in range(3):
        y, _r = np.linalg.qr(y)
        y = ppmi @ (ppmi.T @ y)
    q, _r = np.linalg.qr(y)
    b = q.T @ ppmi
    ub, s, _vt = np.linalg.svd(b, full_matrices=False)
    u = (q @ ub)[:, :dim] * np.sqrt(s[:dim])
    u /= np.maximum(np.linalg.norm(u, axis=1, keepdims=True), 1e-9)
    u = u.astype(np.float64)
    coarse_k, mid_k, fine_k = levels
    weights = np.sqrt(np.array([counts[w] for w in vocab], dtype=np.float64))
    fine = _kmeans(u, fine_k, rng, 30, weights)
    cent = np.zeros((fine_k, u.shape[1]))
    np.add.at(cent, fine, u * weights[:, None])
    csize = np.bincount(fine, weights=weights, minlength=fine_k)
    cent /= np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-9)
    used = csize > 0
    mid_of = np.zeros(fine_k, dtype=np.int64)
    mid_of[used] = _kmeans(cent[used], mid_k, rng, 50, csize[used])
    cent2 = np.zeros((mid_k, u.shape[1]))
    np.add.at(cent2, mid_of[used], cent[used] * csize[used][:, None])
    size2 = np.bincount(mid_of[used], weights=csize[used], minlength=mid_k)
    cent2 /= np.maximum(np.linalg.norm(cent2, axis=1, keepdims=True), 1e-9)
    used2 = size2 > 0
    coarse_of = np.zeros(mid_k, dtype=np.int64)
    coarse_of[used2] = _kmeans(cent2[used2], coarse_k, rng, 50, size2[used2])
    return {w: (int(coarse_of[mid_of[fine[i]]]), int(mid_of[fine[i]]), int(fine[i])) for i, w in enumerate(vocab)}


def write(mapping: dict, out: Path) -> str:
    text = "".join(f"{w}\t{a}\t{b}\t{c}\n" for w, (a, b, c) in sorted(mapping.items()))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(text.encode("utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--vocab", type=int, default=60000)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--contexts", type=int, default=600)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--levels", default="64,256,1024", help="coarse,mid,fine cluster counts")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sentences = corpus(args.corpora)
    tokens = sum(len(s) for s in sentences)
    print(f"{len(sentences)} unlabelled sentences, {tokens} tokens", flush=True)
    levels = tuple(int(x) for x in args.levels.split(","))
    mapping = build(sentences, args.vocab, args.min_count, args.contexts, args.dim, levels, args.seed)
    digest = write(mapping, args.out)
    print(f"{len(mapping)} words -> {levels} clusters in {time.perf_counter() - started:.0f}s; "
          f"{args.out} {args.out.stat().st_size / 1e6:.2f} MB sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
