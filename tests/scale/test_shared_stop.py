"""SIGTERM to a local shared crawl (`newscrawl crawl --redis URL --workers 2`): its workers stop their jobs
gracefully, what they fetched is stored, and the run ends interrupted with exit code 5.

Real parts: redis-server on a free port, two slow fixture sites on 127.0.0.1, the CLI as a subprocess
that starts two real `newscrawl worker` processes.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.scale.test_shared_crawl import registry_of, slow_sites
from tests.support.cli import REPO, newscrawl_command
from tests.support.redis import redis_server


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_sigterm_stops_the_workers_gracefully_and_the_run_is_interrupted(redis_url, tmp_path):
    import redis

    webs = slow_sites(2.5)
    client = redis.Redis.from_url(redis_url)
    with webs[0], webs[1]:
        registry = registry_of(webs, tmp_path / "sources.toml")
        db = tmp_path / "stopped.db"
        crawl = subprocess.Popen(
            [*newscrawl_command(), "crawl", "--registry", str(registry), "--db", str(db), "--json",
             "--redis", redis_url, "--workers", "2", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
             "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "LOG_LEVEL=WARNING"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        reports = [(w, p) for w in webs for p in w.pages if "report" in p]
        deadline = time.monotonic() + 120  # start-up of three processes on a busy machine
        while time.monotonic() < deadline and not any(w.hit_count(p) for w, p in reports):
            time.sleep(0.05)
        workers = children(crawl.pid)
        assert len(workers) == 2, "the crawl started two worker processes"
        crawl.send_signal(signal.SIGTERM)
        out, err = crawl.communicate(timeout=120)
        fetched = {w.url(p) for w, p in reports if w.hit_count(p)}
    assert crawl.returncode == 5, err[-3000:]
    summary = json.loads(out)
    assert (summary["status"], summary["stop_reason"]) == ("interrupted", "signal")
    assert not [pid for pid in workers if alive(pid)], "the workers exited with the crawl"
    # one page at a time per site, 2.5 s each: the stop came before the rest was asked for
    assert 0 < len(fetched) < len(reports)
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT url FROM articles")}
        run = conn.execute("SELECT status, exit_code FROM crawl_runs").fetchall()
    assert stored == fetched, "every page in flight at the stop was finished, sent and stored"
    assert run == [("interrupted", 5)]
    # nothing left behind in Redis: every event ingested, no job still held
    assert client.xlen("newscrawl:items") == 0
    assert client.xpending("newscrawl:jobs", "workers")["pending"] == 0
