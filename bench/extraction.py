"""Extraction quality: newscrawl's page parser against bare trafilatura, same pages, same run.

Reads ``shared/corpus/truth.jsonl`` (beside the repository, or ``$NEWSCRAWL_SHARED``) and prints,
per language (en, fr, nl) and in total, for both extractors:

- body F1 on pages with a full ``body`` truth (4-word shingles, precision and recall per page,
  averaged over pages, F1 of the two means);
- snippet accuracy (``body_includes`` present, ``body_excludes`` absent, whitespace-normalised);
- title (normalised exact match), publication date (same calendar day in the page's own offset),
  author recall and junk author names, language (ISO 639-1);
- seconds per page (after a warm-up of shared one-time caches) and the largest peak of
  tracemalloc-traced memory over pages (Python allocations; lxml's C memory is not traced).

Dates go through ``newscrawl.dates.resolve_dates`` (``crawl_date`` as fetch time, tz UTC) when
that module is importable, else through dateparser on ``published_raw``.

Usage::

    .venv/bin/python bench/extraction.py [--limit N] [--lang en,fr] [--no-memory] [--show-misses FIELD]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
import time
import tracemalloc
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import trafilatura

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newscrawl.language import detect_language  # noqa: E402
from newscrawl.pages import parse_article  # noqa: E402

SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
LANGUAGE_ROWS = ("en", "fr", "nl")
EXTRACTORS = ("newscrawl", "trafilatura")
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
_JUNK_AUTHOR = re.compile(
    r"^(by|par|door|von|updated|published|posted)\b|\d{1,4}[/.:-]\d{1,2}|\b(19|20)\d{2}\b|\bago\b",
    re.IGNORECASE,
)


@dataclass
class Extraction:
    """What one extractor returned for one page, in comparable form."""

    title: str | None = None
    body: str = ""
    published_day: date | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    site_name: str | None = None
    seconds: float = 0.0
    peak_bytes: int = 0


@dataclass
class Scores:
    """Accumulated figures of one extractor over a set of pages."""

    pages: int = 0
    body_precision: list[float] = field(default_factory=list)
    body_recall: list[float] = field(default_factory=list)
    snippets_ok: int = 0
    snippets: int = 0
    titles_ok: int = 0
    titles: int = 0
    dates_ok: int = 0
    dates: int = 0
    authors_found: int = 0
    authors: int = 0
    junk_authors: int = 0
    languages_ok: int = 0
    languages: int = 0
    seconds: float = 0.0
    peak_bytes: int = 0

    def body_f1(self) -> float | None:
        if not self.body_precision:
            return None
        precision = sum(self.body_precision) / len(self.body_precision)
        recall = sum(self.body_recall) / len(self.body_recall)
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# ---------------------------------------------------------------- normalisation


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-word shingles of lower-cased ``\\w+`` tokens."""
    tokens = [t.lower() for t in _WORD.findall(text or "")]
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def normalize_title(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return " ".join(text.casefold().split()).strip(" .")


def normalize_space(text: str | None) -> str:
    return " ".join((text or "").replace("\u00a0", " ").split())


def normalize_name(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(re.sub(r"[^\w\s'-]", " ", text.casefold()).split())


def truth_day(published: str) -> date | None:
    """The calendar day of a truth date, in the offset it is written in."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published or "")
    return date(*map(int, match.groups())) if match else None


def truth_authors(truth: dict[str, Any]) -> list[str]:
    """True person names (trafilatura annotates one string; outlet names are not persons)."""
    names: list[str] = []
    for raw in truth.get("authors") or []:
        for name in re.split(r"\s*[;,]\s*|\s+and\s+|\s+et\s+", raw):
            if normalize_name(name) and not is_outlet(name, truth):
                names.append(name.strip())
    return names


def is_outlet(name: str, truth: dict[str, Any]) -> bool:
    """Whether a truth author names the publishing outlet (fundus sometimes lists it as author)."""
    key = re.sub(r"\W", "", name.casefold())
    publisher = re.sub(r"\W", "", (truth.get("publisher") or "").rsplit("/", 1)[-1].casefold())
    host = (truth.get("url") or "").split("/")[2:3]
    labels = [label for label in (host[0].split(".") if host else []) if len(label) > 3]
    if re.search(r"\.(com|be|fr|nl|uk|de|net|org)$", name.strip().casefold()):
        return True
    return bool(key) and any(
        key in other or other in key for other in [publisher, *labels] if other
    )


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
    if RESOLVE_DATES is not None:
        try:
            resolution = RESOLVE_DATES(item.date_candidates, tz="UTC", fetched_at=fetched_at(truth))
        except Exception:  # a bench must report, not stop, on a module under construction
            resolution = None
        published = getattr(resolution, "published", None)
        if published is not None:
            local = getattr(published, "local", None) or published.value
            return local.date()
        return None
    return _dateparser_day(item.published_raw, truth)


def _dateparser_day(raw: str | None, truth: dict[str, Any]) -> date | None:
    if not raw:
        return None
    import dateparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = dateparser.parse(
            raw, settings={"RELATIVE_BASE": fetched_at(truth).replace(tzinfo=None)}
        )
    return value.date() if value else None


def run_newscrawl(data: bytes, truth: dict[str, Any]) -> Extraction:
    started = time.perf_counter()
    item = parse_article(data, truth.get("url") or "https://example.invalid/")
    language = detect_language(
        item.body or item.description or item.title or "", item.language_hints
    )
    seconds = time.perf_counter() - started
    return Extraction(
        title=item.title,
        body=item.body or "",
        published_day=day_of_newscrawl_item(item, truth),
        authors=item.authors,
        language=language,
        site_name=item.site_name,
        seconds=seconds,
    )


def run_trafilatura(data: bytes, truth: dict[str, Any]) -> Extraction:
    started = time.perf_counter()
    document = trafilatura.bare_extraction(data, url=truth.get("url"), with_metadata=True)
    seconds = time.perf_counter() - started
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


# ---------------------------------------------------------------- scoring


def score(
    scores: Scores,
    extraction: Extraction,
    truth: dict[str, Any],
    misses: list[str],
    show: str | None,
) -> None:
    page = truth["id"]
    scores.pages += 1
    scores.seconds += extraction.seconds
    scores.peak_bytes = max(scores.peak_bytes, extraction.peak_bytes)
    if truth.get("body"):
        expected, found = shingles(truth["body"]), shingles(extraction.body)
        overlap = sum((expected & found).values())
        scores.body_precision.append(overlap / sum(found.values()) if found else 0.0)
        scores.body_recall.append(overlap / sum(expected.values()) if expected else 1.0)
        if show == "body" and (scores.body_precision[-1] < 0.95 or scores.body_recall[-1] < 0.95):
            misses.append(
                f"{page}: P={scores.body_precision[-1]:.3f} R={scores.body_recall[-1]:.3f}"
            )
    body = normalize_space(extraction.body)
    for snippet in truth.get("body_includes") or []:
        scores.snippets += 1
        ok = normalize_space(snippet) in body
        scores.snippets_ok += ok
        if show == "snippets" and not ok:
            misses.append(f"{page}: missing {snippet[:90]!r}")
    for snippet in truth.get("body_excludes") or []:
        scores.snippets += 1
        ok = normalize_space(snippet) not in body
        scores.snippets_ok += ok
        if show == "snippets" and not ok:
            misses.append(f"{page}: unwanted {snippet[:90]!r}")
    if truth.get("title"):
        scores.titles += 1
        ok = normalize_title(truth["title"]) == normalize_title(extraction.title)
        scores.titles_ok += ok
        if show == "title" and not ok:
            misses.append(f"{page}: {extraction.title!r} != {truth['title']!r}")
    if truth.get("published"):
        scores.dates += 1
        ok = extraction.published_day == truth_day(truth["published"])
        scores.dates_ok += ok
        if show == "date" and not ok:
            misses.append(f"{page}: {extraction.published_day} != {truth['published']}")
    expected_names = truth_authors(truth)
    found_names = {normalize_name(a) for a in extraction.authors}
    for name in expected_names:
        scores.authors += 1
        ok = normalize_name(name) in found_names
        scores.authors_found += ok
        if show == "authors" and not ok:
            misses.append(f"{page}: missing {name!r} in {extraction.authors}")
    outlets = {normalize_name(n) for n in (truth.get("publisher"), extraction.site_name) if n}
    for name in extraction.authors:
        junk = bool(_JUNK_AUTHOR.search(name)) or normalize_name(name) in outlets
        scores.junk_authors += junk
        if show == "authors" and junk:
            misses.append(f"{page}: junk {name!r}")
    if truth.get("lang"):
        scores.languages += 1
        ok = extraction.language == truth["lang"]
        scores.languages_ok += ok
        if show == "language" and not ok:
            misses.append(f"{page}: {extraction.language} != {truth['lang']}")


def _ratio(ok: int, total: int) -> str:
    return f"{ok / total:.3f}" if total else "  -  "


def print_table(rows: dict[str, dict[str, Scores]]) -> None:
    header = (
        f"{'lang':<5} {'extractor':<12} {'pages':>5} {'bodyF1':>7} {'(n)':>4} {'snippet':>7} "
        f"{'(n)':>4} {'title':>6} {'(n)':>4} {'date':>6} {'(n)':>4} {'authR':>6} {'(n)':>4} "
        f"{'junk':>4} {'lang':>6} {'(n)':>4} {'s/page':>7} {'peakMB':>7}"
    )
    print(header)
    print("-" * len(header))
    for row, by_extractor in rows.items():
        for name in EXTRACTORS:
            s = by_extractor[name]
            if not s.pages:
                continue
            f1 = s.body_f1()
            print(
                f"{row:<5} {name:<12} {s.pages:>5} {f'{f1:.3f}' if f1 is not None else '  -  ':>7} "
                f"{len(s.body_precision):>4} {_ratio(s.snippets_ok, s.snippets):>7} {s.snippets:>4} "
                f"{_ratio(s.titles_ok, s.titles):>6} {s.titles:>4} {_ratio(s.dates_ok, s.dates):>6} "
                f"{s.dates:>4} {_ratio(s.authors_found, s.authors):>6} {s.authors:>4} "
                f"{s.junk_authors:>4} {_ratio(s.languages_ok, s.languages):>6} {s.languages:>4} "
                f"{s.seconds / s.pages:>7.4f} {f'{s.peak_bytes / 1e6:.1f}' if s.peak_bytes else '-':>7}"
            )


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="score only the first N pages (after --lang)")
    parser.add_argument("--lang", help="comma-separated truth languages to keep, e.g. fr,nl")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument(
        "--show-misses",
        choices=("body", "snippets", "title", "date", "authors", "language"),
        help="list newscrawl's misses",
    )
    args = parser.parse_args(argv)
    if not (CORPUS / "truth.jsonl").exists():
        print(f"corpus not found: {CORPUS} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    truths = [json.loads(line) for line in (CORPUS / "truth.jsonl").open(encoding="utf-8")]
    if args.lang:
        keep = set(args.lang.split(","))
        truths = [t for t in truths if t.get("lang") in keep]
    truths = truths[: args.limit] if args.limit else truths
    rows = {r: {n: Scores() for n in EXTRACTORS} for r in (*LANGUAGE_ROWS, "all")}
    warm_up(truths)
    misses: list[str] = []
    for truth in truths:
        data = (CORPUS / truth["html"]).read_bytes()
        for name, runner in RUNNERS.items():
            extraction = runner(data, truth)
            if not args.no_memory:
                extraction.peak_bytes = measure_peak(runner, data, truth)
            for row in (truth.get("lang"), "all"):
                if row in rows:
                    score(
                        rows[row][name],
                        extraction,
                        truth,
                        misses if name == "newscrawl" and row == "all" else [],
                        args.show_misses,
                    )
    print(
        f"corpus: {CORPUS} ({len(truths)} pages); dates via "
        f"{'newscrawl.dates.resolve_dates' if RESOLVE_DATES else 'dateparser on published_raw'}"
    )
    print_table(rows)
    if misses:
        print(f"\nnewscrawl misses ({args.show_misses}):")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
