"""The reader's pages of ``newscrawl serve``: routes, request parameters, templates, feeds.

Each view reads the request, runs one function of :mod:`.reader_queries` on a
read-only connection, and renders a template of ``templates/`` (or an Atom feed).
The raw Datasette (tables, SQL, JSON/CSV) stays under ``/<database>``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import quote, unquote, urlencode

from datasette import NotFound
from datasette.utils.asgi import Response

from newscrawl.datasette import atom, chart, display
from newscrawl.datasette import reader_queries as reads
from newscrawl.errors import NotFoundError, QueryError, UnknownNameError

LANG_COOKIE = "newscrawl_lang"
FILTER_PARAMS = ("team", "competition", "language", "since", "until")
STATIC = {name: "text/css; charset=utf-8" for name in ("reader.css", "datasette.css", "feed.css")}


def routes() -> list[tuple[str, Any]]:
    """(regex, view) pairs for Datasette's ``register_routes`` hook; they take precedence over its own."""
    return [
        (r"^/$", front_page),
        (r"^/story/(?P<story_id>[0-9]+)$", story_page),
        (r"^/team$", team_lookup),
        (r"^/team/(?P<team>[^/]+)$", team_page),
        (r"^/search$", search_page),
        (r"^/feeds/latest\.atom$", feed_latest),
        (r"^/feeds/(?P<kind>team|competition|language)/(?P<key>[^/]+)\.atom$", feed_filtered),
        (r"^/-/newscrawl/(?P<name>[a-z]+\.css)$", static_file),
    ]


# -- shared ------------------------------------------------------------------------


def _database(datasette: Any) -> Any:
    return datasette.get_database()


def _language(request: Any) -> tuple[str, str | None]:
    """(language for headlines, explicit choice to remember in a cookie or None)."""
    choice = request.args.get("lang")
    if choice in reads.LANGUAGES:
        return choice, choice
    return display.reader_language(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")), None


def _filters(request: Any) -> reads.StoryFilters:
    def text(name: str) -> str | None:
        value = (request.args.get(name) or "").strip()
        return value or None

    language = text("language")
    return reads.StoryFilters(
        team=text("team"), competition=text("competition"),
        language=language if language in reads.LANGUAGES else None,
        since=display.parse_day(text("since")), until=display.parse_day(text("until")))


def _base_url(request: Any) -> str:
    return f"{request.scheme}://{request.host}"


def _feed(href: str, title: str) -> dict[str, str]:
    return {"href": href, "title": title}


async def _render(datasette: Any, request: Any, template: str, context: dict[str, Any],
                  *, status: int = 200, remember: str | None = None) -> Response:
    language, _ = _language(request)
    args = [(k, v) for k in request.args if k != "lang" for v in request.args.getlist(k)]
    switch = [(lang, f"{request.path}?{urlencode([*args, ('lang', lang)])}") for lang in reads.LANGUAGES]
    feeds = [_feed("/feeds/latest.atom", "Latest stories"), *context.pop("feeds", [])]
    html = await datasette.render_template(template, {
        **context, "reader_language": language, "language_switch": switch, "feeds": feeds,
        "language_names": display.LANGUAGE_NAMES, "raw_url": f"/{_database(datasette).name}",
    }, request=request)
    response = Response.html(html, status=status)
    if remember:
        response.set_cookie(LANG_COOKIE, remember, max_age=365 * 24 * 3600, samesite="lax")
    return response


async def _filter_feeds(db: Any, filters: reads.StoryFilters) -> list[dict[str, str]]:
    """The feeds matching the filters a page shows (a team, a competition, a language)."""
    targets = await db.execute_fn(lambda conn: reads.filter_targets(conn, filters))
    feeds = [_feed(f"/feeds/{kind}/{key}.atom", f"Stories {'of' if kind == 'team' else 'in'} {name}")
             for kind, key, name in targets]
    if filters.language:
        feeds.append(_feed(f"/feeds/language/{filters.language}.atom",
                           f"Stories in {display.LANGUAGE_NAMES.get(filters.language, filters.language)}"))
    return feeds


def _chart(conn: Any) -> chart.Chart | None:
    """The articles-per-day chart, counted again only when the archive has a new article.

    Counting reads every article's date (an index scan: a few hundred ms at a million
    articles), too slow for every front page; the newest article id says when it changed.
    """
    key = (conn.execute("PRAGMA database_list").fetchone()[2], reads.newest_article_id(conn))
    if _CHART_CACHE.get("key") != key:
        _CHART_CACHE.update(key=key, chart=chart.build_chart(reads.articles_per_day(conn)))
    return _CHART_CACHE["chart"]


_CHART_CACHE: dict[str, Any] = {}


# -- pages -------------------------------------------------------------------------


async def front_page(datasette: Any, request: Any) -> Response:
    language, remember = _language(request)
    filters = _filters(request)
    db = _database(datasette)

    def read(conn: Any) -> dict[str, Any]:
        error = None
        try:
            cards = reads.latest_stories(conn, filters, reader_language=language, limit=40)
        except QueryError as exc:
            cards, error = [], str(exc)
        return {"cards": cards, "error": error, "choices": reads.filter_choices(conn),
                "chart": _chart(conn)}

    context = await db.execute_fn(read)
    filtered = any(getattr(filters, name) for name in FILTER_PARAMS)
    return await _render(datasette, request, "reader_front.html", {
        **context, "filters": filters, "filtered": filtered, "feeds": await _filter_feeds(db, filters),
    }, remember=remember, status=200)


async def story_page(datasette: Any, request: Any) -> Response:
    language, remember = _language(request)
    story_id = int(request.url_vars["story_id"])
    try:
        data = await _database(datasette).execute_fn(lambda conn: reads.story_page(conn, story_id, language))
    except NotFoundError as exc:
        raise NotFound(str(exc)) from exc
    if "moved_to" in data:
        # A merged story's old id never comes back: a permanent move, query string kept.
        query = request.query_string
        return Response.redirect(f"/story/{data['moved_to']}" + (f"?{query}" if query else ""), status=301)
    card = data["card"]
    feeds = [_feed(f"/feeds/team/{t}.atom", f"Stories of {n}")
             for t, n in ((card["home_team"], card["home"]), (card["away_team"], card["away"])) if t]
    if card["competition"]:
        feeds.append(_feed(f"/feeds/competition/{card['competition']}.atom", f"Stories in {card['competition_label']}"))
    return await _render(datasette, request, "reader_story.html", {**data, "feeds": feeds}, remember=remember)


async def team_lookup(datasette: Any, request: Any) -> Response:
    """``/team?name=OM``: the team page of whatever the reader typed."""
    text = (request.args.get("name") or "").strip()
    return await _team_by_name(datasette, request, text)


async def _team_by_name(datasette: Any, request: Any, text: str) -> Response:
    try:
        ids = await _database(datasette).execute_fn(lambda conn: reads.team_ids(conn, text)) if text else []
    except UnknownNameError:
        ids = []
    if len(ids) == 1:
        return Response.redirect(f"/team/{quote(ids[0])}")

    def read(conn: Any) -> dict[str, Any]:
        return {"choices": reads.filter_choices(conn),
                "found": [(team, reads.display_name(conn, "teams", team)) for team in ids]}

    context = await _database(datasette).execute_fn(read)
    return await _render(datasette, request, "reader_team_choice.html", {"text": text, **context},
                         status=200 if ids or not text else 404)


async def team_page(datasette: Any, request: Any) -> Response:
    language, remember = _language(request)
    team = unquote(request.url_vars["team"])
    db = _database(datasette)
    try:
        data = await db.execute_fn(lambda conn: reads.team_page(conn, team, language))
    except NotFoundError:
        return await _team_by_name(datasette, request, team)  # a name in the URL: /team/OM
    feeds = [_feed(f"/feeds/team/{team}.atom", f"Stories of {data['team']['name']}")]
    return await _render(datasette, request, "reader_team.html", {**data, "feeds": feeds}, remember=remember)


async def search_page(datasette: Any, request: Any) -> Response:
    language, remember = _language(request)
    filters = _filters(request)
    text = (request.args.get("q") or "").strip()
    db = _database(datasette)

    def read(conn: Any) -> dict[str, Any]:
        hits, error = [], None
        if text:
            try:
                hits = reads.search_articles(conn, text, filters, limit=40, mark=display.HIT_MARK)
            except QueryError as exc:
                error = str(exc)
        return {"hits": hits, "error": error, "choices": reads.filter_choices(conn)}

    context = await db.execute_fn(read)
    return await _render(datasette, request, "reader_search.html", {
        **context, "q": text, "filters": filters, "feeds": await _filter_feeds(db, filters),
    }, remember=remember)


# -- feeds and files ---------------------------------------------------------------


async def _feed_response(datasette: Any, request: Any, filters: reads.StoryFilters, title: str,
                         path: str, page: str) -> Response:
    language, _ = _language(request)
    try:
        cards = await _database(datasette).execute_fn(
            lambda conn: reads.latest_stories(conn, filters, reader_language=language, limit=50))
    except QueryError as exc:
        raise NotFound(str(exc)) from exc
    base = _base_url(request)
    body = atom.build_feed(cards, title=title, feed_url=base + path, page_url=base + page,
                           story_url=base + "/story/{id}", stylesheet="/-/newscrawl/feed.css")
    # A browser opening the feed is sent it as plain XML, which it styles with the feed's stylesheet;
    # as application/atom+xml Chromium shows raw text. Feed readers do not ask for text/html.
    browser = "text/html" in (request.headers.get("accept") or "")
    return Response(body, content_type="application/xml; charset=utf-8" if browser else atom.CONTENT_TYPE)


async def feed_latest(datasette: Any, request: Any) -> Response:
    return await _feed_response(datasette, request, reads.StoryFilters(), "newscrawl: latest match stories",
                                request.path, "/")


async def feed_filtered(datasette: Any, request: Any) -> Response:
    kind, key = request.url_vars["kind"], request.url_vars["key"]
    if kind == "language" and key not in reads.LANGUAGES:
        raise NotFound(f"no feed for language {key!r}: try en, fr or nl")
    filters = reads.StoryFilters(**{kind: key})
    db = _database(datasette)
    if kind == "team":
        name = await db.execute_fn(lambda conn: reads.display_name(conn, "teams", key))
        title, page = f"newscrawl: stories of {name}", f"/team/{key}"
    elif kind == "competition":
        name = await db.execute_fn(lambda conn: reads.display_name(conn, "competitions", key))
        title, page = f"newscrawl: stories in {name}", f"/?competition={key}"
    else:
        title, page = f"newscrawl: stories in {display.LANGUAGE_NAMES[key]}", f"/?language={key}"
    return await _feed_response(datasette, request, filters, title, request.path, page)


async def static_file(datasette: Any, request: Any) -> Response:
    name = request.url_vars["name"]
    if name not in STATIC:
        raise NotFound(f"no file {name}")
    text = resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")
    return Response(text, content_type=STATIC[name], headers={"cache-control": "max-age=3600"})
