"""newscrawl's own Scrapy signals."""

from __future__ import annotations

#: Sent by the store pipeline after each committed batch (``items``: the items written), so the
#: stories pipeline re-groups what the batch brought while the crawl goes on.
batch_stored = object()
