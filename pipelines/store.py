"""StorePipeline: writes articles to the SQLite archive in batched transactions."""

from __future__ import annotations

import time

from twisted.python.failure import Failure

from newscrawl.archive import Archive
from newscrawl.crawling.session import CrawlSession
from newscrawl.crawling.signals import batch_stored
from newscrawl.items import ArticleItem


class StorePipeline:
    """Buffers items and writes them in one transaction per batch.

    A batch is written when it holds ``NEWSCRAWL_STORE_BATCH_SIZE`` items, or
    ``NEWSCRAWL_STORE_BATCH_BYTES`` of text (long articles: memory stays flat),
    or when its first item has waited ``NEWSCRAWL_STORE_BATCH_SECONDS`` (a slow
    crawl: a kill loses only that much). The rest is flushed when the spider
    closes, including on a graceful stop. Counts go to stats as
    ``newscrawl/store/{new,updated,unchanged,aliases}`` and
    ``newscrawl/stored/<language>`` (articles kept, not duplicates).
    After each batch it sends :data:`newscrawl.crawling.signals.batch_stored` (the stories
    pipeline re-groups then); an error of a receiver is raised here, never only logged. The
    batch's new articles enter the search index after that, with their stories (issue 14).
    """

    def __init__(self, archive: Archive, batch_size: int, stats, signals=None, *, batch_bytes: int = 0,
                 batch_seconds: float = 0.0):
        self.archive = archive
        self.batch_size = max(1, batch_size)
        self.batch_bytes = batch_bytes
        self.batch_seconds = batch_seconds
        self.stats = stats
        self.signals = signals
        self._pending: list[ArticleItem] = []
        self._pending_bytes = 0
        self._since = 0.0

    @classmethod
    def from_crawler(cls, crawler):
        return cls(
            CrawlSession.of(crawler).archive,
            crawler.settings.getint("NEWSCRAWL_STORE_BATCH_SIZE"),
            crawler.stats,
            crawler.signals,
            batch_bytes=crawler.settings.getint("NEWSCRAWL_STORE_BATCH_BYTES"),
            batch_seconds=crawler.settings.getfloat("NEWSCRAWL_STORE_BATCH_SECONDS"),
        )

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        if not item.duplicate_of:
            self.stats.inc_value(f"newscrawl/stored/{item.language or 'unknown'}")
        if not self._pending:
            self._since = time.monotonic()
        self._pending.append(item)
        self._pending_bytes += len(item.body or "") + len(item.title or "")
        if self._batch_full():
            self.flush()
        return item

    def _batch_full(self) -> bool:
        return (len(self._pending) >= self.batch_size
                or 0 < self.batch_bytes <= self._pending_bytes
                or 0 < self.batch_seconds <= time.monotonic() - self._since)

    def close_spider(self, spider=None) -> None:
        self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        batch, self._pending, self._pending_bytes = self._pending, [], 0
        # new articles enter the search index after the re-grouping the signal starts: with their stories
        result = self.archive.write_articles(batch, defer_search=True)
        for key in ("new", "updated", "unchanged", "aliases"):
            self.stats.inc_value(f"newscrawl/store/{key}", getattr(result, key))
        try:
            if self.signals is not None:
                for _receiver, outcome in self.signals.send_catch_log(batch_stored, items=batch):
                    if isinstance(outcome, Failure):
                        outcome.raiseException()
        finally:
            self.archive.index_deferred_articles()

