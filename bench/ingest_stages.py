"""Ingest throughput by stage: CPU per article of each item pipeline, after start-up.

The labelled articles of ``bench/stories.py`` (``--copies`` times, under other
URLs so that every copy is a new article, not a duplicate of the last) go through
the crawl's own ``ITEM_PIPELINES`` as ``newscrawl ingest`` runs them, into a new
archive. CPU time (``time.process_time``), not wall time: the machine is shared.

    .venv/bin/python bench/ingest_stages.py --copies 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scrapy.exceptions import DropItem  # noqa: E402

from newscrawl.runs.crawl import crawl_settings  # noqa: E402
from newscrawl.runs.ingest import PipelineRunner, item_from_record  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=3)
    args = parser.parse_args()
    import stories as story_bench
    from stories_ingest import bench_url

    articles = story_bench.load_articles()
    records = [
        {"url": bench_url(a).replace("https://", f"https://copy{n}."), "title": a.title,
         "body": a.body, "language": a.language, "published_at": a.published_at, "timezone": "Europe/Paris"}
        for n in range(args.copies) for a in articles
    ]
    with tempfile.TemporaryDirectory() as tmp:
        settings = {"NEWSCRAWL_MIN_BODY_WORDS": 0}
        warm = PipelineRunner(crawl_settings(Path(tmp) / "warm.db", settings))  # models, gazetteer, imports
        warm.process(item_from_record(records[0]))
        warm.close()
        runner = PipelineRunner(crawl_settings(Path(tmp) / "bench.db", settings))
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
    total = sum(cpu.values())
    print(f"{len(records)} articles ({args.copies} copies of the {len(articles)} story-bench articles)")
    for name, seconds in cpu.items():
        print(f"  {name:<10}{1000 * seconds / len(records):>7.2f} ms CPU per article")
    print(f"all pipelines: {len(records) / total:.0f} articles per CPU second")


if __name__ == "__main__":
    main()
