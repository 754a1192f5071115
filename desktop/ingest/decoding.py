"""Bytes to text: UTF-8 when it is UTF-8, otherwise the encoding charset-normalizer finds.

charset-normalizer (pure Python, maintained, already a dependency of most of PyPI) rather than a guess of
our own: the BBC corpus mixes UTF-8 with a few Windows-1252 files, and other feeds bring other code pages.
"""

from __future__ import annotations

from charset_normalizer import from_bytes


class UnreadableText(ValueError):
    """The bytes are not text: binary data, or no encoding decodes them sensibly."""


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


# Single-byte Latin code pages that charset-normalizer often cannot tell apart on short texts; Windows-1252
# is by far the most common in English-language news, so it wins among them when it decodes the bytes.
_LATIN_FAMILY = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_15", "iso8859_9",
                 "iso8859_13", "iso8859_4", "mac_latin2", "mac_roman", "cp850", "cp437"}


# Mostly ASCII with a few other bytes ("£15.8m" in an English report) is Latin text: charset-normalizer may
# guess a multi-byte Asian code page for it (BBC sport/199.txt came out as cp932, "£" as "｣").
_FEW_HIGH_BYTES = 0.1


def _decode_legacy(data: bytes) -> tuple[str, str]:
    if sum(byte > 127 for byte in data) <= _FEW_HIGH_BYTES * len(data):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableText("no text encoding decodes the file")
    if best.encoding in _LATIN_FAMILY:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Newlines come back as ``\\n``; a byte-order mark is dropped."""
    if not data.strip():
        raise UnreadableText("the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    else:
        if _looks_binary(data):
            raise UnreadableText("the file is binary, not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
