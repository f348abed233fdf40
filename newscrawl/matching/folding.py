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
    flags = pattern.flags & ~re.IGNORECASE
    starts = _first_chars(source, flags)
    if starts:
        # A guard on the first character: most word starts fail it at once, before ``re`` tries
        # every alternative of a long word list there (a third less CPU on the stage words).
        try:
            return re.compile("(?=[" + "".join(re.escape(c) for c in sorted(starts)) + "])(?:" + source + ")", flags)
        except re.error:  # global inline flags ("(?x)") must open the pattern
            pass
    return re.compile(source, flags)


_MAX_GUARD = 40


def _first_chars(source: str, flags: int) -> frozenset[str] | None:
    """Every character a match of ``source`` can start with, or None when that is not known
    (a class by category, a negation, "." or a back-reference first, or an empty match)."""
    try:
        from re import _constants as sre  # the parser ``re.compile`` itself uses
        from re import _parser as parser
        tree = parser.parse(source, flags)
    except (ImportError, re.error):
        return None

    def first(items) -> tuple[set[int], bool] | None:
        """(first code points, whether ``items`` can match empty), or None when unknown."""
        found: set[int] = set()
        for op, av in items:
            if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                continue  # zero-width: the next item consumes the first character
            if op is sre.LITERAL:
                return found | {av}, False
            if op is sre.IN:
                codes = set()
                for kind, value in av:
                    if kind is sre.LITERAL:
                        codes.add(value)
                    elif kind is sre.RANGE and value[1] - value[0] < _MAX_GUARD:
                        codes.update(range(value[0], value[1] + 1))
                    else:
                        return None
                return found | codes, False
            if op is sre.BRANCH or op is sre.SUBPATTERN:
                alternatives = av[1] if op is sre.BRANCH else [av[3]]
                empty = False
                for alt in alternatives:
                    sub = first(alt)
                    if sub is None:
                        return None
                    found |= sub[0]
                    empty = empty or sub[1]
                if not empty:
                    return found, False
                continue
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                sub = first(av[2])
                if sub is None:
                    return None
                found |= sub[0]
                if av[0] >= 1 and not sub[1]:
                    return found, False
                continue
            return None
        return found, True

    result = first(list(tree))
    if result is None or result[1] or len(result[0]) > _MAX_GUARD:
        return None
    return frozenset(map(chr, result[0]))


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
