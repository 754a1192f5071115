"""The kind of a figure: "actual" (a reported value), "projection" (a forecast, an estimate, a possibility)
or "target" (a plan, a proposal, a goal).

The last cue before the figure in its clause decides ("aim to" -> target, "forecast", "could" -> projection,
"rose", "current", "the past" -> actual); a cue right after it can add one ("5% growth forecast for 2005",
"$5bn, expected in 2004", "its 2% target"). The clause is cut at ";" and at conjunctions that open a new
statement (", but", ", while", ", after", ...), so "will" in one clause does not leak onto the actual
figure of the next ("inflation will fall from the current 2.5%").
"""

from __future__ import annotations

import re

from desktop.domain import Sentence
from desktop.extract.quantities import Quantity

_TARGET = (
    r"aim(?:s|ed|ing)?\s+(?:to|at|for)|target(?:s|ed|ing)?|goals?|objectives?|ambitions?|plan(?:s|ned|ning)?\s+to"
    r"|seek(?:s|ing)?\s+to|want(?:s|ed)?|hop(?:e|es|ed|ing)\s+to|pledg(?:e|es|ed)\s+to|intend(?:s|ed)?\s+to"
    r"|striv(?:e|es|ing)\s+to|committed\s+to|vot(?:e|es|ed|ing)\s+(?:to|for)|propos(?:e|es|ed|ing|als?)"
    r"|promis(?:e|es|ed|ing)\s+to|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:for|on)|keen\s+(?:on|to)|earmark(?:s|ed|ing)?|(?:will|would|is\s+to|are\s+to)\s+be\s+made\s+available"
)
_PROJECTION = (
    r"project(?:ed|ing|ion|ions|s)?|forecast(?:s|ing|ers)?|expect(?:s|ed|ing|ations?)?|predict(?:s|ed|ing|ions?)?"
    r"|estimates?|could|would|will|may|might|set\s+to|likely\s+to|poised\s+to|on\s+(?:course|track)\s+to|outlook"
    r"|anticipat\w+|should|speculat\w+"
)
_ACTUAL = (
    r"rose|fell|grew|increased|decreased|dropped|declined|jumped|slumped|climbed|expanded|contracted|reached|posted"
    r"|reported|recorded|totalled|totaled|was|were|made|earned|lost|had|saw|gained|shrank|surged|soared|plunged"
    r"|doubled|tripled|stood|amounted|last\s+year|a\s+year\s+(?:earlier|ago)|year-earlier|current(?:ly)?|previously|originally"
    r"|(?:the|its|their)\s+(?:past|last)|so\s+far|to\s+date|at\s+present|existing"
)
_NOT_A_CUE = (
    r"(?:than|as)\s+(?:had\s+been\s+)?(?:forecast|expected|predicted|anticipated|projected)|expectations"
    r"|amount\s+expected"
)
_KIND_CUE = re.compile(
    rf"\b(?:(?P<actual_>{_NOT_A_CUE})|(?P<target>{_TARGET})|(?P<projection>{_PROJECTION})|(?P<actual>{_ACTUAL}))\b",
    re.IGNORECASE,
)
_KIND_AFTER = re.compile(
    r"\s+(?:(?:is|are|was|were)\s+(?:(?P<projection>forecast|expected|projected|predicted|estimated)|(?P<target>targeted|planned))"
    r"|(?P<target__>will|would|is\s+to|are\s+to)\s+be\s+(?:made\s+available|spent|invested|allocated)|(?P<projection_>would|will|could|might|may)\s+be)\b|\s+(?P<target_>target|goal)\b"
    r"|,?\s+(?:[a-z]+\s+)?(?P<projection__>forecast|expected|projected|predicted)\s+(?:for|in|by|this|next|over)\b"
    r"|\s+(?:[a-z]+\s+){0,2}had\s+(?P<projection___>forecast|expected|predicted)\b",
    re.IGNORECASE,
)
# "from $639m", "compared with 2%": a baseline is what was; "from 30% to 40%" leaves the 40% to its cues
BASELINE_BEFORE = re.compile(
    r"\b(?:from|against|compared\s+(?:with|to)|versus)\s+(?:(?!to\b|and\b)\S+\s+){0,2}$", re.IGNORECASE
)
_TARGET_AFTER = re.compile(r"\s+(?:inflation\s+|growth\s+)?(?:target|goal)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:but|while|whereas|although|though|after|compared|and\s+(?:the|its|their))\b|\b(?:but|whereas)\s",
    re.IGNORECASE,
)

_KIND_WINDOW = 160  # characters before a figure searched for kind cues


def figure_kind(text: str, quantity: Quantity, sentence: Sentence) -> str:
    """"actual", "projection" or "target" for ``quantity`` in ``sentence``; see the module notes."""
    window_start = max(sentence.start, quantity.start - _KIND_WINDOW)
    for brk in _CLAUSE_BREAK.finditer(text, window_start, quantity.start):
        window_start = brk.end()
    if quantity.marker == "from" or BASELINE_BEFORE.search(text, max(window_start, quantity.start - 30), quantity.start):
        return "actual"
    kind = "actual"
    for cue in _KIND_CUE.finditer(text, window_start, quantity.start):
        kind = (cue.lastgroup or "actual").rstrip("_")
    if _TARGET_AFTER.match(text, quantity.end):
        return "target"  # "its 2% target"
    if kind == "actual":
        after = _KIND_AFTER.match(text, quantity.end, min(sentence.end, quantity.end + 40))
        if after:
            kind = (after.lastgroup or "actual").rstrip("_")
    return kind
