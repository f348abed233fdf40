"""resolve_dates / apply_dates: trust order, sanity checks, page-feed disagreement."""

from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.dates import DateResolution, apply_dates, resolve_dates
from newscrawl.items import ArticleItem, DateCandidate

FETCHED = datetime(2024, 5, 3, 9, 0, tzinfo=UTC)


def pub(source: str, raw: str) -> DateCandidate:
    return DateCandidate("published", source, raw)


def mod(source: str, raw: str) -> DateCandidate:
    return DateCandidate("modified", source, raw)


def resolve(*candidates: DateCandidate, tz: str = "Europe/Paris",
            fetched_at: datetime = FETCHED, languages: tuple[str, ...] = ("fr",)) -> DateResolution:
    return resolve_dates(list(candidates), tz=tz, fetched_at=fetched_at, languages=languages)


def test_most_trusted_source_wins_whatever_the_list_order() -> None:
    result = resolve(
        pub("url", "/2024/05/01/"),
        pub("text", "Publié le 02/05/2024 à 22h00"),
        pub("meta", "2024-05-02T21:30:00+02:00"),
        pub("jsonld", "2024-05-02T21:12:00+02:00"),
    )
    assert result.published is not None
    assert (result.published.source, result.published.utc_isoformat()) == (
        "jsonld", "2024-05-02T19:12:00+00:00")
    assert result.rejected == []


def test_future_date_is_refused_and_the_next_source_used() -> None:
    future = pub("jsonld", "2024-05-04T10:00:00+02:00")
    result = resolve(future, pub("meta", "2024-05-02T21:12:00+02:00"))
    assert result.published is not None and result.published.source == "meta"
    assert result.rejected == [(future, "future")]


def test_small_clock_skew_is_allowed_but_an_hour_is_not() -> None:
    skewed = resolve(pub("jsonld", "2024-05-03T09:10:00Z"))
    assert skewed.published is not None and skewed.published.source == "jsonld"
    hour = pub("jsonld", "2024-05-03T10:00:00Z")
    assert resolve(hour).rejected == [(hour, "future")]


def test_calendar_date_is_future_only_when_it_has_begun_nowhere() -> None:
    # 22:35 UTC on 15 October: the 16th has begun east of UTC+1:25, the 17th nowhere.
    fetched = datetime(2024, 10, 15, 22, 35, tzinfo=UTC)
    tomorrow = resolve(pub("jsonld", "2024-10-16"), fetched_at=fetched, tz="Asia/Taipei")
    assert tomorrow.published is not None and tomorrow.published.isoformat() == "2024-10-16"
    later = pub("jsonld", "2024-10-17")
    assert resolve(later, fetched_at=fetched).rejected == [(later, "future")]


def test_too_old_and_unreadable_dates_are_refused_with_their_reason() -> None:
    epoch = pub("jsonld", "1970-01-01T00:00:00Z")
    junk = pub("meta", "Invalid Date")
    result = resolve(epoch, junk, pub("time", "2024-05-02T21:12:00+02:00"))
    assert result.published is not None and result.published.source == "time"
    assert result.rejected == [(epoch, "too_old"), (junk, "unparsed")]


def test_nothing_sane_gives_no_date() -> None:
    result = resolve(pub("jsonld", "2031-01-01"), pub("text", "Lees meer"))
    assert result.published is None
    assert [reason for _, reason in result.rejected] == ["future", "unparsed"]


def test_modified_never_fills_published() -> None:
    result = resolve(mod("jsonld", "2024-05-03T08:00:00+02:00"))
    assert result.published is None
    assert result.modified is not None and result.modified.utc_isoformat() == "2024-05-03T06:00:00+00:00"


def test_published_and_modified_are_kept_apart() -> None:
    result = resolve(
        mod("meta", "2024-05-03T08:00:00+02:00"),
        pub("meta", "2024-05-02T23:12:00+02:00"),
    )
    assert result.published is not None and result.modified is not None
    assert result.published.utc_isoformat() == "2024-05-02T21:12:00+00:00"
    assert result.modified.utc_isoformat() == "2024-05-03T06:00:00+00:00"


def test_modified_before_published_is_kept_as_given() -> None:
    # CMSs stamp the last edit of a post scheduled for later publication.
    result = resolve(pub("jsonld", "2023-04-28T17:40:08Z"), mod("jsonld", "2023-04-28T17:39:55Z"))
    assert result.modified is not None and result.modified.utc_isoformat() == "2023-04-28T17:39:55+00:00"
    assert result.rejected == []


def test_modified_on_the_published_day_is_kept_at_day_precision() -> None:
    result = resolve(pub("jsonld", "2024-05-02T23:12:00+02:00"), mod("jsonld", "2024-05-02"))
    assert result.modified is not None and result.modified.isoformat() == "2024-05-02"


def test_page_and_feed_disagreeing_by_more_than_a_day_is_counted() -> None:
    result = resolve(pub("jsonld", "2024-05-02T23:12:00+02:00"),
                     pub("feed", "Sun, 28 Apr 2024 10:00:00 +0200"))
    assert result.published is not None and result.published.source == "jsonld"
    assert result.disagreement is True


def test_page_and_feed_within_a_day_agree() -> None:
    result = resolve(pub("jsonld", "2024-05-02T23:12:00+02:00"),
                     pub("feed", "Thu, 02 May 2024 21:40:00 GMT"))
    assert result.disagreement is False


def test_feed_is_used_when_the_page_has_nothing_sane() -> None:
    result = resolve(pub("jsonld", "2099-01-01"), pub("feed", "Thu, 02 May 2024 21:40:00 GMT"))
    assert result.published is not None and result.published.source == "feed"
    assert result.disagreement is False


def test_trusted_day_takes_the_time_of_a_less_trusted_source_on_the_same_day() -> None:
    result = resolve(pub("jsonld", "2024-05-02"), pub("meta", "2024-05-02T23:12:00+02:00"))
    assert result.published is not None
    assert (result.published.source, result.published.precision) == ("meta", "second")
    other_day = resolve(pub("jsonld", "2024-05-02"), pub("meta", "2024-05-01T10:00:00+02:00"))
    assert other_day.published is not None
    assert (other_day.published.source, other_day.published.isoformat()) == ("jsonld", "2024-05-02")


def test_relative_text_is_resolved_against_the_fetch_time() -> None:
    result = resolve(pub("text", "3 uur geleden"), tz="Europe/Amsterdam", languages=("nl",),
                     fetched_at=datetime(2023, 11, 5, 14, 0, tzinfo=UTC))
    assert result.published is not None
    assert result.published.utc_isoformat() == "2023-11-05T11:00:00+00:00"


def test_same_candidates_same_resolution() -> None:
    candidates = (pub("text", "hier à 21h00"), mod("text", "il y a 2 heures"), pub("url", "/2024/05/02/"))
    first, second = resolve(*candidates), resolve(*candidates)
    assert first == second


def test_apply_dates_fills_the_item() -> None:
    item = ArticleItem(url="https://example.fr/2024/05/02/om")
    result = resolve(pub("text", "Publié le 02/05/2024 à 23h12"), pub("url", "/2024/05/02/"),
                     mod("text", "Mis à jour le 03/05/2024 à 08h00"))
    apply_dates(item, result)
    assert (item.published_raw, item.published_at, item.published_precision, item.published_source) == (
        "Publié le 02/05/2024 à 23h12", "2024-05-02T23:12:00+02:00", "minute", "text")
    assert (item.modified_raw, item.modified_at, item.modified_precision) == (
        "Mis à jour le 03/05/2024 à 08h00", "2024-05-03T08:00:00+02:00", "minute")
    assert (item.published_utc, item.modified_utc) == ("2024-05-02T21:12:00+00:00", "2024-05-03T06:00:00+00:00")


def test_apply_dates_leaves_missing_dates_empty() -> None:
    item = ArticleItem(url="https://example.nl/a")
    apply_dates(item, resolve(pub("url", "/2024/05/"), tz="Europe/Amsterdam"))
    assert (item.published_at, item.published_precision, item.published_source) == ("2024-05", "month", "url")
    assert item.modified_at is None and item.modified_precision is None


def test_utc_metadata_gets_the_local_offset_shown_by_a_naive_time_tag():
    fetched = datetime(2023, 11, 10, tzinfo=UTC)
    resolution = resolve_dates(
        [DateCandidate("published", "jsonld", "2023-11-09T01:09:55Z"),
         DateCandidate("published", "time", "2023-11-08 18:09:55")],
        tz="UTC", fetched_at=fetched,
    )
    published = resolution.published
    assert published.utc_isoformat() == "2023-11-09T01:09:55+00:00"  # the stored instant is unchanged
    assert published.local.isoformat() == "2023-11-08T18:09:55-07:00"


def test_another_instant_changes_nothing():
    fetched = datetime(2023, 11, 10, tzinfo=UTC)
    for other in ("2023-11-08T18:10:40-07:00", "2023-11-08 18:10:40", "2023-11-08"):
        published = resolve_dates(
            [DateCandidate("published", "jsonld", "2023-11-09T01:09:55Z"), DateCandidate("published", "time", other)],
            tz="UTC", fetched_at=fetched,
        ).published
        assert published.local.utcoffset().total_seconds() == 0, other


def test_the_same_instant_with_its_own_offset_gives_the_publishers_offset():
    # JSON-LD in UTC, the <time> tag with the publisher's offset: one instant, the publisher's day.
    published = resolve_dates(
        [DateCandidate("published", "jsonld", "2023-11-09T01:09:55Z"),
         DateCandidate("published", "time", "2023-11-08T18:09:55-07:00")],
        tz="UTC", fetched_at=datetime(2023, 11, 10, tzinfo=UTC),
    ).published
    assert (published.isoformat(), published.utc_isoformat(), published.day()) == (
        "2023-11-08T18:09:55-07:00", "2023-11-09T01:09:55+00:00", "2023-11-08")
