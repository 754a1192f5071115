"""File ▸ Export Charts: pick charts (default: those ticked in the chart panel), a format and a folder.

The files are written by :mod:`desktop.export.charts_export`; this dialog gathers the choices, asks before
overwriting anything, and reports what was written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.export.charts_export import export_panel, planned_paths

if TYPE_CHECKING:
    from desktop.core.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex

#: (label, format, one combined PDF)
FORMAT_CHOICES = (
    ("PNG images (one per chart)", "png", False),
    ("SVG drawings (one per chart)", "svg", False),
    ("PDF files (one per chart)", "pdf", False),
    ("One PDF (a page per chart)", "pdf", True),
)


class MetricChecklistModel(QAbstractListModel):
    """The charts on offer, each with a check box."""

    def __init__(self, metrics: list[tuple[str, int]], checked: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._metrics = metrics  # (metric, figure count)
        self._checked = set(checked)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._metrics)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        metric, count = self._metrics[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{metric} ({count} figure{'s' if count != 1 else ''})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if metric in self._checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        metric = self._metrics[index.row()][0]
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        (self._checked.add if on else self._checked.discard)(metric)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def checked(self) -> list[str]:
        return [metric for metric, _count in self._metrics if metric in self._checked]

    def set_all(self, on: bool) -> None:
        self._checked = {metric for metric, _count in self._metrics} if on else set()
        if self._metrics:
            self.dataChanged.emit(self.index(0), self.index(len(self._metrics) - 1), [Qt.ItemDataRole.CheckStateRole])


class ExportDialog(QDialog):
    def __init__(self, session: Session, chart_panel, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle("Export charts")
        self.resize(560, 520)
        self._session = session
        self._panel = chart_panel
        self.written: list[Path] = []
        metrics = [(metric, len(chart_panel.figures_for(metric))) for metric in chart_panel.metrics()]
        checked = set(chart_panel.selected_metrics()) or set(session.preferences.selected_charts)
        if not checked and metrics:
            checked = {metrics[0][0]}
        self.model = MetricChecklistModel(metrics, checked, self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        all_button = QPushButton("All", self)
        none_button = QPushButton("None", self)
        all_button.clicked.connect(lambda: self.model.set_all(True))
        none_button.clicked.connect(lambda: self.model.set_all(False))
        picks = QHBoxLayout()
        picks.addWidget(QLabel("Charts to export:", self), 1)
        picks.addWidget(all_button)
        picks.addWidget(none_button)

        self.format_box = QComboBox(self)
        for label, _fmt, _combined in FORMAT_CHOICES:
            self.format_box.addItem(label)
        self.csv_box = QCheckBox("Also save the figures with their source sentences (CSV)", self)
        self.csv_box.setChecked(True)
        self.folder_edit = QLineEdit(session.preferences.last_export_folder or str(Path.home() / "briefing-charts"),
                                     self)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("", self.csv_box)
        form.addRow("Folder:", folder_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(picks)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export into", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def choice(self) -> tuple[str, bool]:
        _label, fmt, combined = FORMAT_CHOICES[self.format_box.currentIndex()]
        return fmt, combined

    def targets(self) -> list[Path]:
        fmt, combined = self.choice()
        return planned_paths(self.model.checked(), fmt, self.folder_edit.text(), combined_pdf=combined,
                             with_csv=self.csv_box.isChecked())

    def export(self, *, overwrite: bool = False, rename: bool = False) -> list[Path]:
        fmt, combined = self.choice()
        folder = Path(self.folder_edit.text()).expanduser()
        self.written = export_panel(self._panel, fmt, folder, metrics=self.model.checked(), combined_pdf=combined,
                                    with_csv=self.csv_box.isChecked(), overwrite=overwrite, rename=rename)
        self._session.preferences.last_export_folder = str(folder)
        self._session.preferences.selected_charts = self.model.checked()
        self._session.save_preferences()
        return self.written

    def accept(self) -> None:
        if not self.model.checked():
            QMessageBox.information(self, "Export charts", "Tick at least one chart to export.")
            return
        if not self.folder_edit.text().strip():
            QMessageBox.information(self, "Export charts", "Choose a folder to export into.")
            return
        existing = [path for path in self.targets() if path.exists()]
        overwrite = rename = False
        if existing:
            names = "\n".join(path.name for path in existing[:12]) + ("\n…" if len(existing) > 12 else "")
            box = QMessageBox(QMessageBox.Icon.Warning, "Files exist",
                              f"{len(existing)} file(s) already exist in this folder:\n\n{names}", parent=self)
            replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
            keep = box.addButton("Keep Both", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is replace:
                overwrite = True
            elif box.clickedButton() is keep:
                rename = True
            else:
                return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = self.export(overwrite=overwrite, rename=rename)
        except (OSError, ValueError) as error:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Export failed", str(error))
            return
        QGuiApplication.restoreOverrideCursor()
        super().accept()
        parent = self.parentWidget()
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(f"Exported {len(written)} file(s) to {written[0].parent}", 15_000)
