"""The cited briefing (PDF and HTML) and the command line: `briefing reconcile --json`, `briefing export --briefing`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from tests.reconcile.conftest import FLIGHTS, TRADE


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.images = 0

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img" and dict(attrs).get("src", "").startswith("data:image/png;base64,"):
            self.images += 1

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def _briefing(repository):
    from desktop.core.briefing import build_briefing

    return build_briefing(repository, title="Vietnam – Kazakhstan: key figures", today="2025-06-01")


def test_briefing_sections_conflicts_and_citations(conflict_repository):
    briefing = _briefing(conflict_repository)
    assert [s.metric for s in briefing.sections][:2] == [TRADE, FLIGHTS]
    flights = briefing.sections[1]
    assert len(flights.all_figures) == 3                     # per-week and per-day figures share the section
    assert {g.metric for g in briefing.conflicts} == {TRADE, FLIGHTS}
    numbers = [c.number for c in briefing.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(c.sentence.strip() and c.source.endswith(".txt") for c in briefing.citations)


def test_html_briefing_holds_every_citation(qapp, conflict_repository, tmp_path):
    from desktop.export.briefing_export import export_briefing

    briefing = _briefing(conflict_repository)
    out = tmp_path / "briefing.html"
    assert export_briefing(briefing, out) == [out]
    parser = _Text()
    parser.feed(out.read_text(encoding="utf-8"))
    text = parser.text
    assert parser.images == len(briefing.sections)
    for citation in briefing.citations:
        assert f"[{citation.number}]" in text
        assert " ".join(citation.sentence.split()) in text
    assert "Open conflicts" in text and "3 sources disagree" in text and "Sources" in text
    with pytest.raises(FileExistsError):
        export_briefing(briefing, out)


def test_pdf_briefing_opens(qapp, conflict_repository, tmp_path):
    from desktop.export.briefing_export import export_briefing

    out = tmp_path / "briefing.pdf"
    export_briefing(_briefing(conflict_repository), out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages >= 2 and "A4" in info
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.replace("\ufb01", "fi").replace("\ufb02", "fl").split())  # ligatures
        assert "Open conflicts" in flat and "[1]" in flat and "reached $879 million in 2024" in flat


def test_cli_reconcile_json(conflict_repository, store_url, capsys):
    from desktop.cli import main

    assert main(["reconcile", "--json", "--db", store_url]) == 0
    groups = json.loads(capsys.readouterr().out)
    trade = next(g for g in groups if g["metric"] == TRADE and g["period"] == "2024")
    assert trade["status"] == "conflict"
    assert {"metric", "period", "figures", "status"} <= set(trade)
    figure = next(f for f in trade["figures"] if f["text"] == "$879 million")
    assert figure["document"]["title"] and figure["document"]["date"] == "2025-03-10"
    assert "reached $879 million in 2024" in figure["sentence"]["text"]
    assert {"index", "start", "end", "text"} <= set(figure["sentence"])
    assert {g["status"] for g in groups} <= {"agreed", "conflict", "accepted"}

    conflict_repository.set_figure_decision(figure["id"], "accepted")
    assert main(["reconcile", "--json", "--db", store_url]) == 0
    groups = json.loads(capsys.readouterr().out)
    trade = next(g for g in groups if g["metric"] == TRADE and g["period"] == "2024")
    assert trade["status"] == "accepted" and trade["accepted_figure_id"] == figure["id"]


def test_cli_export_briefing(conflict_repository, store_url, tmp_path, capsys):
    from desktop.cli import main

    out = tmp_path / "brief.pdf"
    assert main(["export", "--briefing", "--out", str(out), "--db", store_url]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in capsys.readouterr().out
    assert main(["export", "--briefing", "--out", str(out), "--db", store_url]) == 1     # never overwrites silently
    assert "overwrite" in capsys.readouterr().err
    html = tmp_path / "brief.html"
    assert main(["export", "--briefing", "--out", str(html), "--db", store_url, "--metric", TRADE]) == 0
    assert "$879 m" in html.read_text(encoding="utf-8")
