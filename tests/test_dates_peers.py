"""parse_date against the peers' date strings (dateparser's and feedparser's tests, ../shared/peers/dates).

Peers are not ground truth: each disagreement was judged for a news crawler, and the
deliberate ones are skipped below with the reason. A case passes when our date is the
peer's at OUR precision (never finer than the text: "2 years ago" is a year), the same
instant for times (whatever zone either side prints), and ``None`` where the peer says
the string holds no date.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newscrawl.dates import ParsedDate, parse_date

SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CASES = SHARED / "peers" / "dates" / "cases.jsonl"

_FUTURE = "a publication date is never in the future (resolution refuses one): no date for it"
_DECADE = ("decades are dateparser's arithmetic ('1 decade', '-1 decade +2 years'), not how pages "
           "date articles")
_DURATION = ("a bare duration without 'ago' ('2 years', '3 days') is not a date: next to a byline it is "
             "a reading time or an age")
_CLOCK_ONLY = "a clock time alone ('16:10', '10:04am') does not say which day: no date rather than a guess"
_PAST = ("we always prefer the past (PREFER_DATES_FROM=past): an article is dated on or before its fetch; "
         "year-less dates without a fetch time are no date")
_TWO_DIGIT = ("'26. 10.21' with a 2012 fetch time: a page cannot be dated after its fetch, so the "
              "year is read in the past (1921) where dateparser's test expects 2021")
_OUTSIDE = "outside en/fr/nl: the Korean PM marker and zone are not read"
# Each deliberate difference, by input string: the peers' answer and ours were compared and ours kept.
SKIPS = {
    **dict.fromkeys(("1 decade", "1 decade 2 years", "last decade", "100 decades", "-1 decade",
                     "-1 decade 2 years", "-1 decade +2 years", "in 100 decades", "in 1 decade 12 years",
                     "next decade", "in a decade", "in 1 decade +2 years", "+1 decade -2 years",
                     "1 decade later"), _DECADE),
    **dict.fromkeys(("+2 years", "in 1000 years", "2 years later", "7 years from now",
                     "five years from now", "a year from now"), _FUTURE),
    **dict.fromkeys(("2 years", "3 days"), _DURATION),
    **dict.fromkeys(("10:04am", "10:00PM", "16:10", "14:05"), _CLOCK_ONLY),
    **dict.fromkeys(("July 13th", "July 14th", "February 1st"), _PAST),
    **dict.fromkeys(("26. 10.21", "26. 10.21 14.12", "26 . 10.21", "30 . 09 . 22 12.12"), _TWO_DIGIT),
    **dict.fromkeys(("2004-05-25 오후 11:23:17", "2004년 05월 28일  01:31:15"), _OUTSIDE),
    "till date": "'till date' is not a date",
    "11. 12. 2014, 08:45:39": "dateparser reads it month first without a language; dotted numeric dates "
                              "are day first on en-GB/fr/nl pages (11 December)",
    "Sun, 16 Dec 2012 1:2:3:4 GMT": "the time is garbled but the day is intact: we keep the day (day "
                                    "precision, no invented time) where feedparser gives nothing",
    "-0312": "ISO 8601:2000 truncated forms (no century) are not written by news sites or feeds: no date",
    "-03-12": "as '-0312'",
    "031231": "two-digit-year basic ISO: indistinguishable from an identifier on a page",
    "03335": "ordinal date without the century: an identifier on a page",
    "03-12-31": "read day-month-year like other numeric dates (3 December 2031); feedparser reads YY-MM-DD",
    "2003-012-31T10:14:55+00:00": "a three-digit month is not ISO 8601: refused, not repaired",
}


def _records() -> list[dict[str, Any]]:
    if not CASES.exists():
        pytest.skip(f"../shared/peers not present: {CASES}")
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def skip_reason(case: dict[str, Any]) -> str | None:
    """Why a case is a deliberate difference, or ``None`` when we must agree."""
    if (case.get("settings") or {}).get("PREFER_DATES_FROM") in ("future", "current_period"):
        return _FUTURE
    return SKIPS.get(case["input"])


def units(case: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The (string, expected ISO) pairs of a case: one, or each match of a search_in_text case."""
    if isinstance(case["expected"], list):
        return [(text, iso) for text, iso in case["expected"]]
    return [(case["input"], case["expected"])]


def _expected_instant(expected: str) -> datetime:
    moment = datetime.fromisoformat(expected)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # naive values are UTC wall clock


def agrees(parsed: ParsedDate | None, expected: str | None) -> bool:
    """Whether our reading is the peer's, at our precision."""
    if expected is None:
        return parsed is None
    if parsed is None:
        return False
    wall = datetime.fromisoformat(expected)
    if parsed.precision in ("minute", "second"):
        cut = 16 if parsed.precision == "minute" else 19
        ours = parsed.value.isoformat()[:cut]
        return ours == _expected_instant(expected).astimezone(UTC).isoformat()[:cut]
    return wall.date().isoformat().startswith(parsed.utc_isoformat())


def read(case: dict[str, Any], text: str) -> ParsedDate | None:
    """Our reading of ``text`` of a peer case: its relative base as fetch time, in UTC."""
    base = case.get("relative_base") or (case.get("settings") or {}).get("RELATIVE_BASE")
    fetched = datetime.fromisoformat(base).replace(tzinfo=UTC) if base else None
    return parse_date(text, tz="UTC", fetched_at=fetched, languages=tuple(case.get("languages") or ()))


def failures(records: list[dict[str, Any]]) -> tuple[int, list[tuple[str, str | None, Any]]]:
    """How many strings were compared and which disagreed (skips left out)."""
    compared, wrong = 0, []
    for case in records:
        if skip_reason(case):
            continue
        for text, expected in units(case):
            if text in SKIPS:
                continue
            compared += 1
            parsed = read(case, text)
            if not agrees(parsed, expected):
                wrong.append((text, expected, parsed and (parsed.utc_isoformat(), parsed.precision)))
    return compared, wrong


def _ids(records: list[dict[str, Any]]) -> list[str]:
    return [f"{r['kind']}:{r['input'][:40]}|{(r.get('settings') or {}).get('PREFER_DATES_FROM', '')}"
            for r in records]


_ALL = _records() if CASES.exists() else []


@pytest.mark.parametrize("case", _ALL, ids=_ids(_ALL))
def test_peer_date_string(case: dict[str, Any]) -> None:
    reason = skip_reason(case)
    if reason:
        pytest.skip(reason)
    for text, expected in units(case):
        if text not in SKIPS:
            parsed = read(case, text)
            assert agrees(parsed, expected), (text, parsed, expected)


def test_the_peer_cases_are_there_and_most_are_compared() -> None:
    records = _records()
    assert len(records) >= 300
    compared, wrong = failures(records)
    assert compared >= 300 and not wrong, (compared, wrong)
