"""BackoffRetryMiddleware, built from a crawler: it waits before a retry, Retry-After honoured."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scrapy import Request

from newscrawl.crawling.retry import BackoffRetryMiddleware, retry_after_seconds
from tests.support.crawler import newscrawl_crawler


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2024, 5, 9, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds(b"Thu, 09 May 2024 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds((now - timedelta(minutes=1)).strftime("%a, %d %b %Y %H:%M:%S GMT"), now=now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_the_middleware_reads_its_limits_from_the_settings():
    middleware = BackoffRetryMiddleware.from_crawler(newscrawl_crawler(NEWSCRAWL_RETRY_AFTER_MAX=5))
    assert (middleware.backoff_base, middleware.backoff_max, middleware.retry_after_max) == (2.0, 30.0, 5.0)


def test_the_backoff_doubles_per_retry_up_to_the_maximum():
    middleware = BackoffRetryMiddleware.from_crawler(newscrawl_crawler(NEWSCRAWL_RETRY_BACKOFF_MAX=5))
    waits = [middleware._backoff(Request("https://example.com/a", meta={"retry_times": n})) for n in (1, 2, 3, 4)]
    assert waits == [2.0, 4.0, 5.0, 5.0]
