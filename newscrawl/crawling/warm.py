"""What the parse workers' fork server loads before forking any worker (``newscrawl.crawling.parsepool``).

Importing this module imports the parsing stack and warms the analysis step for the default
languages: the language models (py3langid's arrays, lingua's trigram models), the gazetteer
and the matching vocabulary, the MinHash permutations. Every worker is forked from the fork
server, so it starts with all of it loaded and shares those pages with its siblings, instead
of each worker spending seconds of CPU and its own memory loading them on its first page.
Short texts (lingua's high-accuracy models, ~240 MB) are not warmed: articles are rarely short.
"""

from __future__ import annotations

import atexit
import os
import sys

from newscrawl.analysis import analyse
from newscrawl.items import ArticleItem
from newscrawl.language import DEFAULT_LANGUAGES
from newscrawl.pages import parse_article

_PAGE = b"""<html lang="en"><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>
<p>Arsenal beat Chelsea two goals to one at the Emirates on Saturday afternoon in the league, with a
late header from a defender deciding a tight derby after a goalless first half of few chances.</p>
</article></body></html>"""


def warm() -> None:
    """Parse and analyse one small page, so that everything they load is loaded."""
    item: ArticleItem = parse_article(_PAGE, "https://warm.invalid/a.html")
    analyse(item, DEFAULT_LANGUAGES)


def _end_now() -> None:
    """End the fork server without tearing its interpreter down.

    It ends when the crawl does, and it holds the crawl's stdout and stderr: tearing down the
    parsing stack it loaded took ~0.2 s, which whoever reads the crawl's output to its end (cron,
    a shell pipe, ``bench/crawl.py``) waited for after the crawl had exited. It has no files or
    work of its own to finish; its workers end on their own (``os._exit``, never through here).
    """
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(0)


warm()
atexit.register(_end_now)
