"""The charts over the real store and session, seeded from seeds/ through the real pipeline."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.qt import shown


def test_picking_a_chart_point_selects_that_figure_everywhere(qtbot, session, tmp_path):
    from desktop.charts.chart_panel import ChartPanel
    from desktop.charts.figures_table import FiguresTableView
    from desktop.export.charts_export import export_panel

    panel, table = shown(qtbot, ChartPanel(session), 800, 700), shown(qtbot, FiguresTableView(session), 800, 700)
    chart = panel.charts()[0]
    figure_id = chart.figure_ids()[0]
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     chart.view_pos(figure_id))
    assert session.figure.id == figure_id
    assert chart.selected_id == figure_id and table.selected_figure_id() == figure_id

    panel.set_metric_selected(chart.metric_name)
    paths = export_panel(panel, "png", tmp_path)
    citation = session.repository.sentence_text(session.figure.document_id,
                                                      session.figure.sentence_index)
    assert " ".join(citation.split()) in paths[-1].read_text(encoding="utf-8-sig")
