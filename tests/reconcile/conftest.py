"""A store where sources disagree: the seeds plus two short articles that report the same 2024 trade
turnover and the current direct flights differently (and Kazakhstan's 2024 growth the same as a seed), in a
SQLite file (so a test can "restart")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS

QT_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
    r"This plugin does not support grab\(\)",
)

TRADE = "bilateral trade turnover"
FLIGHTS = "direct flights per week"

CONFLICT_ARTICLES = {
    "customs_2025-03-10.txt": (
        " date 2025-03-10 Vietnam–Kazakhstan trade grows on customs data\n\n"
        "Bilateral trade between Vietnam and Kazakhstan reached $879 million in 2024, according to the "
        "General Department of Customs.\n\n"
        "Vietnam Airlines and Air Astana now operate four direct flights per week between Almaty and "
        "Ho Chi Minh City.\n"
    ),
    "embassy_2025-04-02.txt": (
        " date 2025-04-02 Kazakhstan eyes deeper economic ties with Vietnam\n\n"
        "Trade turnover between Kazakhstan and Vietnam was nearly USD 1 billion in 2024, the Kazakh "
        "embassy in Hanoi said. Kazakhstan's economy grew 4.8% in 2024.\n\n"
        "Airlines of the two countries currently offer 3-5 daily flights between Kazakhstan and Vietnam.\n"
    ),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/reconcile/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture(scope="session")
def rules_pipeline():
    """Rules only: the entity model plays no part in figures, and may not be trained yet."""
    from desktop.extract.pipeline import Pipeline

    return Pipeline.load(use_model=False)


@pytest.fixture
def conflict_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = []
    for name, text in CONFLICT_ARTICLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def conflict_repository(store_url, conflict_files, rules_pipeline):
    from desktop.core.importer import import_paths
    from desktop.store.repository import Repository

    repository = Repository.open(store_url)
    report = import_paths(repository, rules_pipeline, [SEEDS, *conflict_files], workers=1)
    assert report.added == 4 and not report.failed, report.summary()
    yield repository
    repository.close()


def make_session(repository, pipeline, tmp_path: Path):
    from desktop.core.session import Session

    return Session(repository, pipeline=pipeline, preferences_path=tmp_path / "preferences.json")


@pytest.fixture
def conflict_session(conflict_repository, rules_pipeline, tmp_path):
    return make_session(conflict_repository, rules_pipeline, tmp_path)
