"""Commands that read the archive: ``search``, ``stats``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from newscrawl.cli.options import archive_errors, db_option, emit_rows, output_options
from newscrawl.storage import Archive


@click.command()
@click.argument("query")
@db_option
@click.option("--lang", "language", help="Only articles in this language (en, fr, nl).")
@click.option("--limit", default=20, show_default=True, help="Most rows to print.")
@output_options
@archive_errors
def search(query: str, db_path: Path, language: str | None, limit: int, as_json: bool, as_csv: bool) -> None:
    """Full-text search of titles and bodies (accents optional), best match first.

    Example:

        newscrawl search "Mbemba égalise" --lang fr --json
    """
    archive = Archive(db_path, readonly=True)
    rows = archive.search(query, language=language, limit=limit)
    emit_rows(rows, ["id", "published_at", "language", "source", "title", "snippet"], as_json, as_csv)


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@archive_errors
def stats(db_path: Path, as_json: bool) -> None:
    """Articles per language and source, duplicates, the last crawl runs.

    Example:

        newscrawl stats --db football.db
    """
    data = Archive(db_path, readonly=True).stats()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"articles: {data['articles']}  (duplicate URLs folded in: {data['duplicate_urls']})")
    click.echo("by language: " + _pairs(data["by_language"].items()))
    click.echo("by source:   " + _pairs(data["by_source"].items()))
    click.echo("last runs:")
    emit_rows(data["last_runs"], ["id", "started_at", "status", "requests", "pages", "articles_new",
                                   "articles_updated", "duplicates", "dropped", "errors"], False, False)


def _pairs(items: Iterable[tuple[Any, Any]]) -> str:
    return ", ".join(f"{k}={v}" for k, v in items) or "-"



COMMANDS = [search, stats]
