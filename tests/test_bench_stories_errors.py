"""``bench/stories.py --errors``: the misplaced articles of a read set by class; unread sets refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _bench_module():
    sys.path.insert(0, str(BENCH))
    try:
        import stories
        import stories_regroup
    finally:
        sys.path.remove(str(BENCH))
    return stories, stories_regroup


def test_misplaced_articles_are_sorted_by_what_went_wrong() -> None:
    stories, stories_regroup = _bench_module()
    report = ("Lille 2-1 Lens: David settles the derby", "Lille beat Lens 2-1 at the Stade Pierre-Mauroy on "
              "Saturday night in Ligue 1, Jonathan David scoring the winner ten minutes from time.")
    articles = [
        stories.BenchArticle("r1", "en", "2025-01-19T08:00:00+00:00", *report, match="m1",
                             teams=frozenset({"fra-lille", "fra-lens"})),
        stories.BenchArticle("r2", "en", "2025-01-19T09:00:00+00:00", report[0], report[1] + " A fine game.",
                             match="m1", teams=frozenset({"fra-lille", "fra-lens"})),
        # about the same match, but nothing in it says football: no facts
        stories.BenchArticle("x", "en", "2025-01-19T10:00:00+00:00", "A long night in the north",
                             "The city was loud until dawn, and the bars of the old town stayed open late for "
                             "everyone who had come in from the villages around.", match="m1",
                             teams=frozenset({"fra-lille", "fra-lens"})),
    ]
    assert stories_regroup.misplaced(articles) == {"no facts (typed other, or nothing read)": ["x"]}


def test_the_sets_kept_unread_are_refused() -> None:
    done = subprocess.run([sys.executable, str(BENCH / "stories.py"), "--errors", "--sets", "blind18"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "blind18" in done.stderr
