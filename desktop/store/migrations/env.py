"""Alembic environment: migrations run on the connection the store hands over (see store.engine)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desktop.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Called from the alembic command line (maintainers): use sqlalchemy.url from the ini/options.
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as own_connection:
        _run(own_connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
