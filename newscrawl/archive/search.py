"""The full-text index: accent-free Snowball stems of every article, searched with FTS5.

SQLite's FTS5 cannot load a Python tokenizer, so stemming happens here: each
article's title and body are indexed in the ``articles_stemmed`` FTS5 table as
text whose words are already folded (accents removed, lower case) and stemmed
with the Snowball stemmer of the article's language. A query is turned into
the same words (:func:`parse_query`), so "égalise", "egalise" and
"égalisation" all become ``egalis`` and find each other, as do "gelijkspel"
and "gelijkspelen". An exact word is found too: it is one of its own forms.

Folding comes *before* stemming so that a query typed without accents is
stemmed exactly as the accented text was. Dutch uses Snowball's classic
``dutch_porter`` algorithm: the newer ``dutch`` one strips the "ge-" prefix and
lengthens vowels ("gelijkspel" -> ``lijkspel``, "gelijkspelen" -> ``lijkspeel``),
so the two forms would not meet.

The table is *contentless* (``content=''``): it keeps the index only, since the text
lives in ``articles`` and snippets are cut from it (:func:`highlight`); a stored
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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import islice
from typing import Any

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
    return " ".join(map(_stems(language).__getitem__, _WORD.findall(text)))


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


# -- queries -------------------------------------------------------------------


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
            words = _WORD.findall(term)
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
    words_of_text = _WORD.findall(text)
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
    tokens = list(islice(_WORD.finditer(text), end))  # positions, as far as the window only
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
