"""The main window's reconciliation and briefing commands, as a user reaches them."""

from __future__ import annotations

import pytest


def test_reconcile_dock_is_part_of_the_window(window):
    assert window.reconcile_dock in window.docks()
    assert window.reconcile_dock.widget() is window.reconcile_view
    assert window.tabifiedDockWidgets(window.figures_dock) == [window.reconcile_dock]
    assert window.export_briefing_action.shortcut().toString() == "Ctrl+Shift+E"


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_export_briefing_action_writes_the_checked_charts(window, session, tmp_path, monkeypatch, suffix):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / f"briefing{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.chart_panel.set_metric_selected("bilateral trade turnover", True)
    window.export_briefing_action.trigger()
    data = target.read_bytes()
    if suffix == ".pdf":
        assert data.startswith(b"%PDF")
    else:
        page = data.decode("utf-8")
        assert "Bilateral trade turnover nearly doubled from over 400 million USD in 2022" in page
        assert "Both sides highlighted the need to boost bilateral trade, which reached $860 million" in page
        assert "tourist arrivals" not in page.lower()  # only the checked chart
    assert session.preferences.last_export_folder == str(tmp_path)


def test_figures_table_context_menu_reassigns_a_metric(window, session, monkeypatch):
    from desktop.ui import metric_editor
    from desktop.ui.briefing_actions import figure_menu

    table = window.figures_table
    row = next(r for r in range(table.model().rowCount())
               if session.repository.figure(table.figure_id_at(r)).text == "$860 million")
    figure_id = table.figure_id_at(row)
    asked = []
    monkeypatch.setattr(metric_editor, "reassign_metric_dialog",
                        lambda parent, s, figure: asked.append(figure.id) or s.reassign_metric(figure.id, "exports"))
    menu = figure_menu(table, session, figure_id)
    actions = {action.text(): action for action in menu.actions() if action.text()}
    assert list(actions) == ["Show in Document", "Reassign Metric…", "Accept for Its Group", "Reject",
                             "Clear Decision"]
    actions["Reassign Metric…"].trigger()
    assert asked == [figure_id]
    assert session.repository.figure(figure_id).metric == "exports"
    actions["Reject"].trigger()
    assert session.repository.figure_curation()[figure_id].status == "rejected"
    assert table.contextMenuPolicy().name == "CustomContextMenu"
