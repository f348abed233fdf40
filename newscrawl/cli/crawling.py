"""``newscrawl crawl``: run a crawl into the archive."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from newscrawl import crawl as crawling
from newscrawl.cli.options import db_option, parse_override
from newscrawl.sources import RegistryError, load_registry
from newscrawl.storage import ArchiveError


@click.command()
@db_option
@click.option("--source", "sources", multiple=True, help="Crawl only this source (repeatable).")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help="Sources registry file.")
@click.option("--demo", is_flag=True, help="Serve the embedded demo news web on 127.0.0.1 and crawl it.")
@click.option("--since", type=click.DateTime(), help="Skip feed/sitemap entries older than this (UTC).")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
def crawl(
    db_path: Path,
    sources: tuple[str, ...],
    registry: Path | None,
    demo: bool,
    since: datetime | None,
    overrides: tuple[str, ...],
    as_json: bool,
) -> None:
    """Crawl sources' feeds, sitemaps and sections into the archive.

    Example:

        newscrawl crawl --source bbc-sport --db football.db
    """
    try:
        settings = dict(parse_override(o) for o in overrides)
        if demo:
            from newscrawl.demo.server import DemoWeb

            with DemoWeb() as web:
                settings = {**DEMO_SETTINGS, **settings}
                summary = crawling.run_crawl(db_path, web.registry(), sources, since=since, settings=settings)
        else:
            summary = crawling.run_crawl(
                db_path, load_registry(registry), sources, since=since and since.replace(tzinfo=UTC),
                settings=settings,
            )
    except RegistryError as exc:
        click.echo(f"configuration error: {exc}", err=True)
        sys.exit(crawling.EXIT_CONFIG)
    except ArchiveError as exc:
        click.echo(f"archive error: {exc}", err=True)
        sys.exit(crawling.EXIT_ARCHIVE)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), sort_keys=True))
    else:
        click.echo(summary.one_line())
    sys.exit(summary.exit_code)


#: Loopback demo sites answer at once: no need to wait between requests.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    "LOG_LEVEL": "WARNING",
}



COMMANDS = [crawl]
