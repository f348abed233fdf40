"""Safe under cron: overlapping runs, SIGTERM, --max-runtime, kill -9 and the resumed run, exit codes.

Every test runs the installed `newscrawl` in real processes against a local
site whose slow pages keep a crawl busy long enough to be disturbed.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.demo.hostile import QUICK, FixtureWeb, Page, article, good_site, rss
from tests.support.cli import REPO, newscrawl_command, run_cli

SLOW_SECONDS = 4


def busy_site(web: FixtureWeb, slow: int = 3, seconds: float = SLOW_SECONDS) -> tuple[list[str], list[str]]:
    """Three quick articles and ``slow`` articles that take ``seconds`` each; all in one feed."""
    quick = good_site(web, 3)
    now = datetime.now(UTC).replace(microsecond=0)
    slow_paths = [f"/news/slow-{i}.html" for i in range(slow)]
    for i, path in enumerate(slow_paths):
        web.pages[path] = Page(article(3 + i % 3, now, extra=f"Slow page number {i}."), behaviour="sleep",
                               seconds=seconds)
    web.pages["/feed.xml"] = Page(rss(web, [(p, now) for p in quick + slow_paths]), "application/rss+xml")
    return quick, slow_paths


def start_crawl(registry: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    args = ["crawl", "--registry", str(registry), "--db", str(db), *QUICK, "--set", "DOWNLOAD_TIMEOUT=20", *extra]
    return subprocess.Popen([*newscrawl_command(), *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def stored_count(db: Path) -> int:
    """Article pages recorded in the archive (stored, or folded into another as a duplicate)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(DISTINCT url) FROM article_urls").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def runs(db: Path) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM crawl_runs ORDER BY id")]


def lock_holder(db: Path) -> int | None:
    """The pid the crawl lock file names: written only once its writer holds the lock, emptied on release."""
    try:
        return json.loads(Path(f"{db}.lock").read_text(encoding="utf-8") or "{}").get("pid")
    except (FileNotFoundError, ValueError):
        return None


def test_an_overlapping_run_exits_at_once_with_the_lock_code(tmp_path):
    db = tmp_path / "news.db"
    with FixtureWeb() as web:
        # one page slow enough to outlast a second CLI start-up on a loaded machine
        _, slow = busy_site(web, slow=1, seconds=SLOW_SECONDS * 5)
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"])
        first = start_crawl(registry, db, "--set", "DOWNLOAD_TIMEOUT=90")
        try:
            wait_for(lambda: lock_holder(db) == first.pid, "the first crawl to hold the lock", timeout=180)
            wait_for(lambda: web.hit_count(slow[0]) > 0, "the first crawl to be busy", timeout=180)
            second = run_cli("crawl", "--registry", str(registry), "--db", str(db), *QUICK, timeout=180)
            # what the second run met was the first one's lock, not a finished crawl
            overlapped = first.poll() is None and lock_holder(db) == first.pid
        finally:
            out, err = first.communicate(timeout=300)
    assert overlapped, "the first crawl ended before the second one ran: nothing overlapped"
    assert second.returncode == 75
    assert second.stdout == ""
    message = second.stderr.strip()
    assert len(message.splitlines()) == 1 and f"pid {first.pid}" in message and "not started" in message
    assert first.returncode == 0, err[-3000:]
    assert [r["status"] for r in runs(db)] == ["ok"], "the refused run leaves no crawl_runs row"


def test_sigterm_stops_gracefully_and_the_next_run_fetches_only_the_rest(tmp_path):
    db = tmp_path / "news.db"
    with FixtureWeb() as web:
        quick, slow = busy_site(web, slow=8)
        articles = quick + slow
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"])
        # a small delay keeps Scrapy from sending a burst past the per-site limit: the rest waits in its queue
        crawl = start_crawl(registry, db, "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=3", "--set", "DOWNLOAD_DELAY=0.01")
        wait_for(lambda: any(web.hit_count(p) for p in slow), "a slow page in flight")
        crawl.send_signal(signal.SIGTERM)
        out, err = crawl.communicate(timeout=60)
        fetched_before = {p for p in articles if web.hit_count(p)}

        assert crawl.returncode == 5, err[-3000:]
        assert "interrupted" in out and "stopped by signal" in out
        assert f"skipped stopping={len(articles) - len(fetched_before)}" in out
        run = runs(db)[0]
        assert (run["status"], run["stop_reason"], run["exit_code"]) == ("interrupted", "signal", 5)
        # in-flight pages were finished and stored; queued ones were never asked for
        assert stored_count(db) == len(fetched_before) < len(articles)

        web.reset_hits()
        resumed = run_cli("crawl", "--registry", str(registry), "--db", str(db), *QUICK, "--json", timeout=120)
        assert resumed.returncode == 0, resumed.stderr[-3000:]
        assert {p for p in articles if web.hit_count(p)} == set(articles) - fetched_before
    assert stored_count(db) == len(articles)
    assert json.loads(resumed.stdout)["articles_fetched"] == len(articles) - len(fetched_before)


def test_max_runtime_stops_the_crawl_as_interrupted(tmp_path):
    db = tmp_path / "news.db"
    with FixtureWeb() as web:
        busy_site(web, slow=12)
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"])
        result = run_cli("crawl", "--registry", str(registry), "--db", str(db), *QUICK,
                         "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "--set", "DOWNLOAD_DELAY=0.01",
                         "--max-runtime", "1", timeout=120)
    assert result.returncode == 5, result.stderr[-3000:]
    assert "stopped by max_runtime" in result.stdout
    assert runs(db)[0]["stop_reason"] == "max_runtime"
    assert 0 < stored_count(db) < 15


def test_kill_9_leaves_a_consistent_archive_and_the_next_run_resumes(tmp_path):
    db = tmp_path / "news.db"
    log = tmp_path / "crawl.log"
    with FixtureWeb() as web:
        quick, slow = busy_site(web, slow=4)
        articles = quick + slow
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"])
        crawl = start_crawl(registry, db, "--set", "NEWSCRAWL_STORE_BATCH_SIZE=1", "--log-file", str(log))
        wait_for(lambda: stored_count(db) >= 1 and any(web.hit_count(p) for p in slow), "stored pages and slow ones")
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.communicate(timeout=30)

        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored_urls = {r[0] for r in conn.execute("SELECT url FROM article_urls")}
        assert [r["status"] for r in runs(db)] == ["running"]
        assert json.loads(Path(f"{db}.lock").read_text())["pid"] == crawl.pid, "the dead run's lock is left behind"

        for path in slow:  # the site is quick now
            web.pages[path].behaviour = ""
        web.reset_hits()
        resumed = run_cli("crawl", "--registry", str(registry), "--db", str(db), *QUICK, "--log-file", str(log))
        refetched = {p for p in articles if web.hit_count(p)}

    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "marked dead run 1 killed" in resumed.stdout
    assert [(r["status"], r["stop_reason"]) for r in runs(db)] == [
        ("killed", "process died; found by run 2"), ("ok", "finished")]
    assert "took over the crawl lock left by a dead run" in log.read_text("utf-8")
    assert not {p for p in refetched if web.url(p) in stored_urls}, "what was stored is not fetched again"
    assert stored_count(db) == len(articles)


def test_configuration_errors_exit_2_with_a_message(tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text('[[source]]\nname = "x"\n', encoding="utf-8")
    result = run_cli("crawl", "--registry", str(registry), "--db", str(tmp_path / "news.db"))
    assert result.returncode == 2
    assert result.stderr.startswith("configuration error:") and "homepage" in result.stderr
    unknown = run_cli("crawl", "--source", "no-such-source", "--db", str(tmp_path / "news.db"))
    assert unknown.returncode == 2 and "no-such-source" in unknown.stderr
