"""Editing the metric vocabulary in the app, and reassigning one figure to another metric by hand.

The user's file (``user_file("metrics.json")``) *replaces* the shipped ``resources/metrics.json`` when it
exists (see :meth:`desktop.extract.pipeline.Pipeline.load`), so the editor starts from the user's file if
there is one, else from a copy of the shipped vocabulary, and always saves the whole vocabulary. Fields the
table does not show (units, patterns, counts, direction, scope) are kept as they were for each metric; a
new metric starts with the units of the sector's first metric (or any unit). Before saving, the vocabulary
is checked by the same parser the extractor uses; its message is shown and nothing is written when it fails.
After saving, the dialog offers to re-extract every document with the new vocabulary.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.vocabulary import (  # noqa: F401 - user_metrics_path and load_vocabulary_data are part of this module's API
    load_vocabulary_data,
    save_vocabulary_data,
    shipped_metrics_path,
    user_metrics_path,
    validate_vocabulary,
)
from desktop.domain import Figure
from desktop.extract.metrics import SECTOR_KEYS
from desktop.charts.qt_glue import NamedColumns

if TYPE_CHECKING:
    from desktop.core.session import Session

_Index = QModelIndex | QPersistentModelIndex


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class MetricsTableModel(NamedColumns, QAbstractTableModel):
    """Editable rows over the vocabulary's metric entries (name, sector, synonyms as a comma list)."""

    COLUMNS = ("Name", "Sector", "Synonyms (comma-separated)")
    NAME, SECTOR, SYNONYMS = range(3)

    def __init__(self, entries: Sequence[dict] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[dict] = [copy.deepcopy(entry) for entry in entries]

    def entries(self) -> list[dict]:
        return [copy.deepcopy(entry) for entry in self._entries]

    def set_entries(self, entries: Sequence[dict]) -> None:
        self.beginResetModel()
        self._entries = [copy.deepcopy(entry) for entry in entries]
        self.endResetModel()

    def add(self, entry: dict) -> int:
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.append(copy.deepcopy(entry))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._entries[row]
            self.endRemoveRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == self.NAME:
                return entry.get("name", "")
            if index.column() == self.SECTOR:
                return entry.get("sector", "")
            if index.column() == self.SYNONYMS:
                return ", ".join(entry.get("synonyms", []))
        if role == Qt.ItemDataRole.ToolTipRole:
            units = ", ".join(entry.get("units", [])) or "any"
            return f"Units: {units}" + (f"\nPatterns: {len(entry['patterns'])}" if entry.get("patterns") else "")
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._entries):
            return False
        entry = self._entries[index.row()]
        text = str(value).strip()
        if index.column() == self.NAME:
            entry["name"] = text
        elif index.column() == self.SECTOR:
            entry["sector"] = text
        elif index.column() == self.SYNONYMS:
            synonyms = _split(text)
            if synonyms:
                entry["synonyms"] = synonyms
            else:
                entry.pop("synonyms", None)
        else:
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


class MetricEditorDialog(QDialog):
    """Edit the metric vocabulary; save checks it first, then offers to re-extract."""

    def __init__(self, session: Session | None = None, parent: QWidget | None = None, *,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Metric vocabulary")
        self.resize(900, 560)
        self.session = session
        self.path = path or user_metrics_path()
        self._data = load_vocabulary_data(self.path)
        self.model = MetricsTableModel(self._data.get("metrics", []), self)
        self.saved = False

        where = QLabel(f"Saved to <code>{self.path}</code>"
                       + ("" if self.path.exists() else " (a copy of the shipped vocabulary until you save)"))
        where.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MetricsTableModel.NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MetricsTableModel.SECTOR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MetricsTableModel.SYNONYMS, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.hide()

        add = QPushButton("Add metric…")
        remove = QPushButton("Remove")
        reset = QPushButton("Restore shipped vocabulary")
        add.clicked.connect(self._ask_add)
        remove.clicked.connect(self._remove_selected)
        reset.clicked.connect(self._restore_shipped)
        row = QHBoxLayout()
        for button in (add, remove):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(reset)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save_clicked)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    # ----------------------------------------------------------------- data
    def vocabulary(self) -> dict:
        """The vocabulary as it would be saved."""
        data = copy.deepcopy(self._data)
        data["metrics"] = self.model.entries()
        return data

    def add_metric(self, name: str, sector: str, synonyms: Sequence[str] = ()) -> int:
        entry: dict = {"name": name.strip(), "sector": sector.strip()}
        units = next((m.get("units") for m in self.model.entries() if m.get("sector") == sector and m.get("units")),
                     None)
        if units:
            entry["units"] = list(units)
        if synonyms:
            entry["synonyms"] = [s.strip() for s in synonyms if s.strip()]
        return self.model.add(entry)

    def save(self) -> str | None:
        """Check and write; returns the problem (nothing written) or None."""
        data = self.vocabulary()
        problem = validate_vocabulary(data)
        if problem is not None:
            self.error.setText(f"Not saved: {problem}")
            self.error.show()
            return problem
        save_vocabulary_data(data, self.path)
        self.error.hide()
        self.saved = True
        if self.session is not None and hasattr(self.session, "reload_vocabularies"):
            self.session.reload_vocabularies()
        return None

    # ----------------------------------------------------------------- buttons
    def _ask_add(self) -> None:
        name, ok = QInputDialog.getText(self, "Add metric", "Metric name (as shown in charts):")
        if not ok or not name.strip():
            return
        sector, ok = QInputDialog.getItem(self, "Add metric", "Sector:", sorted(SECTOR_KEYS), 0, False)
        if not ok:
            return
        synonyms, ok = QInputDialog.getText(self, "Add metric", "Phrases that name it (comma-separated):")
        if not ok:
            return
        row = self.add_metric(name, sector, _split(synonyms))
        self.table.scrollTo(self.model.index(row, 0))

    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            self.model.remove(row)

    def _restore_shipped(self) -> None:
        shipped = load_vocabulary_data(shipped_metrics_path())
        self._data = shipped
        self.model.set_entries(shipped.get("metrics", []))

    def _save_clicked(self) -> None:
        if self.save() is not None:
            return
        if self.session is not None:
            answer = QMessageBox.question(
                self, "Metric vocabulary saved",
                "Saved. Re-extract every document now with the new vocabulary?\n"
                "Your accepted and rejected figures and notes are kept.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.session.reextract(origin=self)
        self.accept()


def edit_metrics(parent: QWidget | None, session: Session | None) -> bool:
    """Open the editor modally; True when the vocabulary was saved."""
    dialog = MetricEditorDialog(session, parent)
    dialog.exec()
    return dialog.saved


def reassign_metric_dialog(parent: QWidget | None, session: Session, figure: Figure) -> str | None:
    """Ask for another metric for ``figure`` (an editable list of the known ones) and reassign it.

    An empty answer restores the metric extraction gave it. Returns the new metric, "" when restored, or
    None when cancelled.
    """
    known = session.repository.metrics()
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Reassign metric")
    dialog.setLabelText(f"Metric for “{figure.text}” (now: {figure.metric or 'none'}).\n"
                        "Pick one, type a new one, or leave empty to restore the extracted metric:")
    dialog.setComboBoxItems(known)
    dialog.setComboBoxEditable(True)
    combo = dialog.findChild(QComboBox)
    if combo is not None:
        combo.setCurrentText(figure.metric or "")
    if not dialog.exec():
        return None
    metric = dialog.textValue().strip()
    session.reassign_metric(figure.id, metric or None, origin=parent)
    return metric
