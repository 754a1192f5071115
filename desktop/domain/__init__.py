"""Plain data that crosses every layer: frozen dataclasses with plain ids, no I/O, no Qt, no SQL."""

from desktop.domain.model import (
    DocumentInfo,
    Entity,
    EntityType,
    ExtractedFigure,
    ExtractedMention,
    Extraction,
    Figure,
    FigureKind,
    Mention,
    Qualifier,
    RawDocument,
    Sector,
    Sentence,
    figure_fields,
)
from desktop.domain.periods import Period, parse_period

__all__ = [
    "DocumentInfo",
    "Entity",
    "EntityType",
    "ExtractedFigure",
    "ExtractedMention",
    "Extraction",
    "Figure",
    "FigureKind",
    "Mention",
    "Period",
    "Qualifier",
    "RawDocument",
    "Sector",
    "Sentence",
    "figure_fields",
    "parse_period",
]
