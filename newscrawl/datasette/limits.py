"""What one request to ``newscrawl serve`` may cost: search terms are checked before SQLite sees them.

Datasette's ``sql_time_limit_ms`` (set in :func:`newscrawl.datasette.datasette_args`) stops a
query through SQLite's progress handler, but an FTS5 MATCH expands its terms inside one step,
which the handler never interrupts: 3,333 ``a*`` took 27 s per request. This ASGI wrapper
answers such a request at once with HTTP 400 and the reason, using the same limits as
``newscrawl search`` (:mod:`newscrawl.archive.search`): the canned ``search`` query's ``q``
goes through the same parsing; a table's ``_search`` box, which Datasette passes to FTS5 word
by word without merging repeats, may hold at most ``MAX_QUERY_TERMS`` words.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from datasette import hookimpl

from newscrawl.archive import search as fts
from newscrawl.errors import QueryTooCostlyError

Scope = dict[str, Any]
App = Callable[[Scope, Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]], Awaitable[None]]


def check_search_parameters(query_string: str) -> None:
    """:class:`QueryTooCostlyError` when a search parameter of the request is over the limits."""
    for name, value in parse_qsl(query_string):
        if name == "q":
            fts.parse_query(value)
        elif name == "_search" or name.startswith("_search_"):
            words = len(value.split())
            if words > fts.MAX_QUERY_TERMS:
                raise QueryTooCostlyError(f"search has {words} words; at most {fts.MAX_QUERY_TERMS} are searched")


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
