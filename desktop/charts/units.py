"""How figures read on a chart and in a table: display scale, axis label and value text. Qt-free.

Values arrive in base units (``400 million USD`` is ``400000000.0`` with unit ``"USD"``). A chart picks
one :class:`DisplayUnit` for its axis from the magnitude of what it plots ("USD bn" when the largest
value is a billion or more); a single value is written with its own scale ("$860 m", "over $2 bn",
"4.8 %", "33 flights/week").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from typing import TYPE_CHECKING

from desktop.core.units import is_currency, parse_unit
from desktop.domain import Figure

if TYPE_CHECKING:
    from desktop.core.reconcile import Interval

#: Currencies written with a symbol in front ("$860 m"); every other code is written after ("KZT 5 bn").
CURRENCY_SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥"}

#: Scales by size, largest first: (factor, word used on axis and in values).
_SCALES: tuple[tuple[float, str], ...] = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))

#: Words put in front of a value for each qualifier (exact and range have none).
QUALIFIER_WORDS: dict[str, str] = {"approx": "about", "nearly": "nearly", "over": "over", "under": "under"}

_PERCENT_UNITS = {"percent": "%", "percentage points": "pp", "basis points": "bp"}


@dataclass(frozen=True, slots=True)
class DisplayUnit:
    """One axis: divide base values by ``scale``; label the axis with ``label``."""

    unit: str  # the base unit ("USD", "percent", "flights/week")
    scale: float  # 1e9 for "bn"
    scale_word: str  # "bn", "m", "k" or ""
    label: str  # "USD bn", "%", "flights/week", "people/year (k)"

    def to_display(self, value: float) -> float:
        return value / self.scale


def _scale_for(magnitude: float, *, counted: bool) -> tuple[float, str]:
    """The largest scale the magnitude reaches; counts only scale from a million up (33,000 stays readable)."""
    for factor, word in _SCALES:
        if counted and factor < 1e6:
            break
        if magnitude >= factor * 0.9995:  # 999.6 m reads as 1.0 bn, not as 999.6 m
            return factor, word
    return 1.0, ""


def unit_text(unit: str) -> str:
    """The unit as an axis shows it: "%", "USD", "flights/week", "people"."""
    if unit in _PERCENT_UNITS:
        return _PERCENT_UNITS[unit]
    if unit == "count":
        return ""
    return str(parse_unit(unit)) if unit else ""


def display_unit(unit: str, values: Iterable[float]) -> DisplayUnit:
    """The axis for plotting ``values`` (base units) of ``unit``: scale chosen from the largest magnitude."""
    magnitudes = [abs(v) for v in values if v is not None and math.isfinite(v)]
    magnitude = max(magnitudes, default=0.0)
    text = unit_text(unit)
    if unit in _PERCENT_UNITS:
        return DisplayUnit(unit, 1.0, "", text)
    currency = is_currency(unit)
    scale, word = _scale_for(magnitude, counted=not currency)
    if currency:
        label = f"{unit} {word}".strip()
    elif word:
        label = f"{text} ({word})" if text else word
    else:
        label = text
    return DisplayUnit(unit, scale, word, label)


def _number(value: float) -> str:
    """Up to three significant digits, no trailing zeros, thousands separated: 860, 4.8, 1.13, 12,500."""
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 100:
        text = f"{value:,.0f}"
    elif magnitude >= 10:
        text = f"{value:,.1f}"
    elif magnitude >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}"
    if "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _scaled(value: float, unit: str) -> tuple[str, str]:
    """A value in its own scale: (number text, scale word)."""
    if unit in _PERCENT_UNITS:
        return _number(value), ""
    scale, word = _scale_for(abs(value), counted=not is_currency(unit))
    return _number(value / scale), word


def _with_unit(number: str, word: str, unit: str) -> str:
    if unit in _PERCENT_UNITS:
        return f"{number} {_PERCENT_UNITS[unit]}"
    if is_currency(unit):
        symbol = CURRENCY_SYMBOLS.get(unit)
        body = f"{number} {word}".strip()
        return f"{symbol}{body}" if symbol else f"{unit} {body}"
    text = unit_text(unit)
    return " ".join(part for part in (number, word, text) if part)


def format_amount(value: float | None, unit: str) -> str:
    """One value with its unit and own scale: "$860 m", "4.8 %", "33 flights/week", "KZT 5 bn"."""
    if value is None:
        return "?"
    number, word = _scaled(value, unit)
    return _with_unit(number, word, unit)


def format_range(low: float | None, high: float | None, unit: str) -> str:
    """A range with one shared scale when the ends share it: "$1–2 bn", "3–5 %"."""
    if low is None or high is None:
        return format_amount(low if high is None else high, unit)
    low_number, low_word = _scaled(low, unit)
    high_number, high_word = _scaled(high, unit)
    if low_word == high_word:
        return _with_unit(f"{low_number}–{high_number}", high_word, unit)
    return f"{format_amount(low, unit)} – {format_amount(high, unit)}"


def format_value(value: float | None, unit: str, qualifier: str = "exact", low: float | None = None,
                 high: float | None = None) -> str:
    """A value as a reader says it, qualifier included: "over $400 m", "nearly $1 bn", "$1–2 bn"."""
    if qualifier == "range" or (value is None and low is not None and high is not None):
        return format_range(low, high, unit)
    text = format_amount(value if value is not None else (low if low is not None else high), unit)
    word = QUALIFIER_WORDS.get(qualifier)
    return f"{word} {text}" if word else text


def format_figure(figure: Figure, *, with_kind: bool = False) -> str:
    """The value of a stored figure as text, with its qualifier; ``with_kind`` adds " (target)" and the like
    to anything but an actual."""
    text = format_value(figure.value, figure.unit, figure.qualifier, figure.low, figure.high)
    return f"{text} ({figure.kind})" if with_kind and figure.kind != "actual" else text


def format_interval(interval: Interval, unit: str) -> str:
    """The values a figure allows, in ``unit``: "$855 m – $865 m", "above $400 m", "any value"."""
    low_open, high_open = math.isinf(interval.low), math.isinf(interval.high)
    if low_open and high_open:
        return "any value"
    if high_open:
        return f"above {format_amount(interval.low, unit)}"
    if low_open:
        return f"below {format_amount(interval.high, unit)}"
    low, high = format_amount(interval.low, unit), format_amount(interval.high, unit)
    return low if low == high else f"{low} – {high}"


def format_tick(value: float) -> str:
    """An axis tick in display units: no needless decimals."""
    return _number(value)
