"""`newscrawl sources check`: a source's listings fetched once and described, against local sites."""

from __future__ import annotations

import json

from newscrawl.demo.hostile import HOSTILE_FAILURES, FixtureWeb, good_site, hostile_site
from tests.support.cli import run_cli


def test_a_good_source_reports_entries_and_newest_date(tmp_path):
    with FixtureWeb() as web:
        paths = good_site(web, 3)
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"], sitemaps=["/sitemap.xml"])
        result = run_cli("sources", "check", "fixture", "--registry", str(registry), "--json")
        newest = web.pages[paths[0]].modified  # good_site dates its entries two hours back
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    feed, sitemap = report["listings"]
    assert (feed["kind"], feed["status"], feed["entries"], feed["accepted"]) == ("feed", 200, 3, 3)
    assert (sitemap["kind"], sitemap["status"], sitemap["entries"]) == ("sitemap", 200, 3)
    assert feed["newest"] < newest.isoformat() and feed["robots_allowed"] is True
    assert web.hit_count(paths[0]) == 0, "a check reads listings, not articles"


def test_broken_listings_are_reported_with_their_error(tmp_path):
    with FixtureWeb() as web:
        good = hostile_site(web, timeout=2)
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml", "/broken-feed.xml", "/private/feed.xml"],
                                sitemaps=["/sitemap.xml"])
        result = run_cli("sources", "check", "--registry", str(registry))
    assert result.returncode == 3, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "fixture: PROBLEMS"
    feed, broken, private, sitemap = lines[1:]
    linked = len(good) + len(HOSTILE_FAILURES) + 1  # and the robots-protected page
    assert f"200  {linked} entries" in feed and "ERROR" not in feed
    assert "ERROR not a readable feed" in broken
    assert "404" in private and "DISALLOWED by robots.txt" in private
    assert "ERROR not a sitemap: root element is <html>" in sitemap or "ERROR not a readable sitemap" in sitemap


def test_an_unknown_source_is_a_configuration_error(tmp_path):
    with FixtureWeb() as web:
        registry = web.registry(tmp_path / "sources.toml", feeds=["/feed.xml"])
        result = run_cli("sources", "check", "nope", "--registry", str(registry))
    assert result.returncode == 2 and "nope" in result.stderr
