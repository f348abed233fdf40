"""``published_utc`` beside ``published_at`` (issue 12): migrated, stored, and used to compare instants."""

from __future__ import annotations

import sqlite_utils

from newscrawl.archive import MIGRATIONS, Archive
from newscrawl.archive.migrations import migrate


def _record(url: str, body: str, **dates) -> dict:
    return {"canonical_url": url, "url": url, "title": "Rovers 2-1 Millbrook", "body": body, "language": "en",
            "content_hash": str(hash(body)), "urls": [], **dates}


def test_the_migration_fills_utc_from_the_rows_written_in_utc_before(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    # An archive as it was before migration 013: published_at held UTC.
    before = [(name, func) for name, func in MIGRATIONS if name < "013"]
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for name, func in before:
        func(db)
        db["_migrations"].insert({"name": name, "applied_at": "2024-05-03T00:00:00+00:00"})
    db["articles"].insert({"canonical_url": "https://e.org/a", "url": "https://e.org/a", "body": "texte",
                           "published_at": "2024-05-02T19:12:00+00:00", "modified_at": "2024-05-03"})
    db.conn.commit()
    db.close()
    archive = Archive(path)
    row = archive.db.execute("SELECT published_at, published_utc, modified_utc FROM articles").fetchone()
    assert row == ("2024-05-02T19:12:00+00:00", "2024-05-02T19:12:00+00:00", "2024-05-03")
    assert "idx_articles_published_utc" in {i.name for i in archive.db["articles"].indexes}


def test_new_articles_store_both_and_duplicates_compare_instants(tmp_path):
    archive = Archive(tmp_path / "a.db")
    # Stored first: 07:30 in Paris (05:30 UTC). The copy: 06:00 in London (05:00 UTC), so earlier,
    # although its local string sorts after the stored one's.
    archive.write_articles([_record("https://paper.fr/copie", "même texte", source="paper",
                                    published_at="2024-05-06T07:30:00+02:00",
                                    published_utc="2024-05-06T05:30:00+00:00")])
    archive.write_articles([{
        **_record("https://wire.co.uk/original", "même texte", source="wire",
                  published_at="2024-05-06T06:00:00+01:00", published_utc="2024-05-06T05:00:00+00:00"),
        "duplicate_of": "https://paper.fr/copie", "duplicate_kind": "near_duplicate", "similarity": 0.97,
    }])
    (row,) = archive.db["articles"].rows
    assert (row["source"], row["published_at"], row["published_utc"]) == (
        "wire", "2024-05-06T06:00:00+01:00", "2024-05-06T05:00:00+00:00")
    archive.close()


def test_the_migration_is_registered_and_applies_once(tmp_path):
    assert "013_utc_dates" in [name for name, _ in MIGRATIONS]
    archive = Archive(tmp_path / "a.db")
    assert archive.migrate() == []
    assert migrate(archive.db, archive.transaction) == []
    archive.close()


def test_a_story_orders_and_spans_its_articles_by_instant_not_by_local_string(tmp_path):
    from newscrawl.archive import queries
    from newscrawl.archive.canned import CANNED_QUERIES
    from newscrawl.datasette import reader_queries

    archive = Archive(tmp_path / "a.db")
    # 23:30 in Paris is 21:30 UTC; 22:00 in London (GMT) is 22:00 UTC: the Paris one came first,
    # although its local string sorts after London's.
    archive.write_articles([
        _record("https://paper.fr/avant", "texte de Paris", source="paper", article_type="report",
                published_at="2024-05-02T23:30:00+02:00", published_utc="2024-05-02T21:30:00+00:00"),
        _record("https://wire.co.uk/after", "text from London", source="wire", article_type="report",
                published_at="2024-05-02T22:00:00+00:00", published_utc="2024-05-02T22:00:00+00:00"),
    ])
    archive.assign_stories([(url, {"key": "rovers-millbrook-2024-05-02", "home_team": "rovers",
                                   "away_team": "millbrook", "team_ids": "millbrook|rovers"})
                            for url in ("https://wire.co.uk/after", "https://paper.fr/avant")])
    conn = archive.db.conn
    (story_id, first, last, headline), = conn.execute(
        "SELECT id, first_published_at, last_published_at, headline FROM stories").fetchall()
    assert (first, last) == ("2024-05-02T21:30:00+00:00", "2024-05-02T22:00:00+00:00")
    assert headline == "Rovers 2-1 Millbrook"
    (group,) = queries.story(conn, story_id)["groups"]
    assert [a["url"] for a in group["articles"]] == ["https://paper.fr/avant", "https://wire.co.uk/after"]
    timeline = conn.execute(CANNED_QUERIES["story_timeline"], {"story_id": story_id}).fetchall()
    assert [row[5] for row in timeline] == ["https://paper.fr/avant", "https://wire.co.uk/after"]
    (card,) = reader_queries.story_cards(conn, [story_id], "en")
    assert card["last_published_at"] == "2024-05-02T22:00:00+00:00"
    archive.close()
