"""Showing widgets in tests: one way, so every GUI test waits for the same thing before it clicks."""

from __future__ import annotations


def shown(qtbot, widget, width: int | None = None, height: int | None = None):
    """``widget``, owned by qtbot (closed after the test), resized if a size is given, shown and exposed."""
    qtbot.addWidget(widget)
    if width is not None and height is not None:
        widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
