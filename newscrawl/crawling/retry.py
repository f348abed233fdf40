"""Retries that wait: exponential backoff, and ``Retry-After`` honoured for 429/503.

Scrapy's own retry middleware re-queues a failed request at once, which is
what a struggling or rate-limiting site least needs. This subclass keeps its
rules (``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``, the
``retry/*`` stats) and only adds the wait before each retry:

* ``Retry-After`` (seconds or an HTTP date) when the answer carries one; if it
  asks for more than ``NEWSCRAWL_RETRY_AFTER_MAX`` seconds the request is given
  up (counted as ``newscrawl/retry/after_too_long``) instead of stalling the crawl;
* otherwise ``NEWSCRAWL_RETRY_BACKOFF_BASE * 2**(n-1)`` seconds before the
  n-th retry, at most ``NEWSCRAWL_RETRY_BACKOFF_MAX``.

The wait does not block the crawl: other requests go on meanwhile. A wait
that starts while the crawl is stopping is skipped, and both limits bound how
long a graceful stop can take (docs/cron.md).
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.task import deferLater


def retry_after_seconds(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header value (None when absent or unreadable)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's ``RetryMiddleware`` with a wait before each retry (see the module doc)."""

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX")
        self.retry_after_max = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX")

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if asked is not None and asked > self.retry_after_max:
            self.crawler.stats.inc_value("newscrawl/retry/after_too_long")
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await self._wait(asked if asked is not None else self._backoff(retry))
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | Response | None:
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await self._wait(self._backoff(retry))
        return retry

    def _backoff(self, retry: Request) -> float:
        attempt = max(1, int(retry.meta.get("retry_times", 1)))
        return min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))

    async def _wait(self, seconds: float) -> None:
        # a stopping crawl does not wait: the retry is dropped with the rest of the queue
        if seconds > 0 and self.crawler.engine is not None and self.crawler.engine.running:
            # Scrapy's reactor; importing it at module level would install another
            from twisted.internet import reactor

            self.crawler.stats.inc_value("newscrawl/retry/waited_seconds", seconds)
            await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
