"""Quantities in text: number, scale, currency or unit, qualifier and range, with exact spans.

One master regular expression finds every candidate number (with its currency sign, scale word and a
second number when it is a range) in one pass; each match is then checked and completed with short
anchored look-ups at its two ends: a qualifier before it ("nearly", "more than"), a counted noun or rate
after it ("40 direct flights", "33 per week", "30-day"), and the tests that throw out what is not a
quantity (years, dates, times, ordinals, model numbers, "the two countries").

Span convention: a quantity's span covers the currency sign or word, the number(s), the scale and the
unit words ("$1.13bn", "400 million USD", "4.8%", "40 direct flights", "33 per week", "30-day"), never the
qualifier before it ("over", "nearly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.periods import FULL_MONTH_NAMES, MONTH_NAMES
from desktop.extract.quantity_words import (  # noqa: F401 (PEOPLE_NOUNS is re-exported)
    _CURRENCY_SIGNS,
    _ISO_CODES,
    _CURRENCY_WORDS,
    _SUBUNITS,
    _SCALES,
    _WORD_NUMBERS,
    PEOPLE_NOUNS,
    _IRREGULAR_PLURALS,
    _NOT_NOUNS,
    _RATE_WORDS,
    _HYPHEN_UNITS,
    _QUALIFIERS,
    _PLACE_IN_NAME_OK,
    DEMONYM_ENDINGS,
    DEMONYMS,
    DOLLAR_COUNTRIES,
)

# --- the master expression -------------------------------------------------------------------------

_SIGN_ALT = "|".join(
    sorted((re.escape(sign) for sign in _CURRENCY_SIGNS if sign not in ("rs", "rs.")), key=len, reverse=True)
)
_DOLLAR_OF = r"(?:US|Australian|Canadian|New\s+Zealand|NZ|Hong\s+Kong|HK|Singapore|Singaporean)\s+dollars?"
_CUR = rf"(?:{_SIGN_ALT}|(?:{'|'.join(_ISO_CODES)}|Rs\.?|{_DOLLAR_OF})\s?)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_WORDS = (
    rf"(?:(?:a\s+|three\s+)?quarters?\s+of\s+an?(?=\s+(?:million|billion|trillion)\b)"
    rf"|(?:{_TENS}(?:[-\s]{_UNITS}\b)?|{_UNITS}|\d+)\s+and\s+a\s+half(?=\s+(?:million|billion|trillion|thousand)\b)"
    rf"|{_TENS}(?:[-\s]{_UNITS}\b)?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    rf"|nineteen|one|two|three|four|five|six|seven|eight|nine|half(?:\s+an?)?(?=\s+(?:million|billion|trillion|dozen)\b)"
    rf"|a\s+dozen|an?(?=\s+(?:hundred|thousand|million|billion|trillion)\b)"
    rf"|(?:a\s+)?(?:quarter|half)(?=\s+(?:of\s+a\s+|a\s+)?(?:percentage\s+)?point))"
)
_SCALE = r"(?:\s?(?:hundred|thousand|million|billion|trillion|dozen)\b|\s?(?:mn|bn|tn|mln|bln)\b|(?<=\d)(?:m|b|k)\b)"
_ATOM = r"(?P<cur{i}>{cur})?(?P<num{i}>{digits}|\b{words}\b)(?P<scale{i}>{scale})?"
_SUFFIX = (
    r"(?P<suffix>\s?%|\s(?:per\s?cent|percent)\b|\s(?:of\s+a\s+|a\s+)?(?:percentage|basis)\s+points?\b"
    r"|(?<=quarter)\s+point\b|(?<=half)\s+point\b"
    rf"|\s(?:{_DOLLAR_OF}|dollars?|euro\s+cents?|euros?|pounds\s+sterling|pounds?|sterling|yen|yuan|renminbi|dong|tenge|roubles?|rubles?|rupees?|rupiah|reais|swiss\s+francs|francs?|won|pence|cents?)\b"
    rf"|\s?(?:{'|'.join(_ISO_CODES)})\b|(?<=\d)p\b)?"
)
MASTER = re.compile(
    r"(?<![\w.,/:$£€¥₹\-–])"
    + _ATOM.format(i=1, cur=_CUR, digits=_DIGITS, words=_WORDS, scale=_SCALE)
    + r"(?:(?P<sep>\s?[-–—]\s?|\s+to\s+|\s+or\s+)"
    + _ATOM.format(i=2, cur=_CUR, digits=_DIGITS, words=_WORDS, scale=_SCALE)
    + r")?"
    + _SUFFIX,
    re.IGNORECASE,
)

_QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"'“]))(?P<q>"
    + "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(r"(?:\s+or\s+(?P<more>more|so|less|fewer)\b|(?P<plus>-?plus)\b)", re.IGNORECASE)
_NEXT_WORDS = re.compile(r"[ \t]+([A-Za-z][\w'’&-]*)(?:[ \t]+([A-Za-z][\w'’&-]*))?(?:[ \t]+([A-Za-z][\w'’&-]*))?")
_RATE_AFTER = re.compile(
    r"(?:[ \t]+(?:a|an|per|each|every)[ \t]+(?P<per>week|day|month|year|annum|hour)\b|[ \t]*/[ \t]*(?P<slash>week|day|month|year|yr|hour)\b"
    r"|[ \t]+(?P<adv>annually|yearly|weekly|daily|monthly|a\s+year)\b)",
    re.IGNORECASE,
)
_HYPHEN_UNIT = re.compile(
    r"(?:[-–](?P<hu>" + "|".join(_HYPHEN_UNITS) + r")s?\b|[ ](?P<su>year|day|week|month|hour|mile)(?=[ ][a-z]+\b)(?![ ](?:ago|on|to|in|of|and|or|the)\b))",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(rf"\b{MONTH_NAMES}\.?\s$")
_RANK_BEFORE = re.compile(
    r"\b(?:No|Nos|no|nos)\.\s?$|\b(?:number|top|Top|rank|ranked|ranking|article|Article|section|Section|chapter|"
    r"Chapter|page|Page|item|version|Version|phase|Phase|level|Level|grade|class|Class|category|Category|"
    r"route|Route|room|flight|Flight|channel|Channel|platform|gate|Gate|Terminal|terminal|Group|G|aged|age)\s$"
)
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w&.'’-]*)\s$")
# A capitalised number word inside a sentence, or before a capitalised word, is part of a name.
_NAME_BEFORE = re.compile(r"[\w,;'’)][ \t]+$")
_NAME_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|these|those|both|its|their|our|his|her|my|your|all|other|of\s+the|another|first|last|next|every)"
    r"(?:\s+(?:preceding|past|last|next|previous|first|other|remaining|following|final|top|two|three))?\s+$",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise|rises|rising|fell|fall|falls|falling|increased?|increases|increasing|decreased?|cut|cuts|"
    r"raised?|lifted|lift|grew|grow|jumped|dropped|climbed|slipped|declined|up|down|by|from|soared|slumped|"
    r"added|gained|lost|shed|trimmed|boosted|revised|moved|went|narrowed|widened|reduced|expanded|doubled)\s+$",
    re.IGNORECASE,
)
_ORDINAL_BEFORE = re.compile(r"\b(?:first|second|third|fourth|final|last)\s+$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"['’]?\s+time\b")
_PUSHED_UP_TO = re.compile(
    r"\b(?:push|pushe[sd]|pushing|dr[io]ve|driven|driving|drives|took|taken|brought|bring|sent|moved|revised|"
    r"ratchet(?:ed)?|shot|went|marked)\b(?:\s+[\w'’-]+){0,3}\s+up\s+to\s+$",
    re.IGNORECASE,
)
_AFTER_REJECT = re.compile(
    r"(?:st|nd|rd|th)\b|\s+certificates?\b|[:/]\d|\s?(?:am|pm|a\.m\.|p\.m\.|GMT|BST)\b"
    rf"|\s+(?:years?\s+ago|{FULL_MONTH_NAMES})\b",
)


def _names_after(text: str, end: int) -> bool:
    """Whether the counted noun is capitalised, so the whole is a name: "Six Nations", "Three Gorges"; not
    "Two Vietnamese airlines" (an adjective) nor "Three Americans" (people)."""
    match = _NAME_AFTER.match(text, end)
    if match is None:
        return False
    word = match.group(1).lower()
    return word.endswith("s") and word not in DEMONYMS and not word.endswith(DEMONYM_ENDINGS)


@dataclass(slots=True)
class Quantity:
    """A quantity before metric, period and kind are known."""

    start: int
    end: int
    value: float | None
    unit: str
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None
    bare: bool = False  # a plain number: no currency, percent or counted noun (unit "count" or "count/<rate>")
    marker: str | None = None  # "from" / "between": the word that governs it, for range merging and kind


def _number(num: str) -> float | None:
    lowered = " ".join(num.lower().replace("-", " ").split())
    if lowered.endswith((" of a", " of an")):
        lowered = lowered.rsplit(" of ", 1)[0].removesuffix("s")  # "a quarter of a (million)"
        lowered = "three quarters" if lowered == "three quarter" else lowered
    if lowered.endswith(" and a half"):
        whole = _number(lowered[: -len(" and a half")])
        return None if whole is None else whole + 0.5
    if lowered[0].isdigit() or lowered[0] == ".":
        return float(lowered.replace(",", ""))
    if lowered in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[lowered])
    parts = lowered.split()
    if len(parts) == 2 and parts[0] in _WORD_NUMBERS and parts[1] in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[parts[0]] + _WORD_NUMBERS[parts[1]])
    return None


def _times(value: float, factor: float) -> float:
    """value * factor without binary noise: 16.9 * 1e9 is 16900000000.0, not 16899999999.999998."""
    return float(f"{value * factor:.12g}")


def _scale(scale: str | None) -> float:
    return _SCALES[scale.strip().lower()] if scale else 1.0


def _currency_sign(sign: str | None) -> str | None:
    if not sign:
        return None
    sign = " ".join(sign.lower().split())
    if sign.endswith(("dollar", "dollars")):
        return DOLLAR_COUNTRIES.get(sign.rsplit(" ", 1)[0], "USD")
    return _CURRENCY_SIGNS.get(sign) or sign.upper()


def _suffix_unit(suffix: str) -> tuple[str, float]:
    """The unit a suffix names and the factor to base units (pence are hundredths of a pound)."""
    word = " ".join(suffix.lower().split()).removeprefix("of a ").removeprefix("a ")
    if word.endswith(("dollar", "dollars")) and " " in word:
        return _currency_sign(word) or "USD", 1.0
    if word in ("%", "per cent", "percent", "point", "percentage point", "percentage points") or word.startswith("per"):
        return ("percentage points", 1.0) if "point" in word else ("percent", 1.0)
    if "basis" in word:
        return "basis points", 1.0
    if word.upper() in _ISO_CODES:
        return ("CNY" if word == "rmb" else word.upper()), 1.0
    return _CURRENCY_WORDS.get(word, word), (0.01 if word in _SUBUNITS else 1.0)


def _plural_noun(word: str) -> bool:
    lowered = word.lower()
    if lowered in _IRREGULAR_PLURALS:
        return True
    return (
        len(lowered) > 3
        and lowered.endswith("s")
        and not lowered.endswith(("ss", "us", "is", "'s", "’s"))
        and lowered not in _NOT_NOUNS
    )


def _counted_noun(text: str, position: int) -> tuple[str | None, str | None, int]:
    """A counted noun after ``position`` ("direct flights"), any rate adjective on the way ("daily"), its end."""
    match = _NEXT_WORDS.match(text, position)
    if not match:
        return None, None, position
    rate = None
    for index in (1, 2, 3):
        word = match.group(index)
        if word is None:
            break
        lowered = word.lower().rstrip("'’")
        if lowered in _RATE_WORDS and lowered not in ("day", "week", "month", "year", "hour"):
            rate = _RATE_WORDS[lowered]
            continue
        if "-" in lowered and index < 3 and match.group(index + 1):
            continue  # a hyphenated modifier: "50,000 with-profits investors"
        if word[0].isupper() and (lowered in DEMONYMS or lowered.endswith(DEMONYM_ENDINGS)):
            return "people", rate, match.end(index)  # "400,000 Sri Lankans"
        if lowered == "quarters" and not text.startswith(" of", match.end(index)):
            return lowered, rate, match.end(index)  # "four consecutive quarters", not "three quarters of"
        if _plural_noun(lowered):
            noun = "people" if lowered in PEOPLE_NOUNS else lowered
            return noun, rate, match.end(index)
        if lowered in _NOT_NOUNS or lowered.endswith(("ly", "ing")) or "-" in lowered[:1]:
            break
    return None, None, position


def scan_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` in order of position (no metric, period or kind yet)."""
    found: list[Quantity] = []
    for match in MASTER.finditer(text):
        last = found[-1] if found else None
        after_between = (
            last is not None and last.marker == "between" and _AND_GAP.fullmatch(text, last.end, match.start()) is not None
        )
        found.extend(_read(text, match, after_between))
    return _merge_between(text, found)


def _read(text: str, match: re.Match[str], after_between: bool = False) -> list[Quantity]:
    g = match.group
    start = match.start()
    value1 = _number(g("num1"))
    if value1 is None:
        return []
    words1 = not g("num1")[0].isdigit() and g("num1")[0] != "."
    has_second = g("num2") is not None
    value2 = _number(g("num2")) if has_second else None
    if has_second and value2 is None:
        return []
    scale1, scale2 = g("scale1"), g("scale2")
    currency = _currency_sign(g("cur1")) or _currency_sign(g("cur2"))
    factor = 1.0
    unit: str | None = currency
    suffix = g("suffix")
    if suffix:
        suffix_unit, factor = _suffix_unit(suffix)
        if unit is None or suffix_unit in ("percent", "percentage points", "basis points"):
            unit = suffix_unit if unit is None else unit
    end = match.end()

    # --- what is not a quantity -------------------------------------------------------------------
    plain = unit is None and not scale1 and not scale2
    digits1 = g("num1").replace(",", "")
    if plain and digits1.isdigit() and len(digits1) == 4 and 1800 <= int(digits1) <= 2100 and "," not in g("num1"):
        return []  # a year, or a span of years: periods, never figures
    after_char = text[end : end + 1]
    if after_char.isalnum() and not _HYPHEN_UNIT.match(text, end):
        return []  # part of a token: "3G", "747s", "1990s", "10th"
    if _AFTER_REJECT.match(text, end):
        return []
    before = text[max(0, start - 30) : start]
    if plain and value1 <= 31 and _MONTH_BEFORE.search(before):
        return []  # "May 6"
    if plain and _RANK_BEFORE.search(before):
        return []  # "No. 1", "top 25", "Flight 370"
    if plain and has_second and g("sep").strip() in ("-", "–", "—") and value1 >= value2:
        return []  # a vote tally or a score: "voted 8-1", "a 2-1 split"
    if words1 and g("num1").lower().endswith(("quarter", "half")) and _ORDINAL_BEFORE.search(before):
        return []  # "the fourth quarter points to", "the second half point": a period, not a fraction
    if words1 and g("num1")[0].isupper() and not scale1 and (_NAME_BEFORE.search(before) or _names_after(text, end)):
        return []  # a number word in a name: "Six Nations", "the Big Four firms", "Five Star hotels"

    # --- the unit: percent/currency, else a hyphen unit, a counted noun, a rate --------------------
    rate = None
    bare = False
    if unit is None:
        hyphen = _HYPHEN_UNIT.match(text, end)
        if hyphen and not has_second:
            unit = (hyphen.group("hu") or hyphen.group("su")).lower() + "s"
            end = hyphen.end()
        else:
            noun, rate, noun_end = _counted_noun(text, end)
            if noun:
                unit, end = noun, noun_end
            else:
                bare = True
                unit = "count"
            rate_match = _RATE_AFTER.match(text, end)
            if rate_match:
                word = (rate_match.group("per") or rate_match.group("slash") or rate_match.group("adv")).lower()
                rate = "year" if word in ("annum", "yr", "a year") else _RATE_WORDS.get(word, word)
                end = rate_match.end()
            if rate:
                unit = f"{unit}/{rate}"
    if unit in ("years", "months", "weeks", "days") and _TIME_AFTER.match(text, end):
        return []  # "in two years' time": relative time, like "two years ago"
    if words1 and (bare or (unit == "count")) and not (scale1 or scale2):
        return []  # number words count only with a unit: "two flights", never "the two countries"
    if words1 and value1 == 1 and not (scale1 or scale2 or unit in ("percent", "percentage points") or currency):
        return []  # "one of", "one flight": too ambiguous to be worth a figure
    if words1 and not (scale1 or scale2) and _DETERMINER_BEFORE.search(before):
        return []
    if bare and not rate:
        capital = _CAPITALISED_BEFORE.search(before)
        if capital and capital.group(1).lower() not in _PLACE_IN_NAME_OK:
            return []  # "FTSE 100", "Windows 95"
        if (
            value1 < 10
            and not (scale1 or scale2)
            and float(value1).is_integer()
            and not has_second
            and not after_between
            and not _QUALIFIER_BEFORE.search(before)
        ):
            return []  # a lone small integer: a rank, an item, a count too vague to keep

    shared = has_second and not scale1 and scale2 and value1 <= value2  # "$10-12bn": the scale covers both
    low = _times(value1, _scale(scale1 or (scale2 if shared else None)) * factor)
    qualifier_match = _QUALIFIER_BEFORE.search(before)
    qualifier = _QUALIFIERS[qualifier_match.group("q").lower()] if qualifier_match else "exact"
    if qualifier == "under" and _PUSHED_UP_TO.search(text, max(0, start - 50), start):
        qualifier = "exact"  # "pushed claims up to $37bn": rose to, not at most
    marker = qualifier if qualifier in ("from", "between") else None
    if marker:
        qualifier = "exact"
    if has_second:
        high = _times(value2, _scale(scale2 or scale1) * factor)
        change = g("sep").strip() in ("to", "or") and _CHANGE_BEFORE.search(before)
        if marker != "from" and not change and low < high:
            return [Quantity(start, end, None, unit, "range", low, high, bare, marker)]
        # not a range ("from 5 to 7", "fell 7 to 5"): two quantities, each with its own span
        first_end = match.end("scale1") if scale1 else match.end("num1")
        second_start = match.start("cur2") if g("cur2") else match.start("num2")
        first_unit = unit
        first = Quantity(start, first_end, low, first_unit, qualifier, bare=bare, marker=marker)
        second = Quantity(second_start, end, high, unit, "exact", bare=bare)
        return [first, second]
    if qualifier == "exact":
        after = _QUALIFIER_AFTER.match(text, end)
        if after:
            word = (after.group("more") or "plus").lower()
            qualifier = {"more": "over", "plus": "over", "so": "approx", "less": "under", "fewer": "under"}.get(word, "over")
    return [Quantity(start, end, low, unit, qualifier, bare=bare, marker=marker)]


_AND_GAP = re.compile(r"\s+and\s+")


def _merge_between(text: str, found: list[Quantity]) -> list[Quantity]:
    """"between 3 and 5", "between $1bn and $2bn": one range quantity."""
    merged: list[Quantity] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            current.marker == "between"
            and following is not None
            and current.value is not None
            and following.value is not None
            and _AND_GAP.fullmatch(text, current.end, following.start)
            and current.value < following.value
        ):
            unit = following.unit if current.bare or current.unit == "count" else current.unit
            merged.append(Quantity(current.start, following.end, None, unit, "range", current.value, following.value, following.bare))
            index += 2
            continue
        merged.append(current)
        index += 1
    return merged
