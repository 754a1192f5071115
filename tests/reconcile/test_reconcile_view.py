"""The Reconcile view over a store where sources disagree: listing, accepting, notes, persistence, charts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.reconcile.conftest import FLIGHTS, TRADE, make_session
from tests.qt import shown


def _view(qtbot, session):
    from desktop.ui.reconcile_view import ReconcileView

    return shown(qtbot, ReconcileView(session), 1300, 600)


def _panel(qtbot, session):
    from desktop.charts.chart_panel import ChartPanel

    return shown(qtbot, ChartPanel(session), 900, 900)


def _trade_group(view):
    return next(g for g in view.groups() if g.metric == TRADE and g.period == "2024")


def _click_figure_row(qtbot, view, figure_id):
    row = view.figures_model.row_of(figure_id)
    index = view.figures_model.index(row, 1)
    rect = view.figures_view.visualRect(index)
    QTest.mouseClick(view.figures_view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())


def test_conflicts_are_listed_most_severe_first(qtbot, conflict_session):
    view = _view(qtbot, conflict_session)
    groups = view.groups()
    assert [g.status for g in groups] == ["conflict", "conflict"]
    assert [g.metric for g in groups] == [FLIGHTS, TRADE]          # 33/week vs 4/week before $860m vs $879m
    assert groups[0].severity > groups[1].severity
    assert view.current_group().key_text == groups[0].key_text
    texts = sorted(f.text for f in _trade_group(view).figures)
    assert texts == ["$860 million", "$879 million", "USD 1 billion"]
    # the agreed groups appear with the toggle, after the conflicts
    view.set_show_agreed(True)
    shown = view.groups()
    assert [g.status for g in shown] == ["conflict", "conflict", "agreed"]
    assert (shown[2].metric, [f.text for f in shown[2].figures]) == ("GDP growth (Kazakhstan)", ["4.8%", "4.8%"])


def test_figures_side_by_side_with_sentence_and_one_click_to_the_document(qtbot, conflict_session):
    view = _view(qtbot, conflict_session)
    group = _trade_group(view)
    assert view.select_group(group.key_text)
    model = view.figures_model
    assert model.rowCount() == 3
    row = next(r for r in range(3) if model.figure(r).text == "$879 million")
    assert "reached $879 million in 2024" in model.index(row, model.SENTENCE).data()
    assert "customs" in model.index(row, model.SOURCE).data().lower()
    assert model.index(row, model.DATE).data() == "2025-03-10"
    assert model.index(row, model.ALLOWS).data() == "$878 m – $880 m"

    figure = model.figure(row)
    _click_figure_row(qtbot, view, figure.id)
    assert conflict_session.figure.id == figure.id                   # the document pane hears FigureSelected
    assert conflict_session.document_id == figure.document_id


def test_accepting_a_figure_changes_the_chart(qtbot, conflict_session):
    view = _view(qtbot, conflict_session)
    panel = _panel(qtbot, conflict_session)
    chart = panel.chart_for(TRADE)
    group = _trade_group(view)
    ids = {f.text: f.id for f in group.figures}
    # before: the three 2024 figures are drawn side by side inside a conflict marker, none faded
    markers = chart.conflict_markers()
    assert len(markers) == 1 and sorted(markers[0].figure_ids) == sorted(ids.values())
    assert "3 sources disagree" in markers[0].tooltip
    assert set(ids.values()) <= set(chart.followed_ids()) and not chart.faded_ids()

    view.select_group(group.key_text)
    _click_figure_row(qtbot, view, ids["$879 million"])
    view.accept_button.click()

    assert chart.conflict_markers() == []
    assert chart.figure_state(ids["$879 million"]) == "accepted"
    followed_2024 = [fid for fid in chart.followed_ids() if fid in ids.values()]
    assert followed_2024 == [ids["$879 million"]]
    assert sorted(chart.faded_ids()) == sorted([ids["$860 million"], ids["USD 1 billion"]])
    assert chart.followed_values()[ids["$879 million"]] == pytest.approx(0.879)  # drawn in USD bn
    assert set(ids.values()) <= set(chart.figure_ids())               # the others stay on the chart, clickable
    assert view.current_group().status == "accepted"                 # the view kept the group selected
    assert view.current_group().key_text == group.key_text


def test_choice_and_notes_survive_a_restart_and_a_reextraction(qtbot, conflict_session, conflict_repository,
                                                               store_url, rules_pipeline, tmp_path):
    from desktop.store.repository import Repository

    view = _view(qtbot, conflict_session)
    group = _trade_group(view)
    ids = {f.text: f.id for f in group.figures}
    view.select_group(group.key_text)
    view.accept_figure(ids["$879 million"])
    view.reject_figure(ids["USD 1 billion"], "embassy estimate, not customs data")
    view.set_group_note("Customs figure preferred.")
    view.close()

    # restart: a new repository on the same SQLite file, a new session, a new view
    conflict_repository.close()
    repository = Repository.open(store_url)
    try:
        session = make_session(repository, rules_pipeline, tmp_path)
        restarted = _view(qtbot, session)
        restarted.set_show_agreed(True)
        group = _trade_group(restarted)
        assert group.status == "accepted" and group.note == "Customs figure preferred."
        accepted = next(f for f in group.figures if f.id == group.accepted_figure_id)
        assert accepted.text == "$879 million"
        rejected = [f.text for f in group.figures if f.id in group.rejected_ids]
        assert rejected == ["USD 1 billion"]
        assert "embassy estimate" in "".join(group.decision_notes.values())

        # re-extraction: figures get new ids; the decisions follow them (keyed by document and span)
        session.reextract()
        group = _trade_group(restarted)
        assert group.status == "accepted" and group.note == "Customs figure preferred."
        assert next(f for f in group.figures if f.id == group.accepted_figure_id).text == "$879 million"
        assert [f.text for f in group.figures if f.id in group.rejected_ids] == ["USD 1 billion"]
        panel = _panel(qtbot, session)
        chart = panel.chart_for(TRADE)
        assert chart.figure_state(group.accepted_figure_id) == "accepted"
        assert chart.conflict_markers() == []
    finally:
        repository.close()


def test_clear_decision_brings_the_conflict_back(qtbot, conflict_session):
    view = _view(qtbot, conflict_session)
    panel = _panel(qtbot, conflict_session)
    group = _trade_group(view)
    figure_id = group.figures[0].id
    view.accept_figure(figure_id)
    assert len(panel.chart_for(TRADE).conflict_markers()) == 0
    view.clear_decision(figure_id)
    assert _trade_group(view).status == "conflict"
    assert len(panel.chart_for(TRADE).conflict_markers()) == 1


def test_accepting_another_figure_replaces_the_first(qtbot, conflict_session):
    view = _view(qtbot, conflict_session)
    group = _trade_group(view)
    first, second = group.figures[0].id, group.figures[1].id
    view.accept_figure(first)
    view.accept_figure(second)
    assert _trade_group(view).accepted_figure_id == second
    curation = conflict_session.repository.figure_curation()
    assert curation[first].status is None and curation[second].status == "accepted"


def test_rates_of_one_metric_share_a_chart_and_the_conflict_band(qtbot, conflict_session):
    panel = _panel(qtbot, conflict_session)
    chart = panel.chart_for("direct flights per day")
    assert chart is panel.chart_for(FLIGHTS)
    markers = chart.conflict_markers()
    assert len(markers) == 1 and len(markers[0].figure_ids) == 3
    panel.set_show_set_aside(False)
    assert chart.show_set_aside is False


def test_item_models(qtmodeltester, conflict_session):
    from desktop.core.reconciliation import reconcile_store
    from desktop.ui.reconcile_view import GroupFiguresModel, GroupsModel

    groups = reconcile_store(conflict_session.repository)
    model = GroupsModel()
    model.set_groups(groups)
    qtmodeltester.check(model)
    lazy = GroupsModel()
    many = groups[:1] * 300 + groups[1:2]                           # more than a batch: fetched lazily
    lazy.set_groups(many)
    assert lazy.rowCount() == GroupsModel.BATCH
    qtmodeltester.check(lazy, force_py=True)
    assert lazy.row_of(groups[1].key_text) == 300                  # finding it fetches the rows up to it
    assert lazy.rowCount() > GroupsModel.BATCH
    empty = GroupsModel()
    empty.set_groups([])
    qtmodeltester.check(empty)

    figures = GroupFiguresModel()
    figures.set_group(groups[0], ["a sentence"] * len(groups[0].figures))
    qtmodeltester.check(figures)
    nothing = GroupFiguresModel()
    nothing.set_group(None)
    qtmodeltester.check(nothing)


def test_a_group_keeps_one_accepted_figure_whichever_view_decides(conflict_session):
    # the figures table's "Accept for Its Group" goes through the session, as the Reconcile view does
    group = next(g for g in conflict_session.reconcile_groups() if g.metric == TRADE and g.status == "conflict")
    assert sorted(f.text for f in group.figures) == ["$860 million", "$879 million", "USD 1 billion"]
    first, second = group.figures[0].id, group.figures[2].id
    conflict_session.accept_figure(first)
    conflict_session.accept_figure(second)
    curation = conflict_session.repository.figure_curation()
    assert [curation[f.id].status if f.id in curation else None for f in group.figures] == [None, None, "accepted"]
    after = next(g for g in conflict_session.reconcile_groups() if g.key_text == group.key_text)
    assert after.status == "accepted" and after.accepted_figure_id == second
