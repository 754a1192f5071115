"""Import goes on past a file that breaks extraction, and names it."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.importer import import_paths
from tests.conftest import SEEDS


@dataclass
class _Breaks:
    """A pipeline that fails on one document and delegates the rest."""

    inner: object
    poison: str

    @property
    def taxonomy(self):  # noqa: ANN201
        return self.inner.taxonomy

    def extract(self, text: str):  # noqa: ANN201
        if self.poison in text:
            raise RuntimeError("tagger crashed")
        return self.inner.extract(text)


def test_a_file_that_breaks_extraction_is_named_and_the_batch_goes_on(repository, pipeline):
    report = import_paths(repository, _Breaks(pipeline, "Sovico Group"), [SEEDS], workers=1)
    assert report.added == 1
    assert report.failed == [(str(SEEDS / "000_5a05035d248fb0ac.txt"),
                              "extraction failed (RuntimeError: tagger crashed)")]
    assert [d.source_name for d in repository.documents()] == ["001_ae37e9c086af8f7d.txt"]
