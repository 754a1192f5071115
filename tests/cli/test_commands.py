"""The `briefing` command's JSON, as scripts read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import SEEDS


@pytest.fixture
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    assert main(["ingest", "--db", url, "--no-model", str(SEEDS)]) == 0
    capsys.readouterr()
    return url


def _json(capsys: pytest.CaptureFixture[str]):  # noqa: ANN202
    return json.loads(capsys.readouterr().out)


def test_figures_json_carries_document_sentence_and_span(store, capsys):
    assert main(["figures", "--db", store, "--json", "--metric", "bilateral trade turnover"]) == 0
    figures = {f["text"]: f for f in _json(capsys)}
    assert set(figures) == {"400 million USD", "1 billion USD", "$860 million", "$2 billion"}
    over = figures["400 million USD"]
    assert (over["value"], over["unit"], over["qualifier"], over["period"], over["kind"]) == (
        400_000_000.0, "USD", "over", "2022", "actual")
    assert over["document"]["source"] == "000_5a05035d248fb0ac.txt"
    assert over["document"]["date"] == "2025-05-04"
    sentence = over["sentence"]["text"]
    assert sentence.startswith("Bilateral trade turnover nearly doubled from over 400 million USD in 2022")
    assert sentence[over["start"] - over["sentence"]["start"]:][:len("400 million USD")] == "400 million USD"
    assert "low" not in over and "trade" in over["sectors"]
    assert figures["$2 billion"]["kind"] == "target"


def test_extract_lines_gives_one_object_per_line(capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Flights run 3-5 daily.\nPresident Tokayev visited Hanoi.\n"))
    assert main(["extract", "--lines", "--json", "--no-model"]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    (flights,) = first["figures"]
    assert (flights["text"], flights["low"], flights["high"], flights["unit"], flights["qualifier"]) == (
        "3-5 daily", 3.0, 5.0, "flights/day", "range")
    assert "value" not in flights
    assert second["figures"] == []
    assert [(e["text"], e["start"], e["end"], e["type"], e["name"]) for e in second["entities"]] == [
        ("Tokayev", 10, 17, "person", "Kassym-Jomart Tokayev"), ("Hanoi", 26, 31, "place", "Hanoi")]


def test_entities_json_and_a_bad_file_exits_non_zero(store, capsys, tmp_path):
    assert main(["entities", "--db", store, "--json", "--type", "person"]) == 0
    people = {e["name"]: e for e in _json(capsys)}
    assert set(people) == {"Tô Lâm", "Kassym-Jomart Tokayev", "Pham Thai Nhu Mai", "Hồ Chí Minh"}
    assert people["Tô Lâm"]["mentions"] == 6 and people["Tô Lâm"]["documents"] == 2
    assert set(people["Tô Lâm"]["aliases"]) == {"Tô Lâm", "To Lam", "Lâm"}
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01binary")
    assert main(["ingest", "--db", store, "--no-model", str(broken), str(SEEDS)]) == 1
    captured = capsys.readouterr()
    assert f"skipped {broken}: the file is binary, not text" in captured.err
    assert "0 imported, 2 already present" in captured.out
