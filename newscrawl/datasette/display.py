"""How the reader's pages word things: the reader's language, dates, local times, safe links.

Pure functions (no archive, no Datasette), used by the views and as template filters.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup

from newscrawl.datasette.reader_queries import LANGUAGES
from newscrawl.urls import canonicalize_url

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "nl": "Nederlands"}
# Private-use characters mark search hits before escaping, so a body's own brackets stay text.
HIT_MARK = ("\ue000", "\ue001")


def reader_language(choice: str | None, accept_language: str | None) -> str:
    """The language to show headlines in: an explicit choice, else the best of Accept-Language.

    >>> reader_language(None, "nl-BE,nl;q=0.9,fr;q=0.8")
    'nl'
    """
    if choice in LANGUAGES:
        return choice
    best: tuple[float, int, str] | None = None
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        language = tag.strip().lower().split("-")[0]
        if language not in LANGUAGES:
            continue
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        candidate = (-quality, position, language)
        if quality > 0 and (best is None or candidate < best):
            best = candidate
    return best[2] if best else LANGUAGES[0]


def parse_day(text: str | None) -> date | None:
    """A ``YYYY-MM-DD`` filter value, or None when empty or not a day (the filter is then ignored)."""
    try:
        return date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


def long_day(value: str | None) -> str:
    """``2024-05-02`` -> ``Thu 2 May 2024`` (empty for no date)."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day:%a} {day.day} {day:%b %Y}"


def local_time(published_at: str | None, timezone: str | None, precision: str | None = None) -> str:
    """An article's publication time in its publisher's zone: ``Thu 2 May 2024, 23:12 CEST``.

    A day-precision date is shown as the day only; an unknown zone keeps UTC.
    """
    if not published_at:
        return "undated"
    try:
        moment = datetime.fromisoformat(published_at)
    except ValueError:
        return published_at
    try:
        zone = ZoneInfo(timezone) if timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    if precision == "day":
        return long_day(published_at)
    local = moment.astimezone(zone) if zone and moment.tzinfo else moment
    return f"{long_day(local.date().isoformat())}, {local:%H:%M} {local.tzname() or 'UTC'}"


def clean_link(url: str | None) -> str:
    """The link a reader follows: the canonical URL with tracking parameters and AMP variants removed."""
    return canonicalize_url(url) if url else ""


def marked_snippet(text: str | None) -> Markup:
    """A search snippet as HTML: the text escaped, the hits (marked with :data:`HIT_MARK`) in ``<mark>``."""
    escaped = escape(text or "")
    return Markup(escaped.replace(HIT_MARK[0], "<mark>").replace(HIT_MARK[1], "</mark>"))


def score(card: dict) -> str:
    """``2-1``, or ``preview`` before a result is known."""
    return f"{card['score_home']}–{card['score_away']}" if card.get("played") else "preview"


FILTERS = {
    "long_day": long_day,
    "local_time": local_time,
    "clean_link": clean_link,
    "marked_snippet": marked_snippet,
    "score": score,
}
