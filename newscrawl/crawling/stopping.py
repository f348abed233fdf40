"""Stopping a crawl on time: SIGTERM/SIGINT and ``NEWSCRAWL_MAX_RUNTIME`` end it promptly and cleanly.

Scrapy's graceful stop finishes every request the downloader holds, and the
downloader holds many more than it is fetching (up to ``CONCURRENT_REQUESTS``,
queued per site behind ``CONCURRENT_REQUESTS_PER_DOMAIN``). On a slow site
that can take minutes. :class:`GracefulStop` makes a stop mean: requests being
transferred finish (each bounded by ``DOWNLOAD_TIMEOUT``), their items go
through the pipelines and are stored; requests still waiting in a download
queue are dropped (``newscrawl/skipped/stopping``) and fetched by the next run.
The cause of the stop is kept as the stat ``newscrawl/stop_cause``
(``signal`` or ``max_runtime``).

A second SIGTERM/SIGINT still forces Scrapy to stop at once.
"""

from __future__ import annotations

import signal
from functools import partial
from typing import Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from newscrawl.crawling.kinds import StopIgnore

#: The message of the IgnoreRequest a dropped queued request fails with.
STOPPING = "crawl stopping: not fetched"


class GracefulStop:
    """Extension: prompt graceful stop on SIGTERM/SIGINT and after ``NEWSCRAWL_MAX_RUNTIME`` seconds."""

    def __init__(self, crawler: Any, max_runtime: float):
        self.crawler = crawler
        self.max_runtime = max_runtime
        self.cause: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> GracefulStop:
        extension = cls(crawler, crawler.settings.getfloat("NEWSCRAWL_MAX_RUNTIME"))
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        return extension

    def engine_started(self) -> None:
        # the reactor Scrapy installed; importing it at module level would install another
        from twisted.internet import reactor

        if self.max_runtime > 0:
            reactor.callLater(self.max_runtime, self.stop, "max_runtime")
        # Scrapy installs its shutdown handlers once the reactor runs; ours go on top of them.
        reactor.callLater(0, self._hook_signals)

    def _hook_signals(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            previous = signal.getsignal(signum)
            if callable(previous):
                signal.signal(signum, partial(self._on_signal, previous))

    def _on_signal(self, previous: Any, signum: int, frame: Any) -> None:
        # Runs between two bytecodes: let Scrapy schedule its stop, then schedule the drain after it
        # (once the engine stops, nothing refills the download queues).
        from twisted.internet import reactor

        previous(signum, frame)
        reactor.callFromThread(self._note_and_drain, "signal")

    def stop(self, cause: str) -> None:
        """Stop the crawl gracefully for ``cause``."""
        if self.cause is not None or not self.crawler.crawling:
            return
        deferred_from_coro(self.crawler.stop_async())
        self._note_and_drain(cause)

    def _note_and_drain(self, cause: str) -> None:
        if self.cause is None:
            self.cause = cause
            self.crawler.stats.set_value("newscrawl/stop_cause", cause)
        engine = self.crawler.engine
        if engine is None:
            return
        for slot in list(engine.downloader.slots.values()):
            while slot.queue:
                _request, waiting = slot.queue.popleft()
                waiting.errback(StopIgnore(STOPPING))
