"""``newscrawl extract``: parse saved pages without crawling."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from newscrawl.cli.options import archive_errors, db_option, parse_override
from newscrawl.runs.exit_codes import ExitCode


@click.command()
@click.argument("page", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="URL the page was fetched from (else the page's own canonical link).")
@click.option("--jsonl", is_flag=True, help='Read {"url": ..., "path": ...} lines on stdin.')
@click.option("--timezone", "tz", default="UTC", show_default=True, help="Time zone for dates without offset.")
@click.option("--max-size", "max_bytes", type=click.IntRange(min=0), metavar="BYTES",
              help="Largest page parsed (default: the crawl's DOWNLOAD_MAXSIZE, 8 MB; 0: no cap).")
def extract(page: Path | None, url: str | None, jsonl: bool, tz: str, max_bytes: int | None) -> None:
    """Parse saved article pages without crawling; print JSON.

    Example:

        newscrawl extract page.html --url https://example.com/sport/report.html

        printf '{"url": "https://example.com/a", "path": "a.html"}\\n' | newscrawl extract --jsonl

    With --jsonl, a line that fails gives an object with an "error" key and the
    exit code is 3 (partial), as for ``ingest``.
    """
    from newscrawl.runs.crawl import crawl_settings
    from newscrawl.runs.extract import extract_file

    if max_bytes is None:
        max_bytes = crawl_settings(":memory:").getint("DOWNLOAD_MAXSIZE")
    if jsonl:
        failed = 0
        for line_number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                request = json.loads(line)
                result = extract_file(Path(request["path"]), request.get("url"), tz=request.get("timezone", tz),
                                      max_bytes=max_bytes)
            except Exception as exc:  # one bad line must not end the batch
                result = {"url": _safe_get(line, "url"), "error": f"line {line_number}: {type(exc).__name__}: {exc}"}
            failed += "error" in result
            click.echo(json.dumps(result, ensure_ascii=False))
        sys.exit(ExitCode.PARTIAL if failed else ExitCode.OK)
    if page is None:
        raise click.UsageError("give a PAGE (and its --url if known), or --jsonl with lines on stdin")
    result = extract_file(page, url, tz=tz, max_bytes=max_bytes)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    if "error" in result:
        sys.exit(ExitCode.FAILED)


def _safe_get(line: str, key: str) -> Any:
    try:
        return json.loads(line).get(key)
    except (ValueError, AttributeError):
        return None



COMMANDS = [extract]


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--timezone", "tz", default="UTC", show_default=True,
              help="Time zone for dates without offset when a record has no 'timezone'.")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override a setting.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@archive_errors
def ingest(file: Path, db_path: Path, tz: str, overrides: tuple[str, ...], as_json: bool) -> None:
    """Run already-extracted articles (JSON lines) through the pipelines into the archive.

    Each line: {"url", "title", "body", "published_raw" or "published_at", "language"?, "source"?, "timezone"?}.

    Example:

        newscrawl ingest other-crawler.jsonl --db football.db
    """
    from newscrawl.runs.crawl import crawl_settings
    from newscrawl.runs.ingest import ingest as run_ingest
    from newscrawl.runs.ingest import known_zone, read_records

    if not known_zone(tz):
        raise click.BadParameter(f"unknown time zone {tz!r} (an IANA name, e.g. Europe/Paris)", param_hint="--timezone")

    settings = crawl_settings(db_path, dict(parse_override(o) for o in overrides))
    report = run_ingest(read_records(file), settings, default_tz=tz)
    if as_json:
        click.echo(json.dumps({k: v for k, v in asdict(report).items() if k != "stats"}, sort_keys=True))
    else:
        dropped = ", ".join(f"{k}={v}" for k, v in sorted(report.dropped.items())) or "none"
        click.echo(f"ingested {report.read} records: {report.stored} stored, {report.unchanged} unchanged, "
                   f"{report.duplicates} duplicates, dropped: {dropped}, {len(report.errors)} bad lines")
    for error in report.errors:
        click.echo(f"skipped {error}", err=True)
    sys.exit(ExitCode.PARTIAL if report.errors else ExitCode.OK)


COMMANDS.append(ingest)
