"""The repository: the only place that speaks SQL. Rows in, frozen domain records out.

Writes of one document happen in one transaction, so a crash or a bad file never leaves half a document.
Reads take an optional :class:`Scope` (sector filter, entity, search) shared by every view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine, delete, distinct, func, select, tuple_, update
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain import DocumentInfo, Entity, Extraction, Figure, Mention, RawDocument, Sector, Sentence
from desktop.domain.text import fold_diacritics
from desktop.store.engine import create_store_engine
from desktop.store.schema import (
    AliasSplitRow,
    DocumentRow,
    EntityRedirectRow,
    EntityRow,
    FigureCurationRow,
    FigureRow,
    FigureSectorRow,
    GroupNoteRow,
    MentionRow,
    SectorRow,
    SentenceRow,
    SentenceSectorRow,
)


_DOCUMENTS = DocumentRow.__table__
_SENTENCES = SentenceRow.__table__
_SENTENCE_SECTORS = SentenceSectorRow.__table__
_ENTITIES = EntityRow.__table__
_MENTIONS = MentionRow.__table__
_FIGURES = FigureRow.__table__
_FIGURE_SECTORS = FigureSectorRow.__table__


@dataclass(frozen=True, slots=True)
class Scope:
    """What the views are narrowed to. Empty sectors means every sector."""

    sectors: frozenset[str] = frozenset()
    entity_id: int | None = None
    search: str = ""
    document_id: int | None = None
    metric: str | None = None


@dataclass(frozen=True, slots=True)
class StoredCuration:
    status: str | None
    note: str
    metric: str | None


@dataclass(slots=True)
class AddResult:
    document_id: int
    created: bool
    figures: int = 0
    mentions: int = 0
    new_entities: list[tuple[str, str]] = field(default_factory=list)  # (key, name) of entities made


class Repository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None) -> Repository:
        return cls(create_store_engine(url))

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return self._sessions()

    # ----------------------------------------------------------------- sectors
    def sync_sectors(self, sectors: Sequence[Sector]) -> None:
        """Make the sectors table match the taxonomy in use (labels and order)."""
        with self.session() as session, session.begin():
            existing = {row.key: row for row in session.scalars(select(SectorRow))}
            for position, sector in enumerate(sectors):
                row = existing.get(sector.key)
                if row is None:
                    session.add(SectorRow(key=sector.key, label=sector.label, position=position))
                else:
                    row.label, row.position = sector.label, position

    def sectors(self) -> list[Sector]:
        with self.session() as session:
            rows = session.scalars(select(SectorRow).order_by(SectorRow.position, SectorRow.key))
            return [Sector(row.key, row.label) for row in rows]

    # ----------------------------------------------------------------- writing documents
    def checksums(self) -> set[str]:
        with self.session() as session:
            return set(session.scalars(select(DocumentRow.checksum)))

    def add_document(self, raw: RawDocument, extraction: Extraction, mention_keys: Sequence[str]) -> AddResult:
        """Store a document with everything extracted from it, in one transaction; a known checksum is a no-op."""
        with self.session() as session, session.begin():
            connection = session.connection()
            known = connection.execute(select(DocumentRow.id).where(DocumentRow.checksum == raw.checksum)).scalar()
            if known is not None:
                return AddResult(known, created=False)
            document_id = connection.execute(
                _DOCUMENTS.insert().returning(_DOCUMENTS.c.id),
                {
                    "checksum": raw.checksum, "title": raw.title, "date": raw.date, "source": raw.source,
                    "format": raw.format, "text": raw.text,
                    "search_text": fold_diacritics(raw.title + "\n" + raw.text), "extractor_version": 1,
                },
            ).scalar_one()
            return self._write_extraction(session, document_id, raw.checksum, extraction, mention_keys)

    def replace_extraction(self, document_id: int, extraction: Extraction, mention_keys: Sequence[str]) -> AddResult:
        """Swap a document's derived rows for a new extraction; the user's decisions stay (keyed by span)."""
        with self.session() as session, session.begin():
            checksum = session.scalar(select(DocumentRow.checksum).where(DocumentRow.id == document_id))
            if checksum is None:
                raise KeyError(f"no document {document_id}")
            for table in (MentionRow, FigureRow, SentenceRow):
                session.execute(delete(table).where(table.document_id == document_id))
            return self._write_extraction(session, document_id, checksum, extraction, mention_keys)

    def _write_extraction(
        self, session: Session, document_id: int, checksum: str, extraction: Extraction, mention_keys: Sequence[str]
    ) -> AddResult:
        # Core executemany rather than ORM units of work: an import writes ~100 rows a document, and the
        # ORM's per-row bookkeeping was three quarters of the import time.
        connection = session.connection()
        result = AddResult(document_id, created=True)
        sentence_rows = [
            {"document_id": document_id, "idx": s.index, "start": s.start, "end": s.end,
             "sectors": " ".join(sectors)}
            for s, sectors in zip(extraction.sentences, extraction.sentence_sectors, strict=True)
        ]
        if sentence_rows:
            connection.execute(_SENTENCES.insert(), sentence_rows)
            sentence_ids = dict(connection.execute(
                select(SentenceRow.idx, SentenceRow.id).where(SentenceRow.document_id == document_id)
            ).all())
            sector_rows = [
                {"sentence_id": sentence_ids[s.index], "sector_key": key, "document_id": document_id}
                for s, sectors in zip(extraction.sentences, extraction.sentence_sectors, strict=True)
                for key in sectors
            ]
            if sector_rows:
                connection.execute(_SENTENCE_SECTORS.insert(), sector_rows)

        entity_ids = self._resolve_entities(session, extraction, mention_keys, result)
        mention_rows = [
            {"document_id": document_id, "entity_id": entity_ids[key], "sentence_idx": mention.sentence_index,
             "start": mention.start, "end": mention.end, "text": mention.text, "title": mention.title}
            for mention, key in zip(extraction.mentions, mention_keys, strict=True)
        ]
        self._apply_alias_splits(session, mention_rows)
        if mention_rows:
            connection.execute(_MENTIONS.insert(), mention_rows)
        result.mentions = len(mention_rows)

        curated_metrics = dict(((start, end), metric) for start, end, metric in connection.execute(
            select(FigureCurationRow.start, FigureCurationRow.end, FigureCurationRow.metric).where(
                FigureCurationRow.checksum == checksum, FigureCurationRow.metric.is_not(None))))
        figure_rows = [
            {"document_id": document_id, "sentence_idx": figure.sentence_index, "start": figure.start,
             "end": figure.end, "text": figure.text, "value": figure.value, "low": figure.low, "high": figure.high,
             "unit": figure.unit, "qualifier": figure.qualifier, "period": figure.period, "kind": figure.kind,
             "metric": curated_metrics.get((figure.start, figure.end), figure.metric),
             "extracted_metric": figure.metric, "sectors": " ".join(figure.sectors)}
            for figure in extraction.figures
        ]
        if figure_rows:
            connection.execute(_FIGURES.insert(), figure_rows)
            figure_ids = {(start, end): figure_id for figure_id, start, end in connection.execute(
                select(FigureRow.id, FigureRow.start, FigureRow.end).where(FigureRow.document_id == document_id))}
            sector_rows = [
                {"figure_id": figure_ids[(figure.start, figure.end)], "sector_key": key}
                for figure in extraction.figures for key in figure.sectors
            ]
            if sector_rows:
                connection.execute(_FIGURE_SECTORS.insert(), sector_rows)
        result.figures = len(figure_rows)
        return result

    def _resolve_entities(
        self, session: Session, extraction: Extraction, mention_keys: Sequence[str], result: AddResult
    ) -> dict[str, int]:
        """Map each resolution key to an entity id: a merge redirect, an existing entity, or a new one."""
        wanted: dict[str, tuple[str, str]] = {}
        for mention, key in zip(extraction.mentions, mention_keys, strict=True):
            wanted.setdefault(key, (mention.name, mention.type))
        if not wanted:
            return {}
        connection = session.connection()
        keys = list(wanted)
        resolved = dict(connection.execute(
            select(EntityRedirectRow.key, EntityRedirectRow.entity_id).where(EntityRedirectRow.key.in_(keys))
        ).all())
        existing = {
            key: (entity_id, name, curated) for key, entity_id, name, curated in connection.execute(
                select(EntityRow.key, EntityRow.id, EntityRow.name, EntityRow.name_curated)
                .where(EntityRow.key.in_(keys)))
        }
        new_rows = []
        for key, (name, entity_type) in wanted.items():
            if key in resolved:
                continue
            if key not in existing:
                new_rows.append({"key": key, "name": name, "type": entity_type, "hidden": False,
                                 "name_curated": False})
                result.new_entities.append((key, name))
                continue
            entity_id, current, curated = existing[key]
            if not curated and _better_name(name, current):
                connection.execute(update(EntityRow).where(EntityRow.id == entity_id).values(name=name))
            resolved[key] = entity_id
        if new_rows:
            connection.execute(_ENTITIES.insert(), new_rows)
            resolved.update(connection.execute(
                select(EntityRow.key, EntityRow.id).where(EntityRow.key.in_([row["key"] for row in new_rows]))
            ).all())
        return resolved

    @staticmethod
    def _apply_alias_splits(session: Session, mention_rows: list[dict]) -> None:
        entity_ids = {row["entity_id"] for row in mention_rows}
        if not entity_ids:
            return
        splits = {
            (row.from_entity_id, row.alias_fold): row.to_entity_id
            for row in session.scalars(select(AliasSplitRow).where(AliasSplitRow.from_entity_id.in_(entity_ids)))
        }
        if not splits:
            return
        for row in mention_rows:
            target = splits.get((row["entity_id"], fold_diacritics(row["text"])))
            if target is not None:
                row["entity_id"] = target

    def delete_document(self, document_id: int) -> None:
        with self.session() as session, session.begin():
            session.execute(delete(DocumentRow).where(DocumentRow.id == document_id))

    # ----------------------------------------------------------------- reading documents
    def document_count(self) -> int:
        with self.session() as session:
            return session.scalar(select(func.count(DocumentRow.id))) or 0

    def documents(self, scope: Scope = Scope()) -> list[DocumentInfo]:
        with self.session() as session:
            # counted per document row (the figures' document index), so one document costs one count, not a
            # grouping of the whole figures table
            figure_count = (
                select(func.count(FigureRow.id)).where(FigureRow.document_id == DocumentRow.id).scalar_subquery()
            )
            query = (
                select(DocumentRow.id, DocumentRow.title, DocumentRow.date, DocumentRow.source,
                       DocumentRow.checksum, figure_count)
                .order_by(DocumentRow.date.desc().nulls_last(), DocumentRow.id)
            )
            query = self._scope_documents(query, scope)
            rows = session.execute(query).all()
            sectors = self._document_sectors(session, [row[0] for row in rows])
            return [
                DocumentInfo(id=row[0], title=row[1], date=row[2], source=row[3], checksum=row[4],
                             sectors=sectors.get(row[0], ()), figure_count=row[5])
                for row in rows
            ]

    @staticmethod
    def _scope_documents(query, scope: Scope):  # noqa: ANN001, ANN205 - a Select in, a Select out
        if scope.sectors:
            query = query.where(DocumentRow.id.in_(
                select(SentenceSectorRow.document_id).where(SentenceSectorRow.sector_key.in_(scope.sectors))
            ))
        if scope.entity_id is not None:
            query = query.where(DocumentRow.id.in_(
                select(MentionRow.document_id).where(MentionRow.entity_id == scope.entity_id)
            ))
        if scope.search.strip():
            for word in fold_diacritics(scope.search).split():
                escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                query = query.where(DocumentRow.search_text.like(f"%{escaped}%", escape="\\"))
        if scope.document_id is not None:
            query = query.where(DocumentRow.id == scope.document_id)
        return query

    @staticmethod
    def _document_sectors(session: Session, document_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        if not document_ids:
            return {}
        order = {key: position for key, position in session.execute(select(SectorRow.key, SectorRow.position))}
        found: dict[int, set[str]] = {}
        query = select(SentenceSectorRow.document_id, SentenceSectorRow.sector_key)
        if len(document_ids) < 500:
            query = query.where(SentenceSectorRow.document_id.in_(document_ids))
        for document_id, key in session.execute(query.distinct()):
            found.setdefault(document_id, set()).add(key)
        return {doc: tuple(sorted(keys, key=lambda k: (order.get(k, 999), k))) for doc, keys in found.items()}

    def document(self, document_id: int) -> DocumentInfo:
        found = self.documents(Scope(document_id=document_id))
        if not found:
            raise KeyError(f"no document {document_id}")
        return found[0]

    def document_text(self, document_id: int) -> str:
        with self.session() as session:
            text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == document_id))
            if text is None:
                raise KeyError(f"no document {document_id}")
            return text

    def sentences(self, document_id: int) -> list[tuple[Sentence, tuple[str, ...]]]:
        with self.session() as session:
            rows = session.execute(
                select(SentenceRow.idx, SentenceRow.start, SentenceRow.end, SentenceRow.sectors)
                .where(SentenceRow.document_id == document_id).order_by(SentenceRow.idx)
            ).all()
            return [(Sentence(idx, start, end), tuple(sectors.split())) for idx, start, end, sectors in rows]

    def sentence_text(self, document_id: int, index: int) -> str:
        found = self.sentence_texts([(document_id, index)])
        if not found:
            raise KeyError(f"no sentence {index} in document {document_id}")
        return found[(document_id, index)]

    def sentence_texts(self, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """The text of each ``(document id, sentence index)`` that exists, in one query per 500 keys: the
        database cuts the sentences out, so no document's whole text is loaded for one sentence."""
        wanted = list(dict.fromkeys(keys))
        texts: dict[tuple[int, int], str] = {}
        with self.session() as session:
            for first in range(0, len(wanted), 500):
                rows = session.execute(
                    select(SentenceRow.document_id, SentenceRow.idx,
                           func.substr(DocumentRow.text, SentenceRow.start + 1, SentenceRow.end - SentenceRow.start))
                    .join(DocumentRow, DocumentRow.id == SentenceRow.document_id)
                    .where(tuple_(SentenceRow.document_id, SentenceRow.idx).in_(wanted[first:first + 500]))
                )
                texts.update(((document_id, idx), text) for document_id, idx, text in rows)
        return texts

    # ----------------------------------------------------------------- figures
    def figures(self, scope: Scope = Scope()) -> list[Figure]:
        with self.session() as session:
            query = (
                _figure_query()
                .order_by(FigureRow.metric, FigureRow.period, DocumentRow.date, FigureRow.document_id,
                          FigureRow.start)
            )
            if scope.sectors:
                query = query.where(FigureRow.id.in_(
                    select(FigureSectorRow.figure_id).where(FigureSectorRow.sector_key.in_(scope.sectors))
                ))
            if scope.metric is not None:
                query = query.where(FigureRow.metric == scope.metric)
            if scope.entity_id is not None or scope.search.strip() or scope.document_id is not None:
                query = self._scope_documents(query, Scope(entity_id=scope.entity_id, search=scope.search,
                                                           document_id=scope.document_id))
            return [_figure(row) for row in session.execute(query).all()]

    def figure(self, figure_id: int) -> Figure:
        with self.session() as session:
            row = session.execute(
                _figure_query()
                .where(FigureRow.id == figure_id)
            ).first()
            if row is None:
                raise KeyError(f"no figure {figure_id}")
            return _figure(row)

    def metrics(self) -> list[str]:
        with self.session() as session:
            return list(session.scalars(
                select(FigureRow.metric).distinct().where(FigureRow.metric.is_not(None)).order_by(FigureRow.metric)
            ))

    # ----------------------------------------------------------------- figure decisions
    def _figure_anchor(self, session: Session, figure_id: int) -> tuple[str, int, int]:
        row = session.execute(
            select(DocumentRow.checksum, FigureRow.start, FigureRow.end)
            .join(DocumentRow, DocumentRow.id == FigureRow.document_id).where(FigureRow.id == figure_id)
        ).first()
        if row is None:
            raise KeyError(f"no figure {figure_id}")
        return row[0], row[1], row[2]

    def _curation_row(self, session: Session, figure_id: int) -> FigureCurationRow:
        checksum, start, end = self._figure_anchor(session, figure_id)
        row = session.get(FigureCurationRow, (checksum, start, end))
        if row is None:
            row = FigureCurationRow(checksum=checksum, start=start, end=end, status=None, note="", metric=None)
            session.add(row)
        return row

    def set_figure_decision(self, figure_id: int, status: str | None, note: str | None = None) -> None:
        """Accept or reject a figure (None clears the decision); a note replaces the old one when given."""
        if status not in (None, "accepted", "rejected"):
            raise ValueError(f"unknown decision {status!r}")
        with self.session() as session, session.begin():
            row = self._curation_row(session, figure_id)
            row.status = status
            if note is not None:
                row.note = note

    def set_figure_metric(self, figure_id: int, metric: str | None) -> None:
        """Reassign a figure to another metric by hand (None restores the extracted metric)."""
        with self.session() as session, session.begin():
            row = self._curation_row(session, figure_id)
            row.metric = metric
            extracted = session.scalar(select(FigureRow.extracted_metric).where(FigureRow.id == figure_id))
            session.execute(update(FigureRow).where(FigureRow.id == figure_id).values(metric=metric or extracted))

    def figure_curation(self) -> dict[int, StoredCuration]:
        """Decisions by current figure id (the store keys them by document checksum and span)."""
        with self.session() as session:
            rows = session.execute(
                select(FigureRow.id, FigureCurationRow.status, FigureCurationRow.note, FigureCurationRow.metric)
                .join(DocumentRow, DocumentRow.id == FigureRow.document_id)
                .join(FigureCurationRow, (FigureCurationRow.checksum == DocumentRow.checksum)
                      & (FigureCurationRow.start == FigureRow.start) & (FigureCurationRow.end == FigureRow.end))
            ).all()
            return {row[0]: StoredCuration(row[1], row[2], row[3]) for row in rows}

    def group_notes(self) -> dict[str, str]:
        with self.session() as session:
            return {row.group_key: row.note for row in session.scalars(select(GroupNoteRow))}

    def set_group_note(self, group_key: str, note: str) -> None:
        with self.session() as session, session.begin():
            row = session.get(GroupNoteRow, group_key)
            if row is None:
                session.add(GroupNoteRow(group_key=group_key, note=note))
            else:
                row.note = note

    # ----------------------------------------------------------------- entities
    def entities(self, scope: Scope = Scope(), *, entity_type: str | None = None,
                 include_hidden: bool = False) -> list[Entity]:
        """Entities with mention and document counts inside the scope; ones with no mention there are left out."""
        with self.session() as session:
            counts = select(
                MentionRow.entity_id.label("entity_id"),
                func.count(MentionRow.id).label("mentions"),
                func.count(distinct(MentionRow.document_id)).label("documents"),
            )
            if scope.sectors:
                counts = counts.join(SentenceRow, (SentenceRow.document_id == MentionRow.document_id)
                                     & (SentenceRow.idx == MentionRow.sentence_idx)).where(
                    SentenceRow.id.in_(select(SentenceSectorRow.sentence_id)
                                       .where(SentenceSectorRow.sector_key.in_(scope.sectors))))
            if scope.search.strip() or scope.document_id is not None:
                documents = self._scope_documents(select(DocumentRow.id), Scope(search=scope.search,
                                                                                 document_id=scope.document_id))
                counts = counts.where(MentionRow.document_id.in_(documents))
            counts = counts.group_by(MentionRow.entity_id).subquery()
            query = (
                select(EntityRow, counts.c.mentions, counts.c.documents)
                .join(counts, counts.c.entity_id == EntityRow.id)
                .order_by(counts.c.mentions.desc(), EntityRow.name)
            )
            if entity_type:
                query = query.where(EntityRow.type == entity_type)
            if not include_hidden:
                query = query.where(EntityRow.hidden.is_(False))
            rows = session.execute(query).all()
            aliases = self._aliases(session, [row[0].id for row in rows])
            return [
                Entity(id=row[0].id, name=row[0].name, type=row[0].type, aliases=aliases.get(row[0].id, ()),
                       hidden=row[0].hidden, mention_count=row[1], document_count=row[2])
                for row in rows
            ]

    def entity(self, entity_id: int) -> Entity:
        with self.session() as session:
            row = session.get(EntityRow, entity_id)
            if row is None:
                raise KeyError(f"no entity {entity_id}")
            mentions, documents = session.execute(
                select(func.count(MentionRow.id), func.count(distinct(MentionRow.document_id)))
                .where(MentionRow.entity_id == entity_id)).one()
            return Entity(id=row.id, name=row.name, type=row.type, hidden=row.hidden,
                          aliases=self._aliases(session, [entity_id]).get(entity_id, ()),
                          mention_count=mentions, document_count=documents)

    @staticmethod
    def _aliases(session: Session, entity_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        query = select(MentionRow.entity_id, MentionRow.text)
        if len(entity_ids) < 500:
            query = query.where(MentionRow.entity_id.in_(entity_ids))
        found: dict[int, set[str]] = {}
        for entity_id, text in session.execute(query.distinct()):
            found.setdefault(entity_id, set()).add(text)
        return {entity_id: tuple(sorted(texts)) for entity_id, texts in found.items()}

    def entity_keys(self) -> dict[str, str]:
        """Every entity's resolution key and display name (for cross-document resolution of short names)."""
        with self.session() as session:
            return dict(session.execute(select(EntityRow.key, EntityRow.name)).all())

    def mentions(self, *, document_id: int | None = None, entity_id: int | None = None) -> list[Mention]:
        with self.session() as session:
            query = (select(MentionRow, EntityRow.name, EntityRow.type)
                     .join(EntityRow, EntityRow.id == MentionRow.entity_id)
                     .order_by(MentionRow.document_id, MentionRow.start))
            if document_id is not None:
                query = query.where(MentionRow.document_id == document_id)
            if entity_id is not None:
                query = query.where(MentionRow.entity_id == entity_id)
            return [
                Mention(id=row.id, entity_id=row.entity_id, document_id=row.document_id,
                        sentence_index=row.sentence_idx, start=row.start, end=row.end, text=row.text,
                        entity_name=name, entity_type=entity_type)
                for row, name, entity_type in session.execute(query)
            ]

    def rename_entity(self, entity_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("an entity's name cannot be empty")
        with self.session() as session, session.begin():
            row = self._entity_row(session, entity_id)
            row.name, row.name_curated = name, True

    def set_entity_type(self, entity_id: int, entity_type: str) -> None:
        if entity_type not in ("person", "organisation", "place"):
            raise ValueError(f"unknown entity type {entity_type!r}")
        with self.session() as session, session.begin():
            self._entity_row(session, entity_id).type = entity_type

    def set_entity_hidden(self, entity_id: int, hidden: bool) -> None:
        with self.session() as session, session.begin():
            self._entity_row(session, entity_id).hidden = hidden

    def merge_entities(self, source_ids: Iterable[int], target_id: int) -> None:
        """Fold entities into ``target_id``: their mentions move, and their keys redirect there for future imports."""
        with self.session() as session, session.begin():
            target = self._entity_row(session, target_id)
            for source_id in set(source_ids) - {target_id}:
                source = self._entity_row(session, source_id)
                session.execute(update(MentionRow).where(MentionRow.entity_id == source_id)
                                .values(entity_id=target.id))
                session.execute(update(EntityRedirectRow).where(EntityRedirectRow.entity_id == source_id)
                                .values(entity_id=target.id))
                session.execute(update(AliasSplitRow).where(AliasSplitRow.to_entity_id == source_id)
                                .values(to_entity_id=target.id))
                session.execute(delete(AliasSplitRow).where(AliasSplitRow.from_entity_id == source_id))
                session.merge(EntityRedirectRow(key=source.key, entity_id=target.id))
                session.delete(source)

    def split_alias(self, entity_id: int, alias: str) -> int:
        """Give the mentions written ``alias`` an entity of their own; returns its id. Future imports follow."""
        alias_fold = fold_diacritics(alias)
        with self.session() as session, session.begin():
            source = self._entity_row(session, entity_id)
            key = f"{source.type}:split:{alias_fold}"
            existing = session.scalar(select(EntityRow).where(EntityRow.key == key))
            if existing is None:
                existing = EntityRow(key=key, name=alias.strip(), type=source.type, hidden=False, name_curated=True)
                session.add(existing)
                session.flush()
            session.merge(AliasSplitRow(alias_fold=alias_fold, from_entity_id=entity_id, to_entity_id=existing.id))
            moving = [
                mention_id for mention_id, text in session.execute(
                    select(MentionRow.id, MentionRow.text).where(MentionRow.entity_id == entity_id))
                if fold_diacritics(text) == alias_fold
            ]
            if moving:
                session.execute(update(MentionRow).where(MentionRow.id.in_(moving)).values(entity_id=existing.id))
            return existing.id

    @staticmethod
    def _entity_row(session: Session, entity_id: int) -> EntityRow:
        row = session.get(EntityRow, entity_id)
        if row is None:
            raise KeyError(f"no entity {entity_id}")
        return row

    def document_ids(self) -> list[int]:
        with self.session() as session:
            return list(session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))


def _better_name(candidate: str, current: str) -> bool:
    """Prefer the spelling with diacritics of the same name ("Tô Lâm" over "To Lam")."""
    return (candidate != current and fold_diacritics(candidate) == fold_diacritics(current)
            and sum(not c.isascii() for c in candidate) > sum(not c.isascii() for c in current))


_FIGURE_COLUMNS = (
    FigureRow.id, FigureRow.document_id, FigureRow.sentence_idx, SentenceRow.start, SentenceRow.end,
    FigureRow.start, FigureRow.end, FigureRow.text, FigureRow.value, FigureRow.unit, FigureRow.qualifier,
    FigureRow.low, FigureRow.high, FigureRow.period, FigureRow.kind, FigureRow.metric, FigureRow.sectors,
    DocumentRow.title, DocumentRow.date, DocumentRow.source,
)


def _figure_query():  # noqa: ANN202 - a Select
    """Plain columns, not ORM rows: building 10,000 mapped objects cost more than the query itself."""
    return (select(*_FIGURE_COLUMNS)
            .join(DocumentRow, DocumentRow.id == FigureRow.document_id)
            .join(SentenceRow, (SentenceRow.document_id == FigureRow.document_id)
                  & (SentenceRow.idx == FigureRow.sentence_idx)))


def _figure(row) -> Figure:  # noqa: ANN001 - a Row of _FIGURE_COLUMNS
    (figure_id, document_id, sentence_index, sentence_start, sentence_end, start, end, text, value, unit,
     qualifier, low, high, period, kind, metric, sectors, title, date, source) = row
    return Figure(
        id=figure_id, document_id=document_id, sentence_index=sentence_index, sentence_start=sentence_start,
        sentence_end=sentence_end, start=start, end=end, text=text, value=value, unit=unit, qualifier=qualifier,
        low=low, high=high, period=period, kind=kind, metric=metric, sectors=tuple(sectors.split()),
        document_title=title, document_date=date, document_source=source,
    )
