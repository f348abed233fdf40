"""Deferred indexing: a stored batch's new articles enter the search index once, with their stories.

A batch's new articles get their stories from the re-grouping that follows the store, and the
story is indexed (a facet of :mod:`newscrawl.archive.search`): indexed at once, each article
would be indexed with no story, then taken out (FTS5 is handed its stems again) and indexed
again, three passes of FTS5 over its text instead of one (0.3 ms an article of the writer's
1.4). So the store inserts them :func:`deferring`: the triggers list them in
:data:`~newscrawl.archive.search.DEFERRED` instead, and :func:`index_deferred` indexes them as
their rows are once re-grouped. The mark is never committed (taken out in the same
transaction); the list is a table, so a run killed in between leaves it for the next opening.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from newscrawl.archive.search import DEFER_MARK, DEFERRED, TABLE, columns_of


def create_tables(conn: sqlite3.Connection) -> None:
    """The tables of deferred indexing (migration 018)."""
    conn.execute(f"CREATE TABLE IF NOT EXISTS {DEFERRED} (article_id INTEGER PRIMARY KEY)")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {DEFER_MARK} (marked INTEGER)")


@contextmanager
def deferring(conn: sqlite3.Connection) -> Iterator[None]:
    """Articles inserted inside go to :data:`DEFERRED`, not into the index (within the caller's transaction)."""
    conn.execute(f"INSERT INTO {DEFER_MARK} (marked) VALUES (1)")
    try:
        yield
    finally:
        conn.execute(f"DELETE FROM {DEFER_MARK}")


def index_deferred(conn: sqlite3.Connection) -> int:
    """Index the articles of :data:`DEFERRED` as their rows are now; returns how many. The caller
    owns the transaction."""
    count = conn.execute(
        f"INSERT INTO {TABLE} (rowid, title, body, facets) SELECT id, {columns_of('articles')} "
        f"FROM articles WHERE id IN (SELECT article_id FROM {DEFERRED})").rowcount
    conn.execute(f"DELETE FROM {DEFERRED}")
    return count


def has_deferred(conn: sqlite3.Connection) -> bool:
    """Whether articles wait for :func:`index_deferred` (False before migration 018)."""
    try:
        return conn.execute(f"SELECT 1 FROM {DEFERRED} LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # no such table: an archive not migrated yet
        return False
