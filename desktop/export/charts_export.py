"""Charts to files: PNG, SVG or PDF (one file per chart, or one PDF with a page per chart), and beside
them a CSV of the figures plotted, each row with the sentence it was taken from.

Exports never overwrite silently: every target is worked out first; if any exists and ``overwrite`` is
False, :class:`FileExistsError` names them all and nothing is written (the UI asks, then calls again with
``overwrite=True``, or with ``rename=True`` to take free names such as "trade (2).png", see
:func:`free_path`). Each chart is drawn afresh for the file (white, larger type, no selection halo),
from the figures the on-screen chart holds, so renders work offscreen and never disturb the window.
Qt painting must happen on the GUI thread: call these from it, not from a worker.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters
from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop.charts.figure_chart import FigureChart
from desktop.charts.plan import plan_chart
from desktop.core.reconcile import FigureGroup
from desktop.domain import Figure

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
DEFAULT_SIZE: tuple[int, int] = (1200, 720)
CSV_COLUMNS: tuple[str, ...] = (
    "metric", "value", "low", "high", "unit", "qualifier", "period", "kind", "source title", "date",
    "source file", "citation", "figure id",
)
PDF_DPI = 96  # pyqtgraph draws cosmetic pens and pixel-sized symbols: a screen-like resolution keeps them true

SentenceText = Callable[[int, int], str]  # (document_id, sentence_index) -> the sentence


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """What an exported chart is made from: a metric and its figures (the on-screen chart's, or the store's)."""

    metric: str
    figures: tuple[Figure, ...]
    groups: tuple[FigureGroup, ...] = ()  # reconciliation: conflicts banded, accepted values followed

    @classmethod
    def of(cls, chart: FigureChart) -> ChartSpec:
        return cls(chart.metric_name, tuple(chart.figures_source()), tuple(chart.groups()))


# --------------------------------------------------------------------- names
def slugify(name: str, *, fallback: str = "chart") -> str:
    """A file name from a metric name: "Bilateral trade (USD)" -> "bilateral-trade-usd"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:80].rstrip("-") or fallback


def free_path(path: Path | str, taken: set[Path] | None = None) -> Path:
    """``path`` if free, else the first of "name (2).ext", "name (3).ext" ... that neither exists nor is taken."""
    path = Path(path)
    taken = taken or set()
    if not path.exists() and path not in taken:
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        if not candidate.exists() and candidate not in taken:
            return candidate
        number += 1


def _unique_slugs(metrics: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    slugs = []
    for metric in metrics:
        slug = slugify(metric)
        seen[slug] = seen.get(slug, 0) + 1
        slugs.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return slugs


def planned_paths(metrics: Sequence[str], fmt: str, out_dir: Path | str, *, combined_pdf: bool = False,
                  with_csv: bool = True, base_name: str = "charts") -> list[Path]:
    """The files an export would write, in order: the charts, then the CSV."""
    fmt = _check_format(fmt, allow_csv=True)
    out_dir = Path(out_dir)
    paths: list[Path] = []
    if fmt == "pdf" and combined_pdf:
        paths.append(out_dir / f"{base_name}.pdf")
    elif fmt != "csv":
        paths.extend(out_dir / f"{slug}.{fmt}" for slug in _unique_slugs(metrics))
    if with_csv or fmt == "csv":
        stem = base_name if len(metrics) != 1 else slugify(metrics[0])
        paths.append(out_dir / f"{stem}-figures.csv")
    return paths


def _check_format(fmt: str, *, allow_csv: bool = False) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS + (("csv",) if allow_csv else ()):
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS + ('csv',))}")
    return fmt


def _resolve_targets(paths: list[Path], *, overwrite: bool, rename: bool) -> list[Path]:
    existing = [p for p in paths if p.exists()]
    if not existing or overwrite:
        return paths
    if rename:
        taken: set[Path] = set()
        resolved = []
        for path in paths:
            free = free_path(path, taken)
            taken.add(free)
            resolved.append(free)
        return resolved
    names = ", ".join(str(p) for p in existing)
    raise FileExistsError(f"{len(existing)} file{'s' if len(existing) > 1 else ''} would be overwritten: {names}")


# --------------------------------------------------------------------- rendering
def build_export_chart(spec: ChartSpec, size: tuple[int, int] = DEFAULT_SIZE, *,
                       show_title: bool = True) -> FigureChart:
    """A chart laid out at ``size`` pixels without being shown (works with QT_QPA_PLATFORM=offscreen)."""
    chart = FigureChart(spec.metric, spec.figures, export_style=True, show_title=show_title, groups=spec.groups)
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.resize(*size)
    chart.show()  # never on screen; showing delivers the resize, so the scene takes the size now
    chart.ci.layout.activate()
    chart.plot_item.setRange(xRange=chart.plan.x_range(), yRange=chart.y_range(), padding=0)
    return chart


@contextmanager
def export_chart(spec: ChartSpec, size: tuple[int, int] = DEFAULT_SIZE, *, show_title: bool = True) -> Iterator[FigureChart]:
    """``build_export_chart`` for the ``with`` block, deleted at its end: a chart left for deleteLater can
    crash Qt at exit after a PDF render."""
    chart = build_export_chart(spec, size, show_title=show_title)
    try:
        yield chart
    finally:
        chart.hide()
        chart.deleteLater()
        QCoreApplication.sendPostedEvents(chart, QEvent.Type.DeferredDelete)


def _set_export_mode(chart: FigureChart, on: bool, painter: QPainter | None = None, scale: float = 1.0) -> None:
    """Tell every item it is painted for a file: symbols are drawn as shapes, not from the screen cache."""
    options = {"antialias": True, "background": QColor("white"), "painter": painter, "resolutionScale": scale}
    for item in chart.scene().items():
        if hasattr(item, "setExportMode"):
            item.setExportMode(on, options if on else None)


def paint_chart(chart: FigureChart, painter: QPainter, target: QRectF) -> None:
    """Draw the chart's scene into ``target`` of ``painter``, its items in export mode (symbols drawn as
    shapes, scaled with the target)."""
    source = QRectF(chart.viewRect())
    _set_export_mode(chart, True, painter, target.width() / max(source.width(), 1.0))
    try:
        chart.scene().render(painter, target, source)
    finally:
        _set_export_mode(chart, False)


def render_png(spec: ChartSpec, path: Path, size: tuple[int, int] = DEFAULT_SIZE) -> Path:
    with export_chart(spec, size) as chart:
        exporter = pg.exporters.ImageExporter(chart.scene())
        params = exporter.parameters()
        params["width"] = size[0]
        # the aspect already matches; set the height without letting it rescale the width (rounding)
        params.param("height").setValue(size[1], blockSignal=exporter.heightChanged)
        params["background"] = QColor("white")
        if not exporter.export(str(path)) and not path.exists():
            raise OSError(f"could not write {path}")
    return path


def render_svg(spec: ChartSpec, path: Path, size: tuple[int, int] = DEFAULT_SIZE) -> Path:
    """pyqtgraph's SVGExporter; where it fails on closed paths ("Z", pyqtgraph issue #3495, seen with
    Qt 6.12), the scene is drawn straight into a QSvgGenerator instead (text stays text, shapes stay vector)."""
    with export_chart(spec, size) as chart:
        try:
            pg.exporters.SVGExporter(chart.scene()).export(str(path))
        except ValueError:
            _set_export_mode(chart, False)
            _render_svg_directly(chart, spec.metric, path, size)
    return path


def _render_svg_directly(chart: FigureChart, title: str, path: Path, size: tuple[int, int]) -> None:
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(*size))
    generator.setViewBox(QRectF(0, 0, *size))
    generator.setTitle(title)
    generator.setDescription("Exported by the briefing browser")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {path}")
    try:
        painter.fillRect(QRectF(0, 0, *size), QColor("white"))
        paint_chart(chart, painter, QRectF(0, 0, *size))
    finally:
        painter.end()


def sources_footnote(figures: Sequence[Figure], *, limit: int = 8) -> str:
    """"Sources: Title (2025-05-06, file.txt); ..." naming each document once, in order of first use."""
    seen: dict[int, str] = {}
    for figure in figures:
        if figure.document_id not in seen:
            title = figure.document_title or f"document {figure.document_id}"
            details = ", ".join(x for x in (figure.document_date, _file_name(figure.document_source)) if x)
            seen[figure.document_id] = f"{title} ({details})" if details else title
    if not seen:
        return "Sources: none"
    names = list(seen.values())
    more = f"; and {len(names) - limit} more" if len(names) > limit else ""
    return "Sources: " + "; ".join(names[:limit]) + more


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1] if source else ""


def render_pdf(specs: Sequence[ChartSpec], path: Path) -> Path:
    """One A4 landscape page per chart: the metric as title, the chart, a footnote naming the sources."""
    if not specs:
        raise ValueError("nothing to export: no charts given")
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    writer.setTitle(", ".join(s.metric for s in specs)[:200])
    writer.setCreator("briefing browser")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"could not write {path}")
    try:
        for number, spec in enumerate(specs):
            if number:
                writer.newPage()
            _paint_page(painter, writer, spec, number + 1, len(specs))
    finally:
        painter.end()
    return path


def _paint_page(painter: QPainter, writer: QPdfWriter, spec: ChartSpec, number: int, total: int) -> None:
    page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    page.moveTo(0, 0)
    title_font = QFont()
    title_font.setPointSizeF(16)
    title_font.setBold(True)
    small = QFont()
    small.setPointSizeF(8)
    painter.setPen(QColor("#111"))
    painter.setFont(title_font)
    title_height = QFontMetricsF(title_font, writer).height() * 1.4
    painter.drawText(QRectF(page.left(), page.top(), page.width(), title_height),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, spec.metric)
    painter.setFont(small)
    painter.setPen(QColor("#555"))
    painter.drawText(QRectF(page.left(), page.top(), page.width(), title_height),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"page {number} of {total}")

    footnote = sources_footnote(spec.figures)
    metrics = QFontMetricsF(small, writer)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
    note_rect = metrics.boundingRect(QRectF(0, 0, page.width(), 10_000), flags, footnote)
    note_top = page.bottom() - note_rect.height()
    painter.drawText(QRectF(page.left(), note_top, page.width(), note_rect.height() + 2), flags, footnote)

    target = QRectF(page.left(), page.top() + title_height, page.width(), note_top - page.top() - title_height - 8)
    with export_chart(spec, (round(target.width()), round(target.height())), show_title=False) as chart:
        paint_chart(chart, painter, target)


# --------------------------------------------------------------------- CSV
def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e18 else repr(float(value))


def write_figures_csv(path: Path, figures: Sequence[Figure], sentence_text: SentenceText | None = None) -> Path:
    """One row per figure, values in base units, with the source sentence as citation (UTF-8 with BOM, for Excel)."""
    cache: dict[tuple[int, int], str] = {}

    def citation(figure: Figure) -> str:
        key = (figure.document_id, figure.sentence_index)
        if sentence_text is None:
            return figure.text  # no store at hand: the figure's own words
        if key not in cache:
            try:
                cache[key] = " ".join(sentence_text(*key).split())
            except KeyError:
                return figure.text
        return cache[key]

    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for figure in figures:
            writer.writerow([
                figure.metric or "", _number(figure.value), _number(figure.low), _number(figure.high),
                figure.unit, figure.qualifier, figure.period or "", figure.kind, figure.document_title,
                figure.document_date or "", _file_name(figure.document_source), citation(figure), figure.id,
            ])
    return path


# --------------------------------------------------------------------- the export
def export_specs(specs: Sequence[ChartSpec], fmt: str, out_dir: Path | str, *,
                 sentence_text: SentenceText | None = None, size: tuple[int, int] = DEFAULT_SIZE,
                 combined_pdf: bool = False, with_csv: bool = True, base_name: str = "charts",
                 overwrite: bool = False, rename: bool = False) -> list[Path]:
    """Write the charts as ``fmt`` (png | svg | pdf | csv) into ``out_dir``; returns the files written.

    ``combined_pdf``: one PDF with a page per chart instead of one file each. ``with_csv``: also write
    "<base_name>-figures.csv" (or "<metric>-figures.csv" for one chart) with the plotted figures.
    Raises FileExistsError, before writing anything, when a target exists and neither ``overwrite`` nor
    ``rename`` is set.
    """
    fmt = _check_format(fmt, allow_csv=True)
    if not specs:
        raise ValueError("nothing to export: no charts given")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    metrics = [s.metric for s in specs]
    targets = _resolve_targets(planned_paths(metrics, fmt, out_dir, combined_pdf=combined_pdf,
                                             with_csv=with_csv, base_name=base_name),
                               overwrite=overwrite, rename=rename)
    written: list[Path] = []
    chart_targets = targets[:-1] if (with_csv or fmt == "csv") else targets
    if fmt == "pdf" and combined_pdf:
        written.append(render_pdf(specs, chart_targets[0]))
    elif fmt != "csv":
        render = {"png": render_png, "svg": render_svg}.get(fmt)
        for spec, target in zip(specs, chart_targets, strict=True):
            written.append(render(spec, target, size) if render else render_pdf([spec], target))
    if with_csv or fmt == "csv":
        plotted = [figure for spec in specs for figure in _plotted(spec)]
        written.append(write_figures_csv(targets[-1], plotted, sentence_text))
    return written


def _plotted(spec: ChartSpec) -> list[Figure]:
    """The figures a chart actually draws (a second currency, say, is left out of the plot and the CSV)."""
    return [point.figure for point in plan_chart(spec.metric, spec.figures).points]


def export_charts(charts: Sequence[FigureChart], fmt: str, out_dir: Path | str, **options: object) -> list[Path]:
    """Export on-screen charts (their figures, drawn afresh for the file); options as :func:`export_specs`."""
    return export_specs([ChartSpec.of(chart) for chart in charts], fmt, out_dir, **options)  # type: ignore[arg-type]


def export_panel(panel: object, fmt: str, out_dir: Path | str, *, metrics: Sequence[str] | None = None,
                 **options: object) -> list[Path]:
    """Export the charts ticked in a :class:`~desktop.charts.chart_panel.ChartPanel` (or ``metrics``).

    Metrics whose chart is not made yet (beyond "Show more") export too: their figures come from the panel.
    Citations come from the panel's session (``session.repository.sentence_text``).
    """
    wanted = list(metrics) if metrics is not None else panel.selected_metrics()  # type: ignore[attr-defined]
    groups = tuple(panel.groups()) if hasattr(panel, "groups") else ()
    specs = [ChartSpec(m, tuple(panel.figures_for(m)), groups) for m in wanted]  # type: ignore[attr-defined]
    options.setdefault("sentence_text", panel.session.repository.sentence_text)  # type: ignore[attr-defined]
    return export_specs(specs, fmt, out_dir, **options)  # type: ignore[arg-type]


__all__ = [
    "CSV_COLUMNS", "ChartSpec", "DEFAULT_SIZE", "FORMATS", "build_export_chart", "export_chart", "export_charts", "export_panel",
    "export_specs", "free_path", "planned_paths", "render_pdf", "render_png", "render_svg", "slugify",
    "sources_footnote", "write_figures_csv",
]
