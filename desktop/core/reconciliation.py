"""Reconciliation over the store: the stored figures and the analyst's decisions, grouped."""

from __future__ import annotations

from desktop.core.reconcile import FigureDecision, FigureGroup, group_figures
from desktop.store.repository import Repository, Scope


def decisions_of(repository: Repository) -> dict[int, FigureDecision]:
    return {
        figure_id: FigureDecision(curation.status, curation.note)  # type: ignore[arg-type]
        for figure_id, curation in repository.figure_curation().items()
        if curation.status in ("accepted", "rejected")
    }


def reconcile_store(repository: Repository, *, sectors: frozenset[str] = frozenset(),
                    entity_id: int | None = None) -> list[FigureGroup]:
    """Every group of the figures in scope, conflicts first (most severe first)."""
    figures = repository.figures(Scope(sectors=sectors, entity_id=entity_id))
    return group_figures(figures, decisions_of(repository), repository.group_notes())
