"""A killed import leaves whole documents only, and a second run finishes the batch."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.ingest.readers import expand_paths, read_file
from tests.conftest import CORPORA, REPO

BUSINESS = CORPORA / "bbc" / "business"


def _count(database: Path, query: str) -> int:
    connection = sqlite3.connect(database, timeout=10)
    try:
        return connection.execute(query).fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
    finally:
        connection.close()


@pytest.mark.skipif(not BUSINESS.is_dir(), reason="needs ../shared/corpora")
def test_killed_import_leaves_no_partial_document(tmp_path: Path):
    database = tmp_path / "store.sqlite3"
    command = [sys.executable, "-m", "desktop.cli", "ingest", "--db", f"sqlite:///{database}", "--workers", "1",
               "--no-model", str(BUSINESS)]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _count(database, "select count(*) from documents") < 20:
            assert process.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()

    stored = _count(database, "select count(*) from documents")
    assert 20 <= stored < 510
    # every stored document is whole: it has its sentences, and nothing points at a missing sentence
    assert _count(database, "select count(*) from documents d where not exists "
                            "(select 1 from sentences s where s.document_id = d.id)") == 0
    assert _count(database, "select count(*) from figures f where not exists (select 1 from sentences s "
                            "where s.document_id = f.document_id and s.idx = f.sentence_idx)") == 0
    assert _count(database, "select count(*) from mentions m where not exists "
                            "(select 1 from documents d where d.id = m.document_id)") == 0

    finished = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    unique = len({document.checksum for path in expand_paths([BUSINESS]) for document in read_file(path)})
    assert unique == 503  # business/ holds 510 files, seven of them repeats of another
    assert _count(database, "select count(*) from documents") == unique
    assert f"{unique - stored} imported, {510 - unique + stored} already present" in finished.stdout
