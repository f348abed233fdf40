"""Running one crawl: Scrapy in this process, a ``crawl_runs`` row, a summary and an exit code.

``run_crawl`` is what ``newscrawl crawl`` calls. It records the run before
Scrapy starts and closes it after, whatever happened, so an interrupted run is
visible in the archive. Twisted's reactor cannot restart: one crawl per process.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from newscrawl.sources import Registry
from newscrawl.storage import Archive

logger = logging.getLogger(__name__)

# Exit codes of ``newscrawl crawl`` (documented in the README).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2
EXIT_PARTIAL = 3
EXIT_ARCHIVE = 4
EXIT_INTERRUPTED = 5
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock, try again later


@dataclass
class CrawlSummary:
    """What a crawl did, from Scrapy's stats and the archive."""

    run_id: int
    status: str
    seconds: float
    requests: int = 0
    pages: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    duplicates: int = 0
    dropped: int = 0
    errors: int = 0
    by_language: dict[str, int] = field(default_factory=dict)
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    drops_by_reason: dict[str, int] = field(default_factory=dict)
    duplicates_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return {
            "ok": EXIT_OK,
            "partial": EXIT_PARTIAL,
            "interrupted": EXIT_INTERRUPTED,
        }.get(self.status, EXIT_FAILED)

    def one_line(self) -> str:
        """The line cron mails: status and the counts that matter."""
        errors = ", ".join(f"{k}={v}" for k, v in sorted(self.errors_by_kind.items()))
        langs = " ".join(f"{k}={v}" for k, v in sorted(self.by_language.items()))
        return (
            f"newscrawl run {self.run_id} {self.status}: {self.requests} requests, {self.pages} pages, "
            f"{self.articles_new} new, {self.articles_updated} updated, {self.duplicates} duplicates, "
            f"{self.dropped} dropped, {self.errors} errors{f' ({errors})' if errors else ''}"
            f"{f'; stored by language: {langs}' if langs else ''} in {self.seconds:.1f}s"
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def crawl_settings(db_path: str | Path, overrides: Mapping[str, Any] | None = None) -> Settings:
    """The project settings with the archive path and any overrides applied."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    settings = get_project_settings()
    settings.set("NEWSCRAWL_DB", str(db_path), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def summarize(stats: Mapping[str, Any], run_id: int, seconds: float, finish_reason: str | None) -> CrawlSummary:
    """A :class:`CrawlSummary` from a finished crawler's stats."""

    def prefixed(prefix: str) -> dict[str, int]:
        return {k[len(prefix) :]: int(v) for k, v in stats.items() if k.startswith(prefix)}

    errors = Counter(prefixed("newscrawl/errors/"))
    drops = prefixed("newscrawl/dropped/")
    dupes = prefixed("newscrawl/duplicates/")
    store = prefixed("newscrawl/store/")
    pages = int(stats.get("response_received_count", 0))
    requests = int(stats.get("downloader/request_count", 0))
    total_errors = sum(errors.values())
    if finish_reason in ("shutdown", "closespider_timeout", "interrupted"):
        status = "interrupted"
    elif total_errors and not pages:
        status = "failed"
    elif total_errors:
        status = "partial"
    else:
        status = "ok"
    return CrawlSummary(
        run_id=run_id,
        status=status,
        seconds=seconds,
        requests=requests,
        pages=pages,
        articles_new=store.get("new", 0),
        articles_updated=store.get("updated", 0),
        articles_unchanged=store.get("unchanged", 0),
        duplicates=sum(dupes.values()),
        dropped=sum(drops.values()),
        errors=total_errors,
        by_language=prefixed("newscrawl/stored/"),
        errors_by_kind=dict(errors),
        drops_by_reason=drops,
        duplicates_by_kind=dupes,
    )


def run_crawl(
    db_path: str | Path,
    registry: Registry,
    source_names: Sequence[str] = (),
    *,
    since: datetime | None = None,
    settings: Mapping[str, Any] | None = None,
) -> CrawlSummary:
    """Crawl the named sources (all when empty) into the archive at ``db_path``."""
    from spiders.news import NewsSpider

    sources = registry.select(source_names)
    archive = Archive(db_path)
    archive.upsert_sources(sources)
    run_id = archive.start_run([s.name for s in sources], os.getpid())
    archive.close()

    process = CrawlerProcess(crawl_settings(db_path, settings))
    crawler = process.create_crawler(NewsSpider)
    started = time.monotonic()
    process.crawl(crawler, registry=registry, sources=[s.name for s in sources], since=since)
    finish_reason = None
    try:
        process.start()
        finish_reason = crawler.stats.get_value("finish_reason")
    finally:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        summary = summarize(stats, run_id, time.monotonic() - started, finish_reason or "interrupted")
        archive = Archive(db_path)
        archive.finish_run(
            run_id,
            summary.status,
            {
                "requests": summary.requests,
                "pages": summary.pages,
                "articles_new": summary.articles_new,
                "articles_updated": summary.articles_updated,
                "duplicates": summary.duplicates,
                "dropped": summary.dropped,
                "errors": summary.errors,
                "errors_by_kind": summary.errors_by_kind,
                "drops_by_reason": summary.drops_by_reason,
                "stats": {k: v for k, v in stats.items() if isinstance(v, int | float | str)},
            },
        )
        archive.close()
    return summary
