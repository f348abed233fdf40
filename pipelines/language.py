"""LanguagePipeline: decides each article's language and keeps only the configured ones."""

from __future__ import annotations

from scrapy.exceptions import NotConfigured

from newscrawl.analysis import decide_language
from newscrawl.crawling.kinds import Counted, Dropped, DropReason, stat_key
from newscrawl.items import ArticleItem


class LanguagePipeline:
    """Sets ``item.language`` from the text (declared hints break ties); drops languages not in ``NEWSCRAWL_LANGUAGES``.

    An item analysed ahead for these languages (``newscrawl.analysis``, in a parse worker)
    brings its decision along; counted as ``newscrawl/analysis/ahead``.
    """

    def __init__(self, languages: tuple[str, ...], stats):
        self.languages = languages
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        languages = tuple(crawler.settings.getlist("NEWSCRAWL_LANGUAGES"))
        if not languages:
            raise NotConfigured("NEWSCRAWL_LANGUAGES is empty: every language is kept")
        return cls(languages, crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        analysis = item.analysis
        if analysis is not None and analysis.languages == self.languages:
            item.language = analysis.language
            self.stats.inc_value("newscrawl/analysis/ahead")
        else:
            item.language = decide_language(item, self.languages)
        if item.language not in self.languages:
            language = item.language or "unknown"
            drop = Dropped(DropReason.LANGUAGE, item.url, detail=language,
                           message=f"language {language} not in {','.join(self.languages)}")
            self.stats.inc_value(stat_key(drop.key, Counted.DROPPED))
            raise drop
        self.stats.inc_value(f"newscrawl/language/{item.language}")
        return item
