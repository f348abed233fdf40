"""The coordinator of a shared crawl: one round, one ``crawl_runs`` row, the single writer of SQLite.

A round (``newscrawl coordinate``, one per cron/timer tick, like ``newscrawl crawl``):

1. take the archive's crawl lock, record the run, mark dead runs killed;
2. ingest what a previous coordinator left unacknowledged (its pending entries,
   then anything still queued), so a killed coordinator loses nothing;
3. rewrite the crawl-state copy in Redis from SQLite, then push one job per source;
4. read the item stream, buffering up to a second (or :data:`BATCH` events) per
   commit: ``item`` events, analysed by the workers, go through the crawl's own
   archive pipelines (dedup -> stories -> store, built by
   :class:`newscrawl.runs.ingest.PipelineRunner` from ``ITEM_PIPELINES``),
   ``state`` events are applied to ``crawl_state``; the batch is committed,
   *then* acknowledged. A batch redelivered after a crash is written again
   idempotently (an article already stored is ``unchanged``);
5. a job held by a worker with no heartbeat is queued again for another worker
   (``NEWSCRAWL_SCALE_JOB_ATTEMPTS``); after the last attempt it is lost (the error
   ``worker_lost``; its listings stay incomplete, so the next round fetches them in full);
6. when every job has its ``done`` event or is lost, close the run with the summary built
   from the workers' and the coordinator's stats (:func:`newscrawl.runs.crawl.summarize`).
   A stop (SIGTERM/SIGINT, ``max_runtime``) ends the round in Redis first, so the
   workers stop their jobs gracefully and their last pages are ingested.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.archive import Archive
from newscrawl.crawling.session import CrawlSession
from newscrawl.runs.crawl import CrawlSummary, crawl_settings, open_run, record_run, summarize
from newscrawl.runs.ingest import PipelineRunner
from newscrawl.runs.lock import CrawlLock
from newscrawl.scale import codec
from newscrawl.scale.streams import Bus
from newscrawl.sources import Registry

logger = logging.getLogger(__name__)

#: The coordinator's pipelines: those that need the archive. The others ran at the workers.
COORDINATOR_PIPELINES = {
    "pipelines.clean.CleanPipeline": None,
    "pipelines.language.LanguagePipeline": None,
    "pipelines.dates.DatePipeline": None,
}
#: The consumer name of the coordinator in the item stream's group (one coordinator at a time: the lock).
CONSUMER = "coordinator"
#: Events read, processed and committed per batch (at most: a batch is what the stream holds, up to this).
BATCH = 500
#: Longest time events read wait for their commit while more keep coming.
COMMIT_SECONDS = 1.0
#: Seconds a stopped round waits for the workers' last pages (each bounded by ``DOWNLOAD_TIMEOUT``).
STOP_GRACE = 30
#: Failure drill: exit without acknowledging right after committing this many batches (tests only).
DRILL_EXIT_ENV = "NEWSCRAWL_DRILL_EXIT_BEFORE_ACK"


class Ingester:
    """The coordinator's write side: events in, committed, then acknowledged."""

    def __init__(self, bus: Bus, db_path: str | Path, overrides: Mapping[str, Any]):
        self.bus = bus
        # one store transaction per commit (the store's own size limit would split it, and regroup twice)
        settings = crawl_settings(db_path, {"NEWSCRAWL_STORE_BATCH_SIZE": BATCH, **overrides,
                                            "ITEM_PIPELINES": COORDINATOR_PIPELINES})
        self.runner = PipelineRunner(settings)
        self.archive: Archive = CrawlSession.of(self.runner.crawler).archive
        self.done: dict[str, dict[str, Any]] = {}
        self.duplicate_urls: set[str] = set()
        self.batches = 0
        #: where the writer's time goes (bench/scale.py): waiting on the stream, committing, its CPU
        self.timing: Counter[str] = Counter()
        self.last_done_at = 0.0
        self._buffer: list[tuple[str, dict[str, Any]]] = []
        self._buffered_at = 0.0
        self._drill = int(os.environ.get(DRILL_EXIT_ENV) or 0)

    def drain(self) -> int:
        """Ingest what is buffered, this consumer's pending entries, others' orphans, then everything queued."""
        handled = self.commit(self._take()) if self._buffer else 0
        self.bus.claim_orphaned_events(CONSUMER)
        while entries := self.bus.read_events(CONSUMER, count=BATCH, block_ms=0, pending=True):
            handled += self.commit(entries)
        while entries := self.bus.read_events(CONSUMER, count=BATCH, block_ms=1):
            handled += self.commit(entries)
        return handled

    def step(self, block_ms: int) -> int:
        """Read new events (waiting up to ``block_ms``); commit the buffer when it is due; returns how many.

        A commit is due with :data:`BATCH` events, after :data:`COMMIT_SECONDS`, or when the
        stream has nothing more: while workers stream pages, one commit (one store transaction,
        one regrouping) takes many reads' worth instead of a few items each time.
        """
        waited = time.perf_counter()
        entries = self.bus.read_events(CONSUMER, count=BATCH, block_ms=block_ms)
        self.timing["wait_seconds"] += time.perf_counter() - waited
        if entries and not self._buffer:
            self._buffered_at = time.monotonic()
        self._buffer.extend(entries)
        due = not entries or len(self._buffer) >= BATCH or time.monotonic() - self._buffered_at >= COMMIT_SECONDS
        return self.commit(self._take()) if self._buffer and due else 0

    def _take(self) -> list[tuple[str, dict[str, Any]]]:
        taken, self._buffer = self._buffer, []
        return taken

    def commit(self, entries: list[tuple[str, dict[str, Any]]]) -> int:
        clock, cpu = time.perf_counter(), time.process_time()
        changes: list[tuple[str, Any]] = []
        stored: dict[str, str] = {}
        for _, event in entries:
            kind = event.get("type")
            if kind == "item":
                item = self.runner.process(codec.item_from_dict(event["item"]))
                if item is not None and item.duplicate_of:
                    self.duplicate_urls.add(item.url)
                elif item is not None and item.fetched_at:
                    stored.update(dict.fromkeys([*item.urls, item.url, item.canonical_url or item.url],
                                                item.fetched_at))
            elif kind == "state":
                changes.extend(self._state_change(c) for c in event["changes"])
            elif kind == "done":
                self.done[event["job"]] = event
                self.last_done_at = time.monotonic()
        for pipeline in self.runner.pipelines:  # the store's batch: committed before the ack
            if hasattr(pipeline, "flush"):
                pipeline.flush()
        if changes:
            self.archive.write_crawl_state(changes)
            # committed rows, not the events: the copy shows what SQLite holds (first_seen, merged fields)
            self.bus.update_state(self.archive.crawl_state_rows(
                change[0] if kind == "outcome" else change["url"] for kind, change in changes))
        if stored:  # committed: the crawl-state copy knows them now, as a local crawl's archive does
            self.bus.mark_stored(stored)
        self.batches += 1
        if self._drill and self.batches >= self._drill:
            logger.error("failure drill: exiting after commit %d, before acknowledging it", self.batches)
            os._exit(9)
        self.bus.ack_events(entry_id for entry_id, _ in entries)
        self.timing["ingest_seconds"] += time.perf_counter() - clock
        self.timing["ingest_cpu_seconds"] += time.process_time() - cpu
        self.timing["events"] += len(entries)
        return len(entries)

    def _state_change(self, change: list[Any]) -> tuple[str, Any]:
        kind, value = change
        if kind == "outcome":
            url, outcome = value
            # the worker saw no dedup verdict: the coordinator's decides (as a local crawl records it)
            return kind, (url, "duplicate" if outcome == "article" and url in self.duplicate_urls else outcome)
        return kind, value

    def close(self) -> dict[str, Any]:
        return self.runner.close()


class RoundJobs:
    """The jobs of one round: which is current for each source, done, lost or replaced by a retry."""

    def __init__(self, bus: Bus, attempts: int):
        self.bus = bus
        self.attempts = attempts
        self.jobs: dict[str, tuple[str, dict[str, Any]]] = {}  # job id -> (source name, job)
        self.current: dict[str, str] = {}  # source name -> its latest job id
        self.lost: set[str] = set()
        self.requeued = 0

    def push(self, name: str, job: dict[str, Any]) -> str:
        job_id = self.bus.push_job(job)
        self.jobs[job_id] = (name, job)
        self.current[name] = job_id
        return job_id

    def open(self, done: Mapping[str, Any]) -> set[str]:
        """Current jobs with no ``done`` event and not given up."""
        return {j for j in self.current.values() if j not in done and j not in self.lost}

    def worker_died(self, job_id: str, worker: str) -> None:
        """Its worker died holding ``job_id``: queue it again for another worker, or give up after ``attempts``."""
        name, job = self.jobs[job_id]
        attempt = int(job.get("attempt") or 1)
        self.bus.ack_job(job_id)
        if attempt < self.attempts:
            logger.error("worker %s died holding %s: queued again (attempt %d of %d)",
                         worker, name, attempt + 1, self.attempts)
            self.push(name, {**job, "attempt": attempt + 1})
            self.requeued += 1
        else:
            logger.error("worker %s died holding %s: lost this round, its listings are fetched in full next round",
                         worker, name)
            self.lost.add(job_id)


def run_round(
    redis_url: str,
    db_path: str | Path,
    registry: Registry,
    source_names: Sequence[str] = (),
    *,
    prefix: str = "newscrawl",
    since: datetime | None = None,
    settings: Mapping[str, Any] | None = None,
    max_runtime: float | None = None,
    lock: CrawlLock | None = None,
) -> CrawlSummary:
    """One round of a shared crawl over the named sources (all when empty); see the module docstring.

    ``lock``: the archive's crawl lock when the caller holds it already.
    """
    sources = registry.select(source_names)
    overrides = dict(settings or {})
    bus = Bus(redis_url, prefix)
    with nullcontext(lock) if lock else CrawlLock(Path(db_path)):
        run_id, killed = open_run(db_path, sources)
        started, started_at = time.monotonic(), time.time()
        stop = _StopFlag()
        ingester = Ingester(bus, db_path, {**overrides, "NEWSCRAWL_RUN_ID": run_id})
        finish_reason = "crashed"
        jobs = RoundJobs(bus, ingester.runner.crawler.settings.getint("NEWSCRAWL_SCALE_JOB_ATTEMPTS"))
        try:
            recovered = ingester.drain()
            if recovered:
                logger.warning("ingested %d events left by an earlier coordinator", recovered)
            bus.publish_state(ingester.archive.crawl_state_rows(), ingester.archive.stored_urls())
            bus.start_round(run_id)
            for source in sources:
                jobs.push(source.name, {"run": run_id, "source": codec.source_to_dict(source), "settings": overrides,
                                        "since": since.isoformat() if since else None, "attempt": 1})
            finish_reason = _wait(bus, ingester, jobs, stop, started, max_runtime)
        finally:
            bus.end_round()
            stop.restore()
            coordinator_stats = ingester.close()
            stats = merge_stats([ingester.done[j]["stats"] for j in jobs.jobs if j in ingester.done], coordinator_stats)
            if jobs.lost:
                stats["newscrawl/errors/worker_lost"] = len(jobs.lost)
            if jobs.requeued:
                stats["newscrawl/scale/jobs_requeued"] = jobs.requeued
            stats.update({f"newscrawl/scale/coordinator/{k}": v for k, v in ingester.timing.items()})
            if ingester.last_done_at:  # the writer's tail: what it still had to ingest after the last job ended
                stats["newscrawl/scale/coordinator/tail_seconds"] = time.monotonic() - ingester.last_done_at
            for name, job_id in jobs.current.items():
                done = ingester.done.get(job_id)
                stats[f"newscrawl/scale/worker/{name}"] = done["worker"] if done else "lost" if job_id in jobs.lost else "-"
                if done and "started_at" in done:  # the job's time line in the round (wall clocks: exact on one host, as close as NTP across hosts)
                    stats[f"newscrawl/scale/job_span/{name}"] = (f"{done['started_at'] - started_at:.2f}-"
                                                                 f"{done['ended_at'] - started_at:.2f}")
            summary = summarize(stats, run_id, time.monotonic() - started, finish_reason)
            summary.killed_runs = killed
            record_run(db_path, summary, stats)
            logger.info("%s", summary.one_line())
    return summary


def _wait(bus: Bus, ingester: Ingester, jobs: RoundJobs, stop: _StopFlag, started: float,
          max_runtime: float | None) -> str:
    """Ingest until every job is done or given up; the finish reason.

    A stop (SIGTERM/SIGINT, ``max_runtime``) ends the round in Redis: workers
    stop their jobs gracefully (in-flight pages finish and are sent) and the
    coordinator ingests what they send until their ``done`` events, for at most
    :data:`STOP_GRACE` seconds; jobs nobody took are dropped.
    """
    checked = 0.0
    while jobs.open(ingester.done):
        ingester.step(block_ms=200)
        reason = ("shutdown" if stop.raised else "closespider_timeout"
                  if max_runtime and time.monotonic() - started > max_runtime else None)
        if reason:
            _stop_jobs(bus, ingester, jobs)
            return reason
        if time.monotonic() - checked > 1:
            checked = time.monotonic()
            for job_id, worker in bus.pending_jobs().items():
                if job_id in jobs.open(ingester.done) and not bus.is_alive(worker):
                    jobs.worker_died(job_id, worker)
    ingester.drain()  # the last events of the last jobs
    return "finished"


def _stop_jobs(bus: Bus, ingester: Ingester, jobs: RoundJobs) -> None:
    bus.end_round()  # the workers' cue: a job of a round that is not current stops
    for job_id in set(jobs.open(ingester.done)) - set(bus.pending_jobs()):
        bus.ack_job(job_id)  # never taken: dropped (its source is crawled next round)
    deadline = time.monotonic() + STOP_GRACE
    while time.monotonic() < deadline:
        taken = {j: w for j, w in bus.pending_jobs().items() if j in jobs.open(ingester.done)}
        if not taken or not any(bus.is_alive(w) for w in taken.values()):
            break
        ingester.step(block_ms=200)
    ingester.drain()


def merge_stats(worker_stats: Sequence[Mapping[str, Any]], own: Mapping[str, Any]) -> dict[str, Any]:
    """The counts of all jobs and of the coordinator's pipelines, added up (what a local crawl counts)."""
    total: Counter[str] = Counter()
    for stats in [*worker_stats, own]:
        total.update({k: v for k, v in stats.items() if isinstance(v, int | float) and not isinstance(v, bool)})
    return dict(total)


class _StopFlag:
    """SIGTERM/SIGINT end the round's wait; what was ingested stays and the run is ``interrupted``."""

    def __init__(self) -> None:
        self.raised = False
        self._previous = {s: signal.signal(s, self._raise) for s in (signal.SIGTERM, signal.SIGINT)}

    def _raise(self, signum: int, _frame: Any) -> None:
        self.raised = True

    def restore(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
