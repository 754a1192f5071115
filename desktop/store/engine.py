"""Engines for the store: any SQLAlchemy URL; SQLite files get WAL mode and enforced foreign keys.

Every open runs the Alembic migrations to head, so a store made by an older version is upgraded in place
before anything reads it.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from desktop import APP_ID

ENVIRONMENT_VARIABLE = "BRIEFING_DB"
# The newest migration's revision id (tests check it against Alembic's head). A store already at this
# revision opens without importing Alembic, which saves a fifth of a second at every start.
SCHEMA_HEAD = "0001"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_database_url() -> str:
    """``$BRIEFING_DB`` if set, else one SQLite file in the user's data directory."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        return configured
    folder = Path(user_data_dir(APP_ID, appauthor=False))
    return f"sqlite:///{folder / 'briefing.sqlite3'}"


def _configure_sqlite(engine: Engine, *, in_memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def create_store_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: :func:`default_database_url`), migrated to the newest schema."""
    url = url or default_database_url()
    parsed = make_url(url)
    options: dict = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        in_memory = database in ("", ":memory:") or "mode=memory" in url
        if in_memory:
            from sqlalchemy.pool import StaticPool  # one shared connection, or each one sees a new database

            options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            options = {"connect_args": {"check_same_thread": False}}
        engine = create_engine(url, **options)
        _configure_sqlite(engine, in_memory=in_memory)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("select version_num from alembic_version")).scalar()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision``; a store already at :data:`SCHEMA_HEAD` is left alone."""
    if revision == "head" and current_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
