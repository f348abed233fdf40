"""Running one crawl: Scrapy in this process, a ``crawl_runs`` row, a summary and an exit code.

``run_crawl`` is what ``newscrawl crawl`` calls. It takes the archive's crawl
lock (:mod:`newscrawl.runs.lock`; a second run raises :class:`LockHeld` at once),
marks runs left ``running`` by dead processes as ``killed``, records the run
before Scrapy starts and closes it after, whatever happened, so an interrupted
run is visible in the archive. SIGTERM/SIGINT and ``max_runtime`` stop the
crawl gracefully (Scrapy finishes in-flight work, pipelines flush), and the run
is recorded as ``interrupted``. Twisted's reactor cannot restart: one crawl per
process. docs/cron.md lists the exit codes.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from newscrawl.crawling import forkserver
from newscrawl.crawling.kinds import Counted, SkipReason, counts
from newscrawl.runs.exit_codes import ExitCode
from newscrawl.runs.lock import CrawlLock, LockHeld
from newscrawl.runs.overrides import typed_overrides
from newscrawl.settings import user_agent
from newscrawl.sources import Registry

#: The spider a crawl runs, by name (Scrapy's spider loader finds it in ``SPIDER_MODULES``).
SPIDER = "news"

__all__ = ["CrawlSummary", "LockHeld", "configure_logging", "crawl_settings", "open_run", "run_crawl", "summarize"]

logger = logging.getLogger(__name__)

#: Scrapy's finish reasons -> why a run stopped, as recorded in ``crawl_runs.stop_reason``.
STOP_REASONS = {
    "finished": "finished",
    "shutdown": "signal",
    "closespider_timeout": "max_runtime",
    "forced": "forced",  # a second signal: Scrapy stopped without finishing in-flight work
    "crashed": "crashed",
}


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
    listings_fetched: int = 0
    articles_fetched: int = 0
    not_modified: int = 0
    skipped: int = 0
    stop_reason: str = ""
    killed_runs: list[int] = field(default_factory=list)
    by_language: dict[str, int] = field(default_factory=dict)
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    drops_by_reason: dict[str, int] = field(default_factory=dict)
    duplicates_by_kind: dict[str, int] = field(default_factory=dict)
    skips_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return {
            "ok": ExitCode.OK,
            "partial": ExitCode.PARTIAL,
            "interrupted": ExitCode.INTERRUPTED,
        }.get(self.status, ExitCode.FAILED)

    def one_line(self) -> str:
        """The line cron mails: status and the counts that matter."""
        errors = ", ".join(f"{k}={v}" for k, v in sorted(self.errors_by_kind.items()))
        langs = " ".join(f"{k}={v}" for k, v in sorted(self.by_language.items()))
        skips = " ".join(f"{k}={v}" for k, v in sorted(self.skips_by_reason.items()))
        killed = ", ".join(str(i) for i in self.killed_runs)
        return (
            f"newscrawl run {self.run_id} {self.status}: {self.requests} requests, {self.pages} pages, "
            f"{self.articles_new} new, {self.articles_updated} updated, {self.duplicates} duplicates, "
            f"{self.dropped} dropped, {self.errors} errors{f' ({errors})' if errors else ''}"
            f"; fetched {self.listings_fetched} listings ({self.not_modified} not modified)"
            f" and {self.articles_fetched} articles"
            f"{f'; skipped {skips}' if skips else ''}"
            f"{f'; stored by language: {langs}' if langs else ''}"
            f"{f'; stopped by {self.stop_reason}' if self.status == 'interrupted' else ''}"
            f"{f'; marked dead run {killed} killed' if killed else ''} in {self.seconds:.1f}s"
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def crawl_settings(db_path: str | Path, overrides: Mapping[str, Any] | None = None) -> Settings:
    """The project settings with the archive path and any overrides applied.

    Each override is converted to the type of its default first: :class:`SettingError`
    (a configuration error) for a value that does not fit, before anything runs.
    """
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    settings = get_project_settings()
    settings.set("NEWSCRAWL_DB", str(db_path), priority="cmdline")
    for key, value in typed_overrides(settings, overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    if overrides and "NEWSCRAWL_CONTACT_URL" in overrides and "USER_AGENT" not in overrides:
        # the default User-Agent names the contact URL: follow an override of it
        settings.set("USER_AGENT", user_agent(settings.get("NEWSCRAWL_CONTACT_URL")), priority="cmdline")
    return settings


#: What reaches stderr unless ``LOG_LEVEL`` is set: a person or cron hears about problems only.
STDERR_LOG_LEVEL = "WARNING"


def configure_logging(log_file: str | Path | None, *, level: str = "INFO", stderr_level: str = STDERR_LOG_LEVEL,
                      max_bytes: int = 5_000_000, backups: int = 5) -> None:
    """Warnings (``stderr_level``) to stderr; with ``log_file`` the full log (``level``) to a rotated file.

    With a log file nothing but the summary line is printed, so cron mails only that line.
    Call before the crawl starts, with Scrapy's own root handler off (``LOG_INSTALL_ROOT_HANDLER``).
    """
    formatter = logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    root = logging.getLogger()
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        handler.setLevel(level)
    else:
        handler = logging.StreamHandler()
        handler.setLevel(stderr_level)
    handler.setFormatter(formatter)
    root.addHandler(handler)
    root.setLevel(min(logging.getLevelName(level), logging.getLevelName(stderr_level)))


def summarize(stats: Mapping[str, Any], run_id: int, seconds: float, finish_reason: str) -> CrawlSummary:
    """A :class:`CrawlSummary` from a finished crawler's stats."""

    errors = Counter(counts(stats, Counted.ERRORS))
    skips = counts(stats, Counted.SKIPPED)
    if stats.get("newscrawl/links/too_old"):
        skips[SkipReason.TOO_OLD] = int(stats["newscrawl/links/too_old"])
    drops = counts(stats, Counted.DROPPED)
    dupes = counts(stats, Counted.DUPLICATES)
    store = counts(stats, Counted.STORE)
    pages = int(stats.get("response_received_count", 0))
    # requests dropped from a download queue by a stop were counted but never sent
    requests = int(stats.get("downloader/request_count", 0)) - skips.get(SkipReason.STOPPING, 0)
    total_errors = sum(errors.values())
    if finish_reason in ("shutdown", "closespider_timeout", "forced"):
        status = "interrupted"
    elif finish_reason == "crashed" or (total_errors and not pages):
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
        listings_fetched=int(stats.get("newscrawl/fetched/listing", 0)),
        articles_fetched=int(stats.get("newscrawl/fetched/article", 0)),
        not_modified=int(stats.get("newscrawl/not_modified", 0)),
        skipped=sum(skips.values()),
        stop_reason=(finish_reason == "forced" and "forced") or stats.get("newscrawl/stop_cause")
        or STOP_REASONS.get(finish_reason, finish_reason),
        by_language=counts(stats, Counted.STORED),
        errors_by_kind=dict(errors),
        drops_by_reason=drops,
        duplicates_by_kind=dupes,
        skips_by_reason=skips,
    )


def run_crawl(
    db_path: str | Path,
    registry: Registry,
    source_names: Sequence[str] = (),
    *,
    since: datetime | None = None,
    settings: Mapping[str, Any] | None = None,
    max_runtime: float | None = None,
    log_file: str | Path | None = None,
    log_max_bytes: int = 5_000_000,
    log_backups: int = 5,
    lock: CrawlLock | None = None,
) -> CrawlSummary:
    """Crawl the named sources (all when empty) into the archive at ``db_path``.

    Raises :class:`LockHeld` at once when another crawl of the same archive is
    running. ``max_runtime`` (seconds) stops the crawl gracefully, like SIGTERM.
    ``log_file`` sends the log to a rotated file instead of stderr. ``lock``: the
    archive's crawl lock, already taken by the caller (it stays the caller's to release).
    """
    sources = registry.select(source_names)
    overrides = dict(settings or {})
    if max_runtime:
        overrides["NEWSCRAWL_MAX_RUNTIME"] = max_runtime
    # a bad --set value fails here, before a run is recorded; the parse workers' fork server loads
    # the models on the other core while this process imports Scrapy and the archive (seconds)
    forkserver.start_early(crawl_settings(db_path, overrides))
    from scrapy.crawler import CrawlerProcess

    with nullcontext(lock) if lock else CrawlLock(Path(db_path)) as lock:
        run_id, killed = open_run(db_path, sources)
        overrides["NEWSCRAWL_RUN_ID"] = run_id
        overrides["LOG_INSTALL_ROOT_HANDLER"] = False  # ours: warnings to stderr, the full log to the file
        crawler_settings = crawl_settings(db_path, overrides)
        level = crawler_settings.get("LOG_LEVEL", "INFO")
        configure_logging(log_file, level=level, stderr_level=level if "LOG_LEVEL" in overrides else STDERR_LOG_LEVEL,
                          max_bytes=log_max_bytes, backups=log_backups)
        if lock.stale_holder:
            logger.warning("took over the crawl lock left by a dead run: %s", lock.stale_holder)
        if killed:
            logger.warning("runs %s were left 'running' by a dead process: marked killed", killed)

        process = CrawlerProcess(crawler_settings)
        crawler = process.create_crawler(SPIDER)  # found by name in SPIDER_MODULES
        started = time.monotonic()
        process.crawl(crawler, registry=registry, sources=[s.name for s in sources], since=since)
        finish_reason = "crashed"
        try:
            process.start()
            # no finish reason: the reactor was stopped (second SIGTERM) before the spider closed
            finish_reason = crawler.stats.get_value("finish_reason") or "forced"
        finally:
            stats = crawler.stats.get_stats() if crawler.stats else {}
            summary = summarize(stats, run_id, time.monotonic() - started, finish_reason)
            summary.killed_runs = killed
            record_run(db_path, summary, stats)
            logger.info("%s", summary.one_line())
    return summary


def open_run(db_path: str | Path, sources: Sequence[Any], label: Sequence[str] | None = None) -> tuple[int, list[int]]:
    """Record the sources and a new ``running`` run; mark dead runs killed. Call it holding the lock.

    Returns (run id, ids of the runs marked killed). ``label`` names the run's
    sources in ``crawl_runs`` (default: the source names).
    """
    # imported here: importing it (sqlite-utils) at the module's top delayed the fork server's start
    from newscrawl.archive import Archive

    archive = Archive(db_path)
    try:
        archive.upsert_sources(sources)
        run_id = archive.start_run(list(label or [s.name for s in sources]), os.getpid())
        return run_id, archive.close_dead_runs(run_id)
    finally:
        archive.close()


def record_run(db_path: str | Path, summary: CrawlSummary, stats: Mapping[str, Any]) -> None:
    """Close the run's ``crawl_runs`` row with its summary and counts (a local crawl, a coordinator, a backfill)."""
    from newscrawl.archive import Archive

    archive = Archive(db_path)
    try:
        archive.finish_run(
            summary.run_id,
            summary.status,
            {
                "requests": summary.requests,
                "pages": summary.pages,
                "articles_new": summary.articles_new,
                "articles_updated": summary.articles_updated,
                "articles_unchanged": summary.articles_unchanged,
                "duplicates": summary.duplicates,
                "dropped": summary.dropped,
                "errors": summary.errors,
                "not_modified": summary.not_modified,
                "skipped": summary.skipped,
                "stop_reason": summary.stop_reason,
                "exit_code": summary.exit_code,
                "errors_by_kind": summary.errors_by_kind,
                "drops_by_reason": summary.drops_by_reason,
                "skips_by_reason": summary.skips_by_reason,
                "stats": {k: v for k, v in stats.items() if isinstance(v, int | float | str)},
            },
        )
    finally:
        archive.close()
