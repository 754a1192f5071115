"""User preferences: a typed, versioned structure kept as JSON in the user's config folder.

Window geometry and dock layout are Qt's business (QSettings); everything a Qt-free part needs lives here.
An unreadable or newer file falls back to defaults rather than stopping the app.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from platformdirs import user_config_dir

from desktop import APP_ID

VERSION = 1


@dataclass
class Preferences:
    version: int = VERSION
    sector_filter: list[str] = field(default_factory=list)
    selected_charts: list[str] = field(default_factory=list)  # metrics picked for export
    last_import_folder: str = ""
    last_export_folder: str = ""

    @staticmethod
    def default_path() -> Path:
        override = os.environ.get("BRIEFING_CONFIG_DIR")
        return Path(override or user_config_dir(APP_ID, appauthor=False)) / "preferences.json"

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        path = path or cls.default_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict) or raw.get("version") != VERSION:
            return cls()
        known = {name: raw[name] for name in cls.__dataclass_fields__ if name in raw}
        try:
            preferences = cls(**known)
        except TypeError:
            return cls()
        if not all(isinstance(key, str) for key in preferences.sector_filter):
            preferences.sector_filter = []
        return preferences

    def save(self, path: Path | None = None) -> None:
        write_text_atomically(path or self.default_path(), json.dumps(asdict(self), indent=2, ensure_ascii=False))


def write_text_atomically(path: Path, text: str) -> None:
    """Write a user file whole or not at all: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def user_file(name: str) -> Path:
    """A user-editable file beside the preferences (e.g. extra sectors or metric synonyms)."""
    return Preferences.default_path().parent / name
