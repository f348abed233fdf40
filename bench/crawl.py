"""Crawl throughput: the full newscrawl crawl against bare Scrapy fetching the same pages.

A synthetic news site (N article pages built from the demo web's article
templates with rewritten, unique text, one Google-News sitemap, robots.txt)
is served on 127.0.0.1. Two crawls run in turn, each in a fresh process
(Twisted cannot restart a reactor): a bare Scrapy spider that only downloads
the sitemap's URLs, and ``newscrawl crawl`` with every pipeline into a new
SQLite file. Both use the same concurrency and no politeness delay, so the
ratio is the cost of parsing, normalising, deduplicating, grouping and storing.

    .venv/bin/python bench/crawl.py --pages 400
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
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
    out = subprocess.run(
        [sys.executable, "-c", BARE_SPIDER, f"{base}/sitemap.xml", json.dumps(SETTINGS)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_full(registry: Path, bases: dict[str, str], db: Path) -> dict:
    filled = registry.read_text("utf-8").replace("{{site:site}}", bases["site"])
    concrete = registry.with_name("sources.filled.toml")
    concrete.write_text(filled, "utf-8")
    args = [str(Path(sys.executable).with_name("newscrawl")), "crawl", "--registry", str(concrete),
            "--db", str(db), "--json"]
    for key, value in SETTINGS.items():
        args += ["--set", f"{key}={value}"]
    started = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    return {"seconds": seconds, "pages": summary["pages"], "new": summary["articles_new"],
            "duplicates": summary["duplicates"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_site(root, args.pages)
        with DemoWeb(sites_dir=root, registry_path=root / "sources.toml") as web:
            bare = run_bare(web.bases["site"])
            full = run_full(root / "sources.toml", web.bases, root / "bench.db")
    print(f"synthetic site: {args.pages} article pages, 1 sitemap, robots.txt (127.0.0.1)")
    print(f"{'run':<26}{'pages':>7}{'seconds':>9}{'pages/s':>9}")
    for name, run in (("bare Scrapy (reference)", bare), ("newscrawl crawl, all pipes", full)):
        print(f"{name:<26}{run['pages']:>7}{run['seconds']:>9.2f}{run['pages'] / run['seconds']:>9.1f}")
    print(f"full / bare time ratio: {full['seconds'] / bare['seconds']:.2f}x "
          f"(stored {full['new']} new, {full['duplicates']} duplicates)")


if __name__ == "__main__":
    main()
