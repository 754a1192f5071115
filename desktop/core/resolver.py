"""Which stored entity a mention belongs to, across documents.

Within a document, extraction already folds variants ("Lâm" -> "Tô Lâm"). Across documents the key does the
work ("To Lam" and "Tô Lâm" share one), and a lone surname in a document without the full name ("Tokayev")
joins the one known person it can stand for; with two candidates it stays apart rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.domain import ExtractedMention
from desktop.extract.names import entity_key, resolves_to
from desktop.store.repository import Repository


class EntityResolver:
    def __init__(self, known: dict[str, str]) -> None:
        self._known = dict(known)  # key -> display name
        self._persons_by_token: dict[str, list[str]] = {}
        for key, name in self._known.items():
            self._index(key, name)

    @classmethod
    def from_repository(cls, repository: Repository) -> EntityResolver:
        return cls(repository.entity_keys())

    def _index(self, key: str, name: str) -> None:
        if not key.startswith("person:") or ":split:" in key:
            return
        for token in key.split(":", 1)[1].replace("-", " ").split():
            self._persons_by_token.setdefault(token, []).append(key)

    def learn(self, entities: Iterable[tuple[str, str]]) -> None:
        for key, name in entities:
            if key not in self._known:
                self._known[key] = name
                self._index(key, name)

    def key_for(self, mention: ExtractedMention) -> str:
        key = entity_key(mention.name, mention.type)
        if key in self._known or mention.type != "person":
            return key
        bare = key.split(":", 1)[1]
        if " " in bare:
            return key
        candidates = {
            candidate for candidate in self._persons_by_token.get(bare, ())
            if candidate != key and resolves_to(mention.name, self._known[candidate])
        }
        return candidates.pop() if len(candidates) == 1 else key

    def keys_for(self, mentions: Sequence[ExtractedMention]) -> list[str]:
        return [self.key_for(mention) for mention in mentions]
