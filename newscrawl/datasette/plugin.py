"""Datasette plugin registered by ``newscrawl serve``: SQL functions for the stemmed search.

``newscrawl_match(text)`` turns what a person typed into the FTS5 expression
over ``articles_stemmed`` (the same parsing as ``newscrawl search``), and
``newscrawl_snippet(body, text, language)`` marks the hits in a passage, so the
``search`` canned query finds "égalisation" for "egalise" as the CLI does.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from newscrawl.archive import search as fts


def newscrawl_match(text: str | None) -> str:
    """FTS5 expression over the stemmed index for a typed query ('""' matches nothing)."""
    return fts.parse_query(text or "").expression or '""'


def newscrawl_snippet(body: str | None, text: str | None, language: str | None) -> str:
    """The passage of ``body`` with the most hits for the typed query, hits in [brackets]."""
    return fts.highlight(body, fts.parse_query(text or ""), language)


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("newscrawl_match", 1, newscrawl_match, deterministic=True)
    conn.create_function("newscrawl_snippet", 3, newscrawl_snippet, deterministic=True)
