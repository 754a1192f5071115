"""The SQLAlchemy store: tables, engine, migrations and the repository that turns rows into domain records."""
