"""The user's own vocabularies: metric names and synonyms, extra sectors and keywords.

They live beside the preferences; a user metric file replaces the shipped ``resources/metrics.json`` whole,
a user sector file adds to ``resources/sectors.json``. The app's editor and the pipeline both go through here.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.preferences import user_file, write_text_atomically
from desktop.extract.metrics import MetricVocabularyError, parse_metric_vocabulary
from desktop.paths import resource_path

USER_SECTORS_FILE = "sectors.json"
USER_METRICS_FILE = "metrics.json"


def user_metrics_path() -> Path:
    return user_file(USER_METRICS_FILE)


def user_sectors_path() -> Path:
    return user_file(USER_SECTORS_FILE)


def shipped_metrics_path() -> Path:
    return resource_path("metrics.json")


def load_vocabulary_data(path: Path | None = None) -> dict:
    """The vocabulary to edit, as JSON data: the user's file when there is one, else the shipped one."""
    path = path or user_metrics_path()
    source = path if path.exists() else shipped_metrics_path()
    return json.loads(source.read_text(encoding="utf-8"))


def validate_vocabulary(data: dict) -> str | None:
    """None when the extractor accepts ``data``, else its message."""
    try:
        parse_metric_vocabulary(data, "metric vocabulary")
    except MetricVocabularyError as error:
        return str(error)
    return None


def save_vocabulary_data(data: dict, path: Path | None = None) -> Path:
    """Check and write the whole vocabulary (atomically). Raises MetricVocabularyError when it is invalid."""
    problem = validate_vocabulary(data)
    if problem is not None:
        raise MetricVocabularyError(problem)
    path = path or user_metrics_path()
    write_text_atomically(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return path
