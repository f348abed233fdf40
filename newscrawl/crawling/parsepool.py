"""Page parsing off the reactor: a pool of worker processes that turn responses into items.

Scrapy's reactor is one thread, so every millisecond spent parsing a page
(lxml, trafilatura, the date candidates) is a millisecond no download moves.
:class:`ParsePool` sends :func:`newscrawl.pages.parse_article` to
``NEWSCRAWL_PARSE_WORKERS`` processes (``-1``: one per core; the default ``0``
parses in the crawl's own process, as before, until a crawl killed with
``kill -9`` is shown to release its output at once with workers; the
environment variable of the same name replaces the default) and hands the spider back the typed
:class:`newscrawl.items.ArticleItem` (pickled), so the item pipelines see
exactly what an in-process parse gives, in the same order per response.

Memory stays flat: at most two pages per worker are submitted at a time
(``_PER_WORKER``); the other answered responses wait in Scrapy's scraper slot,
whose size limit (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``) in turn holds the
downloader back. A graceful stop (SIGTERM, ``--max-runtime``) drains: pages
already downloaded are parsed and stored before the spider closes; the pool is
shut down when the engine stops; when the crawl itself is killed (``kill -9``)
its workers notice within a second and exit. A worker that dies (a crash in a C library)
costs its page, named ``worker_crashed``, and the pool is started again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred, DeferredSemaphore

from newscrawl.errors import NewscrawlError
from newscrawl.items import ArticleItem
from newscrawl.pages import parse_article

logger = logging.getLogger(__name__)

#: Pages in flight per worker: one being parsed, one waiting, so no worker idles between pages.
_PER_WORKER = 2
#: Scrapy's priority of the add-on's defaults: a value set above it was chosen by someone.
_ADDON_PRIORITY = 15
#: How often a worker checks that the crawl process still lives.
_WATCH_SECONDS = 0.5


class WorkerCrashed(NewscrawlError):
    """A parse worker process died while parsing a page."""


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(crawl_pid: int) -> None:
    # Ctrl-C reaches the whole process group: only the crawl decides what a stop means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(crawl_pid,), daemon=True, name="crawl-watch").start()


def _exit_with(crawl_pid: int) -> None:
    """End this worker when the crawl process is gone (``kill -9``): nothing else would tell it.

    A worker's task queue never reaches end-of-file (every worker holds its write end too), and
    it would keep the crawl's stdout and stderr open for whoever waits on them.
    """
    while True:
        time.sleep(_WATCH_SECONDS)
        try:
            os.kill(crawl_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # the pid now belongs to another user's process: ours is gone
            os._exit(0)


def _parse(body: bytes, url: str, encoding: str | None) -> ArticleItem:
    return parse_article(body, url, encoding=encoding)


class ParsePool:
    """Parses article pages in ``workers`` processes (``0``: in the calling process)."""

    def __init__(self, workers: int):
        self.workers = max(0, workers)
        self._executor: ProcessPoolExecutor | None = None
        self._slots = DeferredSemaphore(max(1, self.workers * _PER_WORKER))

    @classmethod
    def for_crawler(cls, crawler: Any) -> ParsePool:
        """The pool of a running crawl, created on first use and shut down when its engine stops."""
        from newscrawl.crawling.session import CrawlSession

        session = CrawlSession.of(crawler)
        if session.parse_pool is None:
            workers = crawler.settings.getint("NEWSCRAWL_PARSE_WORKERS", 0)
            explicit = (crawler.settings.getpriority("NEWSCRAWL_PARSE_WORKERS") or 0) > _ADDON_PRIORITY
            if not explicit and os.environ.get("NEWSCRAWL_PARSE_WORKERS", "").lstrip("-").isdigit():
                workers = int(os.environ["NEWSCRAWL_PARSE_WORKERS"])
            if workers < 0:
                workers = default_workers()
            session.parse_pool = pool = cls(workers)
            crawler.signals.connect(pool.shutdown, signal=signals.engine_stopped)
        return session.parse_pool

    def start(self) -> None:
        """Start the workers (they import the parsing stack while the first listings download)."""
        if self.workers and self._executor is None:
            # forkserver: a clean process to fork from, never a copy of the reactor's threads
            context = multiprocessing.get_context("forkserver")
            # the parsing stack is imported once, in the fork server, and shared by every worker
            context.set_forkserver_preload(["newscrawl.pages"])
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                                 initargs=(os.getpid(),))

    async def parse(self, body: bytes, url: str, encoding: str | None = None) -> ArticleItem:
        """The item of one page, as :func:`newscrawl.pages.parse_article` gives it.

        Raises what it raises (:class:`newscrawl.pages.ParseError`), or
        :class:`WorkerCrashed` when the worker died on this page.
        """
        if not self.workers:
            return _parse(body, url, encoding)
        await maybe_deferred_to_future(self._slots.acquire())
        try:
            self.start()
            assert self._executor is not None
            try:
                future = self._executor.submit(_parse, body, url, encoding)
            except BrokenProcessPool:
                self._restart()
                raise WorkerCrashed(f"parse worker pool broken before {url}") from None
            try:
                return await maybe_deferred_to_future(_deferred(future))
            except BrokenProcessPool:
                logger.error("a parse worker died on %s; starting the pool again", url)
                self._restart()
                raise WorkerCrashed(f"parse worker died on {url}") from None
        finally:
            self._slots.release()

    def _restart(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def shutdown(self) -> None:
        """Stop the workers once the pages in flight are parsed."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _deferred(future: Future[ArticleItem]) -> Deferred[ArticleItem]:
    """A Deferred that fires in the reactor thread when ``future`` (done in a pool thread) does."""
    from twisted.internet import reactor

    deferred: Deferred[ArticleItem] = Deferred()

    def done(finished: Future[ArticleItem]) -> None:
        error = finished.exception()
        if error is not None:
            reactor.callFromThread(deferred.errback, error)
        else:
            reactor.callFromThread(deferred.callback, finished.result())

    future.add_done_callback(done)
    return deferred
