"""StorePipeline: writes articles to the SQLite archive in batched transactions."""

from __future__ import annotations

from typing import Any

from newscrawl.items import ArticleItem
from newscrawl.storage import Archive


class StorePipeline:
    """Buffers items and writes ``NEWSCRAWL_STORE_BATCH_SIZE`` of them per transaction.

    The rest is flushed when the spider closes, including on a graceful stop.
    Counts go to stats as ``newscrawl/store/{new,updated,unchanged,aliases}`` and
    ``newscrawl/stored/<language>`` (articles kept, not duplicates).
    """

    def __init__(self, archive: Archive, batch_size: int, stats):
        self.archive = archive
        self.batch_size = max(1, batch_size)
        self.stats = stats
        self._pending: list[dict[str, Any]] = []

    @classmethod
    def from_crawler(cls, crawler):
        return cls(
            Archive.for_crawler(crawler),
            crawler.settings.getint("NEWSCRAWL_STORE_BATCH_SIZE", 100),
            crawler.stats,
        )

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        if not item.duplicate_of:
            self.stats.inc_value(f"newscrawl/stored/{item.language or 'unknown'}")
        self._pending.append(record_for(item))
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


def record_for(item: ArticleItem) -> dict[str, Any]:
    """The archive record of an item (article columns, URLs seen, duplicate link)."""
    record = {k: v for k, v in item.to_dict().items() if k not in ("date_candidates", "extra")}
    record["canonical_url"] = item.canonical_url or item.url
    record["duplicate_kind"] = item.extra.get("duplicate_kind")
    record["similarity"] = item.extra.get("similarity")
    record["article_type"] = item.extra.get("article_type")
    record["match_facts"] = item.extra.get("match_facts")
    record["match"] = item.extra.get("match")
    record["signature"] = item.extra.get("signature")
    record["bands"] = item.extra.get("bands")
    return record
