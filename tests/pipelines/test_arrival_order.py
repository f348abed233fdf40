"""Two copies of one article (same text, two URLs): the archive is the same whichever arrives first."""

from __future__ import annotations

import sqlite3

from pipelines.dedup import DedupPipeline
from pipelines.store import StorePipeline
from tests.support.crawler import PARAGRAPH, article, build, newscrawl_crawler

EARLY = "https://a.example/first-report"
LATE = "https://b.example/copied-report"


def _copies(late_published="2024-05-06T08:00:00+00:00"):
    early = article(EARLY, canonical_url=EARLY, published_at="2024-05-05T21:00:00+00:00", language="en")
    # a near copy (one line more), so the two have different signatures
    late = article(LATE, canonical_url=LATE, body=PARAGRAPH * 3 + "Report by a partner site.",
                   published_at=late_published, language="en")
    return early, late


def _crawl(db, items):
    crawler = newscrawl_crawler(db, NEWSCRAWL_STORE_BATCH_SIZE=1)
    dedup, store = build(DedupPipeline, crawler), build(StorePipeline, crawler)
    for item in items:
        store.process_item(dedup.process_item(item))
    store.close_spider()
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT a.canonical_url, a.body, m.signature FROM articles a "
            "JOIN article_minhash m ON m.article_id = a.id").fetchall()


def test_the_copy_published_first_is_kept_with_its_own_signature_in_either_order(tmp_path):
    early, late = _copies()
    in_order = _crawl(tmp_path / "a.db", [early, late])
    early, late = _copies()
    reversed_order = _crawl(tmp_path / "b.db", [late, early])
    assert [row[0] for row in in_order] == [EARLY]
    assert reversed_order == in_order


def test_copies_published_at_the_same_instant_keep_the_smaller_url_in_either_order(tmp_path):
    early, late = _copies("2024-05-05T21:00:00+00:00")
    in_order = _crawl(tmp_path / "a.db", [early, late])
    early, late = _copies("2024-05-05T21:00:00+00:00")
    assert _crawl(tmp_path / "b.db", [late, early]) == in_order
    assert [row[0] for row in in_order] == [EARLY]
