"""Options and output shared by the ``newscrawl`` commands."""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from newscrawl.cli.errors import fail
from newscrawl.errors import ArchiveError, ConfigError, QueryError

DEFAULT_DB = "newscrawl.db"


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--db PATH``, shared by every command that reads or writes the archive."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        envvar="NEWSCRAWL_DB",
        help="SQLite archive file (env NEWSCRAWL_DB).",
    )(func)


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--json`` / ``--csv``: machine-readable output instead of a table."""
    func = click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row.")(func)
    return click.option("--json", "as_json", is_flag=True, help="Print JSON lines, one object per row.")(func)


def archive_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn archive errors into a message and exit code 4, and query and configuration errors
    (unknown team, missing story, a costly search, a bad ``--set`` value) into a message and
    exit code 2, instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ArchiveError, QueryError, ConfigError) as exc:
            fail(exc)

    return wrapper


def emit_rows(rows: list[dict[str, Any]], columns: list[str], as_json: bool, as_csv: bool) -> None:
    """Rows as JSON lines, CSV, or an aligned table for people."""
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        click.echo("(no rows)")
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for r in cells:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)))


def _cell(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def parse_override(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` from ``--set`` as a pair; a usage error (exit 2) otherwise."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"--set wants NAME=VALUE, got {text!r}")
    return name.strip(), value.strip()


def stdout_is_terminal() -> bool:
    """Whether output goes to a person (a terminal) rather than a pipe or file."""
    return sys.stdout.isatty()


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A ``step(n)`` callback drawing a progress bar on stderr, only when stderr is a terminal.

    Pipes and log files get nothing, so progress never mixes with data.
    """
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update
