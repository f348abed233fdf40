"""The ``articles`` table: its columns declared once, and article writes with duplicate promotion.

:data:`ARTICLE_COLUMNS` is the one list of an article's stored columns. The
migrations created them one by one (applied migrations are never edited), so
``tests/archive/test_columns.py`` checks the migrated schema, the export
columns, the reads and the Datasette metadata against this declaration.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Literal

from newscrawl.archive import deferred_index
from newscrawl.archive.db import insert_row, update_row, utc_now
from newscrawl.items import ArticleItem

Origin = Literal["item", "json", "archive"]


@dataclass(frozen=True)
class Column:
    """One stored column of ``articles``."""

    name: str
    type: type
    origin: Origin
    """``item``: the :class:`ArticleItem` field of that name; ``json``: that field as JSON;
    ``archive``: set by the archive itself (ids, counts, seen times, the story)."""


ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("id", int, "archive"),
    Column("canonical_url", str, "item"),
    Column("url", str, "item"),
    Column("source", str, "item"),
    Column("site_name", str, "item"),
    Column("title", str, "item"),
    Column("description", str, "item"),
    Column("body", str, "item"),
    Column("authors", str, "json"),
    Column("published_raw", str, "item"),
    Column("published_at", str, "item"),
    Column("published_precision", str, "item"),
    Column("published_source", str, "item"),
    Column("modified_raw", str, "item"),
    Column("modified_at", str, "item"),
    Column("modified_precision", str, "item"),
    Column("language", str, "item"),
    Column("language_hints", str, "json"),
    Column("section", str, "item"),
    Column("tags", str, "json"),
    Column("image_url", str, "item"),
    Column("word_count", int, "archive"),
    Column("content_hash", str, "item"),
    Column("fetched_at", str, "item"),
    Column("first_seen", str, "archive"),
    Column("last_seen", str, "archive"),
    Column("version", int, "archive"),
    Column("article_type", str, "archive"),
    Column("story_id", int, "archive"),
    Column("match_facts", str, "archive"),
    # Added by migration 013: ``published_at``/``modified_at`` keep the publisher's offset.
    Column("published_utc", str, "item"),
    Column("modified_utc", str, "item"),
)
#: Columns copied from the item (as is or as JSON).
ITEM_COLUMNS = tuple(c.name for c in ARTICLE_COLUMNS if c.origin != "archive")
JSON_COLUMNS = tuple(c.name for c in ARTICLE_COLUMNS if c.origin == "json")


def record_for(item: ArticleItem) -> dict[str, Any]:
    """The archive record of an item: article columns, URLs seen, the pipelines' verdicts."""
    record: dict[str, Any] = {name: getattr(item, name) for name in ITEM_COLUMNS}
    record["canonical_url"] = item.canonical_url or item.url
    record["urls"] = list(item.urls)
    record["duplicate_of"] = item.duplicate_of
    record["duplicate_kind"] = item.dedup.kind.url_kind if item.dedup.kind else None
    record["similarity"] = item.dedup.similarity
    record["signature"] = item.dedup.signature
    record["bands"] = item.dedup.bands
    record["article_type"] = item.story.article_type
    record["match_facts"] = facts_json(item.story.facts) if item.story.facts is not None else None
    record["match"] = asdict(item.story.match) if item.story.match is not None else None
    record["evidence"] = evidence_of(item.story)
    return record


def evidence_of(verdict: Any) -> dict[str, Any]:
    """The ``story_evidence`` columns of a story verdict: the article's team ids (two sorted for a
    pair article, one for a one-team article, none), its day (kick-off, else publication), the
    one-team (or no-team) facts as JSON and its names, space-separated."""
    facts, side = verdict.facts, verdict.side or verdict.loose
    found = facts or side
    names = " ".join(sorted(verdict.names)) or None
    if found is None:
        return {"team_a": None, "team_b": None, "day": None, "side_facts": None, "names": names}
    teams = list(found.team_ids) + [None, None]
    day = found.kickoff_date or found.published_date
    return {"team_a": teams[0], "team_b": teams[1], "day": day.isoformat() if day else None,
            "side_facts": facts_json(side) if facts is None else None, "names": names}


def facts_json(facts: Any) -> str:
    """Match facts (a dataclass) as the JSON stored in ``articles.match_facts``."""
    return json.dumps(facts, default=_json_value, sort_keys=True, ensure_ascii=False)


def _json_value(value: Any) -> Any:
    """A dataclass as its fields (what ``asdict`` gives, without deep-copying every value first:
    0.07 -> 0.02 ms the facts of an article); anything else JSON lacks (days) as ``str``."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, frozenset):
        return sorted(value)
    return str(value)


def _article_row(record: dict[str, Any]) -> dict[str, Any]:
    row = {k: record.get(k) for k in ITEM_COLUMNS}
    for key in JSON_COLUMNS:
        row[key] = json.dumps(row[key] or ([] if key != "language_hints" else {}), ensure_ascii=False)
    row["word_count"] = len((row["body"] or "").split())
    return row


@dataclass
class WriteResult:
    """What one batch write did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases: int = 0
    ids: dict[str, int] | None = None
    stories: set[int] = field(default_factory=set)


class ArticleWrites:
    """Article lookups for dedup and the batch write (mixed into :class:`newscrawl.archive.Archive`)."""

    # Given by Archive; the story methods (_story_for_match, _refresh_stories) by StoryWrites.
    conn: sqlite3.Connection

    def article_id(self, canonical_url: str) -> int | None:
        """Row id of the article stored under a canonical URL or any URL it was seen under."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE canonical_url = ? "
            "UNION ALL SELECT article_id FROM article_urls WHERE url = ? LIMIT 1",
            [canonical_url, canonical_url],
        ).fetchone()
        return row[0] if row else None

    def canonical_for_url(self, url: str) -> str | None:
        """Canonical URL of the stored article that ``url`` (canonical or alias) belongs to."""
        row = self.conn.execute(
            "SELECT a.canonical_url FROM article_urls u JOIN articles a ON a.id = u.article_id "
            "WHERE u.url = ? LIMIT 1",
            [url],
        ).fetchone()
        return row[0] if row else None

    def canonical_for_hash(self, content_hash: str) -> str | None:
        """Canonical URL of the first stored article with this body hash."""
        row = self.conn.execute(
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
            for row in self.conn.execute(
                "SELECT DISTINCT a.canonical_url, m.signature FROM minhash_bands b "
                "JOIN article_minhash m ON m.article_id = b.article_id "
                f"JOIN articles a ON a.id = b.article_id WHERE {clause}",
                params,
            )
        ]

    def write_articles(self, records: list[dict[str, Any] | ArticleItem], *,
                       defer_search: bool = False) -> WriteResult:
        """Insert or update a batch of articles (items, or records as :func:`record_for` makes them)
        in one transaction.

        ``defer_search``: the new articles enter the search index only at
        :meth:`index_deferred_articles` (the store calls it once the batch is re-grouped: their
        stories are indexed, so each is indexed once instead of three times).

        A record holds article columns plus ``urls`` (every URL seen) and
        optionally ``duplicate_of`` (canonical URL of the kept article, for
        duplicates: only their URLs are recorded) and ``duplicate_kind``.
        An article whose canonical URL is stored already is updated in place
        when its text changed.
        """
        result = WriteResult(ids={})
        now = utc_now()
        with self.transaction(), (deferred_index.deferring(self.conn) if defer_search else nullcontext()):
            for record in records:
                self._write_one(record_for(record) if isinstance(record, ArticleItem) else record, now, result)
            self._refresh_stories(result.stories, now)
        return result

    def index_deferred_articles(self) -> int:
        """Put the articles stored with ``defer_search`` in the search index, as they are now (one
        transaction, none when there are none); returns how many."""
        if not deferred_index.has_deferred(self.conn):
            return 0
        with self.transaction():
            return deferred_index.index_deferred(self.conn)

    def _write_one(self, record: dict[str, Any], now: str, result: WriteResult) -> None:
        conn = self.conn
        assert result.ids is not None
        urls = [u for u in record.get("urls", []) if u]
        if record.get("duplicate_of"):
            self._write_duplicate(record, urls, now, result)
            return
        row = _article_row(record)
        row["last_seen"] = now
        row["article_type"] = record.get("article_type")
        row["match_facts"] = record.get("match_facts")
        if record.get("match"):
            row["story_id"] = self._story_for_match(record["match"], now)
            result.stories.add(row["story_id"])
        existing = conn.execute(
            "SELECT id, content_hash, title FROM articles WHERE canonical_url = ?", [row["canonical_url"]]
        ).fetchone()
        if existing is None:
            row["first_seen"] = now
            article_id = insert_row(conn, "articles", row)
            result.new += 1
        else:
            article_id = existing[0]
            if existing[1] == row["content_hash"] and existing[2] == row["title"]:
                conn.execute("UPDATE articles SET last_seen = ? WHERE id = ?", [now, article_id])
                result.unchanged += 1
            else:
                update_row(conn, "articles", article_id, row)
                conn.execute("UPDATE articles SET version = version + 1 WHERE id = ?", [article_id])
                result.updated += 1
        result.ids[row["canonical_url"]] = article_id
        # (the search index follows the text through its triggers: newscrawl.archive.search)
        changed = existing is None or (existing[1], existing[2]) != (row["content_hash"], row["title"])
        if changed:
            self._write_evidence(article_id, record)
        if record.get("signature") is not None:
            self._write_signature(article_id, record["signature"], record.get("bands") or [])
        for url in {row["canonical_url"], *urls}:
            conn.execute(
                "INSERT OR IGNORE INTO article_urls (url, article_id, kind, first_seen) VALUES (?, ?, ?, ?)",
                [url, article_id, "canonical" if url == row["canonical_url"] else "alias", now],
            )

    def _write_duplicate(self, record: dict[str, Any], urls: list[str], now: str, result: WriteResult) -> None:
        """Record a duplicate's URLs under the kept article (or promote it when it was published first)."""
        assert result.ids is not None
        kept = record["duplicate_of"]
        kept_id = result.ids.get(kept) or self.article_id(kept)
        if kept_id is None:
            return
        kind = record.get("duplicate_kind") or "duplicate"
        promoted = kind != "alias" and self._published_earlier(record, kept_id)
        if promoted:
            self._promote_original(kept_id, record, kind)
        for url in {record["canonical_url"], *urls}:
            url_kind = ("canonical" if url == record["canonical_url"] else "alias") if promoted else kind
            inserted = self.conn.execute(
                "INSERT OR IGNORE INTO article_urls (url, article_id, kind, similarity, first_seen) "
                "VALUES (?, ?, ?, ?, ?)",
                [url, kept_id, url_kind, None if promoted else record.get("similarity"), now],
            ).rowcount
            result.aliases += inserted
        self.conn.execute("UPDATE articles SET last_seen = ? WHERE id = ?", [now, kept_id])

    def _published_earlier(self, record: dict[str, Any], article_id: int) -> bool:
        """Whether a duplicate was published before the stored copy (so it is the original)."""
        # Instants compare in UTC: "09:00+02:00" is before "08:30+00:00".
        theirs = record.get("published_utc") or record.get("published_at")
        ours, our_url = self.conn.execute(
            "SELECT coalesce(published_utc, published_at), canonical_url FROM articles WHERE id = ?",
            [article_id]).fetchone()
        # published at the same instant: the smaller URL, so arrival order never decides
        return bool(theirs and ours and record.get("body")
                    and (theirs, record["canonical_url"]) < (ours, our_url))

    def _write_evidence(self, article_id: int, record: dict[str, Any]) -> None:
        """The record's story evidence, pending until the stories pipeline re-groups it (in its own transaction)."""
        if record.get("evidence") is not None:
            self.conn.execute(
                "INSERT OR REPLACE INTO story_evidence (article_id, team_a, team_b, day, side_facts, names, pending) "
                "VALUES (:id, :team_a, :team_b, :day, :side_facts, :names, 1)", {"id": article_id, **record["evidence"]})

    def _promote_original(self, article_id: int, record: dict[str, Any], kind: str) -> None:
        """Make the earlier-published copy the stored article; the old copy's URL becomes a duplicate URL."""
        old_canonical = self.conn.execute(
            "SELECT canonical_url FROM articles WHERE id = ?", [article_id]
        ).fetchone()[0]
        row = _article_row(record)
        row["article_type"] = record.get("article_type")
        row["match_facts"] = record.get("match_facts")
        update_row(self.conn, "articles", article_id, row)
        # the promoted copy's own evidence and signature: the archive is the same whichever came first
        self._write_evidence(article_id, record)
        if record.get("signature") is not None:
            self._write_signature(article_id, record["signature"], record.get("bands") or [])
        self.conn.execute(
            "UPDATE article_urls SET kind = ?, similarity = ? WHERE url = ?",
            [kind, record.get("similarity"), old_canonical],
        )

    def _write_signature(self, article_id: int, signature: bytes, bands: list[tuple[int, str]]) -> None:
        self.conn.execute("DELETE FROM minhash_bands WHERE article_id = ?", [article_id])
        self.conn.execute(
            "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)", [article_id, signature]
        )
        self.conn.executemany(
            "INSERT INTO minhash_bands (band, bucket, article_id) VALUES (?, ?, ?)",
            [(band, bucket, article_id) for band, bucket in bands],
        )
