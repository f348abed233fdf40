"""DedupPipeline, built from a crawler: typed verdicts, one value for the stat and the stored URL kind."""

from __future__ import annotations

from newscrawl.items import DuplicateKind
from pipelines.dedup import DedupPipeline
from tests.support.crawler import PARAGRAPH, article, build, newscrawl_crawler


def test_first_copy_is_kept_with_its_signature_and_others_are_marked(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db")
    pipeline = build(DedupPipeline, crawler)
    kept = pipeline.process_item(article("https://a.example/report"))
    assert kept.duplicate_of is None and kept.dedup.kind is None
    assert kept.dedup.signature and kept.dedup.bands

    copy = pipeline.process_item(article("https://b.example/syndicated"))
    assert copy.duplicate_of == "https://a.example/report"
    assert copy.dedup.kind is DuplicateKind.EXACT and copy.dedup.similarity == 1.0
    assert copy.dedup.kind.url_kind == "exact_duplicate"

    again = pipeline.process_item(article("https://a.example/report?utm_source=x"))
    assert again.dedup.kind is DuplicateKind.SAME_URL and again.dedup.kind.url_kind == "alias"

    edited = pipeline.process_item(article("https://c.example/edited", body=PARAGRAPH * 3 + "One more line."))
    assert edited.dedup.kind is DuplicateKind.NEAR and 0.6 <= edited.dedup.similarity < 1.0
    assert crawler.stats.get_value("newscrawl/duplicates/exact") == 1
    assert crawler.stats.get_value("newscrawl/duplicates/same_url") == 1
    assert crawler.stats.get_value("newscrawl/duplicates/near") == 1
