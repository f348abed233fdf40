"""DatePipeline: publication and modification dates with the publisher's offset, and in UTC beside."""

from __future__ import annotations

import logging

from newscrawl.analysis import resolve_item_dates
from newscrawl.dates import apply_dates
from newscrawl.items import ArticleItem

logger = logging.getLogger(__name__)


class DatePipeline:
    """Resolves ``item.date_candidates`` (page, feed, URL) with :func:`newscrawl.dates.resolve_dates`.

    Relative dates resolve against the item's ``fetched_at``. Rejected
    candidates are counted as ``newscrawl/dates/rejected/<reason>`` (one of
    :data:`newscrawl.dates.REJECT_REASONS`: ``bad_offset`` and ``out_of_range`` for
    malformed strings, which cost the candidate and never the article), page/feed
    disagreements as ``newscrawl/dates/disagreement``, articles left without a
    date as ``newscrawl/dates/missing``, items whose zone is unknown (an ingest
    record's) as ``newscrawl/dates/unknown_zone`` (their dates are read in UTC).
    """

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        analysis = item.analysis
        # the analysis resolved the dates for the language decided then: the one the item has now
        if analysis is not None and analysis.language == item.language:
            dates = analysis.dates
        else:
            dates = resolve_item_dates(item, item.language)
        if dates.unknown_zone:
            # An ingest record's unknown zone: its dates are read in UTC rather than lost.
            logger.warning("unknown time zone %r for %s: dates read in UTC", item.timezone, item.url)
            self.stats.inc_value("newscrawl/dates/unknown_zone")
        resolution = dates.resolution
        apply_dates(item, resolution)
        for _candidate, reason in resolution.rejected:
            self.stats.inc_value(f"newscrawl/dates/rejected/{reason}")
        if resolution.disagreement:
            self.stats.inc_value("newscrawl/dates/disagreement")
        if not item.published_at:
            self.stats.inc_value("newscrawl/dates/missing")
        return item
