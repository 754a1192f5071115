"""Figures: every quantity in a text, normalised and tied to its exact span, period, kind and metric.

:func:`find_figures` is the public entry point. The work is split in three passes over the text, each one
regular expression or one token scan, so a whole corpus goes through at tens of thousands of words a second:

1. :mod:`desktop.extract.quantities` finds the quantities (value in base units, unit, qualifier, range);
2. :mod:`desktop.extract.periods_in_text` finds the periods ("in 2022", "the first four months of 2023");
3. :class:`desktop.extract.metrics.MetricVocabulary` finds the phrases that name metrics, only in the
   sentences that hold a quantity.

Then each quantity is tied to its sentence and gets:

* a period: one that follows it closely in the same clause ("$860 million in 2024", "450 billion USD by
  2029"), else one earlier in the same sentence that no other figure has claimed ("In 2024, its economy
  grew by 4.8%"); a period after "from", "than" or "since" is a baseline, never the figure's own;
* a kind: the last cue before it in its sentence ("aim to" -> target, "projected to", "could" -> projection,
  a past-tense verb such as "reached" -> actual), "from"/"compared with" right before it -> actual;
* a metric: the nearest phrase of the vocabulary in its sentence whose metric accepts its unit (before it,
  or shortly after it), "that figure" -> the metric of the figure it refers back to. A bare number takes
  the counted noun of its metric ("150,000 annually" near "arrivals" -> people/year).

Policy notes (also used for the evaluation set in benchmarks/eval/figures_gold.jsonl):

* Years, dates ("May 6"), times, ordinals, model numbers ("Boeing 747", "FTSE 100"), ranks ("No. 1",
  "top 25 economies") and number words without a unit ("the two countries", "one of") are not figures.
* "more than half of the region's GDP" is not a figure: "half" counts only with a scale ("half a million").
* Rates are kept for counted nouns and bare numbers ("flights/week", "people/year"), not for money or
  percentages ("$2bn a year" is USD).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Sequence

from desktop.domain import ExtractedFigure, Sentence
from desktop.extract.metrics import Metric, MetricMention, MetricVocabulary, default_vocabulary
from desktop.extract.periods_in_text import PeriodMention, find_periods
from desktop.extract.quantities import Quantity, scan_quantities

__all__ = ["find_figures"]

_TARGET = r"aim(?:s|ed|ing)?\s+(?:to|at|for)|target(?:s|ed|ing)?|goals?|objectives?|ambitions?|plan(?:s|ned|ning)?\s+to|seek(?:s|ing)?\s+to|want(?:s|ed)?|hop(?:e|es|ed|ing)\s+to|pledg(?:e|es|ed)\s+to|intend(?:s|ed)?\s+to|striv(?:e|es|ing)\s+to|committed\s+to"
_PROJECTION = r"project(?:ed|ing|ion|ions|s)?|forecast(?:s|ing|ers)?|expect(?:s|ed|ing|ations?)?|predict(?:s|ed|ing|ions?)?|estimates?\s+(?:that\s+)?\w+\s+will|could|would|will|may|might|set\s+to|likely\s+to|poised\s+to|on\s+(?:course|track)\s+to|outlook|anticipat\w+|should"
_ACTUAL = r"rose|fell|grew|increased|decreased|dropped|declined|jumped|slumped|climbed|expanded|contracted|reached|posted|reported|recorded|totalled|totaled|was|were|made|earned|lost|had|saw|gained|shrank|surged|soared|plunged|doubled|tripled|stood|amounted|fell|last\s+year|a\s+year\s+(?:earlier|ago)|year-earlier"
_NOT_A_CUE = r"(?:than|as)\s+(?:had\s+been\s+)?(?:forecast|expected|predicted|anticipated|projected)|expectations|amount\s+expected"
_KIND_CUE = re.compile(rf"\b(?:(?P<actual_>{_NOT_A_CUE})|(?P<target>{_TARGET})|(?P<projection>{_PROJECTION})|(?P<actual>{_ACTUAL}))\b", re.IGNORECASE)
_KIND_AFTER = re.compile(
    r"\s+(?:(?:is|are|was|were)\s+(?:(?P<projection>forecast|expected|projected|predicted|estimated)|(?P<target>targeted|planned))|(?P<projection_>would|will|could|might|may)\s+be)\b|\s+(?P<target_>target|goal)\b",
    re.IGNORECASE,
)
_BASELINE_BEFORE = re.compile(r"\b(?:from|against|compared\s+(?:with|to)|versus)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_TARGET_AFTER = re.compile(r"\s+(?:inflation\s+|growth\s+)?(?:target|goal)\b", re.IGNORECASE)
_ANAPHORA = re.compile(r"\b(?:that|this|the)\s+(?:figure|number|total|amount|level|sum)\b", re.IGNORECASE)
_PERIOD_GAP_BREAK = re.compile(
    r"[;:]|\b(?:from|than|compared|against|since|versus|up|down|and|but|while|which|who|they|it|he|she|we|about)\b",
    re.IGNORECASE,
)

_KIND_WINDOW = 160  # characters before a figure searched for kind cues
_FOLLOWING_PERIOD_GAP = 45  # most characters between a figure and a period that belongs to it
_METRIC_AFTER = 60  # most characters after a figure a metric phrase may sit


def find_figures(
    text: str, sentences: Sequence[Sentence], vocabulary: MetricVocabulary | None = None
) -> list[ExtractedFigure]:
    """Every figure in ``text`` (split into ``sentences``), sorted by start; see the module notes."""
    vocabulary = vocabulary if vocabulary is not None else default_vocabulary()
    quantities = scan_quantities(text)
    if not quantities:
        return []
    starts = [sentence.start for sentence in sentences]
    placed: list[tuple[Quantity, Sentence]] = []
    for quantity in quantities:
        position = bisect_right(starts, quantity.start) - 1
        if position < 0 or quantity.end > sentences[position].end:
            continue  # outside every sentence, or across a boundary: not a span anyone can show
        placed.append((quantity, sentences[position]))
    if not placed:
        return []

    periods_by_sentence: dict[int, list[PeriodMention]] = {}
    for mention in find_periods(text, sentences):
        periods_by_sentence.setdefault(mention.sentence_index, []).append(mention)
    metric_mentions: dict[int, list[MetricMention]] = {}
    for _, sentence in placed:
        if sentence.index not in metric_mentions:
            metric_mentions[sentence.index] = vocabulary.find(text, sentence.start, sentence.end)

    periods = _assign_periods(text, placed, periods_by_sentence)
    figures: list[ExtractedFigure] = []
    previous: ExtractedFigure | None = None
    for (quantity, sentence), period in zip(placed, periods):
        metric, unit = _metric(text, quantity, sentence, metric_mentions[sentence.index], previous, vocabulary)
        figure = ExtractedFigure(
            start=quantity.start,
            end=quantity.end,
            text=text[quantity.start : quantity.end],
            sentence_index=sentence.index,
            value=quantity.value,
            unit=unit,
            qualifier=quantity.qualifier,
            low=quantity.low,
            high=quantity.high,
            period=period,
            kind=_kind(text, quantity, sentence),
            metric=metric.name if metric else None,
            sectors=(metric.sector,) if metric else (),
        )
        figures.append(figure)
        previous = figure
    return _share_within_conversions(text, figures)


_CONVERSION_OPEN = re.compile(r"\s*\(\s*")
_CONVERSION_NEXT = re.compile(r"\s*[;,/]\s*")


def _share_within_conversions(text: str, figures: list[ExtractedFigure]) -> list[ExtractedFigure]:
    """"$1.13bn (£600m)", "5.65bn euros ($7.4bn; £3.9bn)": one amount, so one period, kind and metric."""
    index = 0
    while index < len(figures):
        group = [index]
        opener = figures[index]
        if opener.unit.isupper() or (opener.unit.isalpha() and opener.unit.endswith(("pesos", "rand", "lira"))):
            following = index + 1
            separator = _CONVERSION_OPEN
            while following < len(figures) and figures[following].unit.isupper() and separator.fullmatch(
                text, figures[following - 1].end, figures[following].start
            ):
                group.append(following)
                separator = _CONVERSION_NEXT
                following += 1
        if len(group) > 1:
            members = [figures[number] for number in group]
            period = next((member.period for member in members if member.period), None)
            metric = next((member for member in members if member.metric), None)
            for number in group:
                figures[number] = replace(
                    figures[number],
                    period=period,
                    kind=opener.kind,
                    metric=metric.metric if metric else None,
                    sectors=metric.sectors if metric else (),
                )
        index = group[-1] + 1
    return figures


def _assign_periods(
    text: str, placed: list[tuple[Quantity, Sentence]], periods_by_sentence: dict[int, list[PeriodMention]]
) -> list[str | None]:
    """The period of each figure: a close following one, else an unclaimed earlier one in the sentence."""
    result: list[str | None] = [None] * len(placed)
    claimed: set[int] = set()  # id() of period mentions owned by the figure they follow
    for number, (quantity, sentence) in enumerate(placed):
        next_start = placed[number + 1][0].start if number + 1 < len(placed) else len(text)
        for mention in periods_by_sentence.get(sentence.index, ()):
            if mention.start < quantity.end:
                continue
            gap_end = mention.start
            if gap_end - quantity.end > _FOLLOWING_PERIOD_GAP or mention.start > next_start:
                break
            if mention.relation in ("since", "from", "than", "after", "to", "on"):
                break
            if _PERIOD_GAP_BREAK.search(text, quantity.end, gap_end):
                break
            result[number] = mention.label
            claimed.add(id(mention))
            break
    for number, (quantity, sentence) in enumerate(placed):
        if result[number] is not None:
            continue
        for mention in reversed(periods_by_sentence.get(sentence.index, ())):
            if mention.end > quantity.start or id(mention) in claimed:
                continue
            if mention.relation in ("since", "from", "than", "after", "before", "until", "to", "on"):
                continue
            if text.find(";", mention.end, quantity.start) >= 0:
                continue
            if _BASELINE_BEFORE.search(text, max(sentence.start, quantity.start - 30), quantity.start):
                break  # "... from $639m": a baseline takes no period from the clause before
            result[number] = mention.label
            break
    return result


def _kind(text: str, quantity: Quantity, sentence: Sentence) -> str:
    window_start = max(sentence.start, quantity.start - _KIND_WINDOW)
    semicolon = text.rfind(";", window_start, quantity.start)
    if semicolon >= 0:
        window_start = semicolon + 1
    if quantity.marker == "from" or _BASELINE_BEFORE.search(text, max(window_start, quantity.start - 30), quantity.start):
        return "actual"
    kind = "actual"
    for cue in _KIND_CUE.finditer(text, window_start, quantity.start):
        kind = (cue.lastgroup or "actual").rstrip("_")
    target_after = _TARGET_AFTER.match(text, quantity.end)
    if target_after:
        return "target"  # "its 2% target"
    if kind == "actual":
        after = _KIND_AFTER.match(text, quantity.end, min(sentence.end, quantity.end + 40))
        if after:
            kind = (after.lastgroup or "actual").rstrip("_")
    return kind


def _metric(
    text: str,
    quantity: Quantity,
    sentence: Sentence,
    mentions: list[MetricMention],
    previous: ExtractedFigure | None,
    vocabulary: MetricVocabulary,
) -> tuple[Metric | None, str]:
    """The metric of a quantity and the unit it ends up with (a bare count takes the metric's noun)."""
    best: tuple[float, Metric, str] | None = None
    for mention in mentions:
        if mention.end <= quantity.start:
            distance = float(quantity.start - mention.end)
        elif mention.start >= quantity.end:
            distance = mention.start - quantity.end
            if distance > _METRIC_AFTER:
                break
            if distance > 12:  # "a 7.5% rise in exports" binds; a phrase in the next clause hardly does
                distance = distance * 3 + 20
        else:
            distance = 0.0  # the quantity's own counted noun: "40 direct flights"
        for metric in mention.metrics:
            unit = metric.resolve_unit(quantity.unit)
            if unit is None:
                continue
            if best is None or distance < best[0]:
                best = (distance, metric, unit)
            break
    if best is not None:
        return best[1], best[2]
    if previous is not None and previous.metric and _ANAPHORA.search(text, sentence.start, quantity.start):
        if previous.unit == quantity.unit or (previous.unit.isupper() and quantity.unit.isupper()):
            metric = vocabulary.by_name(previous.metric)
            if metric is not None:
                return metric, quantity.unit
    return None, quantity.unit
