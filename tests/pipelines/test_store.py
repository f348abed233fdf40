"""StorePipeline, built from a crawler: batches items into the archive, duplicates as URLs only."""

from __future__ import annotations

from newscrawl.archive import Archive
from newscrawl.items import DedupVerdict, DuplicateKind
from pipelines.store import StorePipeline
from tests.support.crawler import article, build, newscrawl_crawler


def test_items_are_written_in_batches_and_flushed_on_close(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db", NEWSCRAWL_STORE_BATCH_SIZE=2)
    pipeline = build(StorePipeline, crawler)
    pipeline.process_item(article("https://a.example/1", canonical_url="https://a.example/1", language="en"))
    duplicate = article("https://b.example/1", canonical_url="https://b.example/1", language="en",
                        duplicate_of="https://a.example/1",
                        dedup=DedupVerdict(kind=DuplicateKind.NEAR, similarity=0.8))
    pipeline.process_item(duplicate)  # the batch of two is written here
    pipeline.process_item(article("https://a.example/2", canonical_url="https://a.example/2",
                                  title="Another report", body="Different words entirely. " * 30, language="en"))
    assert crawler.stats.get_value("newscrawl/store/new") == 1
    pipeline.close_spider()
    assert crawler.stats.get_value("newscrawl/store/new") == 2
    assert crawler.stats.get_value("newscrawl/stored/en") == 2
    archive = Archive(tmp_path / "a.db", readonly=True)
    kinds = dict(archive.db.execute("SELECT url, kind FROM article_urls").fetchall())
    similarity = archive.db.execute("SELECT similarity FROM article_urls WHERE url = 'https://b.example/1'")
    assert kinds["https://b.example/1"] == "near_duplicate" and similarity.fetchone()[0] == 0.8
    archive.close()


def test_a_batch_is_also_written_by_size_in_bytes_and_by_age(tmp_path, monkeypatch):
    crawler = newscrawl_crawler(tmp_path / "a.db", NEWSCRAWL_STORE_BATCH_SIZE=100,
                                NEWSCRAWL_STORE_BATCH_BYTES=3000, NEWSCRAWL_STORE_BATCH_SECONDS=5)
    pipeline = build(StorePipeline, crawler)
    long_body = "Words of a long report on the match. " * 50  # ~1,900 characters
    pipeline.process_item(article("https://a.example/1", canonical_url="https://a.example/1", body=long_body))
    assert not crawler.stats.get_value("newscrawl/store/new")
    pipeline.process_item(article("https://a.example/2", canonical_url="https://a.example/2",
                                  body=long_body.replace("long", "second")))
    assert crawler.stats.get_value("newscrawl/store/new") == 2  # 3,000 characters reached
    clock = [1000.0]
    monkeypatch.setattr("pipelines.store.time.monotonic", lambda: clock[0])
    pipeline.process_item(article("https://a.example/3", canonical_url="https://a.example/3"))
    assert crawler.stats.get_value("newscrawl/store/new") == 2
    clock[0] += 6  # the first article of the batch has waited longer than 5 s
    pipeline.process_item(article("https://a.example/4", canonical_url="https://a.example/4",
                                  title="A fourth report", body="Other words again. " * 30))
    assert crawler.stats.get_value("newscrawl/store/new") == 4
