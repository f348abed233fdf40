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
from dataclasses import dataclass, field
from functools import lru_cache
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


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Fold case and strip accents: ``"Vélodrome"`` -> ``"velodrome"``."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens (letters and digits; punctuation separates words)."""
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        tokens.append(Token(word, normalise_word(word), m.start(), m.end()))
    return tokens


def _case_rule(word: str) -> str:
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return "any"
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return "upper"
    if letters[0].isupper():
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


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    # Each entry: (case rules of the alias tokens, payload).
    entries: list[tuple[tuple[str, ...], Hashable]] = field(default_factory=list)


class PhraseIndex:
    """A trie of multi-word phrases, each carrying one or more payloads."""

    def __init__(self) -> None:
        self._root = _Node()
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, phrase: str, payload: Hashable) -> None:
        """Store ``payload`` under ``phrase`` (several payloads may share one phrase)."""
        words = _TOKEN_RE.findall(phrase)
        if not words:
            return
        node = self._root
        for word in words:
            node = node.children.setdefault(normalise_word(word), _Node())
        rules = tuple(_case_rule(word) for word in words)
        if (rules, payload) not in node.entries:
            node.entries.append((rules, payload))
            self._size += 1

    def scan(self, text: str, tokens: list[Token] | None = None) -> Iterator[PhraseHit]:
        """Yield the leftmost-longest phrase hits of ``text``, without overlaps."""
        toks = tokens if tokens is not None else tokenize(text)
        i = 0
        n = len(toks)
        while i < n:
            node = self._root
            best: tuple[int, tuple[Hashable, ...]] | None = None
            j = i
            while j < n:
                nxt = node.children.get(toks[j].key)
                if nxt is None:
                    break
                node = nxt
                j += 1
                if node.entries:
                    surfaces = [t.surface for t in toks[i:j]]
                    ok = tuple(
                        payload
                        for rules, payload in node.entries
                        if all(_case_ok(r, s) for r, s in zip(rules, surfaces, strict=True))
                    )
                    if ok:
                        best = (j, ok)
            if best is None:
                i += 1
                continue
            end_tok, payloads = best
            start, end = toks[i].start, toks[end_tok - 1].end
            yield PhraseHit(payloads, text[start:end], start, end)
            i = end_tok
