"""The SQLite archive: one file, one :class:`Archive`, a room per concern.

* ``db``: connecting (WAL, pragmas), write transactions, plain-SQL row helpers;
* ``migrations``: the schema as a registered set of migrations, one transaction each;
* ``articles``: the article columns (declared once) and article writes with duplicate promotion;
* ``stories``: matches, stories, teams and competitions;
* ``regrouping``: story evidence and fixtures read for re-grouping, and its plans written;
* ``ledger``: registry sources, crawl runs and per-URL crawl state;
* ``search``: the FTS5 and stemmed search indexes; ``deferred_index``: a batch's new articles indexed once, with their stories;
* ``queries``: the read side behind the query commands and Datasette.

:class:`Archive` wraps a :class:`sqlite_utils.Database`; opening it for
writing applies the missing migrations. Writes come in batches inside one
transaction; readers (``newscrawl search``, Datasette) never block a cron crawl.
The archive imports only ``newscrawl.items`` and ``newscrawl.errors`` from the rest of newscrawl.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newscrawl.archive import db as _db
from newscrawl.archive.articles import ArticleWrites, WriteResult
from newscrawl.archive.db import utc_now
from newscrawl.archive.ledger import Ledger
from newscrawl.archive.migrations import MIGRATIONS, migrate
from newscrawl.archive.regrouping import ApplyResult, FixtureWrites, RegroupWrites, StoryPlan
from newscrawl.archive.stories import StoryWrites
from newscrawl.errors import ArchiveError

__all__ = ["MIGRATIONS", "ApplyResult", "Archive", "ArchiveError", "StoryPlan", "WriteResult", "utc_now"]


class Archive(ArticleWrites, StoryWrites, RegroupWrites, FixtureWrites, Ledger):
    """A newscrawl SQLite archive file."""

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 30.0):
        self.path = Path(path)
        self.db = _db.connect(self.path, readonly=readonly, timeout=timeout)
        self.conn = self.db.conn
        if not readonly:
            try:
                self.migrate()
                self.index_deferred_articles()  # stored by a run killed before it indexed them
            except sqlite3.DatabaseError as exc:  # a damaged file may only show it here
                raise ArchiveError(f"cannot open archive {self.path}: {exc}") from exc

    def migrate(self) -> list[str]:
        """Apply missing migrations; returns the names applied."""
        return migrate(self.db, self.transaction)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``), rolled back on error."""
        with _db.transaction(self.conn, self.path):
            yield

    def close(self) -> None:
        self.conn.close()
