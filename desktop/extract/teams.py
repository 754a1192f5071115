"""Clubs named by their town in sports reports ("Leicester beat Stoke 2-1", "Arsenal v Stoke", "Swindon
manager"): where in a text a name stands in a team's place, found by the words around it.

A town is a place everywhere else; only the frame around the name ("beat", "v", a score, "manager") makes it
the club, and only in a sports story (``resources/gazetteer/sport_terms.txt``), so "a trip to Leicester" in a
story on roads stays the city and "win over Windows PC customers" names no team.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.domain import Sentence
from desktop.extract.names import WORD

# The words before a team: "beat Stoke", "drawn at home to Stoke", "a trip to Yeading", "on loan from Leeds".
_BEFORE_TEAM = re.compile(
    r"(?:\b(?:beat|beats|beating|beaten by|lost to|lose to|loses to|losing to|defeat to|defeat by|loss to|"
    r"defeated by|face|faces|facing|faced|visit|visits|visited|visiting|host to|entertain|entertains|"
    r"entertained|drawn against|drawn away to|drawn away at|at home to|away to|away at|travel to|travels to|"
    r"travelled to|trip to|drew with|draw with|draws with|drawing with|tie with|tied with|win over|wins over|"
    r"won over|victory over|triumph over|win against|victory against|knocked out|eliminated|thrashed|"
    r"hammered|routed|joined|signed for|sign for|loan from|loan to|loan at|spell at)\s+)$"
)
# The words after a team: "Stoke manager", "Leicester's striker", "Swindon v Stoke", "Leeds were relegated".
_AFTER_TEAM = re.compile(
    r"(?:'s|’s|'|’)?\s+(?:manager|boss|coach|striker|midfielder|defender|goalkeeper|keeper|winger|forward|"
    r"captain|skipper|chairman|fans|supporters?|players?|side|squad|board|academy|youngsters?|full-back|"
    r"fly-half|scrum-half|debut|beat|beats|drew|draw|lost|won|were relegated|were promoted|"
    r"visit|travel|face|host|entertain)\b"
)
# A fixture, "Arsenal v Stoke", or a result line, "Leicester 2 Stoke 1" (as wire services print tables).
_VERSUS_BEFORE = re.compile(r"\b(?:v|vs\.?|versus)[ \t]+$")
_VERSUS_AFTER = re.compile(r"[ \t]+(?:v|vs\.?|versus)[ \t]+[A-Z]")
_SCORE_THEN_NAME = re.compile(r"[ \t]+\d{1,3}[ \t]+[A-Z]")
_NAME_SCORE_BEFORE = re.compile(r"[A-Za-z.'][ \t]+\d{1,3}[ \t]+$")
_SCORE_AFTER = re.compile(r"[ \t]+\d{1,3}(?:\s|$|[,;.)])")


@dataclass
class SportSentences:
    """Which sentences are about sport (``sport_words``), decided once per sentence, and whether the whole
    text is a sports story (``sport_terms``: two of them, once every hundred words)."""

    text: str
    sentences: Sequence[Sentence]
    words: frozenset[str]
    terms: frozenset[str] = frozenset()
    _starts: list[int] = field(init=False)
    _known: dict[int, bool] = field(init=False, default_factory=dict)
    _story: bool | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]

    def about(self, offset: int) -> bool:
        position = bisect_right(self._starts, offset) - 1
        if position < 0:
            return False
        known = self._known.get(position)
        if known is None:
            sentence = self.sentences[position]
            words = WORD.findall(self.text, sentence.start, sentence.end)
            known = self._known[position] = any(word.rstrip(".").lower() in self.words for word in words)
        return known

    def story(self) -> bool:
        if self._story is None:
            words = [word.rstrip(".").lower() for word in WORD.findall(self.text)]
            found = [word for word in words if word in self.terms]
            self._story = len(set(found)) >= 2 and len(found) * 100 >= len(words)
        return self._story


def in_team_place(text: str, start: int, end: int, sport: SportSentences) -> bool:
    """Whether the name at ``text[start:end]`` stands where a team does in a sports story: in a fixture or a
    result (see ``in_fixture``), or with a team's words around it ("beat Stoke", "Stoke manager")."""
    if not sport.story():
        return False
    return (
        _BEFORE_TEAM.search(text, max(0, start - 24), start) is not None
        or _AFTER_TEAM.match(text, end) is not None
        or in_fixture(text, start, end, sport)
    )


def in_fixture(text: str, start: int, end: int, sport: SportSentences) -> bool:
    """Whether the name at ``text[start:end]`` is a side of a fixture ("Arsenal v Stoke") or of a result line
    ("Leicester 2 Stoke 1") in a sports story: a line's first word counts there."""
    if not sport.story():
        return False
    return (
        _VERSUS_BEFORE.search(text, max(0, start - 10), start) is not None
        or _VERSUS_AFTER.match(text, end) is not None
        or _SCORE_THEN_NAME.match(text, end) is not None
        or (_SCORE_AFTER.match(text, end) is not None
            and _NAME_SCORE_BEFORE.search(text, max(0, start - 12), start) is not None)
    )
