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
* a kind (:mod:`desktop.extract.kinds`): the last cue before it in its clause ("aim to" -> target,
  "projected to", "could" -> projection, "reached", "the current" -> actual), or a cue right after it;
* a metric (:mod:`desktop.extract.metric_choice`): the phrase of the vocabulary it is tied to (its own
  clause, the head of "X of Y", a close phrase after it), "that figure" -> the metric of the figure it refers
  back to. A bare number takes the counted noun of its metric ("150,000 annually" near "arrivals" -> people/year);
* a late period: "in 1998" further on in the same clause when nothing closer gave one.

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
from desktop.extract.kinds import figure_kind
from desktop.extract.metric_choice import choose_metric
from desktop.extract.metrics import MetricMention, MetricVocabulary, default_vocabulary
from desktop.extract.periods_in_text import PeriodMention, find_periods
from desktop.extract.quantities import Quantity, scan_quantities

__all__ = ["find_figures"]

_BASELINE_BEFORE = re.compile(r"\b(?:from|against|compared\s+(?:with|to)|versus)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_PERIOD_GAP_BREAK = re.compile(
    r"[;:]|\b(?:from|than|compared|against|since|versus|up|down|and|but|while|which|who|they|it|he|she|we|about)\b",
    re.IGNORECASE,
)

_LATE_PERIOD_GAP = 90  # a period this far after a figure, in the same clause, is still its own
_LATE_PERIOD_BREAK = re.compile(
    r"[;:()]|\b(?:than|compared|against|since|versus|but|while|whereas|which|who|after|before|from|said|says|to|they|it|he|she|we)\b",
    re.IGNORECASE,
)
_LATE_PERIOD_LEAD = re.compile(r"\b(?:in|during)\s+(?:the\s+(?:whole\s+of\s+)?|fiscal\s+)?$", re.IGNORECASE)
_FOLLOWING_PERIOD_GAP = 45  # most characters between a figure and a period that belongs to it


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
        metric, unit = choose_metric(text, quantity, sentence, metric_mentions[sentence.index], previous, vocabulary)
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
            kind=figure_kind(text, quantity, sentence),
            metric=metric.name if metric else None,
            sectors=(metric.sector,) if metric else (),
        )
        figures.append(figure)
        previous = figure
    return _share_within_conversions(text, figures)


_CONVERSION_OPEN = re.compile(r"\s*\(\s*")
_CONVERSION_NEXT = re.compile(r"\s*[;,/]\s*")


def _share_within_conversions(text: str, figures: list[ExtractedFigure]) -> list[ExtractedFigure]:
    """"$1.13bn (£600m)", "5.65bn euros ($7.4bn; £3.9bn)": one amount, so one period, kind and metric, and
    the converted amounts share the qualifier of the original ("about 70 euro cents (£0.48; $0.98)")."""
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
                    qualifier=opener.qualifier if figures[number].qualifier == "exact" else figures[number].qualifier,
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
    for number, (quantity, sentence) in enumerate(placed):
        if result[number] is not None:
            continue
        for mention in periods_by_sentence.get(sentence.index, ()):
            # "killed 10,000 people and caused damage of $10bn in 1998": a later period of the same clause
            if mention.start < quantity.end:
                continue
            lead = _LATE_PERIOD_LEAD.search(text, max(quantity.end, mention.start - 25), mention.start)
            if mention.start - quantity.end <= _LATE_PERIOD_GAP and mention.relation == "in" and lead:
                if not _LATE_PERIOD_BREAK.search(text, quantity.end, mention.start):
                    result[number] = mention.label
            break
    return result
