"""``newscrawl coordinate`` / ``worker`` (a shared crawl on Redis) and ``backfill`` (WARC files on Dask)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newscrawl.cli.errors import fail
from newscrawl.cli.options import db_option, parse_override
from newscrawl.errors import NewscrawlError

if TYPE_CHECKING:  # Scrapy, Redis and Dask load in the command that runs, not at `newscrawl --help`
    from newscrawl.runs.crawl import CrawlSummary

redis_option = click.option("--redis", "redis_url", required=True, metavar="URL", envvar="NEWSCRAWL_REDIS",
                            help="Redis of the shared crawl, e.g. redis://127.0.0.1:6379/0 (env NEWSCRAWL_REDIS).")
prefix_option = click.option("--prefix", default="newscrawl", show_default=True,
                             help="Key prefix in Redis (one per shared crawl).")


def _report(summary: CrawlSummary, as_json: bool) -> None:
    click.echo(json.dumps(summary.to_dict(), sort_keys=True) if as_json else summary.one_line())
    sys.exit(summary.exit_code)


@click.command()
@redis_option
@db_option
@prefix_option
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help="Sources registry file.")
@click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting (workers too).")
@click.option("--max-runtime", type=click.FloatRange(min=1), metavar="SECONDS",
              help="Stop waiting after this long; the run is recorded as interrupted.")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), help="Write the log here.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
def coordinate(redis_url: str, db_path: Path, prefix: str, registry: Path | None, sources: tuple[str, ...],
               overrides: tuple[str, ...], max_runtime: float | None, log_file: Path | None, as_json: bool) -> None:
    """Run one round of a shared crawl: push one job per source, write what workers send into the archive.

    The single writer of the archive (it holds its lock): dedup, stories and
    store run here, through the same pipelines as `newscrawl crawl`. Start
    workers with `newscrawl worker` on any machine that reaches Redis. Exit
    codes and summary as for `newscrawl crawl` (3 also when a worker died
    holding a job: its sources are fetched in full next round).

    Example:

        newscrawl coordinate --redis redis://10.0.0.5:6379/0 --db football.db
    """
    from newscrawl.runs.crawl import configure_logging
    from newscrawl.scale.coordinator import run_round
    from newscrawl.sources import load_registry

    try:
        configure_logging(log_file)
        settings = dict(parse_override(o) for o in overrides)
        summary = run_round(redis_url, db_path, load_registry(registry), sources, prefix=prefix,
                            settings=settings, max_runtime=max_runtime)
    except NewscrawlError as exc:
        fail(exc, "newscrawl: ")
    _report(summary, as_json)


@click.command()
@redis_option
@prefix_option
@click.option("--name", help="Worker name in Redis (default: host-pid).")
@click.option("--max-jobs", type=click.IntRange(min=1), help="Exit after this many source jobs.")
@click.option("--idle-exit", type=click.FloatRange(min=1), metavar="SECONDS",
              help="Exit after waiting this long without a job.")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), help="Write the log here.")
def worker(redis_url: str, prefix: str, name: str | None, max_jobs: int | None, idle_exit: float | None,
           log_file: Path | None) -> None:
    """Crawl source jobs of a shared crawl until stopped (SIGTERM finishes the current job first).

    Each job is one source, crawled with the news spider and the pipelines that
    need no archive (clean, language, dates); items and crawl state go to the
    coordinator through Redis. Run as many as you like, on any host.

    Example:

        newscrawl worker --redis redis://10.0.0.5:6379/0
    """
    from newscrawl.runs.crawl import configure_logging
    from newscrawl.scale.worker import Worker

    try:
        configure_logging(log_file)
        done = Worker(redis_url, prefix=prefix, name=name, max_jobs=max_jobs, idle_exit=idle_exit).run()
    except NewscrawlError as exc:
        fail(exc, "newscrawl: ")
    click.echo(f"newscrawl worker: {done} jobs done")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help="Sources registry file.")
@click.option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler (default: a LocalCluster here).")
@click.option("--workers", default=2, show_default=True, help="LocalCluster worker processes.")
@click.option("--all-football", is_flag=True,
              help="Also take hosts outside the registry when the URL names a football section.")
@click.option("--shards", "shard_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the per-WARC shards and markers (default: DB.backfill/).")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
def backfill(files: tuple[Path, ...], db_path: Path, registry: Path | None, scheduler: str | None, workers: int,
             all_football: bool, shard_dir: Path | None, as_json: bool) -> None:
    """Backfill the archive from WARC files (e.g. CC-NEWS), parsed on Dask, one task per file.

    Hosts are mapped to registry sources; pages go through the crawl's own
    pipelines, and this process writes them in the order the files are given.
    Run it again after a stop: ingested files are skipped, parsed ones not
    parsed again. Exit codes and summary as for `newscrawl crawl`.

    Example:

        newscrawl backfill CC-NEWS-20240502*.warc.gz --db football.db --scheduler tcp://10.0.0.5:8786
    """
    from newscrawl.scale.backfill import run_backfill
    from newscrawl.sources import load_registry

    try:
        summary = run_backfill(files, db_path, load_registry(registry), scheduler=scheduler, workers=workers,
                               all_football=all_football, shard_dir=shard_dir)
    except NewscrawlError as exc:
        fail(exc, "newscrawl: ")
    _report(summary, as_json)


COMMANDS = [coordinate, worker, backfill]
