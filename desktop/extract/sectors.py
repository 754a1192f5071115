"""The sector taxonomy: which sectors a sentence is about, by keyword.

The shipped taxonomy is ``resources/sectors.json``; a user file of the same shape adds sectors, or keywords to
shipped sectors, without touching code. Keywords match case-insensitively on word boundaries: a plain word
also matches its plural ("tourist" -> "tourists", "economy" -> "economies"), a trailing ``*`` matches any
ending ("touris*" -> "tourism", "touristic"), and a space matches spaces or a hyphen ("visa free" ->
"visa-free"). All keywords compile into one regular expression, factored as a trie so that matching costs
about the same whatever the number of keywords.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import Sector
from desktop.paths import resource_path

_SPACE = " "  # in a trie path: one or more spaces or hyphens
_WILD = "*"  # a trie leaf: any further word characters


class SectorFileError(ValueError):
    """A sector file that cannot be read, with the file's path in the message."""


def _inflections(keyword: str) -> list[str]:
    """The literal spellings a keyword stands for, lower-case, with single spaces."""
    keyword = " ".join(keyword.lower().replace("-", " ").split())
    if not keyword or keyword.endswith("*"):
        return [keyword]
    head, _, last = keyword.rpartition(" ")
    prefix = head + " " if head else ""
    forms = {last}
    if last.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(last + "es")
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms.add(last[:-1] + "ies")
    elif last[-1:].isalpha():
        forms.update({last + "s", last + "es"} if last.endswith("o") else {last + "s"})
    return [prefix + form for form in sorted(forms)]


def _trie_regex(words: list[str]) -> str:
    """One pattern matching exactly the given words (a trailing ``*`` = any ending), longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        wild = word.endswith("*")
        for ch in word.rstrip("*"):
            node = node.setdefault(ch, {})
        node["" if not wild else _WILD] = {}

    def build(node: dict) -> str:
        wild = _WILD in node
        final = "" in node
        branches = []
        for ch in sorted(k for k in node if k not in ("", _WILD)):
            piece = r"[\s\-]+" if ch == _SPACE else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return r"\w*" if wild else ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if wild:
            return "(?:" + body + r"|\w*)"
        if final:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True)
class SectorTaxonomy:
    sectors: tuple[Sector, ...]
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _exact: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    _wild: tuple[tuple[str, tuple[int, ...]], ...] = field(default=(), compare=False, repr=False)
    _cache: dict[str, frozenset[int]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        exact: dict[str, set[int]] = {}
        wild: dict[str, set[int]] = {}
        for position, sector in enumerate(self.sectors):
            for keyword in sector.keywords:
                for form in _inflections(keyword):
                    if not form:
                        continue
                    if form.endswith("*"):
                        wild.setdefault(form[:-1], set()).add(position)
                    else:
                        exact.setdefault(form, set()).add(position)
        words = list(exact) + [stem + "*" for stem in wild]
        pattern = None
        if words:
            pattern = re.compile(r"(?<![\w])(?:" + _trie_regex(words) + r")(?![\w])")
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_exact", {form: tuple(sorted(p)) for form, p in exact.items()})
        object.__setattr__(
            self, "_wild", tuple(sorted(((stem, tuple(sorted(p))) for stem, p in wild.items()), key=lambda x: -len(x[0])))
        )

    # -- loading ------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | str | None = None, user_path: Path | str | None = None) -> SectorTaxonomy:
        """The shipped taxonomy (or ``path``), with the sectors and keywords of ``user_path`` added."""
        sectors = _read(Path(path) if path is not None else resource_path("sectors.json"))
        if user_path is not None:
            sectors = _merge(sectors, _read(Path(user_path)))
        return cls(tuple(sectors))

    # -- queries ------------------------------------------------------------------------------------------
    def keys(self) -> tuple[str, ...]:
        return tuple(sector.key for sector in self.sectors)

    def label_of(self, key: str) -> str:
        for sector in self.sectors:
            if sector.key == key:
                return sector.label
        raise KeyError(f"no sector {key!r}")

    def label(self, sentence_text: str) -> tuple[str, ...]:
        """The keys of the sectors ``sentence_text`` is about, in taxonomy order."""
        if self._pattern is None:
            return ()
        found: set[int] = set()
        cache = self._cache
        for match in self._pattern.finditer(sentence_text.lower()):
            word = match.group()
            positions = cache.get(word)
            if positions is None:
                positions = self._sectors_of(word)
                if len(cache) < 100_000:
                    cache[word] = positions
            found |= positions
        if not found:
            return ()
        return tuple(self.sectors[p].key for p in sorted(found))

    def _sectors_of(self, matched: str) -> frozenset[int]:
        words = matched.replace("-", " ").split()
        positions: set[int] = set()
        # the phrase and the phrases it starts with: "visa-free" is "visa free" (tourism) and "visa" (diplomacy)
        for count in range(len(words), 0, -1):
            normal = " ".join(words[:count])
            positions.update(self._exact.get(normal, ()))
            for stem, owners in self._wild:
                if normal.startswith(stem):
                    positions.update(owners)
        return frozenset(positions)


def _read(path: Path) -> list[Sector]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SectorFileError(f"sector file {path} does not exist") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SectorFileError(f"sector file {path} is not valid JSON: {error}") from error
    items = data.get("sectors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise SectorFileError(f"sector file {path}: expected {{\"sectors\": [...]}} or a list of sectors")
    sectors = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str) or not item["key"].strip():
            raise SectorFileError(f"sector file {path}: sector {number} needs a \"key\" (a non-empty string)")
        keywords = item.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise SectorFileError(f"sector file {path}: sector {item['key']!r} needs \"keywords\" as a list of strings")
        label = item.get("label")
        if label is not None and not isinstance(label, str):
            raise SectorFileError(f"sector file {path}: sector {item['key']!r} has a \"label\" that is not a string")
        key = item["key"].strip()
        sectors.append(Sector(key, label or key.replace("_", " ").capitalize(), tuple(k.strip() for k in keywords if k.strip())))
    return sectors


def _merge(base: list[Sector], extra: list[Sector]) -> list[Sector]:
    """``extra`` adds keywords to sectors of the same key, and new sectors at the end."""
    merged = {sector.key: sector for sector in base}
    order = [sector.key for sector in base]
    for sector in extra:
        if sector.key in merged:
            old = merged[sector.key]
            keywords = old.keywords + tuple(k for k in sector.keywords if k not in old.keywords)
            merged[sector.key] = Sector(old.key, old.label, keywords)
        else:
            merged[sector.key] = sector
            order.append(sector.key)
    return [merged[key] for key in order]
