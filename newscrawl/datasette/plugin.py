"""Datasette plugin registered by ``newscrawl serve``: the reader's pages and SQL functions.

* The reader's pages (front page, story, team, search, Atom feeds) are routes of
  :mod:`.views`; they take precedence over Datasette's own ``/`` and leave the raw
  tables, SQL and JSON under ``/<database>``.
* ``newscrawl_match(text)`` turns what a person typed into the FTS5 expression
  over ``articles_stemmed`` (the same parsing as ``newscrawl search``), and
  ``newscrawl_snippet(body, text, language)`` marks the hits in a passage, so the
  ``search`` canned query finds "égalisation" for "egalise" as the CLI does.
* ``escape_fts(text)``, which Datasette's search box (``?_search=``) wraps around
  what was typed, is replaced by ``newscrawl_match``: the archive has one full-text
  index, the stemmed one, so a table's search box finds every inflection too.
* ``newscrawl_is_team(text, id, name, names)`` says whether a typed name
  ("marseille", "OM") names a ``teams`` row, for the ``team_matches`` canned query.
* In the raw ``articles`` table, bodies are cut to a short excerpt.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl

from newscrawl.archive import search_query
from newscrawl.datasette import display, names, views

#: Words of a body shown in the raw ``articles`` table (the JSON and CSV keep the whole text).
EXCERPT_WORDS = 30


def newscrawl_match(text: str | None) -> str:
    """FTS5 expression over the stemmed index for a typed query ('""' matches nothing)."""
    return search_query.parse_query(text or "").expression or '""'


def newscrawl_snippet(body: str | None, text: str | None, language: str | None) -> str:
    """The passage of ``body`` with the most hits for the typed query, hits in [brackets]."""
    return search_query.highlight(body, search_query.parse_query(text or ""), language)


def newscrawl_is_team(text: str | None, team_id: str, name: str | None, team_names: str | None) -> int:
    """1 when ``text`` is the id, name or a nickname of this team (accents and case ignored)."""
    return int(names.names_team(text, team_id, name, team_names))


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when there is more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


@hookimpl(trylast=True)  # after Datasette's own, whose escape_fts this one replaces
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("newscrawl_match", 1, newscrawl_match, deterministic=True)
    conn.create_function("escape_fts", 1, newscrawl_match, deterministic=True)
    conn.create_function("newscrawl_snippet", 3, newscrawl_snippet, deterministic=True)
    conn.create_function("newscrawl_is_team", 4, newscrawl_is_team, deterministic=True)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return views.routes()


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters.update(display.FILTERS)


@hookimpl
def render_cell(value: Any, column: str, table: str | None) -> str | None:
    if table == "articles" and column == "body" and isinstance(value, str):
        return excerpt(value)
    return None


@hookimpl
def extra_css_urls(view_name: str) -> list[str]:
    # The reader's pages carry their own stylesheet; this one tidies Datasette's pages.
    return ["/-/newscrawl/datasette.css"]
