"""Redis as the shared crawl's work room: keys, the job and item streams, the crawl-state copy.

Keys (all under one prefix, ``newscrawl`` by default, so several crawls can share a Redis):

* ``<p>:jobs`` -- a stream of source jobs, read by the consumer group ``workers``:
  each job goes to exactly one worker, and stays pending (unacknowledged) until
  that worker has pushed the job's ``done`` event;
* ``<p>:items`` -- a stream of worker events (``item``, ``state``, ``done``), read by
  the consumer group ``coordinator``; the coordinator acknowledges an entry only
  after what it carries is committed to SQLite, so a killed coordinator's entries
  are delivered again to the next one;
* ``<p>:round`` -- the run id of the round in progress (0 between rounds); a job of
  another round is acknowledged and skipped, so a stale job never runs;
* ``<p>:alive:<worker>`` -- a worker's heartbeat, expiring ``HEARTBEAT_TTL_MS`` after
  its last beat: a pending job whose worker has no heartbeat is lost;
* ``<p>:state`` and ``<p>:stored`` -- the crawl-state copy (url -> ``crawl_state``
  row as JSON; url -> when its stored article was last written), rewritten by the
  coordinator from SQLite before it pushes a round's jobs, and both kept up after each
  commit (a job queued again sends the validators its dead worker last got and skips
  what that worker had stored, as a local crawl does). Workers only read it.

Every message body is :mod:`newscrawl.scale.codec` JSON in the field ``m``.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newscrawl.errors import NewscrawlError
from newscrawl.scale import codec

DEFAULT_PREFIX = "newscrawl"
WORKERS_GROUP = "workers"
COORDINATOR_GROUP = "coordinator"
#: A worker that has not beaten for this long is taken for dead (its job is queued again). Beats
#: come every second from a thread; the margin covers a loaded machine and a long regex holding the GIL.
HEARTBEAT_TTL_MS = 10_000
#: Seconds between two beats.
HEARTBEAT_EVERY = 1.0
#: Entries of the crawl-state copy written per Redis round trip.
COPY_CHUNK = 1000


class BrokerError(NewscrawlError):
    """Redis cannot be reached or answered with an error."""


@dataclass(frozen=True)
class Keys:
    prefix: str = DEFAULT_PREFIX

    @property
    def jobs(self) -> str:
        return f"{self.prefix}:jobs"

    @property
    def items(self) -> str:
        return f"{self.prefix}:items"

    @property
    def round(self) -> str:
        return f"{self.prefix}:round"

    @property
    def state(self) -> str:
        return f"{self.prefix}:state"

    @property
    def stored(self) -> str:
        return f"{self.prefix}:stored"

    def alive(self, worker: str) -> str:
        return f"{self.prefix}:alive:{worker}"


def connect(url: str) -> Any:
    """A redis-py client for ``url`` (``redis://host:port/db``), checked with a PING."""
    try:
        import redis
    except ImportError as exc:  # the optional extra
        raise BrokerError("the shared crawl needs redis-py: pip install 'newscrawl[scale]'") from exc
    client = redis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise BrokerError(f"cannot reach Redis at {url}: {exc}") from exc
    return client


class Bus:
    """The streams of one shared crawl, for coordinator and workers alike."""

    def __init__(self, url: str, prefix: str = DEFAULT_PREFIX):
        self.url = url
        self.keys = Keys(prefix)
        self.redis = connect(url)
        for stream, group in ((self.keys.jobs, WORKERS_GROUP), (self.keys.items, COORDINATOR_GROUP)):
            self._ensure_group(stream, group)

    def _ensure_group(self, stream: str, group: str) -> None:
        import redis

        try:
            self.redis.xgroup_create(stream, group, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):  # already there: the normal case
                raise BrokerError(f"cannot create consumer group {group}: {exc}") from exc

    # events (workers -> coordinator)

    def push(self, message: dict[str, Any]) -> None:
        self.redis.xadd(self.keys.items, {"m": codec.dumps(message)})

    def read_events(self, consumer: str, *, count: int, block_ms: int, pending: bool = False
                    ) -> list[tuple[str, dict[str, Any]]]:
        """Up to ``count`` events for ``consumer``: its own unacknowledged ones when ``pending``."""
        answer = self.redis.xreadgroup(COORDINATOR_GROUP, consumer, {self.keys.items: "0" if pending else ">"},
                                       count=count, block=None if pending else block_ms)
        return [(_text(entry_id), codec.loads(fields[b"m"])) for _, entries in answer or []
                for entry_id, fields in entries if fields]

    def ack_events(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            pipe = self.redis.pipeline()
            pipe.xack(self.keys.items, COORDINATOR_GROUP, *ids)
            pipe.xdel(self.keys.items, *ids)  # ingested: the stream keeps only what is not
            pipe.execute()

    def claim_orphaned_events(self, consumer: str) -> int:
        """Take over events left pending by other coordinator names; returns how many."""
        taken, start = 0, "0-0"
        while True:
            start, claimed, *_ = self.redis.xautoclaim(self.keys.items, COORDINATOR_GROUP, consumer,
                                                       min_idle_time=0, start_id=start, count=500)
            taken += len(claimed)
            if _text(start) == "0-0":
                return taken

    # jobs (coordinator -> workers)

    def start_round(self, run_id: int) -> None:
        self.redis.set(self.keys.round, run_id)

    def end_round(self) -> None:
        self.redis.set(self.keys.round, 0)

    def current_round(self) -> int:
        return int(self.redis.get(self.keys.round) or 0)

    def push_job(self, job: dict[str, Any]) -> str:
        return _text(self.redis.xadd(self.keys.jobs, {"m": codec.dumps(job)}))

    def take_job(self, worker: str, block_ms: int) -> tuple[str, dict[str, Any]] | None:
        answer = self.redis.xreadgroup(WORKERS_GROUP, worker, {self.keys.jobs: ">"}, count=1, block=block_ms)
        for _, entries in answer or []:
            for entry_id, fields in entries:
                return _text(entry_id), codec.loads(fields[b"m"])
        return None

    def ack_job(self, job_id: str) -> None:
        pipe = self.redis.pipeline()
        pipe.xack(self.keys.jobs, WORKERS_GROUP, job_id)
        pipe.xdel(self.keys.jobs, job_id)
        pipe.execute()

    def pending_jobs(self) -> dict[str, str]:
        """Job id -> the worker holding it, for every job taken and not yet acknowledged."""
        rows = self.redis.xpending_range(self.keys.jobs, WORKERS_GROUP, min="-", max="+", count=10_000)
        return {_text(r["message_id"]): _text(r["consumer"]) for r in rows}

    def holds_job(self, job_id: str, worker: str) -> bool:
        """Whether ``worker`` still holds ``job_id`` (not given back to the queue by the coordinator)."""
        rows = self.redis.xpending_range(self.keys.jobs, WORKERS_GROUP, min=job_id, max=job_id, count=1)
        return bool(rows) and _text(rows[0]["consumer"]) == worker

    def beat(self, worker: str) -> None:
        self.redis.set(self.keys.alive(worker), 1, px=HEARTBEAT_TTL_MS)

    def is_alive(self, worker: str) -> bool:
        return bool(self.redis.exists(self.keys.alive(worker)))

    def heartbeat(self, worker: str) -> threading.Event:
        """Beat for ``worker`` from a daemon thread until the returned event is set."""
        stop = threading.Event()

        def beat() -> None:
            while not stop.is_set():
                with contextlib.suppress(Exception):  # Redis away for a moment: the next beat retries
                    self.beat(worker)
                stop.wait(HEARTBEAT_EVERY)

        threading.Thread(target=beat, name=f"heartbeat-{worker}", daemon=True).start()
        return stop

    # the crawl-state copy

    def publish_state(self, state_rows: Iterator[dict[str, Any]], stored: Iterator[tuple[str, str]]) -> int:
        """Replace the copy workers read with these rows; returns the number of entries written."""
        self.redis.delete(self.keys.state, self.keys.stored)
        written = 0
        for key, pairs in ((self.keys.state, ((r["url"], json.dumps(r, default=str)) for r in state_rows)),
                           (self.keys.stored, ((u, s) for u, s in stored if s))):
            chunk: dict[str, str] = {}
            for url, value in pairs:
                chunk[url] = value
                if len(chunk) >= COPY_CHUNK:
                    written += self.redis.hset(key, mapping=chunk) or len(chunk)
                    chunk = {}
            if chunk:
                written += self.redis.hset(key, mapping=chunk) or len(chunk)
        return written

    def update_state(self, state_rows: Iterable[dict[str, Any]]) -> int:
        """Write these ``crawl_state`` rows over their entries of the copy (rows just committed); returns how many."""
        mapping = {r["url"]: json.dumps(r, default=str) for r in state_rows}
        if mapping:
            self.redis.hset(self.keys.state, mapping=mapping)
        return len(mapping)

    def mark_stored(self, seen: dict[str, str]) -> None:
        """Add URLs just committed to the stored-URL copy (url -> when its article was written)."""
        if seen:
            self.redis.hset(self.keys.stored, mapping=seen)

    def fetch_state(self, url: str) -> dict[str, Any] | None:
        raw = self.redis.hget(self.keys.state, url)
        return json.loads(raw) if raw else None

    def stored_seen_at(self, url: str) -> str | None:
        raw = self.redis.hget(self.keys.stored, url)
        return _text(raw) if raw else None


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
