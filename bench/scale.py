"""Scale-out figures: shared-crawl rounds with 1 and 2 workers, WARC backfill on Dask, the coordinator's ceiling.

A synthetic news web (``--sites`` sites of ``--pages`` article pages in all, built
as ``bench/crawl.py`` builds its site) is served on 127.0.0.1 and a throw-away
``redis-server`` runs on a free port. Figures, in one process run:

* pages/s of one round: ``newscrawl crawl`` (single process, the reference),
  ``newscrawl coordinate`` with 1 and with 2 local ``newscrawl worker`` processes;
* articles/s of ``newscrawl backfill`` over WARC files of the same pages with 1 and 2 Dask workers;
* the coordinator's ingest ceiling: articles/s through dedup -> stories -> store
  from a Redis stream filled beforehand (no crawling at the same time).

Times are the runs' own (``seconds`` of the summary: after start-up imports).
The machine is shared: the load average is printed with the figures.

    .venv/bin/python bench/scale.py --pages 400 --sites 4
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from crawl import build_site  # noqa: E402  (bench/crawl.py: the synthetic site)

from newscrawl.demo.server import DemoWeb  # noqa: E402

NEWSCRAWL = str(Path(sys.executable).with_name("newscrawl"))
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "LOG_LEVEL=ERROR",
        "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]


def build_web(root: Path, sites: int, pages: int) -> Path:
    """``sites`` synthetic sites under ``root/sites`` and one registry naming them all."""
    registry = []
    for n in range(sites):
        build_site(root / f"b{n}", pages // sites, seed=n + 1)
        target = root / "sites" / f"site-{n}"
        shutil.copytree(root / f"b{n}" / "site", target)
        for file in target.rglob("*"):
            if file.is_file():
                file.write_text(file.read_text("utf-8").replace("{{site:site}}", f"{{{{site:site-{n}}}}}"), "utf-8")
        registry.append((root / f"b{n}" / "sources.toml").read_text("utf-8")
                        .replace("{{site:site}}", f"{{{{site:site-{n}}}}}").replace('name = "site"', f'name = "site-{n}"'))
    (root / "sources.toml").write_text("\n".join(registry), "utf-8")
    return root / "sources.toml"


def filled(registry: Path, bases: dict[str, str]) -> Path:
    text = registry.read_text("utf-8")
    for name, base in bases.items():
        text = text.replace(f"{{{{site:{name}}}}}", base)
    out = registry.with_name("sources.filled.toml")
    out.write_text(text, "utf-8")
    return out


def run(*args: str) -> dict:
    out = subprocess.run([NEWSCRAWL, *args, "--json"], capture_output=True, text=True, cwd=REPO)
    if out.returncode not in (0, 3):
        raise SystemExit(f"newscrawl {args[0]} failed ({out.returncode}): {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def shared_round(redis_url: str, registry: Path, db: Path, workers: int) -> dict:
    prefix = f"bench{workers}"
    procs = [subprocess.Popen([NEWSCRAWL, "worker", "--redis", redis_url, "--prefix", prefix, "--name", f"w{n}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for n in range(workers)]
    try:
        time.sleep(3)  # workers up (imports done) before the round starts, as long-running services are
        return run("coordinate", "--redis", redis_url, "--prefix", prefix, "--registry", str(registry),
                   "--db", str(db), *FAST)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(30)


def write_warcs(root: Path, bases: dict[str, str], files: int) -> list[Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = []
    for name, base in bases.items():
        for page in sorted((root / "sites" / name / "a").glob("*.html")):
            body = page.read_text("utf-8").replace(f"{{{{site:{name}}}}}", base).encode()
            pages.append((f"{base}/a/{page.name}", body))
    paths = []
    for n in range(files):
        path = root / f"CC-NEWS-20240502{n:06d}-{n:05d}.warc.gz"
        with path.open("wb") as out:
            writer = WARCWriter(out, gzip=True)
            for url, body in pages[n::files]:
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=headers))
        paths.append(path)
    return paths


def ingest_ceiling(redis_url: str, shard_dir: Path, db: Path) -> tuple[int, float]:
    """Articles/s of the coordinator's write side alone, fed from a full stream."""
    from newscrawl.scale.backfill import read_shard
    from newscrawl.scale.coordinator import Ingester
    from newscrawl.scale.streams import Bus

    bus = Bus(redis_url, "ceiling")
    count = 0
    for shard in sorted(shard_dir.glob("*.jsonl")):
        items, _ = read_shard(shard)
        for message in items:
            bus.push({"type": "item", "run": 1, "job": "bench", "item": message["item"]})
            count += 1
    ingester = Ingester(bus, db, {"LOG_LEVEL": "ERROR"})
    started = time.perf_counter()
    ingester.drain()
    ingester.close()
    return count, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--warcs", type=int, default=4)
    args = parser.parse_args()
    redis_bin = shutil.which("redis-server")
    if not redis_bin:
        raise SystemExit("bench/scale.py needs redis-server (apt-get install redis-server)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        registry = build_web(root, args.sites, args.pages)
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        redis = subprocess.Popen([redis_bin, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                  "--appendonly", "no", "--dir", tmp], stdout=subprocess.DEVNULL)
        redis_url = f"redis://127.0.0.1:{port}/0"
        time.sleep(0.5)
        try:
            with DemoWeb(sites_dir=root / "sites", registry_path=registry) as web:
                concrete = filled(registry, web.bases)
                local = run("crawl", "--registry", str(concrete), "--db", str(root / "local.db"), *FAST)
                one = shared_round(redis_url, concrete, root / "one.db", 1)
                two = shared_round(redis_url, concrete, root / "two.db", 2)
                warcs = write_warcs(root, web.bases, args.warcs)
            backfills = {n: run("backfill", *map(str, warcs), "--registry", str(concrete), "--db",
                                str(root / f"backfill{n}.db"), "--workers", str(n),
                                "--shards", str(root / f"shards{n}")) for n in (1, 2)}
            articles, seconds = ingest_ceiling(redis_url, root / "shards1", root / "ceiling.db")
        finally:
            redis.terminate()
            redis.wait()
    load = os.getloadavg()
    print(f"synthetic web: {args.sites} sites, {args.pages} article pages (127.0.0.1); "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    print(f"{'run':<34}{'pages':>7}{'seconds':>9}{'pages/s':>9}")
    for name, s in (("newscrawl crawl (single process)", local), ("shared round, 1 worker", one),
                    ("shared round, 2 workers", two)):
        print(f"{name:<34}{s['pages']:>7}{s['seconds']:>9.2f}{s['pages'] / s['seconds']:>9.1f}")
    print(f"2 workers / 1 worker: {one['seconds'] / two['seconds']:.2f}x (target >= 1.6x); "
          f"1 worker / single process: {local['seconds'] / one['seconds']:.2f}x")
    for n, s in backfills.items():
        print(f"backfill, {n} Dask worker{'s' if n > 1 else ' '}: {s['articles_new']} articles in "
              f"{s['seconds']:.2f}s = {s['articles_new'] / s['seconds']:.1f} articles/s (target >= 100)")
    print(f"coordinator ingest ceiling: {articles} articles in {seconds:.2f}s = {articles / seconds:.1f} "
          f"articles/s (target >= 500)")


if __name__ == "__main__":
    main()
