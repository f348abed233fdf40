"""Queries over the full-text index: what a person typed as an FTS5 expression, and snippets.

A query is folded and stemmed the way :mod:`newscrawl.archive.search` indexed the text, so a
word finds its inflections; its cost is bounded (terms, prefixes) before SQLite sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from newscrawl.archive.search import (
    FACET_PREFIXES,
    STEMMER_ALGORITHMS,
    TEXT_COLUMNS,
    WORD,
    fold,
    fold_short,
    stem_word,
)
from newscrawl.errors import QueryTooCostlyError

_QUERY_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_OPERATORS = {"AND", "OR", "NOT"}

# What one search may cost. Each term is an FTS5 lookup and each prefix expands to every indexed
# word it starts; a query of 3,333 ``a*`` took 29 s. Repeated terms are merged before counting.
#: Most distinct terms (words, phrases, prefixes) in one query.
MAX_QUERY_TERMS = 32
#: Most prefix terms (``word*``) in one query.
MAX_PREFIX_TERMS = 4
#: Fewest letters before a ``*``: shorter prefixes expand to a large share of the vocabulary.
MIN_PREFIX_LETTERS = 2


@dataclass(frozen=True)
class QueryTerms:
    """A user query as an FTS5 expression over stemmed text, and the stems to highlight."""

    expression: str
    stems: frozenset[str]
    prefixes: tuple[str, ...]
    #: (word, language) -> whether it is a hit: the snippets of one search share their words.
    _hits: dict[tuple[str, str | None], bool] = field(default_factory=dict, compare=False, repr=False)

    def is_hit(self, word: str, language: str | None) -> bool:
        """Whether ``word`` of a text in ``language`` matches the query (after folding and stemming)."""
        key = (word, language)
        hit = self._hits.get(key)
        if hit is None:
            folded = fold_short(word)
            hit = (stem_word(word, language) in self.stems or folded in self.stems
                   or any(folded.startswith(p) for p in self.prefixes))
            self._hits[key] = hit
        return hit


def _variants(word: str, languages: Iterable[str]) -> list[str]:
    """The forms one query word can take in the index: its stem in each language, and unstemmed."""
    forms = [stem_word(word, lang) for lang in languages]
    forms.append(fold(word))
    return list(dict.fromkeys(f for f in forms if f))


def _either(forms: list[str]) -> str:
    quoted = [f'"{f}"' for f in forms]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def parse_query(text: str, languages: Iterable[str] | None = None) -> QueryTerms:
    """Turn what a person typed into a valid FTS5 expression over the stemmed index.

    Bare words are AND-ed and match any inflection (each word becomes its stems
    in ``languages``, default en/fr/nl, OR-ed); ``"quoted phrases"`` match the
    stemmed words in order; ``word*`` is a prefix match on the folded word;
    upper-case AND / OR / NOT are operators. Any other punctuation is dropped,
    so every input gives a valid expression. A term repeated is searched once;
    :class:`QueryTooCostlyError` when more than :data:`MAX_QUERY_TERMS` terms or
    :data:`MAX_PREFIX_TERMS` prefixes remain, or a prefix is shorter than
    :data:`MIN_PREFIX_LETTERS`.
    """
    langs = list(languages or STEMMER_ALGORITHMS)
    parts = _Parts()
    stems: set[str] = set()
    prefixes: list[str] = []
    for match in _QUERY_TOKEN.finditer(text):
        phrase, bare = match.group(1), match.group(2)
        if phrase is not None:
            words = WORD.findall(phrase)
            if not words:
                continue
            alternatives = list(dict.fromkeys(" ".join(stem_word(w, lang) for w in words) for lang in langs))
            stems.update(s for alt in alternatives for s in alt.split())
            parts.append(_either(alternatives))
            continue
        if bare in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(bare)
            continue
        if bare.endswith("*"):
            for word in WORD.findall(bare):
                prefix = fold(word)
                if len(prefix) < MIN_PREFIX_LETTERS:
                    raise QueryTooCostlyError(
                        f"prefix {word}* is too short: give at least {MIN_PREFIX_LETTERS} letters before *")
                if parts.append(f'"{prefix}"*'):
                    prefixes.append(prefix)
            continue
        for word in WORD.findall(bare):
            forms = _variants(word, langs)
            stems.update(forms)
            parts.append(_either(forms))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    if parts and parts[0] in _OPERATORS:
        parts.pop(0)
    if len(prefixes) > MAX_PREFIX_TERMS:
        raise QueryTooCostlyError(f"query has {len(prefixes)} prefixes (word*); at most {MAX_PREFIX_TERMS} are searched")
    if parts.terms > MAX_QUERY_TERMS:
        raise QueryTooCostlyError(f"query has {parts.terms} different terms; at most {MAX_QUERY_TERMS} are searched")
    # FTS5 rejects an implicit AND before a parenthesised group: write every AND out.
    joined: list[str] = []
    for part in parts:
        if joined and part not in _OPERATORS and joined[-1] not in _OPERATORS:
            joined.append("AND")
        joined.append(part)
    expression = " ".join(joined)
    # Facet tokens all start with "x": only a query with such a word needs keeping to the text
    # columns (a column filter makes FTS5 read positions, and doubled bm25's cost at 1M articles).
    if any(t.startswith(tuple(FACET_PREFIXES.values())) for t in (*stems, *prefixes)):
        expression = f"{{{' '.join(TEXT_COLUMNS)}}} : ({expression})"
    return QueryTerms(expression, frozenset(stems), tuple(prefixes))


# One piece of a raw FTS5 expression: a quoted string or a bare word, each maybe a prefix (``*``).
_RAW_TERM = re.compile(r'"(?P<quoted>(?:[^"]|"")*)"\s*(?P<qstar>\*)?|(?P<bare>[^\s"(){}:^*+,]+)\s*(?P<bstar>\*)?|(?P<star>\*)')
_RAW_KEYWORDS = _OPERATORS | {"NEAR"}


def check_expression(text: str) -> None:
    """:class:`QueryTooCostlyError` when a raw FTS5 expression (one typed into SQL, not parsed by
    :func:`parse_query`) has more terms or prefixes, or shorter prefixes, than a parsed query may."""
    terms: set[str] = set()
    prefixes = 0
    for piece in _RAW_TERM.finditer(text):
        term = piece["quoted"] if piece["quoted"] is not None else piece["bare"] or ""
        if term.upper() in _RAW_KEYWORDS:
            continue
        if piece["qstar"] or piece["bstar"] or piece["star"]:
            prefixes += 1
            words = WORD.findall(term)
            if len(fold(words[-1]) if words else "") < MIN_PREFIX_LETTERS:
                raise QueryTooCostlyError(
                    f"prefix {term}* is too short: give at least {MIN_PREFIX_LETTERS} letters before *")
        if term:
            terms.add(fold(term))
    if prefixes > MAX_PREFIX_TERMS:
        raise QueryTooCostlyError(f"query has {prefixes} prefixes (word*); at most {MAX_PREFIX_TERMS} are searched")
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryTooCostlyError(f"query has {len(terms)} different terms; at most {MAX_QUERY_TERMS} are searched")


class _Parts(list[str]):
    """The parts of an FTS5 expression; a term already present is not added again."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[str] = set()

    @property
    def terms(self) -> int:
        return len(self._seen)

    def append(self, part: str) -> bool:  # type: ignore[override]
        """Add ``part``; False (and nothing added) for a term already in the expression."""
        if part not in _OPERATORS:
            if part in self._seen:
                if self and self[-1] in _OPERATORS:  # "a OR a b" is "a b", not "a OR b"
                    self.pop()
                return False
            self._seen.add(part)
        super().append(part)
        return True


def highlight(
    text: str | None, terms: QueryTerms, language: str | None, *, words: int = 24,
    mark: tuple[str, str] = ("[", "]"),
) -> str:
    """The ``words``-word window of ``text`` with the most query hits, hits wrapped in ``mark``.

    Words are compared after the same folding and stemming as the index, so
    "égalisation" is marked for the query "egalise".
    """
    if not text:
        return ""
    words_of_text = WORD.findall(text)
    if not words_of_text:
        return ""
    # Each distinct word is decided once (and once per search: terms keeps the decisions).
    hit_words = {w for w in set(words_of_text) if terms.is_hit(w, language)}
    hits = [i for i, w in enumerate(words_of_text) if w in hit_words]
    start = 0
    if hits:
        # The window starting a little before the hit that has the most hits after it
        # (the first such hit), found in one pass: ``ahead`` is the first hit out of reach.
        best, best_count, ahead = hits[0], 0, 0
        for n, h in enumerate(hits):
            ahead = max(ahead, n)
            while ahead < len(hits) and hits[ahead] < h + words:
                ahead += 1
            if ahead - n > best_count:
                best, best_count = h, ahead - n
        start = max(0, best - words // 4)
    total = len(words_of_text)
    end = min(total, start + words)
    tokens = list(islice(WORD.finditer(text), end))  # positions, as far as the window only
    hit_set = set(hits)
    pieces: list[str] = []
    cursor = tokens[start].start()
    for i in range(start, end):
        token = tokens[i]
        pieces.append(text[cursor:token.start()])
        pieces.append(f"{mark[0]}{token.group()}{mark[1]}" if i in hit_set else token.group())
        cursor = token.end()
    if end == total:
        pieces.append(text[cursor:])  # the closing punctuation
    snippet = " ".join("".join(pieces).split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < total else ""
    return f"{prefix}{snippet}{suffix}"
