"""Bytes to text for HTML pages whose declared charset is often wrong.

The order of trust is: a byte-order mark, the caller's encoding (usually the
HTTP ``Content-Type``), valid UTF-8, the page's own ``<meta charset>``, then
charset detection. Valid UTF-8 wins over a declared single-byte Latin charset
because non-ASCII text that happens to be valid UTF-8 is almost never anything
else, while "iso-8859-1" sent for UTF-8 pages and "UTF-8" declared on cp1252
pages are common publishing mistakes. Other declared charsets (UTF-16,
Shift_JIS...) are honoured as given.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from newscrawl.pages.errors import ParseError

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE
)
_MULTIBYTE_CODECS = {
    "shift_jis",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "gb2312",
    "gbk",
    "gb18030",
    "big5",
    "big5hkscs",
    "euc_kr",
    "cp949",
    "johab",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
}
_SINGLE_BYTE_LATIN = {"cp1252", "iso8859-15", "cp1250", "iso8859-2", "mac-roman"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# File signatures of things that are certainly not HTML.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"PK\x03\x04", b"RIFF")


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Decode page bytes to text, never failing on undecodable bytes.

    Raises :class:`ParseError` for empty or binary input.
    """
    head = data[:1024].lstrip()
    if not head:
        raise ParseError("empty document")
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        encoding is not None and "16" in encoding or encoding is not None and "32" in encoding
    )
    if head.startswith(_BINARY_MAGIC) or (not wide and data[:4096].count(b"\x00") > 8):
        raise ParseError("binary content, not HTML")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    if encoding and _known_codec(encoding):
        declared_by_caller = _python_codec(encoding)
        # Servers default to "iso-8859-1" for UTF-8 pages and CMSs declare UTF-8 on cp1252
        # pages: a single-byte or UTF-8 label is only believed when the bytes agree.
        if declared_by_caller == "utf-8":
            if _is_utf8(data):
                return data.decode("utf-8")
        elif declared_by_caller not in _SINGLE_BYTE_LATIN or not _is_utf8(data):
            return data.decode(declared_by_caller, errors="replace")
    if _is_utf8(data):
        return data.decode("utf-8")
    match = _META_CHARSET.search(data[:8192])
    declared = match.group(1).decode("ascii", "ignore") if match else None
    if declared and _known_codec(declared) and _python_codec(declared) != "utf-8":
        try:
            return data.decode(_python_codec(declared))
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None and best.encoding in _MULTIBYTE_CODECS:
        return data.decode(best.encoding, errors="replace")
    # Single-byte guesses between Latin code pages are unreliable on short texts; cp1252
    # is what mislabelled Western pages (en/fr/nl/de) nearly always are.
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    return data.decode("cp1252", errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return non_ascii > 0 and text.count("\ufffd") * 20 < non_ascii


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _python_codec(name: str) -> str:
    codec = codecs.lookup(name).name
    # Browsers decode "latin-1"/"ascii" labels as windows-1252 (WHATWG encoding standard).
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return "utf-8" if codec == "utf-8" else codec
