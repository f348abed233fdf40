"""CleanPipeline: drops pages that are not articles and tidies the text of those that are."""

from __future__ import annotations

import re
import unicodedata

from scrapy.exceptions import DropItem, NotConfigured

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
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")


def clean_text(text: str) -> str:
    """NFC text with single spaces, no control characters, paragraphs separated by one blank line."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    paragraphs = (_SPACES.sub(" ", p).strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text))
    joined = "\n\n".join(p for p in paragraphs if p)
    return re.sub(r" *\n *", "\n", joined)


class CleanPipeline:
    """Keeps only real articles: a title, a body of at least ``NEWSCRAWL_MIN_BODY_WORDS`` words, an article type.

    Drops are counted as ``newscrawl/dropped/<reason>``.
    """

    def __init__(self, min_words: int, stats):
        self.min_words = min_words
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        min_words = crawler.settings.getint("NEWSCRAWL_MIN_BODY_WORDS", 60)
        if min_words < 0:
            raise NotConfigured("NEWSCRAWL_MIN_BODY_WORDS must be >= 0")
        return cls(min_words, crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        reason = self.drop_reason(item)
        if reason:
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
            raise DropItem(f"{reason}: {item.url}")
        return item

    def drop_reason(self, item: ArticleItem) -> str | None:
        """Why the item is not an article worth storing, or None; tidies title and body in place."""
        if item.page_type and item.page_type.lower() in NON_ARTICLE_TYPES:
            return "not_article"
        item.title = clean_text(item.title or "").replace("\n", " ") or None
        item.body = clean_text(item.body or "") or None
        if item.description:
            item.description = clean_text(item.description).replace("\n", " ")
        if not item.body:
            return "empty_body"
        if not item.title:
            return "no_title"
        if len(item.body.split()) < self.min_words:
            return "too_short"
        return None
