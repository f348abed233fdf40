"""Per-URL crawl state: what to fetch again, conditional requests, and what each fetch came to.

:class:`CrawlState` is the spider's memory across runs, kept in the
``crawl_state`` table (one row per URL: first seen, last fetched, HTTP status,
ETag / Last-Modified, body hash, outcome). It decides two things:

* an article URL already stored (or finally rejected: dropped by a pipeline,
  not an article, gone) is not fetched again unless a feed or sitemap date
  for it is later than when it was last stored;
* a feed, sitemap or section page is fetched with ``If-None-Match`` /
  ``If-Modified-Since`` only when its previous fetch was *complete*: every
  article it listed was handled in a run that finished. Otherwise a 304 could
  hide entries that a killed or failing run never got to.

``crawl_state.outcome`` says what the last fetch of a URL came to: ``fetched``
(answered, not yet handled), ``complete`` (a listing, see above), ``article``
or ``duplicate`` (accepted by the pipelines; written before the store batch
commits, so the ``articles`` table, not this, says what is stored),
``dropped:<reason>`` (refused by a pipeline), ``rejected:<kind>`` (not an
article page), ``gone`` (404/410) or an error kind such as ``timeout`` or
``http_503`` (tried again next run).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from scrapy import signals
from scrapy.http import Request, Response

from newscrawl.archive import Archive, utc_now
from newscrawl.crawling.kinds import Dropped
from newscrawl.crawling.session import CrawlSession
from newscrawl.dates import newest_listing_time
from newscrawl.urls import canonicalize_url

#: ``crawl_state.outcome`` of a listing whose every entry was handled in a finished run.
COMPLETE = "complete"
#: Outcomes after which an unchanged article URL is not fetched again.
FINAL_OUTCOME_PREFIXES = ("dropped", "rejected", "gone")
#: ``crawl_state.kind`` of a listing that is a sitemap index.
SITEMAP_INDEX = "sitemap_index"
#: Crawl-state changes written per transaction.
FLUSH_EVERY = 200
#: Statuses that say a page is not there and will not be.
GONE_STATUSES = (404, 410)


def listed_url(request: Request) -> str:
    """The URL a request was made for, before any redirect."""
    return (request.meta.get("redirect_urls") or [request.url])[0]


class CrawlState:
    """Crawl-state decisions and bookkeeping of one running crawl (one per crawler)."""

    def __init__(self, archive: Archive, stats: Any, run_id: int | None):
        self.archive = archive
        self.stats = stats
        self.run_id = run_id
        self._listings_fetched: set[str] = set()
        self._listings_incomplete: set[str] = set()
        # Written in batches, like articles: losing the tail to a kill only means refetching it.
        self._changes: list[tuple[str, Any]] = []

    @classmethod
    def for_crawler(cls, crawler: Any) -> CrawlState:
        """The crawl state of a running crawl, created on first use, hooked to its signals."""
        session = CrawlSession.of(crawler)
        state = session.crawl_state
        if state is None:
            run_id = crawler.settings.getint("NEWSCRAWL_RUN_ID") or None
            state = session.crawl_state = cls(session.archive, crawler.stats, run_id)
            crawler.signals.connect(state.item_scraped, signal=signals.item_scraped)
            crawler.signals.connect(state.item_dropped, signal=signals.item_dropped)
            crawler.signals.connect(state.spider_closed, signal=signals.spider_closed)
        return state

    # decisions

    def conditional_headers(self, url: str) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for a listing whose last fetch was complete.

        Never for a sitemap index: sites change a child sitemap without touching
        the index, and a 304 for the index would hide the children. Indexes are
        small; their children get conditional requests of their own.
        """
        row = self.archive.fetch_state(url)
        if not row or row.get("outcome") != COMPLETE or row.get("kind") == SITEMAP_INDEX:
            return {}
        headers = {}
        if row.get("etag"):
            headers["If-None-Match"] = row["etag"]
        if row.get("last_modified"):
            headers["If-Modified-Since"] = row["last_modified"]
        return headers

    def wants_article(self, url: str, stamps: Sequence[str | None]) -> bool:
        """Whether to fetch an article URL: new, changed since stored (by a listing date), or retried.

        Counted as ``newscrawl/incremental/{new,changed}`` or
        ``newscrawl/skipped/unchanged``.
        """
        known = self._known_since(url)
        if known is None:
            self.stats.inc_value("newscrawl/incremental/new")
            return True
        listed = newest_listing_time(stamps)
        if listed is not None and listed > known:
            self.stats.inc_value("newscrawl/incremental/changed")
            return True
        self.stats.inc_value("newscrawl/skipped/unchanged")
        return False

    def _known_since(self, url: str) -> datetime | None:
        times = [self.archive.stored_seen_at(u) for u in dict.fromkeys([url, canonicalize_url(url)])]
        row = self.archive.fetch_state(url)
        if row and str(row.get("outcome") or "").startswith(FINAL_OUTCOME_PREFIXES):
            times.append(row.get("last_fetched"))
        return newest_listing_time(times)

    # bookkeeping

    def record_response(self, response: Response, kind: str, source: str) -> None:
        """Record a fetch that got a response (2xx or 304) in ``crawl_state``."""
        url = listed_url(response.request)
        self.stats.inc_value(f"newscrawl/fetched/{kind}")
        row: dict[str, Any] = {
            "url": url, "source": source, "kind": kind, "last_fetched": utc_now(),
            "status": response.status, "run_id": self.run_id,
        }
        if response.status == 304:
            self.stats.inc_value("newscrawl/not_modified")
        else:
            row.update(
                etag=_header(response, "ETag"),
                last_modified=_header(response, "Last-Modified"),
                content_hash=hashlib.sha1(response.body).hexdigest(),
                outcome="fetched",
            )
        self._change("fetch", row)
        if kind == "listing":
            self._listings_fetched.add(url)

    def record_failure(self, request: Request, kind: str, source: str | None, *, final: bool) -> None:
        """Record a fetch that failed (HTTP error, timeout, unreadable page, ...).

        A failure that is not ``final`` (worth retrying next run) makes every
        listing the URL came from incomplete, so their next fetch is unconditional.
        """
        url = listed_url(request)
        status = request.meta.get("newscrawl_status")
        outcome = "gone" if status in GONE_STATUSES else (f"rejected:{kind}" if final else kind)
        self._change("fetch", {
            "url": url, "source": source, "kind": request.meta.get("crawl_kind", "article"),
            "last_fetched": utc_now(), "status": status, "outcome": outcome, "run_id": self.run_id,
        })
        if not (final or status in GONE_STATUSES):
            self._listings_incomplete.update(request.meta.get("listing_chain", ()))
            if request.meta.get("crawl_kind") == "listing":
                self._listings_incomplete.add(url)

    def sitemap_index_read(self, request: Request) -> None:
        """Remember that a listing is a sitemap index (see :meth:`conditional_headers`)."""
        self._change("fetch", {"url": listed_url(request), "kind": SITEMAP_INDEX})

    def listing_unusable(self, request: Request) -> None:
        """A listing that answered but could not be read: its fetch is not complete."""
        self._listings_incomplete.update([listed_url(request), *request.meta.get("listing_chain", ())])

    # signals

    def item_scraped(self, item: Any, response: Response, spider: Any = None) -> None:
        kind = "duplicate" if getattr(item, "duplicate_of", None) else "article"
        self._change("outcome", (listed_url(response.request), kind))

    def item_dropped(self, item: Any, response: Response, exception: BaseException, spider: Any = None) -> None:
        # a newscrawl pipeline's drop names its reason; any other pipeline's, its exception type
        reason = exception.key if isinstance(exception, Dropped) else type(exception).__name__
        self._change("outcome", (listed_url(response.request), f"dropped:{reason}"))

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        """After a finished run, listings all of whose entries were handled become ``complete``."""
        if reason == "finished":
            complete = self._listings_fetched - self._listings_incomplete
            self._changes.extend(("outcome", (url, COMPLETE)) for url in sorted(complete))
        self.flush()

    def flush(self) -> None:
        """Write the buffered crawl-state changes."""
        if self._changes:
            changes, self._changes = self._changes, []
            self.archive.write_crawl_state(changes)

    def _change(self, kind: str, change: Any) -> None:
        self._changes.append((kind, change))
        if len(self._changes) >= FLUSH_EVERY:
            self.flush()


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
