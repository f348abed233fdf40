"""Issue 12's date failure classes: the publisher's day, formats not read before, precision, bad offsets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.dates import (
    MalformedDate,
    apply_dates,
    newest_listing_time,
    parse_date,
    parse_listing_time,
    parse_machine_date,
    resolve_dates,
)
from newscrawl.items import ArticleItem, DateCandidate
from newscrawl.pages import parse_article

FETCHED = datetime(2026, 1, 10, 12, tzinfo=UTC)


def _resolve(*candidates: DateCandidate, tz: str = "UTC"):
    return resolve_dates(list(candidates), tz=tz, fetched_at=FETCHED, languages=("en",))


# --- the publisher's calendar day, with UTC beside it ---------------------------------------

@pytest.mark.parametrize(("raw", "tz", "local", "utc"), [
    # Tokyo, early morning: the 15th for its readers, the 14th in UTC.
    ("2020-02-15T07:00:00+09:00", "UTC", "2020-02-15T07:00:00+09:00", "2020-02-14T22:00:00+00:00"),
    # New York, late evening: the 14th for its readers, the 15th in UTC.
    ("2020-02-14T21:30:00-05:00", "UTC", "2020-02-14T21:30:00-05:00", "2020-02-15T02:30:00+00:00"),
    # No offset written: the source's zone gives it (summer time in Paris).
    ("2024-05-02T23:40:00", "Europe/Paris", "2024-05-02T23:40:00+02:00", "2024-05-02T21:40:00+00:00"),
    # Written in UTC by the CMS: shown in the source's zone, the 3rd in Paris.
    ("2024-05-02T22:30:00Z", "Europe/Paris", "2024-05-03T00:30:00+02:00", "2024-05-02T22:30:00+00:00"),
])
def test_published_at_keeps_the_publishers_offset_and_utc_sits_beside_it(raw, tz, local, utc) -> None:
    item = ArticleItem(url="https://example.org/a")
    apply_dates(item, _resolve(DateCandidate("published", "jsonld", raw),
                               DateCandidate("modified", "jsonld", raw), tz=tz))
    assert (item.published_at, item.published_utc) == (local, utc)
    assert (item.modified_at, item.modified_utc) == (local, utc)
    assert item.published_at[:10] == local[:10]  # the day a reader of that site sees


def test_calendar_dates_are_the_same_in_both_fields() -> None:
    item = ArticleItem(url="https://example.org/a")
    apply_dates(item, _resolve(DateCandidate("published", "meta", "2024-05-02"), tz="Asia/Tokyo"))
    assert (item.published_at, item.published_utc, item.published_precision) == (
        "2024-05-02", "2024-05-02", "day")


# --- formats that were not read --------------------------------------------------------------

@pytest.mark.parametrize(("raw", "utc", "precision"), [
    ("20200924T15:04:34Z", "2020-09-24T15:04:34+00:00", "second"),  # compact ISO, colons kept
    ("20200924T150434+0200", "2020-09-24T13:04:34+00:00", "second"),
    ("20200924", "2020-09-24", "day"),
    ("Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00+00:00", "second"),  # Twitter
    ("Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06+00:00", "second"),  # asctime
    ("Thu Aug 30 2012 17:26:16 GMT+0200 (CEST)", "2012-08-30T15:26:16+00:00", "second"),  # JS Date
    ("Thu, 01 Jan 2004", "2004-01-01", "day"),  # RFC 822 without a time
    ("Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21+00:00", "second"),  # two-digit year
    ("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37+00:00", "second"),  # RFC 850
    ("Thu, 30 Apr 2015 08:57:00 MEST", "2015-04-30T06:57:00+00:00", "second"),
    ("Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00+00:00", "second"),
    ("Mon, 26 July 2004 16:31:00 PT", "2004-07-26T23:31:00+00:00", "second"),  # PT in summer is PDT
    ("Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T23:41:00+00:00", "second"),
    ("Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00+00:00", "second"),
    ("Fri,24 Nov 2023 18:28:36 -0000", "2023-11-24T18:28:36+00:00", "second"),
    ("Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00+00:00", "second"),
])
def test_machine_dates_of_pages_feeds_and_headers(raw, utc, precision) -> None:
    for parsed in (parse_date(raw), parse_machine_date(raw)):
        assert parsed is not None, raw
        assert (parsed.utc_isoformat(), parsed.precision) == (utc, precision)


def test_the_listing_time_reader_is_the_same_reader() -> None:
    assert parse_listing_time("Thu, 01 Jan 2004") == datetime(2004, 1, 1, tzinfo=UTC)
    assert parse_listing_time("Mon, 26 January 2004 16:31:00 PT") == datetime(2004, 1, 27, 0, 31, tzinfo=UTC)
    assert parse_listing_time("2024-05-02T21:12:00+02:00") == datetime(2024, 5, 2, 19, 12, tzinfo=UTC)
    assert parse_listing_time("Thu, 30 Apr 2015 08:57:00 MEST") == datetime(2015, 4, 30, 6, 57, tzinfo=UTC)
    for unreadable in (None, "", "soon", "2024-05-02T21:12:00+24:00", "Sun, 16 Dec 2012 1:2:3:4 GMT"):
        assert parse_listing_time(unreadable) is None, unreadable


def test_a_month_in_the_url_does_not_block_the_guess_that_gives_the_day() -> None:
    # The date is further below the headline than a byline would be: only the guess finds it.
    report = "The home side won a tight derby on Saturday with a late header from their captain. " * 8
    page = f"""<html><head><title>Derby</title></head><body><article><h1>City edge the derby</h1>
    <p>{report}</p>
    <p class="copyright">Match report, 14 February 2020</p></article></body></html>"""
    item = parse_article(page, "https://news.example.com/2020/02/city-edge-derby")
    published = resolve_dates(item.date_candidates, tz="Europe/London",
                              fetched_at=datetime(2020, 3, 1, tzinfo=UTC)).published
    assert published is not None
    assert (published.isoformat(), published.precision, published.source) == ("2020-02-14", "day", "guess")


# --- precision never finer than the text -----------------------------------------------------

@pytest.mark.parametrize(("raw", "languages", "expected", "precision"), [
    ("il y a 3 mois", ("fr",), "2025-10", "month"),
    ("2 years ago", ("en",), "2024", "year"),
    ("1 year 2 months ago", ("en",), "2024-11", "month"),
    ("3 maanden geleden", ("nl",), "2025-10", "month"),
    ("3 days ago", ("en",), "2026-01-07", "day"),
    ("il y a 2 heures", ("fr",), "2026-01-10T10:00:00+00:00", "minute"),
    ("May 2024", ("en",), "2024-05", "month"),
])
def test_relative_and_partial_dates_keep_what_the_text_says(raw, languages, expected, precision) -> None:
    parsed = parse_date(raw, fetched_at=FETCHED, languages=languages)
    assert parsed is not None, raw
    assert (parsed.isoformat(), parsed.precision) == (expected, precision)


# --- a bad offset or field is a rejected candidate -------------------------------------------

@pytest.mark.parametrize(("raw", "reason"), [
    ("2024-05-02T21:12:00+24:00", "bad_offset"),
    ("2024-05-02T21:12:00+2400", "bad_offset"),
    ("2 May 2024 21:12 GMT+25:00", "bad_offset"),
    ("2024-05-02T21:12:00+05:75", "bad_offset"),
    ("Sun, 31 Dec 2023 23:59:59 -9999", "bad_offset"),
    ("2024-05-02T25:14:55Z", "out_of_range"),
    ("Sun, 31 Feb 2024 12:00:00 GMT", "out_of_range"),
])
def test_a_malformed_date_is_named_never_read_as_another(raw, reason) -> None:
    assert parse_date(raw, fetched_at=FETCHED) is None
    with pytest.raises(MalformedDate) as caught:
        parse_date(raw, fetched_at=FETCHED, strict=True)
    assert caught.value.reason == reason
    result = _resolve(DateCandidate("published", "jsonld", raw),
                      DateCandidate("published", "url", "/2024/05/02/"))
    assert [r for _, r in result.rejected] == [reason]
    assert result.published is not None and (result.published.source, result.published.isoformat()) == (
        "url", "2024-05-02")


def test_the_newest_listing_time_is_the_latest_instant_not_the_latest_string() -> None:
    stamps = ["Thu, 01 Jan 2004 23:00:00 +0200", "Thu, 01 Jan 2004 18:00:00 PT", None, "", "soon"]
    assert newest_listing_time(stamps) == datetime(2004, 1, 2, 2, 0, tzinfo=UTC)
    assert newest_listing_time(["soon", None]) is None


def _byline_page(byline: str) -> str:
    return f"""<html lang="fr"><head><title>Le derby</title></head><body><article>
    <h1>Le derby de la côte</h1><p class="date">{byline}</p>
    <p>Les locaux ont gagné un derby serré samedi grâce à une tête de leur capitaine.</p>
    </article></body></html>"""


def test_a_relative_byline_dates_the_page_to_the_month_it_names() -> None:
    item = parse_article(_byline_page("Publié il y a 3 mois"), "https://journal.example.fr/sport/derby")
    apply_dates(item, resolve_dates(item.date_candidates, tz="Europe/Paris", fetched_at=FETCHED,
                                    languages=("fr",)))
    assert (item.published_at, item.published_precision, item.published_source) == (
        "2025-10", "month", "text")


def test_a_byline_day_is_finer_than_the_url_month_and_wins() -> None:
    item = parse_article(_byline_page("Publié le 14/02/2020"), "https://journal.example.fr/2020/02/derby")
    assert DateCandidate("published", "url", "/2020/02/") in item.date_candidates
    apply_dates(item, resolve_dates(item.date_candidates, tz="Europe/Paris", fetched_at=FETCHED,
                                    languages=("fr",)))
    assert (item.published_at, item.published_precision) == ("2020-02-14", "day")
