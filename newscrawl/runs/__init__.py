"""Running newscrawl: a crawl (``crawl``: summary, exit codes), an import (``ingest``),
an offline extraction (``extract``) and the crawl lock (``lock``)."""
