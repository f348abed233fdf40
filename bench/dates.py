"""Date parsing figures: throughput (fast paths vs dateparser alone) and corpus accuracy.

Run: .venv/bin/python bench/dates.py [--repeat N]

Prints
* strings/s of ``parse_date`` on the table of tests/fixtures/dates/cases.tsv, split
  into strings the fast paths read (ISO 8601, RFC 822, numeric, URL) and visible
  text, next to ``dateparser`` alone (one cached DateDataParser per language set,
  same RELATIVE_BASE) on the same strings;
* how many table rows dateparser alone reads to the expected day;
* the share of truth.jsonl ``published`` strings read to the right day;
* end to end, when the page parser is importable: the share of corpus pages whose
  resolved publication date (candidates from ``newscrawl.pages``) falls on the
  truth day, with the sources used and the refusals.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from dateparser.date import DateDataParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newscrawl.dates import CLOCK_SKEW, parse_date, resolve_dates  # noqa: E402
from newscrawl.dates.parsing import zone  # noqa: E402

CASES = ROOT / "tests" / "fixtures" / "dates" / "cases.tsv"
SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))
# Pages without a crawl date are dated against a fixed time after the corpus was built.
CORPUS_FETCH_TIME = datetime(2026, 9, 1, tzinfo=UTC)


def load_cases() -> list[dict[str, str]]:
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def is_fast(raw: str) -> bool:
    """Whether parse_date reads ``raw`` without dateparser (ISO, RFC 822, numeric, URL, epoch)."""
    from newscrawl.dates import parsing

    text = " ".join(raw.split()).lower()
    return bool(parsing._LOOKS_LIKE_URL.match(text) or parsing._EPOCH.match(text)
                or parsing._ISO.match(text) or parsing._ISO_COMPACT.match(text)
                or parsing._RFC822.match(text) or parsing._NUMERIC.match(text))


def rate(func, rows: list[dict[str, str]], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for row in rows:
            func(row)
    elapsed = time.perf_counter() - start
    return len(rows) * repeat / elapsed if elapsed else float("inf")


def ours(row: dict[str, str]):
    return parse_date(row["raw"], tz=row["tz"], fetched_at=datetime.fromisoformat(row["fetched_at"]),
                      languages=tuple(x for x in row["languages"].split(",") if x), kind=row["kind"])


_PLAIN: dict[tuple[str, str], DateDataParser] = {}


def dateparser_alone(row: dict[str, str]):
    fetched = datetime.fromisoformat(row["fetched_at"]).astimezone(zone(row["tz"])).replace(tzinfo=None)
    key = (row["languages"], row["fetched_at"])
    if key not in _PLAIN:
        _PLAIN[key] = DateDataParser(languages=row["languages"].split(","),
                                     settings={"RELATIVE_BASE": fetched})
    return _PLAIN[key].get_date_data(row["raw"]).date_obj


def throughput(repeat: int) -> None:
    rows = load_cases()
    for row in rows:  # warm caches (dateparser loads its language data lazily)
        ours(row)
        dateparser_alone(row)
    fast = [r for r in rows if is_fast(r["raw"])]
    text = [r for r in rows if not is_fast(r["raw"])]
    print(f"table: {len(rows)} strings ({len(fast)} fast-path, {len(text)} visible text), x{repeat}")
    print(f"  parse_date, fast-path strings : {rate(ours, fast, repeat):10.0f} strings/s")
    print(f"  parse_date, text strings      : {rate(ours, text, repeat):10.0f} strings/s")
    print(f"  parse_date, all               : {rate(ours, rows, repeat):10.0f} strings/s")
    print(f"  dateparser alone, fast-path   : {rate(dateparser_alone, fast, repeat):10.0f} strings/s")
    print(f"  dateparser alone, text        : {rate(dateparser_alone, text, repeat):10.0f} strings/s")
    print(f"  dateparser alone, all         : {rate(dateparser_alone, rows, repeat):10.0f} strings/s")
    dated = [r for r in rows if r["precision"] != "none"]
    ours_ok = sum(1 for r in dated if (p := ours(r)) and p.isoformat() == r["expected"]
                  and p.precision == r["precision"])
    plain_day = 0
    for row in dated:
        found = dateparser_alone(row)
        if found is not None:
            local = found if found.tzinfo else found.replace(tzinfo=zone(row["tz"]))
            expected_day = row["expected"][:10] if row["precision"] in ("day", "month", "year") else (
                datetime.fromisoformat(row["expected"]).astimezone(zone(row["tz"])).date().isoformat())
            plain_day += local.date().isoformat()[: len(expected_day)] == expected_day
    print(f"  table rows with a date read exactly (value and precision) by parse_date: "
          f"{ours_ok}/{len(dated)}")
    print(f"  table rows with a date read to the right local day by dateparser alone: "
          f"{plain_day}/{len(dated)}")


def truth_records() -> list[dict]:
    path = SHARED / "corpus" / "truth.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def crawl_time(record: dict) -> datetime:
    raw = record.get("crawl_date")
    return datetime.fromisoformat(raw).replace(tzinfo=UTC) if raw else CORPUS_FETCH_TIME


def truth_strings(records: list[dict]) -> None:
    dated = [r for r in records if r.get("published")]
    right = sum(1 for r in dated if (p := parse_date(r["published"], fetched_at=crawl_time(r)))
                and p.local.date().isoformat() == r["published"][:10])
    print(f"truth `published` strings read to the right day: {right}/{len(dated)} "
          f"= {right / len(dated):.3f}")


def end_to_end(records: list[dict]) -> None:
    try:
        from newscrawl.pages import parse_article
    except ImportError as exc:
        print(f"end to end: skipped (page parser not importable: {exc})")
        return
    dated = [r for r in records if r.get("published") and r.get("lang") in ("en", "fr", "nl")]
    right = missing = future = 0
    sources: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    misses: list[str] = []
    for record in dated:
        data = (SHARED / "corpus" / record["html"]).read_bytes()
        try:
            item = parse_article(data, record.get("url") or "https://example.invalid/")
        except Exception as exc:  # noqa: BLE001 - a bench reports every page it cannot parse
            misses.append(f"{record['id']}: parse error {exc!r}")
            missing += 1
            continue
        fetched = crawl_time(record)
        result = resolve_dates(item.date_candidates, tz="UTC", fetched_at=fetched,
                               languages=(record["lang"],))
        reasons.update(reason for _, reason in result.rejected)
        published = result.published
        if published is None:
            missing += 1
            misses.append(f"{record['id']}: no date (truth {record['published']})")
            continue
        sources[published.source] += 1
        # Calendar dates were already judged by resolve_dates; a time must not pass the fetch.
        future += published.precision in ("minute", "second") and published.value > fetched + CLOCK_SKEW
        day = published.local.date().isoformat()
        if day == record["published"][:10]:
            right += 1
        else:
            misses.append(f"{record['id']}: {published.raw!r} ({published.source}) -> {day}, "
                          f"truth {record['published']}")
    print(f"end to end (page parser + resolve_dates, en/fr/nl pages with a truth date): "
          f"{right}/{len(dated)} = {right / len(dated):.3f} to the day; "
          f"{missing} without a date; {future} in the future of their fetch")
    print(f"  sources used: {dict(sources.most_common())}; refusals: {dict(reasons.most_common())}")
    for line in misses:
        print(f"  miss: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the table per timing")
    args = parser.parse_args()
    throughput(args.repeat)
    records = truth_records()
    if not records:
        print(f"corpus figures: skipped ({SHARED / 'corpus'} not present)")
        return
    truth_strings(records)
    end_to_end(records)


if __name__ == "__main__":
    main()
