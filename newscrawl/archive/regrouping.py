"""The archive side of order-independent story grouping: evidence reads and one plan's write.

``story_evidence`` holds each article's teams and day (indexed), so a run reads only the team
pairs it touched; ``pending`` marks articles stored but not yet re-grouped. The stories pipeline
(:mod:`newscrawl.runs.regrouping`) decides the clusters; :meth:`RegroupWrites.apply_stories`
writes them in one transaction: match rows, article moves, merges, and the pending marks cleared.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from newscrawl.archive.db import dict_rows, insert_row, update_row, utc_now
from newscrawl.items import StoryMatch

#: Ids bound in one ``IN (...)`` query (SQLite allows 999 variables in older builds).
_IDS_PER_QUERY = 500
#: Columns of an evidence row as :meth:`RegroupWrites.evidence_rows` returns them.
_EVIDENCE = ("e.article_id AS id, a.canonical_url, a.story_id, e.team_a, e.team_b, e.day, "
             "a.match_facts, e.side_facts, e.names")


@dataclass(frozen=True)
class StoryPlan:
    """One story as re-grouping decided it: its match row and every article id it holds."""

    match: StoryMatch
    article_ids: tuple[int, ...]
    story_id: int | None = None
    """The story kept for it; None: a new story."""
    absorbed: tuple[int, ...] = ()
    """Story ids merged into this one (recorded in ``story_merges``)."""


@dataclass
class ApplyResult:
    """What one plan write changed."""

    created: int = 0
    moved: int = 0
    merged: int = 0
    removed: int = 0
    story_of: dict[int, int | None] = field(default_factory=dict)


class RegroupWrites:
    """Evidence reads and plan writes (mixed into :class:`newscrawl.archive.Archive`)."""

    # Given by Archive (transaction) and StoryWrites (_refresh_stories).
    conn: sqlite3.Connection

    def pending_evidence(self) -> list[dict[str, Any]]:
        """Articles stored since the last re-grouping, with the team ids of their current story."""
        return dict_rows(
            self.conn,
            f"SELECT {_EVIDENCE}, m.team_ids AS story_teams FROM story_evidence e "
            "JOIN articles a ON a.id = e.article_id LEFT JOIN stories s ON s.id = a.story_id "
            "LEFT JOIN matches m ON m.id = s.match_id WHERE e.pending = 1",
        )

    def pair_evidence(self, pairs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
        """Every stored article of these team pairs (ids sorted in each pair)."""
        rows: list[dict[str, Any]] = []
        for team_a, team_b in sorted(set(pairs)):
            rows += dict_rows(self.conn, f"SELECT {_EVIDENCE} FROM story_evidence e JOIN articles a "
                                         "ON a.id = e.article_id WHERE e.team_a = ? AND e.team_b = ?",
                              [team_a, team_b])
        return rows

    def pairs_near(self, team: str, first: str, last: str) -> set[tuple[str, str]]:
        """Pairs with ``team`` that have an article dated between two ISO days."""
        found = self.conn.execute(
            "SELECT team_a, team_b FROM story_evidence WHERE team_a = ? AND team_b IS NOT NULL "
            "AND day BETWEEN ? AND ? UNION SELECT team_a, team_b FROM story_evidence "
            "WHERE team_b = ? AND day BETWEEN ? AND ?",
            [team, first, last, team, first, last],
        ).fetchall()
        return {(a, b) for a, b in found}

    def pairs_with(self, team: str) -> set[tuple[str, str]]:
        """Every pair with ``team`` that has an article, whatever its day (the candidates of an
        undated one-team article)."""
        found = self.conn.execute(
            "SELECT team_a, team_b FROM story_evidence WHERE team_a = ? AND team_b IS NOT NULL "
            "UNION SELECT team_a, team_b FROM story_evidence WHERE team_b = ?", [team, team]).fetchall()
        return {(a, b) for a, b in found}

    def undated_singles(self, team: str) -> list[dict[str, Any]]:
        """One-team articles of ``team`` with no day at all (placed by their names)."""
        return dict_rows(self.conn, f"SELECT {_EVIDENCE} FROM story_evidence e JOIN articles a "
                                    "ON a.id = e.article_id WHERE e.team_a = ? AND e.team_b IS NULL "
                                    "AND e.day IS NULL", [team])

    def singles_near(self, team: str, first: str, last: str) -> list[dict[str, Any]]:
        """One-team articles of ``team`` dated between two ISO days."""
        return dict_rows(self.conn, f"SELECT {_EVIDENCE} FROM story_evidence e JOIN articles a "
                                    "ON a.id = e.article_id WHERE e.team_a = ? AND e.team_b IS NULL "
                                    "AND e.day BETWEEN ? AND ?", [team, first, last])

    def singles_in_stories(self, story_ids: Iterable[int]) -> list[dict[str, Any]]:
        """One-team articles sitting in these stories."""
        ids = sorted(set(story_ids))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return dict_rows(self.conn, f"SELECT {_EVIDENCE} FROM story_evidence e JOIN articles a "
                                    f"ON a.id = e.article_id WHERE e.team_b IS NULL AND a.story_id IN ({marks})",
                         ids)

    def pairs_in_stories(self, story_ids: Iterable[int]) -> set[tuple[str, str]]:
        """The team pairs of the pair articles sitting in these stories."""
        return set(self._in_chunks("SELECT DISTINCT e.team_a, e.team_b FROM story_evidence e JOIN articles a "
                                   "ON a.id = e.article_id WHERE e.team_b IS NOT NULL AND a.story_id IN ({})",
                                   story_ids))

    def loose_near(self, first: str, last: str) -> list[dict[str, Any]]:
        """Match articles that name no team (placed by names), published between two ISO days."""
        return dict_rows(self.conn, f"SELECT {_EVIDENCE} FROM story_evidence e JOIN articles a "
                                    "ON a.id = e.article_id WHERE e.team_a IS NULL AND e.side_facts IS NOT NULL "
                                    "AND e.day BETWEEN ? AND ?", [first, last])

    def loose_in_stories(self, story_ids: Iterable[int]) -> list[dict[str, Any]]:
        """Match articles that name no team sitting in these stories."""
        ids = sorted(set(story_ids))
        if not ids:
            return []
        return dict_rows(self.conn, f"SELECT {_EVIDENCE} FROM story_evidence e JOIN articles a "
                                    f"ON a.id = e.article_id WHERE e.team_a IS NULL AND e.side_facts IS NOT NULL "
                                    f"AND a.story_id IN ({','.join('?' * len(ids))})", ids)

    def named_stories(self, first: str, last: str) -> list[tuple[int, str, frozenset[str]]]:
        """(story id, kick-off day, names of its articles that named its teams) of every match
        story kicked off between two ISO days."""
        stories = self.conn.execute(
            "SELECT s.id, m.kickoff_date FROM stories s JOIN matches m ON m.id = s.match_id "
            "WHERE m.kickoff_date BETWEEN ? AND ?", [first, last]).fetchall()
        names: dict[int, set[str]] = {sid: set() for sid, _ in stories}
        for sid, words in self._in_chunks(
                "SELECT a.story_id, e.names FROM articles a JOIN story_evidence e ON e.article_id = a.id "
                "WHERE a.story_id IN ({}) AND e.team_a IS NOT NULL AND e.names IS NOT NULL", names):
            names[sid].update(words.split())
        return [(sid, day, frozenset(names[sid])) for sid, day in stories]

    def fixtures_for(self, pairs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
        """Known fixtures of these team pairs."""
        rows: list[dict[str, Any]] = []
        for team_a, team_b in sorted(set(pairs)):
            rows += dict_rows(self.conn, "SELECT * FROM fixtures WHERE team_a = ? AND team_b = ?", [team_a, team_b])
        return rows

    def mark_pairs_pending(self, pairs: Iterable[tuple[str, str]]) -> int:
        """Mark the stored articles of these pairs for re-grouping (new fixtures changed their evidence)."""
        with self.transaction():
            return sum(self.conn.execute("UPDATE story_evidence SET pending = 1 WHERE team_a = ? AND team_b = ?",
                                         pair).rowcount for pair in sorted(set(pairs)))

    def merged_into(self, story_id: int) -> int | None:
        """The story a merged story's articles went to, or None when ``story_id`` was not merged."""
        row = self.conn.execute("SELECT new_id FROM story_merges WHERE old_id = ?", [story_id]).fetchone()
        return row[0] if row else None

    def apply_stories(self, plans: Sequence[StoryPlan], passed: Iterable[int], pending: Iterable[int],
                      joins: dict[int, int] | None = None) -> ApplyResult:
        """Write re-grouped stories in one transaction.

        ``passed``: ids of every article the plans were decided over (one not in a plan leaves
        its story); ``pending``: ids whose pending mark is cleared; ``joins``: article id ->
        a story not re-grouped now that the article joins (placed by names). Stories left empty
        are removed; absorbed ones are recorded in ``story_merges`` (old id -> the keeping story).
        """
        now = utc_now()
        result = ApplyResult()
        passed = set(passed)
        with self.transaction():
            before = self._stories_of(passed)
            involved = {s for s in before.values() if s is not None}
            involved |= {p.story_id for p in plans if p.story_id is not None}
            involved |= {s for p in plans for s in p.absorbed}
            # keys of the involved matches are rewritten below: free them first (keys are unique)
            old_keys = self._match_keys(involved)
            self._execute_in("UPDATE matches SET key = '~' || id || '~' || key WHERE id IN "
                             "(SELECT match_id FROM stories WHERE id IN ({}))", involved)
            target: dict[int, int | None] = dict.fromkeys(passed)
            for plan in plans:
                story_id = self._write_plan_story(plan, now)
                result.created += plan.story_id is None
                for article_id in plan.article_ids:
                    target[article_id] = story_id
                for old in plan.absorbed:
                    self.conn.execute("INSERT OR REPLACE INTO story_merges (old_id, new_id, merged_at) VALUES (?, ?, ?)",
                                      [old, story_id, now])
                    self.conn.execute("UPDATE story_merges SET new_id = ? WHERE new_id = ?", [story_id, old])
                    self.conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [story_id, old])
                    result.merged += 1
            target.update(joins or {})
            for article_id, story_id in target.items():
                if before.get(article_id) != story_id:
                    self.conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", [story_id, article_id])
                    result.moved += 1
            kept = {s for s in target.values() if s is not None}
            result.removed = self._remove_empty(involved - kept)
            planned = {p.story_id for p in plans}
            for story_id, (match_id, key) in old_keys.items():
                if story_id not in planned:  # kept by articles not re-grouped now: its key back if free
                    self.conn.execute("UPDATE OR IGNORE matches SET key = ? WHERE id = ?", [key, match_id])
            self._refresh_stories(kept | (involved & self._existing(involved)), now)
            self._execute_in("UPDATE story_evidence SET pending = 0 WHERE article_id IN ({})", set(pending))
        result.story_of = target
        return result

    def _write_plan_story(self, plan: StoryPlan, now: str) -> int:
        row = asdict(plan.match)
        if plan.story_id is not None:
            match_id = self.conn.execute("SELECT match_id FROM stories WHERE id = ?", [plan.story_id]).fetchone()[0]
            update_row(self.conn, "matches", match_id, {**row, "updated_at": now})
            self.conn.execute("UPDATE stories SET tie_key = ? WHERE id = ?", [row["tie_key"], plan.story_id])
            return plan.story_id
        match_id = insert_row(self.conn, "matches", {**row, "created_at": now, "updated_at": now})
        # Never reuse the id of a removed or merged story: `story OLD_ID` must keep its meaning.
        next_id = self.conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM stories), 0), "
            "coalesce((SELECT max(old_id) FROM story_merges), 0)) + 1").fetchone()[0]
        return insert_row(self.conn, "stories", {"id": next_id, "kind": "match", "match_id": match_id,
                                                 "tie_key": row["tie_key"], "updated_at": now})

    def _match_keys(self, story_ids: set[int]) -> dict[int, tuple[int, str]]:
        ids = sorted(story_ids)
        if not ids:
            return {}
        rows = self.conn.execute(f"SELECT s.id, m.id, m.key FROM stories s JOIN matches m ON m.id = s.match_id "
                                 f"WHERE s.id IN ({','.join('?' * len(ids))})", ids).fetchall()
        return {sid: (mid, key) for sid, mid, key in rows}

    def _stories_of(self, article_ids: set[int]) -> dict[int, int | None]:
        return dict(self._in_chunks("SELECT id, story_id FROM articles WHERE id IN ({})", article_ids))

    def _existing(self, story_ids: set[int]) -> set[int]:
        ids = sorted(story_ids)
        if not ids:
            return set()
        return {r[0] for r in self.conn.execute(f"SELECT id FROM stories WHERE id IN ({','.join('?' * len(ids))})", ids)}

    def _remove_empty(self, story_ids: set[int]) -> int:
        removed = 0
        for story_id in sorted(story_ids):
            if self.conn.execute("SELECT 1 FROM articles WHERE story_id = ? LIMIT 1", [story_id]).fetchone():
                continue
            match = self.conn.execute("SELECT match_id FROM stories WHERE id = ?", [story_id]).fetchone()
            self.conn.execute("DELETE FROM stories WHERE id = ?", [story_id])
            if match and match[0] is not None:
                self.conn.execute("DELETE FROM matches WHERE id = ?", [match[0]])
            removed += 1
        return removed

    def _execute_in(self, sql: str, ids: set[int]) -> None:
        for _ in self._in_chunks(sql, ids):
            pass

    def _in_chunks(self, sql: str, ids: Iterable[int]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` over ``ids`` (sorted, once each), whose ``{}`` is an IN list's
        placeholders, :data:`_IDS_PER_QUERY` at a time (SQLite's limit on bound variables)."""
        values = sorted(set(ids))
        for start in range(0, len(values), _IDS_PER_QUERY):
            chunk = values[start : start + _IDS_PER_QUERY]
            yield from self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk)


class FixtureWrites:
    """The ``fixtures`` table (mixed into :class:`newscrawl.archive.Archive`)."""

    conn: sqlite3.Connection

    def write_fixtures(self, rows: Sequence[dict[str, Any]]) -> tuple[int, int]:
        """Insert or update fixtures by (team_a, team_b, kickoff_date) in one transaction; (new, updated)."""
        new = updated = 0
        now = utc_now()
        with self.transaction():
            for row in rows:
                found = self.conn.execute(
                    "SELECT id FROM fixtures WHERE team_a = ? AND team_b = ? AND kickoff_date = ?",
                    [row["team_a"], row["team_b"], row["kickoff_date"]]).fetchone()
                if found:
                    update_row(self.conn, "fixtures", found[0], {**row, "imported_at": now})
                    updated += 1
                else:
                    insert_row(self.conn, "fixtures", {**row, "imported_at": now})
                    new += 1
        return new, updated
