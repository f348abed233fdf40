"""Choosing an article's publication and modification dates from its candidates.

See :mod:`newscrawl.dates` for the rules. In short: candidates of one kind are
tried in order of trust (``DATE_SOURCES``); the first one that reads as a sane
date wins; every candidate tried and refused is recorded with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone

from newscrawl.dates.parsing import parse_date
from newscrawl.dates.values import (
    BAD_OFFSET,
    OUT_OF_RANGE,
    PRECISIONS,
    MalformedDate,
    ParsedDate,
    as_utc,
    zone,
)
from newscrawl.items import DATE_SOURCES, ArticleItem, DateCandidate

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
"""No news site had articles online before this: earlier dates are misreadings."""
CLOCK_SKEW = timedelta(minutes=15)
"""How far past the fetch time a timed date may be (server clocks, scheduled posts)."""
# A calendar date is "future" only once it has begun nowhere on Earth (UTC+14).
_EARLIEST_ZONE_AHEAD = timedelta(hours=14)
DISAGREEMENT = timedelta(days=1)
"""Page and feed dates further apart than this are counted as disagreeing."""
_PAGE_SOURCES = ("jsonld", "meta", "time", "text", "guess")

REJECT_FUTURE = "future"
REJECT_TOO_OLD = "too_old"
REJECT_UNPARSED = "unparsed"
REJECT_BAD_OFFSET = BAD_OFFSET
REJECT_OUT_OF_RANGE = OUT_OF_RANGE
REJECT_REASONS = (REJECT_FUTURE, REJECT_TOO_OLD, REJECT_UNPARSED, REJECT_BAD_OFFSET,
                  REJECT_OUT_OF_RANGE)
"""Every reason a candidate can be refused for."""


@dataclass
class DateResolution:
    """The dates chosen for one article and what was refused on the way."""

    published: ParsedDate | None = None
    modified: ParsedDate | None = None
    rejected: list[tuple[DateCandidate, str]] = field(default_factory=list)
    """Candidates tried and refused, with one of :data:`REJECT_REASONS`."""
    disagreement: bool = False
    """Whether the page's and the feed's publication dates are more than a day apart."""


def _trust(candidate: DateCandidate) -> int:
    try:
        return DATE_SOURCES.index(candidate.source)
    except ValueError:
        return len(DATE_SOURCES)


def _insanity(date: ParsedDate, fetched_at: datetime) -> str | None:
    """Why ``date`` cannot be an article date fetched at ``fetched_at``, if it cannot."""
    if date.precision in ("minute", "second"):
        if date.value > fetched_at + CLOCK_SKEW:
            return REJECT_FUTURE
    else:
        # Calendar dates compare as written: against the latest date anywhere at fetch time.
        latest = (fetched_at + _EARLIEST_ZONE_AHEAD).date()
        first_day = date.value.date()
        if first_day > latest:
            return REJECT_FUTURE
    if date.value < EARLIEST:
        return REJECT_TOO_OLD
    return None


def _calendar_key(date: ParsedDate, precision: str) -> tuple[int, ...]:
    """The date as written (local), cut to ``precision``, for comparing dates."""
    moment = date.local if date.precision in ("minute", "second") else date.value
    key = (moment.year, moment.month, moment.day)
    return key[: PRECISIONS.index(precision) + 1] if precision in ("year", "month", "day") else key


@dataclass
class _Reader:
    tz: str
    fetched_at: datetime
    languages: tuple[str, ...]
    resolution: DateResolution
    cache: dict[DateCandidate, ParsedDate | None] = field(default_factory=dict)

    def read(self, candidate: DateCandidate) -> ParsedDate | None:
        """The candidate's date if it is a sane one, recording a refusal otherwise."""
        if candidate in self.cache:
            return self.cache[candidate]
        try:
            parsed = parse_date(candidate.raw, tz=self.tz, fetched_at=self.fetched_at,
                                languages=self.languages, kind=candidate.kind, strict=True)
        except MalformedDate as malformed:  # costs this candidate, never the article
            parsed, reason = None, malformed.reason
        else:
            reason = REJECT_UNPARSED if parsed is None else _insanity(parsed, self.fetched_at)
        result = None
        if reason:
            self.resolution.rejected.append((candidate, reason))
        else:
            result = parsed.with_source(candidate.source)  # type: ignore[union-attr]
        self.cache[candidate] = result
        return result

    def first(self, candidates: list[DateCandidate],
              context: list[DateCandidate] | None = None) -> ParsedDate | None:
        """The most trusted sane date, refined by a finer one of ``context`` that agrees with it."""
        context = candidates if context is None else context
        for candidate in candidates:
            date = self.read(candidate)
            if date is None:
                continue
            date = self._refine(date, context[context.index(candidate) + 1:])
            return _in_source_zone(_with_local_offset(date, context), self.tz)
        return None

    def _refine(self, date: ParsedDate, rest: list[DateCandidate]) -> ParsedDate:
        # A JSON-LD "2024-05-02" and a meta "2024-05-02T21:12:00+02:00" are one date:
        # keep the trusted day and take the time from the less trusted source.
        if date.precision in ("minute", "second"):
            return date
        for candidate in rest:
            finer = self.read(candidate)
            if (finer is not None
                    and PRECISIONS.index(finer.precision) > PRECISIONS.index(date.precision)
                    and _calendar_key(finer, date.precision) == _calendar_key(date, date.precision)):
                return finer
        return date


# Zones at the two ends of the offset range: a string read the same in both carries its own offset.
_EAST, _WEST = "Pacific/Kiritimati", "Etc/GMT+12"
_MAX_OFFSET = timedelta(hours=14)


def _with_local_offset(date: ParsedDate, candidates: list[DateCandidate]) -> ParsedDate:
    """A UTC instant with its publisher's local offset, when another string shows the local time.

    Sites often put ``2023-11-09T01:09:55Z`` in their metadata and either
    ``2023-11-08 18:09:55`` (local, no offset) or ``2023-11-08T18:09:55-07:00``
    elsewhere: the same instant. The offset between them gives the publication's
    own calendar day (8 November) without changing the stored UTC value.
    """
    if date.precision not in ("minute", "second") or date.local.utcoffset() != timedelta(0):
        return date
    for candidate in candidates:
        if candidate.raw == date.raw:
            continue  # the chosen string itself: the same instant at offset zero
        east = parse_date(candidate.raw, tz=_EAST, kind=candidate.kind)
        if east is None or east.precision not in ("minute", "second"):
            continue
        west = parse_date(candidate.raw, tz=_WEST, kind=candidate.kind)
        if west is None:
            continue
        if east.value == west.value:  # it carries its own offset: the same instant, elsewhere?
            offset = east.local.utcoffset()
            if east.value == date.value and offset:
                return replace(date, local=date.value.astimezone(east.local.tzinfo))
            continue
        if east.precision != date.precision:
            continue
        wall = east.local.replace(tzinfo=None)
        offset = wall - date.value.replace(tzinfo=None)
        if offset and abs(offset) <= _MAX_OFFSET and offset % timedelta(minutes=15) == timedelta(0):
            return replace(date, local=date.value.astimezone(timezone(offset)))
    return date


def _in_source_zone(date: ParsedDate, tz: str) -> ParsedDate:
    """A time written in UTC (``Z``, ``+00:00``) shown in the source's own zone, when known.

    ``Z`` is how machines write an instant, not where the publisher is: a French
    site's ``2024-05-02T22:30:00Z`` is the 3rd in Paris. Other offsets are the
    publisher's own and are kept.
    """
    if (date.precision not in ("minute", "second") or date.local.utcoffset() != timedelta(0)
            or tz.upper() in ("UTC", "GMT", "ETC/UTC")):
        return date
    return replace(date, local=date.value.astimezone(zone(tz)))


# How far a day-precise URL date or guess may lie from a coarser date it stands in for: "4 months ago"
# is rounded to whole months, "2 years ago" to whole years.
_DAY_SLACK = {"month": timedelta(days=46), "year": timedelta(days=366)}


def _with_a_day(date: ParsedDate | None, candidates: list[DateCandidate],
                  reader: _Reader) -> ParsedDate | None:
    """A month or year (often a relative "4 months ago") made precise by a URL day or guess near it.

    ``/2025-06-23-story/`` names the day the article was filed; a byline that only says
    "4 months ago" cannot contradict it and gives no day of its own. The URL comes first.
    """
    if date is None or date.precision not in _DAY_SLACK:
        return date
    slack = _DAY_SLACK[date.precision]
    for candidate in sorted(candidates, key=lambda c: c.source != "url"):
        if candidate.source not in ("url", "guess"):
            continue
        url_date = reader.read(candidate)
        if url_date is not None and url_date.day() and abs(url_date.value - date.value) <= slack:
            return url_date
    return date


def resolve_dates(
    candidates: list[DateCandidate], *, tz: str, fetched_at: datetime,
    languages: tuple[str, ...] = (),
) -> DateResolution:
    """Pick the publication and modification dates of one article.

    Candidates are tried most trusted source first (ties keep their order);
    refused ones land in ``rejected``. ``tz`` is the source's zone for times
    without offset; ``fetched_at`` (naive means UTC) anchors relative dates and
    the future check. Same input, same result.
    """
    fetched = as_utc(fetched_at)
    resolution = DateResolution()
    reader = _Reader(tz=tz, fetched_at=fetched, languages=tuple(languages), resolution=resolution)
    ordered = sorted(candidates, key=_trust)
    published = [c for c in ordered if c.kind == "published"]
    modified = [c for c in ordered if c.kind == "modified"]
    resolution.published = _with_a_day(reader.first(published), published, reader)
    # A modification date may precede the publication date (edited, then scheduled):
    # it is kept as the site gives it.
    resolution.modified = reader.first(modified)
    chosen = resolution.published
    if chosen is not None and chosen.source in _PAGE_SOURCES:
        feed = next((d for c in published if c.source == "feed"
                     if (d := reader.read(c)) is not None), None)
        if feed is not None:
            resolution.disagreement = abs(feed.value - chosen.value) > DISAGREEMENT
    return resolution


def apply_dates(item: ArticleItem, resolution: DateResolution) -> None:
    """Fill the item's ``published_*`` and ``modified_*`` fields from ``resolution``.

    A kind without a date leaves its fields as they were (``None`` for a new item).
    """
    if resolution.published is not None:
        date = resolution.published
        item.published_raw = date.raw
        item.published_at = date.isoformat()
        item.published_utc = date.utc_isoformat()
        item.published_precision = date.precision
        item.published_source = date.source
    if resolution.modified is not None:
        date = resolution.modified
        item.modified_raw = date.raw
        item.modified_at = date.isoformat()
        item.modified_utc = date.utc_isoformat()
        item.modified_precision = date.precision
