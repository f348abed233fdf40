"""The canned queries of the Datasette view, built from the read side's own SQL pieces.

``newscrawl.datasette`` files them into its metadata under these names;
``metadata.json`` holds only their titles and descriptions. They are plain
SQL with named parameters because Datasette runs them as they are.
"""

from __future__ import annotations

from newscrawl.archive import search as fts
from newscrawl.archive.queries import MATCH_JOINS, RANK

#: ``home - away`` with the teams' names (their ids when a team is not in the ``teams`` table).
MATCH_LABEL = "coalesce(ht.name, m.home_team) || ' - ' || coalesce(at.name, m.away_team) AS match"
SCORE_LABEL = "m.score_home || '-' || m.score_away AS score"
COMPETITION_LABEL = "coalesce(c.name, m.competition) AS competition"
#: The ids of the teams a ``:team`` parameter names: its id, name or any nickname ("marseille",
#: "OM"), through the ``newscrawl_is_team`` SQL function of the Datasette plugin (the gazetteer's names).
_TEAM_IDS = "(SELECT id FROM teams WHERE newscrawl_is_team(:team, id, name, names))"

CANNED_QUERIES: dict[str, str] = {
    "latest_stories": (
        f"SELECT s.id AS story, m.kickoff_date, {COMPETITION_LABEL},\n  {MATCH_LABEL},\n"
        f"  {SCORE_LABEL}, s.languages, s.article_count, s.last_published_at, s.headline\n"
        f"FROM stories s LEFT JOIN matches m ON m.id = s.match_id {MATCH_JOINS}\n"
        "ORDER BY s.last_published_at DESC LIMIT 100"
    ),
    "story_timeline": (
        "SELECT a.published_at, a.language, a.article_type, a.source, a.title, a.url,\n"
        f"  {MATCH_LABEL}, a.id AS article\n"
        f"FROM articles a JOIN stories s ON s.id = a.story_id LEFT JOIN matches m ON m.id = s.match_id "
        f"{MATCH_JOINS}\n"
        "WHERE a.story_id = :story_id ORDER BY a.published_utc, a.id"
    ),
    "team_matches": (
        f"SELECT m.kickoff_date, {COMPETITION_LABEL}, m.stage, m.leg,\n  {MATCH_LABEL},\n"
        f"  {SCORE_LABEL}, s.id AS story, s.article_count, s.languages\n"
        f"FROM matches m LEFT JOIN stories s ON s.match_id = m.id {MATCH_JOINS}\n"
        f"WHERE m.home_team IN {_TEAM_IDS}\n   OR m.away_team IN {_TEAM_IDS}\n"
        "ORDER BY m.kickoff_date DESC LIMIT 50"
    ),
    "search": (
        "SELECT a.published_at, a.language, a.source, a.article_type, a.story_id, a.title, a.url,\n"
        "  newscrawl_snippet(a.body, :q, a.language) AS snippet\n"
        f"FROM {fts.TABLE} JOIN articles a ON a.id = {fts.TABLE}.rowid\n"
        f"WHERE {fts.TABLE} MATCH newscrawl_match(:q)\n"
        f"ORDER BY {RANK} LIMIT 50"
    ),
}
