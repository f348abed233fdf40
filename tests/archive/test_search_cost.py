"""What one search may cost: repeated terms merged, terms and prefixes capped, a time budget."""

from __future__ import annotations

import sqlite3

import pytest

from newscrawl.archive import queries, search_query
from newscrawl.errors import QueryTooCostlyError
from tests.support.archive import build_archive


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    path = tmp_path_factory.mktemp("search-cost") / "football.db"
    build_archive(path)
    return sqlite3.connect(path)


def test_repeated_terms_are_searched_once():
    assert search_query.parse_query(" ".join(["mbemb*"] * 3333)) == search_query.parse_query("mbemb*")
    assert search_query.parse_query("atalanta OR atalanta marseille").expression == search_query.parse_query(
        "atalanta marseille").expression


@pytest.mark.parametrize(("query", "message"), [
    ("a*", "prefix a* is too short: give at least 2 letters before *"),
    ("ab* cd* ef* gh* ij*", "query has 5 prefixes (word*); at most 4 are searched"),
    (" ".join(f"word{i}" for i in range(33)), "query has 33 different terms; at most 32 are searched"),
])
def test_costly_queries_are_refused_with_the_reason(query, message):
    with pytest.raises(QueryTooCostlyError) as error:
        search_query.parse_query(query)
    assert str(error.value) == message


def test_a_statement_past_its_budget_is_stopped(conn):
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n"
    with pytest.raises(sqlite3.OperationalError, match="interrupted"), queries.time_budget(conn, 0.05):
        conn.execute(endless).fetchone()
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the handler is gone afterwards


def test_a_search_past_its_budget_is_a_named_error(conn, monkeypatch):
    assert queries.search(conn, "Atalanta")  # within the default budget
    monkeypatch.setattr(queries, "_BUDGET_CHECK_STEPS", 1)  # this tiny archive's search takes few steps
    with pytest.raises(QueryTooCostlyError, match="search stopped after 0 s"):
        queries.search(conn, "Atalanta", budget=0)


def test_serve_checks_search_parameters_with_the_same_limits():
    from newscrawl.datasette.limits import check_search_parameters

    check_search_parameters("q=mbemba&_search=atalanta+marseille")
    with pytest.raises(QueryTooCostlyError, match="prefix a"):
        check_search_parameters("q=" + "+".join(["a*"] * 10))
    # A table's search box goes through the same parsing (the plugin's escape_fts): repeats merge.
    check_search_parameters("_search_title=" + "+".join(["x"] * 40))
    with pytest.raises(QueryTooCostlyError, match="query has 40 different terms"):
        check_search_parameters("_search_title=" + "+".join(f"x{i}" for i in range(40)))
    with pytest.raises(QueryTooCostlyError, match="prefix a"):
        check_search_parameters("_searchmode=raw&_search=a*")  # raw: checked as an FTS5 expression
