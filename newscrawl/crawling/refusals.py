"""Scrapy's robots.txt and size refusals raised as named types (``kinds.RobotsDisallowed``, ``kinds.TooLarge``).

Scrapy raises a bare ``IgnoreRequest`` for a robots.txt refusal and for a body over
``DOWNLOAD_MAXSIZE`` once decompressed, and a ``DownloadCancelledError`` for a body
over it as sent; told apart they were by their message text. These subclasses of
Scrapy's own middlewares, in their places, raise the named types instead, so the
spider's ``failure_kind`` checks types only.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest

from newscrawl.crawling.kinds import RobotsDisallowed, TooLarge


class NamedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware; a forbidden request fails with :class:`RobotsDisallowed`."""

    def process_request_2(self, rp: Any, request: Any) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:  # its one refusal: the robots.txt forbids the URL
            raise RobotsDisallowed(str(exc)) from None


class NamedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression; a body over ``DOWNLOAD_MAXSIZE`` fails with :class:`TooLarge`.

    It also names the download handler's own size refusal: the handlers cancel a body over
    the limit with a ``DownloadCancelledError`` of their own (no cause), where a cancelled
    Twisted download is a ``DownloadCancelledError`` caused by Twisted's ``CancelledError``.
    """

    def process_response(self, request: Any, response: Any) -> Any:
        try:
            return super().process_response(request, response)
        except TooLarge:
            raise
        except IgnoreRequest as exc:  # its one refusal: the body exceeded the limit while decompressed
            raise TooLarge(str(exc)) from exc

    def process_exception(self, request: Any, exception: Exception) -> None:
        if isinstance(exception, DownloadCancelledError) and exception.__cause__ is None:
            raise TooLarge(str(exception)) from exception
