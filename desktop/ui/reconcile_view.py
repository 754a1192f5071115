"""The Reconcile view: groups of figures that should agree and do not, most severe first, side by side.

Left, the groups (:class:`GroupsModel` over :class:`~desktop.core.reconcile.FigureGroup` records from
:meth:`~desktop.core.session.Session.reconcile_groups`): open conflicts first, most severe first, then the
groups the analyst decided on; a toggle adds the groups whose sources agree. Right, the selected group's
figures (:class:`GroupFiguresModel`): value and qualifier, the values it allows, source, date, the
sentence, the decision. Clicking a figure selects it in the session, so the document pane opens the
sentence. Accept / Reject / Clear and the notes go to the session as commands; the store keys them by
document and span, so they survive a restart and a re-extraction. The view hears ``DataChanged`` and
``SectorFilterChanged`` and keeps its selected group (by key) across refreshes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.charts.units import format_amount, format_figure, format_interval
from desktop.core.messages import DataChanged, FigureSelected, SectorFilterChanged
from desktop.core.reconcile import FigureGroup, group_of
from desktop.domain import Figure
from desktop.charts.qt_glue import BatchedRows, NamedColumns, select_row_quietly, subscribe

if TYPE_CHECKING:
    from desktop.core.session import Session

CONFLICT_RED = QColor("#c62828")
ACCEPTED_GREEN = QColor("#2e7d32")
MUTED = QColor("#777777")

_Index = QModelIndex | QPersistentModelIndex
_REFRESH_PARTS = frozenset({"documents", "figures", "decisions", "metrics"})

STATUS_TEXT = {"conflict": "⚠ conflict", "accepted": "✓ accepted", "agreed": "= agreed", "single": "· single"}


# --------------------------------------------------------------------------------------------------
# Text helpers (no widgets)


def period_text(group: FigureGroup, *, short: bool = False) -> str:
    if group.period:
        return group.period
    if short:
        return f"undated · {group.as_of}" if group.as_of else "undated"
    return f"period not stated (reported in {group.as_of})" if group.as_of else "period not stated"


def spread_text(group: FigureGroup) -> str:
    """The lowest and highest central values of a group's figures that are still in play."""
    values = [i for f, i in zip(group.figures, group.intervals) if f.id not in group.rejected_ids]
    finite = [v for i in values for v in (i.low, i.high) if not math.isinf(v)]
    if not finite:
        return ""
    low, high = format_amount(min(finite), group.unit), format_amount(max(finite), group.unit)
    return low if low == high else f"{low} … {high}"


def group_summary(group: FigureGroup) -> str:
    """A line saying what is wrong (or settled) with a group."""
    count = group.sources_in_play
    if group.status == "conflict":
        return f"{count} sources disagree: they cannot all be right (gap {group.severity:.0%})."
    if group.status == "accepted":
        accepted = next(f for f in group.figures if f.id == group.accepted_figure_id)
        return f"Accepted: {format_figure(accepted)} from {accepted.document_title or 'a document'}."
    if group.status == "agreed":
        return f"{count} sources agree within their rounding and qualifiers."
    return "One source."


# --------------------------------------------------------------------------------------------------
# Item models


class GroupsModel(BatchedRows, NamedColumns, QAbstractTableModel):
    """One row per group; rows are handed out a batch at a time."""

    COLUMNS = ("Status", "Metric", "Period", "Figures", "Values")
    STATUS, METRIC, PERIOD, COUNT, SPREAD = range(5)
    BATCH = BatchedRows.batch_size

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups: list[FigureGroup] = []

    def set_groups(self, groups: Sequence[FigureGroup]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self._reset_batches()
        self.endResetModel()

    def _row_total(self) -> int:
        return len(self._groups)

    def groups(self) -> list[FigureGroup]:
        return list(self._groups)

    def group(self, row: int) -> FigureGroup | None:
        return self._groups[row] if 0 <= row < self._loaded else None

    def row_of(self, key_text: str) -> int | None:
        """The row of a group (fetching rows up to it), or None."""
        for row, group in enumerate(self._groups):
            if group.key_text == key_text:
                self.fetch_to(row + 1)
                return row
        return None

    # Qt API
    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        group = self._groups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STATUS:
                return STATUS_TEXT.get(group.status, group.status)
            if column == self.METRIC:
                return group.metric + ("" if group.kind == "actual" else f" ({group.kind})")
            if column == self.PERIOD:
                return period_text(group, short=True)
            if column == self.COUNT:
                return len(group.figures)
            if column == self.SPREAD:
                return spread_text(group)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return {"conflict": CONFLICT_RED, "accepted": ACCEPTED_GREEN}.get(group.status, MUTED)
        if role == Qt.ItemDataRole.FontRole and group.status == "conflict" and column == self.STATUS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            note = f"\nNote: {group.note}" if group.note else ""
            return f"{group.metric}, {period_text(group)}\n{group_summary(group)}{note}"
        return None


class GroupFiguresModel(NamedColumns, QAbstractTableModel):
    """The figures of one group, side by side, with their sentences and the analyst's decisions."""

    COLUMNS = ("Decision", "Value", "Allows", "Source", "Date", "Sentence")
    DECISION, VALUE, ALLOWS, SOURCE, DATE, SENTENCE = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group: FigureGroup | None = None
        self._sentences: list[str] = []

    def set_group(self, group: FigureGroup | None, sentences: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._group = group
        count = len(group.figures) if group is not None else 0
        self._sentences = list(sentences)[:count] + [""] * max(0, count - len(sentences))
        self.endResetModel()

    @property
    def group(self) -> FigureGroup | None:
        return self._group

    def figure(self, row: int) -> Figure | None:
        if self._group is None or not 0 <= row < len(self._group.figures):
            return None
        return self._group.figures[row]

    def row_of(self, figure_id: int) -> int | None:
        if self._group is None:
            return None
        for row, figure in enumerate(self._group.figures):
            if figure.id == figure_id:
                return row
        return None

    def sentence(self, row: int) -> str:
        return self._sentences[row] if 0 <= row < len(self._sentences) else ""

    # Qt API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() or self._group is None:
            return 0
        return len(self._group.figures)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        group = self._group
        if group is None or not index.isValid() or not 0 <= index.row() < len(group.figures):
            return None
        row, column = index.row(), index.column()
        figure = group.figures[row]
        decision = group.decision_of(figure.id)
        note = group.decision_notes.get(figure.id, "")
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DECISION:
                mark = {"accepted": "✓ accepted", "rejected": "✗ rejected", "set aside": "set aside"}.get(decision, "—")
                return f"{mark}\n{note}" if note else mark
            if column == self.VALUE:
                return f"{format_figure(figure, with_kind=True)}\n“{figure.text}”"
            if column == self.ALLOWS:
                return format_interval(group.intervals[row], group.unit)
            if column == self.SOURCE:
                return f"{figure.document_title or 'untitled'}\n{figure.document_source_name}"
            if column == self.DATE:
                return figure.document_date or "no date"
            if column == self.SENTENCE:
                return " ".join(self.sentence(row).split()) or figure.text
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if decision in ("rejected", "set aside"):
                return MUTED
            if column == self.DECISION and decision == "accepted":
                return ACCEPTED_GREEN
            return None
        if role == Qt.ItemDataRole.FontRole and decision == "accepted" and column in (self.DECISION, self.VALUE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.SENTENCE:
                return self.sentence(row)
            return note or None
        return None


# --------------------------------------------------------------------------------------------------
# The view


class ReconcileView(QWidget):
    """Groups of figures in conflict, their sources side by side, and the analyst's decisions."""

    group_changed = Signal(str)  # key_text of the group shown ("" for none)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._current_key = ""
        self._show_agreed = False

        # ---- left: the groups
        self.show_agreed_box = QCheckBox("Show groups that agree")
        self.show_agreed_box.setToolTip("Also list groups whose sources agree (and decided groups without conflict)")
        self.show_agreed_box.toggled.connect(self.set_show_agreed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.groups_model = GroupsModel(self)
        self.groups_view = QTableView()
        self.groups_view.setModel(self.groups_model)
        self.groups_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.groups_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.groups_view.verticalHeader().hide()
        self.groups_view.setAlternatingRowColors(True)
        self.groups_view.setWordWrap(False)
        self.groups_view.setMinimumWidth(300)
        header = self.groups_view.horizontalHeader()
        # the stretched metric column must not shrink below its own title in a narrow dock (scroll instead)
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("Metric") + 16)
        header.setSectionResizeMode(GroupsModel.METRIC, QHeaderView.ResizeMode.Stretch)
        for column in (GroupsModel.STATUS, GroupsModel.PERIOD, GroupsModel.COUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GroupsModel.SPREAD, QHeaderView.ResizeMode.Interactive)
        self.groups_view.setColumnWidth(GroupsModel.SPREAD, 120)
        self.groups_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.groups_view.selectionModel().currentRowChanged.connect(self._on_group_row_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_agreed_box)
        left_layout.addLayout(top)
        left_layout.addWidget(self.groups_view, 1)

        # ---- right: the figures of the selected group
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.figures_model = GroupFiguresModel(self)
        self.figures_view = QTableView()
        self.figures_view.setModel(self.figures_model)
        self.figures_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.figures_view.verticalHeader().hide()
        self.figures_view.setWordWrap(True)
        self.figures_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        fheader = self.figures_view.horizontalHeader()
        for column in range(len(GroupFiguresModel.COLUMNS)):
            fheader.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        fheader.setSectionResizeMode(GroupFiguresModel.SENTENCE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 96), (1, 190), (2, 130), (3, 190), (4, 84)):
            self.figures_view.setColumnWidth(column, width)
        self.figures_view.selectionModel().currentRowChanged.connect(self._on_figure_row_changed)
        fheader.sectionResized.connect(lambda *_: self.figures_view.resizeRowsToContents())
        self.figures_view.clicked.connect(self._on_figure_clicked)

        self.accept_button = QPushButton("✓ Accept this figure")
        self.accept_button.setToolTip("Charts and the briefing follow this figure for the group; the others stay listed")
        self.reject_button = QPushButton("✗ Reject…")
        self.reject_button.setToolTip("Wrong or out of scope: set this figure aside, with a reason")
        self.clear_button = QPushButton("Clear decision")
        self.figure_note_button = QPushButton("Figure note…")
        self.show_button = QPushButton("Show in document")
        self.accept_button.clicked.connect(lambda: self._on_current(self.accept_figure))
        self.reject_button.clicked.connect(self._ask_reject)
        self.clear_button.clicked.connect(lambda: self._on_current(self.clear_decision))
        self.figure_note_button.clicked.connect(self._ask_figure_note)
        self.show_button.clicked.connect(lambda: self._on_current(self.show_figure))
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.clear_button, self.figure_note_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_button)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("A note on this group: why one figure was chosen, what to check…")
        self.note_edit.setMaximumHeight(72)
        self.save_note_button = QPushButton("Save note")
        self.save_note_button.clicked.connect(lambda: self.set_group_note(self.note_edit.toPlainText()))
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel("Group note:"))
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.save_note_button, 0, Qt.AlignmentFlag.AlignBottom)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.figures_view, 1)
        right_layout.addLayout(buttons)
        right_layout.addLayout(note_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([470, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        subscribe(self, session.hub, {
            DataChanged: self._on_data_changed,
            SectorFilterChanged: lambda _message: self.refresh(),
            FigureSelected: self._on_figure_selected,
        })
        self.refresh()

    # ----------------------------------------------------------------- queries
    def groups(self) -> list[FigureGroup]:
        """The groups listed, in order."""
        return self.groups_model.groups()

    def current_group(self) -> FigureGroup | None:
        return self.figures_model.group

    def current_figure(self) -> Figure | None:
        index = self.figures_view.selectionModel().currentIndex()
        return self.figures_model.figure(index.row()) if index.isValid() else None

    @property
    def show_agreed(self) -> bool:
        return self._show_agreed

    # ----------------------------------------------------------------- refresh
    def refresh(self) -> None:
        """Read the groups again, keeping the selected group and figure."""
        everything = self.session.reconcile_groups()
        listed = [g for g in everything if len(g.figures) > 1 and (
            self._show_agreed or g.status in ("conflict", "accepted") or g.has_conflict or g.rejected_ids
            or g.key_text == self._current_key)]
        conflicts = sum(1 for g in everything if g.status == "conflict")
        decided = sum(1 for g in everything if g.status == "accepted")
        self.summary.setText(f"<b>{conflicts}</b> open conflict{'s' if conflicts != 1 else ''} · "
                             f"{decided} accepted · {len(listed)} listed")
        figure = self.current_figure()
        key = self._current_key
        with QSignalBlocker(self.groups_view.selectionModel()):
            self.groups_model.set_groups(listed)
        row = self.groups_model.row_of(key) if key else None
        if row is None and listed:
            row = 0
        self._select_group_row(row, figure.id if figure is not None else None)

    def set_show_agreed(self, on: bool) -> None:
        if on == self._show_agreed:
            return
        self._show_agreed = on
        with QSignalBlocker(self.show_agreed_box):
            self.show_agreed_box.setChecked(on)
        self.refresh()

    def select_group(self, key_text: str) -> bool:
        """Show the group with this key (True if it is listed)."""
        row = self.groups_model.row_of(key_text)
        if row is None:
            return False
        self._select_group_row(row, None)
        return True

    def _select_group_row(self, row: int | None, figure_id: int | None) -> None:
        select_row_quietly(self.groups_view, self.groups_model.index(row, 0) if row is not None else None)
        self._show_group(self.groups_model.group(row) if row is not None else None, figure_id)

    def _show_group(self, group: FigureGroup | None, figure_id: int | None = None) -> None:
        previous = self._current_key
        self._current_key = group.key_text if group is not None else ""
        sentences = []
        if group is not None:
            keys = [(figure.document_id, figure.sentence_index) for figure in group.figures]
            found = self.session.repository.sentence_texts(keys)
            sentences = [found.get(key, "") for key in keys]
        selection = self.figures_view.selectionModel()
        with QSignalBlocker(selection):
            self.figures_model.set_group(group, sentences)
            row = self.figures_model.row_of(figure_id) if figure_id is not None else None
            if row is not None:
                selection.setCurrentIndex(self.figures_model.index(row, 0),
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
        self.figures_view.resizeRowsToContents()
        self._update_title(group)
        with QSignalBlocker(self.note_edit):
            self.note_edit.setPlainText(group.note if group is not None else "")
        self._update_buttons()
        if self._current_key != previous:
            self.group_changed.emit(self._current_key)

    def _update_title(self, group: FigureGroup | None) -> None:
        if group is None:
            self.title.setText("<i>No groups to reconcile in the current scope.</i>")
            return
        colour = {"conflict": "#c62828", "accepted": "#2e7d32"}.get(group.status, "#555")
        kind = "" if group.kind == "actual" else f" · {group.kind}"
        self.title.setText(
            f"<span style='font-size:13pt;font-weight:bold'>{html.escape(group.metric)}</span>"
            f" &nbsp;·&nbsp; {html.escape(period_text(group))}{kind} &nbsp;·&nbsp; in {html.escape(group.unit)}"
            f"<br><span style='color:{colour};font-weight:bold'>{STATUS_TEXT.get(group.status, group.status)}</span>"
            f" &nbsp;{html.escape(group_summary(group))}")

    def _update_buttons(self) -> None:
        figure = self.current_figure()
        group = self.current_group()
        decision = group.decision_of(figure.id) if group is not None and figure is not None else ""
        self.accept_button.setEnabled(figure is not None and decision != "accepted")
        self.reject_button.setEnabled(figure is not None and decision != "rejected")
        self.clear_button.setEnabled(figure is not None and decision in ("accepted", "rejected"))
        self.figure_note_button.setEnabled(figure is not None)
        self.show_button.setEnabled(figure is not None)
        self.save_note_button.setEnabled(group is not None)
        self.note_edit.setEnabled(group is not None)

    # ----------------------------------------------------------------- commands
    def accept_figure(self, figure_id: int) -> None:
        """Accept one figure for its group (the session clears any other accepted figure of the group)."""
        self.session.accept_figure(figure_id, origin=self)

    def reject_figure(self, figure_id: int, reason: str | None = None) -> None:
        self.session.decide_figure(figure_id, "rejected", reason, origin=self)

    def clear_decision(self, figure_id: int) -> None:
        self.session.decide_figure(figure_id, None, origin=self)

    def set_figure_note(self, figure_id: int, note: str) -> None:
        group = self._group_holding(figure_id)
        status = group.decision_of(figure_id) if group is not None else ""
        self.session.decide_figure(figure_id, status if status in ("accepted", "rejected") else None, note,
                                   origin=self)

    def set_group_note(self, note: str) -> None:
        if self._current_key:
            self.session.set_group_note(self._current_key, note.strip(), origin=self)

    def show_figure(self, figure_id: int) -> None:
        """Select the figure in the session: the document pane opens its sentence."""
        self.session.select_figure(figure_id, origin=self)

    def _group_holding(self, figure_id: int) -> FigureGroup | None:
        current = self.current_group()
        return group_of([current, *self.groups()] if current is not None else self.groups(), figure_id)

    def _on_current(self, command: object) -> None:
        figure = self.current_figure()
        if figure is not None:
            command(figure.id)  # type: ignore[operator]

    def _ask_reject(self) -> None:
        figure = self.current_figure()
        if figure is None:
            return
        reason, ok = QInputDialog.getText(self, "Reject figure",
                                          f"Why is {format_figure(figure)} set aside? (wrong, out of scope…)")
        if ok:
            self.reject_figure(figure.id, reason.strip())

    def _ask_figure_note(self) -> None:
        figure = self.current_figure()
        group = self.current_group()
        if figure is None or group is None:
            return
        note, ok = QInputDialog.getMultiLineText(self, "Figure note", f"Note on {format_figure(figure)}:",
                                                 group.decision_notes.get(figure.id, ""))
        if ok:
            self.set_figure_note(figure.id, note.strip())

    # ----------------------------------------------------------------- events
    def _on_group_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_group(self.groups_model.group(current.row()) if current.isValid() else None)

    def _on_figure_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        figure = self.figures_model.figure(current.row()) if current.isValid() else None
        if figure is not None:
            self.show_figure(figure.id)

    def _on_figure_clicked(self, index: QModelIndex) -> None:
        figure = self.figures_model.figure(index.row())
        if figure is not None:
            self.show_figure(figure.id)  # again: the analyst may have scrolled the document away

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.figures_view.resizeRowsToContents()  # the sentence column wraps to the new width

    def _on_data_changed(self, message: DataChanged) -> None:
        if message.parts & _REFRESH_PARTS:
            self.refresh()

    def _on_figure_selected(self, message: FigureSelected) -> None:
        """Another view picked a figure: show its group here, quietly (no command goes back)."""
        if message.origin is self or message.figure is None:
            return
        group = group_of(self.groups_model.groups(), message.figure.id)
        if group is not None:
            self._select_group_row(self.groups_model.row_of(group.key_text), message.figure.id)  # fetches up to it
