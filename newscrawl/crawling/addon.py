"""newscrawl as a Scrapy add-on: one setting wires its pipelines, middlewares and extensions.

newscrawl's own project turns it on in ``newscrawl/settings.py``; any other
Scrapy project can do the same::

    ADDONS = {"newscrawl.crawling.addon.Newscrawl": 0}

and gets the item pipelines (clean, language, dates, dedup, stories, store
into ``NEWSCRAWL_DB``), the waiting retries, loop-safe redirects, graceful
stop and progress line, with every ``NEWSCRAWL_*`` default of
``newscrawl.settings`` at add-on priority (the project's own values win).
"""

from __future__ import annotations

from typing import Any

#: The item pipelines, in order: one concern each.
ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 100,
    "pipelines.language.LanguagePipeline": 200,
    "pipelines.dates.DatePipeline": 300,
    "pipelines.dedup.DedupPipeline": 400,
    "pipelines.stories.StoryPipeline": 500,
    "pipelines.store.StorePipeline": 900,
}
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's robots.txt and decompression, their refusals raised as named types (kinds).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.crawling.refusals.NamedRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "newscrawl.crawling.refusals.NamedHttpCompressionMiddleware": 590,
    # Scrapy's retry, plus a wait before each retry: backoff, Retry-After honoured.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.crawling.retry.BackoffRetryMiddleware": 550,
    # Scrapy's redirects, but a loop is an error of its own instead of a silent duplicate.
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawl.crawling.redirects.LoopSafeRedirectMiddleware": 600,
}
DOWNLOADER = "newscrawl.crawling.downloader.PoliteDownloader"
EXTENSIONS = {
    # SIGTERM/SIGINT and NEWSCRAWL_MAX_RUNTIME: queued requests dropped, in-flight ones finished.
    "newscrawl.crawling.stopping.GracefulStop": 100,
    # A live status line on stderr, only when it is a terminal.
    "newscrawl.crawling.progress.CrawlProgress": 500,
}


def newscrawl_defaults() -> dict[str, Any]:
    """Every ``NEWSCRAWL_*`` setting of ``newscrawl.settings`` and its default."""
    from newscrawl import settings

    return {name: getattr(settings, name) for name in dir(settings) if name.startswith("NEWSCRAWL_")}


class Newscrawl:
    """The Scrapy add-on (``ADDONS``) that wires newscrawl into a crawler's settings.

    It also owns the crawl's :class:`newscrawl.crawling.session.CrawlSession`
    (the archive the components share), found by them in ``crawler.addons``.
    """

    def __init__(self, crawler: Any = None):
        from newscrawl.crawling.session import CrawlSession

        self.session = CrawlSession(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Newscrawl:
        return cls(crawler)

    def update_settings(self, settings: Any) -> None:
        for name, value in newscrawl_defaults().items():
            settings.set(name, value, priority="addon")
        # per-site concurrency that holds exactly (Scrapy's own lets bursts through): see its docstring
        settings.set("DOWNLOADER", DOWNLOADER, priority="addon")
        for setting, components in (
            ("ITEM_PIPELINES", ITEM_PIPELINES),
            ("DOWNLOADER_MIDDLEWARES", DOWNLOADER_MIDDLEWARES),
            ("EXTENSIONS", EXTENSIONS),
        ):
            for path, order in components.items():
                # a project that set a component itself (to move or disable it) keeps its choice
                if path not in settings[setting]:
                    settings[setting][path] = order
