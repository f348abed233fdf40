"""Beyond one machine: a shared crawl on Redis and a backfill from WARC files on Dask.

* ``codec``: the one wire format of items, sources and crawl-state changes (JSON);
* ``streams``: Redis keys, the job and item streams, the crawl-state copy workers read;
* ``worker``: takes one job per source, crawls it with the news spider and the
  archive-free pipelines (clean, language, dates), pushes items and state to the stream;
* ``coordinator``: opens the run, pushes the jobs, is the single SQLite writer
  (dedup -> stories -> store, the crawl's own pipelines), acknowledges after commit;
* ``backfill``: WARC records -> articles on Dask, one shard per WARC, ingested in order.

docs/scale-out.md has the picture: who runs where, who writes what.
"""
