"""Archive-wide counts (``newscrawl stats``) and query plans (``bench/query.py``, the plan tests).

Re-exported by :mod:`newscrawl.archive.queries`, the read side's one namespace.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from newscrawl.archive.db import dict_rows

# -- stats -------------------------------------------------------------------------


def stats(conn: sqlite3.Connection, *, days: int = 14, today: date | None = None) -> dict[str, Any]:
    """Counts for ``newscrawl stats``: articles per source, language and day, duplicates, last runs.

    ``by_day`` covers the ``days`` days up to ``today`` (default: the newest
    publication day in the archive), oldest first, days without articles as 0.
    """
    def grouped(column: str) -> dict[str, int]:
        return {
            (k if k is not None else "?"): n
            for k, n in conn.execute(
                f"SELECT {column}, count(*) AS n FROM articles GROUP BY {column} ORDER BY n DESC, {column}"
            )
        }

    if today is None:
        newest = conn.execute("SELECT max(published_at) FROM articles").fetchone()[0]
        today = date.fromisoformat(newest[:10]) if newest else date.today()
    first = today - timedelta(days=days - 1)
    per_day = dict(conn.execute(
        "SELECT substr(published_at, 1, 10) AS day, count(*) FROM articles "
        "WHERE published_at >= ? AND published_at < ? GROUP BY day",
        [first.isoformat(), (today + timedelta(days=1)).isoformat()],
    ).fetchall())
    by_day = {
        (first + timedelta(days=i)).isoformat(): per_day.get((first + timedelta(days=i)).isoformat(), 0)
        for i in range(days)
    }
    duplicates = dict(conn.execute(
        "SELECT kind, count(*) FROM article_urls WHERE kind NOT IN ('canonical', 'alias') GROUP BY kind"
    ).fetchall())
    return {
        "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
        "stories": conn.execute("SELECT count(*) FROM stories").fetchone()[0],
        "by_language": grouped("language"),
        "by_source": grouped("source"),
        "by_day": by_day,
        "duplicate_urls": sum(duplicates.values()),
        "duplicates_by_kind": duplicates,
        "undated": conn.execute("SELECT count(*) FROM articles WHERE published_at IS NULL").fetchone()[0],
        "last_runs": dict_rows(
            conn,
            "SELECT id, started_at, finished_at, status, requests, pages, articles_new, "
            "articles_updated, duplicates, dropped, errors FROM crawl_runs ORDER BY id DESC LIMIT 5",
        ),
    }


def articles_per_day(conn: sqlite3.Connection) -> list[tuple[str, dict[str, int]]]:
    """Days that have dated articles, oldest first, each with its article count per language.

    ``newscrawl stats`` lists the latest of them (an archive crawled now and then has long
    gaps, which a calendar window prints as empty days); ``newscrawl serve`` charts them.
    """
    days: dict[str, dict[str, int]] = {}
    for day, language, count in conn.execute(
        "SELECT substr(published_at, 1, 10) AS day, coalesce(language, '?'), count(*) FROM articles "
        "WHERE published_at IS NOT NULL GROUP BY day, language ORDER BY day"
    ):
        days.setdefault(day, {})[language] = count
    return list(days.items())


def explain(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[str]:
    """SQLite's query plan for ``sql``, one line per step (``EXPLAIN QUERY PLAN``)."""
    return [row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def full_scans(plan: list[str]) -> list[str]:
    """Steps of a query plan that read a whole table.

    Virtual-table (FTS) steps, index scans and scans of the ranked window
    (``hits``, ``(subquery-N)``: at most ``newscrawl.archive.queries.RANK_WINDOW`` ids) are not.
    """
    return [
        step for step in plan
        if step.startswith("SCAN") and "VIRTUAL TABLE" not in step and "INDEX" not in step
        and step != "SCAN hits" and not step.startswith("SCAN (subquery")
    ]
