"""A cited briefing to PDF (A4) or a standalone HTML file.

Layout, one document for both formats:

* a title block: title, date prepared, sectors, how many sources and figures, and an "at a glance" table
  (one row per chart: the value the analyst follows for the latest period, and whether sources disagree);
* a page per chart: the chart (conflicts drawn as a red band round the disagreeing points, accepted values
  marked ✓, set-aside figures faded), then the table of its figures, each with its citation number [n];
* "Open conflicts": every group whose sources cannot all be right, its figures side by side with the
  sentence each was taken from;
* "Analyst's decisions": groups where one figure was accepted, with the notes;
* "Sources": every citation, numbered: source title, date, file, and the sentence quoted.

The PDF is laid out by QTextDocument on A4 pages with a running footer (title, page n of m); charts are
rendered offscreen at print resolution. The HTML file embeds the same charts as PNG (base64) and carries
print CSS, so it prints the same way from a browser. Exports never overwrite silently. Qt painting happens
on the GUI thread: call these from it (the command line makes an offscreen application first).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from desktop.charts.units import format_figure, format_interval
from desktop.core.briefing import Briefing, BriefingSection, build_briefing
from desktop.core.reconcile import FigureGroup
from desktop.domain import Figure
from desktop.export.charts_export import ChartSpec, export_chart, paint_chart

CHART_SIZE = (720, 360)  # layout pixels of a chart in the briefing (rendered at CHART_SCALE times that)
CHART_SCALE = 3
LAYOUT_DPI = 96  # QTextDocument lays out at screen resolution; the painter scales to the PDF's
PDF_DPI = 300
MARGINS_MM = (18, 16, 18, 16)  # left, top, right, bottom
FOOTER_MM = 8

GREY = "#666666"

# QTextDocument understands a subset of CSS; the browser gets a little more (print rules, fonts).
_QT_CSS = """
body { font-family: 'DejaVu Serif'; font-size: 10pt; color: #111; }
h1 { font-family: 'DejaVu Sans'; font-size: 20pt; font-weight: bold; margin-bottom: 2px; color: #0d2a4a; }
h2 { font-family: 'DejaVu Sans'; font-size: 14pt; font-weight: bold; margin-top: 4px; margin-bottom: 6px; color: #0d2a4a; }
h3 { font-family: 'DejaVu Sans'; font-size: 11pt; font-weight: bold; margin-top: 12px; margin-bottom: 4px; }
p { margin-top: 3px; margin-bottom: 3px; }
table.data { border-collapse: collapse; font-family: 'DejaVu Sans'; font-size: 8pt; }
table.data th { background-color: #e8edf3; font-weight: bold; text-align: left; }
.meta { color: #444; font-family: 'DejaVu Sans'; font-size: 9pt; }
.caption { color: #444; font-family: 'DejaVu Sans'; font-size: 8pt; }
.conflict { color: #b71c1c; font-weight: bold; }
.accepted { color: #2e7d32; font-weight: bold; }
.muted { color: #777; }
.cite { color: #0d2a4a; font-weight: bold; }
.quote { font-style: italic; }
.source { font-size: 9pt; }
"""

_BROWSER_CSS = _QT_CSS + """
body { max-width: 180mm; margin: 12mm auto; line-height: 1.35; }
table.data { width: 100%; margin-top: 6px; }
table.data td, table.data th { border: 1px solid #b8c2cc; padding: 3px 5px; vertical-align: top; }
img.chart { width: 100%; height: auto; border: 1px solid #d0d7de; }
.section { page-break-before: always; break-before: page; }
table.data tr { page-break-inside: avoid; break-inside: avoid; }
a.cite { text-decoration: none; }
@page { size: A4; margin: 16mm 18mm; }
@media print { body { margin: 0; max-width: none; } }
"""


# --------------------------------------------------------------------------------------------------
# Text


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _period(figure: Figure) -> str:
    return figure.period or (f"not stated (reported {figure.document_date})" if figure.document_date
                             else "not stated")


def _group_period(group: FigureGroup) -> str:
    if group.period:
        return group.period
    return f"period not stated, reported in {group.as_of}" if group.as_of else "period not stated"


def _status(section: BriefingSection, figure: Figure) -> str:
    """How a figure stands in the briefing, as HTML."""
    for group in section.groups:
        if not any(f.id == figure.id for f in group.figures):
            continue
        note = group.decision_notes.get(figure.id, "")
        note = f": {_e(note)}" if note else ""
        decision = group.decision_of(figure.id)
        if decision == "accepted":
            return f"<span class='accepted'>✓ accepted</span>{note}"
        if decision == "rejected":
            return f"<span class='muted'>rejected{note}</span>"
        if decision == "set aside":
            return "<span class='muted'>set aside (another figure accepted)</span>"
        if group.status == "conflict":
            count = group.sources_in_play
            return f"<span class='conflict'>⚠ conflict</span> ({count} sources)"
        if group.status == "agreed":
            return "agrees with other sources"
        return ""
    return ""


def _cite(number: int, *, link: bool) -> str:
    if link:
        return f"<a class='cite' href='#ref-{number}'>[{number}]</a>"
    return f"<span class='cite'>[{number}]</span>"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"


def _source_line(figure: Figure) -> str:
    title = figure.document_title or figure.document_source_name or f"document {figure.document_id}"
    return f"{_e(_short(title))}, {_e(figure.document_date or 'undated')}"


def _latest(section: BriefingSection) -> Figure | None:
    """The followed figure for the latest period (actuals before targets), for the at-a-glance table."""
    candidates = [f for f in section.figures if f.kind == "actual"] or list(section.figures)
    if not candidates:
        return None
    return max(candidates, key=lambda f: (f.period or f.document_date or "", f.document_date or "", f.id))


def _glance(briefing: Briefing, *, link: bool) -> str:
    rows = []
    for number, section in enumerate(briefing.sections, start=1):
        latest = _latest(section)
        conflicts = [g for g in briefing.conflicts if any(f.id in section.citations for f in g.figures)]
        if conflicts:
            state = f"<span class='conflict'>⚠ {len(conflicts)} open conflict{'s' if len(conflicts) > 1 else ''}</span>"
        elif any(g.status == "accepted" for g in section.groups):
            state = "<span class='accepted'>✓ resolved by analyst</span>"
        else:
            state = "sources consistent"
        value = (f"{_e(format_figure(latest, with_kind=True))}, {_e(_period(latest))} {_cite(section.citations[latest.id], link=link)}"
                 if latest is not None else "—")
        rows.append(f"<tr><td>{number}</td><td>{_e(_cap(section.metric))}</td><td>{value}</td>"
                    f"<td>{len(section.citations)}</td><td>{state}</td></tr>")
    return ("<table class='data' border='1' cellspacing='0' cellpadding='4' width='100%'>"
            "<tr><th width='4%'>#</th><th width='26%'>Indicator</th><th width='40%'>Latest figure followed</th>"
            "<th width='9%'>Figures</th><th width='21%'>Status</th></tr>"
            + "".join(rows) + "</table>")


def briefing_html(briefing: Briefing, chart_sources: Sequence[str], *, for_browser: bool) -> str:
    """The briefing as HTML; ``chart_sources`` are the image URLs of the charts, one per section."""
    link = for_browser
    page_break = ("<div class='section'></div>" if for_browser
                  else "<p style='page-break-before: always; margin: 0'></p>")
    figures_total = sum(len(s.citations) for s in briefing.sections)
    sectors = ", ".join(briefing.sectors) if briefing.sectors else "all sectors"
    parts = [f"<h1>{_e(briefing.title)}</h1>",
             f"<p class='meta'>Prepared {_e(briefing.generated)} · {_e(sectors)} · "
             f"{len(briefing.sections)} indicator{'s' if len(briefing.sections) != 1 else ''} · "
             f"{figures_total} figures from {briefing.documents} source document"
             f"{'s' if briefing.documents != 1 else ''} · {len(briefing.conflicts)} open conflict"
             f"{'s' if len(briefing.conflicts) != 1 else ''}</p>",
             "<hr/>",
             "<h3>At a glance</h3>",
             _glance(briefing, link=link),
             "<p class='caption'>Every figure carries a citation number [n]; the Sources list at the end gives "
             "the document, its date and the sentence the figure was taken from. Where sources disagree the "
             "charts show every value side by side (red band) and never an average; a value the analyst "
             "accepted is marked ✓ and the others are shown faded.</p>"]
    if briefing.conflicts:
        parts.append("<p class='meta'><span class='conflict'>Open conflicts:</span> "
                     + "; ".join(f"{_e(_cap(g.metric))} ({_e(_group_period(g))})" for g in briefing.conflicts)
                     + " — see “Open conflicts”.</p>")

    for number, (section, source) in enumerate(zip(briefing.sections, chart_sources, strict=True), start=1):
        parts.append(page_break)
        parts.append(f"<h2>{number}. {_e(_cap(section.metric))}</h2>")
        width = "" if for_browser else f" width='{_CHART_WIDTH_PX}'"
        parts.append(f"<p align='center'><img class='chart' src='{_e(source)}'{width} "
                     f"alt='Chart: {_e(section.metric)}'/></p>")
        parts.append(f"<p class='caption'>Figure {number}. {_e(_cap(section.metric))}, as reported. "
                     "Shapes: ● exact, ◆ about, ↑ over, ↓ under, ■ range; pale points have no period and sit at "
                     "their report date.</p>")
        rows = []
        for figure in section.all_figures:
            faded = figure.id not in {f.id for f in section.figures}
            style = " class='muted'" if faded else ""
            rows.append(
                f"<tr{style}><td>{_e(_period(figure))}</td><td><b>{_e(format_figure(figure, with_kind=True))}</b></td>"
                f"<td>{_source_line(figure)}</td><td>{_status(section, figure)}</td>"
                f"<td>{_cite(section.citations[figure.id], link=link)}</td></tr>")
        parts.append("<table class='data' border='1' cellspacing='0' cellpadding='4' width='100%'>"
                     "<tr><th width='15%'>Period</th><th width='15%'>Value</th><th width='42%'>Source, date</th>"
                     "<th width='21%'>Status</th><th width='7%'>Ref.</th></tr>"
                     + "".join(rows) + "</table>")
        notes = [g for g in section.groups if g.note]
        for group in notes:
            parts.append(f"<p class='meta'><b>Analyst's note</b> ({_e(_group_period(group))}): {_e(group.note)}</p>")

    parts.append(page_break)
    parts.append("<h2>Open conflicts</h2>")
    if not briefing.conflicts:
        parts.append("<p>No open conflicts: where sources disagreed, the analyst has accepted one figure.</p>")
    for group in briefing.conflicts:
        count = group.sources_in_play
        parts.append(f"<h3>{_e(_cap(group.metric))} — {_e(_group_period(group))}</h3>")
        parts.append(f"<p class='meta'><span class='conflict'>⚠ {count} sources disagree</span>; "
                     f"the values they allow do not overlap (gap {group.severity:.0%}). Compared in {_e(group.unit)}."
                     + (f" Note: {_e(group.note)}" if group.note else "") + "</p>")
        rows = []
        for figure, interval in zip(group.figures, group.intervals, strict=True):
            rejected = figure.id in group.rejected_ids
            sentence = _sentence_of(briefing, figure.id)
            style = " class='muted'" if rejected else ""
            rows.append(
                f"<tr{style}><td><b>{_e(format_figure(figure, with_kind=True))}</b>"
                f"{'<br/>(rejected)' if rejected else ''}</td><td>{_e(format_interval(interval, group.unit))}</td>"
                f"<td>{_source_line(figure)}<br/><span class='quote'>“{_e(sentence)}”</span></td>"
                f"<td>{_cite(briefing.citation_of(figure.id), link=link)}</td></tr>")
        parts.append("<table class='data' border='1' cellspacing='0' cellpadding='4' width='100%'>"
                     "<tr><th width='15%'>Value</th><th width='17%'>Allows</th><th width='61%'>Source and sentence</th>"
                     "<th width='7%'>Ref.</th></tr>"
                     + "".join(rows) + "</table>")

    if briefing.decided:
        parts.append("<h2>Analyst's decisions</h2>")
        for group in briefing.decided:
            accepted = next(f for f in group.figures if f.id == group.accepted_figure_id)
            others = [f for f in group.figures if f.id != accepted.id]
            other_refs = ", ".join(f"{_e(format_figure(f))} {_cite(briefing.citation_of(f.id), link=link)}"
                                   for f in others if _has_citation(briefing, f.id))
            parts.append(
                f"<p><b>{_e(_cap(group.metric))}, {_e(_group_period(group))}:</b> "
                f"<span class='accepted'>✓ {_e(format_figure(accepted, with_kind=True))}</span> "
                f"{_cite(briefing.citation_of(accepted.id), link=link) if _has_citation(briefing, accepted.id) else ''}"
                + (f"; set aside: {other_refs}" if other_refs else "")
                + (f". <i>{_e(group.note)}</i>" if group.note else ".") + "</p>")

    parts.append("<h2>Sources</h2>")
    for citation in briefing.citations:
        anchor = f"<a name='ref-{citation.number}' id='ref-{citation.number}'></a>" if link else ""
        parts.append(
            f"<p class='source'>{anchor}<span class='cite'>[{citation.number}]</span> "
            f"{_e(citation.document_title or citation.source)}, <b>{_e(citation.document_date or 'undated')}</b>, "
            f"<span class='muted'>{_e(citation.source)}</span>. "
            f"<span class='quote'>“{_e(' '.join(citation.sentence.split()))}”</span></p>")

    css = _BROWSER_CSS if for_browser else _QT_CSS
    head = (f"<meta charset='utf-8'/><title>{_e(briefing.title)}</title>"
            f"<meta name='generator' content='briefing browser'/><style>{css}</style>")
    return f"<!DOCTYPE html><html><head>{head}</head><body>{''.join(parts)}</body></html>"


def _sentence_of(briefing: Briefing, figure_id: int) -> str:
    for citation in briefing.citations:
        if citation.figure_id == figure_id:
            return " ".join(citation.sentence.split())
    return ""


def _has_citation(briefing: Briefing, figure_id: int) -> bool:
    return any(c.figure_id == figure_id for c in briefing.citations)


# --------------------------------------------------------------------------------------------------
# Charts


def _page_layout() -> QPageLayout:
    left, top, right, bottom = MARGINS_MM
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(left, top, right, bottom + FOOTER_MM), QPageLayout.Unit.Millimeter)


_CHART_WIDTH_PX = round((210 - MARGINS_MM[0] - MARGINS_MM[2]) / 25.4 * LAYOUT_DPI) - 4


def section_spec(section: BriefingSection) -> ChartSpec:
    """The chart of a section: every figure (set-aside ones drawn faded), with its groups."""
    return ChartSpec(section.metric, section.all_figures, section.groups)


def render_chart_image(spec: ChartSpec, size: tuple[int, int] = CHART_SIZE, scale: int = CHART_SCALE) -> QImage:
    """A chart drawn offscreen into an image ``scale`` times ``size`` (white, export style, no title)."""
    # draw in layout pixels on a high-density image: every part (legend included) scales alike
    image = QImage(size[0] * scale, size[1] * scale, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    with export_chart(spec, size, show_title=False) as chart:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            paint_chart(chart, painter, QRectF(0, 0, size[0], size[1]))
        finally:
            painter.end()
    image.setDevicePixelRatio(1.0)
    image = image.convertToFormat(QImage.Format.Format_RGB32)  # opaque: no grey cast from alpha in the PDF
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


# --------------------------------------------------------------------------------------------------
# Writers


def _write_html(briefing: Briefing, images: Sequence[QImage], out: Path) -> Path:
    sources = [f"data:image/png;base64,{base64.b64encode(_png_bytes(image)).decode('ascii')}" for image in images]
    out.write_text(briefing_html(briefing, sources, for_browser=True), encoding="utf-8")
    return out


def _write_pdf(briefing: Briefing, images: Sequence[QImage], out: Path) -> Path:
    writer = QPdfWriter(str(out))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(_page_layout())
    writer.setTitle(briefing.title)
    writer.setCreator("briefing browser")

    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont("DejaVu Serif")
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    names = [f"chart-{number}.png" for number in range(1, len(images) + 1)]
    for name, image in zip(names, images, strict=True):
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(briefing_html(briefing, names, for_browser=False))

    paint = writer.pageLayout().paintRect(QPageLayout.Unit.Inch)  # without the footer band
    scale = PDF_DPI / LAYOUT_DPI
    page = QSizeF(paint.width() * LAYOUT_DPI, paint.height() * LAYOUT_DPI)
    document.setPageSize(page)
    pages = document.pageCount()
    footer_height = FOOTER_MM / 25.4 * LAYOUT_DPI
    footer_font = QFont("DejaVu Sans")
    footer_font.setPixelSize(round(7.5 * LAYOUT_DPI / 72))  # the painter is scaled: size in layout pixels

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"could not write {out}")
    try:
        painter.scale(scale, scale)
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * page.height())
            document.drawContents(painter, QRectF(0, number * page.height(), page.width(), page.height()))
            painter.restore()
            footer = QRectF(0, page.height() + footer_height * 0.25, page.width(), footer_height * 0.75)
            painter.setPen(QColor("#9aa5b1"))
            painter.drawLine(footer.topLeft(), footer.topRight())
            painter.setPen(QColor(GREY))
            painter.setFont(footer_font)
            painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{briefing.title} · prepared {briefing.generated}")
            painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"page {number + 1} of {pages}")
    finally:
        painter.end()
    return out


def export_briefing(briefing: Briefing, out: Path | str, *, overwrite: bool = False) -> list[Path]:
    """Write the briefing as PDF (``out`` ends .pdf) or standalone HTML (.html / .htm); returns [out].

    Raises FileExistsError when ``out`` exists and ``overwrite`` is False, ValueError for another suffix
    or an empty briefing.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise ValueError(f"a briefing is written as .pdf or .html, not {out.name!r}")
    if not briefing.sections:
        raise ValueError("nothing to brief: no metric with figures was chosen")
    if out.exists() and not overwrite:
        raise FileExistsError(f"1 file would be overwritten: {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    images = [render_chart_image(section_spec(section)) for section in briefing.sections]
    if suffix == ".pdf":
        return [_write_pdf(briefing, images, out)]
    return [_write_html(briefing, images, out)]


def export_briefing_headless(repository: object, out: Path | str, *, metrics: Sequence[str] | None = None,
                             sectors: Sequence[str] = (), title: str | None = None,
                             overwrite: bool = False) -> list[Path]:
    """``briefing export --briefing --out FILE``: build the briefing from the store and write it without a
    window (an offscreen QApplication is made when there is none)."""
    from desktop.export.cli_export import ensure_application

    out = Path(out)
    if out.exists() and not overwrite:
        raise FileExistsError(f"1 file would be overwritten: {out}")
    briefing = build_briefing(repository, metrics=metrics, sectors=sectors,  # type: ignore[arg-type]
                              title=title or default_title(repository))
    ensure_application()
    return export_briefing(briefing, out, overwrite=overwrite)


def default_title(repository: object) -> str:
    """"Kazakhstan – Vietnam: key figures and their sources", from the two places most documents name."""
    try:
        places = repository.entities(entity_type="place")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a title is not worth failing an export over
        places = []
    places = sorted(places, key=lambda e: (-e.document_count, -e.mention_count, e.name))[:2]
    if len(places) == 2:
        first, second = sorted(p.name for p in places)
        return f"{first} – {second}: key figures and their sources"
    return "Briefing: key figures and their sources"


__all__ = ["briefing_html", "default_title", "export_briefing", "export_briefing_headless", "render_chart_image",
           "section_spec"]
