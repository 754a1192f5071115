"""One end-to-end test per linked path: chart point, figures-table row, number in the text, entity, sector."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt


def _sentence_span(figure):
    return figure.sentence_start, figure.sentence_end


def test_clicking_a_chart_point_highlights_exactly_its_sentence(qtbot, window, session):
    panel = window.chart_panel
    chart = panel.charts()[0]
    # a figure of the second document, so the click must also switch documents
    figures = sorted(chart.figures(), key=lambda figure: -figure.document_id)
    figure = figures[0]
    window.charts_dock.raise_()
    qtbot.waitUntil(lambda: chart.isVisible())
    panel.scroll.ensureWidgetVisible(chart)
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.view_pos(figure.id))

    assert session.figure is not None and session.figure.id == figure.id
    pane = window.document_pane
    assert pane.document_id == figure.document_id
    assert pane.highlighted_sentence_span() == _sentence_span(figure)
    assert pane.highlighted_figure_span() == (figure.start, figure.end)
    text = session.repository.document_text(figure.document_id)
    assert text[figure.start:figure.end] == figure.text
    assert text[slice(*pane.highlighted_sentence_span())] == session.repository.sentence_text(
        figure.document_id, figure.sentence_index)
    # the documents list follows: the figure's document is the current row
    current = window.documents_panel.view.currentIndex()
    assert current.isValid() and current.data(Qt.ItemDataRole.UserRole + 1) == figure.document_id
    # and the highlighted sentence is scrolled into view
    rect = pane.text.cursorRect(pane.text.textCursor())
    assert pane.text.viewport().rect().contains(rect.center())


def test_clicking_a_figures_table_row_opens_and_highlights(qtbot, window, session):
    table = window.figures_table
    row = table.model().rowCount() - 1
    figure_id = table.figure_id_at(row)
    rect = table.visualRect(table.model().index(row, 0))
    table.scrollTo(table.model().index(row, 0))
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    figure = session.repository.figure(figure_id)
    assert window.document_pane.highlighted_sentence_span() == _sentence_span(figure)
    assert window.document_pane.highlighted_figure_span() == (figure.start, figure.end)


def test_clicking_a_number_in_the_text_selects_that_figure(qtbot, window, session):
    figure = session.repository.figures()[-1]
    session.open_document(figure.document_id)
    pane = window.document_pane
    assert pane.highlighted_figure_span() is None
    text = pane.text
    cursor = text.textCursor()
    cursor.setPosition(text.offsets.to_qt(figure.start))
    text.setTextCursor(cursor)
    text.ensureCursorVisible()
    middle = text.offsets.to_qt((figure.start + figure.end) // 2)
    cursor.setPosition(middle)
    point = text.cursorRect(cursor).center() + QPoint(1, 0)
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=point)

    assert session.figure is not None and session.figure.id == figure.id
    assert pane.highlighted_sentence_span() == _sentence_span(figure)
    assert pane.highlighted_figure_span() == (figure.start, figure.end)
    # the table and the charts follow the same selection
    assert window.figures_table.selected_figure_id() == figure.id


def test_keyboard_walks_through_the_figures_of_a_document(window, session):
    figure = session.repository.figures()[0]
    session.open_document(figure.document_id)
    ordered = sorted((f for f in session.repository.figures() if f.document_id == figure.document_id),
                     key=lambda f: f.start)
    window.next_figure_action.trigger()
    assert session.figure.id == ordered[0].id
    window.next_figure_action.trigger()
    assert session.figure.id == ordered[1].id
    window.previous_figure_action.trigger()
    assert session.figure.id == ordered[0].id
    assert window.document_pane.highlighted_figure_span() == (ordered[0].start, ordered[0].end)


def _entity_row(window, name):
    sidebar = window.entity_sidebar
    source = sidebar.model.index_of(next(e.id for e in sidebar.model.entities() if e.name == name))
    return sidebar.proxy.mapFromSource(source)


def test_clicking_an_entity_highlights_its_mentions_and_narrows_the_views(qtbot, window, session):
    entities = session.entities()
    # an entity found in only one of the two seed documents, so the narrowing shows
    entity = next(e for e in entities if e.document_count == 1 and e.mention_count >= 1)
    charts_before = sum(len(window.chart_panel.figures_for(m)) for m in window.chart_panel.metrics())
    sidebar = window.entity_sidebar
    index = _entity_row(window, entity.name)
    sidebar.view.scrollTo(index)
    qtbot.mouseClick(sidebar.view.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.view.visualRect(index).center())

    assert session.entity_id == entity.id
    mentions = session.repository.mentions(entity_id=entity.id)
    document_id = mentions[0].document_id
    # documents narrowed to where it appears
    assert window.documents_panel.model.total() == entity.document_count
    assert window.documents_panel.model.document(0).id == document_id
    # charts narrowed to figures of those documents
    charted = [f for m in window.chart_panel.metrics() for f in window.chart_panel.figures_for(m)]
    assert charted and all(f.document_id == document_id for f in charted)
    assert len(charted) < charts_before
    assert {f.id for f in charted} == {f.id for f in session.figures() if f.metric}
    # its mentions are highlighted in the open document
    session.open_document(document_id)
    expected = [(m.start, m.end) for m in mentions if m.document_id == document_id]
    assert window.document_pane.highlighted_mention_spans() == expected
    assert "Narrowed to" in sidebar.active_label.text()

    # clearing brings everything back
    sidebar.clear_button.click()
    assert session.entity_id is None
    assert window.document_pane.highlighted_mention_spans() == []
    assert sum(len(window.chart_panel.figures_for(m)) for m in window.chart_panel.metrics()) == charts_before


def test_clicking_a_mention_in_the_text_selects_its_entity(window, session):
    mention = session.repository.mentions()[0]
    session.open_document(mention.document_id)
    window.document_pane.click_offset(mention.start)
    assert session.entity_id == mention.entity_id
    index = window.entity_sidebar.view.currentIndex()
    assert window.entity_sidebar.model.entity(window.entity_sidebar.proxy.mapToSource(index)).id == mention.entity_id


def test_toggling_a_sector_filters_documents_dims_sentences_and_narrows_charts(qtbot, window, session):
    all_documents = window.documents_panel.model.total()
    all_metrics = set(window.chart_panel.metrics())
    figure = session.repository.figures()[0]
    session.select_figure(figure.id)
    # a sector some figures have and others do not
    sector = next(key for key in (s.key for s in session.sectors())
                  if 0 < len([f for f in session.repository.figures() if key in f.sectors])
                  < len(session.repository.figures()))
    action = window.sector_bar.sector_action(sector)
    action.trigger()

    assert session.sectors_filter == frozenset({sector})
    assert action.isChecked()
    assert "Showing:" in window.sector_bar.filter_text() and action.text() in window.sector_bar.filter_text()
    # charts: only figures of the sector
    charted = [f for m in window.chart_panel.metrics() for f in window.chart_panel.figures_for(m)]
    assert charted and all(sector in f.sectors for f in charted)
    assert set(window.chart_panel.metrics()) < all_metrics
    # documents: those with a sentence in the sector
    expected_documents = [d.id for d in session.repository.documents() if sector in d.sectors]
    assert [window.documents_panel.model.document(r).id for r in range(window.documents_panel.model.total())] \
        == expected_documents
    assert window.documents_panel.model.total() <= all_documents
    # sentences outside the sector are dimmed in the open document
    pane = window.document_pane
    view = session.document_view(pane.document_id)
    outside = [s.index for s, sectors in view.sentences if sector not in sectors]
    assert pane.dimmed_sentence_indexes() == outside and outside
    sentence = next(s for s, sectors in view.sentences if sector not in sectors)
    cursor = pane.text.textCursor()
    cursor.setPosition(pane.text.offsets.to_qt(sentence.start) + 1)
    dim_colour = cursor.charFormat().foreground().color()
    assert dim_colour == pane.palette().color(pane.palette().ColorGroup.Disabled, pane.palette().ColorRole.Text)
    # entity counts narrow too
    assert sum(e.mention_count for e in window.entity_sidebar.model.entities()) \
        == sum(e.mention_count for e in session.entities())

    # a second sector widens; Clear shows everything again
    other = next(s.key for s in session.sectors() if s.key != sector)
    window.sector_bar.sector_action(other).trigger()
    assert session.sectors_filter == frozenset({sector, other})
    window.sector_bar.clear_action.trigger()
    assert session.sectors_filter == frozenset()
    assert window.sector_bar.filter_text() == "All sectors"
    assert not any(window.sector_bar.sector_action(s.key).isChecked() for s in session.sectors())
    assert set(window.chart_panel.metrics()) == all_metrics
    assert window.documents_panel.model.total() == all_documents
    assert pane.dimmed_sentence_indexes() == []


def test_the_sector_filter_survives_a_restart(qtbot, window, session, seeded_repository, pipeline, tmp_path):
    from desktop.core.session import Session
    from desktop.ui.main_window import MainWindow

    key = session.sectors()[0].key
    window.sector_bar.sector_action(key).trigger()
    window.close()

    again = Session(seeded_repository, pipeline=pipeline, preferences=type(session.preferences).load(
        tmp_path / "preferences.json"), preferences_path=tmp_path / "preferences.json")
    assert again.sectors_filter == frozenset({key})
    second = MainWindow(again, settings=window._settings)
    qtbot.addWidget(second)
    assert second.sector_bar.sector_action(key).isChecked()
    assert "Showing:" in second.sector_bar.filter_text()


def test_selecting_a_document_row_opens_it_without_echo(qtbot, window, session):
    session.hub.log = []
    view = window.documents_panel.view
    index = window.documents_panel.model.index(1, 0)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
    document_id = index.data(Qt.ItemDataRole.UserRole + 1)
    assert window.document_pane.document_id == document_id
    opened = [m for m in session.hub.log if type(m).__name__ == "DocumentOpened"]
    assert len(opened) == 1  # one command, one message: nothing echoed back


def test_entity_group_rows_read_in_full(window):
    sidebar = window.entity_sidebar
    view = sidebar.view
    for row in range(sidebar.proxy.rowCount()):
        index = sidebar.proxy.index(row, 0)
        label = str(index.data())
        assert view.isFirstColumnSpanned(row, QModelIndex())
        assert view.visualRect(index).width() >= view.fontMetrics().horizontalAdvance(label)
