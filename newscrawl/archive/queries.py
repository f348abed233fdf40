"""Every read of the archive behind the query commands: search, stories, matches, export, stats.

Functions take a :class:`sqlite3.Connection` (read-only is enough) and return plain dicts for a
table, JSON or CSV; each query uses an index or the FTS5 index (``bench/query.py`` prints the plans).
A team or competition filter accepts its id ("marseille") or any name, accents or not ("OM"); a name
that matches nothing raises :class:`UnknownNameError` rather than silently returning no rows.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from newscrawl.archive import search as fts
from newscrawl.archive import search_query
from newscrawl.archive.stats import explain, full_scans, stats  # noqa: F401  (the read side, in one namespace)
from newscrawl.errors import NotFoundError, QueryError, QueryTooCostlyError, UnknownNameError  # noqa: F401  (raised here, defined with the others)


@dataclass
class ArticleFilters:
    """Filters shared by ``search`` and ``export``; ``None``/empty means no filter.

    ``since``/``until`` are inclusive days; teams and competitions select the
    articles of stories whose match involves them.
    """

    languages: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    since: date | None = None
    until: date | None = None
    team: str | None = None
    competition: str | None = None
    article_types: list[str] = field(default_factory=list)


SEARCH_COLUMNS = ["id", "published_at", "language", "source", "article_type", "story_id", "title",
                  "url", "snippet", "score"]


def _rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _json_list(value: str | None) -> list[str]:
    """A JSON array column, or a comma list written by hand, as a list."""
    if not value:
        return []
    try:
        parsed = json.loads(value)
    except ValueError:
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in parsed] if isinstance(parsed, list) else [str(parsed)]


def _in(column: str, values: list[str], params: list[Any]) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join('?' for _ in values)})"


# -- names -----------------------------------------------------------------------


def _resolve(conn: sqlite3.Connection, table: str, text: str, what: str) -> list[str]:
    wanted = fts.fold(text.strip())
    ids = [
        row_id
        for row_id, name, names in conn.execute(f"SELECT id, name, names FROM {table}")
        if wanted in {fts.fold_short(n) for n in [row_id, name or "", *_json_list(names)]}
    ]
    if not ids:
        raise UnknownNameError(f"no {what} called {text!r} in the archive (see the {table} table)")
    return ids


def resolve_team(conn: sqlite3.Connection, text: str) -> list[str]:
    """Ids of the teams whose id, name or alternative name is ``text`` (accents and case ignored)."""
    return _resolve(conn, "teams", text, "team")


def resolve_competition(conn: sqlite3.Connection, text: str) -> list[str]:
    """Ids of the competitions whose id, name or alternative name is ``text``."""
    return _resolve(conn, "competitions", text, "competition")


def _match_conditions(
    conn: sqlite3.Connection, team: str | None, competition: str | None, params: list[Any], alias: str = "m"
) -> list[str]:
    where = []
    if team:
        ids = resolve_team(conn, team)
        home = _in(f"{alias}.home_team", ids, params)
        away = _in(f"{alias}.away_team", ids, params)
        where.append(f"({home} OR {away})")
    if competition:
        where.append(_in(f"{alias}.competition", resolve_competition(conn, competition), params))
    return where


def _article_conditions(conn: sqlite3.Connection, filters: ArticleFilters, params: list[Any]) -> list[str]:
    where = []
    if filters.languages:
        where.append(_in("a.language", filters.languages, params))
    if filters.sources:
        where.append(_in("a.source", filters.sources, params))
    # since/until are the publisher's days: the date prefix of published_at (its local time) says it,
    # and the filter indexes lead with it; ordering by instant uses published_utc.
    if filters.since:
        where.append("a.published_at >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        where.append("a.published_at < ?")
        params.append((filters.until + timedelta(days=1)).isoformat())
    if filters.article_types:
        where.append(_in("a.article_type", filters.article_types, params))
    if filters.team or filters.competition:
        match_params: list[Any] = []
        conditions = _match_conditions(conn, filters.team, filters.competition, match_params)
        where.append(
            "a.story_id IN (SELECT s.id FROM stories s JOIN matches m ON m.id = s.match_id "
            f"WHERE {' AND '.join(conditions)})"
        )
        params.extend(match_params)
    return where


# -- search ----------------------------------------------------------------------


#: The ranking of search hits: bm25 with a title hit worth four body hits (facet tokens count nothing).
RANK = f"bm25({fts.TABLE}, 4.0, 1.0, 0.0)"
#: Only the newest this-many matches of a search are ranked by relevance.
RANK_WINDOW = 2_000
#: A filter matching at most this many articles is applied as a set of ids before ranking.
SELECTIVE_FILTER_ROWS = 50_000
#: Most stories a team or competition filter is searched through as facet terms (one each);
#: past it (a competition over years), the filter is checked per match instead.
MAX_STORY_TERMS = 1_000


def _facet_expression(conn: sqlite3.Connection, filters: ArticleFilters) -> tuple[str, bool]:
    """The FTS5 terms of the source and team/competition filters, and whether the team/competition
    one is among them (as the ids of its stories). Not the language: a third of the archive, its
    doclist would cost more to rank (bm25 walks every term's) than a check per match."""
    wanted: dict[str, list[Any]] = {"source": filters.sources}
    if filters.team or filters.competition:
        params: list[Any] = []
        conditions = _match_conditions(conn, filters.team, filters.competition, params)
        stories = [r[0] for r in conn.execute(
            f"SELECT s.id FROM matches m JOIN stories s ON s.match_id = m.id WHERE {' AND '.join(conditions)} "
            f"LIMIT {MAX_STORY_TERMS + 1}", params)]
        if len(stories) <= MAX_STORY_TERMS:
            wanted["story_id"] = stories or [0]  # no story: no article matches (ids start at 1)
    return fts.facet_terms(wanted), "story_id" in wanted


def search_sql(conn: sqlite3.Connection, query: str, filters: ArticleFilters, limit: int
               ) -> tuple[str, list[Any], search_query.QueryTerms]:
    """The SQL, parameters and parsed terms of a search (for :func:`search` and the benchmark).

    Only articles that pass the filters are scored (bm25, title weighted 4x), and
    only the best ``limit`` are read from ``articles``. Language, source and
    team/competition filters are facet terms of the FTS5 query (a team's: its
    stories), which FTS5 intersects with the words. A date or type filter matching
    at most :data:`SELECTIVE_FILTER_ROWS` articles becomes a set of ids: FTS5 walks
    only the rowid range they span (a month), each match checked against the set;
    a broader one is checked per match through ``idx_articles_search_filters``.
    """
    table = fts.TABLE
    terms = search_query.parse_query(query, filters.languages or None)
    facets, by_story = _facet_expression(conn, filters)
    expression = " AND ".join(e for e in (terms.expression, facets) if e) if terms.expression else '""'
    checked = replace(filters, team=None, competition=None) if by_story else filters
    filter_params: list[Any] = []
    conditions = _article_conditions(conn, checked, filter_params)
    # The source is in the FTS5 query already; a language is checked per match, the matches
    # being few once the words and facets are intersected.
    only_facets = all(c.startswith("a.source IN") for c in conditions)
    per_match = all(c.startswith(("a.source IN", "a.language IN")) for c in conditions)
    where = " AND ".join(conditions)
    params: list[Any] = [expression]
    # Newest matches first (rowids grow with time), and only the newest RANK_WINDOW of them are
    # scored: a news search wants recent reports, and it keeps common words from scoring 10^5 rows.
    window = f"ORDER BY {table}.rowid DESC LIMIT {RANK_WINDOW}"
    count, first, last = (SELECTIVE_FILTER_ROWS + 1, 0, 0) if per_match else conn.execute(
        f"SELECT count(*), min(id), max(id) FROM (SELECT a.id FROM articles a WHERE {where} "
        f"LIMIT {SELECTIVE_FILTER_ROWS + 1})", filter_params).fetchone()
    if only_facets:
        candidates = f"SELECT rowid AS id, {RANK} AS score FROM {table} WHERE {table} MATCH ? {window}"
    elif count <= SELECTIVE_FILTER_ROWS:
        # Unary +: not one FTS5 lookup per id (slow), but one walk from the first id to the last.
        candidates = (f"SELECT rowid AS id, {RANK} AS score FROM {table} WHERE {table} MATCH ? "
                      f"AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT a.id FROM articles a WHERE {where}) {window}")
        params += [first or 0, last or 0, *filter_params]
    else:
        candidates = (f"SELECT {table}.rowid AS id, {RANK} AS score FROM {table} "
                      f"JOIN articles a ON a.id = {table}.rowid WHERE {table} MATCH ? AND {where} {window}")
        params += filter_params
    ranked = f"SELECT id, score FROM ({candidates}) ORDER BY score LIMIT ?"
    params.append(limit)
    sql = ("SELECT a.id, a.published_at, a.language, a.source, a.article_type, a.story_id, a.title, "
           f"a.canonical_url AS url, a.body, hits.score FROM ({ranked}) AS hits JOIN articles a ON a.id = hits.id "
           "ORDER BY hits.score")
    return sql, params, terms


#: Seconds a search may run before it is stopped (Datasette's ``sql_time_limit_ms`` does the same in ``serve``).
SEARCH_TIME_BUDGET = 5.0
#: SQLite virtual-machine steps between two checks of the clock.
_BUDGET_CHECK_STEPS = 1_000


@contextlib.contextmanager
def time_budget(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt any statement of ``conn`` still running after ``seconds`` ("interrupted")."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _BUDGET_CHECK_STEPS)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)


def search(
    conn: sqlite3.Connection, query: str, filters: ArticleFilters | None = None, *, limit: int = 20,
    mark: tuple[str, str] = ("[", "]"), budget: float = SEARCH_TIME_BUDGET,
) -> list[dict[str, Any]]:
    """Articles matching ``query`` in any inflection, best first (bm25, title weighted 4x).

    A search still running after ``budget`` seconds is stopped: :class:`QueryTooCostlyError`.

    Each row has :data:`SEARCH_COLUMNS`; ``snippet`` is the body passage with
    the most hits, hits wrapped in ``mark``. An empty query matches nothing.
    """
    filters = filters or ArticleFilters()
    sql, params, terms = search_sql(conn, query, filters, limit)
    if not terms.expression:
        return []
    try:
        with time_budget(conn, budget):
            rows = _rows(conn, sql, params)
    except sqlite3.OperationalError as exc:
        if str(exc) == "interrupted":
            raise QueryTooCostlyError(
                f"search stopped after {budget:g} s: {query!r} is too costly; use fewer or longer words") from None
        raise QueryError(f"search failed for {query!r}: {exc}") from exc
    for row in rows:
        body = row.pop("body")
        row["snippet"] = search_query.highlight(body, terms, row["language"], mark=mark)
        row["score"] = round(-row["score"], 3)
    return rows


# -- stories and matches -----------------------------------------------------------

MATCH_SELECT = (
    "m.id AS match_id, m.competition, c.name AS competition_name, m.stage, m.leg, "
    "m.home_team, ht.name AS home_name, m.away_team, at.name AS away_name, "
    "m.score_home, m.score_away, m.kickoff_date"
)
MATCH_JOINS = (
    "LEFT JOIN competitions c ON c.id = m.competition "
    "LEFT JOIN teams ht ON ht.id = m.home_team LEFT JOIN teams at ON at.id = m.away_team"
)

STORY_COLUMNS = ["id", "kickoff_date", "competition", "match", "score", "languages", "article_count",
                 "last_published_at", "headline"]
MATCH_COLUMNS = ["match_id", "kickoff_date", "competition", "stage", "leg", "match", "score",
                 "story_id", "article_count"]


def _describe_match(row: dict[str, Any]) -> None:
    """Add readable ``match`` and ``score`` fields to a row holding the match columns."""
    home = row.get("home_name") or row.get("home_team") or "?"
    away = row.get("away_name") or row.get("away_team") or "?"
    row["match"] = f"{home} - {away}"
    has_score = row.get("score_home") is not None and row.get("score_away") is not None
    row["score"] = f"{row['score_home']}-{row['score_away']}" if has_score else ""
    row["competition"] = row.get("competition_name") or row.get("competition")


def stories(
    conn: sqlite3.Connection, *, limit: int = 20, team: str | None = None, competition: str | None = None,
    since: date | None = None, language: str | None = None,
) -> list[dict[str, Any]]:
    """Latest stories first (by last article), each with its match facts, languages and article count."""
    params: list[Any] = []
    where = _match_conditions(conn, team, competition, params)
    if since:
        where.append("s.last_published_at >= ?")
        params.append(since.isoformat())
    if language:
        where.append("EXISTS (SELECT 1 FROM json_each(s.languages) WHERE value = ?)")
        params.append(language)
    params.append(limit)
    # With a team or competition, start from that team's matches (indexed) rather than walking
    # every story newest first until enough match: CROSS JOIN fixes the loop order.
    source = ("matches m CROSS JOIN stories s ON s.match_id = m.id" if team or competition
              else "stories s LEFT JOIN matches m ON m.id = s.match_id")
    sql = (
        f"SELECT s.id, s.kind, s.headline, s.languages, s.article_count, s.first_published_at, "
        f"s.last_published_at, s.tie_key, {MATCH_SELECT} "
        f"FROM {source} {MATCH_JOINS} "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} "
        "ORDER BY s.last_published_at DESC LIMIT ?"
    )
    rows = _rows(conn, sql, params)
    for row in rows:
        _describe_match(row)
        row["languages"] = ",".join(_json_list(row["languages"]))
    return rows


def story(conn: sqlite3.Connection, story_id: int) -> dict[str, Any]:
    """One story: its match, the other legs of the tie, and its articles grouped by type then language.

    A story merged into another answers with the one that kept its articles, ``merged_from``
    set to the id asked for (None otherwise).

    ``groups`` is a list of ``{"type", "language", "articles": [...]}`` in a
    stable order (type, then language), articles oldest first with their links.
    """
    found = _rows(
        conn,
        f"SELECT s.*, {MATCH_SELECT} FROM stories s LEFT JOIN matches m ON m.id = s.match_id "
        f"{MATCH_JOINS} WHERE s.id = ?",
        [story_id],
    )
    if not found:
        has_merges = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_merges'").fetchone()
        # (a read-only archive from before migration 014 has no merges to follow)
        merged = has_merges and conn.execute("SELECT new_id FROM story_merges WHERE old_id = ?", [story_id]).fetchone()
        if not merged or merged[0] == story_id:
            raise NotFoundError(f"no story {story_id} in the archive (see `newscrawl stories`)")
        result = story(conn, merged[0])
        result["merged_from"] = story_id  # the story asked for was merged into this one
        return result
    result = found[0]
    result["merged_from"] = None
    _describe_match(result)
    result["languages"] = _json_list(result["languages"])
    articles = _rows(
        conn,
        "SELECT id, article_type, language, source, published_at, title, url, canonical_url, word_count "
        "FROM articles WHERE story_id = ? ORDER BY published_utc, id",
        [story_id],
    )
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for article in articles:
        key = (article["article_type"] or "other", article["language"] or "?")
        groups.setdefault(key, []).append(article)
    result["groups"] = [
        {"type": kind, "language": lang, "articles": groups[(kind, lang)]} for kind, lang in sorted(groups)
    ]
    result["article_total"] = len(articles)
    result["other_legs"] = []
    if result.get("tie_key"):
        result["other_legs"] = _rows(
            conn,
            "SELECT s.id AS story_id, m.id AS match_id, m.leg, m.kickoff_date, m.score_home, m.score_away "
            "FROM stories s JOIN matches m ON m.id = s.match_id WHERE s.tie_key = ? AND s.id != ? "
            "ORDER BY m.kickoff_date",
            [result["tie_key"], story_id],
        )
    return result


def matches(
    conn: sqlite3.Connection, *, team: str | None = None, competition: str | None = None,
    since: date | None = None, until: date | None = None, limit: int = 50,
) -> list[dict[str, Any]]:
    """Matches, latest kickoff first, with their story id and article count."""
    params: list[Any] = []
    where = _match_conditions(conn, team, competition, params)
    if since:
        where.append("m.kickoff_date >= ?")
        params.append(since.isoformat())
    if until:
        where.append("m.kickoff_date <= ?")
        params.append(until.isoformat())
    params.append(limit)
    sql = (
        f"SELECT {MATCH_SELECT}, s.id AS story_id, s.article_count "
        f"FROM matches m LEFT JOIN stories s ON s.match_id = m.id {MATCH_JOINS} "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} "
        "ORDER BY m.kickoff_date DESC, m.id DESC LIMIT ?"
    )
    rows = _rows(conn, sql, params)
    for row in rows:
        _describe_match(row)
    return rows


# -- export ------------------------------------------------------------------------

EXPORT_COLUMNS = [
    "id", "canonical_url", "url", "source", "site_name", "language", "published_at", "modified_at",
    "article_type", "story_id", "title", "description", "authors", "section", "tags", "word_count",
    "body", "match_facts", "first_seen", "last_seen", "version",
]


def _export_where(conn: sqlite3.Connection, filters: ArticleFilters) -> tuple[str, list[Any]]:
    params: list[Any] = []
    where = _article_conditions(conn, filters, params)
    return ("WHERE " + " AND ".join(where)) if where else "", params


def count_articles(conn: sqlite3.Connection, filters: ArticleFilters | None = None) -> int:
    """How many articles :func:`export_articles` will yield for the same filters."""
    where, params = _export_where(conn, filters or ArticleFilters())
    return conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]


def export_articles(
    conn: sqlite3.Connection, filters: ArticleFilters | None = None, *, batch_size: int = 1000
) -> Iterator[dict[str, Any]]:
    """Every article matching ``filters`` with :data:`EXPORT_COLUMNS`, in id order, streamed in batches.

    JSON columns (authors, tags, match_facts) are decoded.
    """
    where, params = _export_where(conn, filters or ArticleFilters())
    joiner = "AND" if where else "WHERE"
    columns = ", ".join(f"a.{c}" for c in EXPORT_COLUMNS)
    last_id = 0
    while True:
        # Keyset pagination: one short read per batch, so a crawl can write in between.
        batch = _rows(
            conn,
            f"SELECT {columns} FROM articles a {where} {joiner} a.id > ? ORDER BY a.id LIMIT ?",
            [*params, last_id, batch_size],
        )
        if not batch:
            return
        for row in batch:
            for key in ("authors", "tags", "match_facts"):
                if row[key]:
                    with contextlib.suppress(ValueError):  # not JSON: keep the text as stored
                        row[key] = json.loads(row[key])
            yield row
        last_id = batch[-1]["id"]
