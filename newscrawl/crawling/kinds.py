"""The named outcomes of a crawl and their stat keys: one value gives both what is stored and what is counted.

A drop reason is counted as ``newscrawl/dropped/<key>`` and recorded in
``crawl_state.outcome`` as ``dropped:<key>``; a failure kind as
``newscrawl/errors/<kind>`` and as the outcome; a duplicate kind
(:class:`newscrawl.items.DuplicateKind`) as ``newscrawl/duplicates/<kind>``.
Run summaries (crawl and ingest) read the counts back with :func:`counts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from scrapy.exceptions import DropItem, IgnoreRequest

from newscrawl.items import DuplicateKind

PREFIX = "newscrawl"


class Counted(StrEnum):
    """The families of counts a run summary is built from (``newscrawl/<family>/<key>``)."""

    DROPPED = "dropped"
    ERRORS = "errors"
    SKIPPED = "skipped"
    DUPLICATES = "duplicates"
    STORE = "store"
    STORED = "stored"


class DropReason(StrEnum):
    """Why a pipeline refused an item."""

    NOT_ARTICLE = "not_article"
    EMPTY_BODY = "empty_body"
    NO_TITLE = "no_title"
    TOO_SHORT = "too_short"
    LANGUAGE = "language"
    """A language not kept; the key names it (``language_de``, ``language_unknown``)."""


class SkipReason(StrEnum):
    """Requests not made on purpose (not errors of the run)."""

    UNCHANGED = "unchanged"
    ROBOTS = "robots"
    STOPPING = "stopping"
    TOO_OLD = "too_old"


def stat_key(kind: DuplicateKind | DropReason | SkipReason | str, family: Counted | None = None) -> str:
    """``newscrawl/<family>/<kind>``; the family follows from the kind's type unless given."""
    if family is None:
        family = {DuplicateKind: Counted.DUPLICATES, DropReason: Counted.DROPPED, SkipReason: Counted.SKIPPED}.get(
            type(kind), Counted.ERRORS
        )
    return f"{PREFIX}/{family}/{kind}"


def counts(stats: Mapping[str, Any], family: Counted) -> dict[str, int]:
    """The counts of one family, by key (``{"language_de": 2, "too_short": 1}``)."""
    prefix = f"{PREFIX}/{family}/"
    return {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix)}


class Dropped(DropItem):
    """A pipeline's refusal of an item, carrying its reason so nobody parses the message."""

    def __init__(self, reason: DropReason, url: str, *, detail: str | None = None, message: str | None = None):
        self.reason = reason
        self.key = f"{reason}_{detail}" if detail else str(reason)
        """The stat key and stored outcome of this drop (``too_short``, ``language_de``)."""
        super().__init__(f"{message or self.key}: {url}")


class StopIgnore(IgnoreRequest):
    """A queued request dropped because the crawl is stopping (counted as a skip)."""


class RedirectLoop(IgnoreRequest):
    """A redirect chain that comes back to a URL it already visited."""


class RobotsDisallowed(IgnoreRequest):
    """A request the site's robots.txt forbids (counted as a skip)."""


class TooLarge(IgnoreRequest):
    """A response over ``DOWNLOAD_MAXSIZE``, as sent or once decompressed."""
