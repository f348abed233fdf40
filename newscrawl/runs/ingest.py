"""Ingest: articles extracted elsewhere, run through the crawl's own item pipelines.

``newscrawl ingest FILE.jsonl`` reads one JSON object per line (``url``,
``title``, ``body``, ``published_raw`` or ``published_at``, optional
``language``, ``source``, ``timezone``, ``fetched_at``) and sends each through
exactly the ``ITEM_PIPELINES`` a crawl uses, so imported and crawled articles
are cleaned, dated, deduplicated, grouped and stored the same way.

The per-item work that needs no archive (:func:`newscrawl.analysis.analyse`: language,
dates, match facts, MinHash) runs in ``NEWSCRAWL_PARSE_WORKERS`` processes (``-1``: one per
core, ``0``: none), a bounded window of records ahead of the pipelines and in their order;
the pipelines then only look up, decide and store, as in a crawl with parse workers.
"""

from __future__ import annotations

import itertools
import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scrapy.addons import AddonManager
from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.signalmanager import SignalManager
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import build_from_crawler, load_object

from newscrawl.crawling.kinds import Counted, counts
from newscrawl.errors import ArchiveError, IngestError
from newscrawl.items import ArticleItem, DateCandidate
from newscrawl.sources import Registry, load_registry
from newscrawl.urls import canonicalize_url


class OfflineCrawler:
    """What item pipelines use of a Scrapy crawler (settings, stats, signals), with no downloader."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.signals = SignalManager(self)
        self.stats = MemoryStatsCollector(self)
        self.spider = None
        self.addons: AddonManager | None = None


@dataclass
class IngestReport:
    """Counts of one ingest run; ``errors`` names each skipped line ("line 3: ...")."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


class PipelineRunner:
    """The configured ``ITEM_PIPELINES``, in order, applied to items one by one."""

    def __init__(self, settings: Settings):
        from scrapy import signals

        self._signals = signals
        self.crawler = OfflineCrawler(settings)
        # the add-ons (newscrawl's among them) wire the pipelines, as in a crawl
        self.crawler.addons = AddonManager(self.crawler)
        self.crawler.addons.load_settings(settings)
        order = sorted(((p, o) for p, o in settings.getdict("ITEM_PIPELINES").items() if o is not None),
                       key=lambda kv: kv[1])
        self.pipelines = [build_from_crawler(load_object(path), self.crawler) for path, _ in order]
        for pipeline in self.pipelines:
            if hasattr(pipeline, "open_spider"):
                pipeline.open_spider(None)

    def process(self, item: ArticleItem) -> ArticleItem | None:
        """The item after every pipeline, or None when one dropped it."""
        for pipeline in self.pipelines:
            try:
                item = pipeline.process_item(item, None)
            except DropItem:
                return None
        return item

    def close(self) -> dict[str, Any]:
        """Flush and close every pipeline; returns the stats they counted."""
        try:
            for pipeline in reversed(self.pipelines):  # as Scrapy does: the store flushes first
                if hasattr(pipeline, "close_spider"):
                    pipeline.close_spider(None)
        finally:
            self.crawler.signals.send_catch_log(self._signals.engine_stopped)
        return dict(self.crawler.stats.get_stats())


def item_from_record(record: Mapping[str, Any], *, default_tz: str = "UTC",
                     tracking_params: Iterable[str] = ()) -> ArticleItem:
    """An :class:`ArticleItem` from one ingest record; :class:`IngestError` when it lacks url or body.

    ``tracking_params`` are the record's source's own trackers (registry ``tracking_params``),
    dropped from the canonical URL as the spider drops them.
    """
    url = record.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise IngestError("record has no absolute http(s) 'url'")
    if not isinstance(record.get("body"), str) or not record["body"].strip():
        raise IngestError(f"record for {url} has no 'body'")
    candidates = [
        DateCandidate(kind, "meta", str(record[key]))
        for kind, key in (("published", "published_raw"), ("published", "published_at"),
                          ("modified", "modified_raw"), ("modified", "modified_at"))
        if record.get(key)
    ]
    hints = {"declared": str(record["language"])} if record.get("language") else {}
    timezone = record.get("timezone") or default_tz
    if not isinstance(timezone, str) or not known_zone(timezone):
        raise IngestError(f"record for {url} has an unknown time zone {timezone!r} (an IANA name, e.g. Europe/Paris)")
    item = ArticleItem(
        url=url,
        canonical_url=canonicalize_url(record.get("canonical_url") or url, tracking_params=tracking_params),
        source=record.get("source"),
        site_name=record.get("site_name"),
        title=record.get("title"),
        body=record["body"],
        authors=list(record.get("authors") or []),
        date_candidates=candidates,
        language_hints=hints,
        timezone=timezone,
        fetched_at=record.get("fetched_at") or datetime.now(UTC).replace(microsecond=0).isoformat(),
        urls=[url],
    )
    # a date the parser cannot read is still what the source said: kept as raw, never dropped
    item.published_raw = _text(record.get("published_raw"))
    item.modified_raw = _text(record.get("modified_raw"))
    return item


def known_zone(name: str) -> bool:
    """Whether ``name`` is an IANA time zone this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | IngestError]]:
    """(line number, record or the error for that line) for each non-empty line of a JSONL file.

    Lines are decoded one by one, so a line that is not UTF-8 is one bad line, not a failed file.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, IngestError(f"not UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}")
                continue
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, IngestError(f"not JSON: {exc.msg}")
                continue
            yield number, value if isinstance(value, dict) else IngestError("not a JSON object")


#: Records per task sent to an analysis worker (fewer round trips), and tasks in flight per worker.
_CHUNK = 8
_TASKS_PER_WORKER = 3
#: Fewer records than this are analysed by the pipelines themselves: starting the workers (the
#: fork server loads the parsers and models, seconds) costs more than analysing them in-process.
_POOL_FROM = 200


def _analyse_chunk(items: list[ArticleItem], languages: tuple[str, ...]) -> list[ArticleItem]:
    from newscrawl.crawling.parsepool import analyse_ahead

    return [analyse_ahead(item, languages) for item in items]


def analysed(items: Iterable[tuple[int, ArticleItem | IngestError]], workers: int,
             languages: tuple[str, ...]) -> Iterator[tuple[int, ArticleItem | IngestError]]:
    """The same (line, item or error) pairs in the same order, each item analysed in one of ``workers``
    processes; at most ``workers * _TASKS_PER_WORKER`` chunks of ``_CHUNK`` records are in flight.
    An input of fewer than ``_POOL_FROM`` records passes through unanalysed."""
    items = iter(items)
    first = list(itertools.islice(items, _POOL_FROM)) if workers > 0 else []
    if len(first) < _POOL_FROM:
        yield from first
        yield from items
        return
    from newscrawl.crawling.parsepool import worker_executor

    executor = worker_executor(workers)
    window: deque[Any] = deque()
    try:
        chunk: list[tuple[int, ArticleItem | IngestError]] = []
        for pair in itertools.chain(first, items):
            chunk.append(pair)
            if len(chunk) == _CHUNK:
                window.append(_submit(executor, chunk, languages))
                chunk = []
                while len(window) >= workers * _TASKS_PER_WORKER:
                    yield from _results(window.popleft())
        if chunk:
            window.append(_submit(executor, chunk, languages))
        while window:
            yield from _results(window.popleft())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _submit(executor: Any, chunk: list[tuple[int, ArticleItem | IngestError]], languages: tuple[str, ...]):
    items = [item for _, item in chunk if isinstance(item, ArticleItem)]
    return chunk, executor.submit(_analyse_chunk, items, languages)


def _results(task: Any) -> Iterator[tuple[int, ArticleItem | IngestError]]:
    chunk, future = task
    done = iter(future.result())
    for number, item in chunk:
        yield number, next(done) if isinstance(item, ArticleItem) else item


def ingest(records: Iterable[tuple[int, dict[str, Any] | IngestError]], settings: Settings,
           *, default_tz: str = "UTC", registry: Registry | None = None) -> IngestReport:
    """Run records through the item pipelines into the archive named by ``NEWSCRAWL_DB``.

    A record whose ``source`` names a source of ``registry`` (the bundled one by default)
    gets that source's ``tracking_params`` dropped from its canonical URL, as in a crawl.
    """
    trackers = {s.name: s.tracking_params for s in (registry or load_registry())}
    runner = PipelineRunner(settings)
    report = IngestReport()

    def items() -> Iterator[tuple[int, ArticleItem | IngestError]]:
        for number, record in records:
            report.read += 1
            try:
                if isinstance(record, IngestError):
                    raise record
                source = record.get("source")
                yield number, item_from_record(record, default_tz=default_tz, tracking_params=trackers.get(
                    source, ()) if isinstance(source, str) else ())
            except IngestError as exc:
                yield number, exc

    workers = settings.getint("NEWSCRAWL_PARSE_WORKERS")
    if workers < 0:
        from newscrawl.crawling.forkserver import default_workers

        workers = default_workers()
    try:
        for number, item in analysed(items(), workers, tuple(settings.getlist("NEWSCRAWL_LANGUAGES"))):
            if isinstance(item, IngestError):
                report.errors.append(f"line {number}: {item}")
                continue
            try:
                runner.process(item)
            except ArchiveError:
                raise  # the archive itself failed: stop, what was committed stays
            except Exception as exc:  # one record the pipelines cannot take must not end the import
                report.errors.append(f"line {number}: {type(exc).__name__}: {exc}")
    finally:
        stats = runner.close()
    report.stats = stats
    report.stored = int(stats.get("newscrawl/store/new", 0)) + int(stats.get("newscrawl/store/updated", 0))
    report.unchanged = int(stats.get("newscrawl/store/unchanged", 0))
    report.duplicates = sum(counts(stats, Counted.DUPLICATES).values())
    report.dropped = counts(stats, Counted.DROPPED)
    return report
