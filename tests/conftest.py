"""Shared fixtures: an in-memory store, and one seeded from seeds/ through the real pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's preferences or default store."""
    monkeypatch.setenv("BRIEFING_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("BRIEFING_DB", "sqlite://")


@pytest.fixture(scope="session")
def pipeline():
    from desktop.extract.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture
def repository():
    from desktop.store.repository import Repository

    repo = Repository.open("sqlite://")
    yield repo
    repo.close()


@pytest.fixture
def seeded_repository(repository, pipeline):
    from desktop.core.importer import import_paths

    report = import_paths(repository, pipeline, [SEEDS], workers=1)
    assert report.added == 2 and not report.failed
    return repository


@pytest.fixture
def session(seeded_repository, pipeline, tmp_path):
    from desktop.core.session import Session

    return Session(seeded_repository, pipeline=pipeline, preferences_path=tmp_path / "preferences.json")
