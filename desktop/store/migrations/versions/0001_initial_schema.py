"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('extractor_version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('checksum', name=op.f('uq_documents_checksum'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_date'), ['date'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('name', sa.String(length=400), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('name_curated', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities')),
    sa.UniqueConstraint('key', name=op.f('uq_entities_key'))
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_type'), ['type'], unique=False)

    op.create_table('figure_curation',
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('metric', sa.String(length=200), nullable=True),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('checksum', 'start', 'end', name=op.f('pk_figure_curation'))
    )
    op.create_table('group_notes',
    sa.Column('group_key', sa.String(length=600), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('group_key', name=op.f('pk_group_notes'))
    )
    op.create_table('sectors',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sectors'))
    )
    op.create_table('alias_splits',
    sa.Column('alias_fold', sa.String(length=400), nullable=False),
    sa.Column('from_entity_id', sa.Integer(), nullable=False),
    sa.Column('to_entity_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['from_entity_id'], ['entities.id'], name=op.f('fk_alias_splits_from_entity_id_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_entity_id'], ['entities.id'], name=op.f('fk_alias_splits_to_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('alias_fold', 'from_entity_id', name=op.f('pk_alias_splits'))
    )
    op.create_table('entity_redirects',
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_redirects_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_entity_redirects'))
    )
    op.create_table('figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sentence_idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=400), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('qualifier', sa.String(length=16), nullable=False),
    sa.Column('period', sa.String(length=32), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('metric', sa.String(length=200), nullable=True),
    sa.Column('extracted_metric', sa.String(length=200), nullable=True),
    sa.Column('sectors', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_figures_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figures'))
    )
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.create_index('ix_figures_document_start', ['document_id', 'start'], unique=False)
        batch_op.create_index(batch_op.f('ix_figures_metric'), ['metric'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('sentence_idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=400), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_mentions_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_document_start', ['document_id', 'start'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_entity_id'), ['entity_id'], unique=False)

    op.create_table('sentences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sectors', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_sentences_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sentences')),
    sa.UniqueConstraint('document_id', 'idx', name=op.f('uq_sentences_document_id'))
    )
    op.create_table('figure_sectors',
    sa.Column('figure_id', sa.Integer(), nullable=False),
    sa.Column('sector_key', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['figure_id'], ['figures.id'], name=op.f('fk_figure_sectors_figure_id_figures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('figure_id', 'sector_key', name=op.f('pk_figure_sectors'))
    )
    with op.batch_alter_table('figure_sectors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figure_sectors_sector_key'), ['sector_key'], unique=False)

    op.create_table('sentence_sectors',
    sa.Column('sentence_id', sa.Integer(), nullable=False),
    sa.Column('sector_key', sa.String(length=64), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_sentence_sectors_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_sentence_sectors_sentence_id_sentences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sentence_id', 'sector_key', name=op.f('pk_sentence_sectors'))
    )
    with op.batch_alter_table('sentence_sectors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sentence_sectors_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sentence_sectors_sector_key'), ['sector_key'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sentence_sectors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sentence_sectors_sector_key'))
        batch_op.drop_index(batch_op.f('ix_sentence_sectors_document_id'))

    op.drop_table('sentence_sectors')
    with op.batch_alter_table('figure_sectors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figure_sectors_sector_key'))

    op.drop_table('figure_sectors')
    op.drop_table('sentences')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_entity_id'))
        batch_op.drop_index('ix_mentions_document_start')

    op.drop_table('mentions')
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_metric'))
        batch_op.drop_index('ix_figures_document_start')

    op.drop_table('figures')
    op.drop_table('entity_redirects')
    op.drop_table('alias_splits')
    op.drop_table('sectors')
    op.drop_table('group_notes')
    op.drop_table('figure_curation')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_type'))

    op.drop_table('entities')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_date'))

    op.drop_table('documents')
