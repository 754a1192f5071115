"""Which metric a figure measures: the phrase of the vocabulary that the figure is grammatically tied to.

Every phrase of the vocabulary in the figure's sentence is a candidate; the one with the lowest cost whose
metric accepts the figure's unit wins. The cost is the distance in characters, adjusted by the relation:

* a phrase after the figure binds only when close ("a 7.5% rise in exports", "5% of the economy");
* a phrase in another clause (across ";", ", but", ", while", ", which", ...) costs much more than one in
  the figure's own clause, so the subject of the figure's own verb wins ("X rose/fell/reached N");
* in "X of Y" the head X is what is measured: "the Nikkei index of leading shares fell 3%" is an index move;
* "a share" / "per share" after a price is a rate, not the share price: "an offer of 300p a share";
* a bare "deficit" in a sentence about trade is the trade deficit.

"that figure" takes the metric of the figure it refers back to. A bare count takes the counted noun of its
metric ("150,000 annually" near "arrivals" -> people/year).
"""

from __future__ import annotations

import re

from desktop.domain import ExtractedFigure, Sentence
from desktop.extract.metrics import Metric, MetricMention, MetricVocabulary
from desktop.extract.quantities import Quantity

_METRIC_AFTER = 60  # most characters after a figure a metric phrase may sit
_CLAUSE_COST = 80  # added to a phrase that sits in another clause than the figure
_ANAPHORA = re.compile(r"\b(?:that|this|the)\s+(?:figure|number|total|amount|level|sum)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:but|while|whereas|although|though|which|who|after|compared|with|and)\b|\b(?:but|whereas)\s|\s[-–—]\s",
    re.IGNORECASE,
)
_RATE_SHARE = re.compile(r"\b(?:a|per|each|every)\s+$", re.IGNORECASE)
_OF_MODIFIER = re.compile(r"\s+of\s+(?:(?:the|its|their|leading|top|blue-chip|biggest|largest|main)\s+){0,2}$", re.IGNORECASE)
_TRADE_CONTEXT = re.compile(r"\b(?:trade|imports?|exports?|current\s+account)\b", re.IGNORECASE)
_AMBIGUOUS_DEFICIT = ("deficit", "deficits", "shortfall", "gap")


def choose_metric(
    text: str,
    quantity: Quantity,
    sentence: Sentence,
    mentions: list[MetricMention],
    previous: ExtractedFigure | None,
    vocabulary: MetricVocabulary,
) -> tuple[Metric | None, str]:
    """The metric of a quantity and the unit it ends up with (a bare count takes the metric's noun)."""
    best: tuple[float, Metric, str, MetricMention] | None = None
    for number, mention in enumerate(mentions):
        if mention.end <= quantity.start:
            distance = float(quantity.start - mention.end)
            if _CLAUSE_BREAK.search(text, mention.end, quantity.start):
                distance += _CLAUSE_COST
        elif mention.start >= quantity.end:
            distance = mention.start - quantity.end
            if distance > _METRIC_AFTER:
                break
            if distance > 12:  # "a 7.5% rise in exports" binds; a phrase in the next clause hardly does
                distance = distance * 3 + 20
            if "," in text[quantity.end : mention.start] or _CLAUSE_BREAK.search(text, quantity.end, mention.start):
                continue  # "$284m, helped by box-office flops": after a comma, a phrase is not the figure's
        else:
            distance = 0.0  # the quantity's own counted noun: "40 direct flights"
        if mention.phrase.lower() in ("share", "shares") and _RATE_SHARE.search(text, max(0, mention.start - 8), mention.start):
            continue  # "300p a share": a rate, not the share price
        head = _head_of(text, mentions, number, quantity)
        for candidate in (head, mention) if head is not None else (mention,):
            chosen = _accepting(candidate, quantity.unit)
            if chosen is None:
                continue
            if best is None or distance < best[0]:
                best = (distance, chosen[0], chosen[1], candidate)
            break
    if best is not None:
        return _resolve_deficit(text, sentence, best[1], best[2], best[3], vocabulary)
    if previous is not None and previous.metric and _ANAPHORA.search(text, sentence.start, quantity.start):
        if previous.unit == quantity.unit or (previous.unit.isupper() and quantity.unit.isupper()):
            metric = vocabulary.by_name(previous.metric)
            if metric is not None:
                return metric, quantity.unit
    return None, quantity.unit


def _accepting(mention: MetricMention, unit: str) -> tuple[Metric, str] | None:
    for metric in mention.metrics:
        resolved = metric.resolve_unit(unit)
        if resolved is not None:
            return metric, resolved
    return None


def _head_of(text: str, mentions: list[MetricMention], number: int, quantity: Quantity) -> MetricMention | None:
    """In "the Nikkei index of leading shares", the phrase "index" that "shares" modifies."""
    mention = mentions[number]
    if number == 0 or mention.end > quantity.start:
        return None
    head = mentions[number - 1]
    if head.end <= mention.start and _OF_MODIFIER.fullmatch(text, head.end, mention.start):
        return head
    return None


def _resolve_deficit(
    text: str, sentence: Sentence, metric: Metric, unit: str, mention: MetricMention, vocabulary: MetricVocabulary
) -> tuple[Metric, str]:
    """A bare "deficit" is the budget deficit unless its sentence is about trade."""
    if metric.name == "budget deficit" and mention.phrase.lower() in _AMBIGUOUS_DEFICIT:
        if _TRADE_CONTEXT.search(text, sentence.start, sentence.end):
            trade = vocabulary.by_name("trade deficit")
            if trade is not None and trade.resolve_unit(unit) is not None:
                return trade, unit
    return metric, unit
