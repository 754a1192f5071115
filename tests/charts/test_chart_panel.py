"""ChartPanel: a chart per metric in scope, rebuilt on hub messages, selection shown without echo."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.charts.chart_panel import ChartPanel
from desktop.core.messages import FigureSelected
from tests.charts.fakes import FakeSession
from tests.charts.sample_figures import TRADE, make_figure, trade_figures
from tests.qt import shown

FLIGHTS = "direct flights per week"


def _figures():
    extra = [
        make_figure(20, 40, unit="flights", qualifier="over", period=None, metric=FLIGHTS),
        make_figure(21, 3, unit="flights/day", period="2023", metric=FLIGHTS),
        make_figure(30, 4.8, unit="percent", period="2024", metric="GDP growth"),
        make_figure(40, 1e6, unit="USD", metric=None),  # no metric: not charted
    ]
    tourism = [make_figure(50 + i, 1000 * (i + 1), unit="people", period=str(2020 + i), metric="tourist arrivals")
               for i in range(3)]
    tourism = [f.__class__(**{**{s: getattr(f, s) for s in f.__slots__}, "sectors": ("tourism",)}) for f in tourism]
    return trade_figures() + extra + tourism


def _panel(qtbot, session, **kwargs):
    return shown(qtbot, ChartPanel(session, **kwargs), 700, 900)


def test_one_chart_per_metric_most_figures_first(qtbot):
    panel = _panel(qtbot, FakeSession(_figures()))
    assert panel.metrics() == [TRADE, "tourist arrivals", FLIGHTS, "GDP growth"]
    assert [c.metric_name for c in panel.charts()] == panel.metrics()
    assert panel.chart_for(FLIGHTS).figure_ids() == [20, 21]
    assert panel.chart_for("nothing") is None


def test_include_in_export_boxes(qtbot):
    panel = _panel(qtbot, FakeSession(_figures()))
    assert panel.selected_metrics() == []
    panel._cards[FLIGHTS].include.click()
    panel.set_metric_selected(TRADE)
    assert panel.selected_metrics() == [TRADE, FLIGHTS]    # display order
    panel.set_metric_selected(TRADE, False)
    assert panel.selected_metrics() == [FLIGHTS]


def test_click_selects_and_every_chart_restyles_without_echo(qtbot):
    session = FakeSession(_figures())
    panel = _panel(qtbot, session)
    chart = panel.chart_for(FLIGHTS)
    panel.scroll.ensureWidgetVisible(panel._cards[FLIGHTS])
    qtbot.wait(10)
    with qtbot.waitSignal(panel.figure_picked) as picked:
        QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         chart.view_pos(21))
    assert picked.args == [21]
    assert session.calls == [(21, chart)]                 # one command, no echo back
    assert [type(m) for m in session.hub.log] == [FigureSelected]
    assert chart.selected_id == 21 and panel.chart_for(TRADE).selected_id is None
    session.select_figure(3, origin="document pane")       # another view selects
    assert panel.chart_for(TRADE).selected_id == 3 and chart.selected_id is None
    assert session.calls[-1] == (3, "document pane") and len(session.calls) == 2


def test_scope_change_rebuilds(qtbot):
    session = FakeSession(_figures())
    panel = _panel(qtbot, session)
    trade_chart = panel.chart_for(TRADE)
    session.set_sector_filter({"tourism"})
    assert panel.metrics() == ["tourist arrivals"]
    assert [c.metric_name for c in panel.charts()] == ["tourist arrivals"]
    session.set_sector_filter(set())
    assert panel.chart_for(TRADE) is not None and panel.chart_for(TRADE) is not trade_chart
    session.replace_figures(trade_figures()[:3])
    assert panel.metrics() == [TRADE] and panel.chart_for(TRADE).figure_ids() == [1, 2, 3]


def test_charts_are_made_a_page_at_a_time(qtbot):
    session = FakeSession(_figures())
    panel = _panel(qtbot, session, page_size=2)
    assert [c.metric_name for c in panel.charts()] == [TRADE, "tourist arrivals"]
    assert panel.more.isVisible() and "2 not shown" in panel.more.text()
    session.select_figure(30)                              # its chart is on the next page: just it is made
    assert panel.chart_for("GDP growth").selected_id == 30
    assert [c.metric_name for c in panel.charts()] == [TRADE, "tourist arrivals", "GDP growth"]
    panel.show_more()
    assert [c.metric_name for c in panel.charts()] == panel.metrics() and not panel.more.isVisible()


def test_detached_panel_hears_nothing(qtbot):
    session = FakeSession(_figures())
    panel = _panel(qtbot, session)
    panel.detach()
    session.set_sector_filter({"tourism"})
    assert TRADE in panel.metrics()
