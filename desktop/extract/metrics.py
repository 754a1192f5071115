"""The metric vocabulary: what a figure measures, from user-editable ``resources/metrics.json``.

A metric has a short normalised name ("bilateral trade turnover"), the phrases that name it in text
("two-way trade", "trade turnover"), the units it can label (a trade total is money, GDP growth is a
percentage), a sector key, and optional direction (export/import) and scope (bilateral) hints so that
"exports" never lines up with "trade turnover".

Phrases are matched on word tokens, not with one huge regular expression: a dictionary keyed by the first
word keeps lookup linear in the words of a sentence however long the vocabulary grows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

SECTOR_KEYS: frozenset[str] = frozenset(
    """tourism trade aviation investment energy diplomacy economy culture defence_security justice
    digital_technology transport_logistics agriculture education""".split()
)

_TOKEN = re.compile(r"[A-Za-z0-9&]+")
_ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")


class MetricVocabularyError(ValueError):
    """The metrics file is missing, not JSON, or not in the documented shape."""


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    sector: str
    synonyms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    counts: str | None = None  # the noun a bare number of this metric counts ("people")
    direction: str | None = None  # "export" | "import"
    scope: str | None = None  # "bilateral"

    def resolve_unit(self, unit: str) -> str | None:
        """The unit the figure gets under this metric (a bare count becomes the counted noun), or None."""
        if not self.units:
            return unit
        base, slash, rate = unit.partition("/")
        if base == "count" and self.counts:
            resolved = self.counts + slash + rate
            if self._unit_ok(resolved) or (slash and f"*/{rate}" in self.units):
                return resolved
        if self._unit_ok(unit):
            return unit
        return None

    def _unit_ok(self, unit: str) -> bool:
        if unit in self.units:
            return True
        base, slash, rate = unit.partition("/")
        if slash and f"*/{rate}" in self.units:
            return True
        return not slash and "currency" in self.units and bool(_ISO_CURRENCY.match(unit))


@dataclass(frozen=True, slots=True)
class MetricMention:
    """A phrase naming one or more metrics, at [start, end) in the searched text."""

    start: int
    end: int
    metrics: tuple[Metric, ...]
    phrase: str


@dataclass(slots=True)
class MetricVocabulary:
    metrics: tuple[Metric, ...]
    # first token -> list of (token tuple, acronym?, metrics), longest phrases first
    _index: dict[str, list[tuple[tuple[str, ...], bool, tuple[Metric, ...]]]] = field(default_factory=dict)
    _patterns: list[tuple[re.Pattern[str], Metric]] = field(default_factory=list)
    _by_name: dict[str, Metric] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for metric in self.metrics:
            self._by_name.setdefault(metric.name, metric)  # the first of a name, as a scan would find
        grouped: dict[tuple[tuple[str, ...], bool], list[Metric]] = {}
        for metric in self.metrics:
            for phrase in (metric.name, *metric.synonyms):
                tokens = tuple(token.lower() for token in _TOKEN.findall(phrase))
                if not tokens:
                    continue
                acronym = sum(char.isupper() for char in phrase) >= 2 and phrase.upper() == phrase
                bucket = grouped.setdefault((tokens, acronym), [])
                if metric not in bucket:
                    bucket.append(metric)
            for pattern in metric.patterns:
                self._patterns.append((re.compile(pattern, re.IGNORECASE), metric))
        for (tokens, acronym), metrics in grouped.items():
            self._index.setdefault(tokens[0], []).append((tokens, acronym, tuple(metrics)))
        for entries in self._index.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def by_name(self, name: str) -> Metric | None:
        return self._by_name.get(name)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[MetricMention]:
        """Mentions of metrics in ``text[start:end]``, with offsets into ``text``, sorted by start."""
        end = len(text) if end is None else end
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
        lowered = [token[0].lower() for token in tokens]
        found: list[MetricMention] = []
        index = self._index
        position = 0
        count = len(tokens)
        while position < count:
            entries = index.get(lowered[position])
            matched = False
            if entries:
                for phrase, acronym, metrics in entries:
                    size = len(phrase)
                    if tuple(lowered[position : position + size]) != phrase:
                        continue
                    if acronym and not tokens[position][0].isupper():
                        continue
                    first, last = tokens[position], tokens[position + size - 1]
                    if size > 1 and not _joined(text, tokens, position, size):
                        continue
                    found.append(MetricMention(first[1], last[2], metrics, text[first[1] : last[2]]))
                    position += size
                    matched = True
                    break
            if not matched:
                position += 1
        for pattern, metric in self._patterns:
            for match in pattern.finditer(text, start, end):
                found.append(MetricMention(match.start(), match.end(), (metric,), match.group()))
        found.sort(key=lambda mention: (mention.start, -mention.end))
        return found


def _joined(text: str, tokens: list[tuple[str, int, int]], position: int, size: int) -> bool:
    """Tokens of a phrase are separated only by spaces, hyphens or an apostrophe-s style joint."""
    for offset in range(position, position + size - 1):
        gap = text[tokens[offset][2] : tokens[offset + 1][1]]
        if len(gap) > 3 or any(char not in " -\n\u2013'’&" for char in gap):
            return False
    return True


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise MetricVocabularyError(f"{where} must be a list of non-empty strings")
    return tuple(value)


def _optional_string(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise MetricVocabularyError(f"{where} must be a non-empty string or absent")
    return value


def parse_metric_vocabulary(data: object, source: str = "<data>") -> MetricVocabulary:
    """Build a vocabulary from already-decoded JSON, with messages that name the bad entry."""
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), list):
        raise MetricVocabularyError(f"{source}: expected an object with a \"metrics\" list")
    metrics: list[Metric] = []
    names: set[str] = set()
    for number, entry in enumerate(data["metrics"], start=1):
        where = f"{source}: metric #{number}"
        if not isinstance(entry, dict):
            raise MetricVocabularyError(f"{where} must be an object")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise MetricVocabularyError(f"{where} has no \"name\"")
        where = f"{source}: metric {name!r}"
        unknown = set(entry) - {"name", "sector", "synonyms", "patterns", "units", "counts", "direction", "scope"}
        if unknown:
            raise MetricVocabularyError(f"{where} has unknown field(s) {sorted(unknown)}")
        sector = entry.get("sector")
        if sector not in SECTOR_KEYS:
            raise MetricVocabularyError(f"{where}: sector {sector!r} is not one of {sorted(SECTOR_KEYS)}")
        patterns = _strings(entry.get("patterns"), f"{where}: \"patterns\"")
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise MetricVocabularyError(f"{where}: pattern {pattern!r} is not a valid regular expression: {error}") from None
        direction = _optional_string(entry.get("direction"), f"{where}: \"direction\"")
        if direction not in (None, "export", "import"):
            raise MetricVocabularyError(f"{where}: direction must be \"export\" or \"import\"")
        if name in names:
            raise MetricVocabularyError(f"{where} is listed twice")
        names.add(name)
        metrics.append(
            Metric(
                name=name,
                sector=sector,
                synonyms=_strings(entry.get("synonyms"), f"{where}: \"synonyms\""),
                patterns=patterns,
                units=_strings(entry.get("units"), f"{where}: \"units\""),
                counts=_optional_string(entry.get("counts"), f"{where}: \"counts\""),
                direction=direction,
                scope=_optional_string(entry.get("scope"), f"{where}: \"scope\""),
            )
        )
    return MetricVocabulary(tuple(metrics))


def load_metric_vocabulary(path: str | Path | None = None) -> MetricVocabulary:
    """Read the metric vocabulary (default: the shipped ``resources/metrics.json``)."""
    if path is None:
        from desktop.paths import resource_path

        path = resource_path("metrics.json")
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as error:
        raise MetricVocabularyError(f"cannot read metric vocabulary {path}: {error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise MetricVocabularyError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    return parse_metric_vocabulary(data, str(path))


_DEFAULT: MetricVocabulary | None = None


def default_vocabulary() -> MetricVocabulary:
    """The shipped vocabulary, read once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_metric_vocabulary()
    return _DEFAULT
