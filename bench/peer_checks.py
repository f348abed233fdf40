"""The checks behind ``bench/conformance.py`` and ``tests/conformance/``: one runner per peer folder.

Each runner reads one folder of ``../shared/peers`` (see its README) and returns one
:class:`Outcome` per case, with a stable ``case_id`` that the skip list and the date
xfail list name. What "pass" means, per folder:

* ``feeds``: per entry of ``cases.jsonl``. An entry with a link must be listed by
  :func:`parse_feed` under that link (compared without the fragment, resolved against
  ``served_at``), in document order; its date, when the entry has one, must be the
  listed ``published_raw`` when it is a publication element, or ``lastmod`` when it is
  a modification element (``updated``, ``modified``): newscrawl never lets a
  modification date stand for the publication date. An entry without a link must give
  no listed entry (there is nothing to request). A distractor must give no link and no
  date. A feed that fails to read counts as listing nothing.
* ``sitemaps``: per file. ``urlset``/``sitemapindex``: the ``<loc>`` URLs in order
  (children flagged ``is_sitemap`` for an index) and their ``lastmod`` (an empty one
  counts as missing). ``invalid``/``gzip_bomb``: nothing listed, no crash.
* ``urls``: :func:`canonicalize_url` maps the input and the peer's expected output to
  the same key (what dedup needs; newscrawl's own spelling is its choice).
* ``dates``: :func:`parse_date` with the case's languages, ``relative_base`` as the
  fetch time and UTC as the zone gives the expected instant, compared at the precision
  newscrawl reports (naive expected values are UTC wall times); ``expected: null``
  must give no date.
* ``languages``: :func:`detect_language` without hints gives the label; for the af and
  de confusers, any answer but en/fr/nl passes (those pages are not kept).
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from newscrawl.dates import parse_date
from newscrawl.feeds import ListingError, parse_feed, parse_sitemap
from newscrawl.language import detect_language
from newscrawl.urls import canonicalize_url

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))
PEERS = SHARED / "peers"
CONFORMANCE = ROOT / "tests" / "conformance"
SKIPS = CONFORMANCE / "skips.toml"
DATE_XFAILS = CONFORMANCE / "dates_xfail.txt"
CONFIGURED = ("en", "fr", "nl")
# Elements a feed uses for a modification date: compared with ``lastmod``.
_MODIFIED_ELEMENTS = ("updated", "modified")


@dataclass(frozen=True)
class Outcome:
    """One peer case run through newscrawl."""

    case_id: str
    """``folder/...``: the line number of ``cases.jsonl``, or the file (and entry index)."""
    ok: bool
    """Whether newscrawl gives what the peer expects (by the folder's rule above)."""
    detail: str
    """What newscrawl gave against what was expected, for a failure."""


def load_skips() -> dict[str, str]:
    """Case id -> the reason newscrawl deliberately differs."""
    data = tomllib.loads(SKIPS.read_text(encoding="utf-8"))
    return {case: entry["reason"] for entry in data["skip"] for case in entry["cases"]}


def load_date_xfails() -> set[str]:
    """Date case ids that fail today and are left to the dates work."""
    lines = DATE_XFAILS.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


def _cases(folder: str) -> Iterator[tuple[int, dict]]:
    with open(PEERS / folder / "cases.jsonl", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, json.loads(line)


def case_ids(folder: str) -> list[str]:
    """The ids :data:`RUNNERS` ``[folder]`` gives its outcomes, without running anything."""
    if folder == "feeds":
        return [f"feeds/{case['file']}#{i}" for _, case in _cases("feeds") for i in range(len(case["entries"]))]
    if folder == "sitemaps":
        return [f"sitemaps/{case['file']}" for _, case in _cases("sitemaps")]
    return [f"{folder}/{number}" for number, _ in _cases(folder)]


# feeds


def run_feeds() -> list[Outcome]:
    outcomes = []
    for _, case in _cases("feeds"):
        body = (PEERS / "feeds" / case["file"]).read_bytes()
        crash = None
        try:
            listed = parse_feed(body, case["served_at"])
        except ListingError:
            listed = []
        except Exception as exc:  # a crash fails every entry of the file, reported as such
            listed, crash = [], exc
        by_link = {_no_fragment(e.url): e for e in listed}
        linked = [e for e in case["entries"] if e["link"]]
        extra = len(listed) - len(linked)
        for index, expected in enumerate(case["entries"]):
            case_id = f"feeds/{case['file']}#{index}"
            if crash is not None:
                outcomes.append(Outcome(case_id, False, f"parse_feed raised {crash!r}"))
                continue
            outcomes.append(_feed_outcome(case_id, case, expected, by_link, extra))
    return outcomes


def _feed_outcome(case_id: str, case: dict, expected: dict, by_link: dict, extra: int) -> Outcome:
    if not expected["link"]:
        ok = extra <= 0
        return Outcome(case_id, ok, f"listed {extra} entries more than the feed has links")
    try:
        link = _no_fragment(urljoin(case["served_at"], expected["link"]))
    except ValueError:  # a link that cannot be joined (the folder keeps it raw)
        link = expected["link"]
    entry = by_link.get(link)
    if entry is None:
        return Outcome(case_id, False, f"link {link} not listed (listed: {sorted(by_link)})")
    raw = expected["published_raw"]
    if raw is None:
        return Outcome(case_id, True, "")
    element = (expected["date_element"] or "").split(":")[-1]
    got = entry.lastmod if element in _MODIFIED_ELEMENTS else entry.published_raw
    ok = (got or "").strip() == raw.strip()
    return Outcome(case_id, ok, f"{expected['date_element']}: got {got!r}, expected {raw!r}")


def _no_fragment(url: str) -> str:
    return urldefrag(url)[0]


# sitemaps


def run_sitemaps() -> list[Outcome]:
    outcomes = []
    for _, case in _cases("sitemaps"):
        body = (PEERS / "sitemaps" / case["file"]).read_bytes()
        base = case.get("response_url") or case.get("base_url") or "http://www.example.com/sitemap.xml"
        try:
            entries = parse_sitemap(body, base)
        except ListingError:
            entries = []
        got = [e.url for e in entries]
        expected = case["urls"] if case["kind"] in ("urlset", "sitemapindex") else []
        ok = got == expected
        lastmods = {url: value for url, value in case["lastmod"].items() if value}
        ok = ok and {e.url: e.lastmod for e in entries if e.lastmod} == lastmods
        ok = ok and all(e.is_sitemap == (case["kind"] == "sitemapindex") for e in entries)
        outcomes.append(Outcome(f"sitemaps/{case['file']}", ok, f"got {got}, expected {expected}"))
    return outcomes


# urls


def run_urls() -> list[Outcome]:
    outcomes = []
    for number, case in _cases("urls"):
        got, peer = canonicalize_url(case["input"]), canonicalize_url(case["expected"])
        outcomes.append(Outcome(f"urls/{number}", got == peer,
                                f"{case['input']!r} -> {got!r}; peer's {case['expected']!r} -> {peer!r}"))
    return outcomes


# dates


def run_dates() -> list[Outcome]:
    outcomes = []
    for number, case in _cases("dates"):
        ok, detail = _date_matches(case)
        outcomes.append(Outcome(f"dates/{number}", ok, f"{case['input']!r}: {detail}"))
    return outcomes


def _date_matches(case: dict) -> tuple[bool, str]:
    base = datetime.fromisoformat(case["relative_base"]) if case.get("relative_base") else None
    try:
        parsed = parse_date(case["input"], tz="UTC", fetched_at=base,
                            languages=tuple(case.get("languages") or ()))
    except Exception as exc:  # a crash is a failure to report, not a reason to stop
        return False, f"raised {exc!r}"
    expected = case["expected"]
    if expected is None or isinstance(expected, list):
        return parsed is None if expected is None else False, f"got {parsed and parsed.isoformat()}"
    if parsed is None:
        return False, f"no date, expected {expected}"
    want = datetime.fromisoformat(expected)
    want = want.replace(tzinfo=UTC) if want.tzinfo is None else want.astimezone(UTC)
    if parsed.precision in ("year", "month", "day"):
        want_text = want.date().isoformat()[: {"year": 4, "month": 7, "day": 10}[parsed.precision]]
    else:
        cut = {"minute": {"second": 0, "microsecond": 0}, "second": {"microsecond": 0}}
        want_text = want.replace(**cut.get(parsed.precision, {})).isoformat()
    got = parsed.isoformat()
    return got == want_text, f"got {got} ({parsed.precision}), expected {want_text}"


# languages


def language_cases() -> list[tuple[str, dict]]:
    return [(f"languages/{number}", case) for number, case in _cases("languages")]


def is_tuning(text: str) -> bool:
    """The fixed tuning half of the language cases (by hash of the text); the rest checks."""
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0


def language_correct(case: dict, found: str | None) -> bool:
    if case["lang"] in CONFIGURED:
        return found == case["lang"]
    return found not in CONFIGURED


def run_languages() -> list[Outcome]:
    outcomes = []
    for case_id, case in language_cases():
        found = detect_language(case["text"])
        outcomes.append(Outcome(case_id, language_correct(case, found),
                                f"{case['kind']} {case['lang']}: got {found} for {case['text'][:60]!r}"))
    return outcomes


def language_figures() -> dict[str, dict[str, tuple[int, int]]]:
    """Per half ("tuning"/"checking") and kind: (correct, total), plus the declared-nl runs.

    ``nl declared`` runs the Dutch cases with ``html_lang="nl"``: correct means ``nl``;
    ``af for nl`` counts how often it still says ``af`` (must be 0). ``declared right`` /
    ``declared wrong`` run en/fr/nl sentences and word pairs with their own language, or
    the next configured one, as ``html_lang``.
    """
    figures: dict[str, dict[str, list[int]]] = {}
    for _, case in language_cases():
        half = figures.setdefault("tuning" if is_tuning(case["text"]) else "checking", {})
        found = detect_language(case["text"])
        for key in (case["kind"], f"{case['kind']} {case['lang']}"):
            cell = half.setdefault(key, [0, 0])
            cell[0] += language_correct(case, found)
            cell[1] += 1
        rows = []
        if case["lang"] == "nl":
            declared = detect_language(case["text"], {"html_lang": "nl"})
            rows += [("nl declared", declared == "nl"), ("af for nl declared", declared == "af")]
        if case["lang"] in CONFIGURED and case["kind"] != "word":
            wrong = CONFIGURED[(CONFIGURED.index(case["lang"]) + 1) % len(CONFIGURED)]
            rows += [(f"{case['kind']} declared right",
                      detect_language(case["text"], {"html_lang": case["lang"]}) == case["lang"]),
                     (f"{case['kind']} declared wrong",
                      detect_language(case["text"], {"html_lang": wrong}) == case["lang"])]
        for key, hit in rows:
            cell = half.setdefault(key, [0, 0])
            cell[0] += hit
            cell[1] += 1
    return {half: {k: (v[0], v[1]) for k, v in rows.items()} for half, rows in figures.items()}


def print_language_figures() -> None:
    figures = language_figures()
    print("languages: measured against targets, not skip-listed (tests/conformance/test_languages.py)")
    print("(no hints unless 'declared'; af/de pass when not en/fr/nl), tuning half vs checking half:")
    keys = sorted({k for rows in figures.values() for k in rows})
    for key in keys:
        cells = []
        for half in ("tuning", "checking"):
            hit, total = figures.get(half, {}).get(key, (0, 0))
            cells.append(f"{hit:>4}/{total:<4} {hit / total if total else 0:6.1%}")
        print(f"  {key:<22} {'   '.join(cells)}")


RUNNERS: dict[str, Callable[[], list[Outcome]]] = {
    "feeds": run_feeds,
    "sitemaps": run_sitemaps,
    "urls": run_urls,
    "dates": run_dates,
    "languages": run_languages,
}
