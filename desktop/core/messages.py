"""The typed messages of the hub. Each carries its origin, so a view can ignore its own echo."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain import Figure


@dataclass(frozen=True)
class Message:
    origin: object = field(default=None, compare=False, kw_only=True)


@dataclass(frozen=True)
class FigureSelected(Message):
    figure: Figure | None  # None: the selection was cleared


@dataclass(frozen=True)
class EntitySelected(Message):
    entity_id: int | None


@dataclass(frozen=True)
class DocumentOpened(Message):
    document_id: int | None


@dataclass(frozen=True)
class SectorFilterChanged(Message):
    sectors: frozenset[str]


@dataclass(frozen=True)
class SearchChanged(Message):
    text: str


@dataclass(frozen=True)
class DataChanged(Message):
    """Stored data changed; ``parts`` names what: documents, entities, figures, decisions, metrics."""

    parts: frozenset[str]


ALL_PARTS = frozenset({"documents", "entities", "figures", "decisions", "metrics"})


@dataclass(frozen=True)
class TaskProgress(Message):
    task: str
    done: int
    total: int
    label: str = ""


@dataclass(frozen=True)
class TaskFinished(Message):
    task: str
    summary: str
    problems: tuple[tuple[str, str], ...] = ()  # (item, reason)
    cancelled: bool = False
    error: str | None = None
