"""The SQLite archive: schema (as migrations) and the few writes and reads newscrawl needs.

:class:`Archive` wraps a :class:`sqlite_utils.Database`. Everything that
changes the schema is a migration in :data:`MIGRATIONS`, applied once and
recorded in ``_migrations``; opening an archive applies the missing ones.
Writes come in batches inside one transaction; the database runs in WAL mode
so readers (``newscrawl search``, Datasette) never block a cron crawl.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from newscrawl import search_index


class ArchiveError(Exception):
    """The archive cannot be opened or written (corrupt, locked, not a database)."""


def utc_now() -> str:
    """Current time as ISO 8601 UTC with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# -- migrations ---------------------------------------------------------------


def _m001_initial(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {
            "name": str,
            "homepage": str,
            "languages": str,
            "country": str,
            "timezone": str,
            "feeds": str,
            "sitemaps": str,
            "sections": str,
            "updated_at": str,
        },
        pk="name",
    )
    db["articles"].create(
        {
            "id": int,
            "canonical_url": str,
            "url": str,
            "source": str,
            "site_name": str,
            "title": str,
            "description": str,
            "body": str,
            "authors": str,
            "published_raw": str,
            "published_at": str,
            "published_precision": str,
            "published_source": str,
            "modified_raw": str,
            "modified_at": str,
            "modified_precision": str,
            "language": str,
            "language_hints": str,
            "section": str,
            "tags": str,
            "image_url": str,
            "word_count": int,
            "content_hash": str,
            "fetched_at": str,
            "first_seen": str,
            "last_seen": str,
            "version": int,
        },
        pk="id",
        not_null={"canonical_url"},
        defaults={"version": 1},
    )
    articles = db["articles"]
    articles.create_index(["canonical_url"], unique=True)
    articles.create_index(["content_hash"])
    articles.create_index(["published_at"])
    articles.create_index(["language", "published_at"])
    articles.create_index(["source", "published_at"])
    articles.enable_fts(
        ["title", "body"],
        fts_version="FTS5",
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    db["article_urls"].create(
        {"url": str, "article_id": int, "kind": str, "similarity": float, "first_seen": str},
        pk="url",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_urls"].create_index(["article_id"])
    db["crawl_runs"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "sources": str,
            "pid": int,
            "requests": int,
            "pages": int,
            "articles_new": int,
            "articles_updated": int,
            "duplicates": int,
            "dropped": int,
            "errors": int,
            "errors_by_kind": str,
            "drops_by_reason": str,
            "stats": str,
        },
        pk="id",
    )
    db["crawl_state"].create(
        {
            "url": str,
            "source": str,
            "kind": str,
            "first_seen": str,
            "last_fetched": str,
            "status": int,
            "etag": str,
            "last_modified": str,
            "lastmod_hint": str,
            "content_hash": str,
            "outcome": str,
        },
        pk="url",
    )


def _m002_minhash(db: sqlite_utils.Database) -> None:
    db["article_minhash"].create(
        {"article_id": int, "signature": bytes}, pk="article_id", foreign_keys=[("article_id", "articles", "id")]
    )
    db["minhash_bands"].create({"band": int, "bucket": str, "article_id": int})
    db["minhash_bands"].create_index(["band", "bucket"])
    db["minhash_bands"].create_index(["article_id"])


def _m003_stories(db: sqlite_utils.Database) -> None:
    """Matches, the stories grouping their articles, and each article's type and match facts."""
    db["teams"].create(
        {"id": str, "name": str, "country": str, "kind": str, "names": str}, pk="id"
    )
    db["competitions"].create({"id": str, "name": str, "names": str}, pk="id")
    db["matches"].create(
        {
            "id": int,
            "key": str,
            "tie_key": str,
            "competition": str,
            "stage": str,
            "leg": int,
            "home_team": str,
            "away_team": str,
            "team_ids": str,
            "kickoff_date": str,
            "kickoff_tolerance_days": int,
            "home_known": int,
            "score_home": int,
            "score_away": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"key"},
    )
    db["matches"].create_index(["key"], unique=True)
    db["matches"].create_index(["team_ids"])
    db["matches"].create_index(["tie_key"])
    db["matches"].create_index(["kickoff_date"])
    db["matches"].create_index(["home_team", "kickoff_date"])
    db["matches"].create_index(["away_team", "kickoff_date"])
    db["matches"].create_index(["competition", "kickoff_date"])
    db["stories"].create(
        {
            "id": int,
            "kind": str,
            "match_id": int,
            "tie_key": str,
            "headline": str,
            "languages": str,
            "article_count": int,
            "first_published_at": str,
            "last_published_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("match_id", "matches", "id")],
    )
    db["stories"].create_index(["match_id"], unique=True)
    db["stories"].create_index(["last_published_at"])
    db["stories"].create_index(["tie_key"])
    articles = db["articles"]
    articles.add_column("article_type", str)
    # Plain ALTER TABLE: sqlite-utils would rebuild the table for a foreign key and lose the FTS triggers.
    db.execute("ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id)")
    articles.add_column("match_facts", str)
    articles.create_index(["story_id"])
    articles.create_index(["article_type"])


def _m004_crawl_state(db: sqlite_utils.Database) -> None:
    """What cron needs from a run and from each URL: skips, 304s, why a run stopped, its exit code."""
    runs = db["crawl_runs"]
    for column, kind in (
        ("articles_unchanged", int),
        ("not_modified", int),
        ("skipped", int),
        ("skips_by_reason", str),
        ("stop_reason", str),
        ("exit_code", int),
    ):
        runs.add_column(column, kind)
    runs.create_index(["status"])
    db["crawl_state"].add_column("run_id", int)
    db["crawl_state"].create_index(["source", "kind"])


#: Ordered (name, function) pairs; never edit an applied one, append a new one.
MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("001_initial", _m001_initial),
    ("002_minhash", _m002_minhash),
    ("003_stories", _m003_stories),
    ("004_crawl_state", _m004_crawl_state),
]


def _m010_query_indexes(db: sqlite_utils.Database) -> None:
    """The stemmed search index (see ``newscrawl.search_index``) and the ``article_list`` view.

    The view gives each article its match's competition, so Datasette can facet on it.
    """
    search_index.create_table(db.conn)
    search_index.rebuild(db.conn)
    db.execute(
        "CREATE VIEW IF NOT EXISTS article_list AS SELECT a.id, a.published_at, a.language, a.source, "
        "a.article_type, m.competition, a.story_id, a.title, a.url, a.word_count FROM articles a "
        "LEFT JOIN stories s ON s.id = a.story_id LEFT JOIN matches m ON m.id = s.match_id"
    )


MIGRATIONS.append(("010_query_indexes", _m010_query_indexes))


def _m011_search_filter_index(db: sqlite_utils.Database) -> None:
    """A narrow covering index led by the id, so filtered searches check each hit's language, date,
    source, type and story without reading the article row (and its body)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_articles_search_filters "
        "ON articles (id, language, published_at, source, article_type, story_id)"
    )


MIGRATIONS.append(("011_search_filter_index", _m011_search_filter_index))


def _m012_filter_covering_indexes(db: sqlite_utils.Database) -> None:
    """Indexes covering every search/export filter column, led by the source, the language and the
    story: a filter such as "this source, in French, since May" is then read from one index range
    instead of from each matching article row."""
    for name, columns in (
        ("idx_articles_filter_source", "source, published_at, language, article_type, story_id"),
        ("idx_articles_filter_language", "language, published_at, source, article_type, story_id"),
        ("idx_articles_filter_story", "story_id, language, published_at, source, article_type"),
    ):
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON articles ({columns})")


MIGRATIONS.append(("012_filter_covering_indexes", _m012_filter_covering_indexes))


# -- the archive ----------------------------------------------------------------

_JSON_COLUMNS = ("authors", "language_hints", "tags")
_ARTICLE_COLUMNS = (
    "canonical_url", "url", "source", "site_name", "title", "description", "body", "authors",
    "published_raw", "published_at", "published_precision", "published_source", "modified_raw",
    "modified_at", "modified_precision", "language", "language_hints", "section", "tags",
    "image_url", "content_hash", "fetched_at",
)


@dataclass
class WriteResult:
    """What one batch write did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases: int = 0
    ids: dict[str, int] | None = None
    stories: set[int] = field(default_factory=set)


class Archive:
    """A newscrawl SQLite archive file."""

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 30.0):
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise ArchiveError(f"no archive at {self.path}: run `newscrawl crawl` first")
        try:
            if readonly:
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=timeout)
            else:
                conn = sqlite3.connect(str(self.path), timeout=timeout)
            self.db = sqlite_utils.Database(conn)
            self.db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if not readonly:
                self.db.enable_wal()
                self.db.execute("PRAGMA synchronous = NORMAL")
                self.db.execute("PRAGMA foreign_keys = ON")
                self.migrate()
            else:
                self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"cannot open archive {self.path}: {exc}") from exc

    @classmethod
    def for_crawler(cls, crawler: Any) -> Archive:
        """The archive of a running crawl (``NEWSCRAWL_DB``), shared by its pipelines, closed when it stops."""
        archive = getattr(crawler, "_newscrawl_archive", None)
        if archive is None:
            from scrapy import signals

            archive = cls(crawler.settings.get("NEWSCRAWL_DB"))
            crawler._newscrawl_archive = archive
            crawler.signals.connect(archive.close, signal=signals.engine_stopped)
        return archive

    # schema

    def migrate(self) -> list[str]:
        """Apply missing migrations; returns the names applied."""
        applied_table = self.db["_migrations"]
        if not applied_table.exists():
            applied_table.create({"name": str, "applied_at": str}, pk="name")
        done = {row["name"] for row in applied_table.rows}
        applied = []
        for name, migration in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                migration(self.db)
                applied_table.insert({"name": name, "applied_at": utc_now()})
            applied.append(name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``), rolled back on error."""
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"archive {self.path} is locked or read-only: {exc}") from exc
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def close(self) -> None:
        self.db.conn.close()

    # sources

    def upsert_sources(self, sources: Iterable[Any]) -> None:
        """Record registry sources (``newscrawl.sources.Source``) for joins and Datasette."""
        rows = [
            {
                "name": s.name,
                "homepage": s.homepage,
                "languages": json.dumps(list(s.languages)),
                "country": s.country,
                "timezone": s.timezone,
                "feeds": json.dumps(list(s.feeds)),
                "sitemaps": json.dumps(list(s.sitemaps)),
                "sections": json.dumps(list(s.sections)),
                "updated_at": utc_now(),
            }
            for s in sources
        ]
        with self.transaction():
            self.db["sources"].upsert_all(rows, pk="name")

    # articles

    def article_id(self, canonical_url: str) -> int | None:
        """Row id of the article stored under a canonical URL or any URL it was seen under."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE canonical_url = ? "
            "UNION ALL SELECT article_id FROM article_urls WHERE url = ? LIMIT 1",
            [canonical_url, canonical_url],
        ).fetchone()
        return row[0] if row else None

    def canonical_for_url(self, url: str) -> str | None:
        """Canonical URL of the stored article that ``url`` (canonical or alias) belongs to."""
        row = self.db.execute(
            "SELECT a.canonical_url FROM article_urls u JOIN articles a ON a.id = u.article_id "
            "WHERE u.url = ? LIMIT 1",
            [url],
        ).fetchone()
        return row[0] if row else None

    def canonical_for_hash(self, content_hash: str) -> str | None:
        """Canonical URL of the first stored article with this body hash."""
        row = self.db.execute(
            "SELECT canonical_url FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [content_hash]
        ).fetchone()
        return row[0] if row else None

    def near_duplicate_candidates(self, bands: list[tuple[int, str]]) -> list[tuple[str, bytes]]:
        """(canonical URL, signature) of stored articles sharing an LSH band bucket."""
        if not bands:
            return []
        clause = " OR ".join("(b.band = ? AND b.bucket = ?)" for _ in bands)
        params = [v for pair in bands for v in pair]
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT DISTINCT a.canonical_url, m.signature FROM minhash_bands b "
                "JOIN article_minhash m ON m.article_id = b.article_id "
                f"JOIN articles a ON a.id = b.article_id WHERE {clause}",
                params,
            )
        ]

    def write_articles(self, records: list[dict[str, Any]]) -> WriteResult:
        """Insert or update a batch of articles in one transaction.

        Each record holds article columns plus ``urls`` (every URL seen) and
        optionally ``duplicate_of`` (canonical URL of the kept article, for
        duplicates: only their URLs are recorded) and ``duplicate_kind``.
        An article whose canonical URL is stored already is updated in place
        when its text changed.
        """
        result = WriteResult(ids={})
        now = utc_now()
        with self.transaction():
            for record in records:
                self._write_one(record, now, result)
            self._refresh_stories(result.stories, now)
        return result

    def _write_one(self, record: dict[str, Any], now: str, result: WriteResult) -> None:
        db = self.db
        assert result.ids is not None
        urls = [u for u in record.get("urls", []) if u]
        kept = record.get("duplicate_of")
        if kept:
            kept_id = result.ids.get(kept) or self.article_id(kept)
            if kept_id is None:
                return
            kind = record.get("duplicate_kind", "duplicate")
            promoted = kind != "alias" and self._published_earlier(record, kept_id)
            if promoted:
                self._promote_original(kept_id, record, kind, now)
            for url in {record["canonical_url"], *urls}:
                url_kind = ("canonical" if url == record["canonical_url"] else "alias") if promoted else kind
                inserted = db.execute(
                    "INSERT OR IGNORE INTO article_urls (url, article_id, kind, similarity, first_seen) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [url, kept_id, url_kind, None if promoted else record.get("similarity"), now],
                ).rowcount
                result.aliases += inserted
            db.execute("UPDATE articles SET last_seen = ? WHERE id = ?", [now, kept_id])
            return
        row = {k: record.get(k) for k in _ARTICLE_COLUMNS}
        for key in _JSON_COLUMNS:
            row[key] = json.dumps(row[key] or ([] if key != "language_hints" else {}), ensure_ascii=False)
        row["word_count"] = len((row["body"] or "").split())
        row["last_seen"] = now
        row["article_type"] = record.get("article_type")
        row["match_facts"] = record.get("match_facts")
        if record.get("match"):
            row["story_id"] = self._story_for_match(record["match"], now)
            result.stories.add(row["story_id"])
        existing = db.execute(
            "SELECT id, content_hash, title FROM articles WHERE canonical_url = ?", [row["canonical_url"]]
        ).fetchone()
        if existing is None:
            row["first_seen"] = now
            article_id = self._insert("articles", row)
            result.new += 1
        else:
            article_id = existing[0]
            if existing[1] == row["content_hash"] and existing[2] == row["title"]:
                db.execute("UPDATE articles SET last_seen = ? WHERE id = ?", [now, article_id])
                result.unchanged += 1
            else:
                self._update("articles", article_id, row)
                db.execute("UPDATE articles SET version = version + 1 WHERE id = ?", [article_id])
                result.updated += 1
        result.ids[row["canonical_url"]] = article_id
        if existing is None or (existing[1], existing[2]) != (row["content_hash"], row["title"]):
            search_index.index_article(db.conn, article_id, row["title"], row["body"], row["language"])
        if record.get("signature") is not None:
            self._write_signature(article_id, record["signature"], record.get("bands") or [])
        for url in {row["canonical_url"], *urls}:
            db.execute(
                "INSERT OR IGNORE INTO article_urls (url, article_id, kind, first_seen) VALUES (?, ?, ?, ?)",
                [url, article_id, "canonical" if url == row["canonical_url"] else "alias", now],
            )

    # Plain SQL for rows written per article: sqlite-utils' insert/update introspect the schema on
    # every call, which costs more than the write itself in a crawl.

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        columns = ", ".join(f'"{c}"' for c in row)
        cursor = self.db.conn.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" for _ in row)})', list(row.values())
        )
        return int(cursor.lastrowid)

    def _update(self, table: str, row_id: int, row: dict[str, Any]) -> None:
        assignments = ", ".join(f'"{c}" = ?' for c in row)
        self.db.conn.execute(f'UPDATE "{table}" SET {assignments} WHERE id = ?', [*row.values(), row_id])

    def _published_earlier(self, record: dict[str, Any], article_id: int) -> bool:
        """Whether a duplicate was published before the stored copy (so it is the original)."""
        theirs = record.get("published_at")
        ours = self.db.execute("SELECT published_at FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        return bool(theirs and ours and record.get("body") and theirs < ours)

    def _promote_original(self, article_id: int, record: dict[str, Any], kind: str, now: str) -> None:
        """Make the earlier-published copy the stored article; the old copy's URL becomes a duplicate URL."""
        old_canonical = self.db.execute(
            "SELECT canonical_url FROM articles WHERE id = ?", [article_id]
        ).fetchone()[0]
        row = {k: record.get(k) for k in _ARTICLE_COLUMNS}
        for key in _JSON_COLUMNS:
            row[key] = json.dumps(row[key] or ([] if key != "language_hints" else {}), ensure_ascii=False)
        row["word_count"] = len((row["body"] or "").split())
        self._update("articles", article_id, row)
        self.db.execute(
            "UPDATE article_urls SET kind = ?, similarity = ? WHERE url = ?",
            [kind, record.get("similarity"), old_canonical],
        )

    # matches and stories

    def matches_for_teams(self, team_ids: str) -> list[dict[str, Any]]:
        """Stored matches between two teams (``team_ids`` as written by the story pipeline)."""
        return [dict(r) for r in self._rows("SELECT * FROM matches WHERE team_ids = ?", [team_ids])]

    def match_facts_for_teams(self, team_ids: str) -> list[tuple[str, str]]:
        """(match key, article match-facts JSON) of the stored articles of matches between two teams."""
        return self.db.execute(
            "SELECT m.key, a.match_facts FROM matches m JOIN stories s ON s.match_id = m.id "
            "JOIN articles a ON a.story_id = s.id WHERE m.team_ids = ? AND a.match_facts IS NOT NULL "
            "ORDER BY a.published_at",
            [team_ids],
        ).fetchall()

    def upsert_reference(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Replace the rows of a reference table (``teams``, ``competitions``) when they changed."""
        if self.db[table].count == len(rows):
            return
        with self.transaction():
            self.db[table].upsert_all(rows, pk="id")

    def assign_stories(self, assignments: list[tuple[str, dict[str, Any]]]) -> None:
        """Put stored articles (by canonical URL) into the stories of the given match rows, in one transaction."""
        now = utc_now()
        touched: set[int] = set()
        with self.transaction():
            for canonical_url, match in assignments:
                story_id = self._story_for_match(match, now)
                self.db.execute("UPDATE articles SET story_id = ? WHERE canonical_url = ?", [story_id, canonical_url])
                touched.add(story_id)
            self._refresh_stories(touched, now)

    def _story_for_match(self, match: dict[str, Any], now: str) -> int:
        """Id of the story of a match, creating or refreshing the match row (by ``key``)."""
        existing = self.db.execute("SELECT id FROM matches WHERE key = ?", [match["key"]]).fetchone()
        if existing:
            match_id = existing[0]
            self._update("matches", match_id, {**match, "updated_at": now})
        else:
            match_id = self._insert("matches", {**match, "created_at": now, "updated_at": now})
        story = self.db.execute("SELECT id FROM stories WHERE match_id = ?", [match_id]).fetchone()
        if story:
            if match.get("tie_key"):
                self.db.execute("UPDATE stories SET tie_key = ? WHERE id = ?", [match["tie_key"], story[0]])
            return story[0]
        return self._insert(
            "stories", {"kind": "match", "match_id": match_id, "tie_key": match.get("tie_key"), "updated_at": now}
        )

    def _refresh_stories(self, story_ids: set[int], now: str) -> None:
        """Recount the articles, languages and dates of the stories a batch touched."""
        for story_id in story_ids:
            self.db.execute(
                """
                UPDATE stories SET
                  article_count = (SELECT count(*) FROM articles WHERE story_id = :id),
                  languages = (SELECT json_group_array(language) FROM
                               (SELECT DISTINCT language FROM articles WHERE story_id = :id ORDER BY language)),
                  first_published_at = (SELECT min(published_at) FROM articles WHERE story_id = :id),
                  last_published_at = (SELECT max(published_at) FROM articles WHERE story_id = :id),
                  headline = coalesce((SELECT title FROM articles WHERE story_id = :id
                                       ORDER BY article_type = 'report' DESC, published_at LIMIT 1), headline),
                  updated_at = :now
                WHERE id = :id
                """,
                {"id": story_id, "now": now},
            )

    def _write_signature(self, article_id: int, signature: bytes, bands: list[tuple[int, str]]) -> None:
        self.db.execute("DELETE FROM minhash_bands WHERE article_id = ?", [article_id])
        self.db.execute(
            "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)", [article_id, signature]
        )
        self.db.conn.executemany(
            "INSERT INTO minhash_bands (band, bucket, article_id) VALUES (?, ?, ?)",
            [(band, bucket, article_id) for band, bucket in bands],
        )

    # crawl runs

    def start_run(self, sources: Iterable[str], pid: int) -> int:
        with self.transaction():
            return self.db["crawl_runs"].insert(
                {"started_at": utc_now(), "status": "running", "sources": ",".join(sources), "pid": pid}
            ).last_pk

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        row = {k: v for k, v in counts.items() if k in self.db["crawl_runs"].columns_dict}
        for key in ("errors_by_kind", "drops_by_reason", "stats"):
            if key in row and not isinstance(row[key], str):
                row[key] = json.dumps(row[key], sort_keys=True, default=str)
        row.update(status=status, finished_at=utc_now())
        with self.transaction():
            self.db["crawl_runs"].update(run_id, row)

    # crawl state (per-URL fetch history for incremental, cron-safe crawls; see newscrawl.crawlstate)

    def close_dead_runs(self, current_run: int) -> list[int]:
        """Mark runs still ``running`` other than ``current_run`` as ``killed``; returns their ids.

        Call it only while holding the archive's crawl lock: then no other
        crawl can be alive, so a ``running`` row belongs to a process that died.
        """
        rows = self.db.execute(
            "SELECT id FROM crawl_runs WHERE status = 'running' AND id != ?", [current_run]
        ).fetchall()
        ids = [r[0] for r in rows]
        if ids:
            with self.transaction():
                self.db.conn.executemany(
                    "UPDATE crawl_runs SET status = 'killed', finished_at = ?, "
                    "stop_reason = ? WHERE id = ?",
                    [(utc_now(), f"process died; found by run {current_run}", i) for i in ids],
                )
        return ids

    def fetch_state(self, url: str) -> dict[str, Any] | None:
        """The ``crawl_state`` row of a URL, or None when it was never fetched."""
        rows = self._rows("SELECT * FROM crawl_state WHERE url = ?", [url])
        return dict(rows[0]) if rows else None

    def write_crawl_state(self, changes: Iterable[tuple[str, Any]]) -> None:
        """Apply buffered crawl-state changes in order, in one transaction.

        Each change is ``("fetch", row)`` (insert or update a ``crawl_state`` row,
        ``first_seen`` kept from the first insert) or ``("outcome", (url, outcome))``.
        """
        columns = set(self.db["crawl_state"].columns_dict)
        with self.transaction():
            for kind, change in changes:
                if kind == "outcome":
                    url, outcome = change
                    self.db.conn.execute("UPDATE crawl_state SET outcome = ? WHERE url = ?", [outcome, url])
                    continue
                row = {k: v for k, v in change.items() if k in columns}
                row.setdefault("first_seen", utc_now())
                updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in ("url", "first_seen"))
                self.db.conn.execute(
                    f"INSERT INTO crawl_state ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)}) "
                    f"ON CONFLICT(url) DO UPDATE SET {updates}",
                    list(row.values()),
                )

    def stored_seen_at(self, url: str) -> str | None:
        """When the stored article this URL belongs to was last written (None if not stored).

        Read from ``articles`` rather than ``crawl_state`` because it is
        committed together with the article: a crawl killed before its batch
        was written leaves no false "already stored".
        """
        row = self.db.execute(
            "SELECT coalesce(a.last_seen, a.fetched_at) FROM article_urls u "
            "JOIN articles a ON a.id = u.article_id WHERE u.url = ? LIMIT 1",
            [url],
        ).fetchone()
        return row[0] if row else None

    # reads

    def _rows(self, sql: str, params: Any = None) -> list[sqlite3.Row]:
        cursor = self.db.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params or {}).fetchall()
