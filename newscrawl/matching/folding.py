"""Case-insensitive word patterns run as plain ones over a text lowered once: same matches, less CPU.

``re.IGNORECASE`` over a long alternation of cue words ("beat|beats|won|s'impose|...") tries
every word at every position, because no literal prefix can be used to skip ahead; the same
pattern compiled without the flag, over the lowered text, runs two to four times faster. The
cue tests of the article type and the football words count on it (:func:`count`, :func:`found`).

It is exact, not approximate, when (and only used when):

* the pattern is written in lower case, holds no character class with a letter (``[a-z]``,
  ``[\\w']``: case-insensitive classes match by other rules) and uses only ASCII and the accented
  letters and punctuation of :data:`_PLAIN`, none of which ``re`` matches case-insensitively to a
  character that does not lower to it;
* the text holds none of :data:`_CASE_ODD`: "İ" lowers to two characters (which would shift
  offsets), "ı" and "ſ" match "i" and "s" case-insensitively without lowering to them. Every
  other character lowers to one character of the same word-ness (``\\w``), so offsets, word
  boundaries and matches are those of the case-insensitive pattern on the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

_CASE_ODD = ("\u0130", "\u0131", "\u017f")
#: Non-ASCII characters a folded pattern may hold (each checked: re.IGNORECASE matches a
#: character to it only when that character lowers to it).
_PLAIN = frozenset("àâäçéèêëîïôöûùüÿœæ’‘«»“”–—")
_CLASS = re.compile(r"\[(\^?)((?:\\.|[^\]\\])*)\]")
_LETTER = re.compile(r"[^\W\d_]")
#: In a class: a range with a letter end ("a-z") or an escape other than \w, \d, \s.
_UNSAFE_IN_CLASS = re.compile(r"[^\W\d_]-|-[^\W\d_]|\\[^wds\W]")


def _safe_classes(source: str) -> bool:
    """Whether every character class of ``source`` matches the same case-insensitively on a
    text as plainly on its lowered form: no letters, or listed lower-case letters only (no
    range of letters, no negation, no escape but \\w, \\d, \\s)."""
    for negated, body in _CLASS.findall(source):
        if _LETTER.search(body.replace("\\w", "").replace("\\d", "").replace("\\s", "")) and (
                negated or _UNSAFE_IN_CLASS.search(body)):
            return False
    return True


@lru_cache(maxsize=256)
def lowered(text: str) -> str | None:
    """``text`` lowered, or None when it holds a character that folding would get wrong."""
    if not text.isascii() and any(c in text for c in _CASE_ODD):
        return None
    return text.lower()


@cache
def folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive ``pattern``, for lowered text; None when
    the twin would not match exactly the same (see the module docstring)."""
    source = pattern.pattern
    named = source.replace("(?P<", "(?p<").replace("(?P=", "(?p=")  # group syntax, not letters
    if not pattern.flags & re.IGNORECASE or named != source.lower() or not _safe_classes(source):
        return None
    if not all(c.isascii() or c in _PLAIN for c in source) or any(e in source for e in ("\\u", "\\x", "\\0")):
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


def count(pattern: re.Pattern[str], text: str) -> int:
    """``len(pattern.findall(text))``."""
    low, twin = lowered(text), folded(pattern)
    if low is None or twin is None:
        return len(pattern.findall(text))
    return len(twin.findall(low))


def found(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text) is not None``."""
    low, twin = lowered(text), folded(pattern)
    if low is None or twin is None:
        return pattern.search(text) is not None
    return twin.search(low) is not None


def matched_words(pattern: re.Pattern[str], text: str) -> set[str]:
    """The distinct matches of ``pattern`` in ``text``, lowered."""
    low, twin = lowered(text), folded(pattern)
    if low is None or twin is None:
        return {m.group().lower() for m in pattern.finditer(text)}
    return {m.group() for m in twin.finditer(low)}


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``: the same spans, groups and ``lastgroup``, but the matched
    strings lowered (read positions and group names from it, not the surface)."""
    low, twin = lowered(text), folded(pattern)
    if low is None or twin is None:
        return pattern.finditer(text)
    return twin.finditer(low)


def sub(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """``pattern.sub(replacement, text)`` for a plain ``replacement`` (no group references)."""
    low, twin = lowered(text), folded(pattern)
    if low is None or twin is None or "\\" in replacement:
        return pattern.sub(replacement, text)
    pieces, last = [], 0
    for m in twin.finditer(low):
        pieces += (text[last : m.start()], replacement)
        last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, the very matches (surface and all), found through the twin:
    where it matches on the lowered text, ``pattern`` matches the text the same way (``match``
    at a position still sees the characters before it, for ``\\b`` and look-behinds)."""
    low, twin = lowered(text), folded(pattern)
    if low is None or twin is None:
        yield from pattern.finditer(text)
        return
    for m in twin.finditer(low):
        original = pattern.match(text, m.start())
        assert original is not None and original.span() == m.span()  # the module's promise
        yield original
