"""Small helpers the views share: how a figure is described in a line, and sector labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.charts.units import format_figure
from desktop.domain import Figure

if TYPE_CHECKING:
    from desktop.core.session import Session


def describe_figure(figure: Figure) -> str:
    """"over $400 m · trade turnover · 2024 · target": the value as every view writes it, then its context."""
    parts = [format_figure(figure)]
    if figure.metric:
        parts.append(figure.metric.replace("_", " "))
    if figure.period:
        parts.append(figure.period)
    if figure.kind and figure.kind != "actual":
        parts.append(figure.kind)
    return " · ".join(parts)


def sector_labels(session: Session, keys: tuple[str, ...] | frozenset[str]) -> list[str]:
    labels = {sector.key: sector.label for sector in session.sectors()}
    return [labels.get(key, key) for key in keys]
