"""Regenerate docs/screenshot.png: the main window on the seeds with a chart point selected (offscreen).

    python tools/screenshot.py                      # writes docs/screenshot.png
    python tools/screenshot.py --out /tmp/panes     # also one PNG per pane, for review

Runs on a fresh in-memory store and a throwaway config folder, so it never touches the user's data.
The chart point is picked with a real mouse click, the same path a user takes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--out", type=Path, default=None, help="folder for one screenshot per pane")
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--metric", default=None, help="chart whose point to click (default: the first)")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    config = tempfile.mkdtemp(prefix="briefing-screenshot-")
    os.environ["BRIEFING_CONFIG_DIR"] = config
    sys.path.insert(0, str(REPO))

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from desktop.core.session import Session
    from desktop.store.repository import Repository
    from desktop.ui.app import create_application
    from desktop.ui.main_window import MainWindow

    app = create_application(["screenshot"])
    repository = Repository.open("sqlite://")
    session = Session(repository, preferences_path=Path(config) / "preferences.json")
    session.ensure_seeded()
    window = MainWindow(session, settings=QSettings(str(Path(config) / "window.ini"), QSettings.Format.IniFormat))
    window.resize(width, height)
    window.reset_layout()
    window.show()
    _settle(app)

    panel = window.chart_panel
    charts = panel.charts()
    if not charts:
        print("no charts to click: is extraction working?", file=sys.stderr)
        return 1
    chart = panel.chart_for(args.metric) if args.metric else charts[0]
    # the latest actual figure reads best: a filled point with its sentence in the text
    figures = sorted(chart.figures(), key=lambda f: (f.kind == "actual", f.period or "", f.document_date or ""))
    figure = figures[-1]
    panel.scroll.ensureWidgetVisible(chart)
    _settle(app)
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.view_pos(figure.id))
    _settle(app)
    if session.figure is None or session.figure.id != figure.id:
        print("the click did not select the figure", file=sys.stderr)
        return 1

    args.output.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.output))
    print(f"wrote {args.output} ({width}x{height}, selected: {figure.text!r} in {figure.metric})")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        for dock in window.docks():
            path = args.out / f"pane-{dock.objectName().removesuffix('Dock').lower()}.png"
            dock.grab().save(str(path))
            print(f"wrote {path}")
        window.sector_bar.grab().save(str(args.out / "pane-sectorbar.png"))
        window.statusBar().grab().save(str(args.out / "pane-statusbar.png"))

    window.close()
    window.deleteLater()
    _settle(app)
    repository.close()
    return 0


def _settle(app) -> None:  # noqa: ANN001 - the QApplication
    for _ in range(5):
        app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
