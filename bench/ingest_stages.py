"""Ingest throughput: CPU per article of each item pipeline, then whole ingests with and without workers.

Input: the labelled articles of ``bench/stories.py`` (``--copies`` times, under other URLs so
that every copy is a new article, not a duplicate of the last), or with ``--synthetic N`` the
crawl bench's synthetic site (``bench/crawl.py``: N pages of rewritten demo articles) parsed and
exported as ingest records.

1. Stages: every record goes through the crawl's own ``ITEM_PIPELINES`` in this process, into a
   new archive, each pipeline timed in CPU (``time.process_time``: the machine is shared), after a
   warm-up (models, gazetteer, imports).
2. Whole ingests: :func:`newscrawl.runs.ingest.ingest` as ``newscrawl ingest`` runs it, once per
   ``--workers`` value (``NEWSCRAWL_PARSE_WORKERS``: the analysis in that many processes), into a
   new archive: wall articles/s with the pool's start-up and after it (from the first analysed
   record on), this process's CPU per article, and the CPU of each re-grouping after a batch.

    .venv/bin/python bench/ingest_stages.py --copies 3
    .venv/bin/python bench/ingest_stages.py --synthetic 3000 --workers 0,2
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scrapy.exceptions import DropItem  # noqa: E402

from newscrawl.runs.crawl import crawl_settings  # noqa: E402
from newscrawl.runs.ingest import PipelineRunner, ingest, item_from_record  # noqa: E402


def story_records(copies: int) -> list[dict]:
    import stories as story_bench
    from stories_ingest import bench_url

    return [
        {"url": bench_url(a).replace("https://", f"https://copy{n}."), "title": a.title,
         "body": a.body, "language": a.language, "published_at": a.published_at, "timezone": "Europe/Paris"}
        for n in range(copies) for a in story_bench.load_articles()
    ]


def synthetic_records(pages: int) -> list[dict]:
    """The crawl bench's synthetic pages, parsed, as ingest records."""
    import crawl as crawl_bench

    from newscrawl.pages import parse_article

    records = []
    with tempfile.TemporaryDirectory() as tmp:
        crawl_bench.build_site(Path(tmp), pages)
        for page in sorted((Path(tmp) / "site" / "a").glob("*.html")):
            url = f"https://bench.example/a/{page.name}"
            item = parse_article(page.read_bytes().replace(b"{{site:site}}", b"https://bench.example"), url)
            records.append({"url": url, "title": item.title, "body": item.body, "language": "en",
                            "published_raw": item.published_raw, "timezone": "Europe/London"})
    return records


def stage_times(records: list[dict], tmp: Path) -> dict[str, float]:
    settings = {"NEWSCRAWL_MIN_BODY_WORDS": 0}
    warm = PipelineRunner(crawl_settings(tmp / "warm.db", settings))  # models, gazetteer, imports
    warm.process(item_from_record(records[0]))
    warm.close()
    runner = PipelineRunner(crawl_settings(tmp / "stages.db", settings))
    cpu: dict[str, float] = defaultdict(float)
    for record in records:
        item = item_from_record(record)
        for pipeline in runner.pipelines:
            name = type(pipeline).__name__.removesuffix("Pipeline").lower()
            started = time.process_time()
            try:
                item = pipeline.process_item(item, None)
            except DropItem:
                cpu[name] += time.process_time() - started
                break
            cpu[name] += time.process_time() - started
    started = time.process_time()
    runner.close()
    cpu["store"] += time.process_time() - started
    return dict(cpu)


def whole_ingest(records: list[dict], db: Path, workers: int) -> dict:
    """One ingest into a new archive; also the CPU of each re-grouping after a stored batch."""
    import pipelines.stories
    from newscrawl.runs import ingest as ingest_module

    settings = crawl_settings(db, {"NEWSCRAWL_MIN_BODY_WORDS": 0, "NEWSCRAWL_PARSE_WORKERS": workers})
    regroups: list[tuple[int, float]] = []  # (articles stored, CPU s) per batch
    regroup_pending = pipelines.stories.regroup_pending

    def timed_regroup(archive, **kwargs):
        started = time.process_time()
        report = regroup_pending(archive, **kwargs)
        if report.pending:  # a call with nothing pending (the run's last) is not a batch
            regroups.append((archive.db.execute("SELECT count(*) FROM articles").fetchone()[0],
                             time.process_time() - started))
        return report

    pipelines.stories.regroup_pending = timed_regroup
    # after start-up: from the first item out of the analysis (the pool started, its models loaded)
    analysed, first = ingest_module.analysed, []

    def timed_analysed(*args, **kwargs):
        for pair in analysed(*args, **kwargs):
            if not first:
                first.append(time.perf_counter())
            yield pair

    ingest_module.analysed = timed_analysed
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        report = ingest(((n, dict(r)) for n, r in enumerate(records, 1)), settings)
    finally:
        pipelines.stories.regroup_pending = regroup_pending
        ingest_module.analysed = analysed
    ended = time.perf_counter()
    wall, cpu = ended - wall, time.process_time() - cpu
    return {"workers": workers, "wall": wall, "cpu": cpu, "stored": report.stored, "errors": len(report.errors),
            "load": max(load, os.getloadavg()[0]), "regroups": regroups,
            "steady": (len(records) - 1) / (ended - first[0]) if first and ended > first[0] else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=0, help="use N synthetic crawl-bench pages instead")
    parser.add_argument("--workers", default="0,-1", help="NEWSCRAWL_PARSE_WORKERS values of the whole ingests")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage breakdown")
    args = parser.parse_args()
    records = synthetic_records(args.synthetic) if args.synthetic else story_records(args.copies)
    what = (f"{args.synthetic} synthetic crawl-bench articles" if args.synthetic
            else f"{args.copies} copies of the story-bench articles")
    with tempfile.TemporaryDirectory() as tmp:
        cpu = {} if args.no_stages else stage_times(records, Path(tmp))
        runs = [whole_ingest(records, Path(tmp) / f"ingest{n}.db", int(w))
                for n, w in enumerate(args.workers.split(","))]
    print(f"{len(records)} articles ({what}); {os.cpu_count()} cores")
    if cpu:
        total = sum(cpu.values())
        print("stages, in one process, CPU per article:")
        for name, seconds in cpu.items():
            print(f"  {name:<10}{1000 * seconds / len(records):>7.2f} ms")
        print(f"  all pipelines: {len(records) / total:.0f} articles per CPU second")
    print(f"{'whole ingest':<22}{'stored':>7}{'wall s':>8}{'articles/s':>12}{'after start-up':>16}"
          f"{'main CPU ms/article':>21}{'load':>6}")
    for run in runs:
        print(f"  workers={run['workers']:<13}{run['stored']:>7}{run['wall']:>8.2f}{len(records) / run['wall']:>12.0f}"
              f"{run['steady']:>16.0f}{1000 * run['cpu'] / len(records):>21.2f}{run['load']:>6.1f}")
    batches = [r for r in runs[0]["regroups"] if r[0]]
    if batches:
        # the first batch past each size (a pair's cost should follow the batch, not the archive)
        marks = [next(b for b in batches if b[0] >= n) for n in (100, 500, 1000) if batches[-1][0] >= n]
        marks += [b for b in batches[-1:] if b not in marks]
        shown = ", ".join(f"{n} stored: {1000 * s:.0f} ms" for n, s in marks)
        print(f"re-grouping after each stored batch (CPU; workers={runs[0]['workers']}): {shown}; "
              f"all {len(batches)}: {1000 * sum(s for _, s in batches):.0f} ms")


if __name__ == "__main__":
    main()
