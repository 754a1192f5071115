"""A session and repository over hand-made figures: the charts' contract with core, without a store.

They follow desktop.core.session.Session where the charts touch it: ``hub``, ``figure``, ``figures()``
(scoped by the sector filter), ``select_figure`` (ignores unchanged values, publishes FigureSelected
with its origin) and ``repository.sentence_text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.core.hub import Hub
from desktop.core.messages import DataChanged, FigureSelected, SectorFilterChanged
from desktop.domain import Figure


class FakeRepository:
    def __init__(self, figures: Sequence[Figure], sentences: dict[tuple[int, int], str] | None = None) -> None:
        self._figures = list(figures)
        self._sentences = sentences or {}

    def figure(self, figure_id: int) -> Figure:
        for figure in self._figures:
            if figure.id == figure_id:
                return figure
        raise KeyError(f"no figure {figure_id}")

    def figures(self, scope=None) -> list[Figure]:  # noqa: ANN001 - a desktop.store.repository.Scope
        found = self._figures
        if scope is not None and scope.sectors:
            found = [f for f in found if set(f.sectors) & set(scope.sectors)]
        if scope is not None and scope.metric is not None:
            found = [f for f in found if f.metric == scope.metric]
        return list(found)

    def metrics(self) -> list[str]:
        return sorted({f.metric for f in self._figures if f.metric})

    def sentence_text(self, document_id: int, index: int) -> str:
        try:
            return self._sentences[(document_id, index)]
        except KeyError:
            raise KeyError(f"no sentence {index} in document {document_id}") from None


class FakeSession:
    def __init__(self, figures: Sequence[Figure], sentences: dict[tuple[int, int], str] | None = None) -> None:
        self.repository = FakeRepository(figures, sentences)
        self.hub = Hub()
        self.hub.log = []
        self.figure: Figure | None = None
        self.sectors_filter: frozenset[str] = frozenset()
        self.calls: list[tuple[int | None, object]] = []

    def figures(self, metric: str | None = None) -> list[Figure]:
        from desktop.store.repository import Scope

        return self.repository.figures(Scope(sectors=self.sectors_filter, metric=metric))

    def reconcile_groups(self, figures: Sequence[Figure] | None = None) -> list:
        """The real grouping, with no stored decisions (this double keeps none)."""
        from desktop.core.reconcile import group_figures

        return group_figures(self.figures() if figures is None else figures)

    def select_figure(self, figure_id: int | None, origin: object = None) -> None:
        self.calls.append((figure_id, origin))
        figure = self.repository.figure(figure_id) if figure_id is not None else None
        if figure == self.figure:
            return
        self.figure = figure
        self.hub.publish(FigureSelected(figure, origin=origin))

    def set_sector_filter(self, sectors: Iterable[str], origin: object = None) -> None:
        sectors = frozenset(sectors)
        if sectors != self.sectors_filter:
            self.sectors_filter = sectors
            self.hub.publish(SectorFilterChanged(sectors, origin=origin))

    def replace_figures(self, figures: Sequence[Figure]) -> None:
        self.repository._figures = list(figures)
        self.hub.publish(DataChanged(frozenset({"figures"})))
