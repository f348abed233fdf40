"""Page parsing: HTML + URL -> :class:`~newscrawl.items.ArticleItem`, no Scrapy needed."""

from __future__ import annotations

from newscrawl.pages.article import parse_article, parse_tree
from newscrawl.pages.errors import ParseError

__all__ = ["ParseError", "parse_article", "parse_tree"]
