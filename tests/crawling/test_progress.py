"""CrawlProgress: the status line a person sees on a terminal, and nothing for cron."""

from __future__ import annotations

import io

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newscrawl.crawling.progress import CrawlProgress


def test_status_line_counts_pages_stored_duplicates_and_errors():
    crawler = get_crawler()
    stats = crawler.stats
    stats.set_value("response_received_count", 12)
    stats.set_value("newscrawl/stored/en", 3)
    stats.set_value("newscrawl/stored/fr", 2)
    stats.set_value("newscrawl/duplicates/near", 1)
    stats.set_value("newscrawl/errors/timeout", 2)
    progress = CrawlProgress(stats, 1.0, io.StringIO())
    assert progress.line() == "12 pages, 5 stored, 1 duplicates, 2 errors"
    progress._draw()
    progress.spider_closed()
    assert progress.stream.getvalue().endswith("\r\033[K")


def test_not_configured_without_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with pytest.raises(NotConfigured):
        CrawlProgress.from_crawler(get_crawler())
