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
