"""Interaction latency of the main window: the seeds (baseline) against the 2,225 BBC articles, same run.

Measures, offscreen, from the command to the moment the event queue is empty again (every pane redrawn):
opening the window, toggling a sector (charts, documents, entities and dimming redone), selecting a figure
(document opened, sentence highlighted and scrolled to), and selecting an entity (views narrowed).

    python benchmarks/bench_ui.py [--repeat 5] [--corpus ../shared/corpora/bbc]

The BBC store is built once with `briefing ingest` into .benchmarks-out/ and reused by later runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / ".benchmarks-out"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"


def _bbc_store(corpus: Path) -> str:
    database = OUT / "bbc.sqlite3"
    if not database.exists():
        OUT.mkdir(exist_ok=True)
        print(f"building {database} from {corpus} (once) …", flush=True)
        subprocess.run([sys.executable, "-m", "desktop.cli", "ingest", "--db", f"sqlite:///{database}",
                        "--no-progress", str(corpus)], cwd=REPO, check=False,
                       env={**os.environ, "PYTHONPATH": str(REPO)})
    return f"sqlite:///{database}"


def _seeds_store() -> str:
    database = Path(tempfile.mkdtemp(prefix="bench-ui-")) / "seeds.sqlite3"
    subprocess.run([sys.executable, "-m", "desktop.cli", "ingest", "--db", f"sqlite:///{database}",
                    "--no-progress", str(REPO / "seeds")], cwd=REPO, check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(REPO)})
    return f"sqlite:///{database}"


def _measure(app, action) -> float:  # noqa: ANN001 - QApplication, callable
    started = time.perf_counter()
    action()
    app.processEvents()
    app.processEvents()
    return (time.perf_counter() - started) * 1000


def _run(url: str, repeat: int, label: str) -> dict[str, list[float]]:
    from PySide6.QtCore import QSettings

    from desktop.core.session import Session
    from desktop.store.repository import Repository
    from desktop.ui.app import create_application
    from desktop.ui.main_window import MainWindow

    app = create_application(["bench"])
    config = Path(tempfile.mkdtemp(prefix="bench-ui-config-"))
    results: dict[str, list[float]] = {"open window": [], "toggle sector": [], "select figure": [],
                                       "select entity": []}
    repository = Repository.open(url)
    documents = repository.document_count()
    for _ in range(repeat):
        session = Session(repository, preferences_path=config / "preferences.json")
        holder = {}

        def open_window() -> None:
            window = MainWindow(session, settings=QSettings(str(config / "window.ini"), QSettings.Format.IniFormat))
            window.resize(1600, 1000)
            window.show()
            holder["window"] = window

        results["open window"].append(_measure(app, open_window))
        window = holder["window"]
        results["toggle sector"].append(_measure(app, lambda: session.toggle_sector("economy", True)))
        figures = session.figures()
        figure = figures[len(figures) // 2]
        results["select figure"].append(_measure(app, lambda: session.select_figure(figure.id, origin=None)))
        highlighted = window.document_pane.highlighted_sentence_span()
        assert highlighted == (figure.sentence_start, figure.sentence_end), (highlighted, figure)
        entity = session.entities()[0]
        results["select entity"].append(_measure(app, lambda: session.select_entity(entity.id, origin=None)))
        session.select_entity(None)
        session.set_sector_filter(())
        window.close()
        window.deleteLater()
        app.processEvents()
    print(f"\n{label}: {documents} documents, {len(repository.figures())} figures")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["BRIEFING_CONFIG_DIR"] = tempfile.mkdtemp(prefix="bench-ui-prefs-")
    sys.path.insert(0, str(REPO))
    runs = {"seeds (baseline)": _run(_seeds_store(), args.repeat, "seeds (baseline)"),
            "BBC 2,225": _run(_bbc_store(args.corpus), args.repeat, "BBC 2,225")}
    print(f"\nmedian milliseconds over {args.repeat} runs (first run in brackets)")
    print(f"{'action':<16}" + "".join(f"{name:>24}" for name in runs))
    for action in next(iter(runs.values())):
        cells = "".join(f"{statistics.median(r[action]):>14.0f} ({r[action][0]:>6.0f})" for r in runs.values())
        print(f"{action:<16}{cells}")


if __name__ == "__main__":
    main()
