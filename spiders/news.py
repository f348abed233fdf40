"""The one news spider: crawls every source of a registry through its feeds, sitemaps and sections.

It only routes: listing documents are read by :mod:`newscrawl.feeds`, article
pages by :func:`newscrawl.pages.parse_article`; pipelines do the rest.

Across runs it is incremental (see :mod:`newscrawl.crawling.crawlstate`): article
URLs already stored are skipped unless a listing date says they changed, and
listings are fetched conditionally when their previous fetch was complete.
Every fetch that fails ends in ``on_error``, which names the failure kind
(``newscrawl/errors/<kind>``) for the run summary.

Run it from the repo root with ``scrapy crawl news -a sources=bbc-sport``
(``-a registry=PATH`` for another registry file), or through ``newscrawl crawl``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from newscrawl.crawling.crawlstate import CrawlState, listed_url
from newscrawl.crawling.kinds import RedirectLoop, RobotsDisallowed, StopIgnore, TooLarge
from newscrawl.crawling.parsepool import PageContext, ParsePool, WorkerCrashed
from newscrawl.dates import parse_listing_time
from newscrawl.errors import ParseError
from newscrawl.feeds import ListingEntry, ListingError, parse_feed, parse_sitemap
from newscrawl.items import DateCandidate
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

    @property
    def state(self) -> CrawlState:
        return CrawlState.for_crawler(self.crawler)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.sources:
            for url in source.feeds:
                yield self._listing_request(url, source, self.parse_feed)
            for url in source.sitemaps:
                yield self._listing_request(url, source, self.parse_sitemap)
            for url in source.sections:
                yield self._listing_request(url, source, self.parse_section)

    # listings

    def _listing_request(
        self, url: str, source: Source, callback: Any, chain: tuple[str, ...] = ()
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            headers=self.state.conditional_headers(url),
            meta={
                "source": source.name,
                "listing": True,
                "crawl_kind": "listing",
                "listing_chain": chain,
                # a 304 is an answer, not an error: the callback sees it
                "handle_httpstatus_list": [304],
            },
            priority=10,
            dont_filter=False,
        )

    def _listing_read(self, response: Response, source: Source) -> bool:
        """Record a listing response; False when there is nothing new to read (304)."""
        self.state.record_response(response, "listing", source.name)
        return response.status != 304

    def _listing_failed(self, response: Response, kind: str, detail: object) -> None:
        self.state.listing_unusable(response.request)
        self._count_error(kind, response.url, detail)

    def parse_feed(self, response: Response) -> Iterable[scrapy.Request]:
        source = self._source(response)
        if not self._listing_read(response, source):
            return
        try:
            entries = parse_feed(response.body, response.url)
        except ListingError as exc:
            self._listing_failed(response, "bad_feed", exc)
            return
        self.crawler.stats.inc_value("newscrawl/listings/feeds")
        yield from self._article_requests(entries, source, "feed", response)

    def parse_sitemap(self, response: Response) -> Iterable[scrapy.Request]:
        source = self._source(response)
        if not self._listing_read(response, source):
            return
        try:
            entries = parse_sitemap(response.body, response.url)
        except ListingError as exc:
            self._listing_failed(response, "bad_sitemap", exc)
            return
        self.crawler.stats.inc_value("newscrawl/listings/sitemaps")
        chain = self._chain(response)
        if any(entry.is_sitemap for entry in entries):
            self.state.sitemap_index_read(response.request)
        for entry in entries:
            if entry.is_sitemap and not self._too_old(entry, source):
                yield self._listing_request(entry.url, source, self.parse_sitemap, chain)
        yield from self._article_requests([e for e in entries if not e.is_sitemap], source, "sitemap", response)

    def parse_section(self, response: Response) -> Iterable[scrapy.Request]:
        source = self._source(response)
        if not self._listing_read(response, source):
            return
        if not isinstance(response, scrapy.http.TextResponse):
            self._listing_failed(response, "bad_section", "not a text page")
            return
        self.crawler.stats.inc_value("newscrawl/listings/sections")
        links = self._link_extractor(source).extract_links(response)
        entries = [ListingEntry(url=link.url) for link in links]
        yield from self._article_requests(entries, source, "section", response)

    @staticmethod
    def _chain(response: Response) -> tuple[str, ...]:
        """The listings an entry of ``response`` was found through, outermost first."""
        return (*response.meta.get("listing_chain", ()), listed_url(response.request))

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
        self, entries: Iterable[ListingEntry], source: Source, found_in: str, listing: Response
    ) -> Iterable[scrapy.Request]:
        chain = self._chain(listing)
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
            if not self.state.wants_article(entry.url, [entry.lastmod, entry.published_raw]):
                continue
            yield scrapy.Request(
                entry.url,
                callback=self.parse_article,
                errback=self.on_error,
                meta={
                    "source": source.name,
                    "listing_dates": dates,
                    "found_in": found_in,
                    "crawl_kind": "article",
                    "listing_chain": chain,
                },
            )

    def _too_old(self, entry: ListingEntry, source: Source) -> bool:
        limit = self.since
        if source.max_age_days is not None:
            by_age = datetime.now(UTC) - timedelta(days=source.max_age_days)
            limit = max(limit, by_age) if limit else by_age
        stamp = entry.lastmod or entry.published_raw
        if limit is None or not stamp:
            return False
        seen = parse_listing_time(stamp)
        return seen is not None and seen < limit

    # articles

    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        source = self._source(response)
        self.state.record_response(response, "article", source.name)
        if not isinstance(response, scrapy.http.TextResponse):
            self._reject(response, "not_html", response.headers.get("Content-Type"))
            return
        context = PageContext(
            source=source.name,
            timezone=source.timezone,
            languages=",".join(source.languages),
            fetched_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
            tracking_params=tuple(source.tracking_params),
            listing_dates=tuple(response.meta.get("listing_dates", [])),
            urls=(*response.meta.get("redirect_urls", []), response.request.url, response.url),
        )
        try:
            # in NEWSCRAWL_PARSE_WORKERS processes, so downloads go on while pages are parsed
            pool = ParsePool.for_crawler(self.crawler)
            item = await pool.parse(response.body, response.url, response.encoding, context)
        except ParseError as exc:
            self._reject(response, "unparsable", exc)
            return
        except WorkerCrashed as exc:
            self._reject(response, "worker_crashed", exc)
            return
        yield item

    # helpers

    def _source(self, response: Response) -> Source:
        return self.registry.get(response.meta["source"])

    def on_error(self, failure: Failure) -> None:
        """Every failed fetch ends here: counted by kind, recorded in the crawl state."""
        kind = failure_kind(failure)
        request = getattr(failure, "request", None)
        if kind in SKIP_KINDS:
            # the site asked us not to, or the crawl is stopping: a skip, not an error of the run
            self.crawler.stats.inc_value(f"newscrawl/skipped/{SKIP_KINDS[kind]}")
            return
        if request is not None:
            if failure.check(HttpError):
                request.meta["newscrawl_status"] = failure.value.response.status
            self.state.record_failure(request, kind, request.meta.get("source"), final=False)
        self._count_error(kind, request.url if request else "?", failure.getErrorMessage())

    def _reject(self, response: Response, kind: str, detail: object) -> None:
        """An answer that is not an article page: final, not fetched again while unchanged."""
        self.state.record_failure(response.request, kind, response.meta.get("source"), final=True)
        self._count_error(kind, response.url, detail)

    def _count_error(self, kind: str, url: str, detail: object) -> None:
        self.crawler.stats.inc_value(f"newscrawl/errors/{kind}")
        self.logger.warning("%s: %s (%s)", kind, url, detail)


#: Failure kinds that are skips, not errors, and the name they are counted under.
SKIP_KINDS = {"robots_disallowed": "robots", "stopping": "stopping"}


def failure_kind(failure: Failure) -> str:
    """A short name for why a fetch failed, as counted in the run summary."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(DownloadTimeoutError, TimeoutError):
        return "timeout"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns"
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "connection_refused"
    if failure.check(TooLarge):
        return "too_large"
    if failure.check(RobotsDisallowed):
        return "robots_disallowed"
    if failure.check(StopIgnore):
        return "stopping"
    if failure.check(RedirectLoop):
        return "redirect_loop"
    if failure.check(IgnoreRequest):
        return "ignored"
    if failure.check(ResponseNeverReceived, ResponseFailed, ResponseDataLossError, ConnectionLost):
        return "connection_lost"
    return failure.type.__name__ if failure.type else "error"
