"""Plain-text normalisation shared by page parsing, the clean pipeline and offline extraction."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")


def clean_text(text: str) -> str:
    """NFC text with single spaces, no control characters, paragraphs separated by one blank line."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    paragraphs = (_SPACES.sub(" ", p).strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text))
    joined = "\n\n".join(p for p in paragraphs if p)
    return re.sub(r" *\n *", "\n", joined)
