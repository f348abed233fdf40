"""One crawl of the hostile test server, for people: what the run summary says about each failure.

The server (``tests/hostile_server.py``) answers on 127.0.0.1 with 500s, 429 +
Retry-After, timeouts and slow drip, a redirect loop, a gzip bomb, an
oversized page, a cp1252 page declared as UTF-8, a malformed feed, an HTML
"sitemap" and a robots.txt disallow, next to a few good articles.

    .venv/bin/python bench/hostile.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newscrawl.demo.hostile import FixtureWeb, hostile_site  # noqa: E402

SETTINGS = {"DOWNLOAD_TIMEOUT": 2, "DOWNLOAD_MAXSIZE": 1_048_576, "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False, "NEWSCRAWL_RETRY_BACKOFF_BASE": 0.2, "RETRY_TIMES": 1}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, FixtureWeb() as web:
        hostile_site(web, timeout=2)
        registry = web.registry(Path(tmp) / "sources.toml", feeds=["/feed.xml", "/broken-feed.xml"],
                                sitemaps=["/sitemap.xml"])
        args = [str(Path(sys.executable).with_name("newscrawl")), "crawl", "--registry", str(registry),
                "--db", str(Path(tmp) / "hostile.db"), "--log-file", str(Path(tmp) / "crawl.log")]
        for key, value in SETTINGS.items():
            args += ["--set", f"{key}={value}"]
        started = time.monotonic()
        result = subprocess.run(args, capture_output=True, text=True, timeout=300)
        print(result.stdout.strip())
        print(f"exit code {result.returncode} after {time.monotonic() - started:.1f}s "
              "(3 = partial: the good pages are stored, each failure is named)")


if __name__ == "__main__":
    main()
