"""StorePipeline: writes articles to the SQLite archive in batched transactions."""

from __future__ import annotations

from twisted.python.failure import Failure

from newscrawl.archive import Archive
from newscrawl.crawling.session import CrawlSession
from newscrawl.crawling.signals import batch_stored
from newscrawl.items import ArticleItem


class StorePipeline:
    """Buffers items and writes ``NEWSCRAWL_STORE_BATCH_SIZE`` of them per transaction.

    The rest is flushed when the spider closes, including on a graceful stop. After each batch it
    sends :data:`newscrawl.crawling.signals.batch_stored` (the stories pipeline re-groups then);
    an error of a receiver is raised here, never only logged.
    Counts go to stats as ``newscrawl/store/{new,updated,unchanged,aliases}`` and
    ``newscrawl/stored/<language>`` (articles kept, not duplicates).
    """

    def __init__(self, archive: Archive, batch_size: int, stats, signals=None):
        self.archive = archive
        self.batch_size = max(1, batch_size)
        self.stats = stats
        self.signals = signals
        self._pending: list[ArticleItem] = []

    @classmethod
    def from_crawler(cls, crawler):
        return cls(
            CrawlSession.of(crawler).archive,
            crawler.settings.getint("NEWSCRAWL_STORE_BATCH_SIZE"),
            crawler.stats,
            crawler.signals,
        )

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        if not item.duplicate_of:
            self.stats.inc_value(f"newscrawl/stored/{item.language or 'unknown'}")
        self._pending.append(item)
        if len(self._pending) >= self.batch_size:
            self.flush()
        return item

    def close_spider(self, spider=None) -> None:
        self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        result = self.archive.write_articles(batch)
        for key in ("new", "updated", "unchanged", "aliases"):
            self.stats.inc_value(f"newscrawl/store/{key}", getattr(result, key))
        if self.signals is not None:
            for _receiver, outcome in self.signals.send_catch_log(batch_stored, items=batch):
                if isinstance(outcome, Failure):
                    outcome.raiseException()

