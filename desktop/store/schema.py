"""The store's tables (SQLAlchemy 2.x typed ORM). Changes to them go through an Alembic migration.

Two kinds of table: what extraction derives from documents (sentences, mentions, figures: wiped and rebuilt
on re-extraction) and what the user decided (entity curation, figure decisions, metric reassignments,
group notes). The second kind is keyed by things that survive re-extraction (entity keys, a figure's
document checksum and span), never by a derived row's id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    checksum: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    source: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)  # folded title + text, for case/diacritic-blind search
    imported_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    extractor_version: Mapped[int] = mapped_column(Integer, default=1)


class SectorRow(Base):
    __tablename__ = "sectors"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class SentenceRow(Base):
    __tablename__ = "sentences"
    __table_args__ = (UniqueConstraint("document_id", "idx"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sectors: Mapped[str] = mapped_column(String(400), default="")  # space-separated sector keys


class SentenceSectorRow(Base):
    """One row per (sentence, sector): lets SQL filter documents and mentions by sector."""

    __tablename__ = "sentence_sectors"

    sentence_id: Mapped[int] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"), primary_key=True)
    sector_key: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)  # the resolution key extraction produced
    name: Mapped[str] = mapped_column(String(400))
    type: Mapped[str] = mapped_column(String(32), index=True)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    name_curated: Mapped[bool] = mapped_column(Boolean, default=False)  # the user renamed it: keep the name


class EntityRedirectRow(Base):
    """A merged-away entity key and the entity its mentions now belong to."""

    __tablename__ = "entity_redirects"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))


class AliasSplitRow(Base):
    """Mentions with this folded text that would resolve to ``from_entity`` go to ``to_entity`` instead."""

    __tablename__ = "alias_splits"

    alias_fold: Mapped[str] = mapped_column(String(400), primary_key=True)
    from_entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    to_entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_document_start", "document_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    sentence_idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(400))
    title: Mapped[str | None] = mapped_column(String(200))


class FigureRow(Base):
    __tablename__ = "figures"
    __table_args__ = (Index("ix_figures_document_start", "document_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    sentence_idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(400))
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(100))
    qualifier: Mapped[str] = mapped_column(String(16))
    period: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    metric: Mapped[str | None] = mapped_column(String(200), index=True)
    extracted_metric: Mapped[str | None] = mapped_column(String(200))  # before any reassignment by hand
    sectors: Mapped[str] = mapped_column(String(400), default="")  # space-separated sector keys


class FigureSectorRow(Base):
    __tablename__ = "figure_sectors"

    figure_id: Mapped[int] = mapped_column(ForeignKey("figures.id", ondelete="CASCADE"), primary_key=True)
    sector_key: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class FigureCurationRow(Base):
    """What the analyst decided about one figure, keyed by where it stands (survives re-extraction)."""

    __tablename__ = "figure_curation"

    checksum: Mapped[str] = mapped_column(String(64), primary_key=True)
    start: Mapped[int] = mapped_column(Integer, primary_key=True)
    end: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str | None] = mapped_column(String(16))  # accepted | rejected | None
    note: Mapped[str] = mapped_column(Text, default="")
    metric: Mapped[str | None] = mapped_column(String(200))  # reassigned metric, None = as extracted
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now(), onupdate=func.now())


class GroupNoteRow(Base):
    """A note on a reconciliation group (metric, period, kind, unit family)."""

    __tablename__ = "group_notes"

    group_key: Mapped[str] = mapped_column(String(600), primary_key=True)
    note: Mapped[str] = mapped_column(Text, default="")
