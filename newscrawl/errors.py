"""Every named failure of newscrawl, under one base: :class:`NewscrawlError`.

Library code raises these; only the command line (``newscrawl.cli.errors``)
turns them into messages and exit codes. Classes that were ``ValueError`` or
``RuntimeError`` before keep that parent, so existing ``except`` clauses hold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class NewscrawlError(Exception):
    """Base of every error newscrawl raises on purpose."""


# -- configuration: the registry, the shipped data, a setting ----------------------


class ConfigError(NewscrawlError):
    """newscrawl is configured in a way it cannot run with (registry, setting, shipped data)."""


class RegistryError(ConfigError, ValueError):
    """The sources registry is malformed or names an unknown source."""


class SettingError(ConfigError, ValueError):
    """A ``--set NAME=VALUE`` value does not have the type of the setting's default."""


class GazetteerDataError(ConfigError, ValueError):
    """The shipped teams/competitions data is malformed (duplicate id, missing field...)."""


# -- the archive ------------------------------------------------------------------


class ArchiveError(NewscrawlError):
    """The archive cannot be opened or written (corrupt, locked, not a database)."""


class ArchiveReadOnlyError(ArchiveError):
    """The archive (or the folder holding it, its lock and WAL files) cannot be written."""


class QueryError(NewscrawlError):
    """A query cannot be answered as asked (unknown team, missing story, bad filter)."""


class QueryTooCostlyError(QueryError):
    """A search has too many terms, too short a prefix, or ran past its time budget."""


class UnknownNameError(QueryError):
    """A team or competition filter names nothing in the archive."""


class NotFoundError(QueryError):
    """The story or match asked for is not in the archive."""


# -- parsing input ------------------------------------------------------------------


class ParseError(NewscrawlError):
    """The input is not an HTML document at all (empty, binary, no markup)."""


class PageTooLargeError(ParseError):
    """A saved page is larger than the page cap (``DOWNLOAD_MAXSIZE``, as in a crawl)."""


class ListingError(NewscrawlError, ValueError):
    """The document is not a feed or sitemap that can be read."""


class DateError(NewscrawlError, ValueError):
    """A caller passed something that is not a usable time zone or fetch time."""


class PublishedDateError(NewscrawlError, ValueError):
    """``published_at`` is neither a datetime, a date, nor an ISO 8601 string."""


class MatchKeyError(NewscrawlError, ValueError):
    """The facts lack what a key needs (a kick-off date for a match key)."""


class RegroupInputError(NewscrawlError, ValueError):
    """Articles given to regroup share an id, or one names no team (or more than two)."""


class VocabularyDataError(ConfigError, ValueError):
    """A shipped cue-word file is malformed, or a cue is asked for that no language defines."""


class IngestError(NewscrawlError, ValueError):
    """An input line is not a usable article record."""


class DatasetteMissingError(NewscrawlError, RuntimeError):
    """Datasette is not installed (it is the optional ``serve`` extra)."""


# -- running ------------------------------------------------------------------------


class LockHeld(NewscrawlError):
    """Another live process holds the crawl lock of this archive."""

    def __init__(self, path: Path, holder: dict[str, Any]):
        self.path = path
        self.holder = holder
        since = holder.get("started_at", "?")
        super().__init__(f"another crawl (pid {holder.get('pid', '?')}, since {since}) holds {path}")


class FixturesFileError(NewscrawlError, ValueError):
    """A fixtures file is not a football.json season (not JSON, no ``matches`` list)."""
