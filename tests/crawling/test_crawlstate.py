"""CrawlState: the stored outcome of a dropped item is the drop's own key, the one its stat uses."""

from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse

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
