"""Checking a source before crawling it: fetch its feeds, sitemaps and sections once, say what is there.

``newscrawl sources check`` uses :func:`check_source` when a source is added
to the registry: for every listing URL it reports the HTTP status, how many
article links it holds (after the source's allow/deny patterns), the newest
date among them, whether robots.txt lets newscrawl fetch it, and what went
wrong. It does not touch the archive and needs no Scrapy reactor: a few
plain, bounded HTTP requests.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from protego import Protego
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from newscrawl.dates import newest_listing_time
from newscrawl.feeds import ListingEntry, ListingError, parse_feed, parse_sitemap
from newscrawl.sources import Source

#: Listing bodies larger than this are not read further (same order as DOWNLOAD_MAXSIZE).
MAX_LISTING_BYTES = 8 * 1024 * 1024


@dataclass
class ListingCheck:
    """What one feed, sitemap or section URL gave."""

    url: str
    kind: str
    status: int | None = None
    entries: int = 0
    accepted: int = 0
    child_sitemaps: int = 0
    newest: str | None = None
    robots_allowed: bool | None = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class SourceCheck:
    """All listings of one source, checked."""

    source: str
    listings: list[ListingCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.listings) and all(c.ok for c in self.listings)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "ok": self.ok, "listings": [asdict(c) for c in self.listings]}


def check_source(source: Source, *, user_agent: str, timeout: float = 10.0) -> SourceCheck:
    """Fetch every feed, sitemap and section of ``source`` once and report what each holds."""
    robots = _robots(source.homepage, user_agent, timeout)
    result = SourceCheck(source.name)
    for kind, urls in (("feed", source.feeds), ("sitemap", source.sitemaps), ("section", source.sections)):
        for url in urls:
            result.listings.append(_check_listing(url, kind, source, robots, user_agent, timeout))
    if not result.listings:
        result.listings.append(ListingCheck(source.homepage, "none", error="source lists no feeds, sitemaps or sections"))
    return result


def _check_listing(
    url: str, kind: str, source: Source, robots: Protego | None, user_agent: str, timeout: float
) -> ListingCheck:
    check = ListingCheck(url, kind)
    if robots is not None:
        check.robots_allowed = robots.can_fetch(url, user_agent)
    started = time.monotonic()
    try:
        check.status, body, final_url = _fetch(url, user_agent, timeout)
        entries = _entries(kind, body, final_url, source)
    except (OSError, ListingError, ValueError) as exc:
        check.error = _describe(exc)
        if isinstance(exc, urllib.error.HTTPError):
            check.status = exc.code
        return check
    finally:
        check.seconds = round(time.monotonic() - started, 3)
    articles = [e for e in entries if not e.is_sitemap]
    check.entries = len(articles)
    check.child_sitemaps = len(entries) - len(articles)
    check.accepted = sum(1 for e in articles if source.accepts(e.url))
    stamp = newest_listing_time(s for e in entries for s in (e.lastmod, e.published_raw))
    check.newest = stamp.isoformat() if stamp else None
    if not entries:
        check.error = "no entries"
    return check


def _entries(kind: str, body: bytes, url: str, source: Source) -> list[ListingEntry]:
    if kind == "feed":
        return parse_feed(body, url)
    if kind == "sitemap":
        return parse_sitemap(body, url)
    page = HtmlResponse(url=url, body=body)
    extractor = LinkExtractor(allow=source.allow, deny=source.deny, allow_domains=[urlsplit(url).hostname or ""])
    return [ListingEntry(url=link.url) for link in extractor.extract_links(page)]


def _fetch(url: str, user_agent: str, timeout: float) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (registry URLs)
        body = response.read(MAX_LISTING_BYTES + 1)
        if len(body) > MAX_LISTING_BYTES:
            raise ValueError(f"larger than {MAX_LISTING_BYTES} bytes")
        return response.status, body, response.geturl()


def _robots(homepage: str, user_agent: str, timeout: float) -> Protego | None:
    try:
        _, body, _ = _fetch(urljoin(homepage, "/robots.txt"), user_agent, timeout)
    except (OSError, ValueError):
        return None  # no readable robots.txt: nothing is disallowed, nothing to report
    return Protego.parse(body.decode("utf-8", errors="replace"))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return f"cannot fetch: {exc.reason}"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, ListingError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
