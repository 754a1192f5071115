"""FigureChart: a point per figure, clicks select, the selection restyles, qualifiers read differently."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.charts.figure_chart import FigureChart, tooltip_text
from tests.charts.fakes import FakeSession
from tests.charts.sample_figures import TRADE, trade_figures
from tests.qt import shown


def _shown_chart(qtbot, session=None):
    return shown(qtbot, FigureChart(TRADE, trade_figures(), session=session), 800, 420)


def test_a_real_click_on_a_point_selects_its_figure(qtbot):
    session = FakeSession(trade_figures())
    chart = _shown_chart(qtbot, session)
    for figure_id in (1, 6, 3):
        with qtbot.waitSignal(chart.figure_picked) as picked:
            QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             chart.view_pos(figure_id))
        assert picked.args == [figure_id]
        assert session.calls[-1] == (figure_id, chart)
    assert session.figure.id == 3


def test_click_on_empty_space_selects_nothing(qtbot):
    session = FakeSession(trade_figures())
    chart = _shown_chart(qtbot, session)
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     chart.view_pos(1) + type(chart.view_pos(1))(0, -60))
    assert session.calls == []


def test_sig_clicked_carries_the_figure_id(qtbot):
    chart = _shown_chart(qtbot)
    spot = chart.scatter.points()[chart.figure_ids().index(4)]
    with qtbot.waitSignal(chart.figure_picked) as picked:
        chart.scatter.sigClicked.emit(chart.scatter, [spot], None)
    assert picked.args == [4]


def test_selected_point_is_restyled(qtbot):
    chart = _shown_chart(qtbot)
    before = chart.spot_style(3)
    assert chart.set_selected(3)
    after = chart.spot_style(3)
    assert after["size"] > before["size"] and after["pen_width"] > before["pen_width"]
    assert chart.halo.isVisible()
    halo = chart.halo.points()[0].pos()
    point = next(p for p in chart.plan.points if p.figure.id == 3)
    assert (halo.x(), halo.y()) == (point.x, point.y)
    assert chart.spot_style(1)["size"] == chart.spot_style(1)["size"]  # others unchanged
    assert not chart.set_selected(999) and not chart.halo.isVisible()   # not on this chart: clears
    assert chart.spot_style(3)["size"] == before["size"]


def test_qualifiers_and_kinds_are_drawn_differently(qtbot):
    chart = _shown_chart(qtbot)
    symbols = {chart.plan.points[i].figure.qualifier: chart.spot_style(fid)["symbol"]
               for i, fid in enumerate(chart.figure_ids())}
    assert len(set(symbols.values())) == len(symbols) == 6    # exact, over, nearly, approx, range, under
    assert symbols["over"] == "arrow-up" and symbols["under"] == "arrow-down"
    actual, target = chart.spot_style(3), chart.spot_style(5)
    assert target["brush"] == "#ffffff" and actual["brush"] != "#ffffff"   # targets hollow
    labels = [label.text for _, label in chart.legend.items]
    assert {"actual", "target", "projection", "over (floor)", "range low–high"} <= set(labels)


def test_tooltip_names_value_period_and_source(qtbot):
    chart = _shown_chart(qtbot)
    by_id = {p.figure.id: p for p in chart.plan.points}
    tip = tooltip_text(by_id[1])
    assert "over $400 m" in tip and "Period: 2022" in tip and "To Lam's visit to Kazakhstan, 2025-05-04" in tip
    assert "report date 2025-05-06" in tooltip_text(by_id[5]) and "(target)" in tooltip_text(by_id[5])
    assert chart._tip(0, 0, 1) == tip


def test_axis_labels_and_title(qtbot):
    chart = _shown_chart(qtbot)
    assert chart.plot_item.titleLabel.text == TRADE
    assert chart.plot_item.getAxis("left").labelText == "USD bn"
    assert chart.plot_item.getAxis("bottom").tickStrings([2022.5, 2024.5], 1, 1) == ["2022", "2024"]
