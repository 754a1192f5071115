"""Readers: one file in, RawDocuments out (a CSV gives one per row).

Formats: the seed format (first line `` date YYYY-MM-DD Title``), plain ``.txt``/``.md`` (first line is the
headline; a wire dateline with a full date just after it, "HANOI 2026-11-20", dates the story),
``.html``/``.htm`` (article text only), ``.csv`` (one item per row). Anything else, and anything that is not
text, raises :class:`UnreadableFile` with a reason a person can act on.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import html as html_lib
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from desktop.domain import RawDocument
from desktop.domain.periods import MONTH_NAMES, MONTHS
from desktop.ingest.decoding import UnreadableText, decode_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
CSV_SUFFIXES = (".csv",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + CSV_SUFFIXES
MAX_FILE_BYTES = 50 * 1024 * 1024

_SEED_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2}) ")
_DATE_IN_META = re.compile(r"(\d{4}-\d{2}-\d{2})")


class UnreadableFile(Exception):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def checksum_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _document(text: str, title: str, source: str, date: str | None, fmt: str) -> RawDocument:
    text = text.strip("\n").rstrip()
    return RawDocument(
        text=text, title=title.strip() or "(untitled)", source=source, checksum=checksum_of(text),
        date=date, format=fmt,
    )


def read_plain_text(text: str, source: str) -> RawDocument:
    """A seed file or a plain article: the first line is the headline, a seed header gives the date."""
    header = _SEED_HEADER.match(text)
    if header:
        date, fmt, text = header.group(1), "seed", text[header.end():]
    else:
        date, fmt, text = None, "text", text.lstrip("\ufeff\n ")
    first_line, _, body = text.partition("\n")
    title = first_line.lstrip("#").strip()
    if len(title) > 300:
        title = title[:297].rstrip() + "…"
    return _document(text, title, source, date or _dateline_date(body), fmt)


_DATE_WORDS = (
    r"(?P<iso>\d{4}-\d{2}-\d{2})"
    rf"|(?P<month>{MONTH_NAMES})\.? (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})"  # November 20, 2026
    rf"|(?P<day2>\d{{1,2}}) (?P<month2>{MONTH_NAMES})\.? (?P<year2>\d{{4}})"  # 20 November 2026
)
# A wire dateline opening the story: a place (and its agency), then the date: "HANOI 2026-11-20",
# "ALMATY, Kazakhstan, November 20, 2026 (Reuters) -", "Hanoi, 20 November 2026".
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*)*[ ,]+(?:\([^)\n]{1,30}\)[ ,]*)?(?:" + _DATE_WORDS + r")\b",
    re.MULTILINE,
)


def _dateline_date(body: str) -> str | None:
    """The ISO date of a dateline in the story's first lines, or None (a dateline without a year says too
    little: "ALMATY, Nov 20 (Reuters)")."""
    head = body.lstrip("\n")[:400]
    for found in _DATELINE.finditer(head):
        if head.count("\n", 0, found.start()) > 2:
            break
        if found.group("iso"):
            year, month, day = (int(part) for part in found.group("iso").split("-"))
        else:
            year = int(found.group("year") or found.group("year2"))
            month = MONTHS[(found.group("month") or found.group("month2")).lower()]
            day = int(found.group("day") or found.group("day2"))
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


_DROP_TAGS = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button"
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "figcaption")


def read_html(markup: str, source: str) -> RawDocument:
    tree = HTMLParser(markup)
    date = None
    for selector, attribute in (
        ('meta[property="article:published_time"]', "content"),
        ('meta[name="date"]', "content"),
        ('meta[itemprop="datePublished"]', "content"),
        ("time[datetime]", "datetime"),
    ):
        node = tree.css_first(selector)
        value = node.attributes.get(attribute) if node else None
        if value and (found := _DATE_IN_META.search(value)):
            date = found.group(1)
            break
    heading = tree.css_first("h1")
    title_node = tree.css_first("title")
    title = (heading.text(strip=True) if heading else "") or (title_node.text(strip=True) if title_node else "")
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        raise UnreadableFile(source, "the HTML has no body")
    blocks = [" ".join(node.text(separator=" ").split()) for node in root.css(", ".join(_BLOCK_TAGS))]
    blocks = [block for block in blocks if block]
    if not blocks:  # no block markup: fall back to the root's text
        blocks = [line.strip() for line in root.text(separator="\n").splitlines() if line.strip()]
    if not blocks:
        raise UnreadableFile(source, "the HTML page has no article text")
    if not title:
        title = blocks[0]
    if blocks[0] != title:
        blocks.insert(0, title)
    return _document("\n\n".join(blocks), title, source, date, "html")


_TITLE_COLUMNS = ("title", "headline", "heading", "name", "subject")
_BODY_COLUMNS = ("text", "body", "content", "description", "article", "summary", "story")
_DATE_COLUMNS = ("date", "published", "published_at", "pubdate", "time", "timestamp")
_NUMERIC_ENTITY = re.compile(r"(?<!&)#(\d{2,5});")


def _clean_cell(cell: str) -> str:
    # AG News style escapes: "#36;" for "$", a backslash for a line break.
    cell = _NUMERIC_ENTITY.sub(lambda match: chr(int(match.group(1))), cell)
    return " ".join(html_lib.unescape(cell.replace("\\", " ")).split())


def _pick(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [column.strip().lower() for column in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def read_csv(text: str, source: str) -> Iterator[RawDocument]:
    """One document per row. Columns come from a header when it names them, else from their contents."""
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise UnreadableFile(source, "the CSV file has no rows")
    header = rows[0]
    title_col, body_col, date_col = _pick(header, _TITLE_COLUMNS), _pick(header, _BODY_COLUMNS), _pick(header, _DATE_COLUMNS)
    first_row = 2
    if title_col is None and body_col is None:
        first_row = 1
        title_col, body_col = _guess_text_columns(rows)
        date_col = None
    if body_col is None and title_col is None:
        raise UnreadableFile(source, "no column of the CSV file holds text")
    produced = 0
    for number, row in enumerate(rows[first_row - 1:], start=first_row):
        title = _clean_cell(row[title_col]) if title_col is not None and title_col < len(row) else ""
        body = _clean_cell(row[body_col]) if body_col is not None and body_col < len(row) else ""
        if not (title or body):
            continue
        date = None
        if date_col is not None and date_col < len(row) and (found := _DATE_IN_META.search(row[date_col])):
            date = found.group(1)
        text = f"{title}\n\n{body}" if title and body and title != body else (body or title)
        produced += 1
        yield _document(text, title or body[:80], f"{source}#row{number}", date, "csv")
    if not produced:
        raise UnreadableFile(source, "the CSV file has no rows with text")


def _guess_text_columns(rows: list[list[str]]) -> tuple[int | None, int | None]:
    """Without a header: the longest textual column is the body, a shorter textual one before it the title."""
    sample = rows[:200]
    width = max(len(row) for row in sample)
    lengths = []
    for column in range(width):
        cells = [row[column] for row in sample if column < len(row)]
        textual = [cell for cell in cells if re.search(r"[^\W\d_]{3,}", cell)]
        if len(textual) < len(cells) * 0.6:
            lengths.append(0.0)
        else:
            lengths.append(sum(len(cell) for cell in cells) / max(len(cells), 1))
    textual_columns = [column for column, length in enumerate(lengths) if length > 0]
    if not textual_columns:
        return None, None
    body = max(textual_columns, key=lambda column: lengths[column])
    titles = [column for column in textual_columns if column < body]
    return (titles[-1] if titles else None), body


def read_file(path: Path) -> list[RawDocument]:
    """Read one file into documents, or raise UnreadableFile naming the reason."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(path, f"unknown format {suffix or '(no extension)'}; expected one of "
                             + ", ".join(SUPPORTED_SUFFIXES))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(path, f"the file is too large ({size // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(path, f"cannot be read ({error.strerror or error})") from None
    try:
        text, _encoding = decode_text(data)
    except UnreadableText as error:
        raise UnreadableFile(path, str(error)) from None
    if not text.strip():
        raise UnreadableFile(path, "the file is empty")
    source = str(path)
    if suffix in HTML_SUFFIXES:
        return [read_html(text, source)]
    if suffix in CSV_SUFFIXES:
        return list(read_csv(text, source))
    return [read_plain_text(text, source)]


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, hidden ones left out), in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in relative.parts):
                    files.append(child)
        else:
            files.append(path)
    return files
