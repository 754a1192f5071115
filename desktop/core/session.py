"""The session: every user action arrives here as a command, and every view hears the result on the hub.

Views never call each other. A command changes the selection or the store, then publishes what changed;
setters ignore unchanged values, so no selection echoes back and forth between views.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.hub import Hub
from desktop.core.importer import ImportReport, import_paths, reextract_all
from desktop.core.messages import (
    ALL_PARTS,
    DataChanged,
    DocumentOpened,
    EntitySelected,
    FigureSelected,
    SearchChanged,
    SectorFilterChanged,
    TaskFinished,
    TaskProgress,
)
from desktop.core.preferences import Preferences
from desktop.core.reconcile import FigureDecision, FigureGroup, group_figures, group_of
from desktop.core.reconciliation import decisions_of
from desktop.core.tasks import SyncTaskRunner, TaskContext, TaskRunner
from desktop.core.vocabulary import user_metrics_path, user_sectors_path
from desktop.domain import DocumentInfo, Entity, Figure, Mention, Sector, Sentence
from desktop.extract.pipeline import Pipeline
from desktop.paths import seeds_dir
from desktop.store.repository import Repository, Scope



def user_pipeline(*, use_model: bool = True) -> Pipeline:
    """The extraction pipeline with the user's own sector and metric files, where they exist."""
    return Pipeline.load(user_sectors=user_sectors_path(), user_metrics=user_metrics_path(), use_model=use_model)


@dataclass(frozen=True)
class DocumentView:
    """Everything the document pane shows for one document."""

    document: DocumentInfo
    text: str
    sentences: tuple[tuple[Sentence, tuple[str, ...]], ...]
    figures: tuple[Figure, ...]
    mentions: tuple[Mention, ...]


class Session:
    def __init__(self, repository: Repository, *, hub: Hub | None = None, runner: TaskRunner | None = None,
                 preferences: Preferences | None = None, pipeline: Pipeline | None = None,
                 preferences_path: Path | None = None) -> None:
        self.repository = repository
        self.hub = hub or Hub()
        self.runner: TaskRunner = runner or SyncTaskRunner()
        self.preferences = preferences or Preferences()
        self._preferences_path = preferences_path
        self._pipeline = pipeline
        self.sectors_filter: frozenset[str] = frozenset(self.preferences.sector_filter)
        self.search_text = ""
        self.figure: Figure | None = None
        self.entity_id: int | None = None
        self.document_id: int | None = None
        self._task = None
        # Query results by scope, dropped whenever stored data changes: every view asks for the same
        # figures and entities after one click, and with thousands of documents each query costs.
        self._cache: dict[tuple, object] = {}

    # ----------------------------------------------------------------- shared resources
    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self.reload_vocabularies()
        return self._pipeline

    def reload_vocabularies(self) -> None:
        """Read the (edited) user vocabularies again for the next import or re-extraction."""
        self._pipeline = user_pipeline(use_model=self._pipeline.use_model if self._pipeline is not None else True)

    def save_preferences(self) -> None:
        self.preferences.sector_filter = sorted(self.sectors_filter)
        self.preferences.save(self._preferences_path)

    # ----------------------------------------------------------------- scope and queries
    def scope(self, *, with_search: bool = False) -> Scope:
        return Scope(sectors=self.sectors_filter, entity_id=self.entity_id,
                     search=self.search_text if with_search else "")

    def _cached(self, key: tuple, compute):  # noqa: ANN001, ANN202 - any query
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def sectors(self) -> list[Sector]:
        return self._cached(("sectors",), lambda: self.repository.sectors() or list(self.pipeline.taxonomy.sectors))

    def entity_name(self, entity_id: int) -> str | None:
        """An entity's name for labels (None once it is gone), cached like the other queries: the status bar
        and the sidebar ask on every selection."""

        def lookup() -> str | None:
            try:
                return self.repository.entity(entity_id).name
            except KeyError:
                return None

        return self._cached(("entity name", entity_id), lookup)

    def documents(self) -> list[DocumentInfo]:
        scope = self.scope(with_search=True)
        return list(self._cached(("documents", scope), lambda: self.repository.documents(scope)))

    def figures(self, metric: str | None = None) -> list[Figure]:
        scope = self.scope()
        if metric is not None:
            scope = Scope(sectors=scope.sectors, entity_id=scope.entity_id, metric=metric)
        return list(self._figures_in(scope))

    def _figures_in(self, scope: Scope) -> list[Figure]:
        return self._cached(("figures", scope), lambda: self.repository.figures(scope))

    def entities(self, entity_type: str | None = None) -> list[Entity]:
        scope = Scope(sectors=self.sectors_filter)
        return list(self._cached(("entities", scope, entity_type),
                                 lambda: self.repository.entities(scope, entity_type=entity_type)))

    def decisions(self) -> dict[int, FigureDecision]:
        return dict(self._cached(("decisions",), lambda: decisions_of(self.repository)))

    def reconcile_groups(self, figures: Sequence[Figure] | None = None) -> list[FigureGroup]:
        """Groups of ``figures`` (default: every figure in the sector filter) with the analyst's decisions."""
        if figures is None:
            scope = Scope(sectors=self.sectors_filter)
            return list(self._cached(("groups", scope), lambda: self.reconcile_groups(self._figures_in(scope))))
        notes = self._cached(("notes",), self.repository.group_notes)
        return group_figures(figures, self.decisions(), notes)

    def hidden_entities(self) -> list[Entity]:
        """Entities the user hid, so that they can be shown again."""
        return [entity for entity in self.repository.entities(include_hidden=True) if entity.hidden]

    def document_view(self, document_id: int) -> DocumentView:
        return DocumentView(
            document=self.repository.document(document_id),
            text=self.repository.document_text(document_id),
            sentences=tuple(self.repository.sentences(document_id)),
            figures=tuple(self.repository.figures(Scope(document_id=document_id))),
            mentions=tuple(self.repository.mentions(document_id=document_id)),
        )

    # ----------------------------------------------------------------- selection commands
    def select_figure(self, figure_id: int | None, origin: object = None) -> None:
        figure = self.repository.figure(figure_id) if figure_id is not None else None
        if figure == self.figure:
            return
        self.figure = figure
        if figure is not None and figure.document_id != self.document_id:
            self.document_id = figure.document_id
            self.hub.publish(DocumentOpened(figure.document_id, origin=origin))
        self.hub.publish(FigureSelected(figure, origin=origin))

    def open_document(self, document_id: int | None, origin: object = None) -> None:
        if document_id == self.document_id:
            return
        self.document_id = document_id
        if self.figure is not None and self.figure.document_id != document_id:
            self.figure = None
            self.hub.publish(FigureSelected(None, origin=origin))
        self.hub.publish(DocumentOpened(document_id, origin=origin))

    def select_entity(self, entity_id: int | None, origin: object = None) -> None:
        if entity_id == self.entity_id:
            return
        self.entity_id = entity_id
        self.hub.publish(EntitySelected(entity_id, origin=origin))

    def set_sector_filter(self, sectors: Iterable[str], origin: object = None) -> None:
        sectors = frozenset(sectors)
        if sectors == self.sectors_filter:
            return
        self.sectors_filter = sectors
        self.save_preferences()
        self.hub.publish(SectorFilterChanged(sectors, origin=origin))

    def toggle_sector(self, key: str, on: bool, origin: object = None) -> None:
        sectors = set(self.sectors_filter)
        (sectors.add if on else sectors.discard)(key)
        self.set_sector_filter(sectors, origin)

    def set_search(self, text: str, origin: object = None) -> None:
        if text == self.search_text:
            return
        self.search_text = text
        self.hub.publish(SearchChanged(text, origin=origin))

    # ----------------------------------------------------------------- entity curation
    def _changed(self, *parts: str, origin: object = None) -> None:
        self._cache.clear()
        self.hub.publish(DataChanged(frozenset(parts), origin=origin))

    def rename_entity(self, entity_id: int, name: str, origin: object = None) -> None:
        self.repository.rename_entity(entity_id, name)
        self._changed("entities", origin=origin)

    def set_entity_type(self, entity_id: int, entity_type: str, origin: object = None) -> None:
        self.repository.set_entity_type(entity_id, entity_type)
        self._changed("entities", origin=origin)

    def hide_entity(self, entity_id: int, hidden: bool = True, origin: object = None) -> None:
        self.repository.set_entity_hidden(entity_id, hidden)
        if hidden and self.entity_id == entity_id:
            self.select_entity(None, origin)
        self._changed("entities", origin=origin)

    def merge_entities(self, source_ids: Sequence[int], target_id: int, origin: object = None) -> None:
        self.repository.merge_entities(source_ids, target_id)
        if self.entity_id in source_ids:
            self.select_entity(target_id, origin)
        self._changed("entities", "documents", origin=origin)

    def split_alias(self, entity_id: int, alias: str, origin: object = None) -> int:
        new_id = self.repository.split_alias(entity_id, alias)
        self._changed("entities", "documents", origin=origin)
        return new_id

    # ----------------------------------------------------------------- figure decisions
    def decide_figure(self, figure_id: int, status: str | None, note: str | None = None,
                      origin: object = None) -> None:
        self.repository.set_figure_decision(figure_id, status, note)
        self._changed("decisions", origin=origin)

    def accept_figure(self, figure_id: int, origin: object = None) -> None:
        """Accept one figure for its group: any other accepted figure of the group is cleared, so a group has
        at most one accepted figure however the decision is made (Reconcile view, figures table menu)."""
        figure = self.repository.figure(figure_id)
        if figure.metric:
            group = group_of(self.reconcile_groups(self._figures_in(Scope(metric=figure.metric))), figure_id)
            for other in group.figures if group is not None else ():
                if other.id != figure_id and group.decision_of(other.id) == "accepted":
                    self.repository.set_figure_decision(other.id, None, None)
        self.decide_figure(figure_id, "accepted", origin=origin)

    def reassign_metric(self, figure_id: int, metric: str | None, origin: object = None) -> None:
        self.repository.set_figure_metric(figure_id, metric)
        if self.figure is not None and self.figure.id == figure_id:
            self.figure = self.repository.figure(figure_id)
        self._changed("figures", "metrics", "decisions", origin=origin)

    def set_group_note(self, group_key: str, note: str, origin: object = None) -> None:
        self.repository.set_group_note(group_key, note)
        self._changed("decisions", origin=origin)

    # ----------------------------------------------------------------- long work
    def import_paths(self, paths: Sequence[Path | str], origin: object = None) -> None:
        """Import in the task runner; progress and the report arrive on the hub."""
        pipeline = self.pipeline
        task = "import"

        def work(context: TaskContext) -> ImportReport:
            return import_paths(self.repository, pipeline, paths, progress=context.progress,
                                is_cancelled=context.cancelled)

        def progress(done: int, total: int, label: str) -> None:
            self.hub.publish(TaskProgress(task, done, total, label, origin=origin))

        def done(report: ImportReport | None, error: BaseException | None) -> None:
            self._task = None
            if error is not None or report is None:
                self.hub.publish(TaskFinished(task, "Import failed", error=str(error), origin=origin))
                return
            self._changed(*ALL_PARTS, origin=origin)
            self.hub.publish(TaskFinished(task, report.summary(), tuple(report.failed), report.cancelled,
                                          origin=origin))

        self._task = self.runner.submit(task, work, done, progress)

    def cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def reextract(self, origin: object = None) -> None:
        pipeline = self.pipeline
        task = "re-extract"

        def work(context: TaskContext) -> int:
            return reextract_all(self.repository, pipeline, progress=context.progress,
                                 is_cancelled=context.cancelled)

        def progress(done: int, total: int, label: str) -> None:
            self.hub.publish(TaskProgress(task, done, total, label, origin=origin))

        def done(count: int | None, error: BaseException | None) -> None:
            self._task = None
            self.figure = None
            self._changed(*ALL_PARTS, origin=origin)
            summary = f"Re-extracted {count} documents" if error is None else "Re-extraction failed"
            self.hub.publish(TaskFinished(task, summary, error=str(error) if error else None, origin=origin))

        self._task = self.runner.submit(task, work, done, progress)

    def ensure_seeded(self) -> ImportReport | None:
        """On first launch with an empty store, import the shipped seeds (synchronously: they are small)."""
        if self.repository.document_count() > 0:
            return None
        report = import_paths(self.repository, self.pipeline, [seeds_dir()], workers=1)
        self._changed(*ALL_PARTS)
        return report
