"""The dates of the shared real-page corpus (truth.jsonl) read to the right day, none in the future."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newscrawl.dates import parse_date, resolve_dates
from newscrawl.items import DateCandidate

SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", Path(__file__).resolve().parents[2] / "shared"))
TRUTH = SHARED / "corpus" / "truth.jsonl"


def _records() -> list[dict[str, Any]]:
    if not TRUTH.exists():
        pytest.skip(f"../shared/corpus not present: {TRUTH}")
    with TRUTH.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _crawl_time(record: dict[str, Any]) -> datetime | None:
    raw = record.get("crawl_date")
    return datetime.fromisoformat(raw).replace(tzinfo=UTC) if raw else None


def test_every_truth_date_reads_to_its_day() -> None:
    dated = [r for r in _records() if r.get("published")]
    assert dated, "truth.jsonl has no published dates"
    wrong = []
    for record in dated:
        raw = record["published"]
        parsed = parse_date(raw, tz="UTC", fetched_at=_crawl_time(record))
        day = parsed.local.date().isoformat() if parsed else None
        if day != raw[:10]:
            wrong.append((record["id"], raw, day))
    share = 1 - len(wrong) / len(dated)
    assert share >= 0.98, wrong
    assert not wrong, wrong


def test_truth_times_keep_their_precision() -> None:
    for record in _records():
        raw = record.get("published")
        if not raw:
            continue
        parsed = parse_date(raw, tz="UTC")
        assert parsed is not None
        expected = "day" if len(raw) == 10 or raw[11:19] == "00:00:00" else "second"
        assert parsed.precision == expected, (record["id"], raw, parsed.precision)


def test_no_truth_date_is_in_the_future_of_its_crawl() -> None:
    crawled = [r for r in _records() if r.get("published") and r.get("crawl_date")]
    assert crawled
    for record in crawled:
        candidate = DateCandidate("published", "jsonld", record["published"])
        result = resolve_dates([candidate], tz="UTC", fetched_at=_crawl_time(record))
        assert result.rejected == [], record["id"]
        assert result.published is not None
