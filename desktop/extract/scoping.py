"""Whose figure is it: national metrics carry their country ("GDP growth (Kazakhstan)").

Kazakhstan's GDP growth is not Vietnam's, so metrics marked ``"scope": "national"`` in metrics.json take the
economy the sentence speaks of: the nearest country named (or written as a demonym, "the Kazakh economy")
before the figure in its sentence; failing that, when the sentence points back ("its economy", "the
country's exports"), the first country of the sentence before. With no country in sight the metric stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from desktop.domain import ExtractedFigure, ExtractedMention, Sentence
from desktop.extract.gazetteer import Gazetteer
from desktop.extract.metrics import MetricVocabulary
from desktop.extract.names import fold

NATIONAL = "national"
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POINTS_BACK = re.compile(
    r"\b(?:its|the country['’]s|the nation['’]s|the)\s+(?:economy|gdp|exports|imports|debt|budget|inflation|"
    r"unemployment|trade|deficit|surplus|growth)\b", re.IGNORECASE)


def _countries_in(text: str, start: int, end: int, mentions: Sequence[ExtractedMention],
                  gazetteer: Gazetteer) -> list[tuple[int, str]]:
    """(offset, country) for every country named or implied by a demonym in text[start:end]."""
    countries = gazetteer.countries
    found = [(m.start, m.name) for m in mentions if start <= m.start < end and m.type == "place"
             and m.name in countries]
    for word in _WORD.finditer(text, start, end):
        country = gazetteer.demonyms.get(fold(word.group()))
        if country in countries:
            found.append((word.start(), country))
    return sorted(found)


def scope_national_metrics(text: str, sentences: Sequence[Sentence], figures: Sequence[ExtractedFigure],
                           mentions: Sequence[ExtractedMention], vocabulary: MetricVocabulary,
                           gazetteer: Gazetteer) -> list[ExtractedFigure]:
    scoped = []
    for figure in figures:
        metric = vocabulary.by_name(figure.metric) if figure.metric else None
        if metric is None or metric.scope != NATIONAL:
            scoped.append(figure)
            continue
        sentence = sentences[figure.sentence_index]
        before = _countries_in(text, sentence.start, figure.start, mentions, gazetteer)
        country = before[-1][1] if before else None
        if country is None and figure.sentence_index > 0 and _POINTS_BACK.search(text, sentence.start,
                                                                                 figure.start):
            previous = sentences[figure.sentence_index - 1]
            earlier = _countries_in(text, previous.start, previous.end, mentions, gazetteer)
            country = earlier[0][1] if earlier else None
        scoped.append(replace(figure, metric=f"{figure.metric} ({country})") if country else figure)
    return scoped
