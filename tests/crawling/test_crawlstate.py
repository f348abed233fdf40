"""CrawlState: the stored outcome of a dropped item is the drop's own key, the one its stat uses."""

from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.statscollectors import StatsCollector

from newscrawl.archive import Archive
from newscrawl.crawling.crawlstate import CrawlState
from newscrawl.crawling.kinds import Dropped, DropReason
from tests.support.crawler import article, newscrawl_crawler


def test_drops_are_recorded_under_their_reason_key(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db")
    state = CrawlState.for_crawler(crawler)
    assert CrawlState.for_crawler(crawler) is state  # one per crawler
    german = HtmlResponse("https://example.com/de", request=Request("https://example.com/de"), body=b"")
    other = HtmlResponse("https://example.com/x", request=Request("https://example.com/x"), body=b"")
    state.record_response(german, "article", "example")
    state.record_response(other, "article", "example")
    state.item_dropped(article(german.url), german, Dropped(DropReason.LANGUAGE, german.url, detail="de"))
    state.item_dropped(article(other.url), other, DropItem("someone else's pipeline: no"))
    state.flush()
    archive = Archive(tmp_path / "a.db", readonly=True)
    outcomes = dict(archive.db.execute("SELECT url, outcome FROM crawl_state").fetchall())
    archive.close()
    assert outcomes == {german.url: "dropped:language_de", other.url: "dropped:DropItem"}


def test_listing_dates_are_read_by_the_dates_reader_zones_and_all(tmp_path):
    """An article URL gone at 10:00 UTC is fetched again only for a listing date after that instant."""
    crawler = newscrawl_crawler(tmp_path / "a.db")
    crawler.stats = crawler.stats or StatsCollector(crawler)
    state = CrawlState.for_crawler(crawler)
    url = "https://example.com/sport/gone.html"
    state.archive.write_crawl_state([("fetch", {
        "url": url, "source": "example", "kind": "article", "status": 404,
        "last_fetched": "2004-01-01T10:00:00+00:00", "outcome": "gone",
    })])
    later = {
        "Thu, 01 Jan 2004 06:00:00 ET": True,     # 11:00 UTC; an unknown zone read as UTC would say 06:00
        "Thu, 01 Jan 2004 11:30:00 MEST": False,  # 09:30 UTC; read as UTC it would be 11:30, "changed"
        "Thu, 01 Jan 2004 12:00:00 PT": True,     # 20:00 UTC
        "Thu, 01 Jan 2004": False,                # a day without a time is its midnight UTC
        "Fri, 02 Jan 2004": True,
        "2004-01-01T10:30:00Z": True,
        "2004-01-01T11:30:00+02:00": False,
        "not a date": False,
    }
    assert {stamp: state.wants_article(url, [stamp]) for stamp in later} == later
    assert state.wants_article(url, ["not a date", "Thu, 01 Jan 2004 06:00:00 ET", None]) is True
