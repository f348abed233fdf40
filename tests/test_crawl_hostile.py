"""A crawl of a hostile local site: it finishes, keeps the good pages and names every failure kind."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newscrawl.demo.hostile import HOSTILE_FAILURES, QUICK, FixtureWeb, hostile_site
from tests.support.cli import run_cli

TIMEOUT = 2


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    db = tmp / "news.db"
    with FixtureWeb() as web:
        good = hostile_site(web, timeout=TIMEOUT)
        registry = web.registry(tmp / "sources.toml", feeds=["/feed.xml", "/broken-feed.xml"],
                                sitemaps=["/sitemap.xml"])
        result = run_cli(
            "crawl", "--registry", str(registry), "--db", str(db), "--json", *QUICK,
            "--set", f"DOWNLOAD_TIMEOUT={TIMEOUT}", "--set", "DOWNLOAD_MAXSIZE=1048576", "--set", "RETRY_TIMES=1",
            timeout=120,  # never hangs: every trouble is bounded by a timeout or a size limit
        )
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        yield result, conn, web, good
        conn.close()


def test_the_crawl_finishes_partial_and_names_each_failure_kind(hostile_crawl):
    result, _, _, _ = hostile_crawl
    assert result.returncode == 3, result.stderr[-3000:]
    summary = json.loads(result.stdout)
    assert summary["status"] == "partial"
    expected = {"http_500": 1, "timeout": 2, "redirect_loop": 1, "too_large": 2, "bad_feed": 1, "bad_sitemap": 1}
    assert summary["errors_by_kind"] == expected
    assert set(HOSTILE_FAILURES.values()) <= set(expected)
    assert summary["skips_by_reason"] == {"robots": 1}


def test_the_good_pages_are_stored_with_their_text_decoded(hostile_crawl):
    _, conn, web, good = hostile_crawl
    stored = {r["url"]: r for r in conn.execute("SELECT url, title, body FROM articles")}
    assert set(stored) == {web.url(p) for p in good.values()}
    cafe = stored[web.url(good["cp1252"])]
    # cp1252 bytes served as UTF-8: é, the en dash and the curly apostrophe survive
    assert cafe["title"].startswith("Café owner")
    assert "holder for thirty years – promised" in cafe["body"] and "supporters’ groups" in cafe["body"]


def test_robots_txt_is_obeyed(hostile_crawl):
    _, conn, web, _ = hostile_crawl
    assert web.hit_count("/private/secret.html") == 0
    assert web.hits("/robots.txt")[0][1]["User-Agent"].startswith("newscrawl/")


def test_429_waits_for_retry_after_and_5xx_are_retried(hostile_crawl):
    _, conn, web, good = hostile_crawl
    limited = web.hits(good["rate_limited"])
    assert len(limited) == 2
    assert limited[1][0] - limited[0][0] >= 1.0, "Retry-After: 1 was honoured"
    assert web.hit_count("/news/server-error.html") == 2  # RETRY_TIMES=1
    state = conn.execute("SELECT status, outcome FROM crawl_state WHERE url = ?",
                         [web.url("/news/server-error.html")]).fetchone()
    assert tuple(state) == (500, "http_500")
