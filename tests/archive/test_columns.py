"""The article's columns are declared once (``newscrawl.archive.articles.ARTICLE_COLUMNS``):
the migrated schema, the item, the export, the reads and the Datasette metadata agree with it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from importlib import resources

import pytest

from newscrawl.archive import Archive, queries
from newscrawl.archive.articles import ARTICLE_COLUMNS, ITEM_COLUMNS, JSON_COLUMNS
from newscrawl.archive.canned import CANNED_QUERIES
from newscrawl.datasette import build_metadata
from newscrawl.items import ArticleItem
from newscrawl.runs.extract import RESULT_KEYS
from tests.support.archive import build_archive

DECLARED = [c.name for c in ARTICLE_COLUMNS]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    path = tmp_path_factory.mktemp("columns") / "football.db"
    build_archive(path)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def test_the_migrated_table_has_exactly_the_declared_columns_and_types(tmp_path):
    archive = Archive(tmp_path / "a.db")
    stored = archive.db["articles"].columns_dict
    archive.close()
    assert list(stored) == DECLARED
    assert stored == {c.name: c.type for c in ARTICLE_COLUMNS}


def test_item_columns_are_item_fields():
    item_fields = {f.name for f in fields(ArticleItem)}
    assert set(ITEM_COLUMNS) <= item_fields
    assert set(JSON_COLUMNS) <= set(ITEM_COLUMNS)
    assert set(RESULT_KEYS) <= item_fields


def test_export_and_read_columns_are_declared():
    assert set(queries.EXPORT_COLUMNS) <= set(DECLARED)
    stored = {"id", "published_at", "language", "source", "article_type", "story_id", "title", "url"}
    assert stored <= set(DECLARED) and stored <= set(queries.SEARCH_COLUMNS)


def test_datasette_describes_only_declared_columns():
    template = json.loads(resources.files("newscrawl.datasette").joinpath("metadata.json").read_text("utf-8"))
    described = template["database"]["tables"]["articles"]["columns"]
    assert set(described) <= set(DECLARED), set(described) - set(DECLARED)
    list_view = template["database"]["tables"].get("article_list", {}).get("columns", {})
    assert set(list_view) - {"competition"} <= set(DECLARED)


def test_canned_queries_come_from_the_archive_and_run(conn, tmp_path):
    metadata = build_metadata(tmp_path / "football.db")
    canned = metadata["databases"]["football"]["queries"]
    assert set(canned) == set(CANNED_QUERIES)
    for name, query in canned.items():
        assert query["sql"] == CANNED_QUERIES[name] and query["title"]
    conn.create_function("newscrawl_match", 1, lambda q: q)
    conn.create_function("newscrawl_snippet", 3, lambda body, q, lang: body[:20])
    stories = conn.execute(CANNED_QUERIES["latest_stories"]).fetchall()
    assert stories
    timeline = conn.execute(CANNED_QUERIES["story_timeline"], {"story_id": stories[0][0]}).fetchall()
    assert timeline
    # The real function: a team is found by any of its names, through the gazetteer.
    from newscrawl.datasette.plugin import newscrawl_is_team

    conn.create_function("newscrawl_is_team", 4, newscrawl_is_team)
    home = conn.execute("SELECT home_team FROM matches LIMIT 1").fetchone()[0]
    assert conn.execute(CANNED_QUERIES["team_matches"], {"team": home}).fetchall()
    by_nickname = conn.execute(CANNED_QUERIES["team_matches"], {"team": "OM"}).fetchall()
    assert by_nickname and by_nickname == conn.execute(CANNED_QUERIES["team_matches"], {"team": "marseille"}).fetchall()
    # the canned view and `newscrawl stories` list the same stories, newest first
    assert [row[0] for row in stories] == [r["id"] for r in queries.stories(conn, limit=100)]
