"""How crawl events are logged: one short line per dropped article, not the whole item."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


class ArticleLogFormatter(LogFormatter):
    """Scrapy's formatter, but a dropped article is logged at INFO as its reason alone.

    The reason already names the URL; dumping the item would put whole article
    bodies into cron logs.
    """

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict[str, Any]:
        return {"level": logging.INFO, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}
