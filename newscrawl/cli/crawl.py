"""``newscrawl crawl``: run a crawl into the archive; ``newscrawl sources check``: try a source's listings."""

from __future__ import annotations

import functools
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newscrawl.cli.errors import fail
from newscrawl.cli.options import db_option, parse_override
from newscrawl.errors import ArchiveError, ConfigError, LockHeld, NewscrawlError, RegistryError
from newscrawl.runs.exit_codes import ExitCode

if TYPE_CHECKING:  # Scrapy and the archive load in the command that runs, not at `newscrawl --help`
    from newscrawl.runs.crawl import CrawlSummary
    from newscrawl.runs.lock import CrawlLock

#: First port of the demo sites with ``--demo`` (one port per site, in name order).
DEMO_BASE_PORT = 8731


@click.command()
@db_option
@click.option("--source", "sources", multiple=True, help="Crawl only this source (repeatable).")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help="Sources registry file.")
@click.option("--demo", is_flag=True, help="Serve the embedded demo news web on 127.0.0.1 and crawl it.")
@click.option("--since", type=click.DateTime(), help="Skip feed/sitemap entries older than this (UTC).")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.option("--max-runtime", type=click.FloatRange(min=1), metavar="SECONDS",
              help="Stop gracefully after this long (like SIGTERM); the run is recorded as interrupted.")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the log here (size-rotated) instead of stderr; stdout keeps the one-line summary.")
@click.option("--log-max-bytes", default=5_000_000, show_default=True, help="Rotate the log file at this size.")
@click.option("--log-backups", default=5, show_default=True, help="Rotated log files kept.")
@click.option("--demo-port", default=DEMO_BASE_PORT, show_default=True,
              help="With --demo: first port of the demo sites (fixed ports keep URLs stable across runs; 0: any).")
@click.option("--redis", "redis_url", metavar="URL",
              help="Crawl as a shared crawl on this Redis: coordinator here, --workers local worker processes.")
@click.option("--workers", default=2, show_default=True, help="With --redis: worker processes to start here.")
def crawl(
    db_path: Path,
    sources: tuple[str, ...],
    registry: Path | None,
    demo: bool,
    since: datetime | None,
    overrides: tuple[str, ...],
    as_json: bool,
    max_runtime: float | None,
    log_file: Path | None,
    log_max_bytes: int,
    log_backups: int,
    demo_port: int,
    redis_url: str | None,
    workers: int,
) -> None:
    """Crawl sources' feeds, sitemaps and sections into the archive.

    Incremental: stored articles are fetched again only when a feed or sitemap
    says they changed. One crawl per archive at a time (exit 75 when another
    holds the lock). Exit codes: 0 ok, 1 failed, 2 configuration error,
    3 partial (some fetches failed), 4 archive error, 5 interrupted, 75 locked
    (docs/cron.md).

    Example:

        newscrawl crawl --db football.db --max-runtime 840 --log-file crawl.log
    """
    from newscrawl.runs.lock import CrawlLock

    try:
        # the lock first: a run that cannot start says only that, before a demo web or a registry is read
        with CrawlLock(db_path) as lock:
            summary = _crawl(db_path, lock, sources, registry, demo, since, overrides, demo_port,
                             redis_url=redis_url, workers=workers, max_runtime=max_runtime, log_file=log_file, log_max_bytes=log_max_bytes,
                             log_backups=log_backups)
    except LockHeld as exc:
        fail(exc, "newscrawl: not started: ")
    except ArchiveError as exc:
        fail(exc, "archive error: ")
    except (ConfigError, OSError) as exc:
        # OSError: e.g. a demo port already taken, a log file that cannot be written
        fail(exc, "configuration error: ")
    except NewscrawlError as exc:  # e.g. Redis unreachable for --redis
        fail(exc, "newscrawl: ")
    if as_json:
        click.echo(json.dumps(summary.to_dict(), sort_keys=True))
    else:
        click.echo(summary.one_line())
    sys.exit(summary.exit_code)


def _crawl(db_path: Path, lock: CrawlLock, sources: tuple[str, ...], registry: Path | None, demo: bool,
           since: datetime | None, overrides: tuple[str, ...], demo_port: int, *, redis_url: str | None,
           workers: int, **options: Any) -> CrawlSummary:
    from newscrawl.runs.crawl import crawl_settings, run_crawl
    from newscrawl.sources import load_registry

    runner: Any = run_crawl
    if redis_url:  # a shared crawl with local workers (docs/scale-out.md)
        from newscrawl.scale.local import crawl_with_workers

        runner = functools.partial(crawl_with_workers, redis_url=redis_url, workers=workers)
    run = functools.partial(runner, db_path, source_names=sources, lock=lock,
                            since=since and since.replace(tzinfo=UTC), **options)
    settings = dict(parse_override(o) for o in overrides)
    crawl_settings(db_path, settings)  # a bad --set value is a configuration error before the demo web starts
    if not demo:
        return run(load_registry(registry), settings=settings)
    from newscrawl.demo.server import DemoWeb

    web = DemoWeb(base_port=demo_port)
    try:
        web.start()
    except OSError as exc:
        click.echo(f"newscrawl: demo ports from {demo_port} busy ({exc}); using free ports, "
                   "so this run cannot reuse the crawl state of earlier demo runs", err=True)
        web = DemoWeb()
        web.start()
    try:
        return run(web.registry(), settings={**DEMO_SETTINGS, **settings})
    finally:
        web.stop()


@click.group()
def sources() -> None:
    """Work with the sources registry: check a source before crawling it.

    Example:

        newscrawl sources check bbc-sport
    """


@sources.command()
@click.argument("name", required=False)
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help="Sources registry file.")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds allowed per request.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per source.")
def check(name: str | None, registry: Path | None, timeout: float, as_json: bool) -> None:
    """Fetch a source's feeds, sitemaps and sections once; report entries, newest date, status, errors.

    Checks every source of the registry when NAME is left out. Nothing is
    stored. Exit code 0 when every listing answered with entries, 3 otherwise,
    2 for a registry error.

    Example:

        newscrawl sources check pitchside-news --registry my-sources.toml
    """
    from newscrawl.runs.crawl import crawl_settings
    from newscrawl.sources import load_registry
    from newscrawl.sources.check import check_source

    try:
        chosen = load_registry(registry).select([name] if name else [])
    except RegistryError as exc:
        fail(exc, "configuration error: ")
    agent = crawl_settings(":memory:").get("USER_AGENT")
    all_ok = True
    for source in chosen:
        result = check_source(source, user_agent=agent, timeout=timeout)
        all_ok = all_ok and result.ok
        if as_json:
            click.echo(json.dumps(result.to_dict(), sort_keys=True))
            continue
        click.echo(f"{source.name}: {'ok' if result.ok else 'PROBLEMS'}")
        for c in result.listings:
            robots = "" if c.robots_allowed is not False else "  DISALLOWED by robots.txt"
            found = f"{c.entries} entries ({c.accepted} accepted)" + (
                f", {c.child_sitemaps} sitemaps" if c.child_sitemaps else "")
            click.echo(f"  {c.kind:<8} {c.status or '-':>3}  {found}, newest {c.newest or '-'}"
                       f"{f'  ERROR {c.error}' if c.error else ''}{robots}  {c.url}")
    sys.exit(ExitCode.OK if all_ok else ExitCode.PARTIAL)


#: Loopback demo sites answer at once: no need to wait between requests.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
}



COMMANDS = [crawl, sources]
