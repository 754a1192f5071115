"""Periods as compact strings, and their position on a time axis.

Forms: ``"2022"`` (a year), ``"2023/2024"`` (years 2023 through 2024), ``"2023-05"`` (a month),
``"2023-01/2023-04"`` (January through April 2023). Ends are inclusive. A string keeps the store and
the JSON output simple; :func:`parse_period` gives the numbers charts and reconciliation need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"^(\d{4})(?:-(\d{2}))?$")

# Each month's spellings, full name first; the one table for month words (extraction, datelines).
_MONTH_SPELLINGS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS = {name: number for number, names in enumerate(_MONTH_SPELLINGS, start=1) for name in names}
#: Regular-expression alternations of capitalised month words: full names, and full names or abbreviations.
FULL_MONTH_NAMES = "(?:" + "|".join(names[0].capitalize() for names in _MONTH_SPELLINGS) + ")"
MONTH_NAMES = (
    "(?:" + "|".join([names[0].capitalize() for names in _MONTH_SPELLINGS]
                     + [short.capitalize() for names in _MONTH_SPELLINGS for short in names[1:]]) + ")"
)


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    start_year: int
    start_month: int  # 1..12
    end_year: int
    end_month: int  # 1..12, inclusive

    @property
    def start(self) -> float:
        """Fractional year at the start of the period (2023-01 -> 2023.0)."""
        return self.start_year + (self.start_month - 1) / 12

    @property
    def end(self) -> float:
        """Fractional year at the end of the period (2023-12 -> 2024.0)."""
        return self.end_year + self.end_month / 12

    @property
    def midpoint(self) -> float:
        return (self.start + self.end) / 2

    @property
    def months(self) -> int:
        return (self.end_year - self.start_year) * 12 + self.end_month - self.start_month + 1

    @property
    def is_whole_years(self) -> bool:
        return self.start_month == 1 and self.end_month == 12


def _parse_end(text: str, *, is_start: bool) -> tuple[int, int] | None:
    match = _END.match(text.strip())
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            return None
        return year, month
    return year, 1 if is_start else 12


def parse_period(label: str | None) -> Period | None:
    """Read a period string; None for None or anything not in one of the documented forms."""
    if not label:
        return None
    first, _, second = label.partition("/")
    start = _parse_end(first, is_start=True)
    end = _parse_end(second or first, is_start=False)
    if start is None or end is None or end < start:
        return None
    return Period(label, start[0], start[1], end[0], end[1])
