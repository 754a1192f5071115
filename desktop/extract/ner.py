"""A trained, offline entity recogniser: people, organisations and places.

A linear-chain CRF (python-crfsuite's C tagger) over cheap, cached per-word features. The model is trained
by ``tools/train_ner.py`` (``make model``) from the Groningen Meaning Bank and shipped inside the package as
``resources/models/ner.crfsuite``; nothing is downloaded, nothing is looked up on a network. Beside it ships
a word-cluster map (``ner-clusters.tsv.gz``, built by ``tools/build_clusters.py`` from unlabelled news text):
each known word's three nested class ids are features of the word, its mid-level class one of its neighbours,
so that a word the labelled corpus never saw ("Astana", "Microsoft") still looks like its class-mates.

Speed comes from three habits: the tokeniser is one compiled regular expression; the features of a word
*type* are computed once and cached (news repeats its words), so building the features of a sentence is a
few list concatenations per token; and tagging runs in C. The feature code below is shared with training,
so changing it means retraining (bump ``FEATURE_VERSION``; loading checks it against the model's metadata).

Titles are not names here: "President Kassym-Jomart Tokayev" gives the person "Kassym-Jomart Tokayev", and
nationality adjectives ("Iraqi", "Vietnamese") are not entities at all.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop.domain import Sentence
from desktop.domain.model import ENTITY_TYPES
from desktop.extract.names import NAME_PARTICLES

FEATURE_VERSION = "ner-features-3"
MODEL_RESOURCE = "models/ner.crfsuite"
TYPES = ENTITY_TYPES

# --------------------------------------------------------------------------------------------------------
# Tokenisation: close to the training corpus's (GMB) habits. Possessive "'s" and punctuation stand alone;
# hyphenated words ("Kassym-Jomart", "U.S.-led") and dotted abbreviations ("U.S.", "Mr.") stay one token;
# an en dash between names ("Vietnam–Kazakhstan") separates them.
_ABBREVIATED = (
    "Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Rep|Sen|Gov|Pres|Amb|Rev|Fr|Jr|Sr|Messrs|Mme|"
    "Mt|Ft|No|Inc|Ltd|Co|Corp|Bros|Dept|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}(?:-\w+)*"  # U.S. U.N. a.m., U.S.-led
    r"|(?:" + _ABBREVIATED + r")\.(?!\w)"  # Mr. Inc.
    r"|[A-Z]\.(?=\s+[A-Z])"  # a middle initial: "Mary J. Blige", "George W. Bush"
    r"|\d+(?:[.,:/]\d+)*(?:-\w+)*"  # 4.8 1,000 10:30 2023-2024 27-year
    r"|['’][sS]\b"  # possessive 's
    r"|\w+(?:(?:[-‐]|['’](?![sS]\b)|&)\w+)*"  # words, hyphenated words, O'Brien, AT&T
    r"|-{2,}|\.{2,}"  # -- ...
    r"|\S"
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets ``[(start, end), ...]`` of ``text[start:end]``, as offsets into ``text``."""
    if end is None:
        end = len(text)
    return [m.span() for m in _TOKEN.finditer(text, start, end)]


# --------------------------------------------------------------------------------------------------------
# Features.
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "đ": "d", "Đ": "D", "–": "-", "—": "-", "‐": "-", "ı": "i"})


def _fold(word: str) -> str:
    """Lower case without diacritics: "Lâm" -> "lam", "Hồ" -> "ho"."""
    word = word.translate(_TRANSLATE)
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return word.lower()


def _shape(word: str) -> str:
    """Collapsed shape, diacritic-aware: "Tô" -> "Xx", "Kassym-Jomart" -> "Xx-Xx", "U.S." -> "X.X."."""
    out = []
    last = ""
    for c in word.translate(_TRANSLATE):
        if c.isupper():
            k = "X"
        elif c.islower():
            k = "x"
        elif c.isdigit():
            k = "d"
        else:
            k = c if c in "-.&'" else "#"
        if k != last:
            out.append(k)
            last = k
    return "".join(out)


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """The word-cluster map (``tools/build_clusters.py``): folded word -> (coarse, mid, fine) class ids."""
    import gzip

    clusters: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            word, *ids = line.rstrip("\n").split("\t")
            clusters[word] = tuple(ids)
    return clusters


def _own_features(
    word: str, lexicon: frozenset[str], clusters: dict[str, tuple[str, ...]] | None = None
) -> tuple[list[str], str, str]:
    """The features a word gives itself, plus its folded form and shape for its neighbours' use."""
    low = _fold(word)
    ids = clusters.get(low) if clusters else None
    shape = _shape(word)
    common = low in lexicon
    if common and not word.isascii() and word[0].isupper():
        # "Tô" is not "to", "Lê" is not "le": a capitalised word with diacritics that folds onto a common
        # English word is a name, so it keeps its own spelling.
        low, common = word.lower(), False
    feats = ["b", "w=" + low, "s=" + shape]
    n = len(low)
    if n > 2:
        feats.append("x2=" + low[-2:])
        feats.append("p2=" + low[:2])
    if n > 3:
        feats.append("x3=" + low[-3:])
        feats.append("p3=" + low[:3])
    if n > 4:
        feats.append("x4=" + low[-4:])
    first = word[0]
    if first.isupper():
        if word.isupper():
            feats.append("U" if n > 1 else "U1")
        else:
            feats.append("T")
        if common:
            feats.append("lc")  # a capitalised common word ("The", "Speaking")
    elif not first.isalnum():
        feats.append("P")
    if n > 12:
        feats.append("long")
    if clusters and not (n == 1 and not first.isalpha()):
        if ids is None:
            feats.append("c=?")
        else:
            feats.extend(f"c{level}={ident}" for level, ident in zip("123", ids))
    return feats, low, shape


# British and undotted house styles, given to the model as its training corpus (American, dotted) writes
# them: "US" is not the pronoun "us", and "Mr Blair" opens with a title as "Mr. Blair" does.
_HOUSE_STYLE = {"US": "U.S.", "UK": "Britain", "UN": "U.N.", "USA": "U.S."} | {
    title: title + "." for title in "Mr Mrs Ms Dr Prof St Gen Lt Col Sgt Capt Rev Jr".split()
}


def _as_trained(words: list[str]) -> list[str]:
    """The words as the training corpus would write them (the spans keep the text's own offsets)."""
    return [_HOUSE_STYLE.get(word, word) for word in words]


class Featurizer:
    """Feature lists for token sequences, with a per-word-type cache (not shared across threads)."""

    _LIMIT = 300_000

    def __init__(self, lexicon: Iterable[str] = (), clusters: dict[str, tuple[str, ...]] | None = None):
        self.lexicon = frozenset(lexicon)
        self.clusters = clusters or None
        self._cache: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {}

    def _entry(self, word: str):
        entry = self._cache.get(word)
        if entry is None:
            own, low, shape = _own_features(word, self.lexicon, self.clusters)
            entry = (
                own,
                ["-1w=" + low, "-1s=" + shape],
                ["+1w=" + low, "+1s=" + shape],
                ["-2w=" + low],
                ["+2w=" + low],
            )
            ids = self.clusters.get(_fold(word)) if self.clusters else None  # (coarse, mid, fine) or None
            if self.clusters:
                # the neighbours' mid-level word class ("-1c2=138": after a city-like word)
                entry[1].append("-1c2=" + (ids[1] if ids else "?"))
                entry[2].append("+1c2=" + (ids[1] if ids else "?"))
            if len(self._cache) >= self._LIMIT:
                self._cache.clear()
            self._cache[word] = entry
        return entry

    def _caps_entry(self, word: str):
        """The entry of a word in an all-capitals line: capitals say nothing there, so the capital and shape
        features are the caps-line variants the model learns apart ("JAPAN" in a headline is not an acronym)."""
        key = "\x01" + word
        entry = self._cache.get(key)
        if entry is None:
            entry = tuple([_caps_feature(f) for f in part] for part in self._entry(word))
            entry[0].append("CL")
            if len(self._cache) >= self._LIMIT:
                self._cache.clear()
            self._cache[key] = entry
        return entry

    def sequence(self, words: Sequence[str], caps: bool | None = None) -> list[list[str]]:
        """Features of one token sequence; ``caps`` says whether it is an all-capitals line (found from the
        words when not given)."""
        if caps is None:
            caps = caps_line(words)
        entries = [self._caps_entry(w) for w in words] if caps else [self._entry(w) for w in words]
        n = len(entries)
        out = []
        for i, (own, _, _, _, _) in enumerate(entries):
            f = own + (entries[i - 1][1] if i > 0 else _BOS1)
            f += entries[i + 1][2] if i + 1 < n else _EOS1
            if i > 1:
                f += entries[i - 2][3]
            if i + 2 < n:
                f += entries[i + 2][4]
            out.append(f)
        return out


_CAPS_FLAGS = {"U": "CU", "U1": "CU1"}
_CAPS_SHAPES = {"s": "cs", "-1s": "-1cs", "+1s": "+1cs"}


def _caps_feature(feature: str) -> str:
    """The caps-line variant of a feature: the all-capitals flags and the shapes get their own names."""
    name, sep, value = feature.partition("=")
    if not sep:
        return _CAPS_FLAGS.get(feature, feature)
    caps_name = _CAPS_SHAPES.get(name)
    return f"{caps_name}={value}" if caps_name else feature


def caps_line(words: Sequence[str]) -> bool:
    """Whether a line is written in capitals ("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT ."):
    at least three words with letters, all of them upper case."""
    cased = 0
    for word in words:
        if word.upper() != word.lower():
            if not word.isupper():
                return False
            cased += 1
    return cased >= 3


_BOS1 = ["-1w=<s>"]
_EOS1 = ["+1w=</s>"]


def labels_to_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(first, last + 1, type)`` from IOB2 labels; a stray I- starts a span."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    kind = ""
    for i, label in enumerate(labels):
        if label == "O":
            if start >= 0:
                spans.append((start, i, kind))
                start = -1
            continue
        tag, _, typ = label.partition("-")
        if tag == "B" or typ != kind or start < 0:
            if start >= 0:
                spans.append((start, i, kind))
            start, kind = i, typ
    if start >= 0:
        spans.append((start, len(labels), kind))
    return spans


# Tokens that never sit inside a name: a span that runs over one is split there ("Vietnam – Kazakhstan").
_BREAKS = frozenset("– — - ( ) [ ] \" “ ” ‘ , ; : | / ...".split()) | {"'", "’"}
# Tokens that are never a name on their own: currency codes, bare titles the corpus sometimes tags.
_NEVER_ALONE = frozenset(
    """USD EUR GBP JPY CNY RMB VND KZT RUB INR CHF AUD CAD HKD SGD KRW
    General President Minister Secretary Ambassador Chairman Governor Mayor Party Government Ministry
    The A An Mr. Mrs. Ms. Dr.""".split()
)


# Lower-case words that do sit inside names ("Bank of America", "Osama bin Laden", "Ho Chi Minh City").
_CONNECTORS = frozenset(
    "of and for the on de du des da do dos das di del della la le les van von der den ter al el bin ibn y e & in at to upon".split()
)


_HYPHENATED_NAME = re.compile(r"[^\W\d_a-z][^\W\d_A-Z]+-[^\W\d_a-z][^\W\d_A-Z]+$")  # Kassym-Jomart
# Hyphenated roles that look like given names: "Secretary-General Kofi Annan", "Vice-President …".
_HYPHENATED_ROLES = frozenset("secretary general president minister vice deputy chief prime attorney prosecutor".split())
_EDGE_WORDS = frozenset({"the", "The", "'s", "’s"}) | _CONNECTORS


def _breaks(word: str) -> bool:
    if word[0].isdigit():
        return len(word) > 3  # a year or a date ("United Arab Emirates 1996-12-06"), not "Group 7"
    return word in _BREAKS or (word[0].islower() and word not in _CONNECTORS and "-" not in word)


def _given_name_before(word: str) -> bool:
    """Whether ``word`` is a hyphenated given name the model left out of a person ("Kassym-Jomart")."""
    return bool(_HYPHENATED_NAME.match(word)) and not any(part in _HYPHENATED_ROLES for part in word.lower().split("-"))


def _clean(words: Sequence[str], first: int, last: int, person: bool = False) -> list[tuple[int, int]]:
    """Token ranges of one predicted span after splitting at punctuation or stray lower-case words."""
    pieces = []
    start = first
    for i in range(first, last + 1):
        if i == last or _breaks(words[i]):
            a, b = start, i
            while a < b and words[a] in _EDGE_WORDS and not (
                person and words[a] in NAME_PARTICLES and a + 1 < b and words[a + 1][:1].isupper()
            ):
                a += 1
            while b > a and words[b - 1] in _EDGE_WORDS:
                b -= 1
            if b > a and not (b - a == 1 and words[a] in _NEVER_ALONE):
                pieces.append((a, b))
            start = i + 1
    return pieces


def _lines(text: str, sentences: Sequence[Sentence]) -> Iterable[list[tuple[int, int]]]:
    """Token offsets of each sentence, cut where a line ends: a headline, a byline or a dateline the
    sentence splitter left joined to the next line is tagged on its own ("Nadim Ladki" / "AL-AIN , ...")."""
    for sentence in sentences:
        offsets = tokenize(text, sentence.start, sentence.end)
        start = 0
        for i in range(1, len(offsets)):
            if "\n" in text[offsets[i - 1][1] : offsets[i][0]]:
                yield offsets[start:i]
                start = i
        if start < len(offsets):
            yield offsets[start:]


# Two words in capitals with no lower-case letter between them: the cheap test before looking for caps lines.
_SHOUTING = re.compile(r"[A-Z]{2}[^a-z]*?\b[A-Z]{2}")


def capital_lines(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Character ranges of the lines the tagger reads as written in capitals (``caps_line``): wire
    headlines and datelines, where a capital letter is no sign of a name."""
    if not _SHOUTING.search(text):
        return []
    out = []
    for offsets in _lines(text, sentences):
        if caps_line([text[a:b] for a, b in offsets]):
            out.append((offsets[0][0], offsets[-1][1]))
    return out


# --------------------------------------------------------------------------------------------------------
# The tagger.
class ModelMissing(FileNotFoundError):
    pass


class EntityTagger:
    """Finds people, organisations and places in text, with character offsets."""

    def __init__(
        self,
        model_path: Path,
        lexicon: Iterable[str] = (),
        metadata: dict | None = None,
        clusters: dict[str, tuple[str, ...]] | None = None,
    ):
        import pycrfsuite  # the C tagger; imported here so that importing this module stays cheap

        self.path = Path(model_path)
        self.metadata = metadata or {}
        self._clusters = clusters or None
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        self._lexicon = frozenset(lexicon)
        self._local = threading.local()
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path | None = None) -> EntityTagger:
        """Open the shipped model (or the one at ``path``); its metadata ``.json`` and lexicon sit beside it."""
        if path is None:
            from desktop.paths import MissingResource, resource_path

            try:
                path = resource_path(MODEL_RESOURCE)
            except MissingResource as error:
                raise ModelMissing(
                    f"the entity model is not shipped ({error}); build it with `make model`"
                ) from error
        path = Path(path)
        if not path.is_file():
            raise ModelMissing(f"no entity model at {path}; build it with `make model`")
        metadata: dict = {}
        meta_path = path.with_suffix(".json")
        if meta_path.is_file():
            metadata = json.loads(meta_path.read_text(encoding="utf-8"))
            version = metadata.get("feature_version")
            if version and version != FEATURE_VERSION:
                raise ModelMissing(
                    f"the entity model at {path} was trained with features {version!r}, but this code "
                    f"computes {FEATURE_VERSION!r}; rebuild it with `make model`"
                )
        lexicon = metadata.get("lexicon", ())
        clusters = None
        cluster_info = metadata.get("clusters")
        if cluster_info:
            cluster_path = path.parent / cluster_info["file"]
            if not cluster_path.is_file():
                raise ModelMissing(f"the entity model's word clusters are missing ({cluster_path}); build them with `make model`")
            clusters = load_clusters(cluster_path)
        return cls(path, lexicon, metadata, clusters)

    def _featurizer(self) -> Featurizer:
        featurizer = getattr(self._local, "featurizer", None)
        if featurizer is None:
            featurizer = self._local.featurizer = Featurizer(self._lexicon, self._clusters)
        return featurizer

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """IOB2 labels (``B-person``, ``I-place``, ``O``...) for one tokenised sentence."""
        if not words:
            return []
        xseq = self._featurizer().sequence(_as_trained(words), caps_line(words))
        with self._lock:
            return self._tagger.tag(xseq)

    def spans(self, text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int, str]]:
        """Entity spans ``(start, end, type)`` in ``text``, type one of person, organisation, place."""
        featurizer = self._featurizer()
        tag = self._tagger.tag
        out: list[tuple[int, int, str]] = []
        for offsets in _lines(text, sentences):
            words = [text[a:b] for a, b in offsets]
            xseq = featurizer.sequence(_as_trained(words), caps_line(words))
            with self._lock:
                labels = tag(xseq)
            if "O" in labels and labels.count("O") == len(labels):
                continue
            for first, last, kind in labels_to_spans(labels):
                if kind == "person" and first > 0 and labels[first - 1] == "O" and _given_name_before(words[first - 1]):
                    first -= 1  # a hyphenated given name the model left out: "Kassym-Jomart Tokayev"
                for a, b in _clean(words, first, last, kind == "person"):
                    out.append((offsets[a][0], offsets[b - 1][1], kind))
        return out

    def spans_many(
        self, texts_and_sentences: Iterable[tuple[str, Sequence[Sentence]]], workers: int = 1
    ) -> list[list[tuple[int, int, str]]]:
        """``spans`` for many texts; ``workers > 1`` spreads large batches over processes."""
        items = list(texts_and_sentences)
        if workers <= 1 or len(items) < 8 * workers:
            return [self.spans(text, sentences) for text, sentences in items]
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(items) // (workers * 4))
        plain = [(text, [(s.index, s.start, s.end) for s in sentences]) for text, sentences in items]
        batches = [plain[i : i + chunk] for i in range(0, len(plain), chunk)]
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(str(self.path),)) as pool:
            results: list[list[tuple[int, int, str]]] = []
            for part in pool.map(_worker_spans, batches):
                results.extend(part)
        return results


_WORKER: EntityTagger | None = None


def _worker_init(path: str) -> None:
    global _WORKER
    _WORKER = EntityTagger.load(Path(path))


def _worker_spans(batch):
    assert _WORKER is not None
    return [_WORKER.spans(text, [Sentence(*s) for s in sentences]) for text, sentences in batch]


_shared: EntityTagger | None = None
_shared_lock = threading.Lock()


def shared_tagger() -> EntityTagger:
    """The shipped model, loaded once per process on first use (thread-safe)."""
    global _shared
    tagger = _shared
    if tagger is None:
        with _shared_lock:
            if _shared is None:
                _shared = EntityTagger.load()
            tagger = _shared
    return tagger

