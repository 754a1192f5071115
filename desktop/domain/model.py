"""The records of the briefing browser.

Two families: what extraction finds in one text (``Extracted*``, offsets into that text, no ids) and what
the store hands out (``Figure``, ``Entity``, ``Mention``, ``DocumentInfo``, with integer ids).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES: tuple[str, ...] = ("person", "organisation", "place")


def source_name(source: str) -> str:
    """The file name of a source, without folders (and with the CSV row when there is one)."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader produced it, before extraction."""

    text: str
    title: str
    source: str  # where it came from: a file path, or "path#row" for one CSV row
    checksum: str  # sha256 of the normalised text: the identity used for idempotent import
    date: str | None = None  # ISO date "YYYY-MM-DD" when the source gives one
    format: str = "text"


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int  # exclusive


@dataclass(frozen=True, slots=True)
class ExtractedFigure:
    """A quantity found in a text. ``value`` is in base units (400 million USD -> 400000000.0)."""

    start: int
    end: int
    text: str
    sentence_index: int
    value: float | None  # None for ranges, which carry low/high instead
    unit: str  # ISO currency code, "percent", or a counted noun / rate such as "flights/week"
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None
    period: str | None = None  # see desktop.domain.periods: "2022", "2023/2024", "2023-01/2023-04"
    kind: str = "actual"
    metric: str | None = None
    sectors: tuple[str, ...] = ()


def figure_fields(figure: ExtractedFigure | Figure, *, compact: bool = False) -> dict:
    """The fields a figure is written out with (JSON, CSV, evaluation). ``compact``: a range gives low/high
    and no value, anything else a value and no low/high, as ``briefing figures --json`` documents."""
    fields = {"start": figure.start, "end": figure.end, "text": figure.text, "value": figure.value,
              "low": figure.low, "high": figure.high, "unit": figure.unit, "qualifier": figure.qualifier,
              "period": figure.period, "kind": figure.kind, "metric": figure.metric}
    if compact:
        for name in (("value",) if figure.qualifier == "range" else ("low", "high")):
            del fields[name]
    return fields


@dataclass(frozen=True, slots=True)
class ExtractedMention:
    """A name in a text, and the canonical name of the entity it resolves to within that text."""

    start: int
    end: int
    text: str
    type: str  # person | organisation | place
    name: str
    sentence_index: int = -1
    title: str | None = None  # a role attached to a person ("Ambassador"), kept out of the name


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one text."""

    sentences: tuple[Sentence, ...]
    figures: tuple[ExtractedFigure, ...]
    mentions: tuple[ExtractedMention, ...]
    sentence_sectors: tuple[tuple[str, ...], ...]  # one tuple of sector keys per sentence


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: int
    title: str
    date: str | None
    source: str
    checksum: str
    sectors: tuple[str, ...] = ()
    figure_count: int = 0

    @property
    def source_name(self) -> str:
        return source_name(self.source)


@dataclass(frozen=True, slots=True)
class Figure:
    """A stored figure: the extracted quantity plus where it lives."""

    id: int
    document_id: int
    sentence_index: int
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    text: str
    value: float | None
    unit: str
    qualifier: str
    low: float | None
    high: float | None
    period: str | None
    kind: str
    metric: str | None
    sectors: tuple[str, ...]
    document_title: str = ""
    document_date: str | None = None
    document_source: str = ""

    @property
    def document_source_name(self) -> str:
        return source_name(self.document_source)

    @property
    def central_value(self) -> float | None:
        """The value to plot: the value itself, or the middle of a range."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


@dataclass(frozen=True, slots=True)
class Entity:
    id: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    hidden: bool = False
    mention_count: int = 0
    document_count: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    id: int
    entity_id: int
    document_id: int
    sentence_index: int
    start: int
    end: int
    text: str
    entity_name: str = ""  # the entity as the store names it now (after curation)
    entity_type: str = ""


@dataclass(frozen=True, slots=True)
class Sector:
    key: str
    label: str
    keywords: tuple[str, ...] = field(default=())
