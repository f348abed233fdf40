"""The one news spider: crawls every source of a registry through its feeds, sitemaps and sections.

It only routes: listing documents are read by :mod:`newscrawl.feeds`, article
pages by :func:`newscrawl.pages.parse_article`; pipelines do the rest.

Run it from the repo root with ``scrapy crawl news -a sources=bbc-sport``
(``-a registry=PATH`` for another registry file), or through ``newscrawl crawl``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from newscrawl.feeds import ListingEntry, ListingError, parse_feed, parse_sitemap
from newscrawl.items import DateCandidate
from newscrawl.pages import ParseError, parse_article
from newscrawl.sources import Registry, Source, load_registry


class NewsSpider(scrapy.Spider):
    """Feeds, sitemaps and section pages of registry sources -> article items."""

    name = "news"

    def __init__(
        self,
        registry: Registry | str | None = None,
        sources: Iterable[str] | str | None = None,
        since: datetime | str | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        if not isinstance(registry, Registry):
            registry = load_registry(registry)
        if isinstance(sources, str):
            sources = [s for s in sources.split(",") if s]
        self.registry = registry
        self.sources = registry.select(sources)
        if isinstance(since, str):
            since = datetime.fromisoformat(since)
        self.since = since.replace(tzinfo=since.tzinfo or UTC) if since else None
        self._link_extractors: dict[str, LinkExtractor] = {}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.sources:
            for url in source.feeds:
                yield self._listing_request(url, source, self.parse_feed)
            for url in source.sitemaps:
                yield self._listing_request(url, source, self.parse_sitemap)
            for url in source.sections:
                yield self._listing_request(url, source, self.parse_section)

    # listings

    def _listing_request(self, url: str, source: Source, callback: Any) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={"source": source.name, "listing": True},
            priority=10,
            dont_filter=False,
        )

    def parse_feed(self, response: Response) -> Iterable[scrapy.Request]:
        source = self._source(response)
        try:
            entries = parse_feed(response.body, response.url)
        except ListingError as exc:
            self._count_error("bad_feed", response.url, exc)
            return
        self.crawler.stats.inc_value("newscrawl/listings/feeds")
        yield from self._article_requests(entries, source, "feed")

    def parse_sitemap(self, response: Response) -> Iterable[scrapy.Request]:
        source = self._source(response)
        try:
            entries = parse_sitemap(response.body, response.url)
        except ListingError as exc:
            self._count_error("bad_sitemap", response.url, exc)
            return
        self.crawler.stats.inc_value("newscrawl/listings/sitemaps")
        for entry in entries:
            if entry.is_sitemap and not self._too_old(entry, source):
                yield self._listing_request(entry.url, source, self.parse_sitemap)
        yield from self._article_requests([e for e in entries if not e.is_sitemap], source, "sitemap")

    def parse_section(self, response: Response) -> Iterable[scrapy.Request]:
        source = self._source(response)
        if not isinstance(response, scrapy.http.TextResponse):
            self._count_error("bad_section", response.url, "not a text page")
            return
        self.crawler.stats.inc_value("newscrawl/listings/sections")
        links = self._link_extractor(source).extract_links(response)
        yield from self._article_requests([ListingEntry(url=link.url) for link in links], source, "section")

    def _link_extractor(self, source: Source) -> LinkExtractor:
        if source.name not in self._link_extractors:
            self._link_extractors[source.name] = LinkExtractor(
                allow=source.allow,
                deny=source.deny,
                allow_domains=[source.domain.split(":")[0]],
                deny_extensions=None,
            )
        return self._link_extractors[source.name]

    def _article_requests(
        self, entries: Iterable[ListingEntry], source: Source, found_in: str
    ) -> Iterable[scrapy.Request]:
        for entry in entries:
            if not source.accepts(entry.url):
                self.crawler.stats.inc_value("newscrawl/links/rejected_by_pattern")
                continue
            if self._too_old(entry, source):
                self.crawler.stats.inc_value("newscrawl/links/too_old")
                continue
            dates = [
                DateCandidate(kind, "feed", raw)
                for kind, raw in (("published", entry.published_raw), ("modified", entry.lastmod))
                if raw
            ]
            yield scrapy.Request(
                entry.url,
                callback=self.parse_article,
                errback=self.on_error,
                meta={"source": source.name, "listing_dates": dates, "found_in": found_in},
            )

    def _too_old(self, entry: ListingEntry, source: Source) -> bool:
        limit = self.since
        if source.max_age_days is not None:
            by_age = datetime.now(UTC) - timedelta(days=source.max_age_days)
            limit = max(limit, by_age) if limit else by_age
        stamp = entry.lastmod or entry.published_raw
        if limit is None or not stamp:
            return False
        seen = _listing_time(stamp)
        return seen is not None and seen < limit

    # articles

    def parse_article(self, response: Response) -> Iterable[Any]:
        source = self._source(response)
        if not isinstance(response, scrapy.http.TextResponse):
            self._count_error("not_html", response.url, response.headers.get("Content-Type"))
            return
        try:
            item = parse_article(response.body, response.url, encoding=response.encoding)
        except ParseError as exc:
            self._count_error("unparsable", response.url, exc)
            return
        item.source = source.name
        item.timezone = source.timezone
        item.fetched_at = datetime.now(UTC).replace(microsecond=0).isoformat()
        item.language_hints.setdefault("source", ",".join(source.languages))
        item.date_candidates.extend(response.meta.get("listing_dates", []))
        item.urls = list(dict.fromkeys([response.request.url, response.url, *item.urls]))
        yield item

    # helpers

    def _source(self, response: Response) -> Source:
        return self.registry.get(response.meta["source"])

    def on_error(self, failure: Failure) -> None:
        kind = _failure_kind(failure)
        request = getattr(failure, "request", None)
        self._count_error(kind, request.url if request else "?", failure.getErrorMessage())

    def _count_error(self, kind: str, url: str, detail: object) -> None:
        self.crawler.stats.inc_value(f"newscrawl/errors/{kind}")
        self.logger.warning("%s: %s (%s)", kind, url, detail)


def _failure_kind(failure: Failure) -> str:
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(TimeoutError):
        return "timeout"
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(ConnectionRefusedError):
        return "connection_refused"
    if failure.check(ResponseNeverReceived):
        return "no_response"
    return failure.type.__name__ if failure.type else "error"


def _listing_time(raw: str) -> datetime | None:
    """Feed/sitemap stamps are ISO 8601 or RFC 822; anything else is not trusted for skipping."""
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
