"""Name normalisation and alias resolution: which spellings of a name are the same entity.

``fold`` is the comparison form of a name (no diacritics, case-folded, hyphens and apostrophes and dots
normalised); ``entity_key`` is the key the store resolves variants with *across* documents; ``resolves_to``
says whether a short form ("Lâm", "Tokayev", "Mai") is a shortening of a fuller name in the same text
("Tô Lâm", "Kassym-Jomart Tokayev", "Pham Thai Nhu Mai") and is cheap enough to run against every known
person; ``preferred_name`` picks the form to show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from desktop.domain.text import fold_diacritics

# What names ignore beyond fold_diacritics: apostrophes and dots vanish, hyphens and dashes separate words,
# and two letters fold_diacritics keeps.
_NAME_PUNCTUATION = str.maketrans(
    {
        "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
        "’": "", "'": "", "‘": "", "`": "", "´": "", ".": "",
        "-": " ", "‐": " ", "‑": " ", "–": " ", "—": " ", "_": " ", "\u00a0": " ",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")
# A word as the recogniser reads text: letters first, with the marks names hold inside ("O'Brien", "U.S.",
# "Kassym-Jomart").
WORD = re.compile(r"[^\W\d_][\w'’.\-‐]*")

#: Lower-case particles that sit inside a person's name ("Osama bin Laden", "de Villepin", "van der Sar").
NAME_PARTICLES = frozenset("van von der den de del della di da du la le bin ibn al el dos das ter".split())

# Words in front of a name that make a different place: "East Kazakhstan" is not "Kazakhstan".
_DIRECTIONAL = frozenset(
    "north south east west northern southern eastern western central upper lower new greater old "
    "northeast northwest southeast southwest inner outer".split()
)
# Last words that make a name a place or a body rather than a person: "Ho Chi Minh City".
_NOT_PERSON_TAIL = frozenset(
    "city province region oblast district county state island islands bay river lake sea "
    "group air airlines agency bank party committee council ministry university airport".split()
)


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The comparison form of a name: "Tô Lâm" -> "to lam", "Kassym-Jomart" -> "kassym jomart"."""
    folded = fold_diacritics(name.translate(_NAME_PUNCTUATION))
    if not name.isascii():  # again, for what decomposition uncovers: "Ǿ" -> "ø" -> "o"
        folded = fold_diacritics(folded.translate(_NAME_PUNCTUATION))
    return _SPACES.sub(" ", folded).strip()


def entity_key(name: str, type: str) -> str:
    """The store's key for an entity, the same for every spelling of it: ``entity_key("Tô Lâm", "person")``
    == ``entity_key("General Secretary To Lam", "person")`` == ``"person:to lam"``.

    Person titles are dropped; a place or organisation the gazetteer knows maps to its canonical name
    ("Viet Nam" -> "place:vietnam", "ASTANA" -> "place:astana", "UK" -> "place:united kingdom").
    """
    from desktop.extract.gazetteer import shared_gazetteer  # lists load on first use

    gazetteer = shared_gazetteer()
    folded = fold(name)
    if type == "person":
        folded = gazetteer.strip_title(folded)
    entry = gazetteer.lookup(folded)
    if entry is not None and entry.type == type:
        folded = fold(entry.name)
    return f"{type}:{folded}"


def _quality(name: str) -> tuple[int, int, int, int]:
    return (
        len(fold(name).split()),  # fullest first: "Kassym-Jomart Tokayev" over "Tokayev"
        0 if name.isupper() and len(name) > 3 else 1,  # "Astana" over "ASTANA"
        0 if name.isascii() else 1,  # "Tô Lâm" over "To Lam"
        1 if "-" in name else 0,  # "Kilroy-Silk" over "Kilroy Silk"
    )


def preferred_name(variants: Iterable[str]) -> str:
    """The form to show: the fullest, then not shouted in capitals, then one with diacritics; the first
    of equals."""
    best = ""
    best_quality = None
    for variant in variants:
        variant = variant.strip()
        if not variant:
            continue
        quality = _quality(variant)
        if best_quality is None or quality > best_quality:
            best, best_quality = variant, quality
    return best


def resolves_to(short: str, full: str) -> bool:
    """Whether ``short`` is a shortening of the person name ``full``: its last word(s).

    "Lâm" -> "Tô Lâm", "Tokayev" -> "Kassym-Jomart Tokayev", "Mai" -> "Pham Thai Nhu Mai"; not
    "Ho Chi Minh" -> "Ho Chi Minh City", nor "Kazakhstan" -> "East Kazakhstan".
    """
    short_tokens = fold(short).split()
    full_tokens = fold(full).split()
    if not short_tokens or not full_tokens:
        return False
    if len(short_tokens) >= len(full_tokens):
        return short_tokens == full_tokens
    if full_tokens[-len(short_tokens):] != short_tokens:
        return False
    if short_tokens[-1] in _NOT_PERSON_TAIL:
        return False
    return not any(token in _DIRECTIONAL for token in full_tokens[: -len(short_tokens)])
