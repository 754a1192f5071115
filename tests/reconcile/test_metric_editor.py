"""The metric vocabulary editor (validate, save the whole vocabulary, re-extract) and reassigning a figure."""

from __future__ import annotations

import json

from tests.reconcile.conftest import TRADE


def test_editor_starts_from_the_shipped_vocabulary_and_saves_it_whole(qtbot, conflict_session, tmp_path):
    from desktop.extract.metrics import load_metric_vocabulary
    from desktop.ui.metric_editor import MetricEditorDialog

    path = tmp_path / "metrics.json"
    dialog = MetricEditorDialog(conflict_session, path=path)
    qtbot.addWidget(dialog)
    shipped = load_metric_vocabulary()
    assert dialog.model.rowCount() == len(shipped.metrics)

    # a bad edit is refused, with the parser's message, and nothing is written
    dialog.model.setData(dialog.model.index(0, 1), "no such sector")
    problem = dialog.save()
    assert problem and "sector" in problem and not path.exists()
    assert dialog.error.isVisibleTo(dialog) and "Not saved" in dialog.error.text()
    dialog.model.setData(dialog.model.index(0, 1), "trade")

    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.index(r, 0).data() == TRADE)
    synonyms = dialog.model.index(row, 2).data() + ", commerce flows"
    dialog.model.setData(dialog.model.index(row, 2), synonyms)
    dialog.add_metric("rice exports to Kazakhstan", "agriculture", ["rice shipments"])
    assert dialog.save() is None
    saved = load_metric_vocabulary(path)
    assert len(saved.metrics) == len(shipped.metrics) + 1            # the whole vocabulary, not a diff
    assert "commerce flows" in saved.by_name(TRADE).synonyms
    assert saved.by_name(TRADE).units == shipped.by_name(TRADE).units  # fields the table hides are kept
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def test_saved_vocabulary_is_used_by_the_next_reextraction(qtbot, conflict_session):
    from desktop.ui.metric_editor import MetricEditorDialog, user_metrics_path

    dialog = MetricEditorDialog(conflict_session)
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.index(r, 0).data() == TRADE)
    dialog.model.setData(dialog.model.index(row, 0), "two-way trade")
    assert dialog.save() is None and user_metrics_path().exists()
    conflict_session.reextract()
    metrics = conflict_session.repository.metrics()
    assert "two-way trade" in metrics and TRADE not in metrics


def test_reassign_metric_dialog(qtbot, conflict_session, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from desktop.ui import metric_editor

    figure = next(f for f in conflict_session.repository.figures() if f.text == "$879 million" and f.metric)
    monkeypatch.setattr(QInputDialog, "exec", lambda self: (self.setTextValue("exports"), 1)[1])
    assert metric_editor.reassign_metric_dialog(None, conflict_session, figure) == "exports"
    assert conflict_session.repository.figure(figure.id).metric == "exports"
    conflict_session.reextract()                                        # a hand assignment survives re-extraction
    again = next(f for f in conflict_session.repository.figures() if f.text == "$879 million" and f.period)
    assert again.metric == "exports"
    monkeypatch.setattr(QInputDialog, "exec", lambda self: (self.setTextValue(""), 1)[1])
    assert metric_editor.reassign_metric_dialog(None, conflict_session, again) == ""
    assert conflict_session.repository.figure(again.id).metric == TRADE


def test_metrics_model(qtmodeltester):
    from desktop.ui.metric_editor import MetricsTableModel, load_vocabulary_data

    model = MetricsTableModel(load_vocabulary_data()["metrics"])
    qtmodeltester.check(model)
