"""The documents list: an item model over the session's documents in scope, with a search box.

The model hands rows to the view in batches (``canFetchMore``/``fetchMore``), so a long list costs only
the rows on screen; the scope (sector filter, entity, search) is the session's, never the widget's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from desktop.core.messages import DataChanged, DocumentOpened, EntitySelected, SearchChanged, SectorFilterChanged
from desktop.domain import DocumentInfo
from desktop.charts.qt_glue import BatchedRows, NamedColumns, select_row_quietly, subscribe

if TYPE_CHECKING:
    from desktop.core.session import Session

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class DocumentsModel(BatchedRows, NamedColumns, QAbstractTableModel):
    """Rows are :class:`DocumentInfo`; columns title, date, source, figures."""

    COLUMNS = ("Title", "Date", "Source", "Figures")
    BATCH = BatchedRows.batch_size

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._documents: list[DocumentInfo] = []
        self._rows: dict[int, int] = {}

    # ----------------------------------------------------------------- filling
    def set_documents(self, documents: list[DocumentInfo]) -> None:
        self.beginResetModel()
        self._documents = list(documents)
        self._rows = {document.id: row for row, document in enumerate(self._documents)}
        self._reset_batches()
        self.endResetModel()

    def total(self) -> int:
        return len(self._documents)

    def document(self, row: int) -> DocumentInfo:
        return self._documents[row]

    def row_of(self, document_id: int | None) -> int | None:
        """The row of a document, fetching batches until it is loaded; None when it is not in the list."""
        row = self._rows.get(document_id) if document_id is not None else None
        if row is None:
            return None
        self.fetch_to(row + 1)
        return row

    def _row_total(self) -> int:
        return len(self._documents)

    # ----------------------------------------------------------------- QAbstractTableModel
    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        document = self._documents[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (document.title, document.date or "", document.source_name, document.figure_count)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            sectors = ", ".join(document.sectors) or "no sector"
            return f"{document.title}\n{document.date or 'undated'} · {document.source}\nSectors: {sectors}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DocumentIdRole:
            return document.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class DocumentsPanel(QWidget):
    """Search box, count, and the list; selecting a row opens that document in the session."""

    SEARCH_DELAY_MS = 200

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentsPanel")
        self._session = session
        self.model = DocumentsModel(self)

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("DocumentSearch")
        self.search_box.setPlaceholderText("Search documents (Ctrl+F) — case and accents ignored")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setText(session.search_text)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_box.textEdited.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.apply_search)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("DocumentCount")

        self.view = QTableView(self)
        self.view.setObjectName("DocumentsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        self.view.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.setFocusProxy(self.view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search_box)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)

        subscribe(self, session.hub, {
            SectorFilterChanged: lambda message: self.refresh(),
            EntitySelected: lambda message: self.refresh(),
            SearchChanged: self._on_search_changed,
            DocumentOpened: lambda message: self._select(message.document_id),
            DataChanged: lambda message: self.refresh() if "documents" in message.parts else None,
        })
        self.refresh()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self._session.set_search(self.search_box.text(), origin=self)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh(self) -> None:
        self.model.set_documents(self._session.documents())
        total = self._session.repository.document_count()
        shown = self.model.total()
        self.count_label.setText(f"{shown:,} of {total:,} documents" if shown != total else f"{total:,} documents")
        self._select(self._session.document_id)

    def _on_search_changed(self, message: SearchChanged) -> None:
        if message.origin is not self and self.search_box.text() != message.text:
            self.search_box.setText(message.text)
        self.refresh()

    def _select(self, document_id: int | None) -> None:
        """Show the session's document as the current row, without sending it back to the session."""
        row = self.model.row_of(document_id)
        select_row_quietly(self.view, self.model.index(row, 0) if row is not None else None)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._session.open_document(current.data(DocumentIdRole), origin=self)
