"""Crawl throughput: the full newscrawl crawl against bare Scrapy fetching the same pages.

A synthetic news site (N article pages built from the demo web's article
templates with rewritten, unique text, one Google-News sitemap, robots.txt)
is served on 127.0.0.1. Two crawls run in turn, each in a fresh process
(Twisted cannot restart a reactor): a bare Scrapy spider that only downloads
the sitemap's URLs, and ``newscrawl crawl`` with every pipeline into a new
SQLite file. Both use the same concurrency and no politeness delay, so the
ratio is the cost of parsing, normalising, deduplicating, grouping and storing.
Each crawl runs ``--repeat`` times (the minimum counts: the machine is shared),
the full one once per ``--workers`` value (``NEWSCRAWL_PARSE_WORKERS``); the
load average is printed beside every figure, with each crawl's peak RSS.

Then the last full crawl's archive is crawled again (``--incremental``, the default 2 runs): the
hourly cron run of a site that has nothing new (the sitemap answers 304, no page is parsed), whose
time is the crawl's fixed cost: start-up, the archive's opening, the reactor's shutdown.

Then, in this process, every page goes through each stage alone, which gives
where a page's time goes and on which side: a parse worker's (parse, then the
analysis step part by part) and the reactor's (each item pipeline on the
analysed item, into a fresh archive).

    .venv/bin/python bench/crawl.py --pages 400 --repeat 3 --workers 0,2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newscrawl.demo.server import SITES_DIR, DemoWeb  # noqa: E402

TEMPLATES = sorted((SITES_DIR / "pitchside-news" / "football").rglob("*.html"))
WORDS = re.compile(r"(?<=<p>)([^<]{40,})(?=</p>)")
SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": True}


def build_site(root: Path, pages: int, seed: int = 1) -> None:
    """Write ``pages`` article pages, a sitemap and robots.txt under ``root/site``."""
    rng = random.Random(seed)
    site = root / "site"
    (site / "a").mkdir(parents=True)
    templates = [t.read_text("utf-8") for t in TEMPLATES if "table" not in t.name]
    templates = [t for t in templates if "NewsArticle" in t]
    urls = []
    for n in range(pages):
        html = templates[n % len(templates)]

        def rewrite(match: re.Match[str], n: int = n) -> str:
            words = match.group(1).split()
            rng.shuffle(words)
            return f"Bench {n}: " + " ".join(words)

        html = WORDS.sub(rewrite, html)
        html = html.replace("{{site:pitchside-news}}", "{{site:site}}")
        path = f"/a/{n:06d}.html"
        html = re.sub(r'(rel="canonical" href=")[^"]+', rf"\g<1>{{{{site:site}}}}{path}", html)
        html = re.sub(r'(property="og:url" content=")[^"]+', rf"\g<1>{{{{site:site}}}}{path}", html)
        (site / path.lstrip("/")).write_text(html, "utf-8")
        urls.append(path)
    entries = "".join(f"<url><loc>{{{{site:site}}}}{u}</loc></url>" for u in urls)
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>',
        "utf-8",
    )
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", "utf-8")
    (root / "sources.toml").write_text(
        '[[source]]\nname = "site"\nhomepage = "{{site:site}}/"\nlanguages = ["en"]\n'
        'timezone = "Europe/London"\nsitemaps = ["{{site:site}}/sitemap.xml"]\nallow = ["/a/"]\n',
        "utf-8",
    )


BARE_SPIDER = '''
import json, sys, time
import scrapy
from scrapy.crawler import CrawlerProcess
from newscrawl.feeds import parse_sitemap

class Bare(scrapy.Spider):
    name = "bare"
    start_urls = [sys.argv[1]]
    def parse(self, response):
        for entry in parse_sitemap(response.body, response.url):
            yield scrapy.Request(entry.url, callback=self.page)
    def page(self, response):
        return None

settings = json.loads(sys.argv[2])
process = CrawlerProcess(settings)
crawler = process.create_crawler(Bare)
started = time.perf_counter()
process.crawl(crawler)
process.start()
print(json.dumps({"seconds": time.perf_counter() - started,
                  "pages": crawler.stats.get_value("response_received_count")}))
'''


def run_bare(base: str) -> dict:
    args = [sys.executable, "-c", BARE_SPIDER, f"{base}/sitemap.xml", json.dumps(SETTINGS)]
    result = _measured(args)
    run = json.loads(result["stdout"].strip().splitlines()[-1])
    # "seconds" is the bare crawl alone (after Scrapy's import); "process" the whole process, like the full run's
    return {**run, "process": result["seconds"], "cpu": result["cpu"], "rss_mb": result["rss_mb"],
            "load": result["load"]}


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Record in ``seen`` the CPU seconds (user + system) so far of ``root`` and its descendants, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = defaultdict(list)
    cpu: dict[int, float] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        pid = int(entry.name)
        children[int(fields[1])].append(pid)
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    todo = [root]
    while todo:
        pid = todo.pop()
        if pid in cpu:
            seen[pid] = max(seen.get(pid, 0.0), cpu[pid])
        todo.extend(children.get(pid, ()))


def _measured(args: list[str]) -> dict:
    """Run ``args``; its stdout, wall time, CPU (the process and its descendants: the parse workers and
    their fork server, sampled from /proc every 50 ms), peak RSS (MB, the process itself) and the
    1-min load average."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    cpu: dict[int, float] = {}
    sampling = True

    def sample() -> None:
        while sampling:
            _tree_cpu(process.pid, cpu)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout = process.stdout.read() if process.stdout else b""
    stderr = process.stderr.read() if process.stderr else b""
    sampling = False
    sampler.join()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 3):
        raise SystemExit(f"{args[:3]} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    # the crawl process itself from its rusage (exact); its descendants as last sampled
    cpu[process.pid] = usage.ru_utime + usage.ru_stime
    return {"stdout": stdout.decode(), "seconds": seconds, "cpu": sum(cpu.values()), "rss_mb": usage.ru_maxrss / 1024,
            "load": max(load, os.getloadavg()[0])}


def run_full(registry: Path, bases: dict[str, str], db: Path, workers: int, *, fresh: bool = True) -> dict:
    filled = registry.read_text("utf-8").replace("{{site:site}}", bases["site"])
    concrete = registry.with_name("sources.filled.toml")
    concrete.write_text(filled, "utf-8")
    args = [str(Path(sys.executable).with_name("newscrawl")), "crawl", "--registry", str(concrete),
            "--db", str(db), "--json", "--set", f"NEWSCRAWL_PARSE_WORKERS={workers}"]
    for key, value in SETTINGS.items():
        args += ["--set", f"{key}={value}"]
    if fresh:
        db.unlink(missing_ok=True)
    result = _measured(args)
    summary = json.loads(result["stdout"].strip().splitlines()[-1])
    return {"seconds": result["seconds"], "process": result["seconds"], "cpu": result["cpu"],
            "pages": summary["pages"], "new": summary["articles_new"],
            "duplicates": summary["duplicates"], "rss_mb": result["rss_mb"], "load": result["load"]}


def stage_times(site: Path, db: Path) -> tuple[dict[str, dict[str, float]], int]:
    """CPU seconds of each stage over every page of the site, run in this process (CPU: the machine is shared).

    Two columns per stage: ``worker``, what a parse worker spends (``parse_article`` and the
    analysis step, ``newscrawl.analysis``, timed part by part), and ``reactor``, what the item
    pipelines then spend on the analysed item in the crawl's own process (lookups, drops, store).
    """
    from newscrawl import analysis
    from newscrawl.pages import parse_article
    from newscrawl.runs.crawl import crawl_settings
    from newscrawl.runs.ingest import PipelineRunner

    pages = sorted((site / "a").glob("*.html"))
    runner = PipelineRunner(crawl_settings(db))
    languages = tuple(runner.crawler.settings.getlist("NEWSCRAWL_LANGUAGES"))
    totals: dict[str, dict[str, float]] = {stage: {"worker": 0.0, "reactor": 0.0} for stage in STAGES}

    def timed(stage: str, column: str, call, *args):
        started = time.process_time()
        try:
            return call(*args)
        finally:
            totals[stage][column] += time.process_time() - started

    for page in pages:
        item = timed("parse", "worker", parse_article, page.read_bytes(), f"http://127.0.0.1/a/{page.name}")
        item.source, item.timezone = "site", "Europe/London"
        item.language_hints.setdefault("source", "en")
        # the analysis step part by part, in the order analysis.analyse runs it
        timed("clean", "worker", analysis.tidy, item)
        language = timed("language", "worker", analysis.decide_language, item, languages)
        dates = timed("dates", "worker", analysis.resolve_item_dates, item, language)
        view = analysis._dated_view(item, language, dates)
        story = timed("stories", "worker", analysis.story_facts, view)
        found = timed("dedup", "worker", analysis.fingerprint, item.body or "")
        item.analysis = analysis.Analysis(languages, language, dates, story, found)
        for pipeline in runner.pipelines:
            stage = PIPELINE_STAGES[type(pipeline).__name__]
            try:
                item = timed(stage, "reactor", pipeline.process_item, item, None)
            except Exception:  # a drop: the stages after it do not see the page
                break
    timed("store", "reactor", runner.close)  # the store's last batch
    return totals, len(pages)


#: The stages of the per-page breakdown, in pipeline order.
STAGES = ("fetch", "parse", "clean", "language", "dates", "dedup", "stories", "store")
PIPELINE_STAGES = {"CleanPipeline": "clean", "LanguagePipeline": "language", "DatePipeline": "dates",
                   "DedupPipeline": "dedup", "StoryPipeline": "stories", "StorePipeline": "store"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each crawl; the fastest counts")
    parser.add_argument("--workers", default="-1",
                        help="comma-separated NEWSCRAWL_PARSE_WORKERS values for the full crawl (-1: one per core)")
    parser.add_argument("--incremental", type=int, default=2,
                        help="crawls of the last full crawl's archive again (nothing new: the fixed cost)")
    args = parser.parse_args()
    worker_counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_site(root, args.pages)
        bare: list[dict] = []
        full: dict[int, list[dict]] = defaultdict(list)
        with DemoWeb(sites_dir=root, registry_path=root / "sources.toml") as web:
            for _ in range(args.repeat):
                bare.append(run_bare(web.bases["site"]))
                for workers in worker_counts:
                    full[workers].append(run_full(root / "sources.toml", web.bases, root / "bench.db", workers))
            again = [run_full(root / "sources.toml", web.bases, root / "bench.db", worker_counts[-1], fresh=False)
                     for _ in range(args.incremental)]
        stages, pages = stage_times(root / "site", root / "stages.db")
    print(f"synthetic site: {args.pages} article pages, 1 sitemap, robots.txt (127.0.0.1); "
          f"{os.cpu_count()} cores; fastest of {args.repeat} runs")
    print("seconds: the full run's whole process, the bare run's crawl after Scrapy's import (ratio: as issue 14 "
          "counts it); process: both whole processes, start-up included (like with like); CPU: the process and "
          "its descendants (parse workers, fork server)")
    print(f"{'run':<34}{'pages':>6}{'seconds':>9}{'pages/s':>9}{'ratio':>8}{'process':>9}{'ratio':>8}"
          f"{'CPU s':>7}{'peak RSS MB':>13}{'load':>7}")
    reference = min(bare, key=lambda r: r["seconds"])
    rows = [("bare Scrapy (reference)", reference)]
    rows += [(f"newscrawl crawl, workers={w}", min(runs, key=lambda r: r["seconds"])) for w, runs in full.items()]
    for name, run in rows:
        print(f"{name:<34}{run['pages']:>6}{run['seconds']:>9.2f}{run['pages'] / run['seconds']:>9.1f}"
              f"{run['seconds'] / reference['seconds']:>7.2f}x{run['process']:>9.2f}"
              f"{run['process'] / reference['process']:>7.2f}x{run['cpu']:>7.2f}{run['rss_mb']:>13.0f}"
              f"{run['load']:>7.1f}")
    for workers, runs in full.items():
        times = ", ".join(f"{r['seconds']:.2f}s ({r['cpu']:.1f}s CPU)" for r in runs)
        print(f"workers={workers}: every run {times} "
              f"(stored {runs[0]['new']} new, {runs[0]['duplicates']} duplicates)")
    if again:
        times = ", ".join(f"{r['seconds']:.2f}s ({r['cpu']:.1f}s CPU, {r['pages']} responses, {r['new']} new)" for r in again)
        print(f"again on the same archive (workers={worker_counts[-1]}; the fixed cost of a cron run): {times}")
    print(f"per page: CPU of each stage in one process ({pages} pages): 'worker' is a parse worker's share "
          "(parse + analysis), 'reactor' the pipelines' share on the analysed item; fetch: the bare crawl's "
          "wall time per page")
    stages["fetch"]["reactor"] = reference["seconds"] * pages / max(1, reference["pages"])
    total = sum(sum(columns.values()) for columns in stages.values())
    print(f"  {'stage':<10}{'worker ms':>10}{'reactor ms':>11}{'share':>8}")
    for name, columns in stages.items():
        both = sum(columns.values())
        print(f"  {name:<10}{1000 * columns['worker'] / pages:>10.2f}{1000 * columns['reactor'] / pages:>11.2f}"
              f"{100 * both / total:>7.1f}%")
    worker = sum(c["worker"] for c in stages.values())
    reactor = sum(c["reactor"] for n, c in stages.items() if n != "fetch")
    print(f"  {'all':<10}{1000 * worker / pages:>10.2f}{1000 * reactor / pages:>11.2f}   (reactor without fetch)")

if __name__ == "__main__":
    main()
