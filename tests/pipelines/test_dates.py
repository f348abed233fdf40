"""DatePipeline, built from a crawler: the page's date read in the source's time zone, stored in UTC."""

from __future__ import annotations

from newscrawl.items import DateCandidate
from pipelines.dates import DatePipeline
from tests.support.crawler import article, build, newscrawl_crawler


def test_a_local_date_becomes_utc_and_a_missing_one_is_counted():
    crawler = newscrawl_crawler()
    pipeline = build(DatePipeline, crawler)
    item = article(date_candidates=[DateCandidate("published", "meta", "2024-05-02T21:12:00")],
                   timezone="Europe/Paris", fetched_at="2024-05-03T08:00:00+00:00", language="en")
    pipeline.process_item(item)
    assert item.published_at == "2024-05-02T19:12:00+00:00"
    undated = pipeline.process_item(article(fetched_at="2024-05-03T08:00:00+00:00"))
    assert undated.published_at is None
    assert crawler.stats.get_value("newscrawl/dates/missing") == 1
