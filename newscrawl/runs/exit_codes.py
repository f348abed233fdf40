"""Exit codes of the ``newscrawl`` commands (documented in docs/cron.md)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a command's exit status says."""

    OK = 0
    """Every fetch succeeded (or was skipped on purpose)."""
    FAILED = 1
    """Nothing could be fetched, the crawl crashed, or a page could not be parsed."""
    CONFIG = 2
    """Bad registry, source name, option, setting or query filter."""
    PARTIAL = 3
    """Finished, but some fetches (or input lines) failed."""
    ARCHIVE = 4
    """The archive cannot be opened or written."""
    INTERRUPTED = 5
    """Stopped by SIGTERM/SIGINT or --max-runtime; what was stored stays."""
    LOCKED = 75
    """EX_TEMPFAIL: another run holds the lock, try again later."""
