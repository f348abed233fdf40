"""``newscrawl extract``: parse saved pages without crawling."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from newscrawl import crawl as crawling


@click.command()
@click.argument("page", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="URL the page was fetched from (needed for a single page).")
@click.option("--jsonl", is_flag=True, help='Read {"url": ..., "path": ...} lines on stdin.')
@click.option("--timezone", "tz", default="UTC", show_default=True, help="Time zone for dates without offset.")
def extract(page: Path | None, url: str | None, jsonl: bool, tz: str) -> None:
    """Parse saved article pages without crawling; print JSON.

    Example:

        newscrawl extract page.html --url https://example.com/sport/report.html

        printf '{"url": "https://example.com/a", "path": "a.html"}\\n' | newscrawl extract --jsonl
    """
    from newscrawl.extraction import extract_file

    if jsonl:
        for line_number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                request = json.loads(line)
                result = extract_file(Path(request["path"]), request["url"], tz=request.get("timezone", tz))
            except Exception as exc:  # one bad line must not end the batch
                result = {"url": _safe_get(line, "url"), "error": f"line {line_number}: {type(exc).__name__}: {exc}"}
            click.echo(json.dumps(result, ensure_ascii=False))
        return
    if page is None or not url:
        raise click.UsageError("give a PAGE and --url, or --jsonl with lines on stdin")
    result = extract_file(page, url, tz=tz)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    if "error" in result:
        sys.exit(crawling.EXIT_FAILED)


def _safe_get(line: str, key: str) -> Any:
    try:
        return json.loads(line).get(key)
    except (ValueError, AttributeError):
        return None



COMMANDS = [extract]
