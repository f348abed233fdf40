"""A shared-crawl worker: takes one source job at a time and crawls it with the news spider.

The crawl is the local crawl minus the archive: the same spider, middlewares
and extensions, the per-item analysis (language, dates, match facts, MinHash
signature: :mod:`newscrawl.analysis`, which travels with the item so the
coordinator only looks up, decides and stores), the pipelines that need no
archive (clean, language, dates), then :class:`pipelines.stream.StreamPipeline` pushing each item to the
coordinator. Crawl state is read from the Redis copy the coordinator
maintains (:class:`RedisCrawlState` stands where the archive stands in a local
crawl) and every change to it goes to the stream, so incremental fetching
(conditional listings, stored articles skipped) works as in a local crawl.

One job is one source: the worker that holds it is the only one fetching that
site in the round, so ``CONCURRENT_REQUESTS_PER_DOMAIN`` and the delays hold.
The job stays pending in Redis until the worker has pushed its ``done`` event
(with the crawl's stats); a worker killed mid-job leaves it pending with no
heartbeat, and the coordinator counts it lost.

Twisted's reactor cannot restart, so a worker runs all its jobs in one
reactor, one crawler per job.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from typing import Any

from newscrawl.scale import codec
from newscrawl.scale.streams import Bus

logger = logging.getLogger(__name__)

#: The item pipelines of a worker: the archive-free ones, then the stream. The rest run at the coordinator.
WORKER_PIPELINES = {
    "pipelines.analyse.AnalysePipeline": 50,  # the writer's per-item CPU, done here (newscrawl.analysis)
    "pipelines.dedup.DedupPipeline": None,
    "pipelines.stories.StoryPipeline": None,
    "pipelines.store.StorePipeline": None,
    "pipelines.stream.StreamPipeline": 900,
}
#: How often a job checks that its round is still the current one.
ROUND_CHECK_SECONDS = 0.5
#: How long one wait for a job blocks (ms); the stop flag and idle limit are checked between waits.
TAKE_BLOCK_MS = 1000


class RedisCrawlState:
    """What :class:`newscrawl.crawling.crawlstate.CrawlState` needs of an archive, on Redis.

    Reads come from the coordinator's copy; writes (``write_crawl_state``)
    become ``state`` events the coordinator applies to SQLite.
    """

    def __init__(self, bus: Bus, run_id: int, job: str):
        self.bus = bus
        self.run_id = run_id
        self.job = job

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisCrawlState:
        settings = crawler.settings
        bus = Bus(settings.get("NEWSCRAWL_SCALE_REDIS"), settings.get("NEWSCRAWL_SCALE_PREFIX"))
        return cls(bus, settings.getint("NEWSCRAWL_RUN_ID"), settings.get("NEWSCRAWL_SCALE_JOB"))

    def fetch_state(self, url: str) -> dict[str, Any] | None:
        return self.bus.fetch_state(url)

    def stored_seen_at(self, url: str) -> str | None:
        return self.bus.stored_seen_at(url)

    def write_crawl_state(self, changes: list[tuple[str, Any]]) -> None:
        self.bus.push({"type": "state", "run": self.run_id, "job": self.job, "changes": [list(c) for c in changes]})

    def close(self) -> None:
        """Nothing to close: the connection pool goes with the process."""


def job_settings(redis_url: str, prefix: str, run_id: int, job_id: str, overrides: dict[str, Any]) -> Any:
    """The Scrapy settings of one job's crawl: the project's, the coordinator's overrides, the worker wiring."""
    from newscrawl.runs.crawl import crawl_settings

    return crawl_settings(":memory:", {
        **overrides,
        "ITEM_PIPELINES": WORKER_PIPELINES,
        "NEWSCRAWL_STATE_STORE": "newscrawl.scale.worker.RedisCrawlState",
        "NEWSCRAWL_SCALE_REDIS": redis_url,
        "NEWSCRAWL_SCALE_PREFIX": prefix,
        "NEWSCRAWL_SCALE_JOB": job_id,
        "NEWSCRAWL_RUN_ID": run_id,
    })


class Worker:
    """Takes jobs until stopped (SIGTERM/SIGINT), ``max_jobs`` are done or idle for ``idle_exit`` seconds."""

    def __init__(self, redis_url: str, *, prefix: str, name: str | None = None,
                 max_jobs: int | None = None, idle_exit: float | None = None):
        self.redis_url = redis_url
        self.prefix = prefix
        self.bus = Bus(redis_url, prefix)
        self.name = name or f"{socket.gethostname()}-{os.getpid()}"
        self.max_jobs = max_jobs
        self.idle_exit = idle_exit
        self.jobs_done = 0
        self._stopping = False
        self._process: Any = None

    def run(self) -> int:
        """Work until told to stop; returns the number of jobs done."""
        from scrapy.crawler import CrawlerProcess
        from scrapy.utils.ossignal import install_shutdown_handlers
        from scrapy.utils.reactor import install_reactor

        from newscrawl.runs.crawl import crawl_settings

        settings = crawl_settings(":memory:", {"LOG_LEVEL": "WARNING"})
        self._process = CrawlerProcess(settings)
        # the jobs' crawlers check the reactor: install the configured one before touching it
        install_reactor(settings["TWISTED_REACTOR"])
        from twisted.internet import reactor

        beating = self.bus.heartbeat(self.name)

        def start() -> None:
            install_shutdown_handlers(self._on_signal)  # after Scrapy's own: a stop waits for the job
            self._loop().addBoth(lambda _: reactor.stop())

        reactor.callWhenRunning(start)
        try:
            self._process.start(stop_after_crawl=False, install_signal_handlers=False)
        finally:
            beating.set()
        return self.jobs_done

    def _on_signal(self, signum: int, _frame: Any) -> None:
        from twisted.internet import reactor

        logger.info("worker %s: signal %s, stopping after the current job", self.name, signum)
        self._stopping = True
        reactor.callFromThread(self._process.stop)

    def _loop(self) -> Any:
        from twisted.internet import defer, threads

        @defer.inlineCallbacks
        def loop() -> Any:
            idle = 0.0
            while not self._stopping and (self.max_jobs is None or self.jobs_done < self.max_jobs):
                taken = yield threads.deferToThread(self.bus.take_job, self.name, TAKE_BLOCK_MS)
                if taken is None:
                    idle += TAKE_BLOCK_MS / 1000
                    if self.idle_exit is not None and idle >= self.idle_exit:
                        break
                    continue
                idle = 0.0
                job_id, job = taken
                if job.get("run") != self.bus.current_round():
                    logger.warning("worker %s: job %s belongs to run %s, not the current round: skipped",
                                   self.name, job_id, job.get("run"))
                    self.bus.ack_job(job_id)
                    continue
                yield self._crawl(job_id, job)
                self.jobs_done += 1

        return loop()

    def _crawl(self, job_id: str, job: dict[str, Any]) -> Any:
        from scrapy.crawler import Crawler

        from newscrawl.runs.crawl import SPIDER
        from newscrawl.sources import Registry

        source = codec.source_from_dict(job["source"])
        settings = job_settings(self.redis_url, self.prefix, job["run"], job_id, job.get("settings") or {})
        crawler = Crawler(self._process.spider_loader.load(SPIDER), settings)
        since = job.get("since")
        clock, cpu, started_at = time.monotonic(), time.process_time(), time.time()

        def finished(result: Any) -> Any:
            if result is not None:  # a Failure: the crawl could not start or crashed
                logger.error("worker %s: the crawl of %s failed: %s", self.name, source.name,
                             result.getTraceback() if hasattr(result, "getTraceback") else result)
            reason = crawler.stats.get_value("finish_reason") or ("crashed" if result is not None else "forced")
            stats = {k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, int | float | str)}
            # where a round's time goes (bench/scale.py): this job's wall time and this process's CPU in it
            stats["newscrawl/scale/job_seconds"] = time.monotonic() - clock
            stats["newscrawl/scale/worker_cpu_seconds"] = time.process_time() - cpu
            # wall clock, not monotonic: the coordinator lays the jobs out on its own round's time line
            self.bus.push({"type": "done", "run": job["run"], "job": job_id, "source": source.name,
                           "worker": self.name, "finish_reason": reason, "stats": stats,
                           "started_at": started_at, "ended_at": time.time()})
            self.bus.ack_job(job_id)
            logger.info("worker %s: %s done (%s)", self.name, source.name, reason)
            return None  # a crashed crawl is reported, and the worker goes on with the next job

        from datetime import datetime

        d = self._process.crawl(crawler, registry=Registry((source,)), sources=[source.name],
                                since=datetime.fromisoformat(since) if since else None)
        watch = self._watch_round(crawler, job["run"], job_id)
        d.addBoth(lambda result: (watch.stop() if watch.running else None, result)[1])
        return d.addBoth(finished)

    def _watch_round(self, crawler: Any, run_id: int, job_id: str) -> Any:
        """Stop this job's crawl gracefully once its round is over (the coordinator stopped: SIGTERM,
        max runtime) or the job was given to another worker (this one was taken for dead): one owner per site."""
        from twisted.internet.task import LoopingCall

        from newscrawl.crawling.stopping import GracefulStop

        def check() -> None:
            try:
                over = self.bus.current_round() != run_id
                taken_back = not over and not self.bus.holds_job(job_id, self.name)
            except Exception:  # noqa: BLE001 -- Redis away for a moment: the next check retries
                return
            if (over or taken_back) and crawler.crawling:
                logger.warning("worker %s: %s, stopping its job", self.name,
                               f"round {run_id} is over" if over else f"job {job_id} was queued again")
                for extension in crawler.extensions.middlewares:
                    if isinstance(extension, GracefulStop):
                        extension.stop("round_ended" if over else "job_taken_back")

        watch = LoopingCall(check)
        watch.start(ROUND_CHECK_SECONDS, now=False)
        return watch
