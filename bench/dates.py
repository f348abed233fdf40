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
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import htmldate
from dateparser.date import DateDataParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newscrawl.dates import parse_date, resolve_dates  # noqa: E402
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
    from newscrawl.dates import machine, parsing

    text = " ".join(raw.split()).lower()
    return bool(machine.LOOKS_LIKE_URL.match(text) or machine.EPOCH.match(text)
                or machine.ISO.match(text) or machine.ISO_COMPACT.match(text)
                or machine.RFC822.match(text) or machine.ASCTIME.match(text)
                or parsing._NUMERIC.match(text))


def rate(func, rows: list[dict[str, str]], repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        for row in rows:
            func(row)
    elapsed = time.process_time() - start
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
    ours_ok = sum(1 for r in dated if (p := ours(r)) and p.utc_isoformat() == r["expected"]
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
                and p.day() == r["published"][:10])
    print(f"truth `published` strings read to the right day: {right}/{len(dated)} "
          f"= {right / len(dated):.3f}")


# The corpus is split by publisher into the fixed halves of bench/data/extraction_split.tsv,
# the same split bench/extraction.py reports on: rules are written looking at the tuning half
# only, and kept only if the checking half agrees.
HALVES = ("tuning", "checking")
_SPLIT: dict[str, str] = {}


def half(record: dict) -> str:
    """``tuning`` or ``checking``, as the fixed split file gives it."""
    if not _SPLIT:
        from bench.extraction import load_split

        _SPLIT.update(load_split())
    return _SPLIT[record["id"]]


_JSONLD = re.compile(rb"<script[^>]*ld\+json[^>]*>.*?</script>", re.I | re.S)
_META = re.compile(rb"<meta(?![^>]*charset)[^>]*>", re.I)


def without_structured_data(data: bytes) -> bytes:
    """The page without JSON-LD and ``<meta>`` (charset kept): what an older or smaller site serves.

    The corpus dates ~90 % of its pages from JSON-LD, so rules for bylines, ``<time>``,
    htmldate's guess and the URL are only measurable once the structured data is gone.
    """
    return _META.sub(b"", _JSONLD.sub(b"", data))


_TIME_DATETIME = re.compile(rb"(<time\b[^>]*?)\sdatetime=(\"[^\"]*\"|'[^']*')", re.I)


def without_time_datetime(data: bytes) -> bytes:
    """The page without ``<time datetime>`` values: only byline text, the URL and the guess remain."""
    return _TIME_DATETIME.sub(rb"\1", data)


def variants(records: list[dict]) -> None:
    """Stripped pages made harder: also without ``<time datetime>``, without the URL, or both.

    Diagnostic figures for the byline-text, URL and guess rules; misses of the tuning half only.
    """
    dated = [r for r in records if r.get("published")]
    print("stripped pages made harder (diagnostic), ours vs htmldate original_date:")
    for name, no_time, no_url in (("no <time datetime>", True, False), ("no URL", False, True),
                                  ("neither", True, True)):
        score: Counter[tuple[str, str]] = Counter()
        misses = []
        for record in dated:
            data = without_structured_data((SHARED / "corpus" / record["html"]).read_bytes())
            if no_time:
                data = without_time_datetime(data)
            shown = dict(record, url=None) if no_url else record
            truth = record["published"][:10]
            ours, how, _ = _our_day(data, shown)
            group = half(record)
            score[group, "pages"] += 1
            score[group, "ours"] += ours == truth
            score[group, "htmldate"] += _htmldate_day(data, shown.get("url"), True) == truth
            if ours != truth and group == "tuning":
                misses.append(f"[{name}] {record['id']}: {how} -> {ours}, truth {truth}")
        print(f"  {name:20} " + "   ".join(
            f"{group} {score[group, 'ours'] / score[group, 'pages']:.3f} / "
            f"{score[group, 'htmldate'] / score[group, 'pages']:.3f}" for group in HALVES))
        for line in misses:
            print(f"    miss: {line}")


def _htmldate_day(data: bytes, url: str | None, original: bool) -> str | None:
    try:
        return htmldate.find_date(data, url=url, original_date=original)
    except Exception:  # noqa: BLE001 - the reference library's own failure counts as a miss
        return None


def _our_day(data: bytes, record: dict) -> tuple[str | None, str, str | None]:
    from newscrawl.pages import parse_article

    try:
        item = parse_article(data, record.get("url") or "https://example.invalid/")
    except Exception as exc:  # noqa: BLE001 - a bench reports every page it cannot parse
        return None, f"parse error {exc!r}", None
    result = resolve_dates(item.date_candidates, tz="UTC", fetched_at=crawl_time(record),
                           languages=(record.get("lang") or "en",))
    published = result.published
    if published is None:
        return None, "no date", None
    utc_day = published.value.date().isoformat() if published.day() else None
    return published.day() or None, f"{published.raw!r} ({published.source}, {published.precision})", utc_day


def end_to_end(records: list[dict], show_checking: bool, stripped: bool = False) -> None:
    """Publication day of every corpus page with a truth date, ours vs bare htmldate, per half and source."""
    dated = [r for r in records if r.get("published")]
    title = "pages WITHOUT JSON-LD and <meta>" if stripped else "publication day"
    score: dict[tuple[str, str], Counter[str]] = {}
    misses: list[str] = []
    start = {"ours": 0.0, "htmldate_original": 0.0, "htmldate_default": 0.0}
    # "ours_utc": the day of the UTC instant, as published_at gave it before issue 12.
    for record in dated:
        data = (SHARED / "corpus" / record["html"]).read_bytes()
        if stripped:
            data = without_structured_data(data)
        truth = record["published"][:10]
        began = time.process_time()
        ours, how, utc_day = _our_day(data, record)
        start["ours"] += time.process_time() - began
        days = {"ours": ours, "ours_utc": utc_day}
        for name, original in (("htmldate_original", True), ("htmldate_default", False)):
            began = time.process_time()
            days[name] = _htmldate_day(data, record.get("url"), original)
            start[name] += time.process_time() - began
        group = half(record)
        for key in ((group, "all"), (group, record["id"].split(":")[0])):
            counts = score.setdefault(key, Counter())
            counts["pages"] += 1
            counts.update(name for name, day in days.items() if day == truth)
        if ours != truth and (group == "tuning" or show_checking):
            misses.append(f"[{group}] {record['id']}: {how} -> {ours}, truth {truth}, "
                          f"htmldate {days['htmldate_original']}/{days['htmldate_default']}")
    print(f"{title}, ours vs bare htmldate (same pages, same run; original_date=True / default):")
    print(f"  {'half':9} {'source':12} {'pages':>5} {'ours':>6} {'ours UTC day':>12} "
          f"{'htmldate orig':>13} {'htmldate def':>12}")
    for (group, source), counts in sorted(score.items(), key=lambda kv: (HALVES.index(kv[0][0]), kv[0][1])):
        n = counts["pages"]
        print(f"  {group:9} {source:12} {n:5d} {counts['ours'] / n:6.3f} {counts['ours_utc'] / n:12.3f} "
              f"{counts['htmldate_original'] / n:13.3f} {counts['htmldate_default'] / n:12.3f}")
    print(f"  seconds for all pages: {', '.join(f'{k} {v:.1f}' for k, v in start.items())}")
    if not show_checking:
        print("  (misses listed for the tuning half only; --show-checking lists the other half)")
    for line in misses:
        print(f"  miss: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the table per timing")
    parser.add_argument("--show-checking", action="store_true",
                        help="also list the checking half's misses (do not tune on them)")
    parser.add_argument("--pages-only", action="store_true", help="skip the string-table timings")
    parser.add_argument("--variants", action="store_true",
                        help="also stripped pages without <time datetime> and/or without the URL")
    args = parser.parse_args()
    if not args.pages_only:
        throughput(args.repeat)
    records = truth_records()
    if not records:
        print(f"corpus figures: skipped ({SHARED / 'corpus'} not present)")
        return
    truth_strings(records)
    end_to_end(records, args.show_checking)
    end_to_end(records, args.show_checking, stripped=True)
    if args.variants:
        variants(records)


if __name__ == "__main__":
    main()
