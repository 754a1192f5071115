"""A cited briefing as data: charts' figures, a numbered citation for each, and the open conflicts.

Qt-free: the export layer renders this to PDF and HTML. Citations are numbered in the order the figures
first appear (section by section, then the conflicts), and one figure always keeps one number.
Metrics that differ only by rate words ("direct flights per week" / "per day") share one section, as they
share one chart, so the figures the reconciliation compares are listed together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop.core.reconcile import FigureGroup, chart_metrics, followed_figures, group_figures
from desktop.core.reconciliation import decisions_of
from desktop.domain import Figure
from desktop.store.repository import Repository, Scope


@dataclass(frozen=True)
class Citation:
    number: int
    figure_id: int
    document_title: str
    document_date: str | None
    source: str  # file name
    sentence: str


@dataclass(frozen=True)
class BriefingSection:
    metric: str
    figures: tuple[Figure, ...]  # what the chart draws: accepted values, else every figure not rejected
    set_aside: tuple[Figure, ...]  # rejected, or not accepted where another was: listed, charted faded
    citations: dict[int, int] = field(default_factory=dict)  # figure id -> citation number
    groups: tuple[FigureGroup, ...] = ()  # reconciliation groups of the section's figures (for the chart)

    @property
    def all_figures(self) -> tuple[Figure, ...]:
        return tuple(sorted((*self.figures, *self.set_aside),
                            key=lambda f: (f.period or f.document_date or "", f.document_date or "", f.id)))


@dataclass(frozen=True)
class Briefing:
    title: str
    generated: str
    sectors: tuple[str, ...]
    sections: tuple[BriefingSection, ...]
    conflicts: tuple[FigureGroup, ...]  # open conflicts among the briefing's metrics, most severe first
    citations: tuple[Citation, ...]
    decided: tuple[FigureGroup, ...] = ()  # groups where the analyst accepted a figure
    documents: int = 0  # distinct documents cited

    def citation_of(self, figure_id: int) -> int:
        for citation in self.citations:
            if citation.figure_id == figure_id:
                return citation.number
        raise KeyError(figure_id)


def build_briefing(repository: Repository, *, metrics: Sequence[str] | None = None,
                   figure_ids: Iterable[int] | None = None, sectors: Iterable[str] = (),
                   title: str = "Briefing", today: str | None = None) -> Briefing:
    """Sections for ``metrics`` (default: every metric with two or more figures in scope), optionally limited
    to the figures the analyst picked."""
    scope = Scope(sectors=frozenset(sectors))
    everything = [figure for figure in repository.figures(scope) if figure.metric]
    if figure_ids is not None:
        picked = set(figure_ids)
        everything = [figure for figure in everything if figure.id in picked]
    by_metric: dict[str, list[Figure]] = {}
    for figure in everything:
        by_metric.setdefault(figure.metric or "", []).append(figure)
    section_of = chart_metrics({metric: len(found) for metric, found in by_metric.items()})
    by_section: dict[str, list[Figure]] = {}
    for figure in everything:
        by_section.setdefault(section_of[figure.metric or ""], []).append(figure)
    if metrics is None:
        metrics = sorted((m for m, found in by_section.items() if len(found) >= 2),
                         key=lambda m: (-len(by_section[m]), m))
    else:
        unknown = [metric for metric in metrics if metric not in by_metric]
        if unknown:
            raise KeyError(f"no figures for metric(s): {', '.join(unknown)}")
        metrics = list(dict.fromkeys(section_of[metric] for metric in metrics))
    notes = repository.group_notes()
    decisions = decisions_of(repository)
    cited = [figure for metric in metrics for figure in by_section.get(metric, ())]
    sentences = repository.sentence_texts((figure.document_id, figure.sentence_index) for figure in cited)
    numbers: dict[int, int] = {}
    citations: list[Citation] = []

    def cite(figure: Figure) -> int:
        if figure.id not in numbers:
            numbers[figure.id] = len(numbers) + 1
            citations.append(Citation(
                numbers[figure.id], figure.id, figure.document_title, figure.document_date,
                figure.document_source_name, sentences[(figure.document_id, figure.sentence_index)],
            ))
        return numbers[figure.id]

    sections = []
    for metric in metrics:
        found = sorted(by_section[metric], key=lambda f: (f.period or f.document_date or "", f.document_date or "",
                                                          f.id))
        followed = followed_figures(found, decisions)
        followed_ids = {figure.id for figure in followed}
        set_aside = tuple(figure for figure in found if figure.id not in followed_ids)
        section_citations = {figure.id: cite(figure) for figure in found}
        groups = tuple(group_figures(found, decisions, notes))
        sections.append(BriefingSection(metric, tuple(followed), set_aside, section_citations, groups))

    chosen = set(metrics)
    all_groups = group_figures(everything, decisions, notes)
    in_briefing = [g for g in all_groups if any(section_of[f.metric or ""] in chosen for f in g.figures)]
    conflicts = tuple(group for group in in_briefing if group.status == "conflict")
    decided = tuple(group for group in in_briefing if group.status == "accepted")
    for group in conflicts:
        for figure in group.figures:
            cite(figure)
    documents = len({citation.source for citation in citations})
    return Briefing(
        title=title, generated=today or date.today().isoformat(),
        sectors=tuple(sorted(scope.sectors)), sections=tuple(sections), conflicts=conflicts,
        citations=tuple(citations), decided=decided, documents=documents,
    )
