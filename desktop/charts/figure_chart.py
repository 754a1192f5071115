"""One chart per metric: its figures over time, each point carrying its figure id.

How a point reads (see :mod:`desktop.charts.plan` for where it goes):

* colour and fill say the kind: actual = filled blue, target = hollow orange, projection = hollow purple;
* the symbol says the qualifier: exact ●, about ◆, nearly ◆ under a bar (a ceiling), over ↑, under ↓,
  range ■ with a vertical bar from low to high;
* a pale point has no period of its own and sits at its report's date;
* a horizontal bar spans a period longer than a month (other than one calendar year);
* the selected figure is drawn larger inside a yellow halo;
* figures in conflict (sources that cannot all be right, see :mod:`desktop.core.reconcile`) sit inside a
  red band spanning their values, labelled "⚠ N sources disagree": a spread of points, never an average;
* once the analyst accepts one figure of a group it is drawn normally with a green ring and "✓"; the
  others of that group, and rejected figures, are drawn faded (still hoverable and clickable), or hidden
  with :meth:`FigureChart.set_show_set_aside`.

Clicking a point emits :attr:`FigureChart.figure_picked` and, when the chart has a session, calls
``session.select_figure(figure_id, origin=chart)``. The chart never reacts to the selection itself:
whoever owns it calls :meth:`FigureChart.set_selected` when ``FigureSelected`` arrives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainterPath, QPen, QWheelEvent

from desktop.charts.plan import ChartPlan, PlotPoint, plan_chart
from desktop.charts.units import format_figure, format_tick
from desktop.core.reconcile import FigureGroup
from desktop.domain import Figure

KIND_COLOURS: dict[str, str] = {"actual": "#1f5fa8", "target": "#e0701a", "projection": "#7b4fb0"}
HOLLOW_KINDS = frozenset({"target", "projection"})
HIGHLIGHT = QColor(255, 196, 0, 150)
HIGHLIGHT_EDGE = QColor("#b06d00")
PALE_ALPHA = 110  # points placed at the report date
FADED_ALPHA = 55  # set aside: rejected, or not the accepted figure of its group
CONFLICT_COLOUR = "#c62828"
ACCEPTED_COLOUR = "#2e7d32"

#: How a figure stands after reconciliation (see :meth:`FigureChart.figure_state`).
NORMAL, CONFLICT, ACCEPTED, SET_ASIDE, REJECTED = "normal", "conflict", "accepted", "set aside", "rejected"


def _nearly_symbol() -> QPainterPath:
    """A diamond under a bar: the value is a ceiling the figure nearly reaches."""
    path = QPainterPath()
    path.moveTo(0.0, -0.22)
    path.lineTo(0.36, 0.14)
    path.lineTo(0.0, 0.5)
    path.lineTo(-0.36, 0.14)
    path.closeSubpath()
    path.addRect(-0.5, -0.5, 1.0, 0.16)
    return path


def _arrow_symbol(up: bool) -> QPainterPath:
    """A bold arrow filling the symbol box (pyqtgraph's own arrows are too thin to read at 12 px)."""
    sign = -1.0 if up else 1.0  # symbol y grows downwards
    path = QPainterPath()
    path.moveTo(0.0, 0.5 * sign)
    path.lineTo(0.45, 0.0)
    path.lineTo(-0.45, 0.0)
    path.closeSubpath()
    path.addRect(-0.14, 0.0 if up else -0.5, 0.28, 0.5)
    return path


#: The symbol for each qualifier: names understood by pyqtgraph, or a path.
QUALIFIER_SYMBOLS: dict[str, object] = {
    "exact": "o",
    "approx": "d",
    "nearly": _nearly_symbol(),
    "over": _arrow_symbol(up=True),
    "under": _arrow_symbol(up=False),
    "range": "s",
}
QUALIFIER_LEGEND: dict[str, str] = {
    "exact": "exact", "approx": "about", "nearly": "nearly (ceiling)", "over": "over (floor)",
    "under": "under (ceiling)", "range": "range low–high",
}


SYMBOL_NAMES: dict[str, str] = {
    "exact": "circle", "approx": "diamond", "nearly": "diamond-under-bar", "over": "arrow-up",
    "under": "arrow-down", "range": "square",
}


def symbol_name(qualifier: str) -> str:
    """A stable name for the symbol a qualifier gets (for tests and descriptions)."""
    return SYMBOL_NAMES.get(qualifier, "circle")


class YearAxis(pg.AxisItem):
    """Years labelled at the middle of their span (a figure for "2022" sits at 2022.5, under "2022")."""

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802, ANN201 - pyqtgraph API
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal:
            return []
        span = maxVal - minVal
        pixels_per_year = size / span if span else size
        step = next((s for s in (1, 2, 5, 10, 20, 50) if s * pixels_per_year >= 42), 100)
        first, last = math.floor(minVal), math.ceil(maxVal)
        years = [y + 0.5 for y in range(first, last + 1) if y % step == 0 and minVal <= y + 0.5 <= maxVal]
        return [(float(step), years)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802, ANN001, ANN201 - pyqtgraph API
        return [str(math.floor(v)) for v in values]


class ValueAxis(pg.AxisItem):
    def tickStrings(self, values, scale, spacing):  # noqa: N802, ANN001, ANN201 - pyqtgraph API
        return [format_tick(v * scale) for v in values]


def tooltip_text(point: PlotPoint, status: str = "") -> str:
    figure = point.figure
    if point.at_report_date:
        when = f"Period: not stated — placed at report date {figure.document_date}"
    else:
        when = f"Period: {figure.period}"
    title = figure.document_title or figure.document_source or f"document {figure.document_id}"
    date = f", {figure.document_date}" if figure.document_date else ""
    text = f"{format_figure(figure, with_kind=True)}\n{when}\nSource: {title}{date}\n“{figure.text}”"
    return f"{text}\n{status}" if status else text


def disagree_text(group: FigureGroup) -> str:
    """"3 sources disagree" for a group in conflict (rejected figures do not count)."""
    count = group.sources_in_play
    return f"{count} sources disagree"


class ConflictMarker:
    """A red band around the points of one group in conflict (kept for tests and tooltips)."""

    __slots__ = ("group", "figure_ids", "x0", "x1", "y0", "y1", "band", "label")

    def __init__(self, group: FigureGroup, figure_ids: list[int], x0: float, x1: float, y0: float,
                 y1: float) -> None:
        self.group, self.figure_ids = group, figure_ids
        self.x0, self.x1, self.y0, self.y1 = x0, x1, y0, y1
        self.band: pg.BarGraphItem | None = None
        self.label: pg.TextItem | None = None

    @property
    def tooltip(self) -> str:
        period = self.group.period or (f"undated, reported in {self.group.as_of}" if self.group.as_of else "undated")
        return (f"⚠ {disagree_text(self.group)}: {self.group.metric}, {period}.\n"
                "Open the Reconcile view to compare them and accept one.")


class FigureChart(pg.GraphicsLayoutWidget):
    """The figures of one metric over time. ``session`` is optional: exports build charts without one."""

    figure_picked = Signal(int)
    # the metric lives in ``metric_name``: ``metric`` is QPaintDevice.metric(), which Qt calls

    def __init__(self, metric: str, figures: Sequence[Figure] = (), *, session: object = None,
                 export_style: bool = False, show_title: bool = True, parent: object = None,
                 groups: Sequence[FigureGroup] | None = None) -> None:
        super().__init__(parent)
        self.metric_name = metric
        self.session = session
        self._export_style = export_style
        self._show_title = show_title
        self._selected: int | None = None
        self._groups: tuple[FigureGroup, ...] = tuple(groups or ())
        self._states: dict[int, str] = {}
        self._state_groups: dict[int, FigureGroup] = {}
        self._show_set_aside = True
        self._markers: list[ConflictMarker] = []
        self._decoration: list[object] = []
        self._plan: ChartPlan = plan_chart(metric, ())
        self._index: dict[int, int] = {}
        self.setBackground("w")
        self.ci.setContentsMargins(6, 6, 10, 6)
        self.plot_item = pg.PlotItem(axisItems={"bottom": YearAxis("bottom"), "left": ValueAxis("left")})
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.showGrid(x=False, y=True, alpha=0.18)
        self.plot_item.getAxis("left").setStyle(maxTickLevel=0)  # grid on major ticks only
        self.plot_item.getViewBox().setMouseEnabled(x=False, y=False)
        self.ci.addItem(self.plot_item, row=0, col=0)
        # LegendItem sizes itself and would cap a layout column: it floats over a spacer row instead
        self.legend = pg.LegendItem(colCount=4, verSpacing=-4, horSpacing=14, labelTextColor="#222")
        self._legend_space = pg.GraphicsWidget()
        self.ci.addItem(self._legend_space, row=1, col=0)
        self.legend.setParentItem(self._legend_space)
        self.legend.anchor(itemPos=(0, 0), parentPos=(0, 0), offset=(4, 0))
        self.note = pg.LabelItem("", color="#666", size="8pt", justify="left")
        self.ci.addItem(self.note, row=2, col=0)

        self.period_bars = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), beam=0)
        self.range_bars = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), beam=0.12)
        self.faded_bars = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), beam=0.12)  # bars of set-aside figures
        self.halo = pg.ScatterPlotItem(symbol="o", size=30, brush=pg.mkBrush(HIGHLIGHT),
                                       pen=pg.mkPen(HIGHLIGHT_EDGE, width=2))
        self.scatter = pg.ScatterPlotItem(hoverable=True, tip=self._tip, hoverSize=15)
        self.accepted_rings = pg.ScatterPlotItem(symbol="o", size=24, brush=pg.mkBrush(None),
                                                 pen=pg.mkPen(ACCEPTED_COLOUR, width=2.5))
        for z, item in enumerate((self.faded_bars, self.period_bars, self.range_bars, self.halo, self.accepted_rings,
                                  self.scatter)):
            item.setZValue(z)
            self.plot_item.addItem(item)
        self.halo.setVisible(False)
        self.scatter.sigClicked.connect(self._clicked)
        self._apply_fonts()
        self.setMinimumHeight(300)
        self.set_figures(figures)

    # ----------------------------------------------------------------- data
    @property
    def plan(self) -> ChartPlan:
        return self._plan

    def figures(self) -> list[Figure]:
        """The figures drawn, in plotting order."""
        return [p.figure for p in self._plan.points]

    def figure_ids(self) -> list[int]:
        return self._plan.figure_ids()

    def set_figures(self, figures: Sequence[Figure], groups: Sequence[FigureGroup] | None = None) -> None:
        """Draw ``figures``; ``groups`` (from :func:`desktop.core.reconcile.group_figures`) mark conflicts
        and decisions. Without ``groups`` the chart keeps the ones it was given before."""
        if groups is not None:
            self._groups = tuple(groups)
        self._plan = plan_chart(self.metric_name, figures)
        self._index = {p.figure.id: i for i, p in enumerate(self._plan.points)}
        self._compute_states()
        points = self._plan.points
        self.plot_item.setTitle(self.metric_name if self._show_title else None,
                                size="13pt" if self._export_style else "11pt", bold=True, color="#111")
        self.plot_item.setLabel("left", self._plan.unit.label or None, color="#222")
        self.plot_item.getAxis("left").enableAutoSIPrefix(False)
        self._fit_value_axis()

        xs = np.array([p.x for p in points], dtype=float)
        ys = np.array([p.y for p in points], dtype=float)
        self.scatter.setData(
            x=xs, y=ys, data=[p.figure.id for p in points],
            symbol=[QUALIFIER_SYMBOLS.get(p.figure.qualifier, "o") for p in points],
            size=[self._size(p, False) for p in points],
            pen=[self._pen(p, False) for p in points],
            brush=[self._brush(p) for p in points],
        )
        self._draw_bars()
        self._draw_reconciliation()
        self._build_legend()
        note = self._plan.note()
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.ci.layout.setRowMaximumHeight(2, 18 if note else 0)
        self.plot_item.setRange(xRange=self._plan.x_range(), yRange=self.y_range(), padding=0)
        self._selected = self._selected if self._selected in self._index else None
        self._restyle()

    # ----------------------------------------------------------------- selection
    @property
    def selected_id(self) -> int | None:
        return self._selected

    def set_selected(self, figure_id: int | None) -> bool:
        """Restyle ``figure_id`` as selected (None, or an id not on this chart, clears); True if on this chart."""
        new = figure_id if figure_id in self._index else None
        if new != self._selected:
            self._selected = new
            self._restyle()
        return new is not None

    def _restyle(self) -> None:
        points = self._plan.points
        if points:
            self.scatter.setSize([self._size(p, p.figure.id == self._selected) for p in points])
            self.scatter.setPen([self._pen(p, p.figure.id == self._selected) for p in points])
            self.scatter.setBrush([self._brush(p) for p in points])
            self.scatter.setPointsVisible(np.array([self._visible(p) for p in points], dtype=bool))
        if self._selected is None:
            self.halo.setVisible(False)
            return
        point = points[self._index[self._selected]]
        self.halo.setData(x=[point.x], y=[point.y])
        self.halo.setVisible(True)

    def spot_style(self, figure_id: int) -> dict[str, object]:
        """Symbol, size and pen width of a figure's point, as drawn now (for tests and debugging)."""
        spot = self.scatter.points()[self._index[figure_id]]
        return {"symbol": symbol_name(self._plan.points[self._index[figure_id]].figure.qualifier),
                "size": spot.size(), "pen_width": spot.pen().widthF(), "brush": spot.brush().color().name()}

    def view_pos(self, figure_id: int) -> QPoint:
        """Where a figure's point is, in this widget's (viewport) pixel coordinates."""
        point = self._plan.points[self._index[figure_id]]
        scene = self.plot_item.getViewBox().mapViewToScene(QPointF(point.x, point.y))
        return self.mapFromScene(scene)

    # ----------------------------------------------------------------- styling
    def _size(self, point: PlotPoint, selected: bool) -> float:
        base = 13.0 if self._export_style else 11.0
        if point.figure.qualifier in ("over", "under", "approx", "nearly"):
            base += 3  # these shapes cover less of their box than a circle
        return base * 1.5 if selected else base

    def _colour(self, point: PlotPoint) -> QColor:
        colour = QColor(KIND_COLOURS.get(point.figure.kind, "#555555"))
        if self.figure_state(point.figure.id) in (SET_ASIDE, REJECTED):
            colour.setAlpha(FADED_ALPHA)
        elif point.at_report_date:
            colour.setAlpha(PALE_ALPHA)
        return colour

    def _visible(self, point: PlotPoint) -> bool:
        return self._show_set_aside or self.figure_state(point.figure.id) not in (SET_ASIDE, REJECTED)

    def _pen(self, point: PlotPoint, selected: bool) -> QPen:
        if selected:
            return pg.mkPen("#111111", width=2.5)
        hollow = point.figure.kind in HOLLOW_KINDS
        return pg.mkPen(self._colour(point), width=2.2 if hollow else 1.2)

    def _brush(self, point: PlotPoint):  # noqa: ANN202 - a QBrush
        if point.figure.kind in HOLLOW_KINDS:
            faded = self.figure_state(point.figure.id) in (SET_ASIDE, REJECTED)
            return pg.mkBrush(255, 255, 255, 90 if faded else 235)
        return pg.mkBrush(self._colour(point))

    # ----------------------------------------------------------------- reconciliation
    def _compute_states(self) -> None:
        self._states, self._state_groups = {}, {}
        for group in self._groups:
            for figure in group.figures:
                if figure.id not in self._index:
                    continue
                # the chart's states are the group's decision words, plus "conflict" for undecided disagreement
                state = group.decision_of(figure.id) or (CONFLICT if group.status == "conflict" else None)
                if state is None:
                    continue
                self._states[figure.id] = state
                self._state_groups[figure.id] = group

    def _draw_bars(self) -> None:
        """Period spans and range bars; those of set-aside figures faded (or hidden with their points)."""
        points = self._plan.points
        faded = {p.figure.id for p in points if self.figure_state(p.figure.id) in (SET_ASIDE, REJECTED)}
        shown = [p for p in points if p.figure.id not in faded]
        bars = [p for p in shown if p.period_bar]
        self.period_bars.setData(
            x=np.array([p.x for p in bars], dtype=float), y=np.array([p.y for p in bars], dtype=float),
            left=np.array([p.x - p.x_start for p in bars], dtype=float),
            right=np.array([p.x_end - p.x for p in bars], dtype=float),
            pen=pg.mkPen(QColor(60, 60, 60, 140), width=3), beam=0,
        )
        ranges = [p for p in shown if p.low is not None and p.high is not None]
        self.range_bars.setData(
            x=np.array([p.x for p in ranges], dtype=float), y=np.array([p.y for p in ranges], dtype=float),
            top=np.array([p.high - p.y for p in ranges], dtype=float),
            bottom=np.array([p.y - p.low for p in ranges], dtype=float),
            pen=pg.mkPen("#333", width=1.6), beam=0.12,
        )
        hidden = [p for p in points if p.figure.id in faded and p.low is not None and p.high is not None]
        self.faded_bars.setData(
            x=np.array([p.x for p in hidden], dtype=float), y=np.array([p.y for p in hidden], dtype=float),
            top=np.array([p.high - p.y for p in hidden], dtype=float),
            bottom=np.array([p.y - p.low for p in hidden], dtype=float),
            pen=pg.mkPen(QColor(60, 60, 60, FADED_ALPHA), width=1.4), beam=0.12,
        )
        self.faded_bars.setVisible(self._show_set_aside)

    def y_range(self) -> tuple[float, float]:
        """The plan's value range, with room above the conflict labels."""
        low, high = self._plan.y_range()
        if self._markers:
            high = max(high, max(m.y1 for m in self._markers) + 0.16 * (high - low))
        return low, high

    def figure_state(self, figure_id: int) -> str:
        """normal | conflict | accepted | set aside (another figure of its group was accepted) | rejected."""
        return self._states.get(figure_id, NORMAL)

    def followed_ids(self) -> list[int]:
        """The figures the chart follows (drawn at full strength): accepted ones, else all not set aside."""
        return [p.figure.id for p in self._plan.points if self.figure_state(p.figure.id) not in (SET_ASIDE, REJECTED)]

    def faded_ids(self) -> list[int]:
        return [p.figure.id for p in self._plan.points if self.figure_state(p.figure.id) in (SET_ASIDE, REJECTED)]

    def followed_values(self) -> dict[int, float]:
        """Figure id -> y as drawn (display units) for the figures followed."""
        followed = set(self.followed_ids())
        return {p.figure.id: p.y for p in self._plan.points if p.figure.id in followed}

    def conflict_markers(self) -> list[ConflictMarker]:
        return list(self._markers)

    def groups(self) -> tuple[FigureGroup, ...]:
        return self._groups

    def set_groups(self, groups: Sequence[FigureGroup]) -> None:
        """New decisions or conflicts for the same figures: redraw the markers and styles only."""
        self._groups = tuple(groups)
        self._compute_states()
        self._draw_bars()
        self._draw_reconciliation()
        self._build_legend()
        self.plot_item.setRange(xRange=self._plan.x_range(), yRange=self.y_range(), padding=0)
        self._restyle()

    @property
    def show_set_aside(self) -> bool:
        return self._show_set_aside

    def set_show_set_aside(self, on: bool) -> None:
        """Show (faded) or hide the figures set aside by the analyst's decisions."""
        if on != self._show_set_aside:
            self._show_set_aside = on
            self._draw_bars()
            self._draw_reconciliation()
            self._build_legend()
            self._restyle()

    def _draw_reconciliation(self) -> None:
        for item in self._decoration:
            self.plot_item.removeItem(item)
        self._decoration, self._markers = [], []
        points = self._plan.points
        by_group: dict[str, list[PlotPoint]] = {}
        for point in points:
            group = self._state_groups.get(point.figure.id)
            if group is not None and self.figure_state(point.figure.id) == CONFLICT:
                by_group.setdefault(group.key_text, []).append(point)
        y_low, y_high = self._plan.y_range()
        pad_y = 0.035 * (y_high - y_low)
        font = QFont()
        font.setPointSize(10 if self._export_style else 8)
        font.setBold(True)
        for members in by_group.values():
            group = self._state_groups[members[0].figure.id]
            xs = [p.x for p in members]
            ys = [v for p in members for v in (p.y, p.low, p.high) if v is not None]
            marker = ConflictMarker(group, [p.figure.id for p in members], min(xs) - 0.09, max(xs) + 0.09,
                                    min(ys) - pad_y, max(ys) + pad_y)
            fill = QColor(CONFLICT_COLOUR)
            fill.setAlpha(34)
            band = pg.BarGraphItem(x0=[marker.x0], x1=[marker.x1], y0=[marker.y0], y1=[marker.y1],
                                   brush=pg.mkBrush(fill), pen=pg.mkPen(CONFLICT_COLOUR, width=1.5,
                                                                        style=Qt.PenStyle.DashLine))
            band.setZValue(-1)
            band.setToolTip(marker.tooltip)
            label = pg.TextItem(f"⚠ {disagree_text(group)}", color=CONFLICT_COLOUR, anchor=(0.5, 1.0))
            label.setFont(font)
            label.setPos((marker.x0 + marker.x1) / 2, marker.y1)
            label.setToolTip(marker.tooltip)
            label.setZValue(6)
            marker.band, marker.label = band, label
            for item in (band, label):
                self.plot_item.addItem(item)
                self._decoration.append(item)
            self._markers.append(marker)
        accepted = [p for p in points if self.figure_state(p.figure.id) == ACCEPTED]
        self.accepted_rings.setData(x=[p.x for p in accepted], y=[p.y for p in accepted])
        for point in accepted:
            tick = pg.TextItem("✓ accepted", color=ACCEPTED_COLOUR, anchor=(0.0, 1.0))
            tick.setFont(font)
            tick.setPos(point.x + 0.06, point.y)
            tick.setZValue(6)
            tick.setToolTip("Accepted by the analyst: the chart follows this figure; "
                            "the others reported for the same period are faded.")
            self.plot_item.addItem(tick)
            self._decoration.append(tick)

    def _status_line(self, figure_id: int) -> str:
        state = self.figure_state(figure_id)
        group = self._state_groups.get(figure_id)
        if state == CONFLICT and group is not None:
            return f"⚠ In conflict: {disagree_text(group)}"
        if state == ACCEPTED:
            return "✓ Accepted by the analyst"
        if state == SET_ASIDE:
            return "Set aside: another figure for this period was accepted"
        if state == REJECTED:
            note = group.decision_notes.get(figure_id, "") if group is not None else ""
            return "Rejected by the analyst" + (f": {note}" if note else "")
        return ""

    def _build_legend(self) -> None:
        self.legend.clear()
        points = self._plan.points
        entries: list[tuple[object, str]] = []
        for kind in ("actual", "target", "projection"):
            if any(p.figure.kind == kind for p in points):
                hollow = kind in HOLLOW_KINDS
                entries.append((pg.ScatterPlotItem(
                    symbol="o", size=10, pen=pg.mkPen(KIND_COLOURS[kind], width=2.2 if hollow else 1.2),
                    brush=pg.mkBrush("w" if hollow else KIND_COLOURS[kind])), kind))
        if any(p.at_report_date for p in points):
            pale = QColor(KIND_COLOURS["actual"])
            pale.setAlpha(PALE_ALPHA)
            entries.append((pg.ScatterPlotItem(symbol="o", size=10, pen=pg.mkPen(pale), brush=pg.mkBrush(pale)),
                            "pale: no period, at report date"))
        for qualifier, symbol in QUALIFIER_SYMBOLS.items():
            if qualifier != "exact" and any(p.figure.qualifier == qualifier for p in points):
                entries.append((pg.ScatterPlotItem(symbol=symbol, size=11, pen=pg.mkPen("#444"),
                                                   brush=pg.mkBrush("#888")), QUALIFIER_LEGEND[qualifier]))
        if any(p.period_bar for p in points):
            entries.append((pg.ScatterPlotItem(symbol="_", size=16, pen=pg.mkPen(QColor(60, 60, 60, 140), width=3)),
                            "period span"))
        if self._markers:
            fill = QColor(CONFLICT_COLOUR)
            fill.setAlpha(60)
            entries.append((pg.ScatterPlotItem(symbol="s", size=12, pen=pg.mkPen(CONFLICT_COLOUR, width=1.5),
                                               brush=pg.mkBrush(fill)), "⚠ sources disagree"))
        states = set(self._states.values())
        if ACCEPTED in states:
            entries.append((pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen(ACCEPTED_COLOUR, width=2.5),
                                               brush=pg.mkBrush(None)), "✓ accepted"))
        if states & {SET_ASIDE, REJECTED} and self._show_set_aside:
            faded = QColor(KIND_COLOURS["actual"])
            faded.setAlpha(FADED_ALPHA)
            entries.append((pg.ScatterPlotItem(symbol="o", size=10, pen=pg.mkPen(faded), brush=pg.mkBrush(faded)),
                            "faded: set aside"))
        # Three columns fit a chart in its dock; files are wider. Set before adding: re-flowing misplaces samples.
        self.legend.setColumnCount(max(1, min(4 if self._export_style else 3, len(entries))))
        for sample, label in entries:
            self.legend.addItem(sample, label)
        self.legend.setVisible(bool(entries))
        self.legend.layout.activate()  # exports paint without an event loop turn: lay the samples out now
        self.legend.updateSize()
        height = self.legend.height() + 4 if entries else 0.0
        self._legend_space.setMinimumHeight(height)
        self._legend_space.setMaximumHeight(height)

    def _fit_value_axis(self) -> None:
        """Make the value axis wide enough for its longest tick label before the first paint.

        pyqtgraph skips tick labels that do not fit and widens the axis only on a later paint, so a chart
        rendered once (an export) or first shown with "300,000" ticks would show none of them.
        """
        axis = self.plot_item.getAxis("left")
        low, high = self._plan.y_range()
        labels = [format_tick(value) for value in (low, high, (low + high) / 2)]
        font = axis.style.get("tickFont") or QFont()
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(label) for label in labels)
        axis.setStyle(tickTextWidth=widest, autoExpandTextSpace=True)
        axis.setWidth(widest + metrics.height() + 18)  # the tick labels, the axis title and the ticks

    def _apply_fonts(self) -> None:
        size = 11 if self._export_style else 9
        font = QFont()
        font.setPointSize(size)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(pg.mkPen("#444"))
            axis.setTextPen(pg.mkPen("#222"))
            axis.setStyle(tickFont=font)
            axis.label.setFont(font)
        if hasattr(self, "_plan"):
            self._fit_value_axis()

    def set_export_style(self, on: bool) -> None:
        """Larger fonts and symbols for files; the background is always white."""
        self._export_style = on
        self._apply_fonts()
        self.set_figures(self.figures_source())

    def figures_source(self) -> list[Figure]:
        """Every figure the chart was given, plotted or left out."""
        return self.figures() + [f for f, _ in self._plan.left_out]

    # ----------------------------------------------------------------- events
    def _tip(self, x: float, y: float, data: object) -> str:
        index = self._index.get(data)  # type: ignore[arg-type]
        if index is None:
            return ""
        return tooltip_text(self._plan.points[index], self._status_line(int(data)))  # type: ignore[arg-type]

    def _clicked(self, _item: object, points: Sequence[object], _event: object) -> None:
        if not len(points):
            return
        figure_id = int(points[0].data())  # the topmost point under the cursor
        self.figure_picked.emit(figure_id)
        if self.session is not None:
            self.session.select_figure(figure_id, origin=self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        """Let the wheel scroll the panel around the chart; the chart's axes are fixed."""
        event.ignore()
