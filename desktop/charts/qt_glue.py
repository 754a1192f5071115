"""Qt glue every view shares: hub subscriptions tied to a widget's life, and named table columns.

It lives in the charts layer, the lowest layer with Qt, so that charts and ui use the same pieces.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import QAbstractItemView

if TYPE_CHECKING:
    from desktop.core.hub import Hub


def subscribe(owner: QObject, hub: Hub, handlers: Mapping[type, Callable[[Any], None]]) -> Callable[[], None]:
    """Subscribe ``handlers`` for as long as ``owner`` lives (no calls into deleted widgets).

    Returns a function that unsubscribes them all earlier; calling it twice is harmless.
    """
    unsubscribers = [hub.subscribe(message_type, handler) for message_type, handler in handlers.items()]

    def unsubscribe_all(*_args: object) -> None:
        while unsubscribers:
            try:
                unsubscribers.pop()()
            except ValueError:  # already gone
                pass

    # The slot holds the list, not the owner, so a deleted widget is never called again.
    owner.destroyed.connect(unsubscribe_all)
    return unsubscribe_all


class NamedColumns:
    """Mixin for table models: horizontal header labels from ``COLUMNS``."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None


def select_row_quietly(view: QAbstractItemView, index: QModelIndex | None) -> None:
    """Make ``index`` the view's current, selected row and scroll to it, or clear the selection for None,
    without the selection signals that would send the change back to the session."""
    selection = view.selectionModel()
    with QSignalBlocker(selection):
        if index is None or not index.isValid():
            selection.clear()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        else:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            view.scrollTo(index)
    view.viewport().update()


class BatchedRows:
    """Mixin for flat table models that hand their rows to the view a batch at a time.

    The model keeps every record in memory and says how many with ``_row_total()``; ``_loaded`` rows are
    visible. Views fetch more as they scroll; ``fetch_to`` shows a far row on demand (selecting it).
    """

    batch_size: int = 200
    _loaded: int = 0

    def _row_total(self) -> int:
        return 0

    def _reset_batches(self) -> None:
        """Call between beginResetModel and endResetModel: show the first batch of the new records."""
        self._loaded = min(self.batch_size, self._row_total())

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else self._loaded

    def canFetchMore(self, parent: QModelIndex | None = None) -> bool:  # noqa: N802 - Qt API
        return not (parent is not None and parent.isValid()) and self._loaded < self._row_total()

    def fetchMore(self, parent: QModelIndex | None = None) -> None:  # noqa: N802 - Qt API
        if not (parent is not None and parent.isValid()):
            self.fetch_to(self._loaded + self.batch_size)

    def fetch_to(self, count: int) -> None:
        count = min(count, self._row_total())
        if count <= self._loaded:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, count - 1)
        self._loaded = count
        self.endInsertRows()
