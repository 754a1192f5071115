"""One text in, one Extraction out: sentences, sector labels, figures, entity mentions.

The pipeline owns the shared vocabularies (sector taxonomy, metric vocabulary, optional entity tagger) so
that callers extracting thousands of documents load them once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from desktop.domain import Extraction
from desktop.extract.entities import find_mentions
from desktop.extract.figures import find_figures
from desktop.extract.gazetteer import shared_gazetteer
from desktop.extract.metrics import MetricVocabulary, load_metric_vocabulary
from desktop.extract.scoping import scope_national_metrics
from desktop.extract.sectors import SectorTaxonomy
from desktop.extract.sentences import split_sentences


@dataclass
class Pipeline:
    taxonomy: SectorTaxonomy
    vocabulary: MetricVocabulary
    use_model: bool = True

    @classmethod
    def load(cls, *, user_sectors: Path | None = None, user_metrics: Path | None = None,
             use_model: bool = True) -> Pipeline:
        taxonomy = SectorTaxonomy.load(user_path=user_sectors if user_sectors and user_sectors.exists() else None)
        vocabulary = load_metric_vocabulary(user_metrics if user_metrics and user_metrics.exists() else None)
        return cls(taxonomy, vocabulary, use_model)

    def extract(self, text: str) -> Extraction:
        sentences = split_sentences(text)
        sentence_sectors = tuple(self.taxonomy.label(text[s.start:s.end]) for s in sentences)
        model_spans = None  # no model read the text (the rules alone decide)
        if self.use_model:
            from desktop.extract.ner import shared_tagger  # the model loads on first use, not at import

            model_spans = shared_tagger().spans(text, sentences)
        mentions = find_mentions(text, sentences, extra_spans=model_spans)
        found = find_figures(text, sentences, self.vocabulary)
        found = scope_national_metrics(text, sentences, found, mentions, self.vocabulary, shared_gazetteer())
        figures = []
        for figure in found:
            merged = _ordered_union(sentence_sectors[figure.sentence_index], figure.sectors, self.taxonomy.keys())
            figures.append(replace(figure, sectors=merged))
        return Extraction(tuple(sentences), tuple(figures), tuple(mentions), sentence_sectors)


def _ordered_union(first: tuple[str, ...], second: tuple[str, ...], order: tuple[str, ...]) -> tuple[str, ...]:
    keys = set(first) | set(second)
    ranked = {key: position for position, key in enumerate(order)}
    return tuple(sorted(keys, key=lambda key: (ranked.get(key, len(ranked)), key)))
