"""A whole shared crawl on one machine: worker processes started here, a coordinator in this process.

What ``newscrawl crawl --redis URL --workers N`` runs, for trying the shared
crawl (and for the tests and the benchmark): the workers are real
``newscrawl worker`` processes, stopped with SIGTERM once the round is over.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.runs.crawl import CrawlSummary, configure_logging
from newscrawl.runs.lock import CrawlLock
from newscrawl.scale.coordinator import run_round
from newscrawl.scale.streams import DEFAULT_PREFIX, Bus
from newscrawl.sources import Registry

#: Seconds a worker gets to finish its job after SIGTERM before it is killed.
STOP_GRACE = 30


def worker_command(redis_url: str, prefix: str, name: str) -> list[str]:
    """The command line of one ``newscrawl worker`` with this interpreter."""
    script = Path(sys.executable).with_name("newscrawl")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "newscrawl.cli"]
    return [*base, "worker", "--redis", redis_url, "--prefix", prefix, "--name", name]


def start_workers(redis_url: str, count: int, *, prefix: str = DEFAULT_PREFIX, tag: str = "local"
                  ) -> list[subprocess.Popen[bytes]]:
    """``count`` worker processes named ``<tag>-1``..; their output goes to this process's stderr."""
    Bus(redis_url, prefix)  # fail here, with a clear error, if Redis is not there
    return [subprocess.Popen(worker_command(redis_url, prefix, f"{tag}-{n}"), stdout=subprocess.DEVNULL)
            for n in range(1, count + 1)]


def stop_workers(workers: Sequence[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    for worker in workers:
        try:
            worker.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def crawl_with_workers(
    db_path: str | Path,
    registry: Registry,
    source_names: Sequence[str] = (),
    *,
    redis_url: str,
    workers: int,
    prefix: str = DEFAULT_PREFIX,
    since: datetime | None = None,
    settings: dict[str, Any] | None = None,
    max_runtime: float | None = None,
    log_file: str | Path | None = None,
    log_max_bytes: int = 5_000_000,
    log_backups: int = 5,
    lock: CrawlLock | None = None,
) -> CrawlSummary:
    """One round over ``registry`` with ``workers`` local worker processes (arguments as ``run_crawl``)."""
    configure_logging(log_file, max_bytes=log_max_bytes, backups=log_backups)
    started = start_workers(redis_url, workers, prefix=prefix)
    try:
        return run_round(redis_url, db_path, registry, source_names, prefix=prefix, since=since,
                         settings=settings, max_runtime=max_runtime, lock=lock)
    finally:
        stop_workers(started)
