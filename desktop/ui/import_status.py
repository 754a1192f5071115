"""Long-task feedback in the status bar (progress bar, Cancel) and the summary of skipped files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.messages import TaskFinished, TaskProgress
from desktop.charts.qt_glue import NamedColumns, subscribe

if TYPE_CHECKING:
    from desktop.core.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex


class ImportStatus(QWidget):
    """Sits in the status bar; visible only while a task runs."""

    def __init__(self, session: Session, status_bar: QStatusBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportStatus")
        self._session = session
        self._status_bar = status_bar
        self.summary_dialog: ProblemsDialog | None = None
        self.label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop after the file being read; what is imported stays")
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        self.hide()
        subscribe(self, session.hub, {TaskProgress: self._on_progress, TaskFinished: self._on_finished})

    def started(self, task: str, what: str = "") -> None:
        self.label.setText(f"{task.capitalize()}{': ' + what if what else ''}…")
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setEnabled(True)
        self.show()

    def _on_progress(self, message: TaskProgress) -> None:
        if not self.isVisible():
            self.started(message.task)
        self.progress.setRange(0, max(message.total, 1))
        self.progress.setValue(message.done)
        self.progress.setFormat(f"{message.done:,} / {message.total:,}")
        name = message.label.replace("\\", "/").rsplit("/", 1)[-1]
        self.label.setText(f"{message.task.capitalize()}: {name}")
        self.label.setToolTip(message.label)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling…")
        self._session.cancel_task()

    def _on_finished(self, message: TaskFinished) -> None:
        self.hide()
        text = message.summary if message.error is None else f"{message.summary}: {message.error}"
        self._status_bar.showMessage(text, 15_000)
        if message.problems or message.error:
            self.summary_dialog = ProblemsDialog(message, self.window())
            self.summary_dialog.open()  # window-modal without blocking the caller


class ProblemsModel(NamedColumns, QAbstractTableModel):
    COLUMNS = ("File", "Reason")

    def __init__(self, problems: tuple[tuple[str, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems = list(problems)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        path, reason = self._problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return path.replace("\\", "/").rsplit("/", 1)[-1] if index.column() == 0 else reason
        if role == Qt.ItemDataRole.ToolTipRole:
            return path if index.column() == 0 else reason
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class ProblemsDialog(QDialog):
    """What an import left out, and why; the rest of the batch went in."""

    def __init__(self, message: TaskFinished, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportSummary")
        self.setWindowTitle(f"{message.task.capitalize()} finished")
        self.resize(720, 360)
        summary = QLabel(message.summary + (f"\n\n{message.error}" if message.error else ""), self)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        self.model = ProblemsModel(message.problems, self)
        if message.problems:
            layout.addWidget(QLabel(f"{len(message.problems)} file(s) skipped:", self))
            table = QTableView(self)
            table.setModel(self.model)
            table.verticalHeader().hide()
            table.setWordWrap(False)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
            layout.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
