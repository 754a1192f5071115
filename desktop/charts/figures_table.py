"""The figures in scope as a table: an item model over Figure records, and a view wired to the session.

Rows arrive lazily (:meth:`FiguresTableModel.canFetchMore` / ``fetchMore``, a batch at a time), so a
store with tens of thousands of figures opens at once. Sorting happens in the source model over the
whole list, not over the rows fetched so far: :class:`FiguresProxyModel` (the view's model) hands
``sort`` down to it, and keeps the usual proxy role for filtering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.charts.plan import report_date_year
from desktop.charts.units import format_figure
from desktop.core.messages import DataChanged, EntitySelected, FigureSelected, SectorFilterChanged
from desktop.domain import Figure
from desktop.domain.periods import parse_period
from desktop.charts.qt_glue import BatchedRows, subscribe

FIGURE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int: the figure's id

COLUMNS: tuple[str, ...] = ("Metric", "Period", "Value", "Kind", "Document", "Date")
METRIC, PERIOD, VALUE, KIND, DOCUMENT, DATE = range(len(COLUMNS))

_Index = QModelIndex | QPersistentModelIndex


def _period_key(figure: Figure) -> float:
    period = parse_period(figure.period)
    if period is not None:
        return period.midpoint
    return report_date_year(figure.document_date) or float("inf")


def _sort_key(column: int) -> Callable[[Figure], tuple]:
    """Keys put missing values last in ascending order."""
    if column == METRIC:
        return lambda f: (f.metric is None, (f.metric or "").casefold(), _period_key(f))
    if column == PERIOD:
        return lambda f: (f.period is None, _period_key(f))
    if column == VALUE:
        return lambda f: (f.unit, f.central_value is None, f.central_value or 0.0)
    if column == KIND:
        return lambda f: (f.kind,)
    if column == DOCUMENT:
        return lambda f: (f.document_title.casefold(),)
    return lambda f: (f.document_date is None, f.document_date or "")


class FiguresTableModel(BatchedRows, QAbstractTableModel):
    def __init__(self, figures: Sequence[Figure] = (), parent: QWidget | None = None, *,
                 batch_size: int = 200) -> None:
        super().__init__(parent)
        self.batch_size = batch_size
        self._figures: list[Figure] = []
        self._rows: dict[int, int] = {}
        self.set_figures(figures)

    # ----------------------------------------------------------------- data in
    def set_figures(self, figures: Sequence[Figure]) -> None:
        self.beginResetModel()
        self._figures = list(figures)
        self._rows = {f.id: row for row, f in enumerate(self._figures)}
        self._reset_batches()
        self.endResetModel()

    def figures(self) -> list[Figure]:
        """Every figure of the model, fetched or not, in the current order."""
        return list(self._figures)

    def figure_at(self, row: int) -> Figure:
        return self._figures[row]

    def row_of(self, figure_id: int, *, fetch: bool = True) -> int | None:
        """The row of a figure; with ``fetch``, rows are fetched up to it so it can be shown."""
        row = self._rows.get(figure_id)
        if row is None:
            return None
        if row >= self._loaded:
            if not fetch:
                return None
            self.fetch_to(row + 1)
        return row

    def _row_total(self) -> int:
        return len(self._figures)

    # ----------------------------------------------------------------- the model
    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        figure = self._figures[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(figure, column)
        if role == FIGURE_ID_ROLE:
            return figure.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"“{figure.text}”\n{figure.document_title} ({figure.document_date or 'no date'})"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(figure: Figure, column: int) -> str:
        if column == METRIC:
            return figure.metric or "—"
        if column == PERIOD:
            return figure.period or "(report date)"
        if column == VALUE:
            return format_figure(figure)
        if column == KIND:
            return figure.kind
        if column == DOCUMENT:
            return figure.document_title
        return figure.document_date or ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort every figure (not only the fetched rows); the view fetches again from the top."""
        if not 0 <= column < len(COLUMNS):
            return
        self.beginResetModel()
        self._figures.sort(key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = {f.id: row for row, f in enumerate(self._figures)}
        self._loaded = min(max(self._loaded, self.batch_size), len(self._figures))
        self.endResetModel()


class FiguresProxyModel(QSortFilterProxyModel):
    """Filters like any proxy; sorting goes to the source model, which sorts all rows, fetched or not."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)


class FiguresTableView(QTableView):
    """The figures in the session's scope; a row click selects that figure for every view."""

    figure_picked = Signal(int)
    MAX_FITTED_WIDTH = 260  # px: the document column keeps the rest

    def __init__(self, session, parent: QWidget | None = None, *, metric: str | None = None,  # noqa: ANN001
                 batch_size: int = 200) -> None:
        super().__init__(parent)
        self.session = session
        self.metric_filter = metric
        self._applying = False
        self.source_model = FiguresTableModel(batch_size=batch_size, parent=self)
        self.proxy = FiguresProxyModel(self)
        self.proxy.setSourceModel(self.source_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # store order until asked
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DOCUMENT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((METRIC, 170), (PERIOD, 90), (VALUE, 120), (KIND, 80), (DATE, 90)):
            self.setColumnWidth(column, width)
        self.selectionModel().currentRowChanged.connect(self._on_current_row)
        # a reset (new figures, or a sort over all rows) drops the selection: show the session's again
        self.source_model.modelReset.connect(lambda: self._show_selection(self.session.figure))

        self._unsubscribe = subscribe(self, session.hub, {
            SectorFilterChanged: self._on_scope_changed,
            EntitySelected: self._on_scope_changed,
            DataChanged: self._on_data_changed,
            FigureSelected: self._on_figure_selected,
        })
        self.reload()

    # ----------------------------------------------------------------- public API
    def reload(self) -> None:
        """Fetch the figures in scope again (restricted to :attr:`metric_filter` when set)."""
        self.source_model.set_figures(self.session.figures(self.metric_filter))
        self._widen_to_contents()

    def _widen_to_contents(self) -> None:
        """Widen the metric and value columns to their longest loaded text ("about 150,000 people/year"),
        up to a cap; never narrower than they are, so a width the user chose stays."""
        for column in (METRIC, VALUE):
            wanted = min(self.sizeHintForColumn(column), self.MAX_FITTED_WIDTH)
            if wanted > self.columnWidth(column):
                self.setColumnWidth(column, wanted)

    def set_metric(self, metric: str | None) -> None:
        if metric != self.metric_filter:
            self.metric_filter = metric
            self.reload()

    def figure_id_at(self, row: int) -> int:
        """The figure id shown in a row of the view (after sorting and filtering)."""
        return int(self.proxy.index(row, 0).data(FIGURE_ID_ROLE))

    def row_of(self, figure_id: int) -> int | None:
        """The view row showing a figure (fetching rows up to it), or None."""
        source_row = self.source_model.row_of(figure_id)
        if source_row is None:
            return None
        proxy_index = self.proxy.mapFromSource(self.source_model.index(source_row, 0))
        return proxy_index.row() if proxy_index.isValid() else None

    def selected_figure_id(self) -> int | None:
        index = self.currentIndex()
        return int(index.data(FIGURE_ID_ROLE)) if index.isValid() else None

    def detach(self) -> None:
        self._unsubscribe()

    # ----------------------------------------------------------------- events
    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if self._applying or not current.isValid():
            return
        figure_id = int(current.data(FIGURE_ID_ROLE))
        self.figure_picked.emit(figure_id)
        self.session.select_figure(figure_id, origin=self)

    def _show_selection(self, figure: Figure | None) -> None:
        """Select and reveal a figure's row without sending a selection back."""
        self._applying = True
        try:
            row = self.row_of(figure.id) if figure is not None else None
            if row is None:
                self.selectionModel().clearSelection()
                self.selectionModel().setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
                return
            index = self.proxy.index(row, 0)
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._applying = False

    def _on_figure_selected(self, message: FigureSelected) -> None:
        if message.origin is self and message.figure is not None and self.selected_figure_id() == message.figure.id:
            return  # our own click: the row is already current
        self._show_selection(message.figure)

    def _on_scope_changed(self, _message: object) -> None:
        self.reload()

    def _on_data_changed(self, message: DataChanged) -> None:
        if message.parts & {"figures", "metrics", "documents", "entities"}:
            self.reload()


