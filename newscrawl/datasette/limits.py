"""What one request to ``newscrawl serve`` may cost: search terms are checked before SQLite sees them.

Datasette's ``sql_time_limit_ms`` (set in :func:`newscrawl.datasette.datasette_args`) stops a
statement through SQLite's progress handler, but an FTS5 MATCH expands its terms (every word a
prefix stands for) in long steps between two checks, and a few requests at once hold every
worker thread for the whole limit. This ASGI wrapper answers such a request at once with HTTP
400 and the reason, using the same limits as ``newscrawl search`` (:mod:`newscrawl.archive.search`):

* the canned ``search`` query's ``q`` and a table's search box (``_search``, ``_search_<column>``),
  which reach FTS5 through ``newscrawl_match`` (the plugin's ``escape_fts``), go through the same
  parsing; in ``_searchmode=raw`` they are checked as raw FTS5 expressions;
* SQL typed into the ``?sql=`` page that searches the index (``MATCH``, or the index table called
  or compared like a function) may give FTS5 only an expression it can see: a string literal, a
  ``:parameter`` or ``newscrawl_match(...)`` of one; every literal and parameter of such SQL is
  checked as a raw expression. An expression built while the statement runs (``'a' || '*'``,
  a subquery) is refused, since its cost cannot be known before it runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from datasette import hookimpl

from newscrawl.archive import search as fts
from newscrawl.archive import search_query
from newscrawl.errors import QueryTooCostlyError

Scope = dict[str, Any]
App = Callable[[Scope, Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]], Awaitable[None]]

_LITERAL = r"'(?:[^']|'')*'"
_PARAMETER = r":\w+"
# What may follow MATCH, or fill the index's table-function call: a literal or a parameter, or
# newscrawl_match() of one, not followed by an operator that would build a string from it.
_VISIBLE = rf"(?:{_LITERAL}|{_PARAMETER}|newscrawl_match\s*\(\s*(?:{_LITERAL}|{_PARAMETER})\s*\))(?!\s*(?:\|\||[-+*/%&|<>=!]))"
_SEARCHES = re.compile(rf"\bmatch\b|\b{fts.TABLE}\b\s*(?:\(|=)", re.IGNORECASE)
_VISIBLE_SEARCH = re.compile(rf"(?:\bmatch\s+|\b{fts.TABLE}\s*(?:\(\s*|=\s*)){_VISIBLE}", re.IGNORECASE)


def check_sql(sql: str, parameters: dict[str, str]) -> None:
    """:class:`QueryTooCostlyError` when ``?sql=`` SQL could hand FTS5 a costly expression."""
    literals = re.findall(_LITERAL, sql)
    code = re.sub(_LITERAL, "''", sql)  # the words of the SQL itself, not those of its strings
    searches = len(_SEARCHES.findall(code))
    if not searches:
        return
    if len(_VISIBLE_SEARCH.findall(code)) < searches:
        raise QueryTooCostlyError(
            "a full-text search in SQL must MATCH a 'literal', a :parameter or newscrawl_match(...) of one")
    for literal in literals:
        search_query.check_expression(literal[1:-1].replace("''", "'"))
    for name in re.findall(_PARAMETER, code):
        if name[1:] in parameters:
            search_query.check_expression(parameters[name[1:]])


def check_search_parameters(query_string: str) -> None:
    """:class:`QueryTooCostlyError` when a search parameter of the request is over the limits."""
    pairs = parse_qsl(query_string)
    raw = ("_searchmode", "raw") in pairs
    for name, value in pairs:
        if name == "q":
            search_query.parse_query(value)
        elif (name == "_search" or name.startswith("_search_")) and name != "_searchmode":
            (search_query.check_expression if raw else search_query.parse_query)(value)
    sql = [value for name, value in pairs if name == "sql"]
    if sql:
        check_sql(sql[-1], dict(pairs))


def limit_search_cost(app: App) -> App:
    """``app`` answering over-limit searches with 400 and a one-line reason (JSON for ``.json`` paths)."""

    async def wrapped(scope: Scope, receive: Callable[..., Awaitable[Any]], send: Callable[..., Awaitable[Any]]) -> None:
        if scope.get("type") == "http":
            try:
                check_search_parameters(scope.get("query_string", b"").decode("utf-8", "replace"))
            except QueryTooCostlyError as exc:
                await _refuse(scope, send, str(exc))
                return
        await app(scope, receive, send)

    return wrapped


async def _refuse(scope: Scope, send: Callable[..., Awaitable[Any]], message: str) -> None:
    if scope.get("path", "").endswith(".json"):
        body, kind = json.dumps({"ok": False, "error": message, "status": 400}).encode(), b"application/json"
    else:
        body, kind = f"Search refused: {message}\n".encode(), b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": 400, "headers": [(b"content-type", kind)]})
    await send({"type": "http.response.body", "body": body})


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    return limit_search_cost
