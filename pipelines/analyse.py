"""AnalysePipeline: the per-item analysis (``newscrawl.analysis``) worked out where the page is parsed.

Enabled where the archive is written by someone else: a shared-crawl worker
(``newscrawl.scale.worker``) and a backfill's Dask task (``newscrawl.scale.backfill``).
It runs first, so clean, language and dates take their parts from the analysis
here, and the analysis travels with the item (``newscrawl.scale.codec``): the
single writer's dedup and stories take the content hash, MinHash signature and
match facts from it and only look up, decide and store. An item that comes
analysed already (a parse worker did it) is left as it is.
"""

from __future__ import annotations

import logging

from newscrawl.analysis import analyse
from newscrawl.items import ArticleItem

logger = logging.getLogger(__name__)


class AnalysePipeline:
    """Sets ``item.analysis`` for ``NEWSCRAWL_LANGUAGES``; counted as ``newscrawl/analysis/here``."""

    def __init__(self, languages: tuple[str, ...], stats):
        self.languages = languages
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(tuple(crawler.settings.getlist("NEWSCRAWL_LANGUAGES")), crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        if item.analysis is None:
            try:
                item.analysis = analyse(item, self.languages)
            except Exception:  # the pipelines meet the same error on their own, where it is counted as ever
                logger.exception("analysis failed for %s; the pipelines analyse it", item.url)
                return item
            self.stats.inc_value("newscrawl/analysis/here")
        return item
