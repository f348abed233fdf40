"""The SQLite archive (newscrawl.archive): migrations, batched writes, updates, FTS, errors."""

from __future__ import annotations

import sqlite3

import pytest

from newscrawl.archive import MIGRATIONS, Archive, ArchiveError, queries


def record(url: str, body: str, **extra) -> dict:
    return {
        "canonical_url": url,
        "url": url,
        "title": extra.pop("title", "Marseille et l'Atalanta dos à dos"),
        "body": body,
        "language": "fr",
        "content_hash": extra.pop("content_hash", str(hash(body))),
        "urls": extra.pop("urls", []),
        **extra,
    }


def test_migrations_apply_once(tmp_path):
    path = tmp_path / "a.db"
    Archive(path).close()
    archive = Archive(path)
    assert archive.migrate() == []
    names = [r["name"] for r in archive.db["_migrations"].rows]
    assert names == [name for name, _ in MIGRATIONS]
    assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_new_unchanged_and_updated_in_place(tmp_path):
    archive = Archive(tmp_path / "a.db")
    first = archive.write_articles([record("https://e.fr/a", "Mbemba égalise d'une frappe splendide.")])
    assert (first.new, first.updated) == (1, 0)
    again = archive.write_articles([record("https://e.fr/a", "Mbemba égalise d'une frappe splendide.")])
    assert (again.new, again.unchanged) == (0, 1)
    changed = archive.write_articles([record("https://e.fr/a", "Mbemba égalise. Texte corrigé après le match.",
                                             content_hash="v2")])
    assert changed.updated == 1
    rows = list(archive.db["articles"].rows)
    assert len(rows) == 1 and rows[0]["version"] == 2 and "corrigé" in rows[0]["body"]


def test_urls_and_duplicates_point_to_the_kept_article(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.write_articles([
        record("https://e.fr/a", "texte original", urls=["https://e.fr/a?utm_source=rss"]),
        {"canonical_url": "https://agence.fr/copie", "urls": ["https://agence.fr/copie"],
         "duplicate_of": "https://e.fr/a", "duplicate_kind": "near_duplicate", "similarity": 0.91},
    ])
    assert archive.db["articles"].count == 1
    kinds = {r["url"]: r["kind"] for r in archive.db["article_urls"].rows}
    assert kinds == {
        "https://e.fr/a": "canonical",
        "https://e.fr/a?utm_source=rss": "alias",
        "https://agence.fr/copie": "near_duplicate",
    }
    assert archive.canonical_for_url("https://agence.fr/copie") == "https://e.fr/a"


def test_full_text_search_ignores_accents(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.write_articles([record("https://e.fr/a", "Chancel Mbemba égalise au Vélodrome.")])
    conn = archive.db.conn
    assert [r["id"] for r in queries.search(conn, "egalise velodrome")] == [1]
    assert queries.search(conn, "Vélodrome", queries.ArticleFilters(languages=["nl"])) == []
    assert "[égalise]" in queries.search(conn, "égalise")[0]["snippet"]


def test_corrupt_file_gives_archive_error(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ArchiveError, match="cannot open archive"):
        Archive(path)


def test_locked_database_gives_archive_error_and_keeps_rows(tmp_path):
    path = tmp_path / "a.db"
    Archive(path).write_articles([record("https://e.fr/a", "gardé")])
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        archive = Archive(path, timeout=0.2)
    except ArchiveError:
        archive = None
    else:
        with pytest.raises(ArchiveError, match="locked"):
            archive.write_articles([record("https://e.fr/b", "perdu?")])
    finally:
        blocker.rollback()
        blocker.close()
    assert Archive(path).db["articles"].count == 1


def test_readonly_missing_archive_says_what_to_do(tmp_path):
    with pytest.raises(ArchiveError, match="newscrawl crawl"):
        Archive(tmp_path / "none.db", readonly=True)


def test_batch_write_is_all_or_nothing(tmp_path):
    archive = Archive(tmp_path / "a.db")
    bad = record("https://e.fr/b", "b")
    bad["canonical_url"] = None  # NOT NULL violation in the middle of the batch
    with pytest.raises(sqlite3.IntegrityError):
        archive.write_articles([record("https://e.fr/a", "a"), bad])
    assert archive.db["articles"].count == 0


def test_earlier_published_copy_becomes_the_stored_original(tmp_path):
    archive = Archive(tmp_path / "a.db")
    archive.write_articles([record("https://paper.fr/copie", "même texte", published_at="2024-05-06T06:30:00+00:00",
                                   source="paper", title="Titre du journal")])
    archive.write_articles([
        {**record("https://agence.fr/original", "même texte", published_at="2024-05-05T21:20:00+00:00",
                  source="agence", title="Titre de l'agence"),
         "duplicate_of": "https://paper.fr/copie", "duplicate_kind": "near_duplicate", "similarity": 0.97},
    ])
    (row,) = archive.db["articles"].rows
    assert (row["canonical_url"], row["source"], row["title"]) == (
        "https://agence.fr/original", "agence", "Titre de l'agence")
    kinds = {r["url"]: r["kind"] for r in archive.db["article_urls"].rows}
    assert kinds == {"https://agence.fr/original": "canonical", "https://paper.fr/copie": "near_duplicate"}
