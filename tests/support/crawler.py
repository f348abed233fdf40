"""Scrapy crawlers for component tests: ``scrapy.utils.test.get_crawler`` with newscrawl's add-on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from newscrawl.items import ArticleItem

ADDON = {"newscrawl.crawling.addon.Newscrawl": 0}


def newscrawl_crawler(db: Path | None = None, **settings: Any) -> Crawler:
    """A crawler configured only by the add-on (plus ``settings``), its archive at ``db``."""
    values: dict[str, Any] = {"ADDONS": ADDON, **settings}
    if db is not None:
        values["NEWSCRAWL_DB"] = str(db)
    return get_crawler(settings_dict=values)


def build(component: type, crawler: Crawler) -> Any:
    """``component.from_crawler(crawler)``, as Scrapy builds it."""
    return component.from_crawler(crawler)


PARAGRAPH = (
    "Marseille and Atalanta drew in the first leg of the semi-final on Thursday night, "
    "with Chancel Mbemba heading in the equaliser after Gianluca Scamacca had scored early. "
)


def article(url: str = "https://example.com/sport/report.html", *, body: str | None = None, **fields: Any) -> ArticleItem:
    """A plausible article item, its body about 90 words unless given."""
    return ArticleItem(url=url, title=fields.pop("title", "Marseille hold Atalanta"), body=body or PARAGRAPH * 3,
                       urls=[url], **fields)
