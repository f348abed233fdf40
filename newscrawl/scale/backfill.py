"""Backfill from web archives: WARC files (e.g. Common Crawl's CC-NEWS) -> articles, parsed on Dask.

``newscrawl backfill FILES... --db PATH``:

* one Dask task per WARC file (a ``LocalCluster`` on this machine unless
  ``--scheduler ADDRESS`` names a running one): it reads the file's ``response``
  records with warcio, keeps HTML answers (status 200) of hosts that are registry
  sources (or, with ``all_football``, of any host when the URL path names a
  football section, :data:`FOOTBALL_PATH_WORDS`), parses each page as the spider
  does, analyses it (:mod:`newscrawl.analysis`: language, dates, match facts,
  MinHash signature), runs the archive-free pipelines (clean, language, dates) and writes the
  surviving items, their analysis with them, to one shard file per WARC (:mod:`newscrawl.scale.codec` lines),
  renamed into place and followed by a ``.done`` marker;
* this process is the single writer: it ingests the shards **in the order the
  files were given**, through the same dedup -> stories -> store pipelines as a
  crawl (the coordinator's :class:`~newscrawl.scale.coordinator.Ingester` set-up),
  and marks each shard ``.ingested`` after its commit;
* a backfill run again over the same files skips shards already ingested and
  parses only WARCs without a ``.done`` shard: a killed backfill resumes, and a
  shard ingested twice (killed between commit and marker) is written idempotently.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newscrawl.errors import NewscrawlError
from newscrawl.scale import codec

#: URL path words of football sections in en/fr/nl, for hosts outside the registry (``all_football``).
FOOTBALL_PATH_WORDS = ("football", "soccer", "foot", "voetbal", "premier-league", "ligue-1", "eredivisie")
#: The pipelines a parse task runs: those that need no archive.
PARSE_PIPELINES = {
    "pipelines.analyse.AnalysePipeline": 50,  # the writer's per-item CPU, done in the task (newscrawl.analysis)
    "pipelines.dedup.DedupPipeline": None,
    "pipelines.stories.StoryPipeline": None,
    "pipelines.store.StorePipeline": None,
}


class BackfillError(NewscrawlError):
    """A WARC file cannot be read, or the cluster cannot be reached."""


@dataclass(frozen=True)
class Shard:
    """Where one WARC's parsed items go, and its markers."""

    warc: Path
    folder: Path

    @property
    def stem(self) -> str:
        digest = hashlib.sha1(str(self.warc.resolve()).encode()).hexdigest()[:10]
        return f"{self.warc.name}.{digest}"

    @property
    def path(self) -> Path:
        return self.folder / f"{self.stem}.jsonl"

    @property
    def done(self) -> Path:
        return self.folder / f"{self.stem}.done"

    @property
    def ingested(self) -> Path:
        return self.folder / f"{self.stem}.ingested"


def host_of(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def parse_warc(warc: str, shard_path: str, done_path: str, sources: list[dict[str, Any]],
               all_football: bool) -> dict[str, int]:
    """The Dask task: one WARC file -> one shard of items; returns its counts."""
    from w3lib.encoding import http_content_type_encoding
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from newscrawl.pages import ParseError, parse_article
    from newscrawl.runs.crawl import crawl_settings
    from newscrawl.runs.ingest import PipelineRunner

    clock, cpu = time.perf_counter(), time.process_time()
    by_host = {host_of(s["homepage"]): codec.source_from_dict(s) for s in sources}
    runner = PipelineRunner(crawl_settings(":memory:", {"ITEM_PIPELINES": PARSE_PIPELINES}))
    counts: Counter[str] = Counter()
    temporary = Path(shard_path + ".tmp")
    try:
        with open(warc, "rb") as stream, temporary.open("wb") as out:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                counts["records"] += 1
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
                if record.http_headers.get_statuscode() != "200" or "html" not in content_type:
                    counts["not_html"] += 1
                    continue
                source = by_host.get(host_of(url))
                if source is None and not (all_football and any(w in urlsplit(url).path.lower()
                                                                for w in FOOTBALL_PATH_WORDS)):
                    counts["unmapped"] += 1
                    continue
                try:
                    item = parse_article(record.content_stream().read(), url,
                                         encoding=http_content_type_encoding(content_type))
                except ParseError:
                    counts["unparsable"] += 1
                    continue
                item.source = source.name if source else host_of(url)
                item.timezone = source.timezone if source else "UTC"
                item.fetched_at = record.rec_headers.get_header("WARC-Date")
                if source:
                    item.language_hints.setdefault("source", ",".join(source.languages))
                item.urls = list(dict.fromkeys([url, *item.urls]))
                counts["pages"] += 1
                kept = runner.process(item)
                if kept is not None:
                    out.write(codec.dumps({"type": "item", "item": codec.item_to_dict(kept)}) + b"\n")
                    counts["items"] += 1
            stats = {k: v for k, v in runner.close().items() if isinstance(v, int)}
            # where a backfill's time goes (bench/scale.py): this task's wall and CPU milliseconds
            counts["task_ms"] = int(1000 * (time.perf_counter() - clock))
            counts["task_cpu_ms"] = int(1000 * (time.process_time() - cpu))
            out.write(codec.dumps({"type": "stats", "stats": stats, "counts": dict(counts)}) + b"\n")
    except (OSError, ArchiveLoadFailed) as exc:
        temporary.unlink(missing_ok=True)
        raise BackfillError(f"cannot read WARC file {warc}: {exc}") from exc
    os.replace(temporary, shard_path)
    Path(done_path).touch()
    return dict(counts)


def read_shard(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(item events, the parse task's stats) of a finished shard."""
    items, stats = [], {}
    with path.open("rb") as handle:
        for line in handle:
            message = codec.loads(line)
            if message["type"] == "item":
                items.append(message)
            else:
                stats = message["stats"] | {f"newscrawl/backfill/{k}": v for k, v in message["counts"].items()}
    return items, stats


def run_backfill(
    files: Sequence[Path],
    db_path: str | Path,
    registry: Any,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    all_football: bool = False,
    shard_dir: Path | None = None,
) -> Any:
    """Backfill ``files`` into the archive; returns the run's :class:`CrawlSummary`."""
    from newscrawl.runs.crawl import open_run, record_run, summarize
    from newscrawl.runs.lock import CrawlLock
    from newscrawl.scale.coordinator import COORDINATOR_PIPELINES, merge_stats

    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:
        raise BackfillError(f"no such WARC file: {', '.join(missing)}")
    folder = shard_dir or Path(f"{db_path}.backfill")
    folder.mkdir(parents=True, exist_ok=True)
    shards = [Shard(Path(f), folder) for f in files]
    sources = [codec.source_to_dict(s) for s in registry]
    from newscrawl.runs.crawl import crawl_settings
    from newscrawl.runs.ingest import PipelineRunner

    with CrawlLock(Path(db_path)):
        run_id, killed = open_run(db_path, list(registry), label=["backfill"])
        started = time.monotonic()
        parse_stats: list[dict[str, Any]] = []
        own: dict[str, Any] = {}
        finish_reason = "crashed"
        runner: PipelineRunner | None = None
        try:
            todo = [s for s in shards if not s.ingested.exists()]
            with _cluster(scheduler, workers, need=any(not s.done.exists() for s in todo)) as client:
                own["newscrawl/backfill/cluster_seconds"] = time.monotonic() - started
                futures = {s.stem: client.submit(parse_warc, str(s.warc), str(s.path), str(s.done), sources,
                                                 all_football, key=f"parse-{s.stem}-{run_id}", pure=False)
                           for s in todo if not s.done.exists()}
                # the writer's archive is opened after the local workers are forked (no SQLite
                # connection may cross a fork: https://www.sqlite.org/howtocorrupt.html, 2.6),
                # while the first WARCs are parsed
                runner = PipelineRunner(crawl_settings(db_path, {"ITEM_PIPELINES": COORDINATOR_PIPELINES,
                                                                 "NEWSCRAWL_RUN_ID": run_id}))
                for shard in todo:  # in the order given: the single writer's order
                    if shard.stem in futures:
                        futures[shard.stem].result()
                    clock, cpu = time.perf_counter(), time.process_time()
                    items, stats = read_shard(shard.path)
                    for message in items:
                        runner.process(codec.item_from_dict(message["item"]))
                    for pipeline in runner.pipelines:
                        if hasattr(pipeline, "flush"):
                            pipeline.flush()
                    shard.ingested.touch()
                    own["newscrawl/backfill/writer_seconds"] = own.get("newscrawl/backfill/writer_seconds", 0) + (
                        time.perf_counter() - clock)
                    own["newscrawl/backfill/writer_cpu_seconds"] = own.get(
                        "newscrawl/backfill/writer_cpu_seconds", 0) + time.process_time() - cpu
                    parse_stats.append(stats)
            own["newscrawl/backfill/shards_skipped"] = len(shards) - len(todo)
            finish_reason = "finished"
        finally:
            coordinator_stats = runner.close() if runner is not None else {}
            stats = merge_stats([*parse_stats, own], coordinator_stats)
            stats["response_received_count"] = stats.get("newscrawl/backfill/pages", 0)
            summary = summarize(stats, run_id, time.monotonic() - started, finish_reason)
            summary.killed_runs = killed
            record_run(db_path, summary, stats)
    return summary


def _local_cluster(local_cluster: Any, workers: int) -> Any:
    """A LocalCluster whose worker processes are forked from this one after it imported the parse side.

    Dask spawns fresh interpreters by default: each worker then imports Dask and the parse side
    (trafilatura, the matching tables) before its first page, ~2 s of CPU per worker that a
    backfill of a few hundred pages per WARC pays on every run. Forked, they share this
    process's imports. (Where fork is missing, as on Windows and macOS by default, spawn stays.)
    """
    import multiprocessing

    import dask

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        import newscrawl.analysis  # noqa: F401  (the imports the forked workers share)
        import newscrawl.pages  # noqa: F401
    with dask.config.set({"distributed.worker.multiprocessing-method": method}):
        return local_cluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


class _cluster:  # noqa: N801 -- a context manager, named for what it gives
    """A Dask client: of ``scheduler`` when given, else of a LocalCluster started here (only when needed)."""

    def __init__(self, scheduler: str | None, workers: int, *, need: bool):
        self.scheduler, self.workers, self.need = scheduler, workers, need
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> Any:
        if not self.need:
            return None
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise BackfillError("backfill needs dask.distributed: pip install 'newscrawl[scale]'") from exc
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=20)
            else:
                self.cluster = _local_cluster(LocalCluster, self.workers)
                self.client = Client(self.cluster)
        except OSError as exc:
            raise BackfillError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from exc
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
