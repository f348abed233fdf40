"""Issue 12: which of a page's own date strings is its publication date, without JSON-LD or <meta>."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.dates import parse_date, resolve_dates
from newscrawl.pages import parse_article

FETCHED = datetime(2026, 1, 10, 12, tzinfo=UTC)
URL = "https://news.example.com/city/derby-ends-level"


def _page(body: str) -> bytes:
    return (
        "<html><head><title>Derby ends level</title></head><body>"
        f"{body}"
        "<p>" + "The derby ended level after a late equaliser in front of a full stadium. " * 6 + "</p>"
        "</body></html>"
    ).encode()


def _published_day(page: bytes, url: str = URL) -> str | None:
    """The publication day, ``""`` for a month or a year, ``None`` for no date."""
    item = parse_article(page, url)
    result = resolve_dates(item.date_candidates, tz="UTC", fetched_at=FETCHED, languages=("en",))
    return result.published.day() if result.published else None


def test_a_teasers_time_in_a_link_to_another_page_does_not_date_the_article() -> None:
    # The related-news list marks its dates with a "date" class; the article's own <time> has none.
    page = _page(
        '<ul class="identifiers"><li><time datetime="2025-11-03">03 November 2025</time></li></ul>'
        "<h1>Derby ends level</h1>"
        '<section class="latest"><a href="/city/other-story"><p>Other story</p>'
        '<span class="latest__date"><time datetime="2025-11-04">04 NOV 25</time></span></a></section>'
    )
    assert _published_day(page) == "2025-11-03"


def test_a_time_in_a_permalink_to_the_page_itself_still_counts() -> None:
    page = _page(
        '<h1>Derby ends level</h1><span class="posted-on"><a href="/city/derby-ends-level/" rel="bookmark">'
        '<time class="entry-date published" datetime="2025-11-03T10:00:00+01:00">3 Nov</time></a></span>'
        '<a href="/city/other-story"><time class="date" datetime="2025-11-05">5 Nov</time></a>'
    )
    assert _published_day(page) == "2025-11-03"


def test_an_hatom_entry_date_marked_updated_is_the_publication_date() -> None:
    # WordPress themes write class="entry-date updated" on the publication date; the site's
    # top bar shows the day of the visit.
    page = _page(
        '<div class="head-date">Saturday, January 10, 2026</div><h1>Derby ends level</h1>'
        '<time class="entry-date updated td-module-date" datetime="2025-02-11T12:28:25-06:00">'
        "February 11, 2025</time>"
    )
    assert _published_day(page) == "2025-02-11"


def test_a_plain_updated_time_is_still_a_modification_date() -> None:
    page = _page(
        '<h1>Derby ends level</h1><time class="updated" datetime="2025-02-12T09:00:00Z">12 Feb</time>'
        '<time class="entry-date published" datetime="2025-02-11T09:00:00Z">11 Feb</time>'
    )
    item = parse_article(page, URL)
    result = resolve_dates(item.date_candidates, tz="UTC", fetched_at=FETCHED, languages=("en",))
    assert result.published.day() == "2025-02-11"
    assert result.modified.day() == "2025-02-12"


def test_a_url_day_makes_a_relative_byline_precise() -> None:
    # "4 months ago" is rounded to months and gives no day; the URL names the day near it.
    page = _page('<h1>Derby ends level</h1><div class="byline">Published 4 months ago</div>')
    assert _published_day(page, "https://news.example.com/city/2025-08-23-derby-ends-level/") == "2025-08-23"


def test_a_url_day_far_from_the_relative_byline_is_not_taken() -> None:
    page = _page('<h1>Derby ends level</h1><div class="byline">Published 4 months ago</div>')
    assert _published_day(page, "https://news.example.com/city/2021-09-05-derby-ends-level/") == ""  # month only


def test_the_date_under_the_headline_beats_older_dates_of_related_articles() -> None:
    # A byline with no date class or id, right under the headline; the related list further
    # down carries older dates, which the earliest-date guess would take.
    related = "".join(
        f'<div class="teaser"><h4><a href="/city/story-{n}">Story {n}</a></h4><div>January {n}, 2023</div></div>'
        for n in range(11, 14)
    )
    page = _page(
        '<h1 class="headline">Derby ends level</h1><h2>A late equaliser.</h2>'
        '<div><div><a href="/author/ann-lee/">Ann Lee</a></div><div class="small">April 28, 2023</div></div>'
        f'<div class="sidebar">{related}</div>'
    )
    assert _published_day(page) == "2023-04-28"


def test_a_date_far_below_the_headline_is_not_a_byline() -> None:
    page = _page(
        "<h1>Derby ends level</h1><p>" + "The derby ended level after a late equaliser. " * 20 + "</p>"
        "<div>April 28, 2023</div>"
    )
    item = parse_article(page, URL)
    assert all(c.raw != "April 28, 2023" or c.source != "text" for c in item.date_candidates)


def test_the_sites_top_bar_date_does_not_date_the_article() -> None:
    # The top bar shows the day of the visit, before the headline and outside its block.
    page = _page(
        '<div class="top-bar"><span class="header-date">Saturday, January 10, 2026</span></div>'
        '<div class="story"><div class="story-head"><h1>Derby ends level</h1></div>'
        '<div class="article-info"><div class="article-date">Friday, 9 Jan 2026 4:55 PM</div></div></div>'
    )
    assert _published_day(page) == "2026-01-09"


def test_a_date_just_above_the_headline_in_its_block_still_counts() -> None:
    page = _page(
        '<div class="story"><div class="story-head"><span class="story-date">9 January 2026</span>'
        "<h1>Derby ends level</h1></div></div>"
    )
    assert _published_day(page) == "2026-01-09"


@pytest.mark.parametrize(("raw", "expected"), [
    ("Friday, 22 Nov 2024 4:55 PM MYT", "2024-11-22T16:55:00+08:00"),
    ("22 Nov 2024 09:10 JST", "2024-11-22T09:10:00+09:00"),
    ("22 Nov 2024 09:10 AEDT", "2024-11-22T09:10:00+11:00"),
    ("22 Nov 2024 09:10 SAST", "2024-11-22T09:10:00+02:00"),
])
def test_single_offset_zone_abbreviations_of_africa_asia_and_the_pacific(raw, expected) -> None:
    # Unread, "4:55 PM MYT" was taken as 16:55 UTC: hours in the future for a page fetched at 10:02 UTC.
    parsed = parse_date(raw, tz="UTC", fetched_at=datetime(2024, 11, 22, 10, 2, tzinfo=UTC), languages=("en",))
    assert parsed is not None and parsed.isoformat() == expected


@pytest.mark.parametrize(("raw", "languages", "expected"), [
    ("25/01/31 11:30", ("ja",), "2025-01-31T11:30:00+09:00"),  # Japanese bylines: YY/MM/DD
    ("25.01.31", ("hu",), "2025-01-31"),
    ("25/01/31 11:30", ("en",), "2031-01-25T11:30:00+09:00"),  # elsewhere still day first
    ("2025/01/31", ("ja",), "2025-01-31"),
])
def test_two_digit_numeric_dates_are_year_first_in_year_first_languages(raw, languages, expected) -> None:
    parsed = parse_date(raw, tz="Asia/Tokyo", languages=languages)
    assert parsed is not None and parsed.isoformat() == expected


def test_htmldates_guess_gives_the_day_a_relative_byline_lacks() -> None:
    # No URL date: "4 months ago" gives a month; the guess (here a dated image path) gives the day.
    page = _page(
        '<h1>Derby ends level</h1><div class="byline">Published 4 months ago</div>'
        + "<p>" + "The derby ended level after a late equaliser in front of a full stadium. " * 10 + "</p>"
        + '<img src="/uploads/2025/08/23/derby.jpg" alt="">'
    )
    assert _published_day(page) == "2025-08-23"


def test_htmldates_guess_stands_in_when_every_byline_date_is_refused() -> None:
    # A byline date in the future (a typo or an event date) is refused; the guess still dates the page.
    page = _page(
        '<h1>Derby ends level</h1><div class="byline">Published 3 March 2031</div>'
        + "<p>" + "The derby ended level after a late equaliser in front of a full stadium. " * 10 + "</p>"
        + '<img src="/uploads/2025/08/23/derby.jpg" alt="">'
    )
    assert _published_day(page) == "2025-08-23"
