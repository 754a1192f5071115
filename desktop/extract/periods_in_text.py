"""Finding time periods in text: "in 2022", "by 2023–2024", "the first four months of 2023", "May 2024".

One pass of one regular expression over the whole text gives every period expression with its span and
its label in the forms of :mod:`desktop.domain.periods`. A period that names a month but no year ("the
three months to December") takes the year from another period of the same sentence when there is one,
else it is dropped: nothing is guessed from the document date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from desktop.domain import Sentence
from desktop.domain.periods import MONTH_NAMES, MONTHS

_MONTH = MONTH_NAMES + r"\.?"
_COUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_COUNT = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_YEAR = r"(?:19|20)\d{2}"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}

_PERIOD = re.compile(
    rf"""
    (?P<first_months>\b(?:the\s+)?(?P<fm_which>first|last|final)\s+(?P<fm_n>{_COUNT})\s+months\s+of\s+(?:the\s+year\s+|fiscal\s+)?(?P<fm_y>{_YEAR})\b)
  | (?P<half>\b(?P<h_ord>first|second)\s+half\s+of\s+(?:the\s+year\s+|fiscal\s+)?(?P<h_y>{_YEAR})\b)
  | (?P<quarter>\b(?P<q_ord>first|second|third|fourth|final|last)[\s-]+quarter\s+of\s+(?:the\s+year\s+|fiscal\s+)?(?P<q_y>{_YEAR})\b)
  | (?P<qcode>\b(?P<qc_q>Q[1-4]|H[12])\s+(?P<qc_y>{_YEAR})\b)
  | (?P<months_to>\b(?P<mt_n>{_COUNT})\s+months\s+(?:to|ended|ending|through|until)\s+(?:the\s+end\s+of\s+)?(?P<mt_m>{_MONTH})(?:\s+(?P<mt_y>{_YEAR}))?\b)
  | (?P<year_to>\b(?:financial\s+|fiscal\s+)?year\s+(?:to|ended|ending|through)\s+(?:the\s+end\s+of\s+)?(?:\d{{1,2}}\s+)?(?P<yt_m>{_MONTH})(?:\s+(?P<yt_y>{_YEAR}))?\b)
  | (?P<quarter_to>\bquarter\s+(?:to|ended|ending|through)\s+(?:the\s+end\s+of\s+)?(?P<qt_m>{_MONTH})(?:\s+(?P<qt_y>{_YEAR}))?\b)
  | (?P<between>\b(?:between|from)\s+(?P<b_a>{_YEAR})\s+(?:and|to|until|through)\s+(?P<b_b>{_YEAR})\b(?![.,]?\d))
  | (?P<pair>(?<![\w.,$£€-])(?P<p_a>{_YEAR})\s+and\s+(?P<p_b>{_YEAR})\b(?![.,%]?\d|%|\s?(?:per\s?cent|percent|bn|m\b|million|billion)))
  | (?P<month>\b(?P<m_m>{_MONTH})\s+(?:of\s+)?(?P<m_y>{_YEAR})\b(?![.,]?\d))
  | (?P<span>(?<![\w.,$£€-])(?P<s_a>{_YEAR})\s?(?:[-–—/]|\s+to\s+)\s?(?P<s_b>{_YEAR}|\d{{2}})\b(?![.,%]?\d|%|\s?(?:per\s?cent|percent|bn|m\b|million|billion)))
  | (?P<year>(?<![\w.,$£€/-])(?P<y>{_YEAR})\b(?![.,]?\d|%|\s?(?:per\s?cent|percent|bn|m\b|million|billion|s\b)|-\w|[–/]\d))
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BEFORE = re.compile(
    r"\b(since|by|until|till|before|after|from|than|of|to|on)\s+(?:(?:its|their|the|his|her|a)\s+)?"
    r"(?:the\s+end\s+of\s+|early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    label: str
    relation: str  # "in" (default), "by", "since", "from", "than", "of", ... the word just before it
    sentence_index: int = -1


def _count(text: str) -> int:
    text = text.lower()
    return _COUNT_WORDS[text] if text in _COUNT_WORDS else int(text)


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _span_months(end_year: int, end_month: int, months: int) -> str:
    start_index = end_year * 12 + end_month - 1 - (months - 1)
    start_year, start_month = divmod(start_index, 12)
    if months == 1:
        return f"{end_year}-{end_month:02d}"
    if months == 12 and end_month == 12:
        return str(end_year)
    return f"{start_year}-{start_month + 1:02d}/{end_year}-{end_month:02d}"


def _label(match: re.Match[str], year_hint: int | None) -> str | None:
    group = match.lastgroup
    g = match.group
    if group == "first_months":
        months = _count(g("fm_n"))
        end_month = months if g("fm_which").lower() == "first" else 12
        return _span_months(int(g("fm_y")), end_month, months) if 1 <= months <= 12 else None
    if group == "half":
        year = int(g("h_y"))
        return f"{year}-01/{year}-06" if g("h_ord").lower() == "first" else f"{year}-07/{year}-12"
    if group == "quarter":
        quarter = _ORDINALS[g("q_ord").lower()]
        return _span_months(int(g("q_y")), quarter * 3, 3)
    if group == "qcode":
        code, year = g("qc_q").upper(), int(g("qc_y"))
        if code[0] == "Q":
            return _span_months(year, int(code[1]) * 3, 3)
        return _span_months(year, int(code[1]) * 6, 6)
    if group in ("months_to", "year_to", "quarter_to"):
        prefix = {"months_to": "mt", "year_to": "yt", "quarter_to": "qt"}[group]
        months = _count(g("mt_n")) if group == "months_to" else (12 if group == "year_to" else 3)
        year_text = g(f"{prefix}_y")
        year = int(year_text) if year_text else year_hint
        if year is None or not 1 <= months <= 24:
            return None
        return _span_months(year, _month(g(f"{prefix}_m")), months)
    if group == "between":
        first, last = int(g("b_a")), int(g("b_b"))
        return f"{first}/{last}" if first < last else None
    if group == "pair":  # "in 2005 and 2006": two consecutive years, one period
        first, last = int(g("p_a")), int(g("p_b"))
        return f"{first}/{last}" if last == first + 1 else None
    if group == "month":
        return f"{int(g('m_y'))}-{_month(g('m_m')):02d}"
    if group == "span":
        first, second = g("s_a"), g("s_b")
        last = int(second) if len(second) == 4 else int(first[:2] + second)
        return f"{int(first)}/{last}" if int(first) < last <= int(first) + 10 else None
    if group == "year":
        return g("y")
    return None


def find_periods(text: str, sentences: Sequence[Sentence]) -> list[PeriodMention]:
    """Every period expression in ``text``, sorted by start, each tagged with its sentence index."""
    starts = [sentence.start for sentence in sentences]
    raw: list[tuple[re.Match[str], int]] = []
    for match in _PERIOD.finditer(text):
        position = bisect_right(starts, match.start()) - 1
        raw.append((match, sentences[position].index if position >= 0 else -1))
    years_by_sentence: dict[int, list[int]] = {}
    for match, sentence_index in raw:
        for name in ("y", "m_y", "fm_y", "q_y", "qc_y", "mt_y", "yt_y", "qt_y", "s_b", "b_b", "p_b"):
            value = match.groupdict().get(name)
            if value and len(value) == 4:
                years_by_sentence.setdefault(sentence_index, []).append(int(value))
                break
    mentions: list[PeriodMention] = []
    for match, sentence_index in raw:
        hints = years_by_sentence.get(sentence_index)
        label = _label(match, hints[0] if hints and len(set(hints)) == 1 else None)
        if label is None:
            continue
        before = _BEFORE.search(text, max(0, match.start() - 24), match.start())
        relation = before.group(1).lower() if before else "in"
        if match.lastgroup == "between":
            relation = "in"
        mentions.append(PeriodMention(match.start(), match.end(), label, relation, sentence_index))
    return mentions
