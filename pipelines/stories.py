"""StoryPipeline: the article's type and match evidence; its story, decided over all the evidence."""

from __future__ import annotations

from dataclasses import replace

from newscrawl.analysis import story_facts
from newscrawl.archive import Archive
from newscrawl.crawling.session import CrawlSession
from newscrawl.crawling.signals import batch_stored
from newscrawl.items import ArticleItem
from newscrawl.matching import load_gazetteer
from newscrawl.matching.reference import reference_version
from newscrawl.runs.regrouping import RegroupReport, regroup_pending


class StoryPipeline:
    """Classifies each article and reads its match evidence; stories are decided after storing.

    ``process_item`` sets ``item.story`` (type, the match facts of a pair article, or the side
    of a one-team article); the store pipeline writes them with the article, marked pending.
    After each stored batch (signal ``batch_stored``) and when the spider closes (after the
    store, since pipelines close in reverse order), the pending articles' team pairs are
    re-grouped from all the stored evidence (:func:`newscrawl.runs.regrouping.regroup_pending`),
    so the stories do not depend on arrival order; a run killed in between is repaired at the
    next open. ``NEWSCRAWL_STORIES_FIXTURES`` (default on) uses the ``fixtures`` table as
    evidence. Duplicates get their verdict (the store promotes a duplicate published first) but are
    not counted (their kept article carries the story). Counted as
    ``newscrawl/stories/{pair,one_team,no_match}`` and ``newscrawl/stories/regroup/*``.
    """

    def __init__(self, archive: Archive, stats, *, fixtures: bool = True, signals=None):
        self.archive = archive
        self.stats = stats
        self.fixtures = fixtures
        if signals is not None:
            signals.connect(self._batch_stored, signal=batch_stored)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(CrawlSession.of(crawler).archive, crawler.stats,
                   fixtures=crawler.settings.getbool("NEWSCRAWL_STORIES_FIXTURES"), signals=crawler.signals)

    def open_spider(self, spider=None) -> None:
        version = reference_version()
        if self.archive.reference_version() != version:  # else the gazetteer need not even be loaded
            gazetteer = load_gazetteer()
            self.archive.record_reference(gazetteer.teams.values(), gazetteer.competitions.values(), version)
        self.regroup()  # articles a killed run stored but did not group

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        analysis = item.analysis
        # made for the language the item has (so for the dates the date pipeline took from it)
        if analysis is not None and analysis.language == item.language:
            found = analysis.story
        else:
            found = story_facts(item)
        item.story.article_type = found.article_type
        if found.facts is not None:
            item.story.facts = found.facts
            outcome = "pair"
        elif found.side is not None:
            item.story.side = replace(found.side, article_id=item.canonical_url or item.url)
            outcome = "one_team"
        elif found.loose is not None:
            item.story.loose = replace(found.loose, article_id=item.canonical_url or item.url)
            outcome = "names_only"
        else:
            outcome = "no_match"
        item.story.names = found.names
        # A duplicate gets its verdict too (the store promotes one published first to the kept
        # article, with its own evidence, whatever order the two came in) but is not counted:
        # its kept article is.
        if not item.duplicate_of:
            self.stats.inc_value(f"newscrawl/stories/{outcome}")
        return item

    def close_spider(self, spider=None) -> None:
        self.regroup()

    def regroup(self) -> RegroupReport:
        """Re-group the stories of the articles stored and not yet grouped."""
        report = regroup_pending(self.archive, fixtures=self.fixtures)
        for key in ("pairs", "articles", "created", "moved", "merged", "removed"):
            self.stats.inc_value(f"newscrawl/stories/regroup/{key}", getattr(report, key))
        return report

    def _batch_stored(self, items=None, **_kwargs) -> None:
        self.regroup()
