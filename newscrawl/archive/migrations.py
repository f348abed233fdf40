"""The archive's schema, as a registered, ordered set of migrations.

Each migration runs once, in its own transaction, and is recorded in
``_migrations``; opening an archive for writing applies the missing ones.
Never edit an applied migration: register a new one (``@migration("013_...")``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import sqlite_utils

from newscrawl.archive import deferred_index, search
from newscrawl.archive.db import utc_now

Migration = Callable[[sqlite_utils.Database], None]

#: Ordered (name, function) pairs, in the order they are applied.
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a migration under ``name`` (names sort in the order they must run)."""

    def register(func: Migration) -> Migration:
        if MIGRATIONS and name <= MIGRATIONS[-1][0]:  # names must sort in order, once each
            raise ValueError(f"migration {name} registered after {MIGRATIONS[-1][0]}")
        MIGRATIONS.append((name, func))
        return func

    return register


def migrate(db: sqlite_utils.Database, transaction: Callable[[], AbstractContextManager[None]]) -> list[str]:
    """Apply the migrations ``db`` lacks, each in one ``transaction()``; returns the names applied."""
    applied_table = db["_migrations"]
    if not applied_table.exists():
        applied_table.create({"name": str, "applied_at": str}, pk="name")
    done = {row["name"] for row in applied_table.rows}
    applied = []
    for name, func in MIGRATIONS:
        if name in done:
            continue
        with transaction():
            func(db)
            applied_table.insert({"name": name, "applied_at": utc_now()})
        applied.append(name)
    return applied


@migration("001_initial")
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


@migration("002_minhash")
def _m002_minhash(db: sqlite_utils.Database) -> None:
    db["article_minhash"].create(
        {"article_id": int, "signature": bytes}, pk="article_id", foreign_keys=[("article_id", "articles", "id")]
    )
    db["minhash_bands"].create({"band": int, "bucket": str, "article_id": int})
    db["minhash_bands"].create_index(["band", "bucket"])
    db["minhash_bands"].create_index(["article_id"])


@migration("003_stories")
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


@migration("004_crawl_state")
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



@migration("010_query_indexes")
def _m010_query_indexes(db: sqlite_utils.Database) -> None:
    """The stemmed search index (see ``newscrawl.archive.search``) and the ``article_list`` view.

    The view gives each article its match's competition, so Datasette can facet on it.
    """
    search.create_table(db.conn)
    search.rebuild(db.conn)
    db.execute(
        "CREATE VIEW IF NOT EXISTS article_list AS SELECT a.id, a.published_at, a.language, a.source, "
        "a.article_type, m.competition, a.story_id, a.title, a.url, a.word_count FROM articles a "
        "LEFT JOIN stories s ON s.id = a.story_id LEFT JOIN matches m ON m.id = s.match_id"
    )



@migration("011_search_filter_index")
def _m011_search_filter_index(db: sqlite_utils.Database) -> None:
    """A narrow covering index led by the id, so filtered searches check each hit's language, date,
    source, type and story without reading the article row (and its body)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_articles_search_filters "
        "ON articles (id, language, published_at, source, article_type, story_id)"
    )



@migration("012_filter_covering_indexes")
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


@migration("013_utc_dates")
def _m013_utc_dates(db: sqlite_utils.Database) -> None:
    """``published_utc`` and ``modified_utc`` beside ``published_at``/``modified_at``, which keep the
    publisher's offset from now on (issue 12). Rows written before held UTC in ``*_at``, so
    they fill the new columns as they are; the index serves ordering by instant."""
    for column in ("published_utc", "modified_utc"):
        db["articles"].add_column(column, str)
    db.execute("UPDATE articles SET published_utc = published_at, modified_utc = modified_at")
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_published_utc ON articles (published_utc)")


@migration("014_story_evidence")
def _m014_story_evidence(db: sqlite_utils.Database) -> None:
    """What order-independent grouping reads (issue 11): each article's teams and day, indexed, so a
    run re-groups only the team pairs it touched; ``pending`` marks articles stored but not yet
    re-grouped (a run killed between the two is repaired by the next); ``story_merges`` keeps the
    ids of stories merged into another, so an old id still answers.

    Articles grouped before keep their stories; their pair evidence is filled from ``match_facts``."""
    db.execute(
        "CREATE TABLE story_evidence (article_id INTEGER PRIMARY KEY REFERENCES articles(id), "
        "team_a TEXT, team_b TEXT, day TEXT, side_facts TEXT, pending INTEGER NOT NULL DEFAULT 1)"
    )
    db.execute("CREATE INDEX idx_story_evidence_pair ON story_evidence (team_a, team_b, day)")
    db.execute("CREATE INDEX idx_story_evidence_b ON story_evidence (team_b, day)")
    db.execute("CREATE INDEX idx_story_evidence_pending ON story_evidence (pending) WHERE pending = 1")
    db.execute(
        "INSERT INTO story_evidence (article_id, team_a, team_b, day, pending) "
        "SELECT id, json_extract(match_facts, '$.team_ids[0]'), json_extract(match_facts, '$.team_ids[1]'), "
        "coalesce(json_extract(match_facts, '$.kickoff_date'), json_extract(match_facts, '$.published_date')), 0 "
        "FROM articles WHERE match_facts IS NOT NULL"
    )
    db.execute("CREATE TABLE story_merges (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL, merged_at TEXT)")
    db.execute("CREATE INDEX idx_story_merges_new ON story_merges (new_id)")


@migration("015_fixtures")
def _m015_fixtures(db: sqlite_utils.Database) -> None:
    """Known fixtures (``newscrawl fixtures import``): who plays whom on which day, and the result.

    ``team_a``/``team_b`` are the two team ids sorted, as grouping looks them up."""
    db.execute(
        "CREATE TABLE fixtures (id INTEGER PRIMARY KEY, team_a TEXT NOT NULL, team_b TEXT NOT NULL, "
        "kickoff_date TEXT NOT NULL, competition TEXT, round TEXT, home_team TEXT, away_team TEXT, "
        "score_home INTEGER, score_away INTEGER, source TEXT, imported_at TEXT)"
    )
    db.execute("CREATE UNIQUE INDEX idx_fixtures_pair_day ON fixtures (team_a, team_b, kickoff_date)")


#: Indexes whose columns lead one of 012's covering filter indexes (which serve the same lookups).
_SUPERSEDED_INDEXES = ("idx_articles_language_published_at", "idx_articles_source_published_at",
                       "idx_articles_story_id")


@migration("016_one_search_index")
def _m016_one_search_index(db: sqlite_utils.Database) -> None:
    """One full-text index instead of two indexes and a copy of the text (issue 14).

    The plain ``articles_fts`` (exact words) and its triggers go: the stemmed index finds
    every exact word too, and Datasette's search box now goes through it (the plugin's
    ``escape_fts``). ``articles_stemmed`` becomes contentless, its triggers keeping it in
    step (:mod:`newscrawl.archive.search`); it is refilled from ``articles``, so nothing
    searchable is lost. Indexes that a covering filter index supersedes are dropped.
    The freed pages are reused by later writes; ``VACUUM`` (outside newscrawl) gives them back.
    """
    conn = db.conn  # has the stemming function the triggers call (newscrawl.archive.db.connect)
    for trigger in ("articles_ai", "articles_ad", "articles_au"):  # sqlite-utils' names for articles_fts
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    if not search.is_contentless(conn):  # (010 makes it contentless on an archive older than 010)
        db.execute(f"DROP TABLE IF EXISTS {search.TABLE}")
        search.create_table(conn)
        search.rebuild(conn)
    search.create_triggers(conn)
    for name in _SUPERSEDED_INDEXES:
        db.execute(f"DROP INDEX IF EXISTS {name}")


@migration("017_canonical_without_www")
def _m017_canonical_without_www(db: sqlite_utils.Database) -> None:
    """Canonical URLs stored before the ``www.`` edition folded onto the site's own host
    (``newscrawl.urls``) are folded too, so a new crawl finds those articles by their URL.

    The old URL stays in ``article_urls`` as an alias of the article. An article is left as
    it is when its folded URL already names another article (two stored copies of one page).
    """
    conn = db.conn
    found = conn.execute(
        "SELECT id, canonical_url, first_seen FROM articles WHERE canonical_url GLOB 'http*://www.*'").fetchall()
    for article_id, old, first_seen in found:
        scheme, _, rest = old.partition("://www.")
        host = rest.split("/", 1)[0]
        if scheme not in ("http", "https") or "." not in host:  # "www.localhost": nothing to fold into
            continue
        new = f"{scheme}://{rest}"
        taken = conn.execute("SELECT 1 FROM articles WHERE canonical_url = ? UNION ALL "
                             "SELECT 1 FROM article_urls WHERE url = ? AND article_id != ?",
                             [new, new, article_id]).fetchone()
        if taken:
            continue
        conn.execute("UPDATE articles SET canonical_url = ? WHERE id = ?", [new, article_id])
        conn.execute("UPDATE article_urls SET kind = 'alias' WHERE url = ? AND article_id = ?", [old, article_id])
        conn.execute("INSERT OR IGNORE INTO article_urls (url, article_id, kind, first_seen) VALUES (?, ?, ?, ?)",
                     [new, article_id, "canonical", first_seen])
        conn.execute("UPDATE article_urls SET kind = 'canonical' WHERE url = ? AND article_id = ?", [new, article_id])


@migration("018_deferred_indexing")
def _m018_deferred_indexing(db: sqlite_utils.Database) -> None:
    """A stored batch's new articles enter the search index once, after the re-grouping has given
    them their stories (``story_id`` is indexed): the tables and triggers of deferred indexing
    (:mod:`newscrawl.archive.search`). The index itself does not change."""
    conn = db.conn
    deferred_index.create_tables(conn)
    for name in search.TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    search.create_triggers(conn)


@migration("019_evidence_names")
def _m019_evidence_names(db: sqlite_utils.Database) -> None:
    """The names an article gives outside team names (:mod:`newscrawl.matching.names`), so a match
    article that names no team can be placed in the story it shares them with. Rows stored before
    have none: those articles are placed by names once they are stored again."""
    db.execute("ALTER TABLE story_evidence ADD COLUMN names TEXT")
    db.execute("CREATE INDEX idx_story_evidence_loose ON story_evidence (day) WHERE team_a IS NULL AND side_facts IS NOT NULL")


@migration("020_reference_versions")
def _m020_reference_versions(db: sqlite_utils.Database) -> None:
    """The version of the data the reference tables (``teams``, ``competitions``) were written from,
    one row per source (``gazetteer``: :func:`newscrawl.matching.reference.reference_version`), so a
    crawl writes them only when it changed."""
    db["reference_versions"].create({"name": str, "version": str, "written_at": str}, pk="name")
