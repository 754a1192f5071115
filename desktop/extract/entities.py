"""People, organisations and places in a text, by rules, fully offline.

The text's capitalised words are grouped into *runs* (words joined by a single space, or by a connector such
as "of", "of the", "and", "van"); each run is cut into entities, left to right, by what is known:

- the gazetteer's places, organisations and people, longest first ("Ho Chi Minh City" before the person
  "Ho Chi Minh"; "East Kazakhstan" before "Kazakhstan"), with an organisation word after a place making an
  organisation ("New York Times") and a place word making the same place ("Bac Ninh Province");
- titles ("General Secretary", "President", "Ambassador", "Mr"), which make the following name a person and
  travel with it as ``title`` but stay out of its span; a title may reach across "of"/"to" and a place or
  organisation ("Vietnamese Ambassador to Kazakhstan Pham Thai Nhu Mai");
- organisation patterns: "… Group", "… Air", "… Agency", "Ministry of …";
- given names and Vietnamese family names opening a name ("Gerhard Schroeder", "Pham Thai Nhu Mai");
- demonyms ("Vietnamese", "Kazakh"), which are never entities, and stopwords (sentence openers such as
  "Speaking", "The", "Looking", months, weekdays).

A Title Case headline opening the text ("Google Results Revive 'Dot-Com' Fervor") keeps only the names the
lists know or the rest of the text confirms, since its capitals say nothing.

What is left is an *unknown* span, kept only with evidence from the rest of the text: it shortens a
person named in full ("Lâm" -> "Tô Lâm", "Tokayev", "Mai"), it looks like a Slavic or Kazakh surname, or it
is the initials of an organisation named here ("M&S"), or, when no model read the text, it is written in
capitals mid-sentence at least twice ("Google", "Yukos", "AOL"). A sentence-initial word with no such
evidence is dropped: junk hurts a reader more than a miss, and the statistical model's spans (``extra_spans``)
fill gaps where no rule is sure.

This module finds and cuts the names; ``teams`` reads clubs named by their town in sports stories, and
``resolution`` settles the unknown spans' types and every name's canonical form.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.domain import ExtractedMention, Sentence
from desktop.domain.model import ENTITY_TYPES
from desktop.domain.periods import MONTHS
from desktop.extract.gazetteer import Entry, Gazetteer, shared_gazetteer
from desktop.extract.candidates import ORGANISATION, PERSON, PLACE, PLACE_HINTS, Candidate
from desktop.extract.names import NAME_PARTICLES, WORD, fold
from desktop.extract.ner import capital_lines
from desktop.extract.resolution import resolve
from desktop.extract.teams import SportSentences, in_fixture, in_team_place

_TYPES = frozenset(ENTITY_TYPES)


def _upper_class() -> str:
    # Python's re has no \p{Lu}: build the class of upper- and title-case letters of the scripts news uses.
    chars = [chr(code) for code in range(0x41, 0x3000) if chr(code).isupper() or chr(code).istitle()]
    return "".join(re.escape(ch) for ch in chars)


_U = "[" + _upper_class() + "]"
_L = r"[\w\u0300-\u036f]"  # word characters, and combining marks of text not in NFC
# One romanised Chinese or Korean syllable ("Shui", "bian", "Myung", "bak", "un"): a hyphenated given name
# may end in one written in lower case ("Chen Shui-bian", "Kim Jong-un"), unlike "Kazakh-led" or "Hanoi-based".
_RHYME = r"[aeiouy]{1,3}(?:ng|n|k|l|m|p|r)?"
_SYLLABLE = r"[bcdfghjklmnpqrstvwxyz]{0,3}" + _RHYME
_CAPITAL_SYLLABLE = r"[BCDFGHJKLMNPQRSTVWXYZ][bcdfghjklmnpqrstvwxyz]{0,2}" + _RHYME
_TOKEN = re.compile(
    r"(?<![\w\u0300-\u036f'’.\-‐])"
    r"(?:(?:" + _U + r"\.){2,}(?!\w)"  # U.S. U.N.
    r"|(?!(?:Non|Pro|Co|Re|Pre|Bi|Tri|Post|Mid)-)" + _CAPITAL_SYLLABLE + r"[-‐]" + _SYLLABLE + r"(?![\w\-‐])"
    # Tokayev Kassym-Jomart O'Brien AT&T, and Arabic names with their article: al-Assad, el-Bashir, al-Anbar
    r"|(?:(?:al|el|ad|an|ar|as|ash|at|az|ul)[-‐])?" + _U + _L + r"*(?:[-‐&]" + _U + _L + r"*|['’]" + _U + _L + r"*)*)"
)
# Lower-case words that join capitalised words into one run; particles may sit inside a person's name.
_CONNECTORS = frozenset({"of", "of the", "for", "for the", "and", "&", "on", "van der", "von der", "de la"}) | NAME_PARTICLES
_JOINING = frozenset({"of", "of the", "for", "for the", "and", "&", "on"})  # not inside a person's name
_ABBREVIATED = frozenset("Mr Mrs Ms Dr Prof St Gen Col Lt Sgt Capt Cmdr Adm Maj Rep Sen Gov Rev Fr Jr Sr Mt".split())
# Gaps across which a title still reaches the next run: "Ambassador to Kazakhstan Pham Thai Nhu Mai".
_TITLE_GAPS = frozenset({" to ", " in ", " of ", " of the ", " for ", " at "})
_PLACE_WORDS = frozenset("province city oblast region district county prefecture municipality".split())
# Letters after a person's name that are not part of it: "Frank Field MP", "Nicholas Blake QC".
_POSTNOMINALS = frozenset("mp mps mep msp am mla qc kc obe mbe cbe kbe jr sr phd md".split())
_COMMON_ENDING = re.compile(r"(?:ing|ly|ed)$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
# Words dropped from the front of a run anywhere ("… by The Guardian"); at a sentence start any stopword is.
_FUNCTION = frozenset(
    "the a an and but or nor so yet in on at of to for with by from as if this that these those it its "
    "he she they we i his her their our my your there here when while after before since during".split()
)
_DOTTED_SUFFIXES = frozenset("inc corp co ltd bros".split())
_CORPORATE_SUFFIXES = _DOTTED_SUFFIXES | frozenset("plc llc ag sa nv gmbh corporation incorporated limited".split())
_OPENERS = frozenset("\"'“‘«([{-–—•*:")
# Capitalised words that end a name even inside a run: "President Bush Saturday said", "Najib Mikati After".
# ("May" is left out: "Theresa May".)
_RUN_BREAKS = (
    _FUNCTION
    | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
    | frozenset(month for month in MONTHS if len(month) > 3)
)


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    key: str  # folded
    conn: bool = False  # a lower-case connector between capitalised words


class _Segmenter:
    """Cuts one run of capitalised words into candidates."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.g = gazetteer

    def known_at(self, toks: list[_Token], i: int) -> tuple[int, Entry] | None:
        g = self.g
        first = toks[i]
        if first.conn:
            return None
        for length in g.lengths.get(first.key.split(" ", 1)[0], ()):
            # a known name never starts or ends on a connector; lengths count folded words, so a connector
            # such as "of the" or a hyphenated token ("Kassym-Jomart", "al-Qaida") counts as its words
            words = []
            j = i
            count = 0
            while j < len(toks) and count < length:
                words.append(toks[j].key)
                count += len(toks[j].key.split())
                j += 1
            if count != length or toks[j - 1].conn:
                continue
            key = " ".join(words)
            entry = g.entries.get(key)
            if entry is None:
                continue
            if entry.caps_only:
                text = " ".join(t.text for t in toks[i:j])
                if not text.replace(".", "").replace(" ", "").isupper():
                    continue
            return j - i, entry
        return None

    def title_at(self, toks: list[_Token], i: int) -> tuple[int, str, bool] | None:
        g = self.g
        first = toks[i]
        if first.conn:
            return None
        for length in g.title_lengths.get(first.key.split(" ", 1)[0], ()):
            j, count = i, 0  # lengths count folded words: "Secretary-General" is two
            while j < len(toks) and count < length and not toks[j].conn:
                count += len(toks[j].key.split())
                j += 1
            if count != length:
                continue
            window = toks[i:j]
            found = g.titles.get(" ".join(t.key for t in window))
            if found is not None:
                return j - i, " ".join(t.text for t in window), found[1]
        return None

    def segment(
        self, toks: list[_Token], initial: bool, pending: str | None, out: list[Candidate], hint: str
    ) -> str | None:
        """Append the run's candidates to ``out``; return the title still waiting for a name, if any."""
        g = self.g
        n = len(toks)
        i = 0
        # sentence openers and function words at the start of a run: "Speaking", "The", "But", "In"
        while i < n and (toks[i].conn or self._opener(toks, i, initial)):
            i += 1
            initial = False
        if i < n and initial and n - i == 1 and _COMMON_ENDING.search(toks[i].key) and not self._anything(toks, i):
            return pending  # "Looking", "Clearly"
        if i < n and initial and n - i > 1 and _COMMON_ENDING.search(toks[i].key) and not self._anything(toks, i):
            i += 1  # "Speaking Tuesday", "Reportedly Google"
            initial = False
        crossed = False  # a connector stands between the pending title and what follows
        while i < n:
            tok = toks[i]
            if tok.conn:
                crossed = True
                i += 1
                continue
            if tok.key in _RUN_BREAKS and not self._known_multi(toks, i):
                i += 1  # a weekday or function word mid-run ends the name before it
                pending = None
                continue
            first_here = initial and i == 0
            # "Ministry of …", "Bank of …": an organisation up to the end of the run or a title
            if tok.key in g.org_prefixes and i + 1 < n and toks[i + 1].conn and toks[i + 1].key in _JOINING:
                j = i + 2
                while j < n and (toks[j].conn or not (self.title_at(toks, j) or self._known_person(toks, j))):
                    if toks[j].conn and toks[j].key in ("and", "&") and (
                        j + 1 >= n or self._person_led(toks, j + 1) or self.known_at(toks, j + 1)
                    ):
                        break  # "University of California and Dan Gillmor"; not "… of Trade and Integration"
                    j += 1
                end = j
                while end > i and toks[end - 1].conn:
                    end -= 1
                if end > i + 2:
                    out.append(self._candidate(toks, i, end, ORGANISATION, None, sure=True, initial=first_here))
                    i = end
                    continue
            known = self.known_at(toks, i)
            if known is not None and known[0] >= 2:
                i, pending = self._emit_known(toks, i, known, pending, out, first_here)
                crossed = False if pending is None else crossed
                continue
            title = self.title_at(toks, i)
            if title is not None and not (i + title[0] < n and toks[i + title[0]].key in g.org_suffixes):
                length, text, honorific = title
                pending = "" if honorific else text
                crossed = False
                i += length
                continue
            if tok.key in g.demonyms:
                end = self._suffix_end(toks, i + 1)
                if end > i + 1:
                    cand = self._candidate(toks, i, end, ORGANISATION, None, sure=True, initial=first_here)
                    if fold(" ".join(t.text for t in toks[i + 1 : end])) not in g.generic:
                        out.append(cand)  # "Scottish National Party"; not "Vietnamese Party"
                    i = end
                else:
                    i += 1
                continue
            if self._person_led(toks, i):
                j = i + 1
                while j < n and not (toks[j].conn and toks[j].key in _JOINING) and not self.title_at(toks, j) \
                        and toks[j].key not in _RUN_BREAKS:
                    j += 1
                while toks[j - 1].conn:
                    j -= 1
                if not any(t.key in g.org_suffixes for t in toks[i:j]):
                    title_text = pending if pending else None
                    out.append(self._candidate(toks, i, j, PERSON, None, title_text, True, first_here))
                    pending = None
                    i = j
                    continue
            if known is not None:
                i, pending = self._emit_known(toks, i, known, pending, out, first_here)
                continue
            # an unknown stretch, up to the next known name, title or demonym
            j = i
            last_suffix = -1
            while j < n:
                t = toks[j]
                if j > i and not t.conn and (
                    self.known_at(toks, j) or self.title_at(toks, j) or t.key in g.demonyms or t.key in _RUN_BREAKS
                ):
                    break
                if t.conn and t.key in ("and", "&") and last_suffix >= 0:
                    break  # "Zhetysu Trading Group and Saryarka Air" are two
                if not t.conn and t.key in g.org_suffixes and j > i:
                    last_suffix = j
                j += 1
            if last_suffix >= 0:
                cand = self._candidate(toks, i, last_suffix + 1, ORGANISATION, None, sure=True, initial=first_here)
                if cand.key not in g.generic:
                    out.append(cand)
                i = last_suffix + 1
                continue
            # no pattern: pieces between joining connectors are unknown names
            start = i
            titled = pending is not None and not crossed
            while start < j:
                end = start
                while end < j and not (toks[end].conn and toks[end].key in _JOINING):
                    end += 1
                stop = end
                while stop > start and toks[stop - 1].conn:
                    stop -= 1
                if stop > start:
                    if titled:
                        out.append(self._candidate(toks, start, stop, PERSON, None, pending or None, True, first_here))
                        titled = False
                        pending = None
                    else:
                        cand = self._candidate(toks, start, stop, None, None, initial=first_here and start == 0)
                        cand.hint = hint if start == 0 else ""
                        out.append(cand)
                start = end + 1
            if crossed:
                pending = None
            i = j
        return pending

    def listed(self, toks: list[_Token], out: list[Candidate]) -> None:
        """Append only the names the lists know in the run, longest first from the left: how a line in
        capitals is read, where every word is capitalised and the patterns would see names everywhere."""
        i = 0
        while i < len(toks):
            known = None if toks[i].conn else self.known_at(toks, i)
            if known is None or known[1].caps_only:
                i += 1  # in capitals an acronym cannot be told from a word ("CAR", "US", "WHO"): the model's call
            else:
                i, _pending = self._emit_known(toks, i, known, None, out, False)

    # -- helpers ------------------------------------------------------------------------------------------
    def _opener(self, toks: list[_Token], i: int, initial: bool) -> bool:
        """A function word, or a sentence-opening stopword, that starts no name ("The", "Speaking")."""
        tok = toks[i]
        if tok.key not in _FUNCTION and not (initial and tok.key in self.g.stopwords):
            return False
        if self._known_multi(toks, i) or self.title_at(toks, i):
            return False  # "The Hague"; "President Bush said"
        # "U.S. officials say": written in capitals or with dots, a listed name is not the stopword "Us"
        return not ((tok.text.isupper() or "." in tok.text) and len(tok.text) > 1 and self.known_at(toks, i))

    def _known_multi(self, toks: list[_Token], i: int) -> bool:
        known = self.known_at(toks, i)
        return known is not None and known[0] >= 2

    def _known_person(self, toks: list[_Token], i: int) -> bool:
        known = self.known_at(toks, i)
        return known is not None and known[1].type == PERSON

    def _anything(self, toks: list[_Token], i: int) -> bool:
        key = toks[i].key
        g = self.g
        return bool(
            self.known_at(toks, i) or self.title_at(toks, i) or key in g.demonyms or key in g.given_names
        )

    def _person_led(self, toks: list[_Token], i: int) -> bool:
        g = self.g
        tok = toks[i]
        if tok.key not in g.given_names and tok.key not in g.surnames:
            return False
        if tok.text.isupper() or i + 1 >= len(toks):
            return False
        nxt = toks[i + 1]
        if nxt.conn and nxt.key in _JOINING:
            return False
        if nxt.conn:
            return i + 2 < len(toks)
        if nxt.key in g.stopwords or self.title_at(toks, i + 1):
            return False
        # a Vietnamese name may hold a word that is also a demonym: "Pham Thai Nhu Mai"
        return nxt.key not in g.demonyms or tok.key in g.surnames

    def _suffix_end(self, toks: list[_Token], i: int) -> int:
        """The end of "… Suffix" starting at ``i``, when unknown words end on an organisation word."""
        g = self.g
        end = -1
        j = i
        while j < len(toks) and j < i + 5:
            t = toks[j]
            if not t.conn and (self.title_at(toks, j) or self._known_person(toks, j)):
                break
            if t.conn and t.key in ("and", "&") and end >= 0:
                break
            if not t.conn and t.key in g.org_suffixes:
                end = j + 1
            j += 1
        return end

    def _emit_known(
        self,
        toks: list[_Token],
        i: int,
        known: tuple[int, Entry],
        pending: str | None,
        out: list[Candidate],
        initial: bool,
    ) -> tuple[int, str | None]:
        length, entry = known
        end = i + length
        if entry.type == PERSON:
            out.append(self._candidate(toks, i, end, PERSON, entry.name, pending or None, True, initial))
            return end, None
        if entry.type == PLACE:
            org_end = self._suffix_end(toks, end)
            if org_end > end and not any(
                self.known_at(toks, k) for k in range(end, org_end) if not toks[k].conn
            ):
                # "New York Times", "Bac Ninh Trade Group"
                out.append(self._candidate(toks, i, org_end, ORGANISATION, None, sure=True, initial=initial))
                return org_end, pending
            if end < len(toks) and not toks[end].conn and toks[end].key in _PLACE_WORDS:
                end += 1  # "Da Nang City", "Almaty Oblast": the same place
        elif entry.type == ORGANISATION and end < len(toks) and toks[end].key in _CORPORATE_SUFFIXES:
            end += 1  # "Google Inc", "Siemens AG": the same company
        out.append(self._candidate(toks, i, end, entry.type, entry.name, sure=True, initial=initial))
        return end, pending

    def _candidate(
        self,
        toks: list[_Token],
        i: int,
        j: int,
        type_: str | None,
        name: str | None,
        title: str | None = None,
        sure: bool = False,
        initial: bool = False,
    ) -> Candidate:
        if type_ == PERSON:
            while j - i > 1 and toks[j - 1].key in _POSTNOMINALS:
                j -= 1
        start, end = toks[i].start, toks[j - 1].end
        caps = all(t.text.isupper() for t in toks[i:j] if not t.conn)
        key = " ".join(t.key for t in toks[i:j])
        return Candidate(start, end, type_, name, title or None, sure, initial, "", caps, key)


def _runs(text: str, tokens: list[_Token]) -> list[tuple[list[_Token], str]]:
    """Group tokens into runs; each run comes with the gap text before it."""
    runs: list[tuple[list[_Token], str]] = []
    current: list[_Token] = []
    gap_before = ""
    previous: _Token | None = None
    for tok in tokens:
        if previous is not None:
            gap = text[previous.end : tok.start]
            if gap == " ":
                current.append(tok)
                previous = tok
                continue
            if 2 < len(gap) <= 10 and gap[0] == " " and gap[-1] == " ":
                inner = gap[1:-1]
                if inner in _CONNECTORS:
                    current.append(_Token(previous.end + 1, tok.start - 1, inner, inner, True))
                    current.append(tok)
                    previous = tok
                    continue
            elif gap == ". " and (previous.text in _ABBREVIATED or len(previous.text) == 1):
                current.append(tok)  # "Mr. Smith", "George W. Bush"
                previous = tok
                continue
            runs.extend(_cut_joined(current, gap_before))
            gap_before = gap
            current = []
        current.append(tok)
        previous = tok
    if current:
        runs.extend(_cut_joined(current, gap_before))
    return runs


def _cut_joined(run: list[_Token], gap: str) -> list[tuple[list[_Token], str]]:
    """A run holding two names joined by a hyphen after an organisation word, cut in two there:
    "International Monetary Fund-World Bank"; "President Kassym-Jomart Tokayev" stays one run."""
    for i in range(1, len(run) - 1):
        tok = run[i]
        join = _JOIN.search(tok.text)
        if join is None or tok.conn or run[i - 1].conn or run[i + 1].conn \
                or fold(tok.text[: join.start()]) not in shared_gazetteer().org_suffixes:
            continue
        left = _Token(tok.start, tok.start + join.start(), tok.text[: join.start()], fold(tok.text[: join.start()]))
        right = _Token(tok.start + join.end(), tok.end, tok.text[join.end() :], fold(tok.text[join.end() :]))
        return [(run[:i] + [left], gap)] + _cut_joined([right] + run[i + 1 :], tok.text[join.start() : join.end()])
    return [(run, gap)]


_SEGMENTER: _Segmenter | None = None


def _segmenter() -> _Segmenter:
    global _SEGMENTER
    gazetteer = shared_gazetteer()
    if _SEGMENTER is None or _SEGMENTER.g is not gazetteer:
        _SEGMENTER = _Segmenter(gazetteer)
    return _SEGMENTER


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[_Token]:
    end = len(text) if end is None else end
    return [_Token(m.start(), m.end(), m.group(), fold(m.group())) for m in _TOKEN.finditer(text, start, end)]


def _is_initial(text: str, sentence_start: int, start: int) -> bool:
    """Whether nothing but punctuation stands between the sentence start (or an opening quote) and ``start``."""
    k = start - 1
    while k >= sentence_start and text[k] in " \t\u00a0":
        k -= 1
    return k < sentence_start or text[k] in _OPENERS or text[k] == "\n"


def _candidates(
    text: str, sentences: Sequence[Sentence], starts: list[int], tokens: list[_Token], segmenter: _Segmenter
) -> list[Candidate]:
    out: list[Candidate] = []
    pending: str | None = None
    previous_end = -1
    for run, gap in _runs(text, tokens):
        first = run[0]
        position = bisect_right(starts, first.start) - 1
        sentence_start = sentences[position].start if position >= 0 else 0
        if pending is not None and not (gap in _TITLE_GAPS and previous_end >= 0):
            pending = None
        initial = _is_initial(text, sentence_start, first.start)
        before = _WORD_BEFORE.search(text, max(0, first.start - 20), first.start)
        hint = before.group(1).lower() if before else ""
        pending = segmenter.segment(run, initial, pending, out, hint)
        previous_end = run[-1].end
    return out


def _model_candidates(
    text: str, spans: Sequence[tuple[int, int, str]], taken: list[Candidate], segmenter: _Segmenter,
    sentences: Sequence[Sentence], starts: list[int], sport: SportSentences,
) -> list[Candidate]:
    """Model spans where no sure rule span overlaps, cut by the same rules; unknown parts take the model's type."""
    sure = sorted((c for c in taken if c.sure), key=lambda c: (c.start, c.end))
    sure_starts = [c.start for c in sure]
    unknown = {(c.start, c.end): c for c in taken if c.type is None}
    teams: set[str] = set()
    added: list[Candidate] = []
    for start, end, type_ in _split_joined(text, spans):
        if type_ not in _TYPES or end <= start:
            continue
        k = bisect_left(sure_starts, end) - 1
        if k >= 0 and sure[k].end > start:
            inside = [c for c in sure[:k + 1] if c.end > start]
            if type_ == ORGANISATION and len(inside) == 1 and inside[0].type == PLACE \
                    and (inside[0].start, inside[0].end) == (start, end) and sport.about(start):
                teams.add(inside[0].key)  # "England coach Andy Robinson": the team, not the country
                continue
            rest = _after_person(text, start, end, inside[0]) if type_ == PERSON and len(inside) == 1 else None
            if rest is not None:
                organisation = inside[0]  # "Hannah Ward of the Refugee Council": cut to "Refugee Council"
                organisation.start = rest
                organisation.key = " ".join(t.key for t in _tokens(text, rest, organisation.end))
                added.append(Candidate(start, end, PERSON, None, sure=True, key=fold(text[start:end]),
                                        model_type=PERSON))
                continue
            if type_ == ORGANISATION and _reads_longer(text, start, end, inside, segmenter):
                for c in inside:
                    c.sure = False
                added.append(_whole_organisation(text, start, end))
                continue
            # A pattern-made organisation inside a longer organisation the model read ("International
            # Court" in "International Court of Justice") gives way to it; anything a list knows does not.
            if not (type_ == ORGANISATION and all(c.type == ORGANISATION and c.name is None
                                                  and start <= c.start and c.end <= end for c in inside)):
                continue
            for c in inside:
                c.sure = False
        toks = _tokens(text, start, end)
        if not toks and not (type_ == ORGANISATION and any(char.isupper() for char in text[start:end])):
            continue
        found: list[Candidate] = []
        for run, _gap in _runs(text, toks):
            position = bisect_right(starts, run[0].start) - 1
            sentence_start = sentences[position].start if position >= 0 else 0
            segmenter.segment(run, _is_initial(text, sentence_start, run[0].start), None, found, "")
        if type_ == ORGANISATION and not any(c.type not in (None, ORGANISATION) or c.name for c in found) \
                and [(c.start, c.end) for c in found] != [(start, end)] \
                and not (" and " in text[start:end] and any(c.type == ORGANISATION for c in found)):
            # The rules would cut an organisation the model read whole ("International Court of Justice",
            # "al-Qaida", "Hennes & Mauritz AB", "Procter and Gamble") at a connector or a lower-case word:
            # keep the model's span; but "Cisco Systems and Fujitsu" is two companies.
            added.append(_whole_organisation(text, start, end))
            continue
        for cand in found:
            if cand.type is None:
                # The rules decide first (a shortening of a person named here stays that person); the
                # model's type is the fallback, not an override.
                cand.model_type = type_
                cand.initial = False
                same = unknown.get((cand.start, cand.end))
                if same is not None:
                    same.model_type = type_
                    continue
            else:
                cand.sure = True
                if cand.type == type_:
                    cand.model_type = type_  # rules and model agree: "National Football League" is a name
            added.append(cand)
    # one text, one reading: where a listed place is a team once, it is the team in every sentence about sport
    for cand in taken:
        if cand.type == PLACE and cand.key in teams and sport.about(cand.start):
            cand.type = ORGANISATION
    return added


_JOIN = re.compile(r"(?<=[^\W\d_])[-‐/](?=[A-Z])")


def _split_joined(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Model spans (organisations and places) with two names of two or more words each joined by a hyphen or
    slash, cut in two: "Manchester City-Tottenham Hotspur", "International Monetary Fund-World Bank";
    "Hewlett-Packard Co." stays whole, and a person's span is never cut ("Anne-Marie Smith-Jones")."""
    out = []
    for start, end, type_ in spans:
        surface = text[start:end]
        for join in _JOIN.finditer(surface if type_ != PERSON else ""):
            if len(surface[: join.start()].split()) >= 2 and len(surface[join.end() :].split()) >= 2:
                out += [(start, start + join.start(), type_), (start + join.end(), end, type_)]
                break
        else:
            out.append((start, end, type_))
    return out


_OF_THE = re.compile(r" of (?:the )?(?=[A-Z])")


def _after_person(text: str, start: int, end: int, organisation: Candidate) -> int | None:
    """Where the organisation's own name starts when a person the model read in full opens an organisation
    the patterns made, before "of" ("Hannah Ward of the Refugee Council"); None otherwise."""
    if organisation.type != ORGANISATION or organisation.name is not None or organisation.start != start \
            or " " not in text[start:end]:
        return None
    join = _OF_THE.match(text, end, organisation.end)
    return join.end() if join is not None else None


def _whole_organisation(text: str, start: int, end: int) -> Candidate:
    """The model's organisation span taken as it read it."""
    return Candidate(start, end, ORGANISATION, None, sure=True, key=fold(text[start:end]), model_type=ORGANISATION)


def _reads_longer(text: str, start: int, end: int, inside: list[Candidate], segmenter: _Segmenter) -> bool:
    """Whether an organisation the model read is one name around the places and organisations the rules
    found in it: "U.S. Geological Survey", "New York Knicks", "United Nations Development Program",
    "International Criminal Tribunal for Rwanda"; not "U.N. Secretary-General", "Iran's Foreign Ministry",
    "Shares of Google Inc." or "Vietnam and Kazakhstan"."""
    if not inside or any(
        c.start < start or c.end > end or c.type not in (ORGANISATION, PLACE) or c.title for c in inside
    ):
        return False
    surface = text[start:end]
    if any(mark in surface for mark in (",", ";", " and ", "'s", "’s", "(", ")")):
        return False
    covered = [(c.start, c.end) for c in inside]
    rest = [t for t in _tokens(text, start, end) if not any(a <= t.start and t.end <= b for a, b in covered)]
    g = segmenter.g
    first_inside = min(a for a, _b in covered)
    for tok in rest:
        if tok.key in g.titles or tok.key in g.demonyms or tok.key in _RUN_BREAKS:
            return False
        if tok.start < first_inside and tok.key in g.plain_words:
            return False  # a common word in front of a listed name: "Shares of Google Inc." is Google's shares
    # something the rules did not claim, or a pattern-made organisation the model reads further
    return bool(rest) or any(c.type == ORGANISATION and c.name is None for c in inside)


def _no_overlap(candidates: list[Candidate]) -> list[Candidate]:
    """Sure candidates first, then the others where they fit."""
    kept: list[Candidate] = []
    # Among unsure candidates, a model-backed one beats a rules-only guess ("Bush" over "Bush Saturday").
    ordered = sorted(candidates, key=lambda c: (not c.sure, c.model_type is None, c.start, -(c.end - c.start)))
    occupied: list[tuple[int, int]] = []
    for cand in ordered:
        k = bisect_right(occupied, (cand.start, 1 << 62)) - 1
        if k >= 0 and occupied[k][1] > cand.start:
            continue
        if k + 1 < len(occupied) and occupied[k + 1][0] < cand.end:
            continue
        occupied.insert(k + 1, (cand.start, cand.end))
        kept.append(cand)
    kept.sort(key=lambda c: c.start)
    return kept


def _junk(cand: Candidate, gazetteer: Gazetteer) -> bool:
    if cand.name is not None:
        return False  # a list knows it
    key = cand.key
    words = key.split()
    # "Foreign Ministry" is generic to the rules alone, but a name when the model reads it as one.
    read_by_model = cand.model_type is not None and len(words) > 1
    generic = key in gazetteer.generic and not read_by_model
    if not words or key in gazetteer.stopwords or generic or key in gazetteer.demonyms:
        return True
    if key.rstrip(".") in _CORPORATE_SUFFIXES:
        return True  # "Inc." alone names nothing
    if not read_by_model and all(word in gazetteer.stopwords or word in gazetteer.demonyms for word in words):
        return True
    if key in gazetteer.titles or (cand.type != PERSON and len(words) > 1 and words[-1] in gazetteer.event_words):
        return True
    return len(key.replace(" ", "")) < 2


# Where a headline run into its story stops at the latest: a dateline in capitals ("TALLAHASSEE, Fla.",
# "NEW YORK (Reuters)"), a bracket ("(AP)", "(Update1)") or a spaced dash.
_HEADLINE_STOP = re.compile(r"\b[A-Z][A-Z.'&-]*[A-Z.](?:\s+[A-Z][A-Z.'&-]*[A-Z.])*\s*(?:,|\(|-\s)|\(|\s-{1,2}\s")


def _headline_end(text: str, plain_words: frozenset[str]) -> int:
    """Where a Title Case headline opening the text ends ("Google Results Revive 'Dot-Com' Fervor  NEW YORK
    (Reuters) - Shares of Google Inc. rose ..."), or 0: within it a capital letter says nothing of a name.

    The headline runs to the end of the first line, to a dateline, bracket or dash that starts the story, or
    to the first lower-case word of four letters or more that is not a function word. It counts if it holds at least three capitalised words of four letters or
    more, two of them plain words that news otherwise writes in lower case ("Revive", "Sees", "Offers"): a
    sentence that opens on a long name ("The World Health Organization says") does not.
    """
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    body = _HEADLINE_STOP.search(text, 0, line_end)
    if body is not None:
        line_end = body.start()
    capitalised, plain, end = 0, 0, 0
    for match in WORD.finditer(text, 0, line_end):
        word = match.group()
        if len(word) < 4 or word in _FUNCTION:  # Title Case leaves "with", "from", "after" small
            continue
        if word[0].islower():
            break
        capitalised += 1
        plain += word.lower() in plain_words
        end = match.end()
    return end if capitalised >= 3 and plain >= 2 else 0


def _attested_in_headline(text: str, headline: int, tokens: list[_Token], candidates: list[Candidate]) -> list[Candidate]:
    """Candidates in a Title Case headline keep only what the lists know or the rest of the text writes
    capitalised too: "Davis Sidelined With Back Injury ... Baron Davis" keeps "Davis"."""
    attested = {t.key for t in tokens if t.start >= headline}
    kept = []
    for cand in candidates:
        if cand.start >= headline:
            kept.append(cand)
            continue
        if cand.name is not None:
            cand.sure = True  # a listed name the model's longer reading had pushed aside
            kept.append(cand)
            continue
        run: list[_Token] = []
        best: list[_Token] = []
        for tok in _tokens(text, cand.start, min(cand.end, headline)):
            run = run + [tok] if tok.key in attested else []
            if len(run) > len(best):
                best = run
        if not best:
            continue
        if (best[0].start, best[-1].end) != (cand.start, cand.end):
            cand.start, cand.end = best[0].start, best[-1].end
            cand.key = " ".join(t.key for t in best)
        kept.append(cand)
    return kept


def find_mentions(
    text: str, sentences: Sequence[Sentence], *, extra_spans: Sequence[tuple[int, int, str]] | None = None
) -> list[ExtractedMention]:
    """The people, organisations and places named in ``text``, sorted by start and not overlapping.

    Each mention's ``name`` is the canonical name of its entity within this text: the list's name for a
    known entity, otherwise the fullest, diacritic-bearing variant ("Lâm" and "To Lam" -> "Tô Lâm").
    ``extra_spans`` are ``(start, end, type)`` proposals of a statistical model: they fill gaps where no
    rule is sure, through the same filters. ``None`` means no model read the text; an empty sequence means
    one did and found nothing, so a capitalised word it passed over is not kept on its frequency alone.
    """
    gazetteer = shared_gazetteer()
    segmenter = _segmenter()
    starts = [s.start for s in sentences]
    tokens = _tokens(text)
    candidates = _candidates(text, sentences, starts, tokens, segmenter)
    sport = SportSentences(text, sentences, gazetteer.sport_words, gazetteer.sport_terms)
    shouted = capital_lines(text, sentences)
    if shouted:
        # In a line of capitals ("SOCCER - JAPAN GET LUCKY WIN") every word is capitalised: there the rules
        # give only what the lists know, and the rest is the model's to read.
        candidates = [c for c in candidates if not _inside_any(c, shouted)]
        for start, end in shouted:
            for run, _gap in _runs(text, _tokens(text, start, end)):
                segmenter.listed(run, candidates)
        candidates.sort(key=lambda c: c.start)
    if extra_spans:
        candidates = candidates + _model_candidates(text, extra_spans, candidates, segmenter, sentences, starts, sport)
    headline = _headline_end(text, gazetteer.plain_words)
    if headline and not (shouted and shouted[0][0] < headline):  # a headline in capitals is the model's to read
        candidates = _attested_in_headline(text, headline, tokens, candidates)
    candidates = [c for c in _no_overlap(candidates) if not _junk(c, gazetteer) and not _party_adjective(text, c)]
    candidates = _with_trailing_marks(text, candidates)
    _clubs_by_town(text, candidates, sport, gazetteer)
    resolved = resolve(text, candidates, gazetteer, model_read=extra_spans is not None)
    mentions = []
    for cand, name in resolved:
        position = bisect_right(starts, cand.start) - 1
        mentions.append(
            ExtractedMention(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                type=cand.type or ORGANISATION,
                name=name,
                sentence_index=sentences[position].index if position >= 0 else -1,
                title=cand.title,
            )
        )
    return mentions


# US states as news datelines abbreviate them ("TALLAHASSEE, Fla."): the dot belongs to the place.
_STATE_ABBREVIATIONS = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo".split()
)


_COMMA_SUFFIX = re.compile(r", (?:Inc|Corp|Co|Ltd|LLC|PLC|Plc|LP|L\.P|NV|N\.V|SA|S\.A|AG)\.?(?![\w.])")


def _with_trailing_marks(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Names extended over the marks after them that belong to them: the dot of "Google Inc." and of
    "TALLAHASSEE, Fla.", and a company's suffix after a comma ("Sun Microsystems, Inc."), which then is no
    name of its own."""
    out: list[Candidate] = []
    for cand in candidates:
        if out and cand.start < out[-1].end:
            continue  # the suffix the name before took in
        type_ = cand.type or cand.model_type
        if type_ == ORGANISATION:
            suffix = _COMMA_SUFFIX.match(text, cand.end)
            if suffix is not None:
                cand.end = suffix.end()
            elif text.startswith(".", cand.end) and cand.key.rsplit(" ", 1)[-1] in _DOTTED_SUFFIXES:
                cand.end += 1
        elif type_ == PLACE and text.startswith(".", cand.end) and text[cand.start : cand.end] in _STATE_ABBREVIATIONS:
            cand.end += 1
        out.append(cand)
    return out


# A party's adjective before the noun it qualifies ("Tory leader", "a Liberal Democrat spokesman") names no
# organisation; the party as a noun ("the Tories said", "Labour") does.
_PARTY_ADJECTIVES = frozenset({"tory", "conservative", "liberal democrat", "lib dem", "republican", "democrat",
                               "democratic"})
_LOWER_WORD_AFTER = re.compile(r" [a-z]")


def _party_adjective(text: str, cand: Candidate) -> bool:
    return cand.key in _PARTY_ADJECTIVES and _LOWER_WORD_AFTER.match(text, cand.end) is not None


def _clubs_by_town(text: str, candidates: list[Candidate], sport: SportSentences, gazetteer: Gazetteer) -> None:
    """A town where a team stands in a sports story is the club ("Leicester beat Stoke", "Arsenal v Stoke");
    once the club, it is the club throughout the story, except where it is plainly where something happens
    ("competes in Edinburgh"). Countries, people, a sentence's opening word and plain words are left alone."""
    if not sport.story():
        return
    people = {word for c in candidates if PERSON in (c.type, c.model_type) for word in c.key.split()}
    grounds = ("road", "park", "lane", "moor", "stadium", "ground", "arena", "field", "bridge", "trafford")

    def town(cand: Candidate, fixture: bool = False) -> bool:
        if cand.type == PLACE:
            return cand.name in gazetteer.cities
        if cand.key.endswith(grounds) or cand.key.rsplit(" ", 1)[-1] in gazetteer.event_words:
            return False  # "a trip to Turf Moor" is the ground, "their Champions Trophy squad" the event
        return (cand.type is None and cand.model_type in (None, PLACE)
                and not (cand.initial and cand.model_type is None and not fixture)
                and cand.key not in people and cand.key not in gazetteer.plain_words
                and cand.key not in gazetteer.sport_terms)  # "the Championship side" is the league

    clubs = set()
    for cand in candidates:
        fixture = in_fixture(text, cand.start, cand.end, sport)
        if town(cand, fixture) and (fixture or in_team_place(text, cand.start, cand.end, sport)):
            clubs.add(cand.key)
    for cand in candidates:
        before = _WORD_BEFORE.search(text, max(0, cand.start - 20), cand.start)
        if cand.key in clubs and town(cand, True) and not (before and before.group(1).lower() in PLACE_HINTS):
            cand.type, cand.sure = ORGANISATION, True


def _inside_any(cand: Candidate, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= cand.start and cand.end <= end for start, end in ranges)
