"""What a read date is: :class:`ParsedDate`, its precisions, zones, and the named failures.

Shared by the machine-format reader (:mod:`newscrawl.dates.machine`) and the
visible-text reader (:mod:`newscrawl.dates.parsing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.errors import DateError, NewscrawlError

PRECISIONS = ("year", "month", "day", "minute", "second")
"""Precisions, coarsest first."""

BAD_OFFSET = "bad_offset"
OUT_OF_RANGE = "out_of_range"
MALFORMED_REASONS = (BAD_OFFSET, OUT_OF_RANGE)
"""Why a string shaped like a date is refused: an impossible UTC offset, or a field out of range."""

# No real zone is further from UTC than this (Pacific/Kiritimati +14, Etc/GMT+12 -12).
MAX_OFFSET = timedelta(hours=14)


class MalformedDate(NewscrawlError, ValueError):
    """A string shaped like a date whose offset or fields cannot be (``2024-05-02T21:12+24:00``).

    Raised only by ``parse_date(..., strict=True)``; ``reason`` is one of
    :data:`MALFORMED_REASONS`, so callers count it without reading the message.
    """

    def __init__(self, reason: str, raw: str):
        super().__init__(f"{reason}: {raw!r}")
        self.reason = reason
        self.raw = raw


@dataclass(frozen=True)
class ParsedDate:
    """A date read from one string, with how precisely the string gave it."""

    value: datetime
    """Aware, UTC. For year/month/day precision: midnight UTC of the calendar date as written."""
    precision: str
    """One of :data:`PRECISIONS`: what the string actually contained."""
    raw: str
    """The string as found."""
    source: str
    """One of ``DATE_SOURCES`` (``""`` when parsed standalone)."""
    local: datetime
    """Aware, in the string's own offset or else the source time zone: the publisher's wall time."""

    def isoformat(self) -> str:
        """ISO 8601 as the publisher wrote it, truncated to the precision: ``2024``,
        ``2024-05``, ``2024-05-02``, ``2024-05-02T21:12:00+02:00`` (the publisher's offset)."""
        if self.precision in ("minute", "second"):
            return self.local.replace(microsecond=0).isoformat()
        return self._calendar()

    def utc_isoformat(self) -> str:
        """The same instant in UTC (``2024-05-02T19:12:00+00:00``); calendar dates as written."""
        if self.precision in ("minute", "second"):
            return self.value.replace(microsecond=0).isoformat()
        return self._calendar()

    def day(self) -> str:
        """The publisher's calendar day (``2024-05-02``) for day precision or finer, else ``""``."""
        if PRECISIONS.index(self.precision) < PRECISIONS.index("day"):
            return ""
        moment = self.local if self.precision in ("minute", "second") else self.value
        return moment.date().isoformat()

    def _calendar(self) -> str:
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.date().isoformat()

    def with_source(self, source: str) -> ParsedDate:
        """The same date, labelled with where it was found."""
        return ParsedDate(self.value, self.precision, self.raw, source, self.local)


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """The time zone called ``name`` (IANA), cached."""
    if name.upper() in ("UTC", "Z", "GMT", "ETC/UTC", "ETC/GMT"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DateError(f"unknown time zone {name!r}") from None


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken as UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def fixed_offset(minutes: int, raw: str) -> tzinfo:
    """A fixed UTC offset, refused (:class:`MalformedDate`) beyond what any zone uses."""
    if abs(minutes) > MAX_OFFSET.total_seconds() // 60:
        raise MalformedDate(BAD_OFFSET, raw)
    return timezone(timedelta(minutes=minutes)) if minutes else UTC


def safe_date(year: int, month: int, day: int) -> bool:
    """Whether the fields make a calendar date."""
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def check_clock(hour: int, minute: int, second: int, raw: str) -> None:
    """Refuse a time of day out of range (``25:14``, ``10:61``) as :class:`MalformedDate`."""
    if hour > 23 or minute > 59 or second > 59:
        raise MalformedDate(OUT_OF_RANGE, raw)


def calendar(year: int, month: int, day: int, precision: str, raw: str, tz: tzinfo) -> ParsedDate:
    """A date without a time: the calendar date as written, never shifted by a zone."""
    return ParsedDate(
        value=datetime(year, month, day, tzinfo=UTC),
        precision=precision,
        raw=raw,
        source="",
        local=datetime(year, month, day, tzinfo=tz),
    )


def instant(local: datetime, precision: str, raw: str, source_tz: tzinfo) -> ParsedDate:
    """A date with a time. Midnight exactly (as written, or in the source zone) is how
    CMSs store a date without a time, so it becomes a day-precision date."""
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return calendar(local.year, local.month, local.day, "day", raw, local.tzinfo or UTC)
    in_source = local.astimezone(source_tz)
    # Only a time written in UTC is a CMS's local midnight in disguise; "19:00 -05:00" is a time.
    written_in_utc = local.utcoffset() == timedelta(0)
    if written_in_utc and (in_source.hour, in_source.minute, in_source.second,
                           in_source.microsecond) == (0, 0, 0, 0):
        return calendar(in_source.year, in_source.month, in_source.day, "day", raw, source_tz)
    if precision == "minute":
        local = local.replace(second=0, microsecond=0)
    else:
        local = local.replace(microsecond=0)
    return ParsedDate(value=local.astimezone(UTC), precision=precision, raw=raw, source="", local=local)
