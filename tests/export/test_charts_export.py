"""Chart export: real files, checked by their bytes; never an overwrite without being asked."""

import csv
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from desktop.export.charts_export import (
    CSV_COLUMNS,
    ChartSpec,
    export_charts,
    export_panel,
    export_specs,
    free_path,
    planned_paths,
    slugify,
)
from desktop.export.cli_export import export_charts_headless
from tests.charts.fakes import FakeRepository, FakeSession
from tests.charts.sample_figures import TRADE, make_figure, trade_figures

FLIGHTS = "Direct flights per week"
SENTENCES = {(1, 3): "Bilateral trade turnover nearly doubled from over 400 million USD in 2022.",
             (3, 3): "Trade was about $850 million, a review said."}


def _specs():
    flights = (make_figure(20, 40, unit="flights", qualifier="over", period=None, metric=FLIGHTS),
               make_figure(21, 3, unit="flights/day", period="2023", metric=FLIGHTS))
    return [ChartSpec(TRADE, tuple(trade_figures())), ChartSpec(FLIGHTS, flights)]


def _pdf_pages(path):
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", path.read_bytes()))


def test_png_has_signature_and_requested_size(qapp, tmp_path):
    paths = export_specs(_specs(), "png", tmp_path, size=(900, 540))
    assert [p.name for p in paths] == ["bilateral-trade.png", "direct-flights-per-week.png", "charts-figures.csv"]
    for path in paths[:2]:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        image = QImage(str(path))
        assert (image.width(), image.height()) == (900, 540)
        assert image.pixelColor(3, 3).name() == "#ffffff"   # white background


def test_svg_parses_and_carries_the_title(qapp, tmp_path):
    path = export_specs(_specs()[:1], "svg", tmp_path, with_csv=False)[0]
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = " ".join(t for el in root.iter() for t in (el.text or "",) if t.strip())
    assert TRADE in texts and "USD bn" in texts


def test_combined_pdf_has_a_page_per_chart(qapp, tmp_path):
    paths = export_specs(_specs(), "pdf", tmp_path, combined_pdf=True)
    pdf = paths[0]
    assert pdf.name == "charts.pdf" and pdf.read_bytes()[:5] == b"%PDF-"
    assert _pdf_pages(pdf) == 2
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"Pages:\s+2", info)


def test_separate_pdfs_one_page_each(qapp, tmp_path):
    paths = export_specs(_specs(), "pdf", tmp_path, with_csv=False)
    assert [_pdf_pages(p) for p in paths] == [1, 1]


def test_csv_rows_carry_their_citation(tmp_path):
    path = export_specs(_specs(), "csv", tmp_path, sentence_text=FakeRepository([], SENTENCES).sentence_text)[0]
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {row["figure id"]: row for row in rows}
    assert "8" not in by_id                                 # the KZT figure is not plotted, so not listed
    assert by_id["1"]["citation"] == SENTENCES[(1, 3)]
    assert by_id["4"]["citation"] == SENTENCES[(3, 3)]
    assert by_id["1"]["value"] == "400000000" and by_id["1"]["qualifier"] == "over"
    assert by_id["6"]["low"] == "1000000000" and by_id["6"]["high"] == "1500000000"
    assert by_id["5"]["period"] == "" and by_id["5"]["kind"] == "target"
    assert by_id["1"]["source file"] == "001.txt" and by_id["1"]["date"] == "2025-05-04"


def test_no_silent_overwrite(qapp, tmp_path):
    first = export_specs(_specs(), "png", tmp_path)
    stamps = [p.stat().st_mtime_ns for p in first]
    with pytest.raises(FileExistsError) as error:
        export_specs(_specs(), "png", tmp_path)
    assert "bilateral-trade.png" in str(error.value) and "charts-figures.csv" in str(error.value)
    assert [p.stat().st_mtime_ns for p in first] == stamps   # nothing touched
    renamed = export_specs(_specs(), "png", tmp_path, rename=True)
    assert [p.name for p in renamed] == ["bilateral-trade (2).png", "direct-flights-per-week (2).png",
                                         "charts-figures (2).csv"]
    assert export_specs(_specs(), "png", tmp_path, overwrite=True) == first


def test_names(tmp_path):
    assert slugify("Bilateral trade (USD) — Việt Nam") == "bilateral-trade-usd-viet-nam"
    assert slugify("%%%") == "chart"
    (tmp_path / "chart.png").touch()
    (tmp_path / "chart (2).png").touch()
    assert free_path(tmp_path / "chart.png").name == "chart (3).png"
    assert free_path(tmp_path / "new.png").name == "new.png"
    assert [p.name for p in planned_paths(["Trade", "trade"], "svg", tmp_path)] == [
        "trade.svg", "trade-2.svg", "charts-figures.csv"]
    assert [p.name for p in planned_paths(["Trade"], "pdf", tmp_path, combined_pdf=True)] == [
        "charts.pdf", "trade-figures.csv"]
    with pytest.raises(ValueError):
        planned_paths(["Trade"], "gif", tmp_path)


def test_export_from_panel_and_charts(qtbot, tmp_path):
    from desktop.charts.chart_panel import ChartPanel

    figures = [f for spec in _specs() for f in spec.figures]
    session = FakeSession(figures, SENTENCES)
    panel = ChartPanel(session)
    qtbot.addWidget(panel)
    panel.set_metric_selected(TRADE)
    paths = export_panel(panel, "svg", tmp_path)
    assert [p.name for p in paths] == ["bilateral-trade.svg", "bilateral-trade-figures.csv"]
    assert SENTENCES[(1, 3)] in paths[1].read_text(encoding="utf-8-sig")
    paths = export_charts(panel.charts(), "png", tmp_path / "all", with_csv=False)
    assert len(paths) == 2


def test_headless_export_from_a_repository(qapp, tmp_path):
    repository = FakeRepository([f for spec in _specs() for f in spec.figures], SENTENCES)
    paths = export_charts_headless(repository, [TRADE, FLIGHTS], "pdf", tmp_path)
    assert [p.name for p in paths] == ["charts.pdf", "charts-figures.csv"] and _pdf_pages(paths[0]) == 2
    with pytest.raises(FileExistsError):
        export_charts_headless(repository, [TRADE, FLIGHTS], "pdf", tmp_path)
    assert len(export_charts_headless(repository, [], "png", tmp_path / "every")) == 3   # all metrics + CSV
    with pytest.raises(ValueError, match="unknown metric"):
        export_charts_headless(repository, ["no such metric"], "png", tmp_path)
