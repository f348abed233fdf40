"""Scrapy settings for newscrawl: polite by default, each component configured here.

Every ``NEWSCRAWL_*`` default is written here, once; each component reads its
own in ``from_crawler`` without a fallback of its own. Override them with
``-s NAME=VALUE`` or ``newscrawl crawl --set``. The pipelines, middlewares and
extensions are wired by the add-on :class:`newscrawl.crawling.addon.Newscrawl`
(``ADDONS`` below), which another Scrapy project can enable the same way.
"""

from __future__ import annotations

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"


def user_agent(contact_url: str) -> str:
    """The identifying User-Agent of newscrawl, with the operator's contact URL."""
    return f"newscrawl/0.1 (+{contact_url}; football news archive)"


#: Where people can read what this crawler is and how to reach its operator.
NEWSCRAWL_CONTACT_URL = "https://github.com/newscrawl/newscrawl"
USER_AGENT = user_agent(NEWSCRAWL_CONTACT_URL)

# Politeness: robots.txt, few parallel requests per site, adaptive delays.
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Bounded work per request.
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
#: Scrapy 2.19's remote control serves an HTTP endpoint that runs code in the crawl; a cron job has no
#: one to talk to, and it costs an aiohttp import and a server at every start (~0.2 s).
REMOTE_CONTROL_ENABLED = False
DNS_TIMEOUT = 10
#: Items of one response processed at a time. An article page gives one item and a listing only
#: requests, so more buys nothing; and Scrapy (2.13+, asyncio) starts that many tasks for every
#: response: 100, the default, cost the reactor ~3 ms of CPU a page (bench/crawl.py).
CONCURRENT_ITEMS = 1

LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.crawling.logformat.ArticleLogFormatter"
FEED_EXPORT_ENCODING = "utf-8"

#: newscrawl's pipelines (clean, language, dates, dedup, stories, store), middlewares and extensions.
ADDONS = {"newscrawl.crawling.addon.Newscrawl": 0}

#: The SQLite archive file.
NEWSCRAWL_DB = "newscrawl.db"
#: Languages kept (ISO 639-1); articles in others are dropped.
NEWSCRAWL_LANGUAGES = ["en", "fr", "nl"]
#: Articles with fewer words in their body are dropped as non-articles.
NEWSCRAWL_MIN_BODY_WORDS = 60
#: MinHash similarity at or above which two bodies are the same article (see ``newscrawl.dedup``).
# The value of newscrawl.dedup.NEAR_DUPLICATE_THRESHOLD (a test keeps them equal): importing it
# here would load datasketch and SciPy into every command's start-up.
NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD = 0.6
#: Worker processes parsing and analysing article pages off the reactor (-1: one per core; 0: in the
#: crawl's process). The environment variable of the same name replaces this default. See
#: ``newscrawl.crawling.parsepool``.
NEWSCRAWL_PARSE_WORKERS = -1
#: Articles written per SQLite transaction (stories are re-grouped after each).
NEWSCRAWL_STORE_BATCH_SIZE = 100
#: A batch is also written once it holds this many characters of title and body (0: no limit).
NEWSCRAWL_STORE_BATCH_BYTES = 4_000_000
#: ... or once its first article has waited this many seconds (0: no limit).
NEWSCRAWL_STORE_BATCH_SECONDS = 10.0
#: Use the ``fixtures`` table (``newscrawl fixtures import``) as grouping evidence.
NEWSCRAWL_STORIES_FIXTURES = True

# Cron-grade crawling (newscrawl.crawling.retry, newscrawl.crawling.crawlstate; docs/cron.md).
#: Seconds before the first retry of a request; doubled for each further retry.
NEWSCRAWL_RETRY_BACKOFF_BASE = 2.0
#: The longest backoff wait, in seconds.
NEWSCRAWL_RETRY_BACKOFF_MAX = 30.0
#: A Retry-After asking for longer than this (seconds) gives the request up instead of waiting.
NEWSCRAWL_RETRY_AFTER_MAX = 60.0
#: Seconds between redraws of the progress line (0: never).
NEWSCRAWL_PROGRESS_INTERVAL = 1.0
#: Seconds after which the crawl stops gracefully, like on SIGTERM (0: no limit; ``--max-runtime``).
NEWSCRAWL_MAX_RUNTIME = 0
#: Id of the ``crawl_runs`` row of this crawl (set by ``newscrawl crawl``; 0 when run by ``scrapy crawl``).
NEWSCRAWL_RUN_ID = 0

# The shared crawl (newscrawl.scale, docs/scale-out.md); a plain crawl leaves them empty.
#: Object path of what a crawl reads crawl state from instead of the archive (a worker's Redis copy).
NEWSCRAWL_STATE_STORE = None
#: Redis URL of a shared crawl's worker.
NEWSCRAWL_SCALE_REDIS = ""
#: Key prefix of the shared crawl in Redis.
NEWSCRAWL_SCALE_PREFIX = "newscrawl"
#: Id of the source job a worker's crawl runs for.
NEWSCRAWL_SCALE_JOB = ""
#: Shared crawl: how many times a source job is given to a worker when its worker dies holding it
#: (the retry runs in the same round; after the last, the job is lost and crawled in full next round).
NEWSCRAWL_SCALE_JOB_ATTEMPTS = 2
