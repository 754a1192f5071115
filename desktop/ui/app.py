"""Start the desktop app: Qt application, palette, error dialog, store, session, main window.

``run()`` is what ``briefing`` (no arguments / ``briefing gui``) and ``python -m desktop`` call.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory

from desktop import APP_ID, APP_NAME, ORGANISATION, __version__
from desktop.paths import MissingResource, resource_path

log = logging.getLogger("desktop")


# --------------------------------------------------------------------- logging and errors
def log_file() -> Path:
    return Path(user_log_dir(APP_ID, appauthor=False)) / "briefing.log"


def configure_logging() -> Path | None:
    """Log to a rotating file in the user's log folder (and to stderr); returns the file, or None."""
    root = logging.getLogger()
    if any(getattr(handler, "_briefing", False) for handler in root.handlers):
        return log_file()
    root.setLevel(logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stream = logging.StreamHandler()
    stream.setLevel(logging.WARNING)
    stream.setFormatter(formatter)
    stream._briefing = True  # type: ignore[attr-defined]
    root.addHandler(stream)
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(formatter)
    handler._briefing = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path


_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)


class ErrorDialogHook:
    """``sys.excepthook``: log the error with its traceback and show it in a dialog; the app keeps running."""

    def __init__(self, log_path: Path | None = None) -> None:
        self.log_path = log_path
        self.showing = False
        self.last_dialog: QMessageBox | None = None
        self.previous = sys.excepthook

    def install(self) -> ErrorDialogHook:
        sys.excepthook = self
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous
        threading.excepthook = threading.__excepthook__

    def __call__(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("Unexpected error", exc_info=(kind, error, tb))
        details = "".join(traceback.format_exception(kind, error, tb))
        if QApplication.instance() is None or self.showing:
            sys.__stderr__.write(details) if sys.__stderr__ else None
            return
        self.show(f"{kind.__name__}: {error}", details)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        # A dialog cannot be shown from another thread: log it; the task's on_done reports it on the GUI thread.
        log.error("Unexpected error in thread %s", args.thread.name if args.thread else "?",
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    def show(self, summary: str, details: str) -> None:
        self.showing = True
        try:
            box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME}: unexpected error",
                              "Something went wrong. The app is still running; what you were doing may not "
                              "have finished.")
            where = f"\n\nDetails are in the log: {self.log_path}" if self.log_path else ""
            box.setInformativeText(summary + where)
            box.setDetailedText(details)
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            self.last_dialog = box
            box.exec()
        finally:
            self.showing = False


# --------------------------------------------------------------------- look
def dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    for role, colour in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor(40, 40, 43)),
        (QPalette.ColorRole.ToolTipBase, QColor(60, 60, 64)), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150)), (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window), (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(255, 90, 90)), (QPalette.ColorRole.Link, QColor(110, 170, 255)),
        (QPalette.ColorRole.Highlight, QColor(52, 120, 210)), (QPalette.ColorRole.HighlightedText, QColor("white")),
        (QPalette.ColorRole.Light, QColor(70, 70, 74)), (QPalette.ColorRole.Midlight, QColor(60, 60, 64)),
        (QPalette.ColorRole.Mid, QColor(50, 50, 54)), (QPalette.ColorRole.Dark, QColor(25, 25, 27)),
        (QPalette.ColorRole.Shadow, QColor(10, 10, 10)),
    ):
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(125, 125, 125))
    return palette


def apply_system_palette(app: QApplication) -> None:
    """Fusion with the system's light or dark scheme (QStyleHints.colorScheme), applied again when it changes."""
    if app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if existing is None:
        # Fractional scale factors (150 %) stay fractional instead of rounding to 1x or 2x.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv if argv is not None else sys.argv))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    try:
        app.setWindowIcon(QIcon(str(resource_path("icons/briefing-browser.svg"))))
    except MissingResource:
        log.warning("the application icon is not shipped")
    if "Fusion" in QStyleFactory.keys():
        app.setStyle("Fusion")
    apply_system_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_system_palette(app))
    return app


# --------------------------------------------------------------------- run
def run(argv: list[str] | None = None, *, db_url: str | None = None) -> int:
    """Open the main window on the store at ``db_url`` (default: $BRIEFING_DB or the user's store)."""
    log_path = configure_logging()
    qInstallMessageHandler(_qt_message)
    app = create_application(argv)
    hook = ErrorDialogHook(log_path).install()

    from desktop.core.preferences import Preferences
    from desktop.core.session import Session
    from desktop.store.repository import Repository
    from desktop.ui.main_window import MainWindow
    from desktop.ui.workers import QtTaskRunner

    try:
        repository = Repository.open(db_url)
    except Exception as error:  # noqa: BLE001 - a store that will not open is reported, not a crash
        log.exception("cannot open the store")
        QMessageBox.critical(None, APP_NAME, f"The store could not be opened:\n\n{error}")
        hook.uninstall()
        return 1
    runner = QtTaskRunner(app)
    session = Session(repository, runner=runner, preferences=Preferences.load())
    try:
        report = session.ensure_seeded()
        if report is not None:
            log.info("first launch: seeded the store (%s)", report.summary())
        window = MainWindow(session, defer_charts=True)
        window.show()
        if report is not None and report.failed:
            log.warning("seeding left out %d file(s): %s", len(report.failed), report.failed)
            window.statusBar().showMessage(f"The sample briefings could not all be imported: {report.summary()}")
        code = app.exec()
        # Delete the window while Python is fully alive: Qt tearing widgets down during interpreter
        # finalisation is what makes PySide crash at exit.
        window.deleteLater()
        app.processEvents()
        del window
    finally:
        runner.shutdown()
        session.save_preferences()
        repository.close()
        hook.uninstall()
    return int(code)
