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

import re
from datetime import datetime, tzinfo
from functools import lru_cache

from dateparser.date import DateDataParser

from newscrawl.dates.machine import (
    ABBREVIATIONS,
    LOOKS_LIKE_URL,
    from_iso,
    from_rfc822,
    from_url,
    guarded,
    offset_zone,
    read_machine,
)
from newscrawl.dates.values import (
    ParsedDate,
    as_utc,
    calendar,
    check_clock,
    instant,
    safe_date,
    zone,
)
from newscrawl.dates.wording import DateText, date_span, date_text, is_instant

DEFAULT_LANGUAGES = ("en", "fr", "nl")
"""Languages tried for visible text when the caller names none."""

# A zone written after the time: "BST", "(CEST)", "GMT+0200" (JavaScript's Date.toString).
_ZONE_AT_END = re.compile(
    r"\s*\(?(?P<zone>\b(?:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b"
    r"|(?:\b(?:gmt|utc))?[+-]\d{2}:?\d{2})\)?\.?$",
    re.I,
)
_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>[.,]\d+)?)?"
_NUMERIC = re.compile(
    r"^(?:[a-z]+\.?,?\s+)?(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})"
    rf"(?:[\s,t]+{_TIME}(?:\s*(?P<ampm>[ap]m))?)?$",
    re.I,
)
_SECONDS_WRITTEN = re.compile(r"\d:\d{2}:\d{2}")
_DIGIT_OR_WORD = re.compile(r"\d|[a-z]{3}")
_DIGIT_OR_LETTERS = re.compile(r"\d|[^\W\d_]{3}")
_CLOCK_TIME = re.compile(r"\d:\d{2}|\d\s?[ap]m")
_CLOCK_TIME_FULL = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?")


def _day_first(languages: tuple[str, ...], tz_name: str) -> bool:
    """Whether ``02/05/2024`` is 2 May: everywhere but in American English."""
    american = tz_name.startswith(("America/", "US/"))
    return not (american and (not languages or languages[0] == "en"))


# Languages whose numeric dates put the year first also with two digits ("25/01/31" is 31 January 2025).
_YEAR_FIRST_LANGUAGES = frozenset({"ja", "zh", "ko", "hu", "lt"})


def _from_numeric(text: str, raw: str, tz: tzinfo, day_first: bool,
                  year_first: bool = False) -> ParsedDate | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    a, b, c = match.group("a"), match.group("b"), match.group("c")
    if len(a) == 4 or year_first and len(a) == 2 and len(c) == 2:  # 2024/05/02, 24/05/02
        year, month, day = int(a), int(b), int(c)
        if len(c) > 2:
            return None
        if len(a) == 2:
            year += 2000 if year < 50 else 1900
    else:
        first, second = int(a), int(b)
        # Two-digit years: below 50 this century, else the last (RFC 2822's rule), so "3/3/94" is 1994.
        year = int(c) + ((2000 if int(c) < 50 else 1900) if len(c) == 2 else 0)
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
    if not safe_date(year, month, day):
        return None
    if match.group("hour") is None:
        return calendar(year, month, day, "day", raw, tz)
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    second = int(match.group("second") or 0)
    check_clock(hour, minute, second, raw)
    # zoneinfo resolves the autumn's repeated hour to its first occurrence (fold=0)
    # and the spring gap to the offset before it: deterministic either way.
    local = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    return instant(local, "second" if match.group("second") else "minute", raw, tz)


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
    if not text or not _DIGIT_OR_WORD.search(text):
        return None
    zone_hint = _ZONE_AT_END.search(text) if _CLOCK_TIME.search(text) else None
    explicit_tz = offset_zone(zone_hint.group("zone"), tz, raw) if zone_hint else None
    if zone_hint:
        text = text[: zone_hint.start()].strip(" ,")
    parsed = from_iso(text, raw, explicit_tz or tz) or from_rfc822(text, raw, explicit_tz or tz)
    if parsed:
        return parsed
    parsed = _from_numeric(text, raw, explicit_tz or tz, _day_first(languages, tz_name),
                           year_first=bool(languages) and languages[0] in _YEAR_FIRST_LANGUAGES)
    if parsed:
        return parsed
    without_time = _CLOCK_TIME_FULL.sub(" ", text)
    if not (reduced.relative or _DIGIT_OR_LETTERS.search(without_time)):
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
    local = found if found.tzinfo is not None else found.replace(tzinfo=explicit_tz or tz)
    if reduced.relative and reduced.unit in ("year", "month"):
        # "il y a 3 mois", "2 years ago": only the month or the year is known.
        month = local.month if reduced.unit == "month" else 1
        return calendar(local.year, month, 1, reduced.unit, raw, tz)
    if reduced.relative and reduced.subday:
        precision = "second" if is_instant(text) else "minute"
        local = local.replace(microsecond=0)
        if precision == "minute":
            local = local.replace(second=0)
        return ParsedDate(as_utc(local), precision, raw, "", local)
    if "time" in parts:
        precision = "second" if _SECONDS_WRITTEN.search(text) else "minute"
        return instant(local, precision, raw, tz)
    if "day" in parts or reduced.relative:
        return calendar(local.year, local.month, local.day, "day", raw, tz)
    if "month" in parts:
        return calendar(local.year, local.month, 1, "month", raw, tz)
    return None


def parse_date(
    raw: str, *, tz: str = "UTC", fetched_at: datetime | None = None,
    languages: tuple[str, ...] = (), kind: str | None = None, strict: bool = False,
) -> ParsedDate | None:
    """Read one date string; ``None`` when it holds no date.

    ``tz`` (IANA) is the zone of times written without offset; ``fetched_at``
    (naive means UTC) resolves relative and year-less dates, which are ``None``
    without it; ``languages`` (ISO 639-1, most likely first) pick month names and
    the day/month order; ``kind`` (``"published"``/``"modified"``) picks the part
    of a byline that gives both. The result's ``source`` is ``""``.
    Raises :class:`DateError` for an unknown ``tz``. A string shaped like a date
    with an impossible offset or field gives ``None``, or with ``strict`` raises
    :class:`MalformedDate` (whose ``reason`` says which).
    """
    source_tz = zone(tz)
    text = " ".join(raw.split())
    if not text or len(text) > 300:
        return None
    if LOOKS_LIKE_URL.match(text):
        return from_url(text, source_tz)
    return guarded(lambda: read_machine(text.lower(), raw, source_tz)
                   or _from_text(raw, source_tz, tz, fetched_at, tuple(languages), kind), raw, strict)
