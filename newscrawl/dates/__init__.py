"""Article dates: reading date strings and choosing an article's dates.

The one date module of newscrawl: the page parser produces
:class:`~newscrawl.items.DateCandidate` lists, the date pipeline calls
:func:`resolve_dates` and :func:`apply_dates`, the CLI uses :func:`parse_date`.

Rules this package promises:

* **Precision is what the string contains.** ``2024`` is a year, ``2024-05`` a
  month, ``2 May 2024`` a day, ``2 mai 2024 à 23h12`` a minute,
  ``2024-05-02T21:12:05Z`` a second. Nothing is invented: no time for a day,
  no day for a month.
* **Calendar dates are never shifted by a zone.** A year/month/day-precision
  date is stored as the calendar date written (``value`` is midnight UTC of that
  date and only its date part means anything); ``isoformat()`` gives
  ``2024-05-02``. A time exactly at midnight (``2024-05-02T00:00:00+02:00``, or
  ``2024-05-01T22:00:00Z`` which is midnight in the source zone) is how CMSs
  store a date without a time, so it is read as the day ``2024-05-02``.
* **The publisher's offset is kept.** A time with an offset or a known abbreviation
  (``BST``, ``CEST``, ``ET``…) keeps it in ``local``; a time without one is read in
  the source's zone from the registry, summer time included (the repeated autumn
  hour is its first occurrence); a time written in UTC (``Z``) is shown in the
  source's zone, or in the offset of another string of the page naming the same
  instant. ``isoformat()`` gives ``2024-05-02T23:12:00+02:00`` (its date is the
  publisher's day, what ``published_at`` stores); ``utc_isoformat()`` gives
  ``2024-05-02T21:12:00+00:00`` (``published_utc``, for sorting).
* **One reader for machine dates** (:mod:`newscrawl.dates.machine`): ISO 8601
  (also compact), RFC 822/1123/850 with the obsolete zones, asctime, Twitter and
  JavaScript dates, Unix time, for pages, feeds, sitemaps and listing times alike
  (:func:`parse_machine_date`, :func:`parse_listing_time`, :func:`newest_listing_time`).
* **Malformed is not unreadable.** A date-shaped string whose offset no zone uses
  (``+24:00``, ``GMT+25:00``) or whose fields are out of range is refused with a
  named reason (:data:`MALFORMED_REASONS`, :class:`MalformedDate` with
  ``strict=True``); it costs that candidate, never the article.
* **Day/month order.** ``02/05/2024`` is 2 May everywhere except for American
  English sources (an ``America/*`` zone with English first); a number above 12
  decides by itself.
* **Relative dates** ("il y a 3 heures", "gisteren", "2 hours ago") and dates
  without a year are resolved against the response's fetch time, in the source
  zone, never against the clock; without a fetch time they are not dates.
  Hours/minutes ago give minute precision; days ago, "vandaag", "hier" give a day;
  "il y a 3 mois" a month, "2 years ago" a year.
* **Choosing** (:func:`resolve_dates`): candidates are tried in order of trust,
  ``jsonld``, ``meta``, ``time``, ``feed``, ``text``, ``guess`` (htmldate's, for a
  page that declares no date, or only a month in its URL), ``url``. A candidate that
  does not read, lies in the future (beyond :data:`CLOCK_SKEW` for a time; a
  calendar date that has begun nowhere on Earth at fetch time) or before
  :data:`EARLIEST` is refused with a reason and the next one is tried. A chosen
  day-precision date takes the time of a less trusted candidate of the same day
  (its source is then that candidate's). When the page's chosen publication
  date and the feed's differ by more than a day, the page wins and
  ``disagreement`` is set.
* **Published and modified never mix.** A modification date never fills the
  publication date, even when there is no publication candidate (the article
  then has no publication date). A modification date earlier than the
  publication date is kept as given: CMSs stamp the last edit before a
  scheduled publication.
* **Deterministic**: the same strings, zone, languages and fetch time always
  give the same result.
"""

from __future__ import annotations

from newscrawl.dates.machine import newest_listing_time, parse_listing_time, parse_machine_date
from newscrawl.dates.parsing import DEFAULT_LANGUAGES, parse_date
from newscrawl.dates.resolution import (
    CLOCK_SKEW,
    DISAGREEMENT,
    EARLIEST,
    REJECT_REASONS,
    DateResolution,
    apply_dates,
    resolve_dates,
)
from newscrawl.dates.values import (
    MALFORMED_REASONS,
    PRECISIONS,
    DateError,
    MalformedDate,
    ParsedDate,
)

__all__ = [
    "CLOCK_SKEW",
    "DEFAULT_LANGUAGES",
    "DISAGREEMENT",
    "EARLIEST",
    "PRECISIONS",
    "REJECT_REASONS",
    "MALFORMED_REASONS",
    "DateError",
    "DateResolution",
    "MalformedDate",
    "ParsedDate",
    "apply_dates",
    "newest_listing_time",
    "parse_date",
    "parse_listing_time",
    "parse_machine_date",
    "resolve_dates",
]
