"""CleanPipeline: drops pages that are not articles and tidies the text of those that are."""

from __future__ import annotations

from scrapy.exceptions import NotConfigured

from newscrawl.analysis import tidy
from newscrawl.crawling.kinds import Dropped, DropReason, stat_key
from newscrawl.items import ArticleItem

#: ``og:type`` / JSON-LD ``@type`` values of pages that are not articles.
NON_ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "website", "profile", "profilepage", "collectionpage", "searchresultspage", "webpage",
        "video.other", "video.movie", "videoobject", "itempage", "aboutpage", "contactpage",
        "sportsevent", "event", "organization", "sportsteam",
    )
)


class CleanPipeline:
    """Keeps only real articles: a title, a body of at least ``NEWSCRAWL_MIN_BODY_WORDS`` words, an article type.

    Drops are counted as ``newscrawl/dropped/<reason>``.
    """

    def __init__(self, min_words: int, stats):
        self.min_words = min_words
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        min_words = crawler.settings.getint("NEWSCRAWL_MIN_BODY_WORDS")
        if min_words < 0:
            raise NotConfigured("NEWSCRAWL_MIN_BODY_WORDS must be >= 0")
        return cls(min_words, crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        reason = self.drop_reason(item)
        if reason:
            self.stats.inc_value(stat_key(reason))
            raise Dropped(reason, item.url)
        return item

    def drop_reason(self, item: ArticleItem) -> DropReason | None:
        """Why the item is not an article worth storing, or None; tidies title and body in place."""
        if item.page_type and item.page_type.lower() in NON_ARTICLE_TYPES:
            return DropReason.NOT_ARTICLE
        if item.analysis is None:  # an analysed item was tidied with its analysis
            tidy(item)
        if not item.body:
            return DropReason.EMPTY_BODY
        if not item.title:
            return DropReason.NO_TITLE
        if len(item.body.split()) < self.min_words:
            return DropReason.TOO_SHORT
        return None
