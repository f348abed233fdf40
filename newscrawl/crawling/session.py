"""The archive of one running crawl, shared by its pipelines, its crawl state and its spider.

Scrapy builds each component from the crawler alone, so they need one place to
find the archive they share: :meth:`CrawlSession.of` opens it from
``NEWSCRAWL_DB`` on first use, keeps it on the crawler under one documented
attribute (``crawler.newscrawl``) and closes it when the engine stops. The
archive itself knows nothing of Scrapy.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals

from newscrawl.archive import Archive


class CrawlSession:
    """What the newscrawl components of one crawler share: the archive (and its crawl state)."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.crawl_state: Any = None  # a newscrawl.crawling.crawlstate.CrawlState, built by it on first use

    @classmethod
    def of(cls, crawler: Any) -> CrawlSession:
        """The session of ``crawler``, opened on first use and closed when its engine stops."""
        session = getattr(crawler, "newscrawl", None)
        if session is None:
            session = cls(Archive(crawler.settings["NEWSCRAWL_DB"]))
            crawler.newscrawl = session
            crawler.signals.connect(session.archive.close, signal=signals.engine_stopped)
        return session
