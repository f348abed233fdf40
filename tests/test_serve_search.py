"""Search through ``newscrawl serve`` (a real Datasette on 127.0.0.1): the table search box goes
through the one stemmed index, and SQL typed into ``?sql=`` cannot hand FTS5 a costly expression."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from tests.support.archive import build_archive
from tests.support.serve import get, serving


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve-search") / "football.db"
    build_archive(db)
    with serving(db) as url:
        yield f"{url}/football"


def _json(base: str, path: str, **params: str) -> tuple[int, dict]:
    status, body = get(f"{base}/{path}?{urllib.parse.urlencode(params)}")
    return status, json.loads(body)


def _sql(base: str, sql: str, **params: str) -> tuple[int, dict]:
    """The ``?sql=`` page of the database, as JSON."""
    status, body = get(f"{base}.json?{urllib.parse.urlencode({'sql': sql, '_shape': 'array', **params})}")
    return status, json.loads(body)


def test_the_table_search_box_finds_every_inflection(base):
    status, found = _json(base, "articles.json", _search="égalisation", _shape="array")
    assert status == 200
    assert [a["title"] for a in found] == ["Marseille et l'Atalanta se quittent dos à dos"]
    status, by_column = _json(base, "articles.json", _search_title="gelijkspel", _shape="array")
    assert status == 200 and [a["title"] for a in by_column] == ["PSV wil thuis niet opnieuw gelijkspelen"]
    status, listed = _json(base, "article_list.json", _search="Mbemba", _shape="array")
    assert status == 200 and sorted(a["language"] for a in listed) == ["en", "fr", "nl"]
    status, exact = _json(base, "articles.json", _search='"se quittent"', _shape="array")
    assert status == 200 and len(exact) == 1  # a phrase


def test_sql_searching_the_index_runs_when_its_expression_is_visible_and_cheap(base):
    status, rows = _sql(base, (
        "SELECT a.title FROM articles_stemmed JOIN articles a ON a.id = articles_stemmed.rowid "
        "WHERE articles_stemmed MATCH newscrawl_match(:q) ORDER BY rank"), q="égalise")
    assert status == 200, rows
    assert [r["title"] for r in rows] == ["Marseille et l'Atalanta se quittent dos à dos"]
    status, rows = _sql(base, "SELECT count(*) AS n FROM articles WHERE title LIKE '%match%'")
    assert status == 200 and rows == [{"n": 0}]  # "match" as a word of a string is no search


@pytest.mark.parametrize(("sql", "params", "reason"), [
    ("SELECT rowid FROM articles_stemmed WHERE articles_stemmed MATCH 'a* OR b*'", {}, "prefix a* is too short"),
    ("SELECT rowid FROM articles_stemmed WHERE articles_stemmed MATCH :q", {"q": "ma* mb* mc* md* me*"},
     "query has 5 prefixes"),
    ("SELECT rowid FROM articles_stemmed WHERE articles_stemmed MATCH 'ma' || '*'", {}, "must MATCH a 'literal'"),
    ("SELECT rowid FROM articles_stemmed('a*')", {}, "prefix a* is too short"),
    ("SELECT rowid FROM articles_stemmed WHERE body MATCH (SELECT group_concat(name || '*', ' OR ') FROM teams)",
     {}, "must MATCH a 'literal'"),
])
def test_sql_handing_fts5_a_costly_or_hidden_expression_is_refused_at_once(base, sql, params, reason):
    status, answer = _sql(base, sql, **params)
    assert status == 400
    assert reason in answer["error"]
