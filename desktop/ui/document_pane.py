"""The document pane: one document's text with its figures and entity mentions marked.

Permanent marks (figures, mentions, sentences dimmed by the sector filter) are character formats written
into the text document; the selection (sentence, figure, the selected entity's mentions) is drawn with
extra selections, which are cheap to swap on every click. Offsets from the store are Python string
indices; the text widget counts UTF-16 units and folds "\\r\\n" into one, so :class:`OffsetMap` converts.
"""

from __future__ import annotations

import bisect
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QToolTip, QVBoxLayout, QWidget

from desktop.core.messages import (
    DataChanged,
    DocumentOpened,
    EntitySelected,
    FigureSelected,
    SectorFilterChanged,
)
from desktop.domain import Figure, Mention
from desktop.charts.qt_glue import subscribe
from desktop.ui.common import describe_figure, sector_labels

if TYPE_CHECKING:
    from desktop.core.session import DocumentView, Session

# Entity types get fixed hues that read on light and dark backgrounds alike.
MENTION_COLOURS = {"person": QColor(46, 134, 222), "organisation": QColor(155, 89, 182), "place": QColor(22, 160, 133)}


class OffsetMap:
    """Python string index <-> position in a QTextDocument holding the same text."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._positions: list[int] | None = None
        if text.isascii() and "\r" not in text:
            return
        if "\r" not in text and all(ord(char) <= 0xFFFF for char in text):
            return
        positions = [0] * (len(text) + 1)
        position = 0
        for index, char in enumerate(text):
            positions[index] = position
            if char == "\r" and text[index + 1 : index + 2] == "\n":
                continue  # Qt folds "\r\n" into one paragraph break
            position += 2 if ord(char) > 0xFFFF else 1
        positions[len(text)] = position
        self._positions = positions

    def to_qt(self, index: int) -> int:
        index = max(0, min(index, self._length))
        return index if self._positions is None else self._positions[index]

    def to_python(self, position: int) -> int:
        if self._positions is None:
            return max(0, min(position, self._length))
        return max(0, bisect.bisect_right(self._positions, position) - 1)


class _DocumentText(QPlainTextEdit):
    """The read-only text; reports clicks and hovers as document offsets."""

    clicked_at = Signal(int)  # a Python offset into the document text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.viewport().setMouseTracking(True)
        self.document().setDocumentMargin(12)
        self.offsets = OffsetMap("")
        self.lookup = lambda offset: None  # set by the pane: offset -> (kind, record) or None
        self._press: QPoint | None = None

    def offset_at(self, point: QPoint) -> int:
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        # cursorForPosition gives the nearest gap between characters; take the character under the pointer.
        if self.cursorRect(cursor).center().x() > point.x() and position > 0:
            position -= 1
        return self.offsets.to_python(position)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        moved = self._press is not None and (point - self._press).manhattanLength() > 4
        if event.button() == Qt.MouseButton.LeftButton and not moved and not self.textCursor().hasSelection():
            self.clicked_at.emit(self.offset_at(point))
        self._press = None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        hit = self.lookup(self.offset_at(event.position().toPoint()))
        shape = Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.IBeamCursor
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.lookup(self.offset_at(event.pos()))
            if hit is None:
                QToolTip.hideText()
            else:
                kind, record = hit
                QToolTip.showText(event.globalPos(), _tooltip(kind, record), self.viewport())
            return True
        return super().viewportEvent(event)


def _tooltip(kind: str, record: object) -> str:
    if kind == "figure":
        assert isinstance(record, Figure)
        return f"<b>{html.escape(record.text)}</b><br>{html.escape(describe_figure(record))}<br><i>Click to select</i>"
    entity_name, entity_type = record  # type: ignore[misc]
    return f"<b>{html.escape(entity_name)}</b> ({html.escape(entity_type)})<br><i>Click to show where it appears</i>"


class DocumentPane(QWidget):
    """Shows the open document; follows the session's document, figure, entity and sector filter."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentPane")
        self._session = session
        self._view: DocumentView | None = None
        # the open document's figures and mentions by start offset, for hit-testing with bisect
        self._sorted_figures: list[Figure] = []
        self._sorted_mentions: list[Mention] = []
        self._selections: dict[str, list[tuple[int, int]]] = {"sentence": [], "figure": [], "mention": []}

        self.header = QLabel(self)
        self.header.setObjectName("DocumentHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(12, 8, 12, 4)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.selection_line = QLabel(self)
        self.selection_line.setTextFormat(Qt.TextFormat.RichText)
        self.selection_line.setObjectName("FigureLine")
        self.selection_line.setWordWrap(True)
        self.selection_line.setContentsMargins(12, 0, 12, 6)
        self.text = _DocumentText(self)
        self.text.setObjectName("DocumentText")
        self.text.lookup = self._hit
        self.text.clicked_at.connect(self._clicked)
        self.setFocusProxy(self.text)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.selection_line)
        layout.addWidget(self.text, 1)

        subscribe(self, session.hub, {
            DocumentOpened: self._on_document_opened,
            FigureSelected: self._on_figure_selected,
            EntitySelected: lambda message: self._apply_selection(scroll=True),
            SectorFilterChanged: lambda message: self._apply_marks(),
            DataChanged: self._on_data_changed,
        })
        self._show(session.document_id)
        self._apply_selection(scroll=True)

    # ----------------------------------------------------------------- what tests and other code can ask
    @property
    def document_id(self) -> int | None:
        return None if self._view is None else self._view.document.id

    def highlighted_sentence_span(self) -> tuple[int, int] | None:
        return next(iter(self._spans_of("sentence")), None)

    def highlighted_figure_span(self) -> tuple[int, int] | None:
        return next(iter(self._spans_of("figure")), None)

    def highlighted_mention_spans(self) -> list[tuple[int, int]]:
        return self._spans_of("mention")

    def dimmed_sentence_indexes(self) -> list[int]:
        if self._view is None or not self._session.sectors_filter:
            return []
        active = self._session.sectors_filter
        return [sentence.index for sentence, sectors in self._view.sentences if not active.intersection(sectors)]

    def figure_at(self, offset: int) -> Figure | None:
        hit = self._hit(offset)
        return hit[1] if hit is not None and hit[0] == "figure" else None  # type: ignore[return-value]

    def click_offset(self, offset: int) -> None:
        """What a left click on the character at ``offset`` does (used by keyboard activation and tests)."""
        self._clicked(offset)

    def select_adjacent_figure(self, step: int) -> None:
        """Keyboard navigation: select the next (step=1) or previous (step=-1) figure of this document."""
        if self._view is None or not self._view.figures:
            return
        figures = self._sorted_figures
        current = self._session.figure
        if current is None or current.document_id != self.document_id:
            target = figures[0] if step > 0 else figures[-1]
        else:
            position = next((i for i, figure in enumerate(figures) if figure.id == current.id), -1)
            target = figures[(position + step) % len(figures)]
        self._session.select_figure(target.id, origin=self)

    # ----------------------------------------------------------------- hub messages
    def _on_document_opened(self, message: DocumentOpened) -> None:
        if message.document_id != self.document_id:
            self._show(message.document_id)
            self._apply_selection(scroll=True)

    def _on_figure_selected(self, message: FigureSelected) -> None:
        figure = message.figure
        if figure is not None and figure.document_id != self.document_id:
            self._show(figure.document_id)
        self._apply_selection(scroll=True)

    def _on_data_changed(self, message: DataChanged) -> None:
        if message.parts & {"documents", "entities", "figures", "metrics"}:
            self._show(self.document_id if self.document_id is not None else self._session.document_id)
            self._apply_selection(scroll=False)

    # ----------------------------------------------------------------- loading and marking
    def _show(self, document_id: int | None) -> None:
        view = None
        if document_id is not None:
            try:
                view = self._session.document_view(document_id)
            except KeyError:
                view = None
        self._view = view
        self.text.setExtraSelections([])
        self._selections = {"sentence": [], "figure": [], "mention": []}
        if view is None:
            self.text.offsets = OffsetMap("")
            self.text.setPlainText("")
            self.text.setPlaceholderText("Pick a document, a chart point or a row of the figures table.")
            self.header.setText("<b>No document open</b>")
            self.selection_line.hide()
            self._sorted_figures, self._sorted_mentions = [], []
            return
        self.text.offsets = OffsetMap(view.text)
        self.text.setPlainText(view.text)
        self._sorted_figures = sorted(view.figures, key=lambda figure: figure.start)
        self._sorted_mentions = sorted(view.mentions, key=lambda mention: mention.start)
        self._update_header()
        self._apply_marks()

    def _update_header(self) -> None:
        assert self._view is not None
        document = self._view.document
        labels = sector_labels(self._session, document.sectors)
        details = " · ".join(part for part in (
            document.date or "undated", html.escape(document.source_name),
            f"{len(self._view.figures)} figures", f"{len(self._view.mentions)} mentions") if part)
        sectors = ", ".join(html.escape(label) for label in labels)
        self.header.setText(
            f"<div style='font-size:large'><b>{html.escape(document.title)}</b></div>"
            f"<div>{details}</div>" + (f"<div>Sectors: {sectors}</div>" if sectors else "")
        )
        self.header.setToolTip(html.escape(document.source))

    def _formats(self) -> dict[str, QTextCharFormat]:
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        figure = QTextCharFormat()
        tint = QColor(highlight)
        tint.setAlpha(48)
        figure.setBackground(tint)
        figure.setFontWeight(QFont.Weight.DemiBold)
        dimmed = QTextCharFormat()
        dimmed.setForeground(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        plain = QTextCharFormat()
        plain.setForeground(palette.color(QPalette.ColorRole.Text))
        return {"figure": figure, "dimmed": dimmed, "plain": plain}

    def _apply_marks(self) -> None:
        """Write the permanent marks: dimmed sentences, figures, mentions underlined by entity type."""
        if self._view is None:
            return
        formats = self._formats()
        offsets = self.text.offsets
        document = self.text.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(formats["plain"])
        dimmed = set(self.dimmed_sentence_indexes())
        for sentence, _sectors in self._view.sentences:
            if sentence.index in dimmed:
                _select(cursor, offsets, sentence.start, sentence.end)
                cursor.mergeCharFormat(formats["dimmed"])
        for mention in self._view.mentions:
            mark = QTextCharFormat()
            mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            mark.setUnderlineColor(MENTION_COLOURS.get(mention.entity_type, QColor("gray")))
            _select(cursor, offsets, mention.start, mention.end)
            cursor.mergeCharFormat(mark)
        for figure in self._view.figures:
            _select(cursor, offsets, figure.start, figure.end)
            cursor.mergeCharFormat(formats["figure"])
        cursor.endEditBlock()

    def _apply_selection(self, *, scroll: bool) -> None:
        """Draw the session's selection: the figure's sentence and number, the selected entity's mentions."""
        self._selections = {"sentence": [], "figure": [], "mention": []}
        if self._view is not None:
            figure = self._session.figure
            if figure is not None and figure.document_id == self.document_id:
                self._selections["sentence"] = [(figure.sentence_start, figure.sentence_end)]
                self._selections["figure"] = [(figure.start, figure.end)]
            entity_id = self._session.entity_id
            if entity_id is not None:
                self._selections["mention"] = [(m.start, m.end) for m in self._view.mentions
                                               if m.entity_id == entity_id]
        self._paint_selection()
        self._update_selection_line()
        if scroll:
            target = (self._selections["figure"] or self._selections["mention"] or [None])[0]
            if target is not None:
                self._scroll_to(*target)

    def _paint_selection(self) -> None:
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        sentence_colour = QColor(highlight)
        sentence_colour.setAlpha(70)
        mention_colour = QColor(241, 196, 15, 150)  # amber reads on light and dark bases
        extra: list[QTextEdit.ExtraSelection] = []
        for kind, background, foreground in (
            ("sentence", sentence_colour, None),
            ("mention", mention_colour, None),
            ("figure", highlight, palette.color(QPalette.ColorRole.HighlightedText)),
        ):
            for start, end in self._selections[kind]:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = QTextCursor(self.text.document())
                _select(selection.cursor, self.text.offsets, start, end)
                selection.format.setBackground(background)
                if foreground is not None:
                    selection.format.setForeground(foreground)
                selection.format.setProperty(QTextCharFormat.Property.UserProperty, kind)
                extra.append(selection)
        self.text.setExtraSelections(extra)

    def _spans_of(self, kind: str) -> list[tuple[int, int]]:
        """Read the spans back from the extra selections actually drawn, in document offsets."""
        offsets = self.text.offsets
        spans = []
        for selection in self.text.extraSelections():
            if selection.format.property(QTextCharFormat.Property.UserProperty) == kind:
                cursor = selection.cursor
                spans.append((offsets.to_python(cursor.selectionStart()), offsets.to_python(cursor.selectionEnd())))
        return spans

    def _update_selection_line(self) -> None:
        figure = self._session.figure
        if figure is None or figure.document_id != self.document_id:
            self.selection_line.hide()
            return
        self.selection_line.setText(f"Selected figure: <b>{html.escape(describe_figure(figure))}</b> "
                                    f"(sentence {figure.sentence_index + 1})")
        self.selection_line.show()

    def _scroll_to(self, start: int, end: int) -> None:
        offsets = self.text.offsets
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(offsets.to_qt(end))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        cursor.setPosition(offsets.to_qt(start))
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    # ----------------------------------------------------------------- clicks
    def _record_at(self, offset: int) -> Figure | Mention | None:
        """The figure (first) or entity mention covering a document offset."""
        for records in (self._sorted_figures, self._sorted_mentions):
            position = bisect.bisect_right(records, offset, key=lambda record: record.start) - 1
            if position >= 0 and records[position].start <= offset < records[position].end:
                return records[position]
        return None

    def _hit(self, offset: int) -> tuple[str, object] | None:
        """What hover and tooltips show: ("figure", Figure) or ("mention", (entity name, entity type))."""
        record = self._record_at(offset)
        if record is None:
            return None
        if isinstance(record, Figure):
            return "figure", record
        return "mention", (record.entity_name, record.entity_type)

    def _clicked(self, offset: int) -> None:
        record = self._record_at(offset)
        if isinstance(record, Figure):
            self._session.select_figure(record.id, origin=self)
        elif record is not None:
            self._session.select_entity(record.entity_id, origin=self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._view is not None:
            self._apply_marks()
            self._paint_selection()


def _select(cursor: QTextCursor, offsets: OffsetMap, start: int, end: int) -> None:
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)


__all__ = ["DocumentPane", "OffsetMap"]
