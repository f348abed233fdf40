"""CrawlProgress: a live status line on a terminal while a crawl runs.

Cron and pipes see nothing (stderr is not a terminal), so the one-line
summary stays the only thing a scheduled run prints.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from newscrawl.crawling.kinds import Counted, counts


class CrawlProgress:
    """Redraws ``pages, stored, duplicates, errors`` on stderr every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds."""

    def __init__(self, stats: Any, interval: float, stream: TextIO):
        self.stats = stats
        self.interval = interval
        self.stream = stream
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlProgress:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if interval <= 0 or not sys.stderr.isatty():
            raise NotConfigured  # silently: Scrapy logs a warning for a NotConfigured with a message
        extension = cls(crawler.stats, interval, sys.stderr)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def line(self) -> str:
        """The status line for the current stats."""
        get = self.stats.get_value
        stats = self.stats.get_stats()
        stored = sum(counts(stats, Counted.STORED).values())
        errors = sum(counts(stats, Counted.ERRORS).values())
        duplicates = sum(counts(stats, Counted.DUPLICATES).values())
        return (f"{get('response_received_count', 0)} pages, {stored} stored, "
                f"{duplicates} duplicates, {errors} errors")

    def spider_opened(self, spider: Any = None) -> None:
        self._loop = task.LoopingCall(self._draw)
        self._loop.start(self.interval, now=False)

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        if self._loop and self._loop.running:
            self._loop.stop()
        self.stream.write("\r\033[K")
        self.stream.flush()

    def _draw(self) -> None:
        self.stream.write(f"\r\033[K{self.line()}")
        self.stream.flush()
