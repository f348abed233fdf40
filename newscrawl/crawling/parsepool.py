"""Page parsing off the reactor: a pool of worker processes that turn responses into analysed items.

Scrapy's reactor is one thread, so every millisecond spent parsing a page
(lxml, trafilatura, the date candidates) is a millisecond no download moves.
:class:`ParsePool` sends :func:`newscrawl.pages.parse_article`, then
:func:`newscrawl.analysis.analyse` (language, dates, match facts, MinHash), to
``NEWSCRAWL_PARSE_WORKERS`` processes (default ``-1``: one per core; ``0``
parses in the crawl's own process and leaves the analysis to the pipelines; the
environment variable of the same name replaces the default) and hands the spider back the typed
:class:`newscrawl.items.ArticleItem` (pickled), so the item pipelines store
exactly what an in-process parse gives, in the same order per response.

The workers are forked from a fork server that loaded the parsers and the models once
(:mod:`newscrawl.crawling.warm`); they start in a thread while the listings download,
and the first pages wait for them without holding up the reactor.
Memory stays flat: at most eight pages per worker are submitted at a time
(``_PER_WORKER``); the other answered responses wait in Scrapy's scraper slot,
whose size limit (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``) in turn holds the
downloader back. A graceful stop (SIGTERM, ``--max-runtime``) drains: pages
already downloaded are parsed and stored before the spider closes; the pool is
shut down when the engine stops; when the crawl itself is killed (``kill -9``)
its workers notice within a second and exit, and with them the last holders of
its stdout and stderr (``tests/crawling/test_parsepool.py``). A worker that dies
(a crash in a C library) costs the pages handed to the pool, named ``worker_crashed``, and the
pool is started again.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred, DeferredSemaphore

from newscrawl.analysis import analyse
from newscrawl.crawling.forkserver import configured_workers, fork_context
from newscrawl.errors import NewscrawlError
from newscrawl.items import ArticleItem, DateCandidate
from newscrawl.urls import canonicalize_url

logger = logging.getLogger(__name__)

#: Pages handed to the pool per worker. The reactor submits the next page only when it is free, and
#: a store batch with its re-grouping holds it 0.2-0.7 s: with 2 a worker, workers sat idle beside
#: waiting pages for 10-18% of their time in bench/crawl.py, with 8 for 5%. The bodies are in memory
#: anyway (Scrapy's scraper slot, ``SCRAPER_SLOT_MAX_ACTIVE_SIZE``, bounds them), but a worker crash
#: fails every page handed over, so not more.
_PER_WORKER = 8
#: How often a worker checks that the crawl process still lives.
_WATCH_SECONDS = 0.5


class WorkerCrashed(NewscrawlError):
    """A parse worker process died while parsing a page."""


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
        if not _alive(crawl_pid):
            os._exit(0)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs: a zombie does not.

    A killed crawl stays a zombie until its parent reaps it, and a parent reading the crawl's
    output to its end (``communicate``) reaps it only after that: a worker that took the
    zombie for a living crawl held the output open, and both waited (the hang once seen).
    """
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or the pid now another user's process
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (not Linux): os.kill is all there is
        return True
    return state not in (b"Z", b"X")


@dataclass(frozen=True)
class PageContext:
    """What the spider knows of a page beyond its HTML: its source, when and under which URLs it came."""

    source: str
    timezone: str | None
    languages: str
    """The source's registry languages, comma-joined: the item's ``source`` language hint."""
    fetched_at: str
    tracking_params: tuple[str, ...] = ()
    listing_dates: tuple[DateCandidate, ...] = ()
    """Dates the listing gave for the page (feed, sitemap)."""
    urls: tuple[str, ...] = ()
    """The URLs before redirects, the requested one, the fetched one."""

    def apply(self, item: ArticleItem) -> None:
        """Give the parsed item what the page's HTML cannot tell."""
        item.source = self.source
        if self.tracking_params and item.canonical_url:
            item.canonical_url = canonicalize_url(item.canonical_url, tracking_params=self.tracking_params)
        item.timezone = self.timezone
        item.fetched_at = self.fetched_at
        item.language_hints.setdefault("source", self.languages)
        item.date_candidates.extend(self.listing_dates)
        item.urls = list(dict.fromkeys([*self.urls, *item.urls]))


def _parse(body: bytes, url: str, encoding: str | None, context: PageContext | None = None,
           languages: tuple[str, ...] | None = None) -> ArticleItem:
    """The page's item, completed by ``context``; analysed (``newscrawl.analysis``) for ``languages``."""
    # Imported here: with parse workers the crawl process never parses a page, so it need not
    # load the parsing stack (trafilatura, its lxml extensions: ~0.1 s at every start).
    from newscrawl.pages import parse_article

    item = parse_article(body, url, encoding=encoding)
    if context is not None:
        context.apply(item)
    if languages is not None:
        analyse_ahead(item, languages)
    return item


def analyse_ahead(item: ArticleItem, languages: tuple[str, ...]) -> ArticleItem:
    """``item`` with ``item.analysis`` set, or left None when the analysis fails on it."""
    try:
        item.analysis = analyse(item, languages)
    except Exception:  # the pipelines meet the same error on the item, where it is counted as ever
        logger.exception("analysis failed for %s; the pipelines analyse it", item.url)
        item.analysis = None
    return item


def worker_executor(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes forked from a fork server with the parsers and models loaded.

    The fork server (:mod:`newscrawl.crawling.forkserver`) is usually running already: a crawl
    starts it with its settings. Each worker exits when the calling process dies (``kill -9``).
    """
    return ProcessPoolExecutor(workers, mp_context=fork_context(), initializer=_init_worker,
                               initargs=(os.getpid(),))


class ParsePool:
    """Parses article pages in ``workers`` processes (``0``: in the calling process)."""

    def __init__(self, workers: int, languages: tuple[str, ...] = ()):
        self.workers = max(0, workers)
        self.languages = languages
        self._executor: ProcessPoolExecutor | None = None
        self._ready = False
        self._waiting: list[Deferred[None]] = []
        self._slots = DeferredSemaphore(max(1, self.workers * _PER_WORKER))

    @classmethod
    def for_crawler(cls, crawler: Any) -> ParsePool:
        """The pool of a running crawl, created on first use and shut down when its engine stops."""
        from newscrawl.crawling.session import CrawlSession

        session = CrawlSession.of(crawler)
        if session.parse_pool is None:
            session.parse_pool = pool = cls(configured_workers(crawler.settings),
                                            tuple(crawler.settings.getlist("NEWSCRAWL_LANGUAGES")))
            crawler.signals.connect(pool.shutdown, signal=signals.engine_stopped)
        return session.parse_pool

    def start(self) -> None:
        """Start the workers, off the reactor (on the first page: a crawl that finds no article starts none)."""
        if self.workers and self._executor is None:
            self._executor = executor = worker_executor(self.workers)
            self._ready = False
            # A worker is forked on a submit, which waits for the fork server to be loaded (seconds):
            # that wait happens in a thread, and pages wait for the pool in parse(), not the reactor.
            threading.Thread(target=self._spawn, args=(executor,), daemon=True, name="parse-pool-start").start()

    def _spawn(self, executor: ProcessPoolExecutor) -> None:
        from twisted.internet import reactor

        try:
            futures = [executor.submit(os.getpid) for _ in range(self.workers)]
            for future in futures:
                future.result()
        except Exception:  # a broken pool: the first page submitted says so (WorkerCrashed)
            logger.debug("parse pool did not start", exc_info=True)
        reactor.callFromThread(self._started, executor)

    def _started(self, executor: ProcessPoolExecutor) -> None:
        if executor is self._executor:
            self._ready = True
        waiting, self._waiting = self._waiting, []
        for deferred in waiting:
            deferred.callback(None)

    async def _until_ready(self) -> None:
        while not self._ready:
            self.start()  # the pool that was starting may have broken and been dropped since
            waiter: Deferred[None] = Deferred()
            self._waiting.append(waiter)
            await maybe_deferred_to_future(waiter)

    async def parse(self, body: bytes, url: str, encoding: str | None = None,
                    context: PageContext | None = None) -> ArticleItem:
        """The item of one page, as :func:`newscrawl.pages.parse_article` gives it, completed by ``context``.

        In a worker the item is analysed too (``item.analysis``, for the configured
        languages), so the pipelines on the reactor only look up, decide and store;
        parsed in-process it is not (the pipelines analyse it, with the same functions).
        Raises what the parser raises (:class:`newscrawl.pages.ParseError`), or
        :class:`WorkerCrashed` when the worker died on this page.
        """
        if not self.workers:
            return _parse(body, url, encoding, context)
        await maybe_deferred_to_future(self._slots.acquire())
        try:
            self.start()
            await self._until_ready()
            assert self._executor is not None
            try:
                future = self._executor.submit(_parse, body, url, encoding, context, self.languages)
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
        self._ready = False

    def shutdown(self) -> None:
        """Stop the workers (the engine has stopped: no page is in flight).

        Not waited for: a pool still starting (a crawl that found no article) would hold the
        reactor until its fork server is loaded; the workers exit on their own once told.
        """
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
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
