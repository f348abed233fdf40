"""The archive of one running crawl, shared by its pipelines, its crawl state and its spider.

Scrapy builds each component from the crawler alone, so they need one place to
find the archive they share. That place is the newscrawl add-on of the crawler
(:class:`newscrawl.crawling.addon.Newscrawl`, listed in ``crawler.addons``):
it owns a :class:`CrawlSession`, which opens the archive at ``NEWSCRAWL_DB`` on
first use and closes it when the engine stops. The archive knows nothing of Scrapy.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler, load_object

from newscrawl.archive import Archive


class CrawlSession:
    """What the newscrawl components of one crawler share: the archive and its crawl state."""

    def __init__(self, crawler: Any):
        self._crawler = crawler
        self._archive: Archive | None = None
        self.crawl_state: Any = None
        """The crawl's :class:`newscrawl.crawling.crawlstate.CrawlState`, built by it on first use."""
        self.parse_pool: Any = None
        """The crawl's :class:`newscrawl.crawling.parsepool.ParsePool`, built by it on first use."""

    @property
    def archive(self) -> Archive:
        """The crawl's archive (``NEWSCRAWL_DB``), opened on first use, closed when the engine stops."""
        if self._archive is None:
            store = self._crawler.settings.get("NEWSCRAWL_STATE_STORE")
            if store:  # a shared-crawl worker: crawl state from a copy, no archive (newscrawl.scale)
                self._archive = build_from_crawler(load_object(store), self._crawler)
            else:
                self._archive = Archive(self._crawler.settings["NEWSCRAWL_DB"])
            self._crawler.signals.connect(self._archive.close, signal=signals.engine_stopped)
        return self._archive

    @classmethod
    def of(cls, crawler: Any) -> CrawlSession:
        """The session of ``crawler``'s newscrawl add-on; NotConfigured when the add-on is not enabled."""
        from newscrawl.crawling.addon import Newscrawl

        for addon in getattr(getattr(crawler, "addons", None), "addons", ()):
            if isinstance(addon, Newscrawl):
                return addon.session
        raise NotConfigured(
            'newscrawl components need the newscrawl add-on: ADDONS = {"newscrawl.crawling.addon.Newscrawl": 0}'
        )
