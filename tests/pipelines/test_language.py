"""LanguagePipeline, built from a crawler: keeps the configured languages, names the others."""

from __future__ import annotations

import pytest
from scrapy.exceptions import NotConfigured

from newscrawl.crawling.kinds import Dropped, DropReason
from pipelines.language import LanguagePipeline
from tests.support.crawler import article, build, newscrawl_crawler

GERMAN = ("Marseille und Atalanta trennten sich im Hinspiel des Halbfinals unentschieden, nachdem "
          "Chancel Mbemba den Ausgleich erzielt hatte. Die Franzosen hoffen nun auf das Rückspiel. ") * 2


def test_an_english_article_is_kept_and_counted():
    crawler = newscrawl_crawler()
    item = build(LanguagePipeline, crawler).process_item(article())
    assert item.language == "en"
    assert crawler.stats.get_value("newscrawl/language/en") == 1


def test_a_language_not_kept_is_dropped_with_one_key_for_stats_and_state():
    crawler = newscrawl_crawler()
    with pytest.raises(Dropped) as dropped:
        build(LanguagePipeline, crawler).process_item(article(title="Unentschieden in Marseille", body=GERMAN))
    assert dropped.value.reason is DropReason.LANGUAGE and dropped.value.key == "language_de"
    assert crawler.stats.get_value("newscrawl/dropped/language_de") == 1


def test_no_languages_configured_switches_it_off():
    with pytest.raises(NotConfigured):
        build(LanguagePipeline, newscrawl_crawler(NEWSCRAWL_LANGUAGES=[]))


SPANISH = ("El Marsella y el Atalanta empataron en la ida de la semifinal después de que Chancel Mbemba "
           "marcara el gol del empate. Los franceses esperan ahora la vuelta en Bérgamo. ") * 2


def test_the_configured_languages_are_the_candidates():
    """A language is only chosen when it is a candidate: configuring Spanish is what keeps Spanish."""
    crawler = newscrawl_crawler(NEWSCRAWL_LANGUAGES=["en", "fr", "nl", "es"])
    item = build(LanguagePipeline, crawler).process_item(article(title="Empate en Marsella", body=SPANISH))
    assert item.language == "es"
    with pytest.raises(Dropped):
        build(LanguagePipeline, newscrawl_crawler()).process_item(article(title="Empate en Marsella", body=SPANISH))
