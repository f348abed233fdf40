"""Dates written by machines: ISO 8601, RFC 822 and its relatives, asctime, Unix time, URLs.

One reader for what pages declare (JSON-LD, ``<meta>``, ``<time datetime>``),
what feeds and sitemaps list (``pubDate``, ``dc:date``, ``lastmod``) and what
HTTP headers say (``Last-Modified``), so a listing time and a page date are
read by the same rules:

* ISO 8601 / W3C-DTF, extended and compact (``20200924T15:04:34Z``, ``20200924``);
* RFC 822 / 2822 / 1123 / 850 (``Thu, 01 Jan 2004 19:48:21 GMT``, with or without
  weekday, time or seconds, two-digit years, full month names, the obsolete zone
  names ``EST``…``PT``, ``MET``/``MEST``, ``GMT+hh:mm``, IANA names);
* asctime, Twitter and JavaScript ``Date.toString`` (``Sun Jul 15 01:16:00 +0000 2012``,
  ``Thu Aug 30 2012 17:26:16 GMT+0200 (CEST)``);
* Unix seconds or milliseconds; ``/YYYY/MM/DD/`` and ``/YYYY/MM/`` URL paths.

A string of one of these shapes whose offset no zone uses (``+24:00``, ``-9999``)
or whose fields are out of range (``25:14``, ``31 Feb``) raises
:class:`~newscrawl.dates.values.MalformedDate`: it is refused with a reason, never
read as something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, tzinfo

from newscrawl.dates.values import (
    BAD_OFFSET,
    OUT_OF_RANGE,
    DateError,
    MalformedDate,
    ParsedDate,
    calendar,
    check_clock,
    fixed_offset,
    instant,
    safe_date,
    zone,
)

# Time-zone abbreviations news sites and feeds print. Named zones where the
# abbreviation covers summer and winter ("ET"); fixed offsets (minutes) where it names one.
ABBREVIATIONS: dict[str, str | int] = {
    "utc": 0, "gmt": 0, "ut": 0, "z": 0, "wet": 0, "west": 60, "bst": 60,
    "cet": 60, "cest": 120, "met": 60, "mest": 120, "mez": 60, "mesz": 120,
    "eet": 120, "eest": 180,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420,
    "et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
    "pt": "America/Los_Angeles", "uk": "Europe/London",
    "akst": -540, "akdt": -480, "hst": -600, "nst": -210, "ndt": -150,
    # Africa, Asia and the Pacific: only the abbreviations that name one offset ("IST" and
    # "AST" name several; "CAT", "EAT", "WAT" are also English words).
    "sast": 120, "msk": 180, "pkt": 300, "wib": 420, "ict": 420, "myt": 480, "sgt": 480,
    "hkt": 480, "pht": 480, "awst": 480, "wita": 480, "jst": 540, "kst": 540,
    "acst": 570, "acdt": 630, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
}
# RFC 822's military zones are ambiguous in practice (RFC 2822 §4.3); only "AT"
# (Atlantic), which feeds use beside ET/CT/MT/PT, is added, and only after a time.
_RFC_ONLY_ZONES: dict[str, str | int] = {"at": "America/Halifax"}
_NUMERIC_OFFSET = re.compile(r"(?:utc|gmt|ut)?([+-])(\d{1,2})(?::?(\d{2}))?")

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"),
), start=1) for name in names}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
_ZONE_TOKEN = r"(?P<tz>[+-]\d{2}:?\d{2}|[a-z][a-z/_]*(?:[+-]\d{1,2}(?::?\d{2})?)?)"
_OFFSET = r"(?P<tz>z|[+-]\d{2}(?::?\d{2})?|\s?(?:utc|gmt)(?:[+-]\d{1,2}(?::?\d{2})?)?)"
_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>[.,]\d+)?)?"
ISO = re.compile(
    r"^(?P<year>[12]\d{3})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    rf"(?:(?:t|\s+){_TIME}\s*{_OFFSET}?)?)?)?$",
    re.I,
)
ISO_COMPACT = re.compile(
    r"^(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:t(?P<hour>\d{2}):?(?P<minute>\d{2})(?::?(?P<second>\d{2})(?P<fraction>[.,]\d+)?)?"
    r"(?P<tz>z|[+-]\d{2}:?\d{2})?)?$",
    re.I,
)
# RFC 822/1123 ("Thu, 01 Jan 2004 19:48:21 GMT") and RFC 850 ("Thursday, 01-Jan-04 ...").
RFC822 = re.compile(
    rf"^(?:{_WEEKDAY}\s*,?\s*)?(?P<day>\d{{1,2}})(?:\s+|-)(?P<month>[a-z]{{3,9}})\.?(?:,?\s+|-)"
    rf"(?P<year>\d{{4}}|\d{{2}})(?:,?\s+{_CLOCK}(?:\s*{_ZONE_TOKEN})?)?$",
    re.I,
)
# asctime ("Sun Jan  4 16:29:06 2004"), Twitter ("Sun Jul 15 01:16:00 +0000 2012"),
# JavaScript's Date.toString ("Thu Aug 30 2012 17:26:16 GMT+0200 (CEST)").
ASCTIME = re.compile(
    rf"^{_WEEKDAY},?\s+(?P<month>[a-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}}),?\s+"
    rf"(?:{_CLOCK}(?:\s+{_ZONE_TOKEN})?\s+(?P<year>\d{{4}})"
    rf"|(?P<year2>\d{{4}})\s+(?P<hour2>\d{{1,2}}):(?P<minute2>\d{{2}})(?::(?P<second2>\d{{2}}))?"
    r"(?:\s+(?P<tz2>[+-]\d{2}:?\d{2}|[a-z]+(?:[+-]\d{2}:?\d{2})?))?(?:\s*\([^()]*\))?)$",
    re.I,
)
# Perforce and some CMSs: "Fri, 2006/09/15 08:19:53 EDT".
SLASHED = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?P<year>\d{{4}})/(?P<month>\d{{2}})/(?P<day>\d{{2}})"
    rf"(?:\s+{_CLOCK}(?:\s+{_ZONE_TOKEN})?)?$",
    re.I,
)
EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_URL_HOST = re.compile(r"^https?://[^/]+")
_URL_DAY = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)"
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?=[/._-]|$)")
LOOKS_LIKE_URL = re.compile(r"^(?:https?://|/)\S*$", re.I)


def offset_zone(token: str | None, fallback: tzinfo, raw: str, *, rfc: bool = False) -> tzinfo:
    """The zone an explicit offset, abbreviation or IANA name names, else ``fallback``.

    An offset no zone uses (``+24:00``, ``+05:75``) raises :class:`MalformedDate`.
    """
    if not token:
        return fallback
    token = token.strip().lower()
    named = ABBREVIATIONS.get(token)
    if named is None and rfc:
        named = _RFC_ONLY_ZONES.get(token)
    if named is not None:
        return zone(named) if isinstance(named, str) else fixed_offset(named, raw)
    match = _NUMERIC_OFFSET.fullmatch(token)
    if match:
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if minutes > 59:
            raise MalformedDate(BAD_OFFSET, raw)
        total = hours * 60 + minutes
        return fixed_offset(-total if match.group(1) == "-" else total, raw)
    if rfc and "/" in token:
        try:
            return zone("/".join(part.capitalize() if len(part) > 3 else part.upper()
                                 for part in token.split("/")))
        except DateError:
            return fallback
    return fallback  # an unknown abbreviation: the source's zone is the better guess


def _month(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


def _year(text: str) -> int:
    # RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx.
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _timed(year: int, month: int, day: int, clock: tuple[str | None, str | None, str | None],
           tz: tzinfo, raw: str, source_tz: tzinfo) -> ParsedDate:
    if not safe_date(year, month, day):
        raise MalformedDate(OUT_OF_RANGE, raw)
    hour, minute, second = clock
    if hour is None:
        return calendar(year, month, day, "day", raw, source_tz)
    check_clock(int(hour), int(minute or 0), int(second or 0), raw)
    local = datetime(year, month, day, int(hour), int(minute or 0), int(second or 0), tzinfo=tz)
    return instant(local, "second" if second else "minute", raw, source_tz)


def from_iso(text: str, raw: str, tz: tzinfo) -> ParsedDate | None:
    """ISO 8601 / W3C-DTF, extended or compact; ``None`` when ``text`` is not one."""
    match = ISO.match(text) or ISO_COMPACT.match(text)
    if not match:
        return None
    parts = match.groupdict()
    year = int(parts["year"])
    month = int(parts["month"] or 1)
    day = int(parts["day"] or 1)
    if not safe_date(year, month, day):
        raise MalformedDate(OUT_OF_RANGE, raw)
    if parts["month"] is None:
        return calendar(year, 1, 1, "year", raw, tz)
    if parts["day"] is None:
        return calendar(year, month, 1, "month", raw, tz)
    if parts.get("hour") is None:
        return calendar(year, month, day, "day", raw, tz)
    hour, minute = int(parts["hour"]), int(parts["minute"])
    second = int(parts["second"] or 0)
    check_clock(hour, minute, second, raw)
    fraction = parts.get("fraction")
    micro = int(round(float(fraction.replace(",", ".")) * 1_000_000)) if fraction else 0
    local = datetime(year, month, day, hour, minute, second, min(micro, 999_999),
                     tzinfo=offset_zone(parts["tz"], tz, raw))
    return instant(local, "second" if parts["second"] else "minute", raw, tz)


def from_rfc822(text: str, raw: str, tz: tzinfo) -> ParsedDate | None:
    """RFC 822/1123/850, asctime, JavaScript and slashed feed dates; ``None`` when not one."""
    match = RFC822.match(text)
    if match:
        month = _month(match.group("month"))
        if month is None:
            return None
        # "-0000" means "offset unknown" (RFC 5322) but feeds use it for UTC; unknown
        # abbreviations fall back to the source's zone rather than to UTC.
        here = offset_zone(match.group("tz"), tz, raw, rfc=True)
        return _timed(_year(match.group("year")), month, int(match.group("day")),
                      match.group("hour", "minute", "second"), here, raw, tz)
    match = ASCTIME.match(text)
    if match:
        month = _month(match.group("month"))
        if month is None:
            return None
        if match.group("year"):
            year, clock, token = match.group("year"), match.group("hour", "minute", "second"), "tz"
        else:
            year, clock, token = match.group("year2"), match.group("hour2", "minute2", "second2"), "tz2"
        here = offset_zone(match.group(token), tz, raw, rfc=True)
        return _timed(int(year), month, int(match.group("day")), clock, here, raw, tz)
    match = SLASHED.match(text)
    if match and match.group("hour"):
        here = offset_zone(match.group("tz"), tz, raw, rfc=True)
        return _timed(int(match.group("year")), int(match.group("month")), int(match.group("day")),
                      match.group("hour", "minute", "second"), here, raw, tz)
    return None


def from_url(raw: str, tz: tzinfo) -> ParsedDate | None:
    """The date of a URL path: ``/2024/05/02/`` is a day, ``/2024/05/`` a month."""
    path = _URL_HOST.sub("", raw).split("?", 1)[0]
    day = _URL_DAY.search(path)
    if day:
        y, m, d = (int(g) for g in day.groups())
        if safe_date(y, m, d):
            return calendar(y, m, d, "day", raw, tz)
    month = _URL_MONTH.search(path)
    if month:
        return calendar(int(month.group(1)), int(month.group(2)), 1, "month", raw, tz)
    return None


def from_epoch(text: str, raw: str) -> ParsedDate | None:
    """Unix seconds (10 digits) or milliseconds (13)."""
    if not EPOCH.match(text):
        return None
    local = datetime.fromtimestamp(int(text[:10]), UTC)
    return ParsedDate(local, "second", raw, "", local)


# Java's ZonedDateTime appends the zone's name: "2024-05-02T21:12:00+02:00[Europe/Paris]".
_ZONE_NAME_SUFFIX = re.compile(r"\[[a-z_]+(?:/[a-z_+-]+)*\]$")
# An ISO date followed by a time designator or more fields, in one token: a machine wrote
# it, so when it is not valid ISO 8601 it is broken, not visible text to guess from.
ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[t-]\S*$")
# A time followed by a sign and letters ("11:47:32 +zz:00"): an offset, garbled.
_GARBLED_OFFSET = re.compile(r"\d:\d{2}\s*[+-](?=[\w:]*[a-z])[\w:]{2,6}$")


def read_machine(text: str, raw: str, tz: tzinfo) -> ParsedDate | None:
    """Every machine format but URLs, on whitespace-normalised lower-case ``text``."""
    text = _ZONE_NAME_SUFFIX.sub("", text)
    if _GARBLED_OFFSET.search(text):
        raise MalformedDate(BAD_OFFSET, raw)
    parsed = from_epoch(text, raw) or from_iso(text, raw, tz) or from_rfc822(text, raw, tz)
    if parsed is None and ISO_PREFIX.match(text):
        raise MalformedDate(OUT_OF_RANGE, raw)
    return parsed


def parse_machine_date(raw: str, *, tz: str = "UTC", strict: bool = False) -> ParsedDate | None:
    """Read a machine-written date (see the module doc); ``None`` when ``raw`` is not one.

    ``tz`` (IANA) is the zone of times written without offset. With ``strict``, a
    date-shaped string with an impossible offset or field raises :class:`MalformedDate`
    instead of giving ``None``. Never uses dateparser: fast enough for every feed entry.
    """
    text = " ".join(raw.split()).lower()
    if not text or len(text) > 100:
        return None
    source_tz = zone(tz)
    return guarded(lambda: read_machine(text, raw, source_tz), raw, strict)


def guarded(read: Callable[[], ParsedDate | None], raw: str, strict: bool) -> ParsedDate | None:
    """``read()``, with a malformed date raised (``strict``) or read as no date."""
    try:
        return read()
    except OverflowError:  # a valid date whose UTC lands outside years 1..9999
        if strict:
            raise MalformedDate(OUT_OF_RANGE, raw) from None
        return None
    except MalformedDate:
        if strict:
            raise
        return None


def parse_listing_time(raw: str | None) -> datetime | None:
    """A feed, sitemap or HTTP-header date as an aware UTC datetime; ``None`` when unreadable.

    The same reader as page dates (:func:`parse_machine_date`), for crawl state:
    ``Thu, 01 Jan 2004``, ``... MEST``, ``... ET`` all read. A date without a
    time is midnight UTC of that date; an impossible offset is unreadable.
    """
    if not raw:
        return None
    parsed = parse_machine_date(raw)
    return parsed.value if parsed is not None else None


def newest_listing_time(stamps: Iterable[str | None]) -> datetime | None:
    """The latest of ``stamps`` readable by :func:`parse_listing_time` (None when none is)."""
    parsed = [t for t in map(parse_listing_time, stamps) if t is not None]
    return max(parsed) if parsed else None


__all__ = [
    "ABBREVIATIONS",
    "newest_listing_time",
    "parse_listing_time",
    "parse_machine_date",
]
