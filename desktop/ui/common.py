"""Small helpers the views share: how figures read aloud, and sector labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.domain import Figure

if TYPE_CHECKING:
    from desktop.core.session import Session


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def format_number(value: float | None) -> str:
    """1234567890 -> "1.23 billion"; small numbers as they are."""
    if value is None:
        return "?"
    for scale, word in _SCALES[:-1]:
        if abs(value) >= scale:
            return f"{value / scale:.3g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.3g}"


def format_value(figure: Figure) -> str:
    if figure.value is None and (figure.low is not None or figure.high is not None):
        amount = f"{format_number(figure.low)}–{format_number(figure.high)}"
    else:
        amount = format_number(figure.value)
    unit = "%" if figure.unit == "percent" else f" {figure.unit}" if figure.unit else ""
    prefix = {"approx": "≈ ", "nearly": "nearly ", "over": "over ", "under": "under "}.get(figure.qualifier, "")
    return f"{prefix}{amount}{unit}"


def describe_figure(figure: Figure) -> str:
    parts = [format_value(figure)]
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
