"""Where each figure of one metric goes on its chart. Qt-free, so the rules are tested without a display.

Decisions, in one place:

* x is a fractional year. A figure with a period sits at the period's midpoint (``"2022"`` at 2022.5,
  ``"2023/2024"`` at 2024.0); a period longer than one month, other than a single calendar year, also
  gets a horizontal bar across its whole extent.
* A figure without a period sits at its report's date (2025-05-06 at 2025.34) and is drawn pale: the
  date it was *reported*, not the date it is *about*. With neither period nor date it is left out.
* y is in the chart's unit: the unit family most figures share (rates of the same noun convert into
  each other, see :mod:`desktop.core.units`); figures in another unit (a second currency) are left
  out of the plot and counted in a note, never silently converted.
* Figures that land on the same x (several sources for one metric and period) are spread sideways
  by a small jitter, so each stays visible and clickable.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.charts.units import DisplayUnit, display_unit
from desktop.core.units import canonical_unit, convert_rate, effective_unit, unit_family
from desktop.domain import Figure
from desktop.domain.periods import parse_period

JITTER_STEP = 0.12  # years between figures sharing one x
JITTER_SPAN = 0.6  # the most a group may spread, in years


@dataclass(frozen=True, slots=True)
class PlotPoint:
    figure: Figure
    x: float  # fractional year, after jitter
    y: float  # central value in display units
    low: float | None  # display units; set for ranges
    high: float | None
    x_start: float  # extent of the period (== x for a report date)
    x_end: float
    period_bar: bool  # draw the period's extent as a horizontal bar
    at_report_date: bool  # no period stated: placed at the report's date

    @property
    def figure_id(self) -> int:
        return self.figure.id


@dataclass(frozen=True, slots=True)
class ChartPlan:
    metric: str
    unit: DisplayUnit
    points: tuple[PlotPoint, ...]
    left_out: tuple[tuple[Figure, str], ...]  # (figure, why it is not plotted)

    def x_range(self) -> tuple[float, float]:
        if not self.points:
            year = _dt.date.today().year
            return year - 1.0, year + 2.0
        low = min(min(p.x_start, p.x) for p in self.points)
        high = max(max(p.x_end, p.x) for p in self.points)
        middle, half = (low + high) / 2, max((high - low) / 2 + 0.4, 1.5)  # at least three years wide
        return middle - half, middle + half

    def y_range(self) -> tuple[float, float]:
        values = [v for p in self.points for v in (p.y, p.low, p.high) if v is not None]
        if not values:
            return 0.0, 1.0
        low, high = min(values + [0.0]), max(values + [0.0])  # amounts read honestly from zero
        span = (high - low) or abs(high) or 1.0
        return low - 0.06 * span, high + 0.18 * span  # room below zero keeps its tick label  # headroom for arrows and labels

    def figure_ids(self) -> list[int]:
        return [p.figure.id for p in self.points]

    def note(self) -> str:
        """A line naming what is not drawn, or ""."""
        if not self.left_out:
            return ""
        reasons = Counter(reason for _, reason in self.left_out)
        parts = [f"{n} figure{'s' if n > 1 else ''} {reason}" for reason, n in reasons.items()]
        return "Not plotted: " + "; ".join(parts)


def report_date_year(date: str | None) -> float | None:
    """An ISO date as a fractional year (2025-05-06 -> 2025.34), or None."""
    if not date:
        return None
    try:
        day = _dt.date.fromisoformat(date[:10])
    except ValueError:
        return None
    length = 366 if _dt.date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
    return day.year + (day.timetuple().tm_yday - 0.5) / length


def chart_unit(metric: str, figures: Sequence[Figure]) -> str:
    """The unit a metric's chart is drawn in: the largest unit family, in its canonical unit."""
    units = [effective_unit(f.unit, metric) for f in figures]
    if not units:
        return ""
    families = Counter(unit_family(u) for u in units)
    family = families.most_common(1)[0][0]
    return canonical_unit(u for u in units if unit_family(u) == family)


def plan_chart(metric: str, figures: Sequence[Figure]) -> ChartPlan:
    unit = chart_unit(metric, figures)
    placed: list[tuple[Figure, float, float | None, float | None, float, float, bool, bool]] = []
    values: list[float] = []
    left_out: list[tuple[Figure, str]] = []
    for figure in figures:
        if figure.central_value is None:
            left_out.append((figure, "without a value"))
            continue
        source_unit = effective_unit(figure.unit, metric)
        factor = convert_rate(1.0, source_unit, unit)
        if factor is None:
            left_out.append((figure, f"in {figure.unit}"))
            continue
        period = parse_period(figure.period)
        if period is not None:
            x, start, end = period.midpoint, period.start, period.end
            bar = period.months > 1 and not (period.months == 12 and period.is_whole_years)
            at_report = False
        else:
            x = report_date_year(figure.document_date)
            if x is None:
                left_out.append((figure, "without period or report date"))
                continue
            start = end = x
            bar, at_report = False, True
        central = figure.central_value * factor
        low = figure.low * factor if figure.qualifier == "range" and figure.low is not None else None
        high = figure.high * factor if figure.qualifier == "range" and figure.high is not None else None
        values.extend(v for v in (central, low, high) if v is not None)
        placed.append((figure, x, low, high, start, end, bar, at_report))

    shown = display_unit(unit, values)
    groups: dict[float, list[int]] = defaultdict(list)
    for index, item in enumerate(placed):
        groups[round(item[1], 3)].append(index)
    offsets = [0.0] * len(placed)
    for members in groups.values():
        if len(members) < 2:
            continue
        step = min(JITTER_STEP, JITTER_SPAN / (len(members) - 1))
        for rank, index in enumerate(members):
            offsets[index] = (rank - (len(members) - 1) / 2) * step

    points = []
    for (figure, x, low, high, start, end, bar, at_report), offset in zip(placed, offsets, strict=True):
        factor = convert_rate(1.0, effective_unit(figure.unit, metric), unit) or 1.0
        points.append(PlotPoint(
            figure=figure, x=x + offset, y=shown.to_display(figure.central_value * factor),
            low=None if low is None else shown.to_display(low), high=None if high is None else shown.to_display(high),
            x_start=start if not at_report else x + offset, x_end=end if not at_report else x + offset,
            period_bar=bar, at_report_date=at_report,
        ))
    return ChartPlan(metric, shown, tuple(points), tuple(left_out))
