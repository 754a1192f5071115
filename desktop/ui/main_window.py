"""The main window: docks for documents, the open document, entities, charts and the figures table; the
sector bar; menus, shortcuts, drag-and-drop import, export, and a remembered layout.

The window only composes views and turns menu actions into session commands; views talk to each other
through the session and its hub, never directly.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.core.messages import DataChanged, EntitySelected, FigureSelected, SectorFilterChanged, TaskFinished
from desktop.core.preferences import Preferences
from desktop.charts.qt_glue import subscribe
from desktop.ui.common import sector_labels
from desktop.ui.document_pane import DocumentPane
from desktop.ui.documents_list import DocumentsPanel
from desktop.ui.entity_sidebar import EntitySidebar
from desktop.ui.import_status import ImportStatus
from desktop.ui.sector_bar import SectorBar

if TYPE_CHECKING:
    from desktop.core.session import Session

STATE_VERSION = 2  # bump when the docks change, so an old saved layout is ignored instead of misapplied
SETTINGS_FILE = "window.ini"
DEFAULT_SIZE = (1600, 1000)


def window_settings() -> QSettings:
    """Window geometry and dock layout, kept beside the preferences (tests get their own folder)."""
    path = Preferences.default_path().parent / SETTINGS_FILE
    return QSettings(str(path), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, session: Session, *, settings: QSettings | None = None, defer_charts: bool = False,
                 parent: QWidget | None = None) -> None:
        """``defer_charts``: build the charts (and import pyqtgraph) just after the window first shows, so
        start-up reaches a usable window sooner; tests build them at once."""
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.session = session
        self._settings = settings if settings is not None else window_settings()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowNestedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        # Every pane is a dock the user can move; the central area stays empty and takes no room.
        spacer = QWidget(self)
        spacer.setObjectName("EmptyCentre")
        spacer.hide()
        self.setCentralWidget(spacer)

        self.documents_panel = DocumentsPanel(session, self)
        self.document_pane = DocumentPane(session, self)
        self.entity_sidebar = EntitySidebar(session, self)
        self.chart_panel: QWidget | None = None
        self.figures_table: QWidget | None = None
        if not defer_charts:
            self.chart_panel, self.figures_table = self._build_chart_views()

        self.documents_dock = self._dock("Documents", "DocumentsDock", self.documents_panel)
        self.document_dock = self._dock("Document", "DocumentDock", self.document_pane)
        self.entities_dock = self._dock("Entities", "EntitiesDock", self.entity_sidebar)
        self.charts_dock = self._dock("Charts", "ChartsDock", self.chart_panel or _loading_label("Loading charts…"))
        self.figures_dock = self._dock("Figures", "FiguresDock",
                                       self.figures_table or _loading_label("Loading figures…"))
        from desktop.ui.reconcile_view import ReconcileView

        self.reconcile_view = ReconcileView(session, self)
        self.reconcile_dock = self._dock("Reconcile", "ReconcileDock", self.reconcile_view)
        self._default_layout()

        self.sector_bar = SectorBar(session, self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.sector_bar)

        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("ScopeLabel")
        self.import_status = ImportStatus(session, self.statusBar(), self)
        self.statusBar().addPermanentWidget(self.import_status)
        self.statusBar().addPermanentWidget(self.scope_label)

        self._build_menus()
        subscribe(self, session.hub, {
            SectorFilterChanged: lambda message: self._show_scope(),
            EntitySelected: lambda message: self._show_scope(),
            FigureSelected: lambda message: self._show_scope(),
            DataChanged: lambda message: self._show_scope(),
            TaskFinished: lambda message: self._task_finished(message),
        })
        self._show_scope()
        self.restore_layout()
        if defer_charts:
            QTimer.singleShot(30, self.install_chart_views)  # after the first paint

    def install_chart_views(self) -> None:
        if self.chart_panel is not None:
            return
        self.chart_panel, self.figures_table = self._build_chart_views()
        for dock, widget in ((self.charts_dock, self.chart_panel), (self.figures_dock, self.figures_table)):
            old = dock.widget()
            dock.setWidget(widget)
            dock.setFocusProxy(widget)
            old.deleteLater()

    # ----------------------------------------------------------------- docks
    def _build_chart_views(self) -> tuple[QWidget, QWidget]:
        """The charts engineer's widgets, embedded as they are."""
        from desktop.charts.chart_panel import ChartPanel
        from desktop.charts.figures_table import FiguresTableView

        from desktop.ui.briefing_actions import install_figure_context_menu

        chart_panel = ChartPanel(self.session, self)
        chart_panel.setObjectName("ChartPanel")
        for metric in self.session.preferences.selected_charts:
            if metric in chart_panel.metrics():
                chart_panel.set_metric_selected(metric, True)
        figures_table = FiguresTableView(self.session, self)
        figures_table.setObjectName("FiguresTable")
        install_figure_context_menu(figures_table, self.session)
        return chart_panel, figures_table

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() keys the layout by object name
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        dock.setFocusProxy(widget)
        return dock

    def docks(self) -> list[QDockWidget]:
        return [self.entities_dock, self.documents_dock, self.document_dock, self.charts_dock, self.figures_dock,
                self.reconcile_dock]

    def _default_layout(self) -> None:
        """Entities | documents over the open document | charts over the figures table."""
        for dock in self.docks():
            dock.setFloating(False)
            dock.show()
            self.removeDockWidget(dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.entities_dock)
        self.splitDockWidget(self.entities_dock, self.documents_dock, Qt.Orientation.Horizontal)
        self.splitDockWidget(self.documents_dock, self.charts_dock, Qt.Orientation.Horizontal)
        self.splitDockWidget(self.documents_dock, self.document_dock, Qt.Orientation.Vertical)
        self.splitDockWidget(self.charts_dock, self.figures_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.figures_dock, self.reconcile_dock)
        for dock in self.docks():
            dock.show()
        self.figures_dock.raise_()
        width = max(self.width(), DEFAULT_SIZE[0])
        height = max(self.height(), DEFAULT_SIZE[1])
        self.resizeDocks([self.entities_dock, self.documents_dock, self.charts_dock],
                         [int(width * 0.22), int(width * 0.37), int(width * 0.41)], Qt.Orientation.Horizontal)
        self.resizeDocks([self.documents_dock, self.document_dock], [int(height * 0.28), int(height * 0.72)],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.charts_dock, self.figures_dock], [int(height * 0.62), int(height * 0.38)],
                         Qt.Orientation.Vertical)

    def reset_layout(self) -> None:
        self._default_layout()
        self.sector_bar.show()

    def restore_layout(self) -> None:
        geometry = self._settings.value("window/geometry")
        state = self._settings.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
            self._default_layout()
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, STATE_VERSION)

    def save_layout(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState(STATE_VERSION))
        self._settings.sync()

    # ----------------------------------------------------------------- menus
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, *,  # noqa: ANN001
                tip: str = "", name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.import_files_action = self._action("&Import Files…", self.ask_import_files, "Ctrl+O",
                                                tip="Import text, HTML, CSV or JSON files", name="ImportFiles")
        self.import_folder_action = self._action("Import &Folder…", self.ask_import_folder, "Ctrl+Shift+O",
                                                 tip="Import every readable file in a folder", name="ImportFolder")
        self.export_action = self._action("&Export Charts…", self.ask_export, "Ctrl+E",
                                          tip="Save the checked charts as PNG, SVG or PDF", name="ExportCharts")
        self.export_briefing_action = self._action(
            "Export &Briefing…", self.ask_export_briefing, "Ctrl+Shift+E",
            tip="One PDF or HTML briefing of the checked charts, every figure cited", name="ExportBriefing")
        self.reextract_action = self._action("&Re-extract All Documents", self.reextract,
                                             tip="Run extraction again; your curation is kept", name="Reextract")
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q", name="Quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        for action in (self.import_files_action, self.import_folder_action, None, self.export_action,
                       self.export_briefing_action, None, self.reextract_action, None, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)

        edit_menu = bar.addMenu("&Edit")
        self.find_action = self._action("&Find Documents", self.documents_panel.focus_search,
                                        "Ctrl+F", name="Find")
        self.filter_entities_action = self._action("Filter &Entities", self._focus_entity_filter, "Ctrl+Shift+F")
        self.clear_figure_action = self._action("Clear Figure Selection",
                                                lambda: self.session.select_figure(None, origin=self))
        self.clear_entity_action = self._action("Clear Entity", lambda: self.session.select_entity(None, origin=self))
        self.clear_sectors_action = self._action("Clear Sector Filter",
                                                 lambda: self.session.set_sector_filter((), origin=self))
        self.edit_metrics_action = self._action("Edit &Metric Vocabulary…", self.edit_metric_vocabulary,
                                                tip="Metric names and the phrases that name them", name="EditMetrics")
        for action in (self.find_action, self.filter_entities_action, None, self.clear_figure_action,
                       self.clear_entity_action, self.clear_sectors_action, None, self.edit_metrics_action):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)

        view_menu = bar.addMenu("&View")
        for dock in self.docks():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.sector_bar.toggleViewAction())
        view_menu.addSeparator()
        self.focus_actions = []
        for number, (label, dock) in enumerate((("Documents", self.documents_dock),
                                                 ("Document Text", self.document_dock),
                                                 ("Entities", self.entities_dock),
                                                 ("Charts", self.charts_dock),
                                                 ("Figures Table", self.figures_dock),
                                                 ("Reconcile", self.reconcile_dock)), start=1):
            action = self._action(f"Go to {label}", lambda d=dock: self.focus_dock(d), f"Alt+{number}")
            view_menu.addAction(action)
            self.focus_actions.append(action)
        view_menu.addSeparator()
        self.next_figure_action = self._action("Next Figure in Document",
                                               lambda: self.document_pane.select_adjacent_figure(1), "F8")
        self.previous_figure_action = self._action("Previous Figure in Document",
                                                   lambda: self.document_pane.select_adjacent_figure(-1), "Shift+F8")
        view_menu.addAction(self.next_figure_action)
        view_menu.addAction(self.previous_figure_action)
        view_menu.addSeparator()
        view_menu.addAction(self._action("Reset Layout", self.reset_layout))

        help_menu = bar.addMenu("&Help")
        self.about_action = self._action(f"&About {APP_NAME}", self.show_about, name="About")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)
        help_menu.addAction(self._action("About &Qt", QApplication.aboutQt))

    def focus_dock(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        dock.widget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_entity_filter(self) -> None:
        self.focus_dock(self.entities_dock)
        self.entity_sidebar.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.entity_sidebar.filter_box.selectAll()

    # ----------------------------------------------------------------- status
    def _show_scope(self) -> None:
        session = self.session
        parts = []
        if session.sectors_filter:
            parts.append("Sectors: " + " + ".join(sector_labels(session, tuple(sorted(session.sectors_filter)))))
        else:
            parts.append("All sectors")
        name = session.entity_name(session.entity_id) if session.entity_id is not None else None
        if name is not None:
            parts.append(f"Entity: {name}")
        if session.figure is not None:
            parts.append(f"Figure: {session.figure.text}")
        self.scope_label.setText("  ·  ".join(parts))

    def _task_finished(self, message: TaskFinished) -> None:
        self._enable_task_actions(True)

    def _enable_task_actions(self, enabled: bool) -> None:
        """Import and re-extract wait while a task runs: one background task at a time."""
        for action in (self.import_files_action, self.import_folder_action, self.reextract_action):
            action.setEnabled(enabled)

    # ----------------------------------------------------------------- import
    def ask_import_files(self) -> None:
        start = self.session.preferences.last_import_folder or str(Path.home())
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Import files", start,
            "News files (*.txt *.text *.md *.html *.htm *.csv *.json *.jsonl);;All files (*)")
        if paths:
            self.import_paths(paths)

    def ask_import_folder(self) -> None:
        start = self.session.preferences.last_import_folder or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Import a folder", start)
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str] | list[Path]) -> bool:
        """Start an import in the background; False when another task is still running."""
        if not paths:
            return False
        if self.session.busy:
            self.statusBar().showMessage("Another import is still running; wait for it or cancel it.", 8000)
            return False
        first = Path(paths[0])
        self.session.preferences.last_import_folder = str(first if first.is_dir() else first.parent)
        self.session.save_preferences()
        self._enable_task_actions(False)
        self.import_status.started("import", f"{len(paths)} item{'s' if len(paths) != 1 else ''}")
        self.session.import_paths([Path(path) for path in paths], origin=self)
        return True

    def reextract(self) -> None:
        if self.session.busy:
            self.statusBar().showMessage("Wait for the running task to finish first.", 8000)
            return
        self._enable_task_actions(False)
        self.import_status.started("re-extract")
        self.session.reextract(origin=self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001 - QDragMoveEvent
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            # Start after the drop returns, so the drag source is not kept waiting.
            QTimer.singleShot(0, lambda: self.import_paths(paths))

    # ----------------------------------------------------------------- export
    def ask_export(self) -> None:
        from desktop.ui.export_dialog import ExportDialog

        self.install_chart_views()
        dialog = ExportDialog(self.session, self.chart_panel, self)
        dialog.open()
        self.export_dialog = dialog

    def ask_export_briefing(self) -> None:
        from desktop.ui.briefing_actions import ask_export_briefing

        self.install_chart_views()
        chosen = list(self.chart_panel.selected_metrics()) if self.chart_panel is not None else []
        written = ask_export_briefing(self, self.session, chosen or None)
        if written:
            self.statusBar().showMessage(f"Briefing saved: {written[0]}", 8000)

    def edit_metric_vocabulary(self) -> None:
        from desktop.ui.briefing_actions import edit_metric_vocabulary

        edit_metric_vocabulary(self, self.session)

    # ----------------------------------------------------------------- about, closing
    def about_text(self) -> str:
        return (
            f"<h3>{html.escape(APP_NAME)} {html.escape(__version__)}</h3>"
            "<p>Figures and entities from news, each tied to the sentence it came from.</p>"
            f"<p>Store: <code>{html.escape(self.session.repository.url)}</code><br>"
            f"Python {sys.version.split()[0]} · PySide6 {pyside_version}</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.busy:
            self.session.cancel_task()
        self.save_layout()
        if self.chart_panel is not None and hasattr(self.chart_panel, "selected_metrics"):
            self.session.preferences.selected_charts = list(self.chart_panel.selected_metrics())
        self.session.save_preferences()
        super().closeEvent(event)


def _loading_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def _local_paths(mime) -> list[str]:  # noqa: ANN001 - QMimeData
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
