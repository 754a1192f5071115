"""The sector bar: one toggle per sector (several may be on), a Clear action, and the filter spelled out.

The state is the session's ``sectors_filter`` (saved in the preferences, so it survives restarts); the bar
only mirrors it and sends toggles back as commands.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from desktop.charts.qt_glue import subscribe
from desktop.core.messages import DataChanged, SectorFilterChanged

if TYPE_CHECKING:
    from desktop.core.session import Session


class SectorBar(QToolBar):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Sectors", parent)
        self.setObjectName("SectorBar")  # saveState() needs the name
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._session = session
        self._actions: dict[str, QAction] = {}
        self._sector_keys: tuple[str, ...] = ()

        self.state_label = QLabel(self)
        self.state_label.setObjectName("SectorState")
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        self.state_label.setContentsMargins(6, 0, 10, 0)
        self._title = QLabel("Sectors:", self)
        self._title.setContentsMargins(6, 0, 4, 0)
        self.clear_action = QAction("Clear", self)
        self.clear_action.setObjectName("ClearSectors")
        self.clear_action.setToolTip("Show every sector")
        self.clear_action.triggered.connect(lambda: self._session.set_sector_filter((), origin=self))

        subscribe(self, session.hub, {
            SectorFilterChanged: lambda message: self._show_state(),
            DataChanged: lambda message: self.rebuild() if "documents" in message.parts else None,
        })
        self.rebuild()

    def sector_action(self, key: str) -> QAction:
        return self._actions[key]

    def rebuild(self) -> None:
        sectors = self._session.sectors()
        keys = tuple(sector.key for sector in sectors)
        if keys == self._sector_keys and self._actions:
            self._show_state()
            return
        self._sector_keys = keys
        self.clear()
        self._actions.clear()
        self.addWidget(self._title)
        for sector in sectors:
            action = QAction(sector.label, self)
            action.setObjectName(f"sector:{sector.key}")
            action.setCheckable(True)
            action.setToolTip(f"Show only what concerns {sector.label} (several sectors may be on)")
            action.toggled.connect(lambda on, key=sector.key: self._session.toggle_sector(key, on, origin=self))
            self.addAction(action)
            self._actions[sector.key] = action
        self.addSeparator()
        self.addAction(self.clear_action)
        self.addWidget(self.state_label)
        self._show_state()

    def _show_state(self) -> None:
        active = self._session.sectors_filter
        for key, action in self._actions.items():
            with QSignalBlocker(action):
                action.setChecked(key in active)
        self.clear_action.setEnabled(bool(active))
        labels = [action.text() for key, action in self._actions.items() if key in active]
        labels += sorted(key for key in active if key not in self._actions)  # a saved sector no longer defined
        if labels:
            self.state_label.setText("Showing: <b>" + html.escape(" + ".join(labels)) + "</b>")
        else:
            self.state_label.setText("All sectors")
        self.state_label.setToolTip("The sector filter narrows documents, dims sentences, and narrows the "
                                    "entity counts and the charts.")

    def filter_text(self) -> str:
        return self.state_label.text()
