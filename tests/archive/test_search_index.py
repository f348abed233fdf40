"""The one full-text index (contentless ``articles_stemmed``) follows every write, on real archive files,
and migration 016 converts an archive written before it without losing a searchable article."""

from __future__ import annotations

import sqlite3

import pytest

from newscrawl.archive import Archive, queries
from newscrawl.archive import search as fts
from tests.support.archive import build_archive


def record(url: str, title: str, body: str, language: str = "fr", source: str = "vestiaire") -> dict:
    return {"canonical_url": url, "url": url, "title": title, "body": body, "language": language,
            "source": source, "content_hash": str(hash((title, body))), "urls": [url]}


def index_dump(conn: sqlite3.Connection) -> list[tuple]:
    """Every (term, article, column, position) the index holds."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.dump USING fts5vocab(main, {fts.TABLE}, instance)")
    return conn.execute("SELECT term, doc, col, offset FROM temp.dump ORDER BY 1, 2, 3, 4").fetchall()


def assert_index_matches_articles(archive: Archive) -> None:
    """The index kept by the triggers is the one a rebuild from ``articles`` gives."""
    conn = archive.conn
    kept = index_dump(conn)
    with archive.transaction():
        conn.execute(f"INSERT INTO {fts.TABLE} ({fts.TABLE}, rank) VALUES ('integrity-check', 0)")
        fts.rebuild(conn)
    assert index_dump(conn) == kept


def found(conn: sqlite3.Connection, text: str, **filters) -> list[str]:
    return [r["url"] for r in queries.search(conn, text, queries.ArticleFilters(**filters))]


def test_the_index_follows_insert_update_in_place_and_delete(tmp_path):
    archive = Archive(tmp_path / "a.db")
    conn = archive.conn
    archive.write_articles([record("https://e.fr/a", "Mbemba égalise", "Chancel Mbemba égalise au Vélodrome."),
                            record("https://e.nl/b", "Gelijkspel", "Een gelijkspel in Eindhoven.", "nl", "krant")])
    assert found(conn, "égalisation") == ["https://e.fr/a"]
    assert found(conn, "gelijkspelen", languages=["nl"], sources=["krant"]) == ["https://e.nl/b"]
    assert found(conn, "gelijkspel", sources=["vestiaire"]) == []
    assert found(conn, "xy") == found(conn, "xs*") == []  # facet tokens (no story: "xy") are no words

    # Updated in place (same canonical URL, new text): the old words go, the new ones come.
    archive.write_articles([record("https://e.fr/a", "Mbemba marque", "Chancel Mbemba marque de la tête.")])
    assert found(conn, "égalise") == []
    assert found(conn, "marquer tete") == ["https://e.fr/a"]
    with archive.transaction():  # a move to another source and language is followed too
        conn.execute("UPDATE articles SET source = 'krant', language = 'nl' WHERE canonical_url = 'https://e.fr/a'")
    assert found(conn, "mbemba", sources=["vestiaire"]) == []
    assert found(conn, "mbemba", sources=["krant"], languages=["nl"]) == ["https://e.fr/a"]
    # Writes that leave the indexed columns alone do not touch the index.
    changes = conn.total_changes
    with archive.transaction():
        conn.execute("UPDATE articles SET last_seen = 'x', article_type = 'report'")
    assert conn.total_changes - changes == 2
    assert_index_matches_articles(archive)

    with archive.transaction():
        conn.execute("DELETE FROM article_urls WHERE article_id = (SELECT id FROM articles WHERE title = 'Gelijkspel')")
        conn.execute("DELETE FROM articles WHERE title = 'Gelijkspel'")
    assert found(conn, "gelijkspel") == []
    assert_index_matches_articles(archive)
    archive.close()


def test_a_team_filter_follows_the_articles_stories(tmp_path):
    path = tmp_path / "f.db"
    build_archive(path)
    archive = Archive(path)
    conn = archive.conn
    psv = found(conn, "Eindhoven", team="psv")
    assert psv and found(conn, "Eindhoven", team="atalanta") == []
    atalanta_story = conn.execute(
        "SELECT s.id FROM stories s JOIN matches m ON m.id = s.match_id WHERE 'atalanta' IN (m.home_team, m.away_team)"
    ).fetchone()[0]
    fts.stemmed_text.cache_clear()
    with archive.transaction():
        conn.execute("UPDATE articles SET story_id = ? WHERE canonical_url = ?", [atalanta_story, psv[0]])
    # the row is re-indexed (old stems out, new in) but its title and body are stemmed once each
    assert fts.stemmed_text.cache_info().misses == 2
    assert fts.stemmed_text.cache_info().hits == 2
    assert psv[0] in found(conn, "Eindhoven", team="atalanta")
    assert psv[0] not in found(conn, "Eindhoven", team="psv")
    assert_index_matches_articles(archive)
    archive.close()


def test_a_connection_without_the_stemmer_reads_but_cannot_put_the_index_out_of_step(tmp_path):
    path = tmp_path / "a.db"
    Archive(path).write_articles([record("https://e.fr/a", "Mbemba égalise", "Mbemba égalise.")])
    plain = sqlite3.connect(path)  # the sqlite3 shell, another program
    with pytest.raises(sqlite3.OperationalError, match=f"no such function: {fts.STEM_FUNCTION}"):
        plain.execute("UPDATE articles SET body = 'Autre chose.'")
    with pytest.raises(sqlite3.OperationalError, match=f"no such function: {fts.STEM_FUNCTION}"):
        plain.execute("INSERT INTO articles (canonical_url, title) VALUES ('https://e.fr/b', 'Nouveau')")
    plain.execute("UPDATE articles SET last_seen = 'now'")  # no indexed column: allowed
    plain.commit()
    assert found(plain, "egalisation") == ["https://e.fr/a"]
    assert plain.execute("SELECT count(*), min(body) FROM articles").fetchone() == (1, "Mbemba égalise.")
    plain.close()


# -- migration 016 -------------------------------------------------------------------------


def _old_archive(path) -> None:
    """An archive as newscrawl wrote it before 016: the plain ``articles_fts`` (sqlite-utils, with its
    triggers), a stemmed FTS5 table keeping its own copy of the text, the indexes 016 drops."""
    archive = Archive(path)
    conn, db = archive.conn, archive.db
    with archive.transaction():
        for name in fts.TRIGGERS:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute(f"DROP TABLE {fts.TABLE}")
        conn.execute(f"CREATE VIRTUAL TABLE {fts.TABLE} USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')")
        db["articles"].enable_fts(["title", "body"], fts_version="FTS5", create_triggers=True,
                                  tokenize="unicode61 remove_diacritics 2")
        conn.execute("CREATE INDEX idx_articles_language_published_at ON articles (language, published_at)")
        conn.execute("CREATE INDEX idx_articles_source_published_at ON articles (source, published_at)")
        conn.execute("CREATE INDEX idx_articles_story_id ON articles (story_id)")
        conn.execute("DELETE FROM _migrations WHERE name = '016_one_search_index'")
    rows = [("https://e.fr/a", "vestiaire", "Mbemba égalise", "Chancel Mbemba égalise au Vélodrome.", "fr"),
            ("https://e.nl/b", "krant", "Gelijkspel in Eindhoven", "PSV en Feyenoord spelen gelijk.", "nl"),
            ("https://e.com/c", "pitch", "Atalanta sweep Marseille aside", "Lookman scored twice.", "en")]
    with archive.transaction():
        for url, source, title, body, language in rows:
            article_id = conn.execute(
                "INSERT INTO articles (canonical_url, url, source, title, body, language) VALUES (?, ?, ?, ?, ?, ?)",
                [url, url, source, title, body, language]).lastrowid
            # what the store path wrote: the stemmed text itself
            conn.execute(f"INSERT INTO {fts.TABLE} (rowid, title, body) VALUES (?, ?, ?)",
                         [article_id, fts.stemmed_text(title, language), fts.stemmed_text(body, language)])
    archive.close()


def test_migration_016_converts_an_old_archive_and_loses_nothing(tmp_path):
    path = tmp_path / "old.db"
    _old_archive(path)
    old = sqlite3.connect(path)
    assert old.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'velodrome'").fetchone() == (1,)
    articles_before = old.execute("SELECT * FROM articles ORDER BY id").fetchall()
    old.close()

    archive = Archive(path)  # migrates
    conn = archive.conn
    assert conn.execute("SELECT 1 FROM _migrations WHERE name = '016_one_search_index'").fetchone()
    assert conn.execute("SELECT * FROM articles ORDER BY id").fetchall() == articles_before
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert not {"articles_fts", "articles_ai", "articles_au", "articles_ad", "articles_stemmed_content",
                "idx_articles_language_published_at", "idx_articles_story_id"} & names
    assert set(fts.TRIGGERS) <= names and fts.is_contentless(conn)
    for url, title in conn.execute("SELECT canonical_url, title FROM articles"):
        assert found(conn, title) == [url]  # every article is found again by its own words
    assert found(conn, "Gelijkspelen", languages=["nl"], sources=["krant"]) == ["https://e.nl/b"]
    assert_index_matches_articles(archive)
    # and the new write path keeps it so
    archive.write_articles([record("https://e.fr/d", "Le PSV arrache le nul", "Un nul arraché.")])
    assert found(conn, "arracher") == ["https://e.fr/d"]
    archive.close()


# -- migration 017 -------------------------------------------------------------------------


def test_migration_017_folds_www_canonical_urls_and_keeps_the_old_ones_as_aliases(tmp_path):
    path = tmp_path / "www.db"
    archive = Archive(path)
    archive.write_articles([record("https://www.lequipe.fr/a", "Un", "Premier texte."),
                            record("https://www.lequipe.fr/b", "Deux", "Deuxième texte."),
                            record("https://lequipe.fr/b", "Deux bis", "Deuxième copie."),  # stored twice already
                            record("http://www.localhost/c", "Trois", "Troisième texte.")])
    with archive.transaction():
        archive.conn.execute("DELETE FROM _migrations WHERE name = '017_canonical_without_www'")
    archive.close()
    archive = Archive(path)
    conn = archive.conn
    assert sorted(r[0] for r in conn.execute("SELECT canonical_url FROM articles")) == [
        "http://www.localhost/c", "https://lequipe.fr/a", "https://lequipe.fr/b", "https://www.lequipe.fr/b"]
    urls = dict(conn.execute("SELECT url, kind FROM article_urls WHERE url LIKE '%/a'").fetchall())
    assert urls == {"https://www.lequipe.fr/a": "alias", "https://lequipe.fr/a": "canonical"}
    assert archive.article_id("https://lequipe.fr/a") == archive.article_id("https://www.lequipe.fr/a")
    assert found(conn, "premier") == ["https://lequipe.fr/a"]
    archive.close()


def test_deferred_articles_are_indexed_as_they_are_when_the_store_or_the_next_opening_indexes_them(tmp_path):
    path = tmp_path / "d.db"
    archive = Archive(path)
    archive.write_articles([record("https://e.fr/a", "Mbemba égalise", "Mbemba égalise au Vélodrome."),
                            record("https://e.fr/b", "Rongier blessé", "Valentin Rongier sort blessé.")],
                           defer_search=True)
    conn = archive.conn
    assert found(conn, "egalise") == []  # stored, not indexed yet
    with archive.transaction():  # a deferred article edited and one deleted leave the index alone
        conn.execute("UPDATE articles SET title = 'Mbemba marque', story_id = NULL WHERE canonical_url = 'https://e.fr/a'")
        conn.execute("DELETE FROM article_urls WHERE url = 'https://e.fr/b'")
        conn.execute("DELETE FROM articles WHERE canonical_url = 'https://e.fr/b'")
    archive.close()  # a run killed before indexing them
    archive = Archive(path)  # the next opening indexes what is listed
    conn = archive.conn
    assert conn.execute(f"SELECT count(*) FROM {fts.DEFERRED}").fetchone()[0] == 0
    assert found(conn, "marque") == ["https://e.fr/a"] and found(conn, "Rongier") == []
    assert_index_matches_articles(archive)
    archive.write_articles([record("https://e.fr/c", "Lopez arrête", "Pau Lopez arrête le penalty.")], defer_search=True)
    assert archive.index_deferred_articles() == 1 and archive.index_deferred_articles() == 0
    assert found(conn, "penalty") == ["https://e.fr/c"]
    assert_index_matches_articles(archive)
    archive.close()
