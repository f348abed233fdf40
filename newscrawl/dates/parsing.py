"""Reading one date string: fast paths first, dateparser for visible text.

See :mod:`newscrawl.dates` for the rules (precision, calendar dates, time
zones). Order of attempts, cheapest and surest first:

1. URL paths (``/2024/05/02/``, ``/2024-05-02-…``): regex only, never dateparser.
2. Unix timestamps (10 or 13 digits).
3. ISO 8601 / W3C datetime (``2024-05-02T21:12:00+02:00``, ``2024-05``, ``2024``).
4. RFC 822 (feeds' ``pubDate``), through :mod:`email.utils`.
5. Numeric day/month/year (``02/05/2024 22:53``) with the order of the language
   and the source's country.
6. dateparser, on the text reduced by :mod:`newscrawl.dates.wording`.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateparser.date import DateDataParser

from newscrawl.dates.wording import DateText, date_span, date_text, is_instant
from newscrawl.errors import DateError  # noqa: F401  (raised here, defined with the others)

PRECISIONS = ("year", "month", "day", "minute", "second")
"""Precisions, coarsest first."""
DEFAULT_LANGUAGES = ("en", "fr", "nl")
"""Languages tried for visible text when the caller names none."""



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
    """Aware, in the string's own offset or else the source time zone."""

    def isoformat(self) -> str:
        """UTC ISO 8601 truncated to the precision: ``2024``, ``2024-05``, ``2024-05-02``,
        ``2024-05-02T21:12:00+00:00``."""
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        if self.precision == "day":
            return self.value.date().isoformat()
        return self.value.replace(microsecond=0).isoformat()

    def with_source(self, source: str) -> ParsedDate:
        """The same date, labelled with where it was found."""
        return ParsedDate(self.value, self.precision, self.raw, source, self.local)


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """The time zone called ``name`` (IANA), cached."""
    if name.upper() in ("UTC", "Z", "GMT"):
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


# Time-zone abbreviations news sites print. Named zones where the abbreviation
# covers summer and winter ("ET"); fixed offsets (minutes) where it names one.
_ABBREVIATIONS: dict[str, str | int] = {
    "utc": 0, "gmt": 0, "ut": 0, "z": 0, "wet": 0, "west": 60, "bst": 60,
    "cet": 60, "cest": 120, "met": 60, "mest": 120, "mez": 60, "mesz": 120,
    "eet": 120, "eest": 180,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420,
    "et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
    "pt": "America/Los_Angeles", "uk": "Europe/London",
}
# A zone written after the time: "BST", "(CEST)", "GMT+0200" (JavaScript's Date.toString).
_ZONE_AT_END = re.compile(
    r"\s*\(?(?P<zone>\b(?:" + "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")\b"
    r"|(?:\b(?:gmt|utc))?[+-]\d{2}:?\d{2})\)?\.?$",
    re.I,
)
_OFFSET = r"(?P<tz>z|[+-]\d{2}(?::?\d{2})?|\s?(?:utc|gmt)(?:[+-]\d{1,2}(?::?\d{2})?)?)"
_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>[.,]\d+)?)?"
_ISO = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    rf"(?:(?:t|\s+){_TIME}\s*{_OFFSET}?)?)?)?$",
    re.I,
)
_ISO_COMPACT = re.compile(
    r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})t(?P<hour>\d{2})(?P<minute>\d{2})"
    r"(?P<second>\d{2})?(?P<tz>z|[+-]\d{4})?$",
    re.I,
)
_RFC822 = re.compile(
    r"^(?:[a-z]{3},?\s+)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?P<tz>[+-]\d{4}|[a-z]{1,5}))?$",
    re.I,
)
_NUMERIC = re.compile(
    r"^(?:[a-z]+\.?,?\s+)?(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})"
    rf"(?:[\s,t]+{_TIME}(?:\s*(?P<ampm>[ap]m))?)?$",
    re.I,
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_URL_DAY = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)"
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?=[/._-]|$)")
_LOOKS_LIKE_URL = re.compile(r"^(?:https?://|/)\S*$", re.I)
_SECONDS_WRITTEN = re.compile(r"\d:\d{2}:\d{2}")


def _offset(token: str | None, fallback: tzinfo) -> tzinfo:
    """The zone an explicit offset or abbreviation names, else ``fallback``."""
    if not token:
        return fallback
    token = token.strip().lower()
    if token in _ABBREVIATIONS:
        named = _ABBREVIATIONS[token]
        return zone(named) if isinstance(named, str) else timezone(timedelta(minutes=named))
    match = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?", token)
    if not match:
        return fallback
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    return timezone(timedelta(minutes=-minutes if match.group(1) == "-" else minutes))


def _calendar(year: int, month: int, day: int, precision: str, raw: str, tz: tzinfo) -> ParsedDate:
    """A date without a time: the calendar date as written, never shifted by a zone."""
    return ParsedDate(
        value=datetime(year, month, day, tzinfo=UTC),
        precision=precision,
        raw=raw,
        source="",
        local=datetime(year, month, day, tzinfo=tz),
    )


def _instant(local: datetime, precision: str, raw: str, source_tz: tzinfo) -> ParsedDate:
    """A date with a time. Midnight exactly (as written, or in the source zone) is how
    CMSs store a date without a time, so it becomes a day-precision date."""
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return _calendar(local.year, local.month, local.day, "day", raw, local.tzinfo or UTC)
    in_source = local.astimezone(source_tz)
    if (in_source.hour, in_source.minute, in_source.second, in_source.microsecond) == (0, 0, 0, 0):
        return _calendar(in_source.year, in_source.month, in_source.day, "day", raw, source_tz)
    if precision == "minute":
        local = local.replace(second=0, microsecond=0)
    else:
        local = local.replace(microsecond=0)
    return ParsedDate(value=local.astimezone(UTC), precision=precision, raw=raw, source="", local=local)


def _localise(naive: datetime, tz: tzinfo) -> datetime:
    # zoneinfo resolves the autumn's repeated hour to its first occurrence (fold=0)
    # and the spring gap to the offset before it: deterministic either way.
    return naive.replace(tzinfo=tz)


def _safe_date(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def _from_url(raw: str, tz: tzinfo) -> ParsedDate | None:
    path = re.sub(r"^https?://[^/]+", "", raw).split("?", 1)[0]
    day = _URL_DAY.search(path)
    if day:
        y, m, d = (int(g) for g in day.groups())
        return _calendar(y, m, d, "day", raw, tz) if _safe_date(y, m, d) else None
    month = _URL_MONTH.search(path)
    if month:
        return _calendar(int(month.group(1)), int(month.group(2)), 1, "month", raw, tz)
    return None


def _from_iso(text: str, raw: str, tz: tzinfo) -> ParsedDate | None:
    match = _ISO.match(text) or _ISO_COMPACT.match(text)
    if not match:
        return None
    parts = match.groupdict()
    year = int(parts["year"])
    month = int(parts["month"] or 1)
    day = int(parts["day"] or 1)
    if not _safe_date(year, month, day):
        return None
    if parts["month"] is None:
        return _calendar(year, 1, 1, "year", raw, tz)
    if parts["day"] is None:
        return _calendar(year, month, 1, "month", raw, tz)
    if parts.get("hour") is None:
        return _calendar(year, month, day, "day", raw, tz)
    hour, minute = int(parts["hour"]), int(parts["minute"])
    second = int(parts["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    fraction = parts.get("fraction")
    micro = int(round(float(fraction.replace(",", ".")) * 1_000_000)) if fraction else 0
    local = _localise(datetime(year, month, day, hour, minute, second, min(micro, 999_999)),
                      _offset(parts["tz"], tz))
    return _instant(local, "second" if parts["second"] else "minute", raw, tz)


def _from_rfc822(text: str, raw: str, tz: tzinfo) -> ParsedDate | None:
    match = _RFC822.match(text)
    if not match:
        return None
    token = match.group("tz")
    body = text[: match.start("tz")] if token else text
    fields = email.utils.parsedate_tz(body)
    if fields is None:
        return None
    year, month, day, hour, minute, second = fields[:6]
    if not _safe_date(year, month, day) or hour > 23 or minute > 59 or second > 59:
        return None
    # "-0000" means "offset unknown" (RFC 5322) but feeds use it for UTC; unknown
    # abbreviations fall back to the source's zone rather than to UTC.
    local = _localise(datetime(year, month, day, hour, minute, second), _offset(token, tz))
    return _instant(local, "second" if _SECONDS_WRITTEN.search(body) else "minute", raw, tz)


def _day_first(languages: tuple[str, ...], tz_name: str) -> bool:
    """Whether ``02/05/2024`` is 2 May: everywhere but in American English."""
    american = tz_name.startswith(("America/", "US/"))
    return not (american and (not languages or languages[0] == "en"))


def _from_numeric(text: str, raw: str, tz: tzinfo, day_first: bool) -> ParsedDate | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    a, b, c = match.group("a"), match.group("b"), match.group("c")
    if len(a) == 4:  # 2024/05/02
        year, month, day = int(a), int(b), int(c)
        if len(c) > 2:
            return None
    else:
        first, second = int(a), int(b)
        year = int(c) + (2000 if len(c) == 2 else 0)
        if len(c) == 3:
            return None
        # A number above 12 settles the order whatever the habit.
        if first > 12 >= second:
            day_first_here = True
        elif second > 12 >= first:
            day_first_here = False
        else:
            day_first_here = day_first
        day, month = (first, second) if day_first_here else (second, first)
    if not _safe_date(year, month, day):
        return None
    if match.group("hour") is None:
        return _calendar(year, month, day, "day", raw, tz)
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    second = int(match.group("second") or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    local = _localise(datetime(year, month, day, hour, minute, second), tz)
    return _instant(local, "second" if match.group("second") else "minute", raw, tz)


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    """Language codes dateparser has data for (others would make it raise)."""
    from dateparser.data.languages_info import language_order

    return frozenset(language_order)


@lru_cache(maxsize=128)
def _text_parser(languages: tuple[str, ...], order: str, base: datetime) -> DateDataParser:
    # Settings objects are cached by dateparser itself; one parser per
    # (languages, order, fetch time) is kept so a batch of pages reuses them.
    return DateDataParser(
        languages=list(languages),
        settings={
            "DATE_ORDER": order,
            "PREFER_LOCALE_DATE_ORDER": False,
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_MONTH_OF_YEAR": "first",
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": base,
            "IGNORE_SURROUNDING_TEXT": True,
            "TIMEZONE": "UTC",  # never the machine's zone: naive results are localised by us
            "PARSERS": ["relative-time", "absolute-time"],
        },
    )


# Two unrelated reference times: a text read the same against both does not depend on it.
_PROBE_BASES = (datetime(2001, 3, 14, 9, 26), datetime(2017, 10, 3, 17, 41))


def _from_text(
    raw: str, tz: tzinfo, tz_name: str, fetched_at: datetime | None,
    languages: tuple[str, ...], kind: str | None,
) -> ParsedDate | None:
    reduced = date_text(raw, kind)
    parsed = _read_text(reduced, reduced.text, raw, tz, tz_name, fetched_at, languages)
    if parsed is None and not reduced.relative:
        # A date inside other words ("By Jane Smith, Sports Reporter 2 May 2024").
        span = date_span(reduced.text)
        if span and span != reduced.text:
            parsed = _read_text(reduced, span, raw, tz, tz_name, fetched_at, languages)
    return parsed


def _read_text(
    reduced: DateText, text: str, raw: str, tz: tzinfo, tz_name: str,
    fetched_at: datetime | None, languages: tuple[str, ...],
) -> ParsedDate | None:
    if not text or not re.search(r"\d|[a-z]{3}", text):
        return None
    zone_hint = _ZONE_AT_END.search(text) if re.search(r"\d:\d{2}|\d\s?[ap]m", text) else None
    explicit_tz = _offset(zone_hint.group("zone"), tz) if zone_hint else None
    if zone_hint:
        text = text[: zone_hint.start()].strip(" ,")
    for fast in (_from_iso, _from_rfc822):
        parsed = fast(text, raw, explicit_tz or tz)
        if parsed:
            return parsed
    parsed = _from_numeric(text, raw, explicit_tz or tz, _day_first(languages, tz_name))
    if parsed:
        return parsed
    without_time = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?", " ", text)
    if not (reduced.relative or re.search(r"\d|[^\W\d_]{3}", without_time)):
        return None  # a time alone ("14:05") does not say which day
    langs = tuple(lang for lang in languages if lang in _known_languages()) or DEFAULT_LANGUAGES
    order = "DMY" if _day_first(languages, tz_name) else "MDY"
    if fetched_at is not None:
        base = as_utc(fetched_at).astimezone(tz).replace(tzinfo=None, microsecond=0)
        data = _text_parser(langs, order, base).get_date_data(text)
    else:
        probes = [_text_parser(langs, order, b).get_date_data(text) for b in _PROBE_BASES]
        if probes[0].date_obj != probes[1].date_obj:
            return None  # relative or year-less: meaningless without a fetch time
        data = probes[0]
    found = data.date_obj
    parts = tuple(data.parts or ())
    if found is None or not (reduced.relative or "month" in parts):
        return None
    local = found if found.tzinfo is not None else _localise(found, explicit_tz or tz)
    if reduced.relative and reduced.subday:
        precision = "second" if is_instant(text) else "minute"
        local = local.replace(microsecond=0)
        if precision == "minute":
            local = local.replace(second=0)
        return ParsedDate(local.astimezone(UTC), precision, raw, "", local)
    if "time" in parts:
        precision = "second" if _SECONDS_WRITTEN.search(text) else "minute"
        return _instant(local, precision, raw, tz)
    if "day" in parts or reduced.relative:
        return _calendar(local.year, local.month, local.day, "day", raw, tz)
    if "month" in parts:
        return _calendar(local.year, local.month, 1, "month", raw, tz)
    return None


def parse_date(
    raw: str, *, tz: str = "UTC", fetched_at: datetime | None = None,
    languages: tuple[str, ...] = (), kind: str | None = None,
) -> ParsedDate | None:
    """Read one date string; ``None`` when it holds no date.

    ``tz`` (IANA) is the zone of times written without offset; ``fetched_at``
    (naive means UTC) resolves relative and year-less dates, which are ``None``
    without it; ``languages`` (ISO 639-1, most likely first) pick month names and
    the day/month order; ``kind`` (``"published"``/``"modified"``) picks the part
    of a byline that gives both. The result's ``source`` is ``""``.
    Raises :class:`DateError` for an unknown ``tz``.
    """
    source_tz = zone(tz)
    text = " ".join(raw.split())
    if not text or len(text) > 300:
        return None
    if _LOOKS_LIKE_URL.match(text):
        return _from_url(text, source_tz)
    if _EPOCH.match(text):
        seconds = int(text[:10])
        local = datetime.fromtimestamp(seconds, UTC)
        return ParsedDate(local, "second", raw, "", local)
    lowered = text.lower()
    for fast in (_from_iso, _from_rfc822):
        parsed = fast(lowered, raw, source_tz)
        if parsed:
            return parsed
    return _from_text(raw, source_tz, tz, fetched_at, tuple(languages), kind)
