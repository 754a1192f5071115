"""The shipped name lists (``resources/gazetteer/``), loaded once into dictionaries keyed by folded text.

Every list is plain text so that a reader can check and extend it: ``Canonical | alias; alias | demonym``
per line, ``#`` for comments. Lookups go by the folded form of a name (see ``names.fold``), so case,
diacritics, hyphens and dots do not matter, except that an alias written in capitals ("WHO", "US", "CAR")
only matches text in capitals, so that "Who" opening a question is not the World Health Organization.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from desktop.extract.names import fold
from desktop.paths import resource_path

_PLACE_FILES = ("countries.txt", "regions.txt", "cities.txt")
_TYPE_OF_FILE = {
    "countries.txt": "place",
    "regions.txt": "place",
    "cities.txt": "place",
    "organisations.txt": "organisation",
    "people.txt": "person",
}


@dataclass(frozen=True, slots=True)
class Entry:
    name: str  # canonical
    type: str  # person | organisation | place
    caps_only: bool = False  # this spelling is an acronym: only text in capitals matches it


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)  # folded name or alias -> entry
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first folded token -> token counts
    demonyms: dict[str, str] = field(default_factory=dict)  # "vietnamese" -> "Vietnam"
    titles: dict[str, tuple[str, bool]] = field(default_factory=dict)  # folded -> (title, is honorific)
    title_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    org_suffixes: frozenset[str] = frozenset()
    company_words: frozenset[str] = frozenset()  # the suffixes that name a company: "inc", "systems"
    org_prefixes: frozenset[str] = frozenset()  # head words of "Ministry of", "Bank of", ...
    generic: frozenset[str] = frozenset()  # "central committee", "party": never an entity alone
    event_words: frozenset[str] = frozenset()  # last words of events and treaties: "cup", "protocol"
    stopwords: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()  # canonical names of countries.txt: not regions or cities
    cities: frozenset[str] = frozenset()  # canonical names of cities.txt
    plain_words: frozenset[str] = frozenset()  # words news writes in lower case ("offers", "sees")
    sport_words: frozenset[str] = frozenset()  # words of a sentence about sport ("coach", "defeat")
    sport_terms: frozenset[str] = frozenset()  # words news writes almost only about sport ("striker")

    def lookup(self, folded: str, text: str | None = None) -> Entry | None:
        entry = self.entries.get(folded)
        if entry is not None and entry.caps_only and text is not None and not text.isupper():
            return None
        return entry

    def strip_title(self, folded: str) -> str:
        """Drop the leading title words of a folded person name: "general secretary to lam" -> "to lam"."""
        tokens = folded.split()
        while len(tokens) > 1:
            for length in self.title_lengths.get(tokens[0], ()):
                if length < len(tokens) and " ".join(tokens[:length]) in self.titles:
                    tokens = tokens[length:]
                    break
            else:
                break
        return " ".join(tokens)


def _lines(path: Path) -> list[str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text ({error})") from error
    lines = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            lines.append(line)
    return lines


def _words(path: Path) -> frozenset[str]:
    return frozenset(fold(word) for line in _lines(path) for word in line.split())


def _add(gazetteer: Gazetteer, spelling: str, entry: Entry) -> None:
    key = fold(spelling)
    if not key:
        return
    caps = spelling.replace(".", "").replace(" ", "").isupper() and len(key.replace(" ", "")) <= 5
    existing = gazetteer.entries.get(key)
    if existing is not None:
        # first list wins (a country over a city of the same name); a spelling not in capitals ("Nato")
        # lifts the capitals-only rule of the same name's acronym ("NATO")
        if existing.caps_only and not caps and existing.name == entry.name:
            gazetteer.entries[key] = Entry(existing.name, existing.type, False)
        return
    gazetteer.entries[key] = Entry(entry.name, entry.type, caps)


def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    folder = folder or resource_path("gazetteer")
    gazetteer = Gazetteer()
    countries: set[str] = set()
    cities: set[str] = set()
    for file_name in ("people.txt", "organisations.txt", *_PLACE_FILES):
        entry_type = _TYPE_OF_FILE[file_name]
        for line in _lines(folder / file_name):
            parts = [part.strip() for part in line.split("|")]
            name = parts[0]
            if file_name == "countries.txt":
                countries.add(name)
            elif file_name == "cities.txt":
                cities.add(name)
            entry = Entry(name, entry_type)
            _add(gazetteer, name, entry)
            if len(parts) > 1:
                for alias in parts[1].split(";"):
                    if alias.strip():
                        _add(gazetteer, alias.strip(), entry)
            if len(parts) > 2:
                for demonym in parts[2].split(";"):
                    if demonym.strip():
                        gazetteer.demonyms.setdefault(fold(demonym.strip()), name)
    lengths: dict[str, set[int]] = {}
    for key in gazetteer.entries:
        tokens = key.split()
        lengths.setdefault(tokens[0], set()).add(len(tokens))
    gazetteer.lengths = {first: tuple(sorted(counts, reverse=True)) for first, counts in lengths.items()}
    gazetteer.countries = frozenset(countries)
    gazetteer.cities = frozenset(cities)

    title_lengths: dict[str, set[int]] = {}
    for line in _lines(folder / "titles.txt"):
        honorific = line.startswith("*")
        title = line.lstrip("*").strip()
        key = fold(title)
        gazetteer.titles[key] = (title, honorific)
        title_lengths.setdefault(key.split()[0], set()).add(len(key.split()))
    gazetteer.title_lengths = {first: tuple(sorted(c, reverse=True)) for first, c in title_lengths.items()}

    suffixes: set[str] = set()
    companies: set[str] = set()
    prefixes: set[str] = set()
    generic: set[str] = set()
    events: set[str] = set()
    for line in _lines(folder / "org_patterns.txt"):
        kind, _, items = line.partition(":")
        values = [fold(item) for item in items.split(";") if item.strip()]
        if kind.strip() == "suffix":
            suffixes.update(values)
        elif kind.strip() == "company":
            suffixes.update(values)
            companies.update(values)
        elif kind.strip() == "prefix":
            prefixes.update(value.split()[0] for value in values)
        elif kind.strip() == "generic":
            generic.update(values)
        elif kind.strip() == "event":
            events.update(values)
        else:
            raise ValueError(f"{folder / 'org_patterns.txt'}: unknown kind {kind.strip()!r} in {line!r}")
    gazetteer.org_suffixes = frozenset(suffixes)
    gazetteer.company_words = frozenset(companies)
    gazetteer.org_prefixes = frozenset(prefixes)
    gazetteer.generic = frozenset(generic)
    gazetteer.event_words = frozenset(events)
    gazetteer.stopwords = _words(folder / "stopwords.txt")
    gazetteer.given_names = _words(folder / "given_names.txt")
    gazetteer.surnames = _words(folder / "surnames.txt")
    gazetteer.plain_words = _words(folder / "plain_words.txt")
    gazetteer.sport_words = _words(folder / "sport_words.txt")
    gazetteer.sport_terms = _words(folder / "sport_terms.txt")
    return gazetteer


_SHARED: Gazetteer | None = None
_LOCK = threading.Lock()


def shared_gazetteer() -> Gazetteer:
    """The shipped lists, loaded on first use and shared by every caller."""
    global _SHARED
    if _SHARED is None:
        with _LOCK:
            if _SHARED is None:
                _SHARED = load_gazetteer()
    return _SHARED
