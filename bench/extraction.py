"""Extraction quality: newscrawl's page parser against bare trafilatura, same pages, same run.

Reads ``shared/corpus/truth.jsonl`` (beside the repository, or ``$NEWSCRAWL_SHARED``) and the
fixed publisher split ``bench/data/extraction_split.tsv`` (tuning half / checking half), and
prints for both extractors, on all pages, on each half, per source of the corpus (fundus,
trafilatura, htmldate) within each half, and per language:

- body F1 on pages with a full ``body`` truth (4-word shingles, precision and recall per page,
  averaged over pages, F1 of the two means);
- snippet accuracy (``body_includes`` present, ``body_excludes`` absent, whitespace-normalised);
- title (normalised exact match), publication date (same calendar day in the page's own offset),
  author recall and junk author names, language (ISO 639-1);
- CPU seconds per page and newscrawl's time as a multiple of trafilatura's on the same pages, after
  a warm-up of shared one-time caches; ``--memory`` adds the peak of tracemalloc-traced memory;
- newscrawl's time per stage (parse, metadata, dates, authors, title, trafilatura, body rules,
  language) against trafilatura's whole time.

``--titles`` prints each title candidate's accuracy alone (cleaned and raw) and each way of
choosing between them (``bench/extraction_titles.py``). ``--ablate`` then runs newscrawl again with each rule on top of trafilatura switched off
(``bench/extraction_rules.py``) and prints what each rule is worth on each half.

Usage::

    .venv/bin/python bench/extraction.py [--limit N] [--lang en,fr] [--memory] [--ablate]
        [--repeat N] [--show-misses FIELD] [--half tuning|checking] [--titles]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
import tracemalloc
import warnings
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import trafilatura

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import newscrawl.pages.article as article_module  # noqa: E402
import newscrawl.pages.body as body_module  # noqa: E402
from bench.extraction_scoring import (  # noqa: E402, F401  (re-exported for tests)
    Extraction,
    Scores,
    normalize_name,
    normalize_space,
    normalize_title,
    score,
    shingles,
    truth_authors,
    truth_day,
)
from newscrawl.language import detect_language  # noqa: E402
from newscrawl.pages import parse_article  # noqa: E402

#: Times are CPU seconds of this process: on a machine shared with other jobs, wall time mostly
#: measures the others. Both extractors are timed with the same clock in the same process.
cpu_now = time.process_time

SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
SPLIT = REPO / "bench" / "data" / "extraction_split.tsv"
HALVES = ("tuning", "checking")
SOURCES = ("fundus", "trafilatura", "htmldate")
LANGUAGES = ("en", "fr", "nl")
EXTRACTORS = ("newscrawl", "trafilatura")
#: newscrawl's stages, timed by wrapping the module functions that do them (name, module, function).
STAGES = (
    ("parse", article_module, "parse_tree"),
    ("metadata", article_module, "read_metadata"),
    ("dates", article_module, "find_date_candidates"),
    ("authors", article_module, "find_authors"),
    ("title", article_module, "find_title"),
    ("body", article_module, "extract_body"),
    ("trafilatura", body_module, "bare_extraction"),
)


# ---------------------------------------------------------------- the split


def load_split(path: Path = SPLIT) -> dict[str, str]:
    """Page id -> half, checking that no publisher has pages in both halves."""
    halves: dict[str, str] = {}
    publisher_half: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("id\t"):
            continue
        page_id, publisher, half = line.split("\t")
        if publisher_half.setdefault(publisher, half) != half or half not in HALVES:
            raise SystemExit(f"{path}: publisher {publisher} is split across halves")
        halves[page_id] = half
    return halves


def row_keys(truth: dict[str, Any], half: str) -> list[str]:
    source = truth["id"].split(":", 1)[0]
    return ["all", half, f"{half}/{source}", f"lang {truth.get('lang')}"]


def row_order() -> list[str]:
    return [
        "all",
        *HALVES,
        *(f"{half}/{source}" for source in SOURCES for half in HALVES),
        *(f"lang {lang}" for lang in LANGUAGES),
    ]


# ---------------------------------------------------------------- extractors


def _resolver():
    try:
        from newscrawl.dates import resolve_dates
    except ImportError:
        return None
    return resolve_dates


RESOLVE_DATES = _resolver()


def fetched_at(truth: dict[str, Any]) -> datetime:
    raw = truth.get("crawl_date")
    if raw:
        value = datetime.fromisoformat(raw)
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC)


def day_of_newscrawl_item(item, truth: dict[str, Any]) -> date | None:
    if RESOLVE_DATES is None:
        return None
    try:
        resolution = RESOLVE_DATES(item.date_candidates, tz="UTC", fetched_at=fetched_at(truth))
    except Exception:  # a bench must report, not stop, on a module under construction
        return None
    published = getattr(resolution, "published", None)
    if published is None:
        return None
    local = getattr(published, "local", None) or published.value
    return local.date()


class StageClock:
    """Wraps newscrawl's stage functions and adds up the time spent in each."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        #: Every run's time per extractor (the rows keep the fastest run of each page).
        self.totals: dict[str, float] = defaultdict(float)
        #: The same two tallies per half of the split: (half, stage or extractor) -> seconds.
        self.half_seconds: dict[tuple[str, str], float] = defaultdict(float)
        self.half_totals: dict[tuple[str, str], float] = defaultdict(float)
        #: The half of the page being measured.
        self.half = "tuning"
        self._originals = []

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds
        self.half_seconds[self.half, name] += seconds

    def add_total(self, extractor: str, seconds: float) -> None:
        self.totals[extractor] += seconds
        self.half_totals[self.half, extractor] += seconds

    def clear(self) -> None:
        for tally in (self.seconds, self.totals, self.half_seconds, self.half_totals):
            tally.clear()

    def install(self) -> None:
        for name, module, attribute in STAGES:
            original = getattr(module, attribute)
            self._originals.append((module, attribute, original))
            setattr(module, attribute, self._timed(name, original))

    def _timed(self, name: str, function):
        def timed(*args, **kwargs):
            started = cpu_now()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(name, cpu_now() - started)

        return timed


CLOCK = StageClock()


def run_newscrawl(data: bytes, truth: dict[str, Any]) -> Extraction:
    """Parse, detect the language and resolve the dates, as ``newscrawl extract`` does, all timed."""
    started = cpu_now()
    item = parse_article(data, truth.get("url") or "https://example.invalid/")
    parsed = cpu_now()
    language = detect_language(
        item.body or item.description or item.title or "", item.language_hints
    )
    detected = cpu_now()
    published_day = day_of_newscrawl_item(item, truth)
    finished = cpu_now()
    CLOCK.add("language", detected - parsed)
    CLOCK.add("date resolution", finished - detected)
    CLOCK.add_total("newscrawl", finished - started)
    return Extraction(
        title=item.title,
        body=item.body or "",
        published_day=published_day,
        authors=item.authors,
        language=language,
        site_name=item.site_name,
        seconds=finished - started,
    )


def run_trafilatura(data: bytes, truth: dict[str, Any]) -> Extraction:
    started = cpu_now()
    document = trafilatura.bare_extraction(data, url=truth.get("url"), with_metadata=True)
    seconds = cpu_now() - started
    CLOCK.add_total("trafilatura", seconds)
    if document is None:
        return Extraction(seconds=seconds)
    return Extraction(
        title=document.title,
        body=document.text or "",
        published_day=truth_day(document.date or ""),
        authors=[a.strip() for a in (document.author or "").split(";") if a.strip()],
        language=(document.language or "").split("-")[0].lower() or None,
        site_name=document.sitename,
        seconds=seconds,
    )


RUNNERS = {"newscrawl": run_newscrawl, "trafilatura": run_trafilatura}


def measure_peak(runner, data: bytes, truth: dict[str, Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        runner(data, truth)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# ---------------------------------------------------------------- report


def _ratio(ok: int, total: int) -> str:
    return f"{ok / total:.3f}" if total else "  -  "


def _f1(scores: Scores) -> str:
    f1 = scores.body_f1()
    return f"{f1:.3f}" if f1 is not None else "  -  "


def print_table(rows: dict[str, dict[str, Scores]]) -> None:
    header = (
        f"{'rows':<21} {'extractor':<12} {'pages':>5} {'bodyF1':>7} {'(n)':>4} {'snippet':>7} "
        f"{'(n)':>4} {'title':>6} {'(n)':>4} {'date':>6} {'(n)':>4} {'authR':>6} {'(n)':>4} "
        f"{'junk':>4} {'lang':>6} {'(n)':>4} {'s/page':>7} {'xtraf':>5} {'peakMB':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in row_order():
        by_extractor = rows.get(row)
        if not by_extractor:
            continue
        reference = by_extractor["trafilatura"].seconds
        for name in EXTRACTORS:
            s = by_extractor[name]
            if not s.pages:
                continue
            times = f"{s.seconds / reference:.2f}" if reference else "-"
            print(
                f"{row:<21} {name:<12} {s.pages:>5} {_f1(s):>7} "
                f"{len(s.body_precision):>4} {_ratio(s.snippets_ok, s.snippets):>7} {s.snippets:>4} "
                f"{_ratio(s.titles_ok, s.titles):>6} {s.titles:>4} {_ratio(s.dates_ok, s.dates):>6} "
                f"{s.dates:>4} {_ratio(s.authors_found, s.authors):>6} {s.authors:>4} "
                f"{s.junk_authors:>4} {_ratio(s.languages_ok, s.languages):>6} {s.languages:>4} "
                f"{s.seconds / s.pages:>7.4f} {times:>5} "
                f"{f'{s.peak_bytes / 1e6:.1f}' if s.peak_bytes else '-':>7}"
            )


def print_stages() -> None:
    """newscrawl's CPU time per stage, as a multiple of bare trafilatura's, over every run.

    One column for all pages and one per half of the split (the speed target holds on each).
    """
    columns = {"all": (dict(CLOCK.seconds), dict(CLOCK.totals))}
    for half in HALVES:
        stages = {n: v for (h, n), v in CLOCK.half_seconds.items() if h == half}
        totals = {n: v for (h, n), v in CLOCK.half_totals.items() if h == half}
        if totals:
            columns[half] = (stages, totals)
    table: dict[str, dict[str, float]] = {}
    references: dict[str, float] = {}
    for column, (seconds, totals) in columns.items():
        references[column] = totals.get("trafilatura", 0.0)
        # Body time includes trafilatura's; the body rules are what is left.
        seconds["body rules"] = seconds.pop("body", 0.0) - seconds.get("trafilatura", 0.0)
        seconds["other"] = totals.get("newscrawl", 0.0) - sum(seconds.values())
        seconds["total"] = totals.get("newscrawl", 0.0)
        for name, value in seconds.items():
            table.setdefault(name, {})[column] = value
    print("\nnewscrawl CPU time per stage, x bare trafilatura's on the same pages and runs:")
    print(f"  {'stage':<16}" + "".join(f"{column:>18}" for column in columns))
    print(f"  {'(trafilatura)':<16}" + "".join(f"{references[c]:>16.2f} s" for c in columns))
    names = sorted((n for n in table if n != "total"), key=lambda n: -table[n].get("all", 0.0))
    for name in [*names, "total"]:
        cells = []
        for column in columns:
            value, reference = table[name].get(column, 0.0), references[column]
            cells.append(f"{value:7.2f} s {value / reference:5.2f}x" if reference else "-")
        print(f"  {name:<16}" + "".join(f"{cell:>18}" for cell in cells))


def warm_up(truths: list[dict[str, Any]]) -> None:
    """Pay one-time costs (imports, dateparser's locale tables, jusText's stoplists) outside the timings.

    Both extractors share these caches in one process, so whichever met them first would pay.
    """
    import dateparser
    from trafilatura.external import jt_stoplist_init

    jt_stoplist_init()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # The last string matches no locale: dateparser then compiles every locale once.
        for text in ("2 mai 2019", "3 mei 2024", "May 2, 2024", "il y a 2 heures", "qq 7 zz 1999"):
            dateparser.parse(text)
    for truth in truths[:1]:
        data = (CORPUS / truth["html"]).read_bytes()
        for runner in RUNNERS.values():
            runner(data, truth)


def measure(
    truths: list[dict[str, Any]],
    halves: dict[str, str],
    runners: dict[str, Any],
    *,
    memory: bool = False,
    repeat: int = 1,
    show: str | None = None,
    misses: list[str] | None = None,
) -> dict[str, dict[str, Scores]]:
    """Run every runner on every page and accumulate scores per row.

    With ``repeat`` > 1 each page's time is the fastest of that many runs: other processes
    on a shared machine only ever add time.
    """
    rows: dict[str, dict[str, Scores]] = {}
    for truth in truths:
        data = (CORPUS / truth["html"]).read_bytes()
        keys = row_keys(truth, halves[truth["id"]])
        CLOCK.half = halves[truth["id"]]
        for name, runner in runners.items():
            extraction = runner(data, truth)
            for _ in range(repeat - 1):
                extraction.seconds = min(extraction.seconds, runner(data, truth).seconds)
            if memory:
                extraction.peak_bytes = measure_peak(runner, data, truth)
            for key in keys:
                scores = rows.setdefault(key, {n: Scores() for n in EXTRACTORS})[name]
                page_misses = misses if name == "newscrawl" and key == "all" else None
                score(scores, extraction, truth, page_misses if page_misses is not None else [], show)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="score only the first N pages (after filters)")
    parser.add_argument("--lang", help="comma-separated truth languages to keep, e.g. fr,nl")
    parser.add_argument("--half", choices=HALVES, help="score only one half of the split")
    parser.add_argument("--memory", action="store_true", help="add a tracemalloc pass")
    parser.add_argument(
        "--repeat", type=int, default=2, help="time each page as the fastest of N runs (default 2)"
    )
    parser.add_argument("--ablate", action="store_true", help="value of each rule, per half")
    parser.add_argument(
        "--titles", action="store_true", help="each title candidate alone and each way to choose"
    )
    parser.add_argument(
        "--show-misses",
        choices=("body", "snippets", "title", "date", "authors", "language"),
        help="list newscrawl's misses",
    )
    args = parser.parse_args(argv)
    if not (CORPUS / "truth.jsonl").exists():
        print(f"corpus not found: {CORPUS} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    halves = load_split()
    truths = [json.loads(line) for line in (CORPUS / "truth.jsonl").open(encoding="utf-8")]
    unsplit = [t["id"] for t in truths if t["id"] not in halves]
    if unsplit:
        print(f"pages missing from {SPLIT}: {', '.join(unsplit)}", file=sys.stderr)
        return 2
    if args.lang:
        truths = [t for t in truths if t.get("lang") in set(args.lang.split(","))]
    if args.half:
        truths = [t for t in truths if halves[t["id"]] == args.half]
    truths = truths[: args.limit] if args.limit else truths
    warm_up(truths)
    CLOCK.install()
    CLOCK.clear()
    misses: list[str] = []
    rows = measure(
        truths,
        halves,
        RUNNERS,
        memory=args.memory,
        repeat=args.repeat,
        show=args.show_misses,
        misses=misses,
    )
    print(
        f"corpus: {CORPUS} ({len(truths)} pages); split: {SPLIT.name}; dates via "
        f"{'newscrawl.dates.resolve_dates' if RESOLVE_DATES else 'none'}"
    )
    print_table(rows)
    print_stages()
    if misses:
        print(f"\nnewscrawl misses ({args.show_misses}):")
        print("\n".join(misses))
    if args.titles:
        from bench.extraction_titles import report

        report(truths, halves, CORPUS)
    if args.ablate:
        from bench.extraction_rules import ablate

        ablate(truths, halves, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
