"""The last step of the recogniser: decide the types of the names no rule was sure of, from the rest of the
text and the model's readings, and give every name its canonical form in this text (people's short forms join
the person named in full: "Lâm" -> "Tô Lâm")."""

from __future__ import annotations

import re
from collections import Counter

from desktop.extract.candidates import ORGANISATION, PERSON, PLACE, PLACE_HINTS, Candidate
from desktop.extract.gazetteer import Gazetteer
from desktop.extract.names import fold, preferred_name, resolves_to

_SLAVIC = re.compile(r"^\w{3,}(?:ov|ev|yev|ova|eva|yeva|enko|sky|skiy|ski|uly|kyzy|vich|ovich|shvili|dze|yan)$")


def resolve(
    text: str, candidates: list[Candidate], gazetteer: Gazetteer, model_read: bool = False
) -> list[tuple[Candidate, str]]:
    """Decide the unknown candidates' types and give every candidate its canonical name in this text.

    ``model_read``: the model read the text, so an unknown name it did not tag is not kept on frequency
    alone ("BitTorrent", "Vera Drake" and "Cold War" recur mid-sentence without being names)."""
    # 0. an unknown "Arsene Wenger" whose last word is used alone ("Wenger") is a person
    singles = {c.key for c in candidates if c.type is None and " " not in c.key and not c.caps}
    if singles:
        for cand in candidates:
            if (
                cand.type is None
                and not cand.initial
                and 2 <= cand.key.count(" ") + 1 <= 4
                and not any(len(word) > 1 and word.isupper() for word in text[cand.start : cand.end].split())
            ):
                last = cand.key.rsplit(" ", 1)[-1]
                if last in singles and last not in gazetteer.org_suffixes:
                    cand.type = PERSON
                    cand.sure = True

    # 1. people named in full (or with a title) form clusters; shorter forms join the nearest earlier one
    clusters: list[list[Candidate]] = []
    cluster_of: dict[int, int] = {}
    cluster_names: list[str] = []  # the fullest name seen, for resolves_to
    people = sorted(
        (c for c in candidates if c.type == PERSON), key=lambda c: (-len((c.name or c.key).split()), c.start)
    )
    by_name: dict[str, int] = {}
    for cand in people:
        full = cand.name or text[cand.start : cand.end]
        key = fold(full)
        index = by_name.get(key)
        if index is None:
            index = _find_cluster(full, cand.start, clusters, cluster_names)
        if index is None:
            index = len(clusters)
            clusters.append([])
            cluster_names.append(full)
            by_name[key] = index
        clusters[index].append(cand)
        cluster_of[id(cand)] = index

    # 2. unknown candidates: a shortening of a person here, or kept on evidence
    unknown = [c for c in candidates if c.type is None]
    counts: dict[str, list[int]] = {}
    for cand in unknown:
        tally = counts.setdefault(cand.key, [0, 0, 0])
        tally[0] += 1
        tally[1] += 0 if cand.initial else 1
        tally[2] += 1 if cand.hint in PLACE_HINTS else 0
    organisations = {c.key.split()[0]: c for c in candidates if c.type == ORGANISATION and c.name is None}
    short_forms = _short_forms(candidates, gazetteer)
    initialisms = _initialisms(text, candidates)
    # one name, one type per text: the model's most frequent reading of a name wins ("Eurotunnel" read as a
    # person twice and as an organisation three times is an organisation everywhere)
    readings: dict[str, Counter[str]] = {}
    for cand in unknown:
        if cand.model_type is not None:
            readings.setdefault(cand.key, Counter())[cand.model_type] += 1
    kept_ids: set[int] = set()
    for cand in unknown:
        surface = text[cand.start : cand.end]
        index = _find_cluster(surface, cand.start, clusters, cluster_names) if clusters else None
        if index is not None:
            cand.type = PERSON
            clusters[index].append(cand)
            cluster_of[id(cand)] = index
            kept_ids.add(id(cand))
            continue
        if cand.key in short_forms or _initials_of(surface) in initialisms:
            # "Cisco" beside "Cisco Systems", "Saks" beside "Saks Incorporated"; "M&S" beside "Marks &
            # Spencer", "SEC" beside "Securities and Exchange Commission"
            cand.type = ORGANISATION
            kept_ids.add(id(cand))
            continue
        if cand.key in readings:  # the model's reading of the name, here or at another mention
            votes = readings[cand.key]
            best = max(votes.values())
            own = cand.model_type
            cand.type = own if own is not None and votes[own] == best else votes.most_common(1)[0][0]
            kept_ids.add(id(cand))
            continue
        total, middle, placed = counts[cand.key]
        words = cand.key.split()
        if len(words) == 1 and words[0] in gazetteer.given_names:
            continue  # "Steven" alone: a first name says too little
        if middle >= 1 and _SLAVIC.search(words[-1]) and not cand.caps and len(words) <= 3:
            cand.type = PERSON  # "Khodorkovsky", "Nazarbayev"
        elif cand.caps and len(words) == 1 and not 2 <= len(words[0]) <= 6:
            continue  # a word in capitals that is not an acronym: a shouted headline
        elif not model_read and (middle >= 2 or (middle >= 1 and total >= 2)):
            cand.type = PLACE if placed * 2 > total else ORGANISATION
        elif len(words) == 1 and middle >= 1 and words[0] in organisations:
            cand.type = ORGANISATION  # "Sovico" after "Sovico Group"
        else:
            continue
        kept_ids.add(id(cand))
    for cand in unknown:
        if id(cand) in kept_ids and cand.type == PERSON and id(cand) not in cluster_of:
            full = text[cand.start : cand.end]
            index = by_name.get(fold(full))
            if index is None:
                index = len(clusters)
                clusters.append([])
                cluster_names.append(full)
                by_name[fold(full)] = index
            clusters[index].append(cand)
            cluster_of[id(cand)] = index

    # 3. a known one-word place that shortens a person here is that person ("Washington" after "Denzel
    #    Washington"); names per cluster
    names: list[str] = []
    for members in clusters:
        listed = [c.name for c in members if c.name]
        names.append(listed[0] if listed else preferred_name(text[c.start : c.end] for c in members))
    others: dict[str, list[str]] = {}
    for cand in candidates:
        if cand.type in (ORGANISATION, PLACE) and cand.name is None and (cand.sure or id(cand) in kept_ids):
            others.setdefault(f"{cand.type}:{cand.key}", []).append(text[cand.start : cand.end])
    # "Menatep" after "Menatep Group", "Sovico" after "Sovico Group": the same organisation
    fuller: dict[str, str] = {}
    for key in others:
        words = key.split(":", 1)[1].split()
        if key.startswith(ORGANISATION) and len(words) > 1 and words[-1] in gazetteer.org_suffixes:
            fuller.setdefault(f"{ORGANISATION}:{words[0]}", key)
    for short, full in fuller.items():
        if short in others:
            others[short] = others[full]
    result: list[tuple[Candidate, str]] = []
    for cand in candidates:
        if cand.type is None or (not cand.sure and id(cand) not in kept_ids):
            continue
        if cand.type == PERSON:
            result.append((cand, names[cluster_of[id(cand)]]))
        elif cand.name is not None:
            if cand.type == PLACE and " " not in cand.key and clusters and cand.key not in gazetteer.demonyms:
                index = _find_cluster(text[cand.start : cand.end], cand.start, clusters, cluster_names, strict=True)
                if index is not None:
                    cand.type = PERSON
                    result.append((cand, names[index]))
                    continue
            result.append((cand, cand.name))
        else:
            result.append((cand, preferred_name(others[f"{cand.type}:{cand.key}"])))
    return result


def _short_forms(candidates: list[Candidate], gazetteer: Gazetteer) -> set[str]:
    """Keys of organisations named here with a company word after them, without it: "cisco" for "Cisco
    Systems", "constellation brands" for "Constellation Brands Inc."."""
    forms = set()
    for cand in candidates:
        if cand.type != ORGANISATION or not (cand.sure or cand.model_type):
            continue
        words = cand.key.split()
        while len(words) > 1 and words[-1].rstrip(".") in gazetteer.company_words:
            words.pop()
            forms.add(" ".join(words))
    return forms


_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*")


def _initialisms(text: str, candidates: list[Candidate]) -> set[str]:
    """The initials of the organisations named here in two or more capitalised words, with and without their
    connectors: "MS" for "Marks & Spencer", "SEC" for "Securities and Exchange Commission", "DOJ" and "DJ"
    for "Department of Justice"."""
    found = set()
    for cand in candidates:
        if (cand.type or cand.model_type) != ORGANISATION:
            continue
        words = _NAME_WORD.findall(text, cand.start, cand.end)
        capitalised = [word for word in words if word[0].isupper()]
        if len(capitalised) >= 2:
            found.add("".join(word[0] for word in capitalised).upper())
            found.add("".join(word[0] for word in words).upper())
    return found


def _initials_of(surface: str) -> str:
    """The capitals of a surface written as an initialism ("M&S" -> "MS", "DrKW" -> "DKW"), else ""."""
    letters = [c for c in surface if c.isalpha()]
    capitals = "".join(c for c in letters if c.isupper())
    return capitals if 2 <= len(capitals) <= 6 and len(letters) - len(capitals) <= 1 else ""


def _find_cluster(
    surface: str, start: int, clusters: list[list[Candidate]], cluster_names: list[str], strict: bool = False
) -> int | None:
    """The person cluster ``surface`` shortens: the one named nearest before ``start``, else the first."""
    best = None
    best_distance = None
    for index, full in enumerate(cluster_names):
        if len(fold(full).split()) <= len(fold(surface).split()):
            continue
        if strict and not any(c.name is None for c in clusters[index]):
            continue
        if not resolves_to(surface, full):
            continue
        before = [c.start for c in clusters[index] if c.start < start]
        distance = start - max(before) if before else (1 << 40) + min(c.start for c in clusters[index])
        if best_distance is None or distance < best_distance:
            best, best_distance = index, distance
    return best
