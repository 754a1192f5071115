"""The entity sidebar: entities grouped by type with mention and document counts, a filter, and curation.

Curation (rename, merge, hide, change type, split off an alias) goes to the session as commands; the
session tells every view that entities changed, so this tree refreshes like every other pane.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.messages import DataChanged, EntitySelected, SectorFilterChanged
from desktop.domain import Entity
from desktop.domain.model import ENTITY_TYPES
from desktop.domain.text import fold_diacritics
from desktop.charts.qt_glue import NamedColumns, subscribe

if TYPE_CHECKING:
    from desktop.core.session import Session

EntityIdRole = Qt.ItemDataRole.UserRole + 1
FoldedTextRole = Qt.ItemDataRole.UserRole + 3  # name and aliases folded, for the filter box
AnyIndex = QModelIndex | QPersistentModelIndex

TYPE_LABELS = {"person": "People", "organisation": "Organisations", "place": "Places"}
_TYPE_SINGULAR = {"person": "Person", "organisation": "Organisation", "place": "Place"}
_GROUP = 0  # internal id of a group row; entity rows carry their group's number + 1


class EntityTreeModel(NamedColumns, QAbstractItemModel):
    """Two levels: one row per entity type, and the entities of that type below it."""

    COLUMNS = ("Entity", "Mentions", "Docs")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups: list[list[Entity]] = [[] for _ in ENTITY_TYPES]
        self._folded: dict[int, str] = {}
        self._sort: tuple[int, Qt.SortOrder] = (1, Qt.SortOrder.DescendingOrder)

    def set_entities(self, entities: list[Entity]) -> None:
        self.beginResetModel()
        self._groups = [[entity for entity in entities if entity.type == entity_type] for entity_type in ENTITY_TYPES]
        self._folded = {
            entity.id: fold_diacritics(" | ".join((entity.name, *entity.aliases))) for entity in entities
        }
        self._sort_groups()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the entities of each group here, in one Python call (a proxy would call data() per compare)."""
        self.beginResetModel()
        self._sort = (column, order)
        self._sort_groups()
        self.endResetModel()

    def _sort_groups(self) -> None:
        column, order = self._sort
        keys = (lambda e: (fold_diacritics(e.name), e.id), lambda e: (e.mention_count, e.document_count, e.id),
                lambda e: (e.document_count, e.mention_count, e.id))
        if 0 <= column < len(keys):
            for group in self._groups:
                group.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)

    def entity(self, index: AnyIndex) -> Entity | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId() - 1][index.row()]

    def entities(self) -> list[Entity]:
        return [entity for group in self._groups for entity in group]

    def index_of(self, entity_id: int | None) -> QModelIndex:
        for group_number, group in enumerate(self._groups):
            for row, entity in enumerate(group):
                if entity.id == entity_id:
                    return self.createIndex(row, 0, group_number + 1)
        return QModelIndex()

    # ----------------------------------------------------------------- QAbstractItemModel
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == _GROUP:
            group = self._groups[index.row()]
            entity_type = ENTITY_TYPES[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return (f"{TYPE_LABELS[entity_type]} ({len(group)})", "", "")[column]
            if role == Qt.ItemDataRole.FontRole and column == 0:
                font = QFont()
                font.setBold(True)
                return font
            return None
        entity = self._groups[index.internalId() - 1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (entity.name, entity.mention_count, entity.document_count)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            aliases = ", ".join(alias for alias in entity.aliases if alias != entity.name)
            text = f"{entity.name} — {entity.mention_count} mentions in {entity.document_count} documents"
            return text + (f"\nAlso written: {aliases}" if aliases else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == EntityIdRole:
            return entity.id
        if role == FoldedTextRole:
            return self._folded.get(entity.id, "")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class EntityFilterProxy(QSortFilterProxyModel):
    """Keeps entities whose name or alias contains the filter text, ignoring case and diacritics."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)

    def set_needle(self, text: str) -> None:
        needle = fold_diacritics(text.strip())
        if needle == self._needle:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Hand sorting to the source model: the proxy then keeps its order and never sorts row by row."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not source_parent.isValid():  # a group: shown when empty filter, else through its children
            return not self._needle
        if not self._needle:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self._needle in (index.data(FoldedTextRole) or "")


class EntitySidebar(QWidget):
    """Filter box, the active-entity chip, and the tree with its curation menu."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EntitySidebar")
        self._session = session
        self.model = EntityTreeModel(self)
        self.proxy = EntityFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("EntityFilter")
        self.filter_box.setPlaceholderText("Filter entities")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._filter_changed)

        self.active_label = QLabel(self)
        self.active_label.setObjectName("ActiveEntity")
        self.active_label.setWordWrap(True)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Stop narrowing to this entity (Esc in the list)")
        self.clear_button.clicked.connect(lambda: self._session.select_entity(None, origin=self))
        chip = QHBoxLayout()
        chip.setContentsMargins(0, 0, 0, 0)
        chip.addWidget(self.active_label, 1)
        chip.addWidget(self.clear_button)

        self.view = QTreeView(self)
        self.view.setObjectName("EntityTree")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setIndentation(12)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.proxy.modelReset.connect(self._expand_groups)  # a sort resets the model: groups open again
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed count columns sized from the header text: ResizeToContents measures every one of
        # thousands of rows on each refresh.
        metrics = self.view.fontMetrics()
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(metrics.horizontalAdvance(title), metrics.horizontalAdvance("9999"))
                                 + 14)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        clear = QAction("Clear entity", self.view)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(lambda: self._session.select_entity(None, origin=self))
        self.view.addAction(clear)
        self.setFocusProxy(self.view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_box)
        layout.addLayout(chip)
        layout.addWidget(self.view, 1)

        subscribe(self, session.hub, {
            EntitySelected: lambda message: self._show_selected(),
            SectorFilterChanged: lambda message: self.refresh(),
            DataChanged: lambda message: self.refresh() if message.parts & {"entities", "documents"} else None,
        })
        self.refresh()

    # ----------------------------------------------------------------- state from the session
    def refresh(self) -> None:
        with QSignalBlocker(self.view.selectionModel()):
            self.model.set_entities(self._session.entities())
        self._expand_groups()
        self._show_selected()

    def _expand_groups(self) -> None:
        root = QModelIndex()
        for row in range(self.proxy.rowCount()):  # the groups only: expandAll walks every entity
            self.view.expand(self.proxy.index(row, 0))
            # "Organisations (128)" reads across the count columns instead of being cut to "Organisations (1…"
            self.view.setFirstColumnSpanned(row, root, True)

    def _show_selected(self) -> None:
        entity_id = self._session.entity_id
        source = self.model.index_of(entity_id)
        selection = self.view.selectionModel()
        with QSignalBlocker(selection):
            proxy_index = self.proxy.mapFromSource(source)
            if proxy_index.isValid():
                selection.setCurrentIndex(proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
                self.view.scrollTo(proxy_index)
            else:
                selection.clearSelection()
        self.view.viewport().update()
        entity = self.model.entity(source)
        if entity_id is None:
            self.active_label.setText("All entities — click one to narrow the views")
            self.clear_button.hide()
        else:
            name = entity.name if entity is not None else self._name_of(entity_id)
            self.active_label.setText(f"Narrowed to <b>{html.escape(name)}</b>")
            self.clear_button.show()

    def _name_of(self, entity_id: int) -> str:
        return self._session.entity_name(entity_id) or "?"

    # ----------------------------------------------------------------- user actions
    def _filter_changed(self, text: str) -> None:
        self.proxy.set_needle(text)
        self._expand_groups()

    def selected_entities(self) -> list[Entity]:
        rows = self.view.selectionModel().selectedRows(0)
        found = [self.model.entity(self.proxy.mapToSource(index)) for index in rows]
        return [entity for entity in found if entity is not None]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self.selected_entities()
        if len(chosen) == 1:
            self._session.select_entity(chosen[0].id, origin=self)
        elif not chosen:
            self._session.select_entity(None, origin=self)
        # several selected: the user is gathering entities to merge; the narrowing stays as it was

    def _context_menu(self, point: QPoint) -> None:
        entity = self.model.entity(self.proxy.mapToSource(self.view.indexAt(point)))
        if entity is None:
            return
        menu = self.build_menu(entity)
        menu.exec(self.view.viewport().mapToGlobal(point))

    def build_menu(self, entity: Entity) -> QMenu:
        """The curation menu for ``entity`` (the right-clicked one; merges use the other selected ones)."""
        session = self._session
        menu = QMenu(self)
        menu.addAction("Show where it appears", lambda: session.select_entity(entity.id, origin=self))
        menu.addSeparator()
        menu.addAction("Rename…", lambda: self.ask_rename(entity))
        types = menu.addMenu("Change type")
        group = QActionGroup(types)
        for entity_type in ENTITY_TYPES:
            action = types.addAction(_TYPE_SINGULAR[entity_type])
            action.setCheckable(True)
            action.setChecked(entity_type == entity.type)
            action.setActionGroup(group)
            action.triggered.connect(lambda _checked=False, t=entity_type: self._curate(
                session.set_entity_type, entity.id, t, origin=self))
        others = [other for other in self.selected_entities() if other.id != entity.id]
        if others:
            names = ", ".join(other.name for other in others[:3]) + ("…" if len(others) > 3 else "")
            menu.addAction(f"Merge {names} into “{entity.name}”",
                           lambda: self._curate(session.merge_entities, [o.id for o in others], entity.id, origin=self))
        menu.addAction("Merge into…", lambda: self.ask_merge(entity))
        aliases = [alias for alias in entity.aliases if fold_diacritics(alias) != fold_diacritics(entity.name)]
        split = menu.addMenu("Split off alias")
        split.setEnabled(bool(aliases))
        for alias in aliases:
            split.addAction(alias, lambda a=alias: self._curate(session.split_alias, entity.id, a, origin=self))
        menu.addSeparator()
        menu.addAction("Hide", lambda: self._curate(session.hide_entity, entity.id, True, origin=self))
        hidden = session.hidden_entities()
        if hidden:
            unhide = menu.addMenu(f"Show hidden ({len(hidden)})")
            for other in hidden:
                unhide.addAction(other.name, lambda o=other: self._curate(session.hide_entity, o.id, False,
                                                                          origin=self))
        return menu

    def ask_rename(self, entity: Entity) -> None:
        name, ok = QInputDialog.getText(self, "Rename entity", f"New name for “{entity.name}”:", text=entity.name)
        if ok and name.strip() and name.strip() != entity.name:
            self._curate(self._session.rename_entity, entity.id, name.strip(), origin=self)

    def ask_merge(self, entity: Entity) -> None:
        candidates = [other for other in self.model.entities() if other.id != entity.id]
        candidates.sort(key=lambda other: (other.type != entity.type, -other.mention_count, other.name))
        if not candidates:
            return
        labels = [f"{other.name} ({_TYPE_SINGULAR[other.type].lower()}, {other.mention_count} mentions)"
                  for other in candidates]
        chosen, ok = QInputDialog.getItem(self, "Merge entity", f"Merge “{entity.name}” into:", labels, 0, False)
        if ok and chosen in labels:
            target = candidates[labels.index(chosen)]
            self._curate(self._session.merge_entities, [entity.id], target.id, origin=self)

    def _curate(self, command, *args, **kwargs) -> None:  # noqa: ANN001 - a session command
        try:
            command(*args, **kwargs)
        except (KeyError, ValueError) as error:
            QMessageBox.warning(self, "Entity not changed", str(error))

