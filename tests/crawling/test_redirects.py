"""LoopSafeRedirectMiddleware, built from a crawler: a redirect back into its own chain is a named failure."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import Response

from newscrawl.crawling.kinds import RedirectLoop
from newscrawl.crawling.redirects import LoopSafeRedirectMiddleware
from tests.support.crawler import newscrawl_crawler


def redirect(url: str, to: str) -> Response:
    return Response(url, status=301, headers={"Location": to})


def test_a_plain_redirect_is_followed_and_a_loop_raises():
    middleware = LoopSafeRedirectMiddleware.from_crawler(newscrawl_crawler())
    first = Request("https://example.com/a")
    second = middleware.process_response(first, redirect(first.url, "https://example.com/b"))
    assert isinstance(second, Request) and second.url == "https://example.com/b"
    with pytest.raises(RedirectLoop, match="redirect loop"):
        middleware.process_response(second, redirect(second.url, "https://example.com/a"))
