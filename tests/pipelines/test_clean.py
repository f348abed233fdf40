"""CleanPipeline, built from a crawler: drops non-articles with a named reason, tidies the rest."""

from __future__ import annotations

import pytest
from scrapy.exceptions import NotConfigured

from newscrawl.crawling.kinds import Dropped, DropReason
from pipelines.clean import CleanPipeline
from tests.support.crawler import article, build, newscrawl_crawler


def test_keeps_an_article_and_tidies_its_text():
    pipeline = build(CleanPipeline, newscrawl_crawler())
    item = article(title="  Marseille\u00a0hold   Atalanta ")
    assert pipeline.process_item(item) is item
    assert item.title == "Marseille hold Atalanta"


@pytest.mark.parametrize(("fields", "reason"), [
    ({"body": "Too short to be a report."}, DropReason.TOO_SHORT),
    ({"page_type": "website"}, DropReason.NOT_ARTICLE),
    ({"title": "   "}, DropReason.NO_TITLE),
])
def test_drops_carry_their_reason_and_count_under_it(fields, reason):
    crawler = newscrawl_crawler()
    pipeline = build(CleanPipeline, crawler)
    with pytest.raises(Dropped) as dropped:
        pipeline.process_item(article(**fields))
    assert dropped.value.reason is reason and dropped.value.key == reason.value
    assert crawler.stats.get_value(f"newscrawl/dropped/{reason.value}") == 1


def test_a_negative_minimum_is_refused():
    with pytest.raises(NotConfigured):
        build(CleanPipeline, newscrawl_crawler(NEWSCRAWL_MIN_BODY_WORDS=-1))
