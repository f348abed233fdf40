"""Redirects that go round in circles are reported, not silently lost.

Scrapy's redirect middleware sends the redirected request back through the
scheduler, whose duplicate filter quietly drops a URL seen before: an A -> B
-> A loop then vanishes without an error. This subclass refuses a redirect to
a URL already visited by the same chain with ``IgnoreRequest("redirect loop
...")``, so the request's errback counts it (``redirect_loop``).
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.http import Response

from newscrawl.crawling.kinds import RedirectLoop


class LoopSafeRedirectMiddleware(RedirectMiddleware):
    """Scrapy's ``RedirectMiddleware`` that raises on a redirect back to a URL of its own chain."""

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request) and result.url in result.meta.get("redirect_urls", ()):
            chain = " -> ".join([*result.meta["redirect_urls"], result.url])
            raise RedirectLoop(f"redirect loop: {chain}")
        return result
