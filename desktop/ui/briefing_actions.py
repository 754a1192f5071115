"""The main window's reconciliation and briefing commands: export a cited briefing, edit the metric
vocabulary, reassign a figure's metric from the figures table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from desktop.core.session import Session

BRIEFING_FILTERS = "PDF briefing (*.pdf);;HTML briefing (*.html)"


def ask_export_briefing(parent: QWidget, session: Session, metrics: list[str] | None) -> list[Path]:
    """Ask where to save, then write the cited briefing of ``metrics`` (None: every metric with 2+ figures)."""
    from desktop.core.briefing import build_briefing
    from desktop.export.briefing_export import default_title, export_briefing

    folder = session.preferences.last_export_folder or str(Path.home())
    chosen, selected_filter = QFileDialog.getSaveFileName(parent, "Export Briefing",
                                                          str(Path(folder) / "briefing.pdf"), BRIEFING_FILTERS)
    if not chosen:
        return []
    path = Path(chosen)
    if path.suffix.lower() not in (".pdf", ".html"):
        path = path.with_suffix(".html" if "HTML" in selected_filter else ".pdf")
    # The file dialog has already asked before replacing an existing file.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        briefing = build_briefing(session.repository, metrics=metrics, sectors=session.sectors_filter,
                                  title=default_title(session.repository))
        written = export_briefing(briefing, path, overwrite=True)
    except (KeyError, ValueError, OSError) as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "Briefing not exported", str(error))
        return []
    QApplication.restoreOverrideCursor()
    session.preferences.last_export_folder = str(path.parent)
    session.save_preferences()
    return written


def edit_metric_vocabulary(parent: QWidget, session: Session) -> None:
    from desktop.ui.metric_editor import edit_metrics

    edit_metrics(parent, session)


def figure_menu(table: QWidget, session: Session, figure_id: int) -> QMenu:
    """The figures table's right-click menu for one figure."""
    from desktop.ui.metric_editor import reassign_metric_dialog

    figure = session.repository.figure(figure_id)
    menu = QMenu(table)
    menu.addAction("Show in Document", lambda: session.select_figure(figure_id, origin=None))
    menu.addAction("Reassign Metric…", lambda: reassign_metric_dialog(table, session, figure))
    menu.addSeparator()
    menu.addAction("Accept for Its Group", lambda: session.accept_figure(figure_id, origin=table))
    menu.addAction("Reject", lambda: session.decide_figure(figure_id, "rejected", origin=table))
    menu.addAction("Clear Decision", lambda: session.decide_figure(figure_id, None, origin=table))
    return menu


def install_figure_context_menu(table: QWidget, session: Session) -> None:
    """Right-click on a figures-table row: reassign its metric, or accept/reject it for its group."""
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position: QPoint) -> None:
        index = table.indexAt(position)
        if index.isValid():
            figure_menu(table, session, table.figure_id_at(index.row())).exec(
                table.viewport().mapToGlobal(position))

    table.customContextMenuRequested.connect(show)
