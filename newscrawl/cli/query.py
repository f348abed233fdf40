"""Commands that read the archive: ``search``, ``stories``, ``story``, ``matches``, ``export``,
``stats``, plus ``reindex`` (rebuild the search indexes) and ``serve`` (Datasette)."""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newscrawl.cli.errors import fail
from newscrawl.cli.options import (
    archive_errors,
    db_option,
    emit_rows,
    output_options,
    progress,
    stdout_is_terminal,
)

if TYPE_CHECKING:  # the archive (sqlite-utils, and numpy through it) loads in the command that runs
    from newscrawl.archive import Archive
    from newscrawl.archive.queries import ArticleFilters

_DAY = click.DateTime(formats=["%Y-%m-%d"])
_HIT = re.compile(r"\[([^\[\]]+)\]")
#: Days listed by ``stats`` by default: the latest ones that have articles.
_ACTIVE_DAYS = 14


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Article filters shared by ``search`` and ``export``."""
    options = [
        click.option("--lang", "languages", multiple=True, help="Only this language: en, fr, nl (repeatable)."),
        click.option("--source", "sources", multiple=True, help="Only this source (repeatable)."),
        click.option("--since", type=_DAY, help="Published on or after this day (YYYY-MM-DD)."),
        click.option("--until", type=_DAY, help="Published on or before this day (YYYY-MM-DD)."),
        click.option("--team", help="Only articles on matches of this team (id or any name)."),
        click.option("--competition", help="Only articles on matches of this competition (id or name)."),
        click.option("--type", "article_types", multiple=True,
                     help="Only this article type, e.g. preview, report, reaction (repeatable)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(languages: tuple[str, ...], sources: tuple[str, ...], since: datetime | None,
             until: datetime | None, team: str | None, competition: str | None,
             article_types: tuple[str, ...]) -> ArticleFilters:
    from newscrawl.archive import queries

    return queries.ArticleFilters(
        languages=list(languages), sources=list(sources), since=_day(since), until=_day(until),
        team=team, competition=competition, article_types=list(article_types),
    )


def _reader(db_path: Path) -> Archive:
    from newscrawl.archive import Archive

    return Archive(db_path, readonly=True)


@click.command()
@click.argument("query")
@db_option
@_filter_options
@click.option("--limit", default=20, show_default=True, help="Most results to print.")
@output_options
@archive_errors
def search(query: str, db_path: Path, languages: tuple[str, ...], sources: tuple[str, ...],
           since: datetime | None, until: datetime | None, team: str | None, competition: str | None,
           article_types: tuple[str, ...], limit: int, as_json: bool, as_csv: bool) -> None:
    """Full-text search of titles and bodies, best match first.

    Accents are optional and words match in any inflection ("egalise" finds
    "égalisation", "gelijkspel" finds "gelijkspelen"). Use "quotes" for a
    phrase, word* for a prefix, OR / NOT between words.

    Example:

        newscrawl search "Mbemba égalise" --lang fr --since 2024-05-01 --json
    """
    from newscrawl.archive import queries

    filters = _filters(languages, sources, since, until, team, competition, article_types)
    rows = queries.search(_reader(db_path).db.conn, query, filters, limit=limit)
    if as_json or as_csv:
        emit_rows(rows, queries.SEARCH_COLUMNS, as_json, as_csv)
        return
    if not rows:
        click.echo(f"no article matches {query[:80]!r}{'…' if len(query) > 80 else ''}")
        return
    color = stdout_is_terminal()
    for rank, row in enumerate(rows, 1):
        where = "  ".join(str(v) for v in (row["language"], row["source"], (row["published_at"] or "")[:16],
                                           row["article_type"] or "") if v)
        story = f"  story {row['story_id']}" if row["story_id"] else ""
        click.echo(click.style(f"{rank:>2}. {row['title']}", bold=color) + f"  ({where}{story})")
        snippet = row["snippet"]
        if color:
            snippet = _HIT.sub(lambda m: click.style(m.group(1), fg="yellow", bold=True), snippet)
        click.echo(f"    {snippet}")
        click.echo(f"    {row['url']}")


@click.command()
@db_option
@click.option("--team", help="Only stories on this team's matches (id or any name).")
@click.option("--competition", help="Only stories in this competition (id or name).")
@click.option("--since", type=_DAY, help="Only stories with an article on or after this day.")
@click.option("--lang", "language", help="Only stories with an article in this language.")
@click.option("--limit", default=20, show_default=True, help="Most stories to print.")
@output_options
@archive_errors
def stories(db_path: Path, team: str | None, competition: str | None, since: datetime | None,
            language: str | None, limit: int, as_json: bool, as_csv: bool) -> None:
    """Latest stories: each match with its score, the languages covering it and its article count.

    Example:

        newscrawl stories --competition "Europa League" --limit 5
    """
    from newscrawl.archive import queries

    rows = queries.stories(_reader(db_path).db.conn, limit=limit, team=team, competition=competition,
                           since=_day(since), language=language)
    emit_rows(rows, queries.STORY_COLUMNS, as_json, as_csv)


@click.command()
@click.argument("story_id", type=int)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the story as one JSON object.")
@archive_errors
def story(story_id: int, db_path: Path, as_json: bool) -> None:
    """One story: its match, then its articles grouped by type and language, with links.

    Example:

        newscrawl story 12
    """
    from newscrawl.archive import queries

    data = queries.story(_reader(db_path).db.conn, story_id)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    if data["merged_from"] is not None:
        click.echo(f"story {data['merged_from']} was merged into story {data['id']}")
    facts = ", ".join(str(v) for v in (
        data["competition"], data["stage"], f"leg {data['leg']}" if data["leg"] else None, data["kickoff_date"],
    ) if v)
    click.echo(click.style(f"Story {data['id']}: {data['match']} {data['score']}".rstrip(),
                           bold=stdout_is_terminal()) + (f"  ({facts})" if facts else ""))
    if data["headline"]:
        click.echo(data["headline"])
    click.echo(f"languages: {', '.join(data['languages']) or '-'}   articles: {data['article_total']}")
    for leg in data["other_legs"]:
        score = f" {leg['score_home']}-{leg['score_away']}" if leg["score_home"] is not None else ""
        click.echo(f"other leg: story {leg['story_id']} (leg {leg['leg']}, {leg['kickoff_date']}{score})")
    current = None
    for group in data["groups"]:
        if group["type"] != current:
            current = group["type"]
            click.echo(f"\n{current}")
        for article in group["articles"]:
            when = (article["published_at"] or "")[:16].replace("T", " ")
            click.echo(f"  {group['language']}  {when:16}  {article['source'] or '-':<16} {article['title']}")
            click.echo(f"      {article['canonical_url'] or article['url']}")


@click.command()
@db_option
@click.option("--team", help="Only this team's matches (id or any name).")
@click.option("--competition", help="Only this competition (id or name).")
@click.option("--since", type=_DAY, help="Kick-off on or after this day.")
@click.option("--until", type=_DAY, help="Kick-off on or before this day.")
@click.option("--limit", default=50, show_default=True, help="Most matches to print.")
@output_options
@archive_errors
def matches(db_path: Path, team: str | None, competition: str | None, since: datetime | None,
            until: datetime | None, limit: int, as_json: bool, as_csv: bool) -> None:
    """Matches in the archive, latest first, with their story and article count.

    Example:

        newscrawl matches --team marseille --since 2024-04-01
    """
    from newscrawl.archive import queries

    rows = queries.matches(_reader(db_path).db.conn, team=team, competition=competition,
                           since=_day(since), until=_day(until), limit=limit)
    emit_rows(rows, queries.MATCH_COLUMNS, as_json, as_csv)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="JSON lines (JSON columns kept as JSON) or CSV with a header row.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@_filter_options
@archive_errors
def export(db_path: Path, fmt: str, output: Path | None, languages: tuple[str, ...],
           sources: tuple[str, ...], since: datetime | None, until: datetime | None, team: str | None,
           competition: str | None, article_types: tuple[str, ...]) -> None:
    """Export articles (all columns, body included) as JSON lines or CSV.

    Progress is drawn on stderr when it is a terminal.

    Example:

        newscrawl export --format csv --lang nl --since 2024-05-01 -o nl.csv
    """
    from newscrawl.archive import queries

    conn = _reader(db_path).db.conn
    filters = _filters(languages, sources, since, until, team, competition, article_types)
    total = queries.count_articles(conn, filters)
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        writer = csv.DictWriter(stream, fieldnames=queries.EXPORT_COLUMNS) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        with progress(total, "exporting") as step:
            for row in queries.export_articles(conn, filters):
                if writer:
                    writer.writerow({k: _csv_value(v) for k, v in row.items()})
                else:
                    stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                step(1)
    finally:
        if output:
            stream.close()
    if output:
        click.echo(f"exported {total} articles to {output}", err=True)


def _csv_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


@click.command()
@db_option
@click.option("--days", type=int, help="Count per calendar day over this many days up to the newest "
              "article (default: the 14 latest days that have articles).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@archive_errors
def stats(db_path: Path, days: int | None, as_json: bool) -> None:
    """Articles per source, language and day, duplicates, the last crawl runs.

    Example:

        newscrawl stats --db football.db --days 7
    """
    from newscrawl.archive import queries
    from newscrawl.archive.stats import articles_per_day

    conn = _reader(db_path).db.conn
    data = queries.stats(conn, days=days or _ACTIVE_DAYS)
    if days is None:
        # An archive crawled now and then has long gaps: a calendar window would print empty days.
        data["by_day"] = {day: sum(n.values()) for day, n in articles_per_day(conn)[-_ACTIVE_DAYS:]}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"articles: {data['articles']}  stories: {data['stories']}  undated: {data['undated']}  "
               f"duplicate URLs folded in: {data['duplicate_urls']}"
               + (f" ({_pairs(data['duplicates_by_kind'].items())})" if data["duplicates_by_kind"] else ""))
    click.echo("by language: " + _pairs(data["by_language"].items()))
    click.echo("by source:   " + _pairs(data["by_source"].items()))
    shown = sum(data["by_day"].values())
    what = f"last {days} days" if days else f"the {len(data['by_day'])} latest days with articles"
    click.echo(f"by day: {what}, {shown} of {data['articles']} articles")
    peak = max(data["by_day"].values(), default=0) or 1
    for day, n in data["by_day"].items():
        click.echo(f"  {day}  {n:>6}  {'#' * round(40 * n / peak)}")
    click.echo("last runs:")
    emit_rows(data["last_runs"], ["id", "started_at", "status", "requests", "pages", "articles_new",
                                   "articles_updated", "duplicates", "dropped", "errors"], False, False)


def _pairs(items: Iterable[tuple[Any, Any]]) -> str:
    return ", ".join(f"{k}={v}" for k, v in items) or "-"


@click.command()
@db_option
@archive_errors
def reindex(db_path: Path) -> None:
    """Rebuild the full-text (stemmed) index from the stored articles.

    Needed after changing the stemming rules; progress is drawn on stderr when
    it is a terminal.

    Example:

        newscrawl reindex --db football.db
    """
    from newscrawl.archive import Archive
    from newscrawl.archive import search as fts

    archive = Archive(db_path)
    started = time.monotonic()
    total = archive.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    with archive.transaction(), progress(total, "reindexing") as step:
        done = fts.rebuild(archive.db.conn, progress=step)
    archive.close()
    click.echo(f"reindexed {done} articles in {time.monotonic() - started:.1f}s", err=True)


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--live", is_flag=True,
              help="Open the file read-only but not immutable, to browse while a crawl writes.")
@archive_errors
def serve(db_path: Path, host: str, port: int, live: bool) -> None:
    """Browse the archive in Datasette: facets, full-text search, story timelines.

    Read-only: the archive is opened immutable (or read-only with --live); canned
    queries: latest_stories, story_timeline, team_matches.

    Example:

        newscrawl serve --db football.db --port 8001
    """
    from newscrawl.archive import Archive
    from newscrawl.datasette import DatasetteMissingError, run_datasette

    Archive(db_path, readonly=True).close()  # a clear error for a missing or corrupt file
    try:
        run_datasette(db_path, host=host, port=port, immutable=not live)
    except DatasetteMissingError as exc:
        fail(exc)


COMMANDS = [search, stories, story, matches, export, stats, reindex, serve]
