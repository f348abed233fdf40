"""The reads behind the reader's pages of ``newscrawl serve``: story cards, a story, a team, search.

Functions take a :class:`sqlite3.Connection` to an archive (read-only is enough) and
return plain dicts for the templates; no SQL lives in a template. Where the archive's
query module already answers (a story, a team's matches, search, names of
competitions) it is called; this module adds what a page needs around it: the
number of articles per language, the headline in the reader's language, the days
that have articles.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newscrawl.archive import queries
from newscrawl.archive.stats import articles_per_day  # noqa: F401  (charted by the front page)
from newscrawl.datasette import names
from newscrawl.errors import NotFoundError, QueryError, UnknownNameError

#: Article types in timeline order; anything else comes last as "other".
TYPE_ORDER = ("preview", "live", "report", "reaction", "other")
#: The archive's languages, in the order badges are shown.
LANGUAGES = ("en", "fr", "nl")
#: Which article's title best heads a story: before a result, the latest preview; after, the report.
_HEADLINE_RANK_PLAYED = {"report": 0, "reaction": 1, "live": 2, "preview": 4}
_HEADLINE_RANK_AHEAD = {"preview": 0, "live": 1, "report": 2, "reaction": 3}


@dataclass
class StoryFilters:
    """What a reader narrows the stories to; ``None`` means no filter.

    ``team`` and ``competition`` accept an id or any name; ``since``/``until`` are
    inclusive days on which the story has articles.
    """

    team: str | None = None
    competition: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None


def _rows(conn: sqlite3.Connection, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, list(params))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def team_ids(conn: sqlite3.Connection, text: str) -> list[str]:
    """Archive team ids that ``text`` names (id, name or nickname; see :mod:`.names`)."""
    found = names.matching_ids(text, conn.execute("SELECT id, name, names FROM teams ORDER BY id"))
    if not found:
        raise UnknownNameError(f"no team called {text!r} in the archive")
    return found


def _story_where(conn: sqlite3.Connection, filters: StoryFilters) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if filters.team:
        ids = team_ids(conn, filters.team)
        where.append(f"(m.home_team IN ({_marks(ids)}) OR m.away_team IN ({_marks(ids)}))")
        params += ids + ids
    if filters.competition:
        ids = queries.resolve_competition(conn, filters.competition)
        where.append(f"m.competition IN ({_marks(ids)})")
        params += ids
    if filters.language:
        where.append("EXISTS (SELECT 1 FROM json_each(s.languages) WHERE value = ?)")
        params.append(filters.language)
    if filters.since:
        where.append("s.last_published_at >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        where.append("s.first_published_at < ?")
        params.append((filters.until + timedelta(days=1)).isoformat())
    return ("WHERE " + " AND ".join(where)) if where else "", params


def latest_stories(conn: sqlite3.Connection, filters: StoryFilters | None = None, *,
                   reader_language: str | None = None, limit: int = 30) -> list[dict[str, Any]]:
    """Story cards, newest article first, for the front page and the feeds."""
    where, params = _story_where(conn, filters or StoryFilters())
    ids = [row[0] for row in conn.execute(
        f"SELECT s.id FROM stories s LEFT JOIN matches m ON m.id = s.match_id {where} "
        "ORDER BY s.last_published_at DESC, s.id DESC LIMIT ?", [*params, limit])]
    return story_cards(conn, ids, reader_language)


def story_cards(conn: sqlite3.Connection, story_ids: list[int], reader_language: str | None
                ) -> list[dict[str, Any]]:
    """One card per story id, in the order given: match, score, languages with counts, headline."""
    if not story_ids:
        return []
    stories = _rows(
        conn,
        "SELECT s.id, s.headline, s.article_count, s.first_published_at, s.last_published_at, s.tie_key, "
        "m.id AS match_id, m.competition, c.name AS competition_name, m.stage, m.leg, m.kickoff_date, "
        "m.home_team, ht.name AS home_name, m.away_team, at.name AS away_name, m.score_home, m.score_away "
        "FROM stories s LEFT JOIN matches m ON m.id = s.match_id "
        "LEFT JOIN competitions c ON c.id = m.competition "
        "LEFT JOIN teams ht ON ht.id = m.home_team LEFT JOIN teams at ON at.id = m.away_team "
        f"WHERE s.id IN ({_marks(story_ids)})", story_ids)
    articles: dict[int, list[dict[str, Any]]] = {}
    for article in _rows(
        conn,
        "SELECT id, story_id, language, article_type, title, source, canonical_url, published_at "
        f"FROM articles WHERE story_id IN ({_marks(story_ids)}) ORDER BY published_utc, id", story_ids,
    ):
        articles.setdefault(article["story_id"], []).append(article)
    by_id = {row["id"]: row for row in stories}
    cards = []
    for story_id in story_ids:
        if story_id in by_id:
            card = by_id[story_id]
            _fill_card(card, articles.get(story_id, []), reader_language)
            cards.append(card)
    return cards


def _fill_card(card: dict[str, Any], articles: list[dict[str, Any]], reader_language: str | None) -> None:
    card["played"] = card["score_home"] is not None and card["score_away"] is not None
    card["home"] = card["home_name"] or card["home_team"] or "?"
    card["away"] = card["away_name"] or card["away_team"] or "?"
    card["competition_label"] = card["competition_name"] or card["competition"] or ""
    counts: dict[str, int] = {}
    for article in articles:
        counts[article["language"] or "?"] = counts.get(article["language"] or "?", 0) + 1
    order = {lang: i for i, lang in enumerate(LANGUAGES)}
    card["counts"] = sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    card["articles"] = articles
    card["headline"], card["headline_language"] = _headline(card, articles, reader_language)


def _headline(card: dict[str, Any], articles: list[dict[str, Any]], reader_language: str | None
              ) -> tuple[str, str | None]:
    """The best title in the reader's language, else the story's own headline (and its language)."""
    rank = _HEADLINE_RANK_PLAYED if card["played"] else _HEADLINE_RANK_AHEAD
    mine = [a for a in articles if a["language"] == reader_language and a["title"]]
    if mine:
        # Best type first, then the newest of that type.
        _, best = min(enumerate(mine), key=lambda pair: (rank.get(pair[1]["article_type"] or "", 9), -pair[0]))
        return best["title"], best["language"]
    own = card.get("headline") or (articles[-1]["title"] if articles else "")
    language = next((a["language"] for a in articles if a["title"] == own), None)
    return own or "", language


def story_page(conn: sqlite3.Connection, story_id: int, reader_language: str | None) -> dict[str, Any]:
    """A story's card, its articles on a timeline (type, then language), and the other legs of its tie.

    A story merged into another gives only ``{"moved_to": id}`` (the page redirects there, as
    ``newscrawl story OLD_ID`` says where it went). Raises :class:`newscrawl.errors.NotFoundError`
    for an unknown story.
    """
    data = queries.story(conn, story_id)
    if data["merged_from"] is not None:
        return {"moved_to": data["id"]}
    card = story_cards(conn, [story_id], reader_language)[0]
    extra = {row["id"]: row for row in _rows(
        conn,
        "SELECT a.id, a.site_name, a.published_precision, a.description, src.timezone "
        "FROM articles a LEFT JOIN sources src ON src.name = a.source WHERE a.story_id = ?", [story_id])}
    sections: dict[str, list[dict[str, Any]]] = {}
    for group in data["groups"]:
        kind = group["type"] if group["type"] in TYPE_ORDER else "other"
        articles = [{**article, **extra.get(article["id"], {})} for article in group["articles"]]
        sections.setdefault(kind, []).append({"language": group["language"], "articles": articles})
    order = {lang: i for i, lang in enumerate(LANGUAGES)}
    timeline = [
        {"type": kind, "languages": sorted(sections[kind], key=lambda g: order.get(g["language"], 9))}
        for kind in TYPE_ORDER if kind in sections
    ]
    legs = story_cards(conn, [leg["story_id"] for leg in data["other_legs"]], reader_language)
    return {"card": card, "timeline": timeline, "other_legs": legs, "article_total": data["article_total"]}


def team_page(conn: sqlite3.Connection, team_id: str, reader_language: str | None) -> dict[str, Any]:
    """A team, its coming matches (no result yet, kick-off on or after its latest news) and recent ones."""
    found = _rows(conn, "SELECT id, name, names, country, kind FROM teams WHERE id = ?", [team_id])
    if not found:
        raise NotFoundError(f"no team {team_id!r} in the archive")
    team = found[0]
    team["other_names"] = [n for n in names.name_list(team["names"]) if n != team["name"]]
    rows = queries.matches(conn, team=team_id, limit=100)
    cards = {card["id"]: card for card in story_cards(
        conn, [row["story_id"] for row in rows if row["story_id"]], reader_language)}
    latest_news = max((card["last_published_at"] or "" for card in cards.values()), default="")[:10]
    coming, recent = [], []
    for row in rows:
        card = cards.get(row["story_id"])
        if card is None:
            continue
        ahead = not card["played"] and (row["kickoff_date"] or "") >= latest_news
        (coming if ahead else recent).append(card)
    coming.reverse()  # soonest first
    return {"team": team, "coming": coming, "recent": recent}


def newest_article_id(conn: sqlite3.Connection) -> int:
    """The highest article id (0 for an empty archive): it changes whenever an article is added."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]


def filter_choices(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    """The teams and competitions that have matches, and the languages that have articles."""
    competitions = conn.execute(
        "SELECT DISTINCT m.competition, coalesce(c.name, m.competition) AS name FROM matches m "
        "LEFT JOIN competitions c ON c.id = m.competition WHERE m.competition IS NOT NULL ORDER BY name"
    ).fetchall()
    teams = conn.execute(
        "SELECT t.id, t.name FROM teams t WHERE t.id IN "
        "(SELECT home_team FROM matches UNION SELECT away_team FROM matches) ORDER BY t.name"
    ).fetchall()
    languages = [row[0] for row in conn.execute(
        "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language")]
    return {"competitions": competitions, "teams": teams, "languages": [(lang, lang) for lang in languages]}


def display_name(conn: sqlite3.Connection, table: str, row_id: str) -> str:
    """A team's or competition's name (``table`` is ``teams`` or ``competitions``), else its id."""
    if table not in ("teams", "competitions"):
        raise ValueError(f"no names in table {table!r}")
    row = conn.execute(f"SELECT name FROM {table} WHERE id = ?", [row_id]).fetchone()
    return row[0] if row and row[0] else row_id


def filter_targets(conn: sqlite3.Connection, filters: StoryFilters) -> list[tuple[str, str, str]]:
    """(kind, id, name) of the teams and competitions a page's filters name; unknown names give none."""
    found: list[tuple[str, str, str]] = []
    for kind, text, table in (("team", filters.team, "teams"), ("competition", filters.competition, "competitions")):
        if not text:
            continue
        try:
            ids = team_ids(conn, text) if kind == "team" else queries.resolve_competition(conn, text)
        except QueryError:
            continue
        found += [(kind, row_id, display_name(conn, table, row_id)) for row_id in ids[:3]]
    return found


def search_articles(conn: sqlite3.Connection, text: str, filters: StoryFilters, *, limit: int = 30,
                    mark: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
    """Stemmed full-text search (:func:`newscrawl.archive.queries.search`) with the reader's filters.

    A team named by a nickname is resolved here first; a name that fits several
    teams raises :class:`newscrawl.errors.QueryError` naming them.
    """
    team = None
    if filters.team:
        ids = team_ids(conn, filters.team)
        if len(ids) > 1:
            raise QueryError(f"{filters.team!r} names several teams: {', '.join(ids)}")
        team = ids[0]
    article_filters = queries.ArticleFilters(
        languages=[filters.language] if filters.language else [], since=filters.since,
        until=filters.until, team=team, competition=filters.competition)
    return queries.search(conn, text, article_filters, limit=limit, mark=mark)
