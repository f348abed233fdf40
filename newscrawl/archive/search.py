"""The full-text index: accent-free Snowball stems of every article, searched with FTS5.

SQLite's FTS5 cannot load a Python tokenizer, so stemming happens here: each
article's title and body are indexed in the ``articles_stemmed`` FTS5 table as
text whose words are already folded (accents removed, lower case) and stemmed
with the Snowball stemmer of the article's language. A query is turned into
the same words (:func:`newscrawl.archive.search_query.parse_query`), so "égalise", "egalise" and
"égalisation" all become ``egalis`` and find each other, as do "gelijkspel"
and "gelijkspelen". An exact word is found too: it is one of its own forms.

Folding comes *before* stemming so that a query typed without accents is
stemmed exactly as the accented text was. Dutch uses Snowball's classic
``dutch_porter`` algorithm: the newer ``dutch`` one strips the "ge-" prefix and
lengthens vowels ("gelijkspel" -> ``lijkspel``, "gelijkspelen" -> ``lijkspeel``),
so the two forms would not meet.

The table is *contentless* (``content=''``): it keeps the index only, since the text
lives in ``articles`` and snippets are cut from it (:func:`newscrawl.archive.search_query.highlight`); a stored
copy of the stemmed text took as much room as the bodies. Its rowid is
``articles.id``. Triggers on ``articles`` keep it current on insert, on a change of
title, body, language, source or story, and on delete; they stem through the SQL function
:data:`STEM_FUNCTION`, which :func:`register_functions` adds to every connection
the archive opens. A connection without it (the ``sqlite3`` shell) can read the
archive but cannot insert, edit the text of or delete an article: the statement
fails ("no such function") rather than leave the index out of step, because a
contentless row is removed by giving back the stems it was indexed with.
The store's new articles wait until their stories are decided (:mod:`newscrawl.archive.deferred_index`).
:func:`rebuild` refills the whole table (``newscrawl reindex``).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import snowballstemmer

TABLE = "articles_stemmed"

#: Snowball algorithm per article language; other languages are folded but not stemmed.
STEMMER_ALGORITHMS = {"en": "english", "fr": "french", "nl": "dutch_porter"}

#: A word of a text, as the index and the snippets cut it.
WORD = re.compile(r"\w+", re.UNICODE)

#: The SQL function ``newscrawl_stemmed(text, language)``: :func:`stemmed_text`, for the triggers.
STEM_FUNCTION = "newscrawl_stemmed"

# Each article's language, source and story are indexed too, as one token each in a third
# column, ``facets``: a search filtered by them ("in French", "from this site", "about this
# team's matches": its stories) is then an FTS5 intersection, which skips through the doclists,
# instead of a walk through every match of the words checking each against the articles' rows.
# A token is a prefix and the value's UTF-8 bytes in hex (SQLite's ``hex`` of the value as
# text), so it is one word for the tokenizer, whatever the value, and no two values share one.
FACET_PREFIXES = {"language": "xl", "source": "xs", "story_id": "xy"}
#: The indexed columns a typed query searches.
TEXT_COLUMNS = ("title", "body")


def facet_token(column: str, value: str | int) -> str:
    """The ``facets`` token of an article whose ``column`` (language, source, story_id) is ``value``."""
    return FACET_PREFIXES[column] + str(value).encode("utf-8").hex()


def facet_terms(wanted: dict[str, list[Any]]) -> str:
    """The FTS5 terms for articles whose column is one of the values given, for each column given.

    No column filter: a facet token (a prefix and hex digits) is no word of any text."""
    return " AND ".join(
        "(" + " OR ".join(f'"{facet_token(column, v)}"' for v in dict.fromkeys(values)) + ")"
        for column, values in wanted.items() if values)


def columns_of(side: str) -> str:
    """SQL giving the three indexed values of the ``new`` or ``old`` article row, for the triggers."""
    facets = " || ' ' || ".join(f"'{prefix}' || lower(hex(coalesce({side}.{column}, '')))"
                                for column, prefix in FACET_PREFIXES.items())
    return (f"{STEM_FUNCTION}({side}.title, {side}.language), {STEM_FUNCTION}({side}.body, {side}.language), "
            f"{facets}")


_INSERT = f"INSERT INTO {TABLE} (rowid, title, body, facets) VALUES (new.id, {columns_of('new')});"
# A contentless FTS5 row is deleted by handing back the values it was indexed with.
_DELETE = f"INSERT INTO {TABLE} ({TABLE}, rowid, title, body, facets) VALUES ('delete', old.id, {columns_of('old')});"
_INDEXED = ("title", "body", *FACET_PREFIXES)

# Deferred indexing (migration 018, :mod:`newscrawl.archive.deferred_index`): while DEFER_MARK
# holds a row, inserted articles are listed in DEFERRED instead of indexed; while listed, their
# updates and deletion leave the index alone (it holds nothing of them yet).
#: Articles stored and not in the index yet.
DEFERRED = "search_deferred"
#: While it holds a row, inserted articles are listed in :data:`DEFERRED` instead of indexed.
DEFER_MARK = "search_defer"
_LISTED = f"EXISTS (SELECT 1 FROM {DEFERRED} WHERE article_id = old.id)"
_MARKED = f"EXISTS (SELECT 1 FROM {DEFER_MARK})"
#: The triggers that keep the index in step with ``articles`` (name: SQL).
TRIGGERS = {
    f"{TABLE}_insert": f"AFTER INSERT ON articles WHEN NOT {_MARKED} BEGIN {_INSERT} END",
    f"{TABLE}_insert_deferred": (f"AFTER INSERT ON articles WHEN {_MARKED} "
                                 f"BEGIN INSERT INTO {DEFERRED} (article_id) VALUES (new.id); END"),
    # one trigger, in this order: the index entry of a listed article is not there to take out
    f"{TABLE}_delete": (
        f"AFTER DELETE ON articles BEGIN "
        f"INSERT INTO {TABLE} ({TABLE}, rowid, title, body, facets) SELECT 'delete', old.id, "
        f"{columns_of('old')} WHERE NOT {_LISTED}; DELETE FROM {DEFERRED} WHERE article_id = old.id; END"),
    # Only a change of what is indexed: type and last_seen updates leave the index alone.
    f"{TABLE}_update": (
        f"AFTER UPDATE OF {', '.join(_INDEXED)} ON articles WHEN ("
        + " OR ".join(f"old.{c} IS NOT new.{c}" for c in _INDEXED) + f") AND NOT {_LISTED} "
        f"BEGIN {_DELETE} {_INSERT} END"),
}


def register_functions(conn: sqlite3.Connection) -> None:
    """Add :data:`STEM_FUNCTION` to ``conn`` (the index triggers call it)."""
    conn.create_function(STEM_FUNCTION, 2, stemmed_text, deterministic=True)


def create_table(conn: sqlite3.Connection) -> None:
    """Create the contentless stemmed FTS5 table (used by the archive migrations)."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
        "title, body, facets, content='', tokenize = 'unicode61 remove_diacritics 2')"
    )


def create_triggers(conn: sqlite3.Connection) -> None:
    """Create the triggers that keep the table in step with ``articles`` (migrations 016, 018)."""
    for name, body in TRIGGERS.items():
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def is_contentless(conn: sqlite3.Connection) -> bool:
    """Whether the stemmed table exists and keeps no copy of the text (archives before 016 did)."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [TABLE]).fetchone()
    return bool(row) and "content=''" in row[0].replace('"', "'").replace(" ", "")


def fold(text: str) -> str:
    """Lower case without diacritics: "Égalisé" -> "egalise"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=500_000)
def fold_short(word: str) -> str:
    """:func:`fold` of a short string met again and again (a word, a team's name), cached."""
    return fold(word)


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    algorithm = STEMMER_ALGORITHMS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def _stem(word: str, language: str | None) -> str:
    folded = fold(word)
    stemmer = _stemmer(language or "")
    return stemmer.stemWord(folded) if stemmer else folded


@lru_cache(maxsize=500_000)
def stem_word(word: str, language: str | None) -> str:
    """One word folded, then stemmed with the Snowball stemmer of ``language`` (if it has one)."""
    return _stem(word, language)


#: Words whose stems one language's :class:`_Stems` keeps before it starts afresh.
_STEMS_PER_LANGUAGE = 300_000


class _Stems(dict[str, str]):
    """word -> its stem in one language, for whole texts: ``map`` over this dict's ``__getitem__``
    looks each word up in C, where an ``lru_cache`` call per word built a key for each
    (0.21 -> 0.13 ms the title and body of an article, in bench/ingest_stages' texts)."""

    def __init__(self, language: str | None):
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> str:
        if len(self) >= _STEMS_PER_LANGUAGE:  # bounded: a long crawl meets ever more names and numbers
            self.clear()
        stem = self[word] = _stem(word, self.language)
        return stem


@cache
def _stems(language: str | None) -> _Stems:
    return _Stems(language)


#: Texts whose stems are kept: an article whose story changes is re-indexed (``story_id`` is a
#: facet), and the triggers hand FTS5 its old row's stems and then the new row's, the same text
#: twice; re-grouping moves mostly recent articles, again and again. Bounded: ~2,000 bodies.
_STEMMED_TEXTS = 2048


@lru_cache(maxsize=_STEMMED_TEXTS)
def stemmed_text(text: str | None, language: str | None) -> str:
    """Every word of ``text`` folded and stemmed, space-separated, in order."""
    if not text:
        return ""
    return " ".join(map(_stems(language).__getitem__, WORD.findall(text)))


def rebuild(
    conn: sqlite3.Connection, *, batch_size: int = 2000, progress: Callable[[int], None] | None = None
) -> int:
    """Refill the stemmed index from ``articles``; returns the number of articles indexed.

    ``progress`` is called with the number of articles done after each batch.
    The caller owns the transaction; ``conn`` has :func:`register_functions` (as every
    connection the archive opens does).
    """
    conn.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('delete-all')")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [DEFERRED]).fetchone():
        conn.execute(f"DELETE FROM {DEFERRED}")  # indexed below with every other article
    done = 0
    last_id = 0
    while True:
        # Keyset batches keep memory flat on a million rows; the stemming runs inside SQLite.
        upto, count = conn.execute(
            "SELECT max(id), count(*) FROM (SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?)",
            [last_id, batch_size],
        ).fetchone()
        if not count:
            return done
        conn.execute(
            f"INSERT INTO {TABLE} (rowid, title, body, facets) SELECT id, {columns_of('articles')} "
            "FROM articles WHERE id > ? AND id <= ?",
            [last_id, upto],
        )
        done += count
        last_id = upto
        if progress:
            progress(count)
