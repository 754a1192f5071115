"""Chart export without a window, for ``briefing export --metric M... --format png|svg|pdf|csv --out DIR``."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.export.charts_export import ChartSpec, export_specs
from desktop.store.repository import Repository, Scope

_APP = None  # the QApplication made here, kept alive for the process


def ensure_application() -> object:
    """The running QApplication, or a new one (offscreen when there is no display to draw on)."""
    global _APP
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux")
    if headless or os.environ.get("BRIEFING_HEADLESS"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QApplication(["briefing-export"])
    return _APP


def export_charts_headless(repository: Repository, metrics: Sequence[str], fmt: str, out_dir: Path | str, *,
                           sectors: Sequence[str] = (), overwrite: bool = False,
                           size: tuple[int, int] = (1200, 720)) -> list[Path]:
    """Write charts of ``metrics`` (all metrics in scope when empty) into ``out_dir``; returns the files.

    ``fmt``: png or svg (a file per chart), pdf (one file, a page per chart), csv (the figures only);
    every format also writes "<name>-figures.csv" with each figure's citation sentence. ``sectors``
    narrows figures as the sector filter does. Raises ValueError for an unknown metric or one with no
    figure in scope, FileExistsError when a target exists and ``overwrite`` is False.
    """
    fmt = fmt.lower().lstrip(".")
    scope_sectors = frozenset(sectors)
    known = repository.metrics()
    wanted = list(dict.fromkeys(metrics)) if metrics else known
    unknown = [m for m in wanted if m not in known]
    if unknown:
        raise ValueError(f"unknown metric{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}; "
                         f"known: {', '.join(known) or 'none'}")
    specs = []
    for metric in wanted:
        figures = repository.figures(Scope(sectors=scope_sectors, metric=metric))
        if figures:
            specs.append(ChartSpec(metric, tuple(figures)))
        elif metrics:
            raise ValueError(f"no figures for metric {metric!r} in sectors {sorted(scope_sectors) or 'all'}")
    if not specs:
        raise ValueError("no figures to export")
    if fmt != "csv":
        ensure_application()
    return export_specs(specs, fmt, out_dir, sentence_text=repository.sentence_text, size=size,
                        combined_pdf=fmt == "pdf", overwrite=overwrite)
