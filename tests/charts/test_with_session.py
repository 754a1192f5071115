"""The charts over the real store and session, seeded from seeds/ (skipped while extraction is not ready)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import SEEDS


@pytest.fixture
def real_session(tmp_path):
    pipeline_module = pytest.importorskip("desktop.extract.pipeline")
    from desktop.core.importer import import_paths
    from desktop.core.session import Session
    from desktop.store.repository import Repository

    repository = Repository.open("sqlite://")
    pipeline = pipeline_module.Pipeline.load()
    report = import_paths(repository, pipeline, [SEEDS], workers=1)
    if report.added != 2 or not any(f.metric for f in repository.figures()):
        pytest.skip(f"extraction not ready: {report.summary()}")
    yield Session(repository, pipeline=pipeline, preferences_path=tmp_path / "preferences.json")
    repository.close()


def test_picking_a_chart_point_selects_that_figure_everywhere(qtbot, real_session, tmp_path):
    from desktop.charts.chart_panel import ChartPanel
    from desktop.charts.figures_table import FiguresTableView
    from desktop.export.charts_export import export_panel

    panel, table = ChartPanel(real_session), FiguresTableView(real_session)
    for widget in (panel, table):
        qtbot.addWidget(widget)
        widget.resize(800, 700)
        widget.show()
        qtbot.waitExposed(widget)
    chart = panel.charts()[0]
    figure_id = chart.figure_ids()[0]
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     chart.view_pos(figure_id))
    assert real_session.figure.id == figure_id
    assert chart.selected_id == figure_id and table.selected_figure_id() == figure_id

    panel.set_metric_selected(chart.metric_name)
    paths = export_panel(panel, "png", tmp_path)
    citation = real_session.repository.sentence_text(real_session.figure.document_id,
                                                      real_session.figure.sentence_index)
    assert " ".join(citation.split()) in paths[-1].read_text(encoding="utf-8-sig")
