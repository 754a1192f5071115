"""Sentence boundaries with exact character offsets.

A rule-based splitter, not a library: the usual ones (nltk's punkt, pysbd) either need downloaded data or
run at a few thousand sentences a second and do not hand back offsets that survive every case below.
A boundary is sentence-final punctuation (with any closing quotes or brackets) followed by white space and
a plausible sentence start, unless the word before it is an abbreviation ("Mr.", "No. 1", "U.S."), an
initial, or the dot is inside a number ("4.8%"). A line break between paragraphs always ends a sentence.
"""

from __future__ import annotations

import re

from desktop.domain import Sentence

# Words that end with a dot but rarely end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen col lt sgt capt cmdr adm maj rep sen gov pres amb rev fr jr sr messrs mme
    mt ft no nos vs etc inc ltd co corp bros dept est fig approx al op vol pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun""".split()
)
# Abbreviations that take a number after them: "No. 1", "Fig. 3"; before anything else they may end a sentence.
_BEFORE_NUMBER = frozenset({"no", "nos", "fig", "vol", "pp", "op", "art", "p"})
# Capitalised words that start a new sentence even after an ambiguous acronym such as "U.S."
_SENTENCE_STARTERS = frozenset(
    """the a an it he she they we i this that these those there here but and or so yet in on at for
    however meanwhile its his her their our mr mrs ms dr analysts officials some many most while when
    if as after before since although though according""".split()
)

_CLOSERS = "\"')]}’”»"
_OPENERS = "\"'([{‘“«"
_CANDIDATE = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)|\n\s*\n|\n")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORD_CHARS = _ASCII_LETTERS | frozenset(".'’-")
_NEXT_WORD = re.compile(r"[\w’'-]+")


def _word_before(text: str, end: int) -> str:
    """The word ending at ``end`` ("U.S", "Mr", "J"): a letter, then letters, dots, apostrophes and hyphens.

    Walked backwards by hand: a regular expression anchored at ``end`` would scan from the start of the
    text at every full stop, which made long documents quadratic."""
    start = end
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    while start < end and text[start] not in _ASCII_LETTERS:
        start += 1
    return text[start:end]


def _next_non_space(text: str, pos: int) -> int:
    length = len(text)
    while pos < length and text[pos].isspace():
        pos += 1
    return pos


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    mark = match.group()
    if "\n" in mark:
        return True
    after = _next_non_space(text, match.end())
    if after >= len(text):
        return True
    next_char = text[after]
    if next_char.islower() or next_char in ",;:%":
        return False
    if not (next_char.isupper() or next_char.isdigit() or next_char in _OPENERS or next_char in "-–—•*"):
        return False
    if not mark.startswith("."):
        return True  # ! ? and … end sentences whatever came before
    word = _word_before(text, match.start())
    if not word:
        return True
    bare = word.strip(".'’-").lower()
    next_word = _NEXT_WORD.match(text, after)
    next_token = next_word.group().lower() if next_word else ""
    if bare in _BEFORE_NUMBER:
        return not next_char.isdigit()
    if bare in _ABBREVIATIONS:
        return False
    if len(bare) == 1 and word[0].isupper():
        return False  # an initial: "J. Smith"
    if "." in word.strip("."):
        # dotted acronym ("U.S.", "a.m."): ends a sentence only before a word that usually starts one
        return next_token in _SENTENCE_STARTERS
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose [start, end) offsets exclude surrounding white space."""
    sentences: list[Sentence] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if not _is_boundary(text, match):
            continue
        end = match.start() if "\n" in match.group() else match.end()
        _append(sentences, text, start, end)
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end))

