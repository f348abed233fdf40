"""Page parsing in worker processes (newscrawl.crawling.parsepool): sizing, and the same archive either way.

With workers the items come back analysed (``newscrawl.analysis``); in-process the pipelines analyse them.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newscrawl.crawling.forkserver import default_workers
from newscrawl.crawling.parsepool import ParsePool, _parse
from newscrawl.demo.hostile import FixtureWeb
from newscrawl.pages import parse_article
from tests.support.cli import run_cli
from tests.support.crawler import newscrawl_crawler
from tests.test_crawl_cron import busy_site, start_crawl, stored_count, wait_for

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def test_pool_size_comes_from_the_setting(tmp_path, monkeypatch):
    from newscrawl import settings
    from newscrawl.crawling import forkserver

    assert settings.NEWSCRAWL_PARSE_WORKERS == forkserver.DEFAULT_WORKERS == -1
    monkeypatch.delenv("NEWSCRAWL_PARSE_WORKERS", raising=False)
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "a.db", NEWSCRAWL_PARSE_WORKERS=2)).workers == 2
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "b.db", NEWSCRAWL_PARSE_WORKERS=0)).workers == 0
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "c.db", NEWSCRAWL_PARSE_WORKERS=-1)).workers \
        == default_workers()
    # the default (one per core) gives way to the environment, an explicit setting does not
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "d.db")).workers == default_workers()
    monkeypatch.setenv("NEWSCRAWL_PARSE_WORKERS", "3")
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "e.db")).workers == 3
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "f.db", NEWSCRAWL_PARSE_WORKERS=1)).workers == 1


def test_one_pool_per_crawler(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db", NEWSCRAWL_PARSE_WORKERS=1)
    assert ParsePool.for_crawler(crawler) is ParsePool.for_crawler(crawler)


def test_an_item_crosses_the_process_boundary_whole():
    page = next(iter(sorted(PAGES.rglob("*.html"))))
    item = _parse(page.read_bytes(), "https://example.test/a.html", None)
    assert pickle.loads(pickle.dumps(item)) == parse_article(page.read_bytes(), "https://example.test/a.html")


def _archive(db: Path) -> dict[str, object]:
    """What a crawl stored, without times and ports: articles, their URLs, stories."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        articles = sorted(
            (urlsplit(r["canonical_url"]).path, r["title"], r["body"], r["language"], r["published_at"],
             r["content_hash"], r["article_type"], r["match_facts"], r["team_a"], r["team_b"], r["day"],
             r["side_facts"], r["signature"])
            for r in conn.execute(
                "SELECT * FROM articles a LEFT JOIN story_evidence e ON e.article_id = a.id "
                "LEFT JOIN article_minhash m ON m.article_id = a.id")
        )
        urls = sorted((urlsplit(r["url"]).path, r["kind"]) for r in conn.execute("SELECT * FROM article_urls"))
        stories = sorted(
            tuple(sorted(urlsplit(u).path for u in (r["urls"] or "").split("\n")))
            for r in conn.execute(
                "SELECT group_concat(canonical_url, char(10)) AS urls FROM articles "
                "WHERE story_id IS NOT NULL GROUP BY story_id")
        )
    finally:
        conn.close()
    return {"articles": articles, "urls": urls, "stories": stories}


@pytest.mark.timeout(600)
def test_crawl_with_workers_stores_what_an_in_process_crawl_stores(tmp_path):
    stored = {}
    for workers in (0, 2):
        db = tmp_path / f"workers{workers}.db"
        result = run_cli("crawl", "--demo", "--demo-port", "0", "--db", str(db), "--json",
                         "--set", f"NEWSCRAWL_PARSE_WORKERS={workers}")
        assert result.returncode in (0, 3), result.stderr[-2000:]
        with sqlite3.connect(db) as conn:
            stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])
        ahead = stats.get("newscrawl/analysis/ahead", 0)
        assert (ahead > 0) == (workers > 0), "workers analyse the items, an in-process parse leaves it to the pipelines"
        stored[workers] = _archive(db)
    assert len(stored[0]["articles"]) >= 10
    assert stored[2] == stored[0]


def _descendants(pid: int) -> set[int]:
    """Every living process under ``pid`` (children, their children...), from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_bytes().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] not in (b"Z", b"X"):
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _living(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in (b"Z", b"X"):
            living.add(pid)
    return living


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.timeout(300)
def test_a_crawl_killed_with_workers_releases_its_output_at_once_and_leaves_no_worker(tmp_path):
    db = tmp_path / "news.db"
    with FixtureWeb() as web:
        _quick, slow = busy_site(web, slow=4)
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"])
        crawl = start_crawl(registry, db, "--set", "NEWSCRAWL_STORE_BATCH_SIZE=1", "--set", "NEWSCRAWL_PARSE_WORKERS=2")
        # pages parsed by the workers are stored, slow ones are in flight
        wait_for(lambda: stored_count(db) >= 1 and any(web.hit_count(p) for p in slow), "stored pages and slow ones")
        helpers = _descendants(crawl.pid)
        assert len(helpers) >= 3, "a fork server and two workers run under the crawl"
        os.kill(crawl.pid, signal.SIGKILL)
        started = time.monotonic()
        crawl.communicate(timeout=30)  # stdout and stderr reach end-of-file: nobody holds them any more
        released = time.monotonic() - started
        wait_for(lambda: not _living(helpers), "the crawl's helper processes to exit", timeout=10)
    assert released < 5, f"the killed crawl's output was held {released:.1f} s"


def test_the_pool_hands_over_a_window_of_pages_per_worker():
    from newscrawl.crawling import parsepool

    # enough pages queued per worker to cover the reactor's pauses (a store batch), scaled with workers
    assert parsepool._PER_WORKER >= 4
    assert ParsePool(3)._slots.limit == 3 * parsepool._PER_WORKER
    assert ParsePool(1)._slots.limit == parsepool._PER_WORKER


def test_a_crawl_processes_the_items_of_one_response_one_at_a_time(tmp_path):
    from newscrawl.runs.crawl import crawl_settings

    # Scrapy starts CONCURRENT_ITEMS tasks for every response; an article page gives a single item
    assert crawl_settings(tmp_path / "a.db").getint("CONCURRENT_ITEMS") == 1
    assert crawl_settings(tmp_path / "a.db", {"CONCURRENT_ITEMS": "4"}).getint("CONCURRENT_ITEMS") == 4


def test_the_fork_server_ends_without_tearing_down_what_it_loaded():
    # The fork server holds the crawl's stdout and stderr; tearing the parsing stack down after the
    # crawl had exited kept them open ~0.2 s longer for whoever reads them to the end (cron, a pipe).
    import subprocess
    import sys

    script = ("import sys\n"
              "class Noisy:\n"
              "    def __del__(self): print('torn down', flush=True)\n"
              "kept = Noisy()\n"
              "import newscrawl.crawling.warm\n"
              "print('loaded', flush=True)\n"
              "sys.exit(3)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["loaded"]  # no teardown: the object is never collected
    assert done.returncode == 0  # ended by the fork server's own exit, not by the script's code
