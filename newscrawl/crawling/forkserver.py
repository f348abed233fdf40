"""The parse workers' fork server, started as soon as a crawl knows it will have workers.

Loading the parsing stack and the models in the fork server (:mod:`newscrawl.crawling.warm`)
takes seconds of CPU. Started on the first article response, that load stood between the
first page and its worker; :func:`start_early` starts it when the crawl's settings are known,
so it runs on the other core while the crawl process imports Scrapy and fetches robots.txt and
the listings. This module imports nothing heavy (``scrapy.settings`` is loaded with the crawl's settings
already), so calling it does not delay the start.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES

#: What the fork server imports before forking any worker.
WARM_MODULE = "newscrawl.crawling.warm"
#: ``newscrawl.settings.NEWSCRAWL_PARSE_WORKERS``: one worker per core.
DEFAULT_WORKERS = -1
#: Scrapy's priority of ``newscrawl.settings`` (the project's module): a value set above it
#: (``--set``, a spider's settings) was chosen by someone, and the environment does not replace it.
DEFAULT_PRIORITY = SETTINGS_PRIORITIES["project"]


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def configured_workers(settings: Any) -> int:
    """The parse workers a crawl with ``settings`` runs (``NEWSCRAWL_PARSE_WORKERS``, or the environment's)."""
    workers = settings.getint("NEWSCRAWL_PARSE_WORKERS", DEFAULT_WORKERS)
    chosen = ((settings.getpriority("NEWSCRAWL_PARSE_WORKERS") or 0) > DEFAULT_PRIORITY
              or workers != DEFAULT_WORKERS)
    if not chosen and os.environ.get("NEWSCRAWL_PARSE_WORKERS", "").lstrip("-").isdigit():
        workers = int(os.environ["NEWSCRAWL_PARSE_WORKERS"])
    return default_workers() if workers < 0 else workers


def fork_context() -> Any:
    """The multiprocessing context the workers are made in, its fork server preloading the models.

    forkserver: a clean process to fork from, never a copy of the caller's threads (the
    reactor's); what the preload loads there is shared by every worker.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WARM_MODULE])
    return context


def start_early(settings: Any) -> bool:
    """Start the fork server now (not waiting for its preload) when the crawl has workers; whether it did.

    Idempotent: a running fork server is reused (by this crawl's pool, and by a later crawl of
    the same process). It exits with the process that started it, ``kill -9`` included.
    """
    if configured_workers(settings) <= 0:
        return False
    fork_context()
    multiprocessing.forkserver.ensure_running()
    return True
