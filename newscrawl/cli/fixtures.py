"""``newscrawl fixtures import FILE``: known fixtures (openfootball football.json) as story evidence."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from newscrawl.cli.errors import fail
from newscrawl.cli.options import archive_errors, db_option
from newscrawl.errors import FixturesFileError


@click.group()
def fixtures() -> None:
    """Known fixtures (who plays whom on which day, and the result) used to group stories.

    Example:

        newscrawl fixtures import 2023-24/en.1.json --db football.db
    """


@fixtures.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--competition", help="Competition id of every match (default: read from the file's name).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@archive_errors
def import_command(file: Path, db_path: Path, competition: str | None, as_json: bool) -> None:
    """Read an openfootball football.json season file into the ``fixtures`` table.

    Team names map through the gazetteer; names it does not know are counted and reported, their
    matches skipped. Stored articles of the imported pairs are grouped again.

    Example:

        newscrawl fixtures import 2023-24/fr.1.json --db football.db
    """
    from newscrawl.archive import Archive  # imported here: the archive loads numpy, --help must not
    from newscrawl.runs.fixtures import import_fixtures

    archive = Archive(db_path)
    try:
        report = import_fixtures(archive, file, competition=competition)
    except FixturesFileError as exc:
        fail(exc)
    finally:
        archive.close()
    if as_json:
        click.echo(json.dumps(asdict(report), sort_keys=True, ensure_ascii=False))
        return
    click.echo(f"{report.matches} matches read ({report.competition or 'competition unknown'}): "
               f"{report.new} new, {report.updated} updated, {report.skipped} skipped; "
               f"{report.regrouped_articles} stored articles grouped again")
    for name, count in report.unknown_teams.items():
        click.echo(f"unknown team {name!r} ({count} matches)", err=True)


COMMANDS = [fixtures]
