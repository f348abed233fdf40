"""parse_date against a table of date strings written the way en/fr/nl news sites write them."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.dates import DateError, parse_date

CASES = Path(__file__).parent / "fixtures" / "dates" / "cases.tsv"


@dataclass(frozen=True)
class Case:
    raw: str
    tz: str
    languages: tuple[str, ...]
    fetched_at: datetime
    kind: str
    expected: str
    precision: str
    habit: str


def _load_cases() -> list[Case]:
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    cases = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        cases.append(Case(
            raw=row["raw"], tz=row["tz"],
            languages=tuple(x for x in row["languages"].split(",") if x),
            fetched_at=datetime.fromisoformat(row["fetched_at"]),
            kind=row["kind"], expected=row["expected"], precision=row["precision"],
            habit=row["habit"],
        ))
    return cases


ALL_CASES = _load_cases()


def test_table_is_large_and_covers_each_language() -> None:
    assert len(ALL_CASES) >= 150
    languages = {lang for case in ALL_CASES for lang in case.languages}
    assert {"en", "fr", "nl"} <= languages
    zones = {case.tz for case in ALL_CASES}
    assert {"Europe/Amsterdam", "Europe/Paris", "Europe/London", "Europe/Brussels"} <= zones


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c.raw}|{c.tz}|{c.kind}" for c in ALL_CASES])
def test_date_string(case: Case) -> None:
    parsed = parse_date(case.raw, tz=case.tz, fetched_at=case.fetched_at,
                        languages=case.languages, kind=case.kind)
    if case.precision == "none":
        assert parsed is None, f"{case.habit}: read {parsed}"
        return
    assert parsed is not None, case.habit
    assert (parsed.utc_isoformat(), parsed.precision) == (case.expected, case.precision), case.habit
    assert parsed.value.tzinfo is UTC
    assert parsed.raw == case.raw
    assert parsed.source == ""


def test_same_input_same_result() -> None:
    fetched = datetime(2024, 5, 3, 9, tzinfo=UTC)
    results = {parse_date("il y a 3 heures", tz="Europe/Paris", fetched_at=fetched,
                          languages=("fr",)) for _ in range(3)}
    assert len(results) == 1


def test_relative_dates_follow_the_fetch_time_not_the_clock() -> None:
    early = parse_date("gisteren", tz="Europe/Amsterdam", languages=("nl",),
                       fetched_at=datetime(2019, 1, 1, 12, tzinfo=UTC))
    late = parse_date("gisteren", tz="Europe/Amsterdam", languages=("nl",),
                      fetched_at=datetime(2024, 5, 3, 12, tzinfo=UTC))
    assert early is not None and late is not None
    assert (early.isoformat(), late.isoformat()) == ("2018-12-31", "2024-05-02")


def test_relative_day_is_the_source_zones_day() -> None:
    # 23:30 UTC on 2 May is already 3 May in Amsterdam: "vandaag" is the 3rd.
    parsed = parse_date("vandaag", tz="Europe/Amsterdam", languages=("nl",),
                        fetched_at=datetime(2024, 5, 2, 23, 30, tzinfo=UTC))
    assert parsed is not None and parsed.isoformat() == "2024-05-03"


def test_relative_and_yearless_dates_need_a_fetch_time() -> None:
    assert parse_date("3 uur geleden", tz="Europe/Amsterdam", languages=("nl",)) is None
    assert parse_date("2 mai", tz="Europe/Paris", languages=("fr",)) is None
    absolute = parse_date("2 mai 2024 à 23h12", tz="Europe/Paris", languages=("fr",))
    assert absolute is not None and absolute.utc_isoformat() == "2024-05-02T21:12:00+00:00"


def test_naive_fetch_time_is_utc() -> None:
    naive = parse_date("il y a 2 heures", tz="Europe/Paris", languages=("fr",),
                       fetched_at=datetime(2024, 5, 3, 9))
    aware = parse_date("il y a 2 heures", tz="Europe/Paris", languages=("fr",),
                       fetched_at=datetime(2024, 5, 3, 9, tzinfo=UTC))
    assert naive == aware


def test_local_keeps_the_written_offset() -> None:
    parsed = parse_date("2024-05-02T21:12:00+02:00", tz="Europe/London")
    assert parsed is not None
    assert parsed.local.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    assert parsed.local.hour == 21


def test_calendar_date_is_not_moved_by_the_zone() -> None:
    for tz in ("Pacific/Auckland", "America/Los_Angeles", "Europe/Paris"):
        parsed = parse_date("2 May 2024", tz=tz, languages=("en",))
        assert parsed is not None and parsed.isoformat() == "2024-05-02"
        assert parsed.value == datetime(2024, 5, 2, tzinfo=UTC)
        assert parsed.local.date().isoformat() == "2024-05-02"


def test_without_languages_all_three_are_tried() -> None:
    for raw, expected in (("3 mei 2024", "2024-05-03"), ("3 mai 2024", "2024-05-03"),
                          ("May 3, 2024", "2024-05-03")):
        parsed = parse_date(raw, tz="Europe/Brussels")
        assert parsed is not None and parsed.isoformat() == expected


def test_unknown_zone_is_an_error() -> None:
    with pytest.raises(DateError):
        parse_date("2024-05-02", tz="Europe/Atlantis")


def test_language_dateparser_does_not_know_falls_back_to_en_fr_nl() -> None:
    parsed = parse_date("2 mai 2024", tz="Europe/Paris", languages=("xx",),
                        fetched_at=datetime(2024, 5, 3, tzinfo=UTC))
    assert parsed is not None and parsed.isoformat() == "2024-05-02"
