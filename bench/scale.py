"""Scale-out figures: shared-crawl rounds with 1 and 2 workers, WARC backfill on Dask, the coordinator's ceiling.

A synthetic news web (``--sites`` sites of ``--pages`` article pages in all, built
as ``bench/crawl.py`` builds its site) is served on 127.0.0.1 and a throw-away
``redis-server`` runs on a free port. Figures, in one process run:

* pages/s of one round: ``newscrawl crawl`` (single process, the reference),
  ``newscrawl coordinate`` with 1 and with 2 local ``newscrawl worker`` processes,
  alternated ``--rounds`` times (1, 2, 1, 2, ...: a job's crawl time varies from run to run,
  so one pair of rounds gave 1.19x-1.79x); each round is printed, then the median pages/s
  per worker count and the ratio of the medians;
* articles/s of ``newscrawl backfill`` over WARC files of the same pages with 1 and 2 Dask workers,
  and the CPU of the whole run (the backfill process and the Dask processes it started);
* the coordinator's ingest ceiling: articles/s through dedup -> stories -> store
  from a Redis stream filled beforehand (no crawling at the same time), with the
  items as workers send them (analysed) and without their analysis (the writer's
  work before the analysis step moved to the workers), in the same run.

Times are the runs' own (``seconds`` of the summary: after start-up imports).
The machine is shared, so each round also says where the time went: the CPU
seconds of our processes (the crawl or coordinator and its workers, the
synthetic web in this process, redis-server) against what the whole machine
spent (``/proc/stat``): the rest is other people's load. A shared round adds the
workers' job and CPU seconds and the coordinator's (waiting on the stream,
ingesting, its tail after the last job).

    .venv/bin/python bench/scale.py --pages 2000 --sites 4 --rounds 3
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
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
#: No politeness wait on 127.0.0.1; pages parsed in the crawling process itself, so one worker is one
#: process and "2 workers / 1 worker" measures workers, not parse pools (the coordinator passes it on).
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "LOG_LEVEL=ERROR",
        "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "--set", "NEWSCRAWL_PARSE_WORKERS=0"]


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


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy (all processes, all cores), from /proc/stat."""
    with open("/proc/stat") as handle:
        fields = [int(v) for v in handle.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class Meter:
    """The CPU seconds of one measured step: ours (children, this process, redis) and the machine's."""

    def __init__(self, redis_url: str):
        import redis

        self.redis = redis.Redis.from_url(redis_url)

    def _redis_cpu(self) -> float:
        info = self.redis.info("cpu")
        return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])

    def _now(self) -> tuple[float, ...]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (time.perf_counter(), children.ru_utime + children.ru_stime, time.process_time(),
                self._redis_cpu(), machine_cpu())

    def __enter__(self) -> Meter:
        self.start = self._now()
        return self

    def __exit__(self, *exc: object) -> None:
        wall, children, here, redis_cpu, machine = (b - a for a, b in zip(self.start, self._now(), strict=True))
        self.figures = {"wall": wall, "newscrawl": children, "web": here, "redis": redis_cpu,
                        "others": max(0.0, machine - children - here - redis_cpu), "cores": os.cpu_count() or 1}


def run_stats(db: Path) -> dict:
    """The stats of the archive's last run (``crawl_runs.stats``)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        return json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0])


def shared_round(redis_url: str, registry: Path, db: Path, workers: int, prefix: str) -> tuple[dict, Meter]:
    """One round of a fresh archive under its own Redis ``prefix`` (nothing incremental from earlier rounds)."""
    procs = [subprocess.Popen([NEWSCRAWL, "worker", "--redis", redis_url, "--prefix", prefix, "--name", f"w{n}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for n in range(workers)]
    try:
        time.sleep(3)  # workers up (imports done) before the round starts, as long-running services are
        with Meter(redis_url) as meter:  # the workers' CPU comes from their jobs' stats (they run on after)
            summary = run("coordinate", "--redis", redis_url, "--prefix", prefix, "--registry", str(registry),
                          "--db", str(db), *FAST)
        return summary, meter
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


def ingest_ceiling(redis_url: str, shard_dir: Path, db: Path, *, analysed: bool) -> tuple[int, float, float]:
    """(articles, seconds, CPU seconds) of the coordinator's write side alone, fed from a full stream.

    ``analysed``: the items carry the workers' analysis (as they do now); otherwise the
    writer works out match facts and MinHash signatures itself (as before the analysis step).
    """
    from newscrawl.scale.backfill import read_shard
    from newscrawl.scale.coordinator import Ingester
    from newscrawl.scale.streams import Bus

    bus = Bus(redis_url, f"ceiling{int(analysed)}")
    count = 0
    for shard in sorted(shard_dir.glob("*.jsonl")):
        items, _ = read_shard(shard)
        for message in items:
            item = message["item"] if analysed else {**message["item"], "analysis": None}
            bus.push({"type": "item", "run": 1, "job": "bench", "item": item})
            count += 1
    ingester = Ingester(bus, db, {"LOG_LEVEL": "ERROR"})
    started, cpu = time.perf_counter(), time.process_time()
    ingester.drain()
    ingester.close()
    return count, time.perf_counter() - started, time.process_time() - cpu


def print_where_time_goes(rounds: list[tuple[str, dict, Meter, dict]]) -> None:
    """CPU seconds per round: ours by process kind, other people's, idle; the writer's and the jobs' time."""
    print(f"where the time goes (CPU seconds; the machine had wall x {os.cpu_count()} cores):")
    print(f"{'run':<34}{'wall':>6}{'crawl':>8}{'writer':>8}{'web':>6}{'redis':>7}{'others':>8}{'idle':>6}")
    for name, _, meter, stats in rounds:
        f = meter.figures
        workers = stats.get("newscrawl/scale/worker_cpu_seconds", 0.0)
        crawl, writer = (workers, f["newscrawl"]) if stats else (f["newscrawl"], 0.0)
        # the workers still run when the meter stops (no rusage of them yet): /proc/stat put their CPU in "others"
        others = max(0.0, f["others"] - workers)
        idle = max(0.0, f["wall"] * f["cores"] - crawl - writer - f["web"] - f["redis"] - others)
        print(f"{name:<34}{f['wall']:>6.1f}{crawl:>8.1f}{writer:>8.1f}{f['web']:>6.1f}{f['redis']:>7.1f}"
              f"{others:>8.1f}{idle:>6.1f}")
        if stats:
            c = "newscrawl/scale/coordinator/"
            pages = stats.get("response_received_count", 0) or 1
            # what one page costs, by who pays it: on idle cores one worker is bound by its own share,
            # N workers by all the shares over the cores (the writer, the web and redis take theirs)
            crawl_ms = 1000 * workers / pages
            writer_ms = 1000 * stats.get(c + "ingest_cpu_seconds", 0) / pages
            other_ms = 1000 * (f["web"] + f["redis"]) / pages
            bound = min(f["cores"], f["cores"] * crawl_ms / (crawl_ms + writer_ms + other_ms))
            print(f"{'':<4}CPU per page: crawling {crawl_ms:.1f} ms, writer {writer_ms:.1f} ms, web + redis "
                  f"{other_ms:.1f} ms: on {f['cores']} idle cores {f['cores']} workers reach at most {bound:.2f}x one")
            print(f"{'':<4}jobs: {stats.get('newscrawl/scale/job_seconds', 0):.1f}s of crawling in all; writer: "
                  f"{stats.get(c + 'ingest_seconds', 0):.1f}s ingesting ({stats.get(c + 'ingest_cpu_seconds', 0):.1f}"
                  f" CPU), {stats.get(c + 'wait_seconds', 0):.1f}s waiting on the stream, "
                  f"{stats.get(c + 'tail_seconds', 0):.1f}s after the last job's end")
            spans = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("newscrawl/scale/job_span/")}
            print(f"{'':<4}jobs (source: worker start-end s): " + ", ".join(
                f"{s}: {stats.get('newscrawl/scale/worker/' + s)} {v}" for s, v in sorted(spans.items())))


def pages_per_second(summary: dict) -> float:
    return summary["pages"] / summary["seconds"]


def print_ratio(rounds: list[tuple[str, dict, Meter, dict]]) -> None:
    """The median pages/s of the shared rounds per worker count, the ratio of the medians, each pair's ratio."""
    local = rounds[0][1]
    one = [pages_per_second(s) for _, s, _, _ in rounds[1::2]]  # rounds: local, then 1, 2, 1, 2, ...
    two = [pages_per_second(s) for _, s, _, _ in rounds[2::2]]
    m1, m2 = statistics.median(one), statistics.median(two)
    pairs = ", ".join(f"{b / a:.2f}x" for a, b in zip(one, two, strict=True))
    print(f"median of {len(one)} rounds: 1 worker {m1:.1f} pages/s, 2 workers {m2:.1f} pages/s; "
          f"2 workers / 1 worker (ratio of medians): {m2 / m1:.2f}x (target >= 1.6x); each pair: {pairs}")
    print(f"1 worker (median) / single process: {m1 / pages_per_second(local):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--warcs", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3,
                        help="shared rounds per worker count, 1 and 2 workers alternated (default 3)")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
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
                with Meter(redis_url) as local_meter:
                    local = run("crawl", "--registry", str(concrete), "--db", str(root / "local.db"), *FAST)
                rounds = [("newscrawl crawl (single process)", local, local_meter, {})]
                for r in range(1, args.rounds + 1):
                    for n in (1, 2):  # alternated, so a slow spell of the machine hits both worker counts
                        db = root / f"shared{n}-{r}.db"
                        summary, meter = shared_round(redis_url, concrete, db, n, prefix=f"bench{n}r{r}")
                        rounds.append((f"shared round {r}/{args.rounds}, {n} worker{'s' if n > 1 else ''}",
                                       summary, meter, run_stats(db)))
                warcs = write_warcs(root, web.bases, args.warcs)
            backfills, backfill_cpu = {}, {}
            for n in (1, 2):  # the CPU of the whole backfill: its process and the Dask processes it started
                with Meter(redis_url) as meter:
                    backfills[n] = run("backfill", *map(str, warcs), "--registry", str(concrete), "--db",
                                       str(root / f"backfill{n}.db"), "--workers", str(n),
                                       "--shards", str(root / f"shards{n}"))
                backfill_cpu[n] = meter.figures["newscrawl"]
            backfill_stats = {n: run_stats(root / f"backfill{n}.db") for n in backfills}
            ceilings = {analysed: ingest_ceiling(redis_url, root / "shards1", root / f"ceiling{int(analysed)}.db",
                                                 analysed=analysed) for analysed in (False, True)}
        finally:
            redis.terminate()
            redis.wait()
    load = os.getloadavg()
    print(f"synthetic web: {args.sites} sites, {args.pages} article pages (127.0.0.1); "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    print(f"{'run':<34}{'pages':>7}{'seconds':>9}{'pages/s':>9}")
    for name, summary, _, _ in rounds:
        print(f"{name:<34}{summary['pages']:>7}{summary['seconds']:>9.2f}{pages_per_second(summary):>9.1f}")
    print_ratio(rounds)
    print_where_time_goes(rounds)
    for n, s in backfills.items():
        print(f"backfill, {n} Dask worker{'s' if n > 1 else ' '}: {s['articles_new']} articles in "
              f"{s['seconds']:.2f}s = {s['articles_new'] / s['seconds']:.1f} articles/s (target >= 100)")
        b = "newscrawl/backfill/"
        stats, articles = backfill_stats[n], max(1, s["articles_new"])
        task_cpu = stats.get(b + "task_cpu_ms", 0) / 1000
        print(f"{'':<4}cluster start {stats.get(b + 'cluster_seconds', 0):.1f}s; parse tasks "
              f"{stats.get(b + 'task_ms', 0) / 1000:.1f}s in all ({task_cpu:.1f} CPU, "
              f"{1000 * task_cpu / articles:.1f} ms per article); writer {stats.get(b + 'writer_seconds', 0):.1f}s "
              f"({stats.get(b + 'writer_cpu_seconds', 0):.1f} CPU); the whole run {backfill_cpu[n]:.1f} CPU "
              f"({1000 * backfill_cpu[n] / articles:.1f} ms per article, start-up and imports included)")
    for analysed, (articles, seconds, cpu) in ceilings.items():
        print(f"coordinator ingest ceiling, items {'analysed by the workers' if analysed else 'not analysed   '}: "
              f"{articles} articles in {seconds:.2f}s ({cpu:.2f}s CPU) = {articles / seconds:.1f} articles/s, "
              f"{articles / cpu:.1f} per CPU second (target >= 500)")

if __name__ == "__main__":
    main()
