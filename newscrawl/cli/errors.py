"""Named failures -> message and exit code: the one place the command line maps errors."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from newscrawl.errors import ArchiveError, ConfigError, LockHeld, NewscrawlError, QueryError
from newscrawl.runs.exit_codes import ExitCode

#: The exit code of each error, most specific first (the first ``isinstance`` match wins).
EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (LockHeld, ExitCode.LOCKED),
    (ArchiveError, ExitCode.ARCHIVE),
    (ConfigError, ExitCode.CONFIG),
    (QueryError, ExitCode.CONFIG),
    (NewscrawlError, ExitCode.FAILED),
    # a demo port already taken, a log file that cannot be written: the setup is wrong
    (OSError, ExitCode.CONFIG),
)


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code of ``error`` from :data:`EXIT_CODES` (FAILED for anything else)."""
    return next((code for kind, code in EXIT_CODES if isinstance(error, kind)), ExitCode.FAILED)


def fail(error: BaseException, prefix: str = "error: ") -> NoReturn:
    """Print ``<prefix><error>`` on stderr and exit with the error's code."""
    click.echo(f"{prefix}{error}", err=True)
    sys.exit(exit_code_for(error))
