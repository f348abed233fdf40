"""Local test web sites on 127.0.0.1 for crawl tests: a well-behaved site and a hostile one.

:class:`FixtureWeb` serves a dict of :class:`Page` objects (mutable while it
runs) with ETag / Last-Modified and conditional-request support, counts hits
per path, and can misbehave per page: sleep, drip bytes slowly, answer 429
with Retry-After once, serve a gzip bomb. :func:`hostile_site` fills it with
every kind of trouble a crawler meets; :func:`good_site` with a small news site.

It lives beside the demo web rather than in ``tests/`` because both the
tests and ``bench/hostile.py`` serve it, and benchmarks do not import tests.
Run it by hand to poke at it: ``python -m newscrawl.demo.hostile`` prints the
base URL and a registry snippet, then serves until Ctrl-C.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

FIXTURES = Path(__file__).with_name("hostile_pages")


@dataclass
class Page:
    """One URL path of a fixture site and how it answers."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    #: "" (plain), "sleep" (wait ``seconds`` before answering), "drip" (one byte every
    #: ``seconds``), "rate_limit_once" (429 + Retry-After on the first hit), "gzip_bomb"
    behaviour: str = ""
    seconds: float = 0.0
    modified: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        web = self.server.web
        path = urlsplit(self.path).path
        started = web.record_hit(path, self.headers)
        try:
            page = web.pages.get(path)
            if page is None:
                self._send(404, b"not found", {"Content-Type": "text/plain"})
                return
            # the crawler hanging up on us is the point of some pages
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(page, web.hit_count(path))
        finally:
            web.record_answer(path, started)

    def _answer(self, page: Page, hit: int) -> None:
        if page.behaviour == "sleep":
            time.sleep(page.seconds)
        if page.behaviour == "rate_limit_once" and hit == 1:
            self._send(429, b"slow down", {"Content-Type": "text/plain", "Retry-After": str(int(page.seconds))})
            return
        if page.behaviour == "drip":
            self._drip(page)
            return
        if page.behaviour == "gzip_bomb":
            self._send(200, page.body, {"Content-Type": page.content_type, "Content-Encoding": "gzip"})
            return
        headers = {"Content-Type": page.content_type, **page.headers}
        if page.status == 200:
            headers.update(ETag=page.etag, **{"Last-Modified": format_datetime(page.modified, usegmt=True)})
            if self._not_modified(page):
                self._send(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"})
                return
        self._send(page.status, page.body, headers)

    def _not_modified(self, page: Page) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match:
            return page.etag in [tag.strip() for tag in if_none_match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return page.modified <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False

    def _drip(self, page: Page) -> None:
        self.send_response(200)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(200):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(page.seconds)

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def most_at_once(spans: Iterable[tuple[str, float, float]]) -> int:
    """The most ``(path, start, end)`` spans open at one moment (one ending as another starts: not both)."""
    events = sorted(e for _, start, end in spans for e in ((start, 1), (end, -1)))
    most = now = 0
    for _, step in events:
        now += step
        most = max(most, now)
    return most


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    web: FixtureWeb

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # crawlers hanging up on slow pages is expected here, not worth a traceback


class FixtureWeb:
    """A fixture site on a free loopback port, served while the context is open."""

    def __init__(self, pages: dict[str, Page] | None = None):
        self.pages: dict[str, Page] = dict(pages or {})
        self._hits: dict[str, list[tuple[float, dict[str, str]]]] = defaultdict(list)
        self._spans: list[tuple[str, float, float]] = []  # (path, request received, answer sent)
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.web = self
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FixtureWeb:
        threading.Thread(target=self._server.serve_forever, name="fixture-web", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def record_hit(self, path: str, headers: object) -> float:
        with self._lock:
            now = time.monotonic()
            self._hits[path].append((now, dict(headers.items())))  # type: ignore[attr-defined]
            return now

    def record_answer(self, path: str, started: float) -> None:
        with self._lock:
            self._spans.append((path, started, time.monotonic()))

    def spans(self) -> list[tuple[str, float, float]]:
        """(path, request received, answer sent) of every answered request, monotonic times."""
        with self._lock:
            return list(self._spans)

    def max_in_flight(self, paths: Iterable[str] | None = None) -> int:
        """The most requests (for ``paths``, default all) this site was answering at the same moment."""
        wanted = None if paths is None else set(paths)
        return most_at_once(s for s in self.spans() if wanted is None or s[0] in wanted)

    def hit_count(self, path: str) -> int:
        with self._lock:
            return len(self._hits[path])

    def hits(self, path: str) -> list[tuple[float, dict[str, str]]]:
        """(monotonic time, request headers) of every request for ``path``."""
        with self._lock:
            return list(self._hits[path])

    def reset_hits(self) -> None:
        with self._lock:
            self._hits.clear()
            self._spans.clear()

    def registry(self, path: Path, name: str = "fixture", *, feeds: list[str] = (), sitemaps: list[str] = (),
                 sections: list[str] = (), allow: list[str] = ("/news/", "/private/"),
                 max_age_days: float | None = None) -> Path:
        """Write a one-source registry file for this site; returns its path."""

        def urls(paths: object) -> str:
            return "[" + ", ".join(f'"{self.url(p)}"' for p in paths) + "]"  # type: ignore[attr-defined]

        lines = [
            "[[source]]", f'name = "{name}"', f'homepage = "{self.base}/"', 'languages = ["en"]',
            'country = "GB"', 'timezone = "Europe/London"', f"feeds = {urls(feeds)}",
            f"sitemaps = {urls(sitemaps)}", f"sections = {urls(sections)}",
            "allow = [" + ", ".join(f'"{a}"' for a in allow) + "]",
        ]
        if max_age_days is not None:
            lines.append(f"max_age_days = {max_age_days}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path


# -- content -------------------------------------------------------------------


def reports() -> list[tuple[str, list[str]]]:
    """The fixture reports: (title, paragraphs)."""
    blocks = (FIXTURES / "reports.txt").read_text("utf-8").strip().split("\n\n")
    return [(b.splitlines()[0], b.splitlines()[1:]) for b in blocks]


def article(index: int, published: datetime, *, extra: str = "", encoding: str = "utf-8") -> bytes:
    """Article page of fixture report ``index``; ``extra`` adds a paragraph (a changed version)."""
    title, paragraphs = reports()[index]
    if extra:
        paragraphs = [*paragraphs, extra]
    html = Template((FIXTURES / "article.html").read_text("utf-8")).substitute(
        title=escape(title),
        summary=escape(paragraphs[0][:150]),
        published=published.isoformat(),
        paragraphs="\n".join(f"<p>{escape(p)}</p>" for p in paragraphs),
    )
    return html.encode(encoding)


def rss(web: FixtureWeb, items: list[tuple[str, datetime]]) -> bytes:
    """An RSS 2.0 feed linking ``items`` (path, publication date)."""
    entries = "".join(
        f"<item><title>{escape(path)}</title><link>{web.url(path)}</link>"
        f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate></item>"
        for path, when in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fixture news</title>'
        f"<link>{web.base}/</link><description>fixture</description>{entries}</channel></rss>"
    ).encode()


def sitemap(web: FixtureWeb, entries: list[tuple[str, datetime]]) -> bytes:
    """A urlset sitemap of (path, lastmod)."""
    urls = "".join(f"<url><loc>{web.url(p)}</loc><lastmod>{when.isoformat()}</lastmod></url>" for p, when in entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


#: ``newscrawl crawl`` options for crawling loopback fixture sites quickly (no politeness delays).
QUICK = [
    "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "DOWNLOAD_TIMEOUT=5",
    "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "--set", "NEWSCRAWL_RETRY_BACKOFF_BASE=0.2",
]

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
XML = "application/xml; charset=utf-8"


def good_site(web: FixtureWeb, count: int = 3, *, published: datetime | None = None) -> list[str]:
    """A well-behaved news site: robots.txt, a feed, a sitemap and ``count`` articles; returns their paths."""
    when = published or datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    paths = [f"/news/report-{i}.html" for i in range(count)]
    web.pages["/robots.txt"] = Page(ROBOTS, "text/plain")
    for i, path in enumerate(paths):
        web.pages[path] = Page(article(i, when + timedelta(minutes=i)))
    web.pages["/feed.xml"] = Page(rss(web, [(p, when) for p in paths]), "application/rss+xml; charset=utf-8")
    web.pages["/sitemap.xml"] = Page(sitemap(web, [(p, when) for p in paths]), XML)
    return paths


#: Hostile paths and the failure kind the crawl should report for each.
HOSTILE_FAILURES = {
    "/news/server-error.html": "http_500",
    "/news/slow.html": "timeout",
    "/news/drip.html": "timeout",
    "/news/loop-a.html": "redirect_loop",
    "/news/bomb.html": "too_large",
    "/news/huge.html": "too_large",
}


def hostile_site(web: FixtureWeb, *, timeout: float) -> dict[str, str]:
    """Every kind of trouble, linked from one feed; returns the good paths by role.

    ``timeout`` is the crawl's DOWNLOAD_TIMEOUT: slow pages take longer. The
    oversized page and the gzip bomb expect DOWNLOAD_MAXSIZE of 1 MB.
    """
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    good = {
        "good": "/news/good.html",
        "cp1252": "/news/cafe-chairman.html",
        "rate_limited": "/news/rate-limited.html",
    }
    web.pages.update({
        "/robots.txt": Page(ROBOTS, "text/plain"),
        good["good"]: Page(article(0, now)),
        # cp1252 bytes declared as UTF-8 in the header and the page
        good["cp1252"]: Page(article(5, now, encoding="cp1252")),
        good["rate_limited"]: Page(article(2, now), behaviour="rate_limit_once", seconds=1),
        "/news/server-error.html": Page(b"<h1>Internal error</h1>", status=500),
        "/news/slow.html": Page(article(3, now), behaviour="sleep", seconds=timeout * 3),
        "/news/drip.html": Page(behaviour="drip", seconds=timeout / 4),
        "/news/loop-a.html": Page(status=302, headers={"Location": "/news/loop-b.html"}),
        "/news/loop-b.html": Page(status=302, headers={"Location": "/news/loop-a.html"}),
        "/news/bomb.html": Page(gzip.compress(b"<p>" + b"0" * (64 * 1024 * 1024)), behaviour="gzip_bomb"),
        "/news/huge.html": Page(b"<html><body>" + b"<p>filler</p>" * 200_000 + b"</body></html>"),
        "/private/secret.html": Page(article(4, now)),
        "/sitemap.xml": Page(b"<!doctype html><html><body><h1>Sitemap</h1><a href='/news/'>news</a></body></html>",
                             XML),
        "/broken-feed.xml": Page(b"<?xml version='1.0'?>\n<rss version='2.0'><channel><title>Broken & bad<item><link",
                                 "application/rss+xml"),
    })
    linked = [*good.values(), *HOSTILE_FAILURES, "/private/secret.html"]
    web.pages["/feed.xml"] = Page(rss(web, [(p, now) for p in linked]), "application/rss+xml; charset=utf-8")
    return good


if __name__ == "__main__":
    with FixtureWeb() as site:
        hostile_site(site, timeout=2)
        print(f"hostile site at {site.base}  (feeds: /feed.xml /broken-feed.xml, sitemap: /sitemap.xml)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
