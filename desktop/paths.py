"""Where shipped files live: one lookup for a source checkout and an installed wheel alike.

In a checkout, ``resources/`` and ``seeds/`` sit beside the package; the wheel carries them inside it as
``desktop/_resources`` and ``desktop/_seeds`` (see pyproject's force-include); a frozen app (PyInstaller)
carries them the same way. Asking for a name that is not there raises at once, never returns a guess.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


class MissingResource(FileNotFoundError):
    pass


@cache
def _root(inside_name: str, checkout_name: str) -> Path:
    for candidate in (_PACKAGE / inside_name, _PACKAGE.parent / checkout_name):
        if candidate.is_dir():
            return candidate
    raise MissingResource(
        f"cannot find the {checkout_name}/ folder (looked in {_PACKAGE / inside_name} and "
        f"{_PACKAGE.parent / checkout_name}); the installation is incomplete"
    )


def resources_dir() -> Path:
    return _root("_resources", "resources")


def seeds_dir() -> Path:
    return _root("_seeds", "seeds")


def resource_path(name: str) -> Path:
    """The path of a shipped resource such as ``"sectors.json"`` or ``"models/ner.crfsuite"``."""
    path = resources_dir() / name
    if not path.exists():
        raise MissingResource(f"resource {name!r} is not shipped (expected at {path})")
    return path
