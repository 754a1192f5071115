"""Plain data that crosses every layer: frozen dataclasses with plain ids, no I/O, no Qt, no SQL."""

from desktop.domain.model import (
    DocumentInfo,
    Entity,
    ExtractedFigure,
    ExtractedMention,
    Extraction,
    Figure,
    Mention,
    RawDocument,
    Sector,
    Sentence,
    figure_fields,
)
from desktop.domain.periods import Period, parse_period

__all__ = [
    "DocumentInfo",
    "Entity",
    "ExtractedFigure",
    "ExtractedMention",
    "Extraction",
    "Figure",
    "Mention",
    "Period",
    "RawDocument",
    "Sector",
    "Sentence",
    "figure_fields",
    "parse_period",
]
