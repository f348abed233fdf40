"""The run ledger: registry sources, ``crawl_runs`` (one row per crawl) and ``crawl_state`` (one row per URL)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

import sqlite_utils

from newscrawl.archive.db import dict_rows, utc_now

#: URLs per ``IN (...)`` look-up: well under SQLite's bound-parameter limit.
_URLS_PER_QUERY = 500

class Ledger:
    """Runs and per-URL crawl state (mixed into :class:`newscrawl.archive.Archive`)."""

    # Given by Archive.
    conn: sqlite3.Connection
    db: sqlite_utils.Database

    def upsert_sources(self, sources: Iterable[Any]) -> None:
        """Record registry sources (``newscrawl.sources.Source``) for joins and Datasette."""
        rows = [
            {
                "name": s.name,
                "homepage": s.homepage,
                "languages": json.dumps(list(s.languages)),
                "country": s.country,
                "timezone": s.timezone,
                "feeds": json.dumps(list(s.feeds)),
                "sitemaps": json.dumps(list(s.sitemaps)),
                "sections": json.dumps(list(s.sections)),
                "updated_at": utc_now(),
            }
            for s in sources
        ]
        with self.transaction():
            self.db["sources"].upsert_all(rows, pk="name")

    def start_run(self, sources: Iterable[str], pid: int) -> int:
        with self.transaction():
            return self.db["crawl_runs"].insert(
                {"started_at": utc_now(), "status": "running", "sources": ",".join(sources), "pid": pid}
            ).last_pk

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        row = {k: v for k, v in counts.items() if k in self.db["crawl_runs"].columns_dict}
        for key in ("errors_by_kind", "drops_by_reason", "stats"):
            if key in row and not isinstance(row[key], str):
                row[key] = json.dumps(row[key], sort_keys=True, default=str)
        row.update(status=status, finished_at=utc_now())
        with self.transaction():
            self.db["crawl_runs"].update(run_id, row)

    # crawl state (per-URL fetch history for incremental, cron-safe crawls; see newscrawl.crawling.crawlstate)

    def close_dead_runs(self, current_run: int) -> list[int]:
        """Mark runs still ``running`` other than ``current_run`` as ``killed``; returns their ids.

        Call it only while holding the archive's crawl lock: then no other
        crawl can be alive, so a ``running`` row belongs to a process that died.
        """
        rows = self.db.execute(
            "SELECT id FROM crawl_runs WHERE status = 'running' AND id != ?", [current_run]
        ).fetchall()
        ids = [r[0] for r in rows]
        if ids:
            with self.transaction():
                self.conn.executemany(
                    "UPDATE crawl_runs SET status = 'killed', finished_at = ?, "
                    "stop_reason = ? WHERE id = ?",
                    [(utc_now(), f"process died; found by run {current_run}", i) for i in ids],
                )
        return ids

    def fetch_state(self, url: str) -> dict[str, Any] | None:
        """The ``crawl_state`` row of a URL, or None when it was never fetched."""
        rows = dict_rows(self.conn, "SELECT * FROM crawl_state WHERE url = ?", [url])
        return rows[0] if rows else None

    def write_crawl_state(self, changes: Iterable[tuple[str, Any]]) -> None:
        """Apply buffered crawl-state changes in order, in one transaction.

        Each change is ``("fetch", row)`` (insert or update a ``crawl_state`` row,
        ``first_seen`` kept from the first insert) or ``("outcome", (url, outcome))``.
        """
        columns = set(self.db["crawl_state"].columns_dict)
        with self.transaction():
            for kind, change in changes:
                if kind == "outcome":
                    url, outcome = change
                    self.conn.execute("UPDATE crawl_state SET outcome = ? WHERE url = ?", [outcome, url])
                    continue
                row = {k: v for k, v in change.items() if k in columns}
                row.setdefault("first_seen", utc_now())
                updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in ("url", "first_seen"))
                self.conn.execute(
                    f"INSERT INTO crawl_state ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)}) "
                    f"ON CONFLICT(url) DO UPDATE SET {updates}",
                    list(row.values()),
                )

    def stored_seen_at(self, url: str) -> str | None:
        """When the stored article this URL belongs to was last written (None if not stored).

        Read from ``articles`` rather than ``crawl_state`` because it is
        committed together with the article: a crawl killed before its batch
        was written leaves no false "already stored".
        """
        row = self.db.execute(
            "SELECT coalesce(a.last_seen, a.fetched_at) FROM article_urls u "
            "JOIN articles a ON a.id = u.article_id WHERE u.url = ? LIMIT 1",
            [url],
        ).fetchone()
        return row[0] if row else None

    def crawl_state_rows(self, urls: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """The ``crawl_state`` rows of ``urls`` (every row when None), for the shared crawl's copy in Redis."""
        if urls is None:
            yield from self._state_rows("SELECT * FROM crawl_state", [])
            return
        wanted = list(dict.fromkeys(urls))
        for start in range(0, len(wanted), _URLS_PER_QUERY):
            chunk = wanted[start:start + _URLS_PER_QUERY]
            yield from self._state_rows(
                f"SELECT * FROM crawl_state WHERE url IN ({', '.join('?' for _ in chunk)})", chunk)

    def _state_rows(self, sql: str, params: list[str]) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def stored_urls(self) -> Iterator[tuple[str, str]]:
        """(url, when its stored article was last written) for every URL of a stored article."""
        yield from self.conn.execute(
            "SELECT u.url, coalesce(a.last_seen, a.fetched_at) FROM article_urls u JOIN articles a ON a.id = u.article_id"
        )
