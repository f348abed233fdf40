"""Per-site concurrency is exactly ``CONCURRENT_REQUESTS_PER_DOMAIN``: real crawls against slow fixture sites.

The site measures it itself: every answer's span (request received, answer
sent) is kept, and the most spans open at one moment is the concurrency the
site saw. Without a download delay Scrapy's own downloader sent every queued
request at once (5 in flight with a limit of 2); see
:mod:`newscrawl.crawling.downloader`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from scrapy import Request

from newscrawl.crawling.downloader import PoliteDownloader, slot_key
from newscrawl.demo.hostile import ROBOTS, FixtureWeb, Page, article, most_at_once, rss
from tests.support.cli import run_cli

NO_DELAY = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "LOG_LEVEL=WARNING"]


def slow_site(web: FixtureWeb, reports: int, seconds: float) -> list[str]:
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    paths = [f"/news/report-{n}.html" for n in range(reports)]
    web.pages["/robots.txt"] = Page(ROBOTS, "text/plain")
    for n, path in enumerate(paths):
        web.pages[path] = Page(article(n, when), behaviour="sleep", seconds=seconds)
    web.pages["/feed.xml"] = Page(rss(web, [(p, when) for p in paths]), "application/rss+xml; charset=utf-8")
    return paths


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_a_crawl_sends_a_site_exactly_the_configured_concurrency(tmp_path, limit):
    with FixtureWeb() as web:
        reports = slow_site(web, 5, 1.0)
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"])
        result = run_cli("crawl", "--registry", str(registry), "--db", str(tmp_path / "news.db"), *NO_DELAY,
                         "--set", f"CONCURRENT_REQUESTS_PER_DOMAIN={limit}", timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        assert all(web.hit_count(p) == 1 for p in reports)
        # 5 answers of 1 s each: the limit is reached, and never passed
        assert web.max_in_flight(reports) == limit


def test_sites_on_one_host_share_its_budget(tmp_path):
    """Two sites on 127.0.0.1 (other ports): one host, one budget, as that host sees it."""
    webs = [FixtureWeb(), FixtureWeb()]
    with webs[0], webs[1]:
        parts = []
        for n, web in enumerate(webs):
            slow_site(web, 3, 1.0)
            parts.append(web.registry(tmp_path / f"s{n}.toml", f"site-{n}", feeds=["/feed.xml"]).read_text("utf-8"))
        (tmp_path / "sources.toml").write_text("\n".join(parts), "utf-8")
        result = run_cli("crawl", "--registry", str(tmp_path / "sources.toml"), "--db", str(tmp_path / "news.db"),
                         *NO_DELAY, "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2", timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        spans = [s for web in webs for s in web.spans() if "report" in s[0]]
    assert len(spans) == 6
    assert most_at_once(spans) == 2


def test_www_and_the_bare_host_are_one_slot():
    assert slot_key("www.Example.com") == slot_key("example.com") == "example.com"
    assert slot_key("news.example.com") == "news.example.com"
    downloader = PoliteDownloader.__new__(PoliteDownloader)  # the key needs no crawler
    downloader.ip_concurrency = 0
    keys = {downloader.get_slot_key(Request(u)) for u in
            ("https://www.example.com/a", "https://example.com/b", "http://example.com:8080/c")}
    assert keys == {"example.com"}
    assert downloader.get_slot_key(Request("https://example.com/", meta={"download_slot": "mine"})) == "mine"
