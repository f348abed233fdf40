"""StreamPipeline: a shared-crawl worker's last pipeline, pushing each item to the coordinator's stream.

Enabled only by ``newscrawl worker`` (``newscrawl.scale.worker``), after analyse,
clean, language and dates; dedup, stories and store run at the coordinator, the single
writer of the archive. Items travel as :mod:`newscrawl.scale.codec` JSON.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured

from newscrawl.items import ArticleItem
from newscrawl.scale import codec
from newscrawl.scale.streams import Bus


class StreamPipeline:
    """Pushes items to ``<prefix>:items``; counted as ``newscrawl/scale/pushed``."""

    def __init__(self, bus: Bus, run_id: int, job: str, stats):
        self.bus = bus
        self.run_id = run_id
        self.job = job
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        url = crawler.settings.get("NEWSCRAWL_SCALE_REDIS")
        if not url:
            raise NotConfigured("NEWSCRAWL_SCALE_REDIS is not set: not a shared-crawl worker")
        bus = Bus(url, crawler.settings.get("NEWSCRAWL_SCALE_PREFIX"))
        return cls(bus, crawler.settings.getint("NEWSCRAWL_RUN_ID"), crawler.settings.get("NEWSCRAWL_SCALE_JOB"),
                   crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        # the analysis goes along: the coordinator's dedup and stories take their parts from it
        self.bus.push({"type": "item", "run": self.run_id, "job": self.job, "item": codec.item_to_dict(item)})
        self.stats.inc_value("newscrawl/scale/pushed")
        return item
