"""The window's conventions: search, curation, import (sync and threaded), layout memory, export, errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from tests.qt import shown

ARTICLE = """Almaty trade fair opens

Trade between Vietnam and Kazakhstan reached 1.2 billion USD in 2025, officials in Almaty said on Monday.
"""


def test_menus_and_shortcuts(window):
    shortcuts = {action.shortcut().toString(QKeySequence.SequenceFormat.PortableText): action.objectName()
                 for action in window.actions()}
    assert shortcuts["Ctrl+O"] == "ImportFiles"
    assert shortcuts["Ctrl+F"] == "Find"
    assert shortcuts["Ctrl+E"] == "ExportCharts"
    assert shortcuts["Ctrl+Q"] == "Quit"
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    from desktop import __version__

    assert __version__ in window.about_text()


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    window.activateWindow()
    window.find_action.trigger()
    assert window.documents_panel.search_box.hasFocus() or QApplication.focusWidget() is None  # offscreen focus
    window.focus_dock(window.entities_dock)


def test_search_ignores_case_and_diacritics(window, session):
    panel = window.documents_panel
    plain = [d.id for d in session.repository.documents() if "To Lam" in session.repository.document_text(d.id)]
    assert plain
    panel.search_box.setText("tô lâm")
    panel.apply_search()
    found = [panel.model.document(row).id for row in range(panel.model.total())]
    assert set(plain) <= set(found)
    assert "of" in panel.count_label.text() or len(found) == session.repository.document_count()
    panel.search_box.setText("qwertyuiop")
    panel.apply_search()
    assert panel.model.total() == 0 and panel.count_label.text().startswith("0 of")


def test_curation_updates_every_pane(window, session):
    sidebar = window.entity_sidebar
    entity = max(session.entities(), key=lambda e: e.mention_count)
    session.select_entity(entity.id)
    session.rename_entity(entity.id, "Renamed Place", origin=sidebar)
    assert any(e.name == "Renamed Place" for e in sidebar.model.entities())
    assert "Renamed Place" in sidebar.active_label.text()
    assert "Renamed Place" in window.scope_label.text()

    # merge two entities: the target's counts grow, the source is gone everywhere
    places = [e for e in session.entities() if e.type == "place" and e.id != entity.id]
    source = places[0]
    session.merge_entities([source.id], entity.id, origin=sidebar)
    merged = next(e for e in sidebar.model.entities() if e.id == entity.id)
    assert merged.mention_count == entity.mention_count + source.mention_count
    assert all(e.id != source.id for e in sidebar.model.entities())

    # hide: gone from the tree, and the narrowing to it is lifted
    session.hide_entity(entity.id, origin=sidebar)
    assert all(e.id != entity.id for e in sidebar.model.entities())
    assert session.entity_id is None

    assert [e.id for e in session.hidden_entities()] == [entity.id]


def test_curation_menu_offers_every_command(window, session):
    sidebar = window.entity_sidebar
    entity = next(e for e in session.entities() if len(e.aliases) > 1) if any(
        len(e.aliases) > 1 for e in session.entities()) else session.entities()[0]
    menu = sidebar.build_menu(entity)
    texts = [action.text() for action in menu.actions()]
    for wanted in ("Rename…", "Change type", "Merge into…", "Split off alias", "Hide"):
        assert wanted in texts
    type_menu = next(a.menu() for a in menu.actions() if a.text() == "Change type")
    place = next(a for a in type_menu.actions() if a.text() == "Organisation")
    place.trigger()
    assert next(e for e in session.entities() if e.id == entity.id).type == "organisation"
    assert any(e.id == entity.id for e in sidebar.model.entities() if e.type == "organisation")


def test_split_alias_from_the_sidebar(window, session):
    entity = next((e for e in session.entities() if len(e.aliases) > 1), None)
    if entity is None:
        pytest.skip("no entity with two spellings in the seeds")
    alias = next(a for a in entity.aliases if a != entity.name)
    menu = window.entity_sidebar.build_menu(entity)
    split = next(a.menu() for a in menu.actions() if a.text() == "Split off alias")
    next(a for a in split.actions() if a.text() == alias).trigger()
    assert any(e.name == alias for e in window.entity_sidebar.model.entities())


def test_import_lists_bad_files_in_a_summary(qtbot, window, session, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "fair.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not for us")
    before = session.repository.document_count()
    assert window.import_paths([str(folder)])
    assert session.repository.document_count() == before + 1
    assert window.documents_panel.model.total() == before + 1
    dialog = window.import_status.summary_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 0).data() == "scan.pdf"
    assert "1 imported" in window.statusBar().currentMessage()
    assert not window.import_status.isVisible()
    dialog.close()


def test_drag_and_drop_imports(qtbot, window, session, tmp_path):
    path = tmp_path / "fair.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    before = session.repository.document_count()
    window.dropEvent(event)
    qtbot.waitUntil(lambda: session.repository.document_count() == before + 1)


def test_threaded_import_keeps_the_window_responsive(qtbot, tmp_path, pipeline):
    from desktop.core.messages import TaskFinished, TaskProgress
    from desktop.core.session import Session
    from desktop.store.repository import Repository
    from desktop.ui.main_window import MainWindow
    from desktop.ui.workers import QtTaskRunner

    folder = tmp_path / "batch"
    folder.mkdir()
    for number in range(6):
        (folder / f"a{number}.txt").write_text(ARTICLE.replace("1.2", f"1.{number + 2}"), encoding="utf-8")
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    repository = Repository.open(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    runner = QtTaskRunner()
    session = Session(repository, runner=runner, pipeline=pipeline, preferences_path=tmp_path / "p.json")
    main = MainWindow(session, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    progress: list[TaskProgress] = []
    finished: list[TaskFinished] = []
    session.hub.subscribe(TaskProgress, progress.append)
    session.hub.subscribe(TaskFinished, finished.append)
    main.import_paths([str(folder)])
    assert main.import_status.isVisible()  # shown at once, while the worker runs
    assert not main.import_files_action.isEnabled()
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    runner.wait()
    assert progress and progress[-1].done == progress[-1].total == 7
    assert finished[0].problems and finished[0].problems[0][0].endswith("broken.json")
    assert repository.document_count() == 6
    assert main.documents_panel.model.total() == 6
    assert main.import_files_action.isEnabled()
    main.import_status.summary_dialog.close()
    main.close()
    repository.close()


def test_cancel_stops_a_threaded_task(qtbot):
    import threading

    from desktop.ui.workers import QtTaskRunner

    runner = QtTaskRunner()
    started = threading.Event()
    results = []

    def work(context):
        started.set()
        for step in range(1000):
            if context.cancelled():
                return step
            context.progress(step, 1000, "")
            threading.Event().wait(0.005)
        return 1000

    handle = runner.submit("slow", work, lambda result, error: results.append((result, error)))
    started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results[0][1] is None and results[0][0] < 1000
    assert not runner.busy


def test_layout_is_remembered(qtbot, session, tmp_path):
    from desktop.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    first = shown(qtbot, MainWindow(session, settings=settings), 700, 520)
    first.figures_dock.hide()
    first.removeDockWidget(first.entities_dock)
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.entities_dock)
    first.entities_dock.show()
    size = first.size()
    first.close()

    second = shown(qtbot, MainWindow(session, settings=settings))
    assert second.figures_dock.isHidden()
    assert second.dockWidgetArea(second.entities_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert second.size() == size
    second.reset_layout()
    assert not second.figures_dock.isHidden()
    assert all(isinstance(dock, QDockWidget) for dock in second.docks())


def test_export_dialog_writes_the_checked_charts_and_never_overwrites_silently(qtbot, window, session, tmp_path):
    from desktop.ui.export_dialog import ExportDialog

    panel = window.chart_panel
    metric = panel.metrics()[0]
    panel.set_metric_selected(metric, True)
    dialog = ExportDialog(session, panel, window)
    qtbot.addWidget(dialog)
    assert dialog.model.checked() == [metric]
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.format_box.setCurrentIndex(0)  # PNG
    written = dialog.export()
    png = next(path for path in written if path.suffix == ".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000
    assert any(path.suffix == ".csv" for path in written)
    assert all(path.exists() for path in dialog.targets())
    with pytest.raises(FileExistsError):
        dialog.export()
    assert dialog.export(rename=True)[0].name.endswith("(2).png")
    assert session.preferences.last_export_folder == str(tmp_path / "out")


def test_unexpected_errors_are_logged_and_shown(qtbot, monkeypatch, caplog, tmp_path):
    from desktop.ui.app import ErrorDialogHook

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    hook = ErrorDialogHook(tmp_path / "briefing.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        with caplog.at_level(logging.ERROR):
            hook(type(error), error, error.__traceback__)
    assert "Unexpected error" in caplog.text and "boom" in caplog.text
    assert shown and "RuntimeError: boom" in shown[0].informativeText()
    assert "Traceback" in shown[0].detailedText()
    assert str(tmp_path / "briefing.log") in shown[0].informativeText()


def test_dark_palette_follows_the_scheme():
    from desktop.ui.app import dark_palette
    from PySide6.QtGui import QPalette

    palette = dark_palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 80
    assert palette.color(QPalette.ColorRole.Text).lightness() > 180


def test_run_opens_the_window_on_an_empty_store_and_seeds_it(qtbot, monkeypatch, tmp_path):
    """``run()`` end to end: an empty store is seeded, the window shows the seeds, then the app quits."""
    from PySide6.QtCore import QTimer

    from desktop.ui import app as app_module

    seen = {}

    def inspect_and_quit():
        windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow" and w.isVisible()]
        seen["documents"] = windows[0].documents_panel.model.total() if windows else None
        for window in windows:
            window.close()
        QApplication.quit()

    QTimer.singleShot(300, inspect_and_quit)
    style = QApplication.style().name()
    palette = QApplication.palette()
    try:
        code = app_module.run([], db_url=f"sqlite:///{tmp_path / 'first.sqlite3'}")
    finally:
        QApplication.setStyle(style)
        QApplication.setPalette(palette)
        import sys

        sys.excepthook = sys.__excepthook__
    assert code == 0
    assert seen["documents"] == 2
    assert Path(tmp_path / "first.sqlite3").exists()
