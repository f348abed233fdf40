"""Opening the archive file: connection, pragmas, write transactions and the plain-SQL row helpers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from newscrawl.errors import ArchiveError


def utc_now() -> str:
    """Current time as ISO 8601 UTC with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def connect(path: Path, *, readonly: bool, timeout: float) -> sqlite_utils.Database:
    """The archive at ``path``; for writing in WAL mode (readers never block a cron crawl).

    Raises :class:`ArchiveError` when the file is missing (read-only) or not a database.
    Schema migrations are the caller's (:mod:`newscrawl.archive.migrations`).
    """
    if readonly and not path.exists():
        raise ArchiveError(f"no archive at {path}: run `newscrawl crawl` first")
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)
        else:
            conn = sqlite3.connect(str(path), timeout=timeout)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if readonly:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        else:
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"cannot open archive {path}: {exc}") from exc
    return db


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """One write transaction (``BEGIN IMMEDIATE``), rolled back on error."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise ArchiveError(f"archive {path} is locked or read-only: {exc}") from exc
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


# Plain SQL for rows written per article: sqlite-utils' insert/update introspect the schema on
# every call, which costs more than the write itself in a crawl.


def insert_row(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    """Insert ``row`` into ``table``; returns its rowid."""
    columns = ", ".join(f'"{c}"' for c in row)
    cursor = conn.execute(
        f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" for _ in row)})', list(row.values())
    )
    return int(cursor.lastrowid)


def update_row(conn: sqlite3.Connection, table: str, row_id: int, row: dict[str, Any]) -> None:
    """Set the columns of ``row`` on the row ``row_id`` of ``table``."""
    assignments = ", ".join(f'"{c}" = ?' for c in row)
    conn.execute(f'UPDATE "{table}" SET {assignments} WHERE id = ?', [*row.values(), row_id])


def dict_rows(conn: sqlite3.Connection, sql: str, params: Any = None) -> list[dict[str, Any]]:
    """The rows of a query as dicts."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return [dict(r) for r in cursor.execute(sql, params or {}).fetchall()]
