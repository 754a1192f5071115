"""GUI fixtures: the main window over the seeded session, shown offscreen at the size users get."""

from __future__ import annotations

import pytest

from tests.qt import shown

QT_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",  # the offscreen platform, not us
    r"This plugin does not support raise\(\)",
    r"This plugin does not support grab\(\)",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Qt warnings (bad model indexes, layout trouble...) fail the GUI tests; offscreen-only noise does not."""
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture
def window(qtbot, session, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    return shown(qtbot, MainWindow(session, settings=settings), 1600, 1000)
