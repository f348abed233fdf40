"""Phrase lookup over word tokens: the one scan that finds teams, venues and competitions.

A :class:`PhraseIndex` is a trie keyed by normalised word tokens (accents stripped, case folded).
:meth:`PhraseIndex.scan` walks a text once, left to right, and at each position keeps the
longest phrase whose case rule holds, so "Coupe de France" hides "France" and "Atalanta
Bergamo" is one mention, not two.

Case rules, per alias token, so common words do not become teams:

* an all-capitals token ("OM", "PSV") matches only in capitals;
* a capitalised token ("Nice", "Lens") matches only when capitalised in the text;
* a lower-case token ("the", "sc", "friendly") matches in any case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress
from typing import NamedTuple

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


class Token(NamedTuple):
    """One word of a text: its surface form, normalised key and character span."""

    surface: str
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class PhraseHit:
    """A phrase found by :meth:`PhraseIndex.scan`: the payloads stored for it and its span."""

    payloads: tuple[Hashable, ...]
    surface: str
    start: int
    end: int
    sentence_start: bool = False
    """The phrase opens a sentence or line (its capital letter may be the sentence's)."""


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Fold case and strip accents: ``"Vélodrome"`` -> ``"velodrome"``."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens (letters and digits; punctuation separates words)."""
    matches, words, keys = _words_and_keys(text)
    # tuple.__new__ skips the NamedTuple constructor's Python frame: a third of the cost.
    return [_new_tuple(Token, (w, k, *m.span())) for w, k, m in zip(words, keys, matches, strict=True)]


_new_tuple = tuple.__new__
_group = re.Match.group


def _words_and_keys(text: str) -> tuple[list[re.Match[str]], list[str], list[str]]:
    """The word matches of ``text``, their words and the words' :func:`normalise_word` keys."""
    matches = list(_TOKEN_RE.finditer(text))
    words = list(map(_group, matches))
    # An ASCII word's key is its lower case: no cache lookup per word.
    return matches, words, list(map(str.lower if text.isascii() else normalise_word, words))


@cache
def _case_rule(word: str) -> str:
    first = next((ch for ch in word if ch.isalpha()), None)
    if first is None:
        return "any"
    if word.isupper() and sum(ch.isalpha() for ch in word) > 1:
        return "upper"
    if first.isupper():
        return "capital"
    return "any"


def _case_ok(rule: str, surface: str) -> bool:
    if rule == "any":
        return True
    letters = [ch for ch in surface if ch.isalpha()]
    if not letters:
        return True
    if rule == "upper":
        return all(ch.isupper() for ch in letters)
    return letters[0].isupper()


_SENTENCE_END = frozenset(".!?\n")
#: Entries of :attr:`PhraseIndex._accepted` past which it starts again (bounded memory).
_ACCEPTED_MAX = 50_000


def _opens_sentence(text: str, start: int) -> bool:
    """Whether only spaces, quotes or brackets stand between ``start`` and the previous sentence end."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘«(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


class _Node:
    __slots__ = ("children", "entries")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        # Each entry: (case rules of the alias tokens, payload).
        self.entries: list[tuple[tuple[str, ...], Hashable]] = []


class PhraseIndex:
    """A trie of multi-word phrases, each carrying one or more payloads."""

    def __init__(self) -> None:
        self._root = _Node()
        self._size = 0
        # (node, surfaces) -> payloads whose case rules the surfaces pass: the same names recur
        # from article to article, and a short name ("United") carries many entries to check.
        self._accepted: dict[tuple[_Node, tuple[str, ...]], tuple[Hashable, ...]] = {}

    def __len__(self) -> int:
        return self._size

    def add(self, phrase: str, payload: Hashable) -> None:
        """Store ``payload`` under ``phrase`` (several payloads may share one phrase)."""
        words = _TOKEN_RE.findall(phrase)
        if not words:
            return
        node = self._root
        for word in words:
            key = normalise_word(word)
            nxt = node.children.get(key)
            if nxt is None:
                nxt = node.children[key] = _Node()
            node = nxt
        rules = tuple(_case_rule(word) for word in words)
        if (rules, payload) not in node.entries:
            node.entries.append((rules, payload))
            self._size += 1
            self._accepted.clear()

    def scan(self, text: str, tokens: list[Token] | None = None) -> Iterator[PhraseHit]:
        """Yield the leftmost-longest phrase hits of ``text``, without overlaps."""
        if tokens is None:
            # No Token objects: the walk needs only the keys, the surfaces of a candidate phrase
            # and the spans of a hit (match objects give them lazily).
            spans: list
            spans, surfaces, keys = _words_and_keys(text)
        else:
            surfaces = [t.surface for t in tokens]
            keys = [t.key for t in tokens]
            spans = [(t.start, t.end) for t in tokens]
        n = len(keys)
        # The tokens that open some phrase, found by C-level map/compress rather than a Python
        # loop over every token (most words open none); ``free`` skips those inside a hit.
        firsts = list(map(self._root.children.get, keys))
        free = 0
        accepted = self._accepted
        if len(accepted) > _ACCEPTED_MAX:
            accepted.clear()
        for i in compress(range(n), firsts):
            if i < free:
                continue
            node = firsts[i]
            best: tuple[int, tuple[Hashable, ...]] | None = None
            j = i + 1
            while True:
                if node.entries:
                    words = tuple(surfaces[i:j])
                    ok = accepted.get((node, words))
                    if ok is None:
                        ok = accepted[node, words] = tuple(
                            payload
                            for rules, payload in node.entries
                            if all(_case_ok(r, s) for r, s in zip(rules, words, strict=True))
                        )
                    if ok:
                        best = (j, ok)
                if j >= n:
                    break
                nxt = node.children.get(keys[j])
                if nxt is None or "," in text[_end(spans[j - 1]) : _start(spans[j])]:
                    # No name runs across a comma: "l'OL, Marseille" is two clubs, not "Ol. Marseille".
                    break
                node = nxt
                j += 1
            if best is None:
                continue
            end_tok, payloads = best
            start, end = _start(spans[i]), _end(spans[end_tok - 1])
            yield PhraseHit(payloads, text[start:end], start, end, _opens_sentence(text, start))
            free = end_tok


def _start(span) -> int:
    return span[0] if type(span) is tuple else span.start()


def _end(span) -> int:
    return span[1] if type(span) is tuple else span.end()
