"""Opening the archive file: connection, pragmas, write transactions and the plain-SQL row helpers."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from newscrawl.archive import search
from newscrawl.errors import ArchiveError, ArchiveReadOnlyError

#: Bytes per database page of a new archive.
PAGE_SIZE = 16384


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
    if not readonly:
        _check_writable(path)
    try:
        if readonly:
            conn = sqlite3.connect(_readonly_uri(path), uri=True, timeout=timeout)
        else:
            conn = sqlite3.connect(str(path), timeout=timeout)
        search.register_functions(conn)  # the search index triggers stem through it
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if readonly:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        else:
            # Only a new, empty file takes it. Article rows of a few kB fill 16 kB pages far better
            # than 4 kB ones (a quarter of each 4 kB page stayed empty): 13 % smaller at 100k articles.
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        if _is_readonly(exc):
            raise ArchiveReadOnlyError(f"cannot write archive {path}: {exc}") from None
        raise ArchiveError(f"cannot open archive {path}: {exc}") from exc
    return db


def _is_readonly(error: BaseException) -> bool:
    """Whether ``error`` is SQLite's SQLITE_READONLY (by its code: the class is OperationalError for all)."""
    return isinstance(error, sqlite3.DatabaseError) and (
        getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_READONLY)


def _check_writable(path: Path) -> None:
    """:class:`ArchiveReadOnlyError` when the archive (or the folder its -wal/-shm files go in) is read-only."""
    folder = path.resolve().parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise ArchiveReadOnlyError(f"cannot write archive {path}: its folder {folder} is read-only "
                                   "(read commands still work)")
    if path.exists() and not os.access(path, os.W_OK):
        raise ArchiveReadOnlyError(f"cannot write archive {path}: the file is read-only (read commands still work)")


def _readonly_uri(path: Path) -> str:
    """``mode=ro``; ``immutable=1`` when nothing can write the folder (a read-only mount, a CD).

    A WAL database opened ``mode=ro`` still needs its ``-shm`` file, and creating it fails in a
    read-only folder ("unable to open database file"); when no one can write there, no one can
    change the database either, so SQLite may treat it as immutable.
    """
    absolute = path.resolve()
    if not os.access(absolute.parent, os.W_OK):
        return f"{absolute.as_uri()}?immutable=1"
    return f"{absolute.as_uri()}?mode=ro"


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """One write transaction (``BEGIN IMMEDIATE``), rolled back on error."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if _is_readonly(exc):
            raise ArchiveReadOnlyError(f"cannot write archive {path}: {exc}") from exc
        raise ArchiveError(f"archive {path} is locked or read-only: {exc}") from exc
    try:
        yield
    except BaseException as exc:
        conn.execute("ROLLBACK")
        if _is_readonly(exc):  # the file became read-only under a running write
            raise ArchiveReadOnlyError(f"cannot write archive {path}: {exc}") from exc
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
