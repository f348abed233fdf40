"""Incremental crawls: real `newscrawl crawl` processes against a local site, run twice on one SQLite file."""

from __future__ import annotations

import json
import socket
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.demo.hostile import QUICK, XML, FixtureWeb, Page, article, good_site, sitemap
from tests.support.cli import run_cli


def crawl_json(registry, db, *extra: str) -> dict:
    result = run_cli("crawl", "--registry", str(registry), "--db", str(db), "--json", *QUICK, *extra, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def article_hits(web: FixtureWeb, paths: list[str]) -> int:
    return sum(web.hit_count(p) for p in paths)


def test_second_run_fetches_only_listings_and_they_answer_304(tmp_path):
    db = tmp_path / "news.db"
    with FixtureWeb() as web:
        paths = good_site(web, 3)
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"], sitemaps=["/sitemap.xml"])
        first = crawl_json(registry, db)
        assert (first["articles_new"], first["articles_fetched"], first["not_modified"]) == (3, 3, 0)

        web.reset_hits()
        log = tmp_path / "logs" / "crawl.log"
        second = run_cli("crawl", "--registry", str(registry), "--db", str(db), *QUICK, "--log-file", str(log))
        assert second.returncode == 0, second.stderr[-3000:]
        assert article_hits(web, paths) == 0
        assert web.hits("/feed.xml")[0][1].get("If-None-Match"), "the feed is asked for conditionally"

    line = second.stdout.strip()
    assert len(second.stdout.splitlines()) == 1 and line.startswith("newscrawl run 2 ok:")
    assert "fetched 2 listings (2 not modified) and 0 articles" in line
    assert "skipped" not in line, "a 304 listing is not even read: no entry to skip"
    assert second.stderr == "", "with --log-file nothing goes to stderr (cron mails only the summary)"
    assert "newscrawl run 2 ok" in log.read_text("utf-8")

    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT requests, not_modified, status, exit_code FROM crawl_runs ORDER BY id").fetchall()
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    # robots.txt + feed + sitemap: the second run costs three requests, the first also the three articles
    assert runs[1] == (3, 2, "ok", 0)
    assert runs[0][0] == first["requests"] == 3 + 3


def test_changed_article_is_fetched_again_and_updated_in_place(tmp_path):
    db = tmp_path / "news.db"
    with FixtureWeb() as web:
        paths = good_site(web, 3)
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"], sitemaps=["/sitemap.xml"])
        crawl_json(registry, db)

        # the site edits one report and says so in its sitemap
        when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
        changed_at = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
        update = "Update: the club later confirmed that the captain suffered a minor ankle knock in the final minutes."
        web.pages[paths[1]] = Page(article(1, when, extra=update))
        entries = [(p, changed_at if p == paths[1] else when) for p in paths]
        web.pages["/sitemap.xml"] = Page(sitemap(web, entries), XML, modified=changed_at)
        web.reset_hits()
        second = crawl_json(registry, db)
        assert web.hit_count(paths[1]) == 1
        assert web.hit_count(paths[0]) == web.hit_count(paths[2]) == 0

    assert (second["articles_updated"], second["articles_new"], second["articles_fetched"]) == (1, 0, 1)
    assert second["not_modified"] == 1  # the feed did not change; the sitemap did
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, version, body FROM articles ORDER BY url").fetchall()
    assert len(rows) == 3
    edited = next(r for r in rows if r[0].endswith(paths[1]))
    assert edited[1] == 2 and "ankle knock" in edited[2]
    assert all(r[1] == 1 for r in rows if r is not edited)


@pytest.mark.parametrize("how", ["--since", "max_age_days"])
def test_old_sitemap_entries_are_not_crawled(tmp_path, how):
    db = tmp_path / "news.db"
    now = datetime.now(UTC).replace(microsecond=0)
    with FixtureWeb() as web:
        paths = good_site(web, 3, published=now - timedelta(days=1))
        old = {paths[0]: now - timedelta(days=400), paths[1]: now - timedelta(days=200)}
        web.pages["/sitemap.xml"] = Page(sitemap(web, [(p, old.get(p, now - timedelta(days=1))) for p in paths]), XML)
        if how == "--since":
            registry = web.registry(tmp_path / "sources.toml", sitemaps=["/sitemap.xml"])
            summary = crawl_json(registry, db, "--since", (now - timedelta(days=30)).strftime("%Y-%m-%d"))
        else:
            registry = web.registry(tmp_path / "sources.toml", sitemaps=["/sitemap.xml"], max_age_days=30)
            summary = crawl_json(registry, db)
        assert [web.hit_count(p) for p in paths] == [0, 0, 1]
    assert summary["skips_by_reason"] == {"too_old": 2}
    assert summary["articles_new"] == 1


def _free_port_run(count: int) -> int:
    """A first port with ``count`` free consecutive ports after it."""
    for base in range(20_000, 60_000, 97):
        sockets = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    pytest.skip("no free loopback ports")


def test_demo_web_twice_the_second_run_downloads_only_listings(tmp_path):
    from newscrawl.demo.server import SITES_DIR

    sites = sum(1 for p in SITES_DIR.iterdir() if p.is_dir())
    db = tmp_path / "demo.db"
    port = str(_free_port_run(sites))
    runs = []
    for _ in range(2):
        result = run_cli("crawl", "--demo", "--demo-port", port, "--db", str(db), "--json", timeout=180)
        assert result.returncode == 0, result.stderr[-3000:]
        runs.append(json.loads(result.stdout))
    first, second = runs
    assert first["articles_new"] > 0 and first["articles_fetched"] >= first["articles_new"]
    assert second["articles_fetched"] == 0 and second["articles_new"] == 0
    # everything the second run asked for: each listing once, each site's robots.txt once;
    # the demo server sends ETags, so every listing answers 304, but for the one sitemap index
    # (le-vestiaire's), which is always read in full
    assert second["requests"] == second["listings_fetched"] + sites
    assert second["listings_fetched"] > 0 and second["not_modified"] == second["listings_fetched"] - 1
    assert second["requests"] == first["requests"] - first["articles_fetched"]


def test_a_new_entry_in_a_child_sitemap_is_found_when_the_index_is_unchanged(tmp_path):
    db = tmp_path / "news.db"
    with FixtureWeb() as web:
        paths = good_site(web, 3)
        when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
        index = (
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f'<sitemap><loc>{web.url("/sitemap.xml")}</loc></sitemap></sitemapindex>'
        ).encode()
        web.pages["/sitemap-index.xml"] = Page(index, XML)
        web.pages["/sitemap.xml"] = Page(sitemap(web, [(p, when) for p in paths[:2]]), XML)
        registry = web.registry(tmp_path / "sources.toml", sitemaps=["/sitemap-index.xml"])
        first = crawl_json(registry, db)
        assert first["articles_new"] == 2

        # the site adds a report to the child sitemap; the index stays byte for byte the same
        web.pages["/sitemap.xml"] = Page(sitemap(web, [(p, when) for p in paths]), XML)
        web.reset_hits()
        second = crawl_json(registry, db)
        assert not web.hits("/sitemap-index.xml")[0][1].get("If-None-Match"), "an index is always read"
        assert web.hit_count(paths[2]) == 1 and article_hits(web, paths[:2]) == 0
    assert second["articles_new"] == 1
