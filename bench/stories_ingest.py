"""Ingest mode of the stories benchmark: the labelled sets through ``newscrawl ingest`` (every item
pipeline, a real SQLite file), in shuffled orders split into cron runs, fixtures on and off.

Run: ``.venv/bin/python bench/stories.py --ingest [--shuffles N]``.

Each figure: :data:`SHUFFLES` shuffled arrival orders, each split into :data:`RUNS` ingest runs
into one archive; the articles' final story ids are scored against the gold match ids
(B-cubed). Order independence shows as min = max. Fixtures on: the gold fixtures (as
``stories_regroup.gold_fixtures``) are in the ``fixtures`` table before the first run; off:
``NEWSCRAWL_STORIES_FIXTURES=false``. Each set is measured with publication dates known, then with
only the dates written in the text (records without ``published_at``); the last column counts the
stories holding articles of two gold matches (max over the orders; must stay 0).
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SHUFFLES = 20
RUNS = 3


def bench_url(article: Any) -> str:
    return f"https://bench.example/{article.language or 'xx'}/{article.id}.html"


def fixture_rows(articles: Sequence) -> list[dict[str, Any]]:
    """``fixtures`` rows of the gold matches.

    A competition the gazetteer does not know is left out of its row: ``newscrawl fixtures import``
    maps competitions through the gazetteer, so such an id never reaches a real ``fixtures`` table
    (the blind set labels the Scottish Premiership, which the gazetteer lacks).
    """
    from stories_regroup import gold_fixtures

    from newscrawl.matching import load_gazetteer

    known = load_gazetteer().competitions
    rows = []
    for f in gold_fixtures(articles):
        goals = dict(f.goals) if f.goals else {}
        a, b = f.team_ids
        rows.append({"team_a": a, "team_b": b, "kickoff_date": f.kickoff_date.isoformat(),
                     "competition": f.competition_id if f.competition_id in known else None, "home_team": a, "away_team": b,
                     "score_home": goals.get(a), "score_away": goals.get(b), "source": "gold"})
    return rows


def ingest_batches(articles: Sequence, batches: Sequence[Sequence], *, fixtures: bool = False,
                   overrides: dict[str, Any] | None = None, dates_known: bool = True) -> tuple[list[str | None], dict[str, str], float]:
    """Ingest ``batches`` (one ingest run each) into a fresh archive.

    Returns one story label per article of ``articles`` (a duplicate takes its kept article's),
    the predicted duplicate-of map (article id -> kept article id) and the wall time of the
    runs (start-up paid before, on a throwaway archive). ``dates_known=False`` leaves out the
    publication date, as a page declaring none would.
    """
    from newscrawl.archive import Archive
    from newscrawl.runs.crawl import crawl_settings
    from newscrawl.runs.ingest import ingest, read_records

    settings_values = {"NEWSCRAWL_MIN_BODY_WORDS": 0, "NEWSCRAWL_STORIES_FIXTURES": fixtures, **(overrides or {})}
    by_url = {bench_url(a): a for a in articles}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        archive = Archive(db)
        if fixtures:
            archive.write_fixtures(fixture_rows(articles))
        archive.close()
        sources = []
        for n, batch in enumerate(batches):
            source = Path(tmp) / f"run-{n}.jsonl"
            with source.open("w", encoding="utf-8") as handle:
                for a in batch:
                    record = {"url": bench_url(a), "title": a.title, "body": a.body, "language": a.language,
                              "published_at": a.published_at if dates_known else None,
                              "timezone": "Europe/Paris"}
                    if dates_known:  # fetched when published, as a crawler reading the page would be (a set
                        record["fetched_at"] = a.published_at  # dated after today keeps its dates)
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            sources.append(source)
        # One-time start-up (imports, language profiles, gazetteer) is paid once per process.
        first = json.loads(sources[0].read_text("utf-8").splitlines()[0])
        ingest([(1, first)], crawl_settings(Path(tmp) / "warm-up.db", settings_values))
        started = time.perf_counter()
        for source in sources:
            ingest(read_records(source), crawl_settings(db, settings_values))
        seconds = time.perf_counter() - started
        archive = Archive(db)
        story = dict(archive.db.execute("SELECT canonical_url, story_id FROM articles").fetchall())
        folded = archive.db.execute(
            "SELECT u.url, a.canonical_url, u.kind FROM article_urls u JOIN articles a ON a.id = u.article_id"
        ).fetchall()
        archive.close()
    owner = {url: kept for url, kept, _kind in folded}
    duplicates = {by_url[url].id: by_url[kept].id for url, kept, kind in folded
                  if kind.endswith("_duplicate") and url in by_url and kept in by_url}
    labels = []
    for a in articles:
        story_id = story.get(owner.get(bench_url(a), bench_url(a)))
        labels.append(f"story-{story_id}" if story_id else None)
    return labels, duplicates, seconds


def figures(articles: Sequence, bcubed: Callable, *, fixtures: bool, shuffles: int,
            dates_known: bool = True) -> dict[str, list[float]]:
    """B-cubed P/R/F1 over ``shuffles`` orders x :data:`RUNS` runs, articles/s of each ingest and
    the stories mixing two gold matches."""
    from stories_regroup import mixed_stories

    gold = [a.match for a in articles]
    rng = random.Random(11)
    out: dict[str, list[float]] = {"precision": [], "recall": [], "f1": [], "rate": [], "mixed": []}
    size = -(-len(articles) // RUNS)
    for _ in range(shuffles):
        order = list(articles)
        rng.shuffle(order)
        batches = [order[i * size : (i + 1) * size] for i in range(RUNS)]
        labels, _dups, seconds = ingest_batches(articles, batches, fixtures=fixtures, dates_known=dates_known)
        p, r, f = bcubed(gold, labels)
        out["mixed"].append(float(mixed_stories(
            articles, {a.id: label for a, label in zip(articles, labels, strict=True) if label})))
        out["precision"].append(p)
        out["recall"].append(r)
        out["f1"].append(f)
        out["rate"].append(len(articles) / seconds)
    return out


def _rates(values: list[float]) -> str:
    return f"{min(values):.0f}/{statistics.median(values):.0f}/{max(values):.0f}"


def report(sets: dict[str, Sequence], bcubed: Callable, *, shuffles: int = SHUFFLES) -> None:
    """Print one row per set x dates x fixtures: min/median/max of B3 P, R, F1 and of ingest
    articles/s, then the dates variant and the most stories mixing two matches in any order."""
    from stories_regroup import _spread

    print(f"through `newscrawl ingest`, {shuffles} shuffled orders x {RUNS} runs; min/median/max")
    print(f"{'set':10} {'fixtures':8} {'B3 precision':>19} {'B3 recall':>19} {'B3 F1':>19} {'articles/s':>14} "
          f"{'dates':9} {'mixed stories':>13}")
    for name, articles in sets.items():
        for dates_known in (True, False):
            for fixtures in (False, True):
                got = figures(articles, bcubed, fixtures=fixtures, shuffles=shuffles, dates_known=dates_known)
                print(f"{name:10} {'on' if fixtures else 'off':8} {_spread(got['precision']):>19} "
                      f"{_spread(got['recall']):>19} {_spread(got['f1']):>19} {_rates(got['rate']):>14} "
                      f"{'known' if dates_known else 'text-only':9} {max(got['mixed']):>13.0f}",
                      flush=True)
