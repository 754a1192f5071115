"""Every metric in scope as a chart, most reported first, each with an "include in export" box.

The panel listens on the hub: a change of scope (sector filter, entity) or of stored data rebuilds it
from ``session.figures()``; a ``FigureSelected`` restyles the picked point and scrolls to its chart. It
never sends a selection back in response to one: only a click on a point does that.

Charts are made lazily: the first :attr:`ChartPanel.page_size` metrics, then another page per click on
"Show more"; a selected figure whose chart is not made yet gets that one chart added below the page.
Charts already made are reused across rebuilds (their data is swapped), so a scope change is cheap.

Each chart also gets the reconciliation groups of the figures in scope (:func:`group_figures` with the
analyst's decisions), so conflicts show as a red band and accepted values are followed; a change of
decisions only restyles the charts. Metrics that differ only by their rate words ("direct flights per
week" / "per day") share one chart, in the unit most of their figures use, so their figures sit side by side.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.charts.figure_chart import FigureChart
from desktop.core.messages import DataChanged, EntitySelected, FigureSelected, SectorFilterChanged
from desktop.core.reconcile import FigureGroup
from desktop.core.reconcile import chart_metrics as shared_charts
from desktop.domain import Figure
from desktop.charts.qt_glue import subscribe

_REBUILD_PARTS = frozenset({"figures", "metrics", "documents", "entities"})




def chart_metrics(groups: dict[str, list[Figure]]) -> dict[str, str]:
    """Metric -> the metric whose chart shows it (rate variants of one metric share a chart)."""
    return shared_charts({metric: len(found) for metric, found in groups.items()})


class _ChartCard(QFrame):
    """One chart and its export box."""

    def __init__(self, chart: FigureChart, checked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.chart = chart
        self.include = QCheckBox("Include in export")
        self.include.setChecked(checked)
        self.count = QLabel()
        self.count.setStyleSheet("color: #666;")
        top = QHBoxLayout()
        top.setContentsMargins(6, 2, 6, 0)
        top.addWidget(self.include)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(chart)

    def set_count(self, plotted: int, total: int) -> None:
        text = f"{plotted} figure{'s' if plotted != 1 else ''}"
        text = text if plotted == total else f"{text} plotted of {total}"
        conflicts = len(self.chart.conflict_markers())
        if conflicts:
            text = (f"<span style='color:#c62828;font-weight:bold'>⚠ {conflicts} conflict"
                    f"{'s' if conflicts != 1 else ''}</span> · {text}")
        self.count.setText(text)


class ChartPanel(QWidget):
    """Charts of the figures in the session's scope. Emits :attr:`figure_picked` when a point is clicked."""

    figure_picked = Signal(int)

    def __init__(self, session, parent: QWidget | None = None, *, page_size: int = 12) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.page_size = page_size
        self._groups: dict[str, list[Figure]] = {}
        self._order: list[str] = []
        self._shown = page_size
        self._cards: dict[str, _ChartCard] = {}
        self._checked: set[str] = set()
        self._extra: list[str] = []  # metrics beyond the pages shown, made because one of their figures was selected
        self._chart_of: dict[str, str] = {}  # figure metric -> chart metric
        self._reconciled: list[FigureGroup] = []
        self._show_set_aside = True

        self.summary = QLabel()
        self.select_all = QPushButton("Include all shown")
        self.select_none = QPushButton("Include none")
        self.select_all.clicked.connect(lambda: self._set_all_checked(True))
        self.select_none.clicked.connect(lambda: self._set_all_checked(False))
        self.set_aside_box = QCheckBox("Show set-aside figures")
        self.set_aside_box.setToolTip("Figures rejected, or not accepted where another was, drawn faded")
        self.set_aside_box.setChecked(True)
        self.set_aside_box.toggled.connect(self.set_show_set_aside)
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.set_aside_box)
        header.addWidget(self.select_all)
        header.addWidget(self.select_none)

        self._column = QVBoxLayout()
        self._column.setContentsMargins(4, 4, 4, 4)
        self._column.setSpacing(8)
        self.more = QPushButton()
        self.more.clicked.connect(self.show_more)
        self.empty = QLabel("No figures with a metric in the current scope.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666; padding: 24px;")
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.empty)
        body_layout.addLayout(self._column)
        body_layout.addWidget(self.more)
        body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.scroll, 1)

        self._unsubscribe = subscribe(self, session.hub, {
            SectorFilterChanged: self._on_scope_changed,
            EntitySelected: self._on_scope_changed,
            DataChanged: self._on_data_changed,
            FigureSelected: self._on_figure_selected,
        })
        self.rebuild()

    # ----------------------------------------------------------------- public API
    def metrics(self) -> list[str]:
        """Every metric with a figure in scope, most figures first (charted or not yet)."""
        return list(self._order)

    def figures_for(self, metric: str) -> list[Figure]:
        return list(self._groups.get(metric, ()))

    def charts(self) -> list[FigureChart]:
        """The charts made so far, in display order."""
        return [self._cards[m].chart for m in self._order if m in self._cards]

    def chart_for(self, metric: str) -> FigureChart | None:
        card = self._cards.get(self._chart_of.get(metric, metric))
        return card.chart if card is not None else None

    def groups(self) -> list[FigureGroup]:
        """The reconciliation groups of the figures in scope, conflicts first."""
        return list(self._reconciled)

    def set_show_set_aside(self, on: bool) -> None:
        self._show_set_aside = on
        with QSignalBlocker(self.set_aside_box):
            self.set_aside_box.setChecked(on)
        for card in self._cards.values():
            card.chart.set_show_set_aside(on)

    def selected_metrics(self) -> list[str]:
        """Metrics ticked for export, in display order."""
        return [m for m in self._order if m in self._checked]

    def set_metric_selected(self, metric: str, on: bool = True) -> None:
        (self._checked.add if on else self._checked.discard)(metric)
        card = self._cards.get(metric)
        if card is not None:
            with QSignalBlocker(card.include):
                card.include.setChecked(on)

    def show_more(self) -> None:
        self._shown += self.page_size
        self._layout_cards()

    def detach(self) -> None:
        """Stop listening to the hub (the panel also does this when it is destroyed)."""
        self._unsubscribe()

    def rebuild(self) -> None:
        by_metric: dict[str, list[Figure]] = defaultdict(list)
        figures = self.session.figures()
        for figure in figures:
            if figure.metric:
                by_metric[figure.metric].append(figure)
        self._chart_of = chart_metrics(by_metric)
        groups: dict[str, list[Figure]] = defaultdict(list)
        for figure in figures:
            if figure.metric:
                groups[self._chart_of[figure.metric]].append(figure)
        self._groups = dict(groups)
        self._reconciled = self.session.reconcile_groups(figures)
        self._order = sorted(groups, key=lambda m: (-len(groups[m]), m.casefold()))
        self._shown = max(self.page_size, min(self._shown, len(self._order)))
        self._layout_cards()

    # ----------------------------------------------------------------- building
    def _layout_cards(self) -> None:
        self.setUpdatesEnabled(False)
        try:
            extra = [m for m in self._extra if m in self._groups and m not in self._order[: self._shown]]
            self._extra = extra
            wanted = self._order[: self._shown] + sorted(extra, key=self._order.index)
            for metric in list(self._cards):
                if metric not in self._groups or metric not in wanted:
                    card = self._cards.pop(metric)
                    self._column.removeWidget(card)
                    card.deleteLater()
            while self._column.count():
                self._column.takeAt(0)
            selected = self.session.figure.id if self.session.figure is not None else None
            for metric in wanted:
                card = self._cards.get(metric)
                if card is None:
                    card = self._make_card(metric)
                else:
                    card.chart.set_figures(self._groups[metric], groups=self._reconciled)
                card.set_count(len(card.chart.figure_ids()), len(self._groups[metric]))
                with QSignalBlocker(card.chart):
                    card.chart.set_selected(selected)
                self._column.addWidget(card)
            hidden = len(self._order) - min(self._shown, len(self._order))
            self.more.setVisible(hidden > 0)
            self.more.setText(f"Show {min(hidden, self.page_size)} more ({hidden} not shown)")
            self.empty.setVisible(not self._order)
            total = sum(len(v) for v in self._groups.values())
            self.summary.setText(f"{len(wanted)} of {len(self._order)} metrics · {total} figures")
        finally:
            self.setUpdatesEnabled(True)

    def _make_card(self, metric: str) -> _ChartCard:
        chart = FigureChart(metric, self._groups[metric], session=self.session, groups=self._reconciled)
        chart.set_show_set_aside(self._show_set_aside)
        chart.figure_picked.connect(self.figure_picked)
        card = _ChartCard(chart, metric in self._checked)
        card.include.toggled.connect(lambda on, m=metric: self._on_include_toggled(m, on))
        self._cards[metric] = card
        return card

    def _on_include_toggled(self, metric: str, on: bool) -> None:
        (self._checked.add if on else self._checked.discard)(metric)

    def _set_all_checked(self, on: bool) -> None:
        for metric in self._order[: self._shown]:
            self.set_metric_selected(metric, on)

    # ----------------------------------------------------------------- hub messages
    def _on_scope_changed(self, _message: object) -> None:
        self.rebuild()

    def _on_data_changed(self, message: DataChanged) -> None:
        if message.parts & _REBUILD_PARTS:
            self.rebuild()
        elif "decisions" in message.parts:
            self.refresh_decisions()

    def refresh_decisions(self) -> None:
        """Decisions or notes changed: the same figures, new markers and styles."""
        figures = [figure for found in self._groups.values() for figure in found]
        self._reconciled = self.session.reconcile_groups(figures)
        for metric, card in self._cards.items():
            card.chart.set_groups(self._reconciled)
            card.set_count(len(card.chart.figure_ids()), len(self._groups.get(metric, ())))

    def _on_figure_selected(self, message: FigureSelected) -> None:
        figure = message.figure
        metric = self._chart_of.get(figure.metric or "", figure.metric) if figure is not None else None
        if figure is not None and metric in self._groups and metric not in self._cards:
            self._extra.append(metric)  # make that one chart, not every page before it
            self._layout_cards()
        for card in self._cards.values():
            with QSignalBlocker(card.chart):
                card.chart.set_selected(figure.id if figure is not None else None)
        if figure is not None and metric in self._cards:
            self.scroll.ensureWidgetVisible(self._cards[metric], 0, 0)
