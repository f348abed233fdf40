"""The stemmed full-text index: accent-free Snowball stems of every article, searched with FTS5.

SQLite's FTS5 cannot load a Python tokenizer, so stemming happens here: each
article's title and body are stored in the ``articles_stemmed`` FTS5 table as
text whose words are already folded (accents removed, lower case) and stemmed
with the Snowball stemmer of the article's language. A query is turned into
the same words (:func:`match_expression`), so "égalise", "egalise" and
"égalisation" all become ``egalis`` and find each other, as do "gelijkspel"
and "gelijkspelen".

Folding comes *before* stemming so that a query typed without accents is
stemmed exactly as the accented text was. Dutch uses Snowball's classic
``dutch_porter`` algorithm: the newer ``dutch`` one strips the "ge-" prefix and
lengthens vowels ("gelijkspel" -> ``lijkspel``, "gelijkspelen" -> ``lijkspeel``),
so the two forms would not meet.

The table's rowid is ``articles.id``. :func:`index_article` keeps one row
current; :func:`rebuild` refills the whole table (``newscrawl reindex``).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from newscrawl.errors import QueryTooCostlyError

TABLE = "articles_stemmed"

#: Snowball algorithm per article language; other languages are folded but not stemmed.
STEMMER_ALGORITHMS = {"en": "english", "fr": "french", "nl": "dutch_porter"}

_WORD = re.compile(r"\w+", re.UNICODE)
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


def create_table(conn: sqlite3.Connection) -> None:
    """Create the stemmed FTS5 table (used by the archive migration)."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )


def fold(text: str) -> str:
    """Lower case without diacritics: "Égalisé" -> "egalise"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=500_000)
def _fold_word(word: str) -> str:
    return fold(word)


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    algorithm = STEMMER_ALGORITHMS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=500_000)
def stem_word(word: str, language: str | None) -> str:
    """One word folded, then stemmed with the Snowball stemmer of ``language`` (if it has one)."""
    folded = fold(word)
    stemmer = _stemmer(language or "")
    return stemmer.stemWord(folded) if stemmer else folded


def stemmed_text(text: str | None, language: str | None) -> str:
    """Every word of ``text`` folded and stemmed, space-separated, in order."""
    if not text:
        return ""
    return " ".join(stem_word(w, language) for w in _WORD.findall(text))


def index_article(
    conn: sqlite3.Connection, article_id: int, title: str | None, body: str | None, language: str | None
) -> None:
    """Put (or replace) one article's stemmed title and body in the index."""
    conn.execute(f"DELETE FROM {TABLE} WHERE rowid = ?", [article_id])
    conn.execute(
        f"INSERT INTO {TABLE} (rowid, title, body) VALUES (?, ?, ?)",
        [article_id, stemmed_text(title, language), stemmed_text(body, language)],
    )


def rebuild(
    conn: sqlite3.Connection, *, batch_size: int = 2000, progress: Callable[[int], None] | None = None
) -> int:
    """Refill the stemmed index from ``articles``; returns the number of articles indexed.

    ``progress`` is called with the number of articles done after each batch.
    The caller owns the transaction.
    """
    conn.execute(f"DELETE FROM {TABLE}")
    done = 0
    last_id = 0
    while True:
        # Keyset pagination keeps memory flat on a million rows.
        batch = conn.execute(
            "SELECT id, title, body, language FROM articles WHERE id > ? ORDER BY id LIMIT ?",
            [last_id, batch_size],
        ).fetchall()
        if not batch:
            return done
        conn.executemany(
            f"INSERT INTO {TABLE} (rowid, title, body) VALUES (?, ?, ?)",
            [(i, stemmed_text(t, lang), stemmed_text(b, lang)) for i, t, b, lang in batch],
        )
        done += len(batch)
        last_id = batch[-1][0]
        if progress:
            progress(len(batch))


# -- queries -------------------------------------------------------------------


@dataclass(frozen=True)
class QueryTerms:
    """A user query as an FTS5 expression over stemmed text, and the stems to highlight."""

    expression: str
    stems: frozenset[str]
    prefixes: tuple[str, ...]


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
            words = _WORD.findall(phrase)
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
            for word in _WORD.findall(bare):
                prefix = fold(word)
                if len(prefix) < MIN_PREFIX_LETTERS:
                    raise QueryTooCostlyError(
                        f"prefix {word}* is too short: give at least {MIN_PREFIX_LETTERS} letters before *")
                if parts.append(f'"{prefix}"*'):
                    prefixes.append(prefix)
            continue
        for word in _WORD.findall(bare):
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
    return QueryTerms(" ".join(joined), frozenset(stems), tuple(prefixes))


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
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return ""

    def is_hit(token: re.Match[str]) -> bool:
        word = token.group()
        if stem_word(word, language) in terms.stems:
            return True
        folded = _fold_word(word)
        return folded in terms.stems or any(folded.startswith(p) for p in terms.prefixes)

    hits = [i for i, t in enumerate(tokens) if is_hit(t)]
    start = 0
    if hits:
        # The window starting a little before the hit that has the most hits after it.
        best = max(hits, key=lambda h: sum(1 for x in hits if h <= x < h + words))
        start = max(0, best - words // 4)
    end = min(len(tokens), start + words)
    hit_set = set(hits)
    pieces: list[str] = []
    cursor = tokens[start].start()
    for i in range(start, end):
        token = tokens[i]
        pieces.append(text[cursor:token.start()])
        pieces.append(f"{mark[0]}{token.group()}{mark[1]}" if i in hit_set else token.group())
        cursor = token.end()
    if end == len(tokens):
        pieces.append(text[cursor:])  # the closing punctuation
    snippet = " ".join("".join(pieces).split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(tokens) else ""
    return f"{prefix}{snippet}{suffix}"


def rebuild_all(conn: sqlite3.Connection, *, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild both full-text indexes (``articles_fts`` and the stemmed one) from ``articles``.

    Returns the number of articles indexed; the caller owns the transaction.
    """
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    return rebuild(conn, progress=progress)
