"""A built wheel carries resources, seeds, the model and the migrations, and finds them when installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                           capture_output=True, text=True, timeout=600)
    if built.returncode != 0:
        pytest.fail(f"the wheel did not build:\n{built.stdout[-2000:]}\n{built.stderr[-2000:]}")
    (path,) = out.glob("briefing_browser-*.whl")
    return path


def test_wheel_holds_resources_seeds_model_and_migrations(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("desktop/_resources/sectors.json", "desktop/_resources/metrics.json",
                     "desktop/_resources/models/ner.crfsuite", "desktop/_resources/gazetteer/countries.txt",
                     "desktop/_seeds/000_5a05035d248fb0ac.txt", "desktop/_seeds/001_ae37e9c086af8f7d.txt",
                     "desktop/store/migrations/env.py", "desktop/store/migrations/script.py.mako",
                     "desktop/store/migrations/versions/0001_initial_schema.py"):
        assert required in names, required
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def test_installed_wheel_finds_its_files_and_imports_the_seeds(wheel: Path, tmp_path: Path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import json, desktop.paths as p\n"
        "from desktop.store.repository import Repository\n"
        "from desktop.core.importer import import_paths\n"
        "from desktop.extract.pipeline import Pipeline\n"
        "repository = Repository.open('sqlite://')\n"
        "report = import_paths(repository, Pipeline.load(), [p.seeds_dir()], workers=1)\n"
        "print(json.dumps({'resources': str(p.resources_dir()), 'added': report.added,\n"
        "                  'figures': report.figures, 'failed': report.failed}))\n"
    )
    # Run from an empty folder with only the unpacked wheel on the path: no checkout to fall back on.
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment["PYTHONPATH"] = str(site)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path,
                            env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["resources"] == str(site / "desktop" / "_resources")
    assert (found["added"], found["failed"]) == (2, [])
    assert found["figures"] > 10
