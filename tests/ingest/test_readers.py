from __future__ import annotations

from pathlib import Path

import pytest

from desktop.ingest.decoding import UnreadableText, decode_text
from desktop.ingest.readers import UnreadableFile, expand_paths, read_file

from tests.conftest import CORPORA, SEEDS

SEED = SEEDS / "000_5a05035d248fb0ac.txt"


def test_seed_header_gives_date_and_title_and_is_removed_from_the_text():
    (document,) = read_file(SEED)
    assert document.date == "2025-05-04"
    assert document.format == "seed"
    assert document.title == ("The upcoming visit of General Secretary To Lam to Kazakhstan is expected to "
                              "elevate bilateral relations to new heights.")
    assert document.text.startswith("The upcoming visit of General Secretary To Lam")
    assert "date 2025" not in document.text


def test_plain_text_headline_is_the_first_line():
    (document,) = read_file(CORPORA / "bbc" / "business" / "001.txt")
    assert document.title == "Ad sales boost Time Warner profit"
    assert document.date is None
    assert document.text.split("\n", 1)[0] == document.title


@pytest.mark.parametrize("dateline, date", [
    ("HANOI 2026-11-20", "2026-11-20"),
    ("ALMATY, Kazakhstan, November 20, 2026 (Reuters) - Flights will", "2026-11-20"),
    ("Hanoi, 20 Nov. 2026 - Flights will", "2026-11-20"),
    ("ALMATY, Nov 20 (Reuters) - Flights will", None),  # no year: too little to date the story
    ("HANOI 2026-02-30", None),  # not a day of the calendar
])
def test_a_wire_dateline_dates_a_plain_text_story(tmp_path: Path, dateline: str, date: str | None):
    path = tmp_path / "wire.txt"
    path.write_text(f"AVIATION - NEW ALMATY FLIGHTS\n{dateline}\nVietnam Airlines will add flights.\n", encoding="utf-8")
    (document,) = read_file(path)
    assert (document.title, document.date) == ("AVIATION - NEW ALMATY FLIGHTS", date)
    assert dateline in document.text  # the dateline stays in the story


def test_no_bbc_story_takes_a_date_from_its_first_lines():
    dated = [path for path in sorted((CORPORA / "bbc").rglob("*.txt")) if read_file(path)[0].date]
    assert dated == []


def test_windows_1252_file_is_decoded(tmp_path: Path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Café prices\n\nThe café’s prices rose 5% to £3.20.".encode("cp1252"))
    (document,) = read_file(path)
    assert document.text == "Café prices\n\nThe café’s prices rose 5% to £3.20."


def test_a_mostly_ascii_report_with_a_pound_sign_is_windows_1252_not_an_asian_code_page():
    # English with a single cp1252 "£": charset-normalizer reads this file as cp932 ("｣15.8m").
    (document,) = read_file(CORPORA / "bbc" / "sport" / "199.txt")
    assert "for Mutu, a £15.8m signing from Parma" in document.text
    japanese = "東京で会議が開かれました。日本とベトナムの貿易は増えています。" * 3
    assert decode_text(japanese.encode("cp932")) == (japanese, "cp932")


def test_every_bbc_file_decodes_to_text():
    files = expand_paths([CORPORA / "bbc"])
    texts = [read_file(path)[0].text for path in files]
    assert len(texts) == 2226  # 2,225 articles and the corpus README
    assert not any("\ufffd" in text for text in texts)


def test_html_keeps_article_text_and_drops_scripts(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Site | Trade</title><meta property='article:published_time' "
        "content='2024-03-01T10:00:00Z'><script>var tracking = 1;</script><style>p{}</style></head>"
        "<body><nav>Home | News</nav><article><h1>Trade grows</h1><p>Trade hit $5 bn in 2023.</p>"
        "<script>alert('x')</script><p>Both   sides agreed.</p></article><footer>© Site</footer></body></html>",
        encoding="utf-8",
    )
    (document,) = read_file(path)
    assert document.title == "Trade grows"
    assert document.date == "2024-03-01"
    assert document.text == "Trade grows\n\nTrade hit $5 bn in 2023.\n\nBoth sides agreed."


def test_csv_without_header_gives_one_document_per_row(tmp_path: Path):
    path = tmp_path / "news.csv"
    path.write_text('"3","Oil rises","Oil rose #36;2 to #36;50 a barrel.\\The rise continued."\n'
                    '"1","Talks end","Talks ended on Friday without a deal."\n', encoding="utf-8")
    documents = read_file(path)
    assert [d.title for d in documents] == ["Oil rises", "Talks end"]
    assert documents[0].text == "Oil rises\n\nOil rose $2 to $50 a barrel. The rise continued."
    assert documents[1].source == f"{path}#row2"


def test_csv_with_header_uses_named_columns(tmp_path: Path):
    path = tmp_path / "news.csv"
    path.write_text("date,headline,body\n2024-01-02,Flights resume,Flights resumed at 33 per week.\n",
                    encoding="utf-8")
    (document,) = read_file(path)
    assert (document.date, document.title) == ("2024-01-02", "Flights resume")
    assert document.text == "Flights resume\n\nFlights resumed at 33 per week."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\n ", "the file is empty"),
        ("binary.txt", bytes(range(256)) * 8, "the file is binary, not text"),
        ("image.png", b"\x89PNG\r\n\x1a\n", "unknown format .png"),
        ("noext", b"hello", "unknown format (no extension)"),
    ],
)
def test_bad_files_are_named_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as raised:
        read_file(path)
    assert raised.value.path == str(path)
    assert raised.value.reason.startswith(reason)


def test_missing_file_is_unreadable(tmp_path: Path):
    with pytest.raises(UnreadableFile, match="cannot be read"):
        read_file(tmp_path / "gone.txt")


def test_decode_rejects_binary():
    with pytest.raises(UnreadableText):
        decode_text(b"\x00\x01\x02binary")


def test_folders_expand_recursively_without_hidden_files(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "two.txt").write_text("x")
    (tmp_path / ".three.txt").write_text("x")
    (tmp_path / "four.md").write_text("x")
    assert expand_paths([tmp_path]) == [tmp_path / "a" / "one.txt", tmp_path / "four.md"]
