"""A name found in a text before its type and canonical name are settled: what the recogniser's steps
(``entities``, ``teams``, ``resolution``) pass between them."""

from __future__ import annotations

from dataclasses import dataclass

PERSON, ORGANISATION, PLACE = "person", "organisation", "place"

# Lower-case words before a name that make it where something is ("in Almaty", "near Hanoi").
PLACE_HINTS = frozenset("in near outside across".split())


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    type: str | None  # None: unknown, decided by the rest of the text
    name: str | None  # canonical name when a list knows it
    title: str | None = None
    sure: bool = False  # a list, a title or a pattern says so: a model span does not replace it
    initial: bool = False  # opens its sentence
    hint: str = ""  # the lower-case word just before
    caps: bool = False  # written in capitals
    key: str = ""
    model_type: str | None = None  # what the statistical model called it, used when no rule decides
