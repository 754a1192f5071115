"""Reconciliation: group the figures reported for one metric and period, and find where they disagree.

Pure Python (no Qt, no SQL): the store hands in :class:`~desktop.domain.model.Figure` records and the
analyst's decisions, and gets back :class:`FigureGroup` records for the Reconcile view, the charts and
``briefing reconcile --json``.

Intervals
---------
Every figure becomes the interval of values it allows (:func:`figure_interval`, in its own unit):

``exact``
    The reported number was rounded to the digits shown, so it allows half a unit of its last
    significant digit either side: "$860 million" -> [855 m, 865 m], "$879 million" -> [878.5 m,
    879.5 m], "4.8%" -> [4.75, 4.85], "33 per week" -> [32.5, 33.5]. Trailing zeros of a whole number
    are not significant ("860", "1,000"); decimals shown are ("1.0 billion" -> ±0.05 bn). The digits
    are read from ``figure.text`` (the number whose value, times 1, thousand, million, billion,
    trillion or 1/100, equals ``figure.value``); when none matches (a spelled number such as "four"),
    from the value itself. The half-step is capped at :data:`EXACT_MAX_RELATIVE` (5 %) of the value,
    so that "$2 billion" allows [1.9 bn, 2.1 bn] rather than [1.5 bn, 2.5 bn] and "four" [3.8, 4.2] —
    an unqualified number is never looser than half an "about".
``approx``
    ±10 %: "approximately 150,000" -> [135,000, 165,000].
``nearly``
    [90 %, 100 %] of the value: "nearly 1 billion" -> [0.9 bn, 1.0 bn].
``over``
    (value, +inf), open at the value: "over 400 million" -> (400 m, inf). No cap: "over" bounds one
    side only.
``under``
    [0, value), open at the value; (-inf, value) for percentages and for values <= 0, which can be
    negative (growth rates).
``range``
    [low, high] as reported: "3-5 daily flights" -> [3, 5] flights/day = [21, 35] flights/week.

Groups
------
Figures are compared only when all of these agree (:attr:`FigureGroup.key`):

* **metric** — figures without a metric are not grouped. Metric names are compared lower-cased;
  for rates the rate words are dropped ("direct flights per day" and "direct flights per week" are one
  metric once their units convert). Whose GDP a "GDP growth" is cannot be seen here: extraction has to
  put the country in the metric name ("Kazakhstan GDP growth"), or the figures will be compared.
* **period** — exactly the same period string: "2023-01/2023-04" (four months) is not "2023", and
  "2023/2024" is not "2024".
* **kind** — actuals, targets and projections are never compared with each other.
* **unit family** — units that convert into each other (:mod:`desktop.core.units`): one currency
  (no exchange rates), "percent", one counted noun, or the rates of one noun ("flights/day",
  "flights/week"). A plain count joins its noun's rates only when the metric name states the rate
  ("40 flights" for "direct flights per week" is 40 flights/week; for "direct flights" it stays a
  plain count and is compared only with plain counts).
* **as of** — a figure with no period ("now operate 33 per week") is taken as current when its
  document was written; such figures are grouped by the year of the document date (documents without
  a date together), so "four per week" in a 2022 article and "33 per week" in a 2025 one are growth,
  not a conflict. ``group_figures(..., split_undated_by_year=False)`` compares all undated figures of
  a metric instead.

Status
------
``single`` (one figure), ``agreed`` (some value satisfies every interval that is not rejected),
``conflict`` (none does: the largest low is above the smallest high, or they touch on an open bound),
``accepted`` (the analyst accepted one figure; wins over everything else). Rejected figures stay in
the group but take no part in the test. ``severity`` is the relative gap between the intervals,
(largest low - smallest high) / max(|largest low|, |smallest high|), 0 when they overlap: 860 m vs
"nearly 1 bn" -> (900 - 865) / 900 ≈ 0.039; 33/week vs 4/week -> (32.5 - 4.2) / 32.5 ≈ 0.87.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from desktop.core.units import (
    canonical_unit,
    convert_rate,
    effective_unit,
    parse_unit,
    rate_factor,
    strip_metric_rate,
    unit_family,
)
from desktop.domain.model import Figure, figure_fields

__all__ = [
    "APPROX_RELATIVE",
    "EXACT_MAX_RELATIVE",
    "NEARLY_RELATIVE",
    "ChartValue",
    "FigureDecision",
    "FigureGroup",
    "Interval",
    "canonical_unit",
    "chart_metrics",
    "convert_rate",
    "figure_interval",
    "figures_for_chart",
    "followed_figures",
    "group_figures",
    "group_of",
    "group_to_json",
    "key_text",
    "rounding_step",
]

#: Largest half-step allowed around an exact figure, relative to its value.
EXACT_MAX_RELATIVE = 0.05
#: Half-width of an "approximately" interval, relative to the value.
APPROX_RELATIVE = 0.10
#: Lower end of a "nearly" interval, relative to the value.
NEARLY_RELATIVE = 0.90
#: Relative slack when comparing interval ends, so that conversions' float noise is not a conflict.
_EPSILON = 1e-9

_SCALES: tuple[float, ...] = (1.0, 1e3, 1e6, 1e9, 1e12, 1e-2)
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")

GroupStatus = Literal["agreed", "conflict", "accepted", "single"]


# --------------------------------------------------------------------------------------------------
# Intervals


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure allows. ``high`` may be ``math.inf`` ("over"), ``low`` ``-math.inf``."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def scaled(self, factor: float) -> Interval:
        """The interval with both ends multiplied by a positive factor (a unit conversion)."""
        if factor <= 0:
            raise ValueError("unit conversions scale by a positive factor")
        return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)

    def contains(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below


def _step_from_text(text: str, magnitude: float) -> float | None:
    for match in _NUMBER.finditer(text):
        whole, decimals = match.group(1).replace(",", ""), match.group(2) or ""
        number = float(f"{whole}.{decimals}" if decimals else whole)
        for scale in _SCALES:
            if math.isclose(number * scale, magnitude, rel_tol=1e-9, abs_tol=1e-12):
                if decimals:
                    return scale * 10.0 ** -len(decimals)
                zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
                return scale * 10.0**zeros
    return None


def _step_from_value(magnitude: float) -> float:
    if magnitude == 0:
        return 1.0
    exponent = Decimal(repr(magnitude)).normalize().as_tuple().exponent
    return 10.0 ** int(exponent)


def rounding_step(figure: Figure) -> float:
    """The place of the last significant digit of an exact figure, in the figure's unit.

    "$860 million" -> 10 million; "$879 million" -> 1 million; "4.8%" -> 0.1; "1.0 billion" -> 0.1
    billion; "four" (no digits in the text) -> 1, read from the value.
    """
    magnitude = abs(figure.value if figure.value is not None else (figure.central_value or 0.0))
    step = _step_from_text(figure.text or "", magnitude)
    return step if step is not None else _step_from_value(magnitude)


def _may_be_negative(figure: Figure, value: float) -> bool:
    return value <= 0 or parse_unit(figure.unit).noun == "percent"


def figure_interval(figure: Figure) -> Interval:
    """The interval a figure allows, in its own unit (see the module documentation for the policy)."""
    qualifier = figure.qualifier
    if qualifier == "range" and figure.low is not None and figure.high is not None:
        low, high = sorted((figure.low, figure.high))
        return Interval(low, high)
    value = figure.value if figure.value is not None else figure.central_value
    if value is None:
        return Interval(-math.inf, math.inf, True, True)  # nothing reported: allows anything
    if qualifier == "approx":
        spread = abs(value) * APPROX_RELATIVE
        return Interval(value - spread, value + spread)
    if qualifier == "nearly":
        low, high = sorted((value * NEARLY_RELATIVE, value))
        return Interval(low, high)
    if qualifier == "over":
        return Interval(value, math.inf, low_open=True, high_open=True)
    if qualifier == "under":
        if _may_be_negative(figure, value):
            return Interval(-math.inf, value, low_open=True, high_open=True)
        return Interval(0.0, value, high_open=True)
    # exact, or a range missing an end, or an unknown qualifier: the rounding of the number shown
    half = min(rounding_step(figure) / 2, abs(value) * EXACT_MAX_RELATIVE)
    return Interval(value - half, value + half)


def _intersection(intervals: Iterable[Interval]) -> tuple[float, bool, float, bool] | None:
    """(largest low, open?, smallest high, open?) of the intervals; None for no intervals."""
    items = list(intervals)
    if not items:
        return None
    low = max(i.low for i in items)
    high = min(i.high for i in items)
    low_open = any(i.low_open for i in items if i.low == low)
    high_open = any(i.high_open for i in items if i.high == high)
    return low, low_open, high, high_open


def _conflict_and_severity(intervals: Iterable[Interval]) -> tuple[bool, float]:
    bounds = _intersection(intervals)
    if bounds is None:
        return False, 0.0
    low, low_open, high, high_open = bounds
    if math.isinf(low) or math.isinf(high):
        return False, 0.0  # an infinite largest low / smallest high means everything overlaps
    scale = max(abs(low), abs(high))
    slack = _EPSILON * scale
    gap = low - high
    if gap > slack:
        return True, gap / scale if scale else 0.0
    if abs(gap) <= slack and (low_open or high_open):
        return True, 0.0  # touching on an open end: "over 40" vs "40"
    return False, 0.0


# --------------------------------------------------------------------------------------------------
# Decisions and groups


@dataclass(frozen=True, slots=True)
class FigureDecision:
    """The analyst's verdict on one figure (keyed by figure id in the decisions mapping)."""

    status: Literal["accepted", "rejected"]
    note: str = ""


GroupKey = tuple[str, str | None, str, str, str | None]


def key_text(key: GroupKey) -> str:
    """A group key as one stable string, for storing a group note: "metric|period|kind|family|as_of"."""
    return "|".join("" if part is None else str(part) for part in key)


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """The figures reported for one metric, period, kind and unit family (see the module docs)."""

    metric: str  # as extraction named it (the most common spelling in the group)
    period: str | None
    unit: str  # the unit the intervals are expressed in
    figures: tuple[Figure, ...]
    intervals: tuple[Interval, ...]  # in ``unit``, parallel to ``figures``
    status: GroupStatus
    severity: float  # relative gap between the non-rejected intervals; 0 when they overlap
    accepted_figure_id: int | None
    rejected_ids: frozenset[int]
    note: str
    kind: str = "actual"
    as_of: str | None = None  # document year of undated figures; None when ``period`` is set
    family: str = ""  # unit family: "USD", "percent", "flights/*" ...
    metric_key: str = ""  # normalised metric used for grouping
    has_conflict: bool = False  # the non-rejected intervals cannot all hold (also when accepted)
    decision_notes: Mapping[int, str] = field(default_factory=dict, compare=False, hash=False)  # figure id -> note

    @property
    def key(self) -> GroupKey:
        """Stable identity of the group: (metric key, period, kind, unit family, as of)."""
        return (self.metric_key, self.period, self.kind, self.family, self.as_of)

    @property
    def key_text(self) -> str:
        return key_text(self.key)

    def decision_of(self, figure_id: int) -> str:
        """Where one figure of the group stands: "accepted", "rejected", "set aside" (another figure was
        accepted) or "" (no decision)."""
        if figure_id == self.accepted_figure_id:
            return "accepted"
        if figure_id in self.rejected_ids:
            return "rejected"
        return "set aside" if self.accepted_figure_id is not None else ""

    @property
    def sources_in_play(self) -> int:
        """How many of the group's figures are not rejected."""
        return sum(1 for figure in self.figures if figure.id not in self.rejected_ids)

    def interval_of(self, figure_id: int) -> Interval | None:
        for figure, interval in zip(self.figures, self.intervals):
            if figure.id == figure_id:
                return interval
        return None


def _as_of(figure: Figure) -> str | None:
    date = figure.document_date or ""
    return date[:4] if len(date) >= 4 and date[:4].isdigit() else None


def _metric_key(metric: str, unit: str) -> str:
    key = " ".join(metric.lower().split())
    if parse_unit(unit).is_rate:
        key = strip_metric_rate(key) or key
    return key


def _figure_sort_key(figure: Figure) -> tuple:
    return (figure.document_date is None, figure.document_date or "", figure.document_id, figure.start, figure.id)


def _display_metric(figures: Iterable[Figure]) -> str:
    counts = Counter(" ".join((f.metric or "").split()) for f in figures)
    best = max(counts.values())
    return min(name for name, count in counts.items() if count == best)


def group_figures(
    figures: Iterable[Figure],
    decisions: Mapping[int, FigureDecision] | None = None,
    notes: Mapping[object, str] | None = None,
    *,
    split_undated_by_year: bool = True,
) -> list[FigureGroup]:
    """Group comparable figures and test each group for agreement.

    ``decisions`` maps figure ids to the analyst's accept / reject; ``notes`` maps a group's
    :attr:`FigureGroup.key` (or its :attr:`FigureGroup.key_text`) to the analyst's note. Figures
    without a metric are left out. Groups come back conflicts first, most severe first, then the rest
    by metric, period, kind and unit.
    """
    decisions = decisions or {}
    notes = notes or {}
    buckets: dict[GroupKey, list[tuple[Figure, str]]] = defaultdict(list)
    for figure in figures:
        if not figure.metric or not figure.metric.strip():
            continue
        unit = effective_unit(figure.unit, figure.metric)
        as_of = _as_of(figure) if figure.period is None and split_undated_by_year else None
        key: GroupKey = (
            _metric_key(figure.metric, unit),
            figure.period,
            figure.kind,
            unit_family(unit),
            as_of,
        )
        buckets[key].append((figure, unit))

    groups = [_build_group(key, members, decisions, notes) for key, members in buckets.items()]
    conflicts = sorted(
        (g for g in groups if g.status == "conflict"),
        key=lambda g: (-g.severity, *_order_key(g)),
    )
    others = sorted((g for g in groups if g.status != "conflict"), key=_order_key)
    return conflicts + others


def _order_key(group: FigureGroup) -> tuple:
    return (
        group.metric_key,
        group.period is None,
        group.period or "",
        group.as_of is None,
        group.as_of or "",
        group.kind,
        group.unit,
    )


def _build_group(
    key: GroupKey,
    members: list[tuple[Figure, str]],
    decisions: Mapping[int, FigureDecision],
    notes: Mapping[object, str],
) -> FigureGroup:
    metric_key, period, kind, family, as_of = key
    members = sorted(members, key=lambda m: _figure_sort_key(m[0]))
    figures = tuple(f for f, _ in members)
    unit = canonical_unit(u for _, u in members)
    intervals = []
    for figure, own_unit in members:
        factor = rate_factor(own_unit, unit)
        interval = figure_interval(figure)
        intervals.append(interval if factor in (None, 1.0) else interval.scaled(factor))

    rejected = frozenset(f.id for f in figures if _status(decisions, f.id) == "rejected")
    accepted = [f.id for f in figures if _status(decisions, f.id) == "accepted"]
    accepted_id = min(accepted) if accepted else None
    has_conflict, severity = _conflict_and_severity(
        i for f, i in zip(figures, intervals) if f.id not in rejected
    )
    if accepted_id is not None:
        status: GroupStatus = "accepted"
    elif len(figures) == 1:
        status = "single"
    elif has_conflict:
        status = "conflict"
    else:
        status = "agreed"

    group_key_text = key_text(key)
    note = notes.get(key) or notes.get(group_key_text) or ""
    decision_notes = {f.id: decisions[f.id].note for f in figures if f.id in decisions and decisions[f.id].note}
    return FigureGroup(
        metric=_display_metric(figures),
        period=period,
        unit=unit,
        figures=figures,
        intervals=tuple(intervals),
        status=status,
        severity=severity,
        accepted_figure_id=accepted_id,
        rejected_ids=rejected,
        note=note,
        kind=kind,
        as_of=as_of,
        family=family,
        metric_key=metric_key,
        has_conflict=has_conflict,
        decision_notes=decision_notes,
    )


def _status(decisions: Mapping[int, FigureDecision], figure_id: int) -> str | None:
    decision = decisions.get(figure_id)
    return decision.status if decision is not None else None


def group_of(groups: Iterable[FigureGroup], figure_id: int) -> FigureGroup | None:
    """The group holding a figure, or None (a figure without a metric has no group)."""
    for group in groups:
        if any(f.id == figure_id for f in group.figures):
            return group
    return None


# --------------------------------------------------------------------------------------------------
# Charts


def chart_metrics(counts: Mapping[str, int]) -> dict[str, str]:
    """Metric -> the metric whose chart (or briefing section) shows it.

    Metrics that differ only by their rate words ("direct flights per week", "direct flights per day")
    share the chart of the one with most figures (``counts``), so that figures the reconciliation compares
    are drawn side by side; every other metric keeps its own chart.
    """
    by_base: dict[str, list[str]] = defaultdict(list)
    for metric in counts:
        lowered = " ".join(metric.lower().split())
        base = strip_metric_rate(lowered)
        by_base[base if base and base != lowered else "\0" + metric].append(metric)
    chart_of: dict[str, str] = {}
    for members in by_base.values():
        main = min(members, key=lambda m: (-counts[m], m.casefold()))
        for metric in members:
            chart_of[metric] = main
    return chart_of


@dataclass(frozen=True, slots=True)
class ChartValue:
    """One value a chart should draw for a group, in the group's unit."""

    figure: Figure
    value: float  # the figure's central value converted to ``unit``
    interval: Interval  # in ``unit``
    unit: str
    accepted: bool = False


def figures_for_chart(group: FigureGroup) -> tuple[ChartValue, ...]:
    """What a chart should follow for a group: the accepted figure when there is one, else every
    figure that is not rejected. Never an average: disagreeing figures are drawn side by side."""
    if group.accepted_figure_id is not None:
        chosen = [(f, i) for f, i in zip(group.figures, group.intervals) if f.id == group.accepted_figure_id]
    else:
        chosen = [(f, i) for f, i in zip(group.figures, group.intervals) if f.id not in group.rejected_ids]
    values = []
    for figure, interval in chosen:
        central = figure.central_value
        own_unit = effective_unit(figure.unit, figure.metric)
        converted = convert_rate(central, own_unit, group.unit) if central is not None else None
        if converted is None:
            continue
        values.append(
            ChartValue(figure, converted, interval, group.unit, accepted=figure.id == group.accepted_figure_id)
        )
    return tuple(values)


def followed_figures(
    figures: Iterable[Figure],
    decisions: Mapping[int, FigureDecision] | None = None,
    *,
    split_undated_by_year: bool = True,
) -> list[Figure]:
    """The figures a chart should plot, in their original order and units.

    In a group with an accepted figure only that one; elsewhere every figure not rejected. Figures
    without a metric are not grouped and are kept unless rejected. The rest stay reachable through
    :func:`group_figures`.
    """
    figures = list(figures)
    decisions = decisions or {}
    groups = group_figures(figures, decisions, split_undated_by_year=split_undated_by_year)
    dropped: set[int] = set()
    for group in groups:
        for figure in group.figures:
            if figure.id in group.rejected_ids:
                dropped.add(figure.id)
            elif group.accepted_figure_id is not None and figure.id != group.accepted_figure_id:
                dropped.add(figure.id)
    for figure in figures:
        if _status(decisions, figure.id) == "rejected":
            dropped.add(figure.id)
    return [f for f in figures if f.id not in dropped]


# --------------------------------------------------------------------------------------------------
# JSON


def _finite(value: float | None) -> float | None:
    return None if value is None or math.isinf(value) or math.isnan(value) else value


def group_to_json(group: FigureGroup) -> dict:
    """A group as plain JSON data. Infinite interval ends ("over 400 million") are null.

    Sentence text is not here (figures do not carry it); the CLI adds ``figures[i]["sentence"]["text"]``.
    """
    figures = []
    for figure, interval in zip(group.figures, group.intervals):
        figures.append(
            {
                "id": figure.id,
                **figure_fields(figure),
                "interval": [_finite(interval.low), _finite(interval.high)],
                "interval_open": [interval.low_open, interval.high_open],
                "rejected": figure.id in group.rejected_ids,
                "accepted": figure.id == group.accepted_figure_id,
                "decision_note": group.decision_notes.get(figure.id, ""),
                "document": {
                    "id": figure.document_id,
                    "title": figure.document_title,
                    "date": figure.document_date,
                    "source": figure.document_source_name,
                },
                "sentence": {
                    "index": figure.sentence_index,
                    "start": figure.sentence_start,
                    "end": figure.sentence_end,
                },
            }
        )
    return {
        "key": group.key_text,
        "metric": group.metric,
        "period": group.period,
        "as_of": group.as_of,
        "kind": group.kind,
        "unit": group.unit,
        "status": group.status,
        "has_conflict": group.has_conflict,
        "severity": group.severity,
        "note": group.note,
        "accepted_figure_id": group.accepted_figure_id,
        "rejected_ids": sorted(group.rejected_ids),
        "figures": figures,
    }

