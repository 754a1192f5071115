"""Units of reported figures, and the conversions reconciliation may make between them.

Unit strings come from extraction (see :class:`desktop.domain.model.ExtractedFigure`):

* an ISO currency code (``"USD"``, ``"KZT"``): amounts in base units; currencies are never converted
  into each other (no exchange rate is the right one for a whole group);
* ``"percent"``;
* a counted noun (``"flights"``, ``"people"``, ``"days"``);
* a rate, ``"<noun>/<time unit>"`` (``"flights/week"``, ``"people/year"``).

Rates convert between time units through their length in days: a day is 1, a week 7, a month
365/12 (30.42), a quarter 365/4 and a year 365 days. So 3 flights/day = 21 flights/week, and
33 flights/week = 33 * 365 / 7 ≈ 1720.7 flights/year. Nothing else converts: a plain count has no
time unit to convert, and ``"flights/week"`` never becomes ``"people/week"``.

A plain count can still be read as a rate when the metric it was reported for names the rate
("direct flights per week", "weekly flights"): :func:`effective_unit` does that, and only that.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Length of each time unit in days.
DAYS_PER: dict[str, float] = {
    "hour": 1.0 / 24.0,  # extraction writes hourly rates too ("120 flights an hour")
    "day": 1.0,
    "week": 7.0,
    "month": 365.0 / 12.0,
    "quarter": 365.0 / 4.0,
    "year": 365.0,
}

_TIME_ALIASES: dict[str, str] = {
    "hour": "hour",
    "hours": "hour",
    "hourly": "hour",
    "day": "day",
    "days": "day",
    "d": "day",
    "daily": "day",
    "week": "week",
    "weeks": "week",
    "wk": "week",
    "w": "week",
    "weekly": "week",
    "month": "month",
    "months": "month",
    "mo": "month",
    "monthly": "month",
    "quarter": "quarter",
    "quarters": "quarter",
    "q": "quarter",
    "quarterly": "quarter",
    "year": "year",
    "years": "year",
    "yr": "year",
    "y": "year",
    "annum": "year",
    "annual": "year",
    "annually": "year",
    "yearly": "year",
}

#: Order in which a group picks its time unit when none is preferred (see :func:`canonical_unit`).
_TIME_PREFERENCE: tuple[str, ...] = ("week", "year", "month", "day", "quarter", "hour")

_CURRENCY = re.compile(r"^[A-Z]{3}$")

# A rate named in a metric: "per week", "a week", "weekly", "annual", "per annum" ...
_METRIC_RATE = re.compile(
    r"\b(?:(?:per|a|an|each|every)\s+(day|week|month|quarter|year|annum)"
    r"|(daily|weekly|monthly|quarterly|yearly|annual|annually))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit split into what is counted and, for rates, per which time unit."""

    noun: str  # "USD", "percent", "flights"
    per: str | None = None  # "day" | "week" | "month" | "quarter" | "year", or None for a plain unit

    @property
    def is_rate(self) -> bool:
        return self.per is not None

    def __str__(self) -> str:
        return f"{self.noun}/{self.per}" if self.per else self.noun


def is_currency(unit: str) -> bool:
    """True for an ISO 4217 style code ("USD", "VND")."""
    return bool(_CURRENCY.match(unit.strip()))


def _normalise_noun(noun: str) -> str:
    noun = " ".join(noun.split())
    return noun if is_currency(noun) else noun.lower()


@lru_cache(maxsize=4096)  # a handful of distinct units, parsed for every figure of every group
def parse_unit(unit: str) -> Unit:
    """Split ``"flights/week"`` into ``Unit("flights", "week")``; ``"USD"`` into ``Unit("USD")``.

    Nouns are lower-cased (currency codes stay upper-case); time units accept common spellings
    ("flights/wk", "people/annum"). A ``/`` followed by something that is not a time unit is kept as
    part of a plain noun.
    """
    text = unit.strip()
    noun, slash, per = text.rpartition("/")
    if slash:
        time_unit = _TIME_ALIASES.get(per.strip().lower())
        if time_unit is not None and noun.strip():
            return Unit(_normalise_noun(noun), time_unit)
    return Unit(_normalise_noun(text))


def convert_rate(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit``, or None when the two do not convert.

    The same unit gives the value back unchanged. Rates of the same noun convert through
    :data:`DAYS_PER` ("flights/day" -> "flights/week" multiplies by 7). Everything else — different
    nouns, different currencies, a rate and a plain count — is None.
    """
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source == target:
        return value
    if source.noun != target.noun or source.per is None or target.per is None:
        return None
    return value * DAYS_PER[target.per] / DAYS_PER[source.per]


def rate_factor(from_unit: str, to_unit: str) -> float | None:
    """The multiplier :func:`convert_rate` applies (1.0 for the same unit), or None."""
    return convert_rate(1.0, from_unit, to_unit)


def metric_rate(metric: str | None) -> str | None:
    """The time unit a metric name states ("direct flights per week" -> "week"), or None."""
    if not metric:
        return None
    match = _METRIC_RATE.search(metric)
    if not match:
        return None
    return _TIME_ALIASES[(match.group(1) or match.group(2)).lower()]


def strip_metric_rate(metric: str) -> str:
    """A metric name without its rate words: "direct flights per week" -> "direct flights"."""
    stripped = _METRIC_RATE.sub(" ", metric)
    return " ".join(stripped.split())


def effective_unit(unit: str, metric: str | None) -> str:
    """The unit a figure is compared in.

    This is the figure's own unit, except for a plain count (not a currency, not "percent", not a
    rate) reported for a metric whose name states a rate: "40 flights" for "direct flights per week"
    is read as "flights/week". Currency amounts and percentages are never turned into rates, even for
    an "annual" metric.
    """
    parsed = parse_unit(unit)
    if parsed.is_rate or is_currency(parsed.noun) or parsed.noun == "percent":
        return str(parsed)
    per = metric_rate(metric)
    if per is None:
        return str(parsed)
    return str(Unit(parsed.noun, per))


def unit_family(unit: str) -> str:
    """A label shared by units that convert into each other: ``"flights/*"`` for any flights rate."""
    parsed = parse_unit(unit)
    return f"{parsed.noun}/*" if parsed.is_rate else parsed.noun


def canonical_unit(units: Iterable[str]) -> str:
    """The unit a group of figures is expressed in.

    For rates: the most common noun, per week when any figure is per week (flights are talked about
    per week), otherwise the most common time unit, ties broken week > year > month > day > quarter.
    For plain units: the most common one, ties broken by first appearance. "" for no units.
    """
    parsed = [parse_unit(u) for u in units]
    if not parsed:
        return ""
    rates = [u for u in parsed if u.is_rate]
    if not rates:
        counts = Counter(str(u) for u in parsed)
        return counts.most_common(1)[0][0]  # Counter keeps first-seen order among ties
    noun = Counter(u.noun for u in rates).most_common(1)[0][0]
    pers = Counter(u.per for u in rates)
    if "week" in pers:
        return f"{noun}/week"
    best = max(pers.values())
    per = next(p for p in _TIME_PREFERENCE if pers.get(p) == best)
    return f"{noun}/{per}"
