"""The shared crawl on a real Redis: coordinator and worker processes against the demo web and fixture sites.

Everything is real: ``redis-server`` on a free loopback port, the demo web and
fixture sites on 127.0.0.1, ``newscrawl coordinate`` / ``worker`` / ``crawl`` as
subprocesses, SQLite files compared row by row.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.demo.hostile import (
    ROBOTS,
    XML,
    FixtureWeb,
    Page,
    article,
    most_at_once,
    rss,
    sitemap,
)
from newscrawl.demo.server import DemoWeb
from tests.support.cli import run_cli
from tests.support.redis import redis_server
from tests.support.shared import FAST, fingerprint, reference_crawl, start_worker, stop


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo web on free ports, its registry file, and a local `newscrawl crawl` of it for reference."""
    tmp = tmp_path_factory.mktemp("demo")
    with DemoWeb() as web:
        yield web, *reference_crawl(web.bases, tmp)


def coordinate(redis_url, prefix, registry, db, *extra, env=None, timeout=180):
    return run_cli("coordinate", "--redis", redis_url, "--prefix", prefix, "--registry", str(registry),
                   "--db", str(db), "--json", *FAST, *extra, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def shared(demo, redis_url, tmp_path_factory):
    """Two rounds of the demo by a coordinator and two worker processes."""
    web, registry, _, _ = demo
    db = tmp_path_factory.mktemp("shared") / "shared.db"
    workers = [start_worker(redis_url, "demo", f"w{n}") for n in (1, 2)]
    try:
        before = {site: len(web.hits(site)) for site in web.bases}
        first = coordinate(redis_url, "demo", registry, db)
        hits = {site: Counter(web.hits(site)[before[site]:]) for site in web.bases}
        second = coordinate(redis_url, "demo", registry, db)
    finally:
        stop(workers)
    return db, first, hits, second


def test_two_workers_give_the_same_archive_as_a_local_crawl(demo, shared):
    _, _, reference, local = demo
    db, first, _, _ = shared
    assert first.returncode == 0, first.stderr[-3000:]
    summary = json.loads(first.stdout)
    assert summary["status"] == "ok" and summary["by_language"] == {"en": 7, "fr": 5, "nl": 4}
    for key in ("requests", "pages", "articles_new", "duplicates", "dropped", "listings_fetched", "articles_fetched"):
        assert summary[key] == local[key], key
    ours, theirs = fingerprint(db), fingerprint(reference)
    assert ours["articles"] == theirs["articles"]
    assert ours["urls"] == theirs["urls"], "same aliases and duplicates, under the same kept articles"
    assert ours["stories"] == theirs["stories"] and len(ours["stories"]) == 7
    # the workers did the per-item analysis (match facts, MinHash): every item the writer deduplicated had it
    with __import__("sqlite3").connect(db) as conn:
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs WHERE id = 1").fetchone()[0])
    # by a parse worker of theirs or by their AnalysePipeline: the language pipeline counts both
    assert stats["newscrawl/analysis/ahead"] >= summary["articles_new"] + summary["duplicates"]


def test_each_site_is_fetched_by_one_worker_once(demo, shared):
    db, first, hits, _ = shared
    stats = json.loads(__import__("sqlite3").connect(db).execute("SELECT stats FROM crawl_runs WHERE id = 1").fetchone()[0])
    owners = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("newscrawl/scale/worker/")}
    assert set(owners) == set(demo[0].bases) and set(owners.values()) <= {"w1", "w2"}
    # one owner per site and round: no page of any site was asked for twice
    assert all(n == 1 for site in hits.values() for n in site.values()), hits
    assert sum(sum(c.values()) for c in hits.values()) == json.loads(first.stdout)["requests"]


def test_round_two_fetches_only_listings_and_gets_304s(shared):
    db, _, _, second = shared
    assert second.returncode == 0, second.stderr[-3000:]
    summary = json.loads(second.stdout)
    # as a local second crawl of the demo (docs/cron.md): 18 listings, 17 answered 304, no article
    assert (summary["requests"], summary["listings_fetched"], summary["not_modified"], summary["articles_fetched"]) \
        == (22, 18, 17, 0)
    with __import__("sqlite3").connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 16
        assert [r[0] for r in conn.execute("SELECT status FROM crawl_runs ORDER BY id")] == ["ok", "ok"]


def test_a_coordinator_killed_before_acknowledging_loses_nothing_and_doubles_nothing(demo, redis_url, tmp_path):
    import redis

    _, registry, reference, _ = demo
    db = tmp_path / "redelivered.db"
    workers = [start_worker(redis_url, "drill", f"d{n}") for n in (1, 2)]
    try:
        crashed = coordinate(redis_url, "drill", registry, db, env={"NEWSCRAWL_DRILL_EXIT_BEFORE_ACK": "1"})
        assert crashed.returncode == 9, crashed.stderr[-2000:]
        client = redis.Redis.from_url(redis_url)
        unacked = client.xpending("drill:items", "coordinator")["pending"]
        assert unacked > 0, "the drill exits after a commit and before its acknowledgement"
        for _ in range(300):  # let the workers finish the dead round's jobs
            if not client.xlen("drill:jobs"):
                break
            time.sleep(0.1)
        again = coordinate(redis_url, "drill", registry, db)
    finally:
        stop(workers)
    assert again.returncode == 0, again.stderr[-3000:]
    assert fingerprint(db) == fingerprint(reference)
    with __import__("sqlite3").connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT status FROM crawl_runs ORDER BY id")] == ["killed", "ok"]


def slow_sites(seconds: float):
    """Two sites, three different fixture reports each, every article answering after ``seconds``."""
    webs = [FixtureWeb(), FixtureWeb()]
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    for n, web in enumerate(webs):
        paths = [f"/news/report-{i}.html" for i in range(3 * n, 3 * n + 3)]
        web.pages["/robots.txt"] = Page(ROBOTS, "text/plain")
        for path in paths:
            web.pages[path] = Page(article(int(path[-6]), when), behaviour="sleep", seconds=seconds)
        web.pages["/feed.xml"] = Page(rss(web, [(p, when) for p in paths]), "application/rss+xml; charset=utf-8")
        web.pages["/sitemap.xml"] = Page(sitemap(web, [(p, when) for p in paths]), XML)
    return webs


def registry_of(webs, path):
    parts = []
    for n, web in enumerate(webs):
        web.registry(path, f"site-{n}", feeds=["/feed.xml"], sitemaps=["/sitemap.xml"])
        parts.append(path.read_text("utf-8"))
    path.write_text("\n".join(parts), "utf-8")
    return path


@pytest.mark.parametrize("attempts", [2, 1])
def test_kill_9_of_a_worker_mid_round_loses_nothing_and_concurrency_holds(redis_url, tmp_path, attempts):
    """attempts=2 (the default): the dead worker's job is taken again by the other worker in the same round.
    attempts=1: it is lost this round (exit 3) and its listings are fetched in full next round."""
    import redis

    from newscrawl.scale import codec

    prefix = f"kill{attempts}"
    webs = slow_sites(2.0)
    client = redis.Redis.from_url(redis_url)
    with webs[0], webs[1]:
        registry = registry_of(webs, tmp_path / "sources.toml")
        db = tmp_path / "killed.db"
        limit = ["--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "--set", "DOWNLOAD_DELAY=0",
                 "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "LOG_LEVEL=WARNING",
                 "--set", f"NEWSCRAWL_SCALE_JOB_ATTEMPTS={attempts}"]
        # reference: a local crawl with the same settings; both sites are on 127.0.0.1, one host, one budget
        local = run_cli("crawl", "--registry", str(registry), "--db", str(tmp_path / "local.db"), *limit)
        assert local.returncode == 0, local.stderr[-2000:]
        assert most_at_once(s for w in webs for s in w.spans() if "report" in s[0]) == 2
        for w in webs:
            w.reset_hits()
        workers = {f"k{n}": start_worker(redis_url, prefix, f"k{n}") for n in (1, 2)}
        try:
            import subprocess

            from tests.support.cli import REPO, newscrawl_command

            coordinator = subprocess.Popen(
                [*newscrawl_command(), "coordinate", "--redis", redis_url, "--prefix", prefix, "--registry",
                 str(registry), "--db", str(db), "--json", *limit], cwd=REPO, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True)
            victim, deadline = None, time.monotonic() + 90  # worker and coordinator start-up on a busy machine
            while time.monotonic() < deadline:
                try:
                    pending = client.xpending_range(f"{prefix}:jobs", "workers", min="-", max="+", count=10)
                except redis.ResponseError:  # the workers have not made the group yet
                    pending = []
                for row in pending:  # the victim: a worker with both its site's slots busy on slow pages
                    [(_, fields)] = client.xrange(f"{prefix}:jobs", row["message_id"], row["message_id"]) or [(0, {})]
                    site = codec.loads(fields[b"m"])["source"]["name"] if fields else None
                    web = webs[int(site[-1])] if site else None
                    if web and sum(web.hit_count(p) for p in web.pages if "report" in p) >= 2:
                        victim, victim_site = row["consumer"].decode(), site
                        break
                if victim:
                    break
                time.sleep(0.05)
            assert victim, "no worker took a job"
            os.kill(workers[victim].pid, signal.SIGKILL)
            survivor = next(name for name in workers if name != victim)
            out, err = coordinator.communicate(timeout=120)
            first = json.loads(out)
            in_flight = {f"site-{n}": w.max_in_flight([p for p in w.pages if "report" in p])
                         for n, w in enumerate(webs)}
            with __import__("sqlite3").connect(db) as conn:
                stats = json.loads(conn.execute("SELECT stats FROM crawl_runs WHERE id = 1").fetchone()[0])
                stored_in_round_one = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            owners = {name: stats[f"newscrawl/scale/worker/{name}"] for name in in_flight}
            if attempts == 2:
                assert coordinator.returncode == 0, err[-2000:]
                assert first["status"] == "ok" and first["errors_by_kind"] == {}
                assert stats["newscrawl/scale/jobs_requeued"] == 1
                assert owners == {"site-0": survivor, "site-1": survivor}, "the survivor took the dead one's job"
                assert stored_in_round_one == 6, "the re-queued job crawled the whole site in the same round"
            else:
                assert coordinator.returncode == 3, err[-2000:]
                assert first["errors_by_kind"] == {"worker_lost": 1}
                assert owners[victim_site] == "lost" and set(owners.values()) == {"lost", survivor}
            # one worker per site at a time: every site got the setting exactly, never more
            assert in_flight == {"site-0": 2, "site-1": 2}, in_flight
            for w in webs:
                w.reset_hits()
            second = run_cli("coordinate", "--redis", redis_url, "--prefix", prefix, "--registry", str(registry),
                             "--db", str(db), "--json", *limit, timeout=120)
        finally:
            stop(list(workers.values()))
    assert second.returncode == 0, second.stderr[-3000:]
    # listings fetched in full (no validators sent) are the lost job's, and only when it was not retried
    unconditional = [f"site-{n}" for n, w in enumerate(webs) if not w.hits("/feed.xml")[0][1].get("If-None-Match")]
    assert unconditional == ([] if attempts == 2 else [victim_site])
    with __import__("sqlite3").connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 6, "nothing lost"
        assert conn.execute("SELECT count(*) FROM article_urls WHERE kind != 'canonical'").fetchone()[0] == 0
        assert [r[0] for r in conn.execute("SELECT status FROM crawl_runs ORDER BY id")] == \
            (["ok", "ok"] if attempts == 2 else ["partial", "ok"])
