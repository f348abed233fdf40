"""One crawl at a time per archive: an advisory file lock beside the database.

The lock is ``flock`` on ``<db>.lock``. The kernel drops it when its process
ends, however it ends, so a lock left by a killed run is never an obstacle:
the next run takes it over and can tell (the file still names the dead
holder) that the previous run did not finish cleanly. The file is never
deleted: unlinking a lock file races with a process that has just opened it.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from newscrawl.errors import ArchiveReadOnlyError, LockHeld


@dataclass
class CrawlLock:
    """The crawl lock of the archive at ``db_path``; use as a context manager.

    After :meth:`acquire`, :attr:`stale_holder` describes the previous holder
    when it died without releasing the lock (None after a clean release).
    """

    db_path: Path
    stale_holder: dict[str, Any] | None = None
    _handle: IO[str] | None = None

    @property
    def path(self) -> Path:
        return Path(f"{self.db_path}.lock")

    def acquire(self) -> CrawlLock:
        """Take the lock or raise :class:`LockHeld` at once (never waits)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        except OSError as exc:  # a read-only folder or file system: the archive cannot be written
            raise ArchiveReadOnlyError(
                f"cannot write the lock file {self.path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(handle)
            handle.close()
            raise LockHeld(self.path, holder) from None
        # Locked; whatever the file still says was written by a holder that never released it.
        self.stale_holder = _read_holder(handle) or None
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        }))
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        """Empty the lock file (a clean release) and unlock it."""
        if self._handle is None:
            return
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.flush()
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> CrawlLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_holder(handle: IO[str]) -> dict[str, Any]:
    handle.seek(0)
    text = handle.read().strip()
    if not text:
        return {}
    try:
        holder = json.loads(text)
    except ValueError:
        return {"raw": text[:200]}
    return holder if isinstance(holder, dict) else {"raw": text[:200]}
