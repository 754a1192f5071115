"""FiguresTableModel passes the model tester, fetches lazily, sorts every row; the view follows the session."""

from PySide6.QtCore import QModelIndex, Qt

from desktop.charts.figures_table import FIGURE_ID_ROLE, VALUE, FiguresTableModel, FiguresTableView
from tests.charts.fakes import FakeSession
from tests.charts.sample_figures import make_figure, trade_figures
from tests.qt import shown


def _many(n=500):
    return [make_figure(i, (i * 7919) % 1000 * 1e6, period=str(2000 + i % 25), title=f"Doc {i}") for i in range(1, n + 1)]


def test_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(FiguresTableModel(trade_figures()), force_py=True)
    qtmodeltester.check(FiguresTableModel(_many(50), batch_size=7), force_py=True)
    qtmodeltester.check(FiguresTableModel([]), force_py=True)


def test_display_and_roles():
    model = FiguresTableModel(trade_figures())
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == ["bilateral trade", "2022", "over $400 m", "actual", "To Lam's visit to Kazakhstan", "2025-05-04"]
    assert model.index(4, 1).data() == "(report date)"
    assert model.index(5, VALUE).data() == "$1–1.5 bn"
    assert model.index(2, 0).data(FIGURE_ID_ROLE) == 3


def test_rows_are_fetched_lazily():
    model = FiguresTableModel(_many(500), batch_size=200)
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 500 and not model.canFetchMore(QModelIndex())
    assert model.row_of(450) == 449


def test_sort_covers_rows_not_fetched_yet():
    model = FiguresTableModel(_many(500), batch_size=100)
    model.sort(VALUE, Qt.SortOrder.DescendingOrder)
    top = max(f.value for f in _many(500))
    assert model.rowCount() == 100
    assert model.figure_at(0).value == top
    values = [f.value for f in model.figures()]
    assert values == sorted(values, reverse=True)


def test_view_click_selects_and_selection_shows_the_row(qtbot):
    session = FakeSession(_many(500))
    view = shown(qtbot, FiguresTableView(session, batch_size=100), 800, 400)
    rect = view.visualRect(view.model().index(2, 0))
    with qtbot.waitSignal(view.figure_picked) as picked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picked.args == [view.figure_id_at(2)] and session.figure.id == picked.args[0]
    assert session.calls == [(picked.args[0], view)]

    session.select_figure(450, origin="chart")             # beyond the fetched rows
    assert view.selected_figure_id() == 450
    assert view.source_model.rowCount() >= 450
    assert view.visualRect(view.currentIndex()).intersects(view.viewport().rect())  # scrolled into view
    assert session.calls[-1] == (450, "chart") and len(session.calls) == 2           # no echo

    view.sortByColumn(VALUE, Qt.SortOrder.AscendingOrder)  # sorting keeps the selection
    assert view.selected_figure_id() == 450

    session.set_sector_filter({"no such sector"})
    assert view.model().rowCount() == 0 and view.selected_figure_id() is None
