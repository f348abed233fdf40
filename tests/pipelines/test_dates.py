"""DatePipeline, built from a crawler: the page's date with the publisher's offset, UTC beside;
a malformed date or an unknown zone costs a candidate, never the article."""

from __future__ import annotations

import json

from newscrawl.items import ArticleItem, DateCandidate
from newscrawl.runs.crawl import crawl_settings
from newscrawl.runs.ingest import ingest, read_records
from pipelines.dates import DatePipeline
from tests.support.crawler import article, build, newscrawl_crawler


def test_a_local_date_keeps_its_offset_with_utc_beside_and_a_missing_one_is_counted():
    crawler = newscrawl_crawler()
    pipeline = build(DatePipeline, crawler)
    item = article(date_candidates=[DateCandidate("published", "meta", "2024-05-02T21:12:00")],
                   timezone="Europe/Paris", fetched_at="2024-05-03T08:00:00+00:00", language="en")
    pipeline.process_item(item)
    assert (item.published_at, item.published_utc) == ("2024-05-02T21:12:00+02:00", "2024-05-02T19:12:00+00:00")
    undated = pipeline.process_item(article(fetched_at="2024-05-03T08:00:00+00:00"))
    assert undated.published_at is None
    assert crawler.stats.get_value("newscrawl/dates/missing") == 1


BODY = (
    "Harbourside Rovers beat Millbrook Athletic two goals to one on a windy evening at the old ground. "
    "The visitors led at the break through a header from a corner, but two late goals turned the match. "
) * 4


def test_bad_offsets_are_counted_and_the_url_date_still_wins() -> None:
    crawler = newscrawl_crawler()
    pipeline = build(DatePipeline, crawler)
    item = ArticleItem(
        url="https://rovers.example.com/2024/05/02/rovers-millbrook",
        timezone="Europe/London",
        fetched_at="2024-05-03T09:00:00+00:00",
        date_candidates=[
            DateCandidate("published", "jsonld", "2024-05-02T21:12:00+24:00"),
            DateCandidate("published", "meta", "2024-05-02T21:12:00+2400"),
            DateCandidate("published", "time", "2024-05-02T25:12:00Z"),
            DateCandidate("modified", "meta", "2024-05-03 08:00 GMT+25:00"),
            DateCandidate("published", "url", "/2024/05/02/"),
        ],
    )
    kept = pipeline.process_item(item)
    assert kept is item
    assert (item.published_at, item.published_source, item.published_precision) == ("2024-05-02", "url", "day")
    assert item.modified_at is None
    stats = crawler.stats.get_stats()
    assert stats.get("newscrawl/dates/rejected/bad_offset") == 3
    assert stats.get("newscrawl/dates/rejected/out_of_range") == 1
    assert "newscrawl/dates/missing" not in stats


def test_an_unknown_zone_reads_the_dates_in_utc_and_is_counted() -> None:
    crawler = newscrawl_crawler()
    pipeline = build(DatePipeline, crawler)
    item = ArticleItem(url="https://rovers.example.com/a", timezone="Mars/Olympus_Mons",
                       fetched_at="2024-05-03T09:00:00+00:00",
                       date_candidates=[DateCandidate("published", "meta", "2024-05-02T21:12:00")])
    assert pipeline.process_item(item) is item
    assert (item.published_at, item.published_utc) == ("2024-05-02T21:12:00+00:00", "2024-05-02T21:12:00+00:00")
    assert crawler.stats.get_value("newscrawl/dates/unknown_zone") == 1


def test_an_article_with_only_a_malformed_date_is_stored_undated(tmp_path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({
        "url": "https://rovers.example.com/report/rovers-millbrook", "title": "Rovers 2-1 Millbrook",
        "body": BODY, "published_raw": "2024-05-02T21:12:00+24:00", "language": "en",
    }) + "\n", encoding="utf-8")
    db = tmp_path / "archive.db"
    report = ingest(read_records(records), crawl_settings(db))
    assert (report.stored, report.errors) == (1, [])
    assert report.stats.get("newscrawl/dates/rejected/bad_offset") == 1
    assert report.stats.get("newscrawl/dates/missing") == 1
