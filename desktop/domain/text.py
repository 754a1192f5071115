"""Text folding shared by search and name matching: case and diacritics ignored ("Tô Lâm" ~ "to lam")."""

from __future__ import annotations

import unicodedata

# Letters that NFKD does not split into a base letter and a mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})


def fold_diacritics(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics; the length may change ("ß" -> "ss")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
