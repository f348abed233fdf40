"""Matches, the stories grouping their articles, and the teams and competitions they name.

The story pipeline decides (a :class:`newscrawl.items.StoryMatch` per article);
the rows of ``matches``, ``stories``, ``teams`` and ``competitions`` are
written here only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, fields
from typing import Any

import sqlite_utils

from newscrawl.archive.db import dict_rows, insert_row, update_row, utc_now
from newscrawl.items import StoryMatch

_MATCH_FIELDS = tuple(f.name for f in fields(StoryMatch))


class StoryWrites:
    """Match and story reads and writes (mixed into :class:`newscrawl.archive.Archive`)."""

    # Given by Archive.
    conn: sqlite3.Connection
    db: sqlite_utils.Database

    def matches_for_teams(self, team_ids: str) -> list[StoryMatch]:
        """Stored matches between two teams (``team_ids``: the two ids sorted, joined by ``|``)."""
        rows = dict_rows(self.conn, "SELECT * FROM matches WHERE team_ids = ?", [team_ids])
        return [StoryMatch(**{k: row[k] for k in _MATCH_FIELDS}) for row in rows]

    def match_facts_for_teams(self, team_ids: str) -> list[tuple[str, str]]:
        """(match key, article match-facts JSON) of the stored articles of matches between two teams."""
        return self.conn.execute(
            "SELECT m.key, a.match_facts FROM matches m JOIN stories s ON s.match_id = m.id "
            "JOIN articles a ON a.story_id = s.id WHERE m.team_ids = ? AND a.match_facts IS NOT NULL "
            "ORDER BY a.published_utc",
            [team_ids],
        ).fetchall()

    def reference_version(self) -> str | None:
        """The version the ``teams`` and ``competitions`` tables were last written from (None: never)."""
        row = self.conn.execute("SELECT version FROM reference_versions WHERE name = 'gazetteer'").fetchone()
        return row[0] if row else None

    def record_reference(self, teams: Iterable[Any], competitions: Iterable[Any], version: str) -> None:
        """Write the ``teams`` and ``competitions`` tables from the gazetteer's entries, made from
        data of ``version`` (:func:`newscrawl.matching.reference.reference_version`), in one transaction.

        Teams have ``id``, ``names`` (first: the usual name), ``country`` and
        ``kind``; competitions ``id`` and ``names``. Entries the data no longer has stay: stored
        stories may name them.
        """
        with self.transaction():
            self.db["teams"].upsert_all((
                {"id": t.id, "name": t.names[0], "country": t.country, "kind": t.kind, "names": json.dumps(t.names)}
                for t in teams), pk="id")
            self.db["competitions"].upsert_all((
                {"id": c.id, "name": c.names[0], "names": json.dumps(c.names)} for c in competitions), pk="id")
            self.db["reference_versions"].upsert({"name": "gazetteer", "version": version, "written_at": utc_now()}, pk="name")

    def assign_stories(self, assignments: list[tuple[str, StoryMatch | dict[str, Any]]]) -> None:
        """Put stored articles (by canonical URL) into the stories of the given matches, in one transaction."""
        now = utc_now()
        touched: set[int] = set()
        with self.transaction():
            for canonical_url, match in assignments:
                story_id = self._story_for_match(match, now)
                self.conn.execute("UPDATE articles SET story_id = ? WHERE canonical_url = ?", [story_id, canonical_url])
                touched.add(story_id)
            self._refresh_stories(touched, now)

    def _story_for_match(self, match: StoryMatch | dict[str, Any], now: str) -> int:
        """Id of the story of a match, creating or refreshing the match row (by ``key``)."""
        row = asdict(match) if isinstance(match, StoryMatch) else match
        existing = self.conn.execute("SELECT id FROM matches WHERE key = ?", [row["key"]]).fetchone()
        if existing:
            match_id = existing[0]
            update_row(self.conn, "matches", match_id, {**row, "updated_at": now})
        else:
            match_id = insert_row(self.conn, "matches", {**row, "created_at": now, "updated_at": now})
        story = self.conn.execute("SELECT id FROM stories WHERE match_id = ?", [match_id]).fetchone()
        if story:
            if row.get("tie_key"):
                self.conn.execute("UPDATE stories SET tie_key = ? WHERE id = ?", [row["tie_key"], story[0]])
            return story[0]
        return insert_row(
            self.conn, "stories",
            {"kind": "match", "match_id": match_id, "tie_key": row.get("tie_key"), "updated_at": now},
        )

    def _refresh_stories(self, story_ids: set[int], now: str) -> None:
        """Recount the articles, languages and dates of the stories a batch touched."""
        for story_id in story_ids:
            self.conn.execute(
                """
                UPDATE stories SET
                  article_count = (SELECT count(*) FROM articles WHERE story_id = :id),
                  languages = (SELECT json_group_array(language) FROM
                               (SELECT DISTINCT language FROM articles WHERE story_id = :id ORDER BY language)),
                  first_published_at = (SELECT min(published_utc) FROM articles WHERE story_id = :id),
                  last_published_at = (SELECT max(published_utc) FROM articles WHERE story_id = :id),
                  headline = coalesce((SELECT title FROM articles WHERE story_id = :id
                                       ORDER BY article_type = 'report' DESC, published_utc LIMIT 1), headline),
                  updated_at = :now
                WHERE id = :id
                """,
                {"id": story_id, "now": now},
            )
