"""Benchmark of match-centred story grouping (newscrawl.matching) on a labelled article set.

Run: ``.venv/bin/python bench/stories.py [--verbose]``; ``--pure`` runs only the order-independent
matching core (:func:`newscrawl.matching.regroup`, no archive) over the tuning set, the checking
set (``bench/data/stories_check``) and the blind checking sets (``bench/data/stories_blind``,
``stories_blind2``, ``stories_blind3``, ``stories_blind4``, ``stories_blind5``,
``stories_blind6``, ``stories_blind7``, ``stories_blind8``, ``stories_blind9``, ``stories_blind10``,
``stories_blind11``, ``stories_blind12``, ``stories_blind13``, ``stories_blind14``,
``stories_blind15``, ``stories_blind16``, ``stories_blind17``, ``stories_blind18``, ``stories_blind19``, ``stories_blind20``,
``stories_blind21``), over shuffled orders and cron runs
(``bench/stories_regroup.py``); ``--sets blind2`` limits the sets.

Data: ``bench/data/stories/*.toml`` (short articles written for this benchmark, with labels) and
the founding articles in ``../shared/seeds`` (read by path; labels in ``seeds.toml``).
Prints grouping B-cubed precision/recall/F1, team/score/date/type accuracy and the throughput of
the pure matching code (facts extraction + grouping, no I/O). ``--ingest`` runs the labelled sets through
``newscrawl ingest`` in shuffled orders x 3 runs, fixtures on/off, publication dates known or
only the dates written in the text (``bench/stories_ingest.py``).

Hook for the full ingest path: :func:`evaluate_grouping` takes any callable
``group(articles) -> labels`` (one story label or None per article, same order) and scores it
against the gold match ids, e.g. the stories pipeline run over an in-memory SQLite store.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from newscrawl.matching import (  # noqa: E402
    classify_article,
    extract_match_facts,
    load_gazetteer,
    regroup,
)
from newscrawl.matching.facts import MatchFacts  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "stories"
#: The checking set (issue 11): written before any tuning, never tuned on.
CHECK_DATA = Path(__file__).resolve().parent / "data" / "stories_check"
#: The blind checking set: written (and committed) before anyone measured it, never tuned on.
BLIND_DATA = Path(__file__).resolve().parent / "data" / "stories_blind"
#: The second blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the first blind set became tuning data.
BLIND2_DATA = Path(__file__).resolve().parent / "data" / "stories_blind2"
#: The third blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the second blind set became tuning data.
BLIND3_DATA = Path(__file__).resolve().parent / "data" / "stories_blind3"
#: The fourth blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the third blind set became tuning data.
BLIND4_DATA = Path(__file__).resolve().parent / "data" / "stories_blind4"
#: The fifth blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the fourth blind set became tuning data.
BLIND5_DATA = Path(__file__).resolve().parent / "data" / "stories_blind5"
#: The sixth blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the fifth blind set became tuning data.
BLIND6_DATA = Path(__file__).resolve().parent / "data" / "stories_blind6"
#: The seventh blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the sixth blind set became tuning data.
BLIND7_DATA = Path(__file__).resolve().parent / "data" / "stories_blind7"
#: The eighth blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the seventh blind set became tuning data.
BLIND8_DATA = Path(__file__).resolve().parent / "data" / "stories_blind8"
#: The ninth blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the eighth blind set became tuning data.
BLIND9_DATA = Path(__file__).resolve().parent / "data" / "stories_blind9"
#: The tenth blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the ninth blind set became tuning data.
BLIND10_DATA = Path(__file__).resolve().parent / "data" / "stories_blind10"
#: The eleventh blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the tenth blind set became tuning data.
BLIND11_DATA = Path(__file__).resolve().parent / "data" / "stories_blind11"
#: The twelfth blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once the eleventh blind set became tuning data.
BLIND12_DATA = Path(__file__).resolve().parent / "data" / "stories_blind12"
#: the honest check once the twelfth blind set became tuning data.
BLIND13_DATA = Path(__file__).resolve().parent / "data" / "stories_blind13"
#: the honest check once the thirteenth blind set became tuning data.
BLIND14_DATA = Path(__file__).resolve().parent / "data" / "stories_blind14"
#: the honest check once the fourteenth blind set was measured (written blind, session 26).
BLIND15_DATA = Path(__file__).resolve().parent / "data" / "stories_blind15"
#: the honest check once the fifteenth blind set became tuning data (written blind, session 26).
BLIND16_DATA = Path(__file__).resolve().parent / "data" / "stories_blind16"
#: the honest check once the sixteenth blind set became tuning data (written blind, session 27).
BLIND17_DATA = Path(__file__).resolve().parent / "data" / "stories_blind17"
#: the honest check once the seventeenth blind set became tuning data (written blind, session 27).
BLIND18_DATA = Path(__file__).resolve().parent / "data" / "stories_blind18"
#: the honest check for the rules left undecided by blind17 and blind18 (written blind, session 27).
BLIND19_DATA = Path(__file__).resolve().parent / "data" / "stories_blind19"
#: The twentieth blind checking set: written (and committed) before anyone measured it, never tuned on;
#: the honest check once blind17 was read (written blind, session 28).
BLIND20_DATA = Path(__file__).resolve().parent / "data" / "stories_blind20"
#: The twenty-first blind checking set: written (and committed) before anyone measured it, never tuned on.
BLIND21_DATA = Path(__file__).resolve().parent / "data" / "stories_blind21"
#: The labelled sets of ``--pure`` and ``--ingest``, in report order.
SET_NAMES = ("tuning", "checking", "blind", "blind2", "blind3", "blind4", "blind5", "blind6",
             "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14",
             "blind15", "blind16", "blind17", "blind18", "blind19", "blind20",
             "blind21")
#: Sets no one has read yet (only their aggregate figures were looked at): the next honest check.
UNREAD_SETS = ("blind18", "blind19", "blind20", "blind21")
SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


@dataclass
class BenchArticle:
    """One labelled article: input fields plus gold labels."""

    id: str
    language: str | None
    published_at: str | None
    title: str
    body: str
    match: str | None = None
    teams: frozenset[str] | None = None
    goals: dict[str, int] | None = None
    kickoff: date | None = None
    type: str = "other"
    duplicate_of: str | None = None
    extra: dict = field(default_factory=dict)


def _label(article: BenchArticle, label: dict) -> BenchArticle:
    article.match = label.get("match") or None
    article.teams = frozenset(label["teams"]) if label.get("teams") else None
    article.goals = dict(label["score"]) if label.get("score") else None
    article.kickoff = date.fromisoformat(label["kickoff"]) if label.get("kickoff") else None
    article.type = label.get("type", "other")
    article.duplicate_of = label.get("duplicate_of") or None
    if label.get("competition"):
        article.extra["competition"] = label["competition"]
    return article


def load_articles(include_seeds: bool = True, data: Path | None = None) -> list[BenchArticle]:
    """The labelled set: every ``[[article]]`` of the TOML files, then the seeds if present."""
    articles: list[BenchArticle] = []
    for path in sorted((data or DATA).glob("*.toml")):
        if path.name == "seeds.toml":
            continue
        data = tomllib.loads(path.read_text("utf-8"))
        for raw in data.get("article", []):
            art = BenchArticle(raw["id"], raw.get("language"), raw.get("published_at"),
                               raw["title"].strip(), raw["body"].strip(),
                               extra={"batch": data.get("batch", "main")})
            articles.append(_label(art, raw.get("label", {})))
    seeds_dir = SHARED / "seeds"
    if include_seeds and seeds_dir.is_dir():
        for raw in tomllib.loads((DATA / "seeds.toml").read_text("utf-8"))["seed"]:
            text = (seeds_dir / raw["file"]).read_text("utf-8").strip()
            title, _, body = text.partition("\n")
            if title.startswith("date "):  # 002's first line carries "date 2024-05" before the headline
                title = title.split(" ", 2)[2] if title.count(" ") >= 2 else ""
            art = BenchArticle("seed-" + raw["file"][:3], raw.get("language"), raw.get("published_at"),
                               title.strip(), body.strip())
            articles.append(_label(art, raw["label"]))
    return articles


def load_sets(names: Sequence[str] = SET_NAMES) -> dict[str, list[BenchArticle]]:
    """The named labelled sets (tuning with the seeds, checking, blind, blind2 ... blind21), in report order."""
    loaders = {
        "tuning": lambda: load_articles(),
        "checking": lambda: load_articles(include_seeds=False, data=CHECK_DATA),
        "blind": lambda: load_articles(include_seeds=False, data=BLIND_DATA),
        "blind2": lambda: load_articles(include_seeds=False, data=BLIND2_DATA),
        "blind3": lambda: load_articles(include_seeds=False, data=BLIND3_DATA),
        "blind4": lambda: load_articles(include_seeds=False, data=BLIND4_DATA),
        "blind5": lambda: load_articles(include_seeds=False, data=BLIND5_DATA),
        "blind6": lambda: load_articles(include_seeds=False, data=BLIND6_DATA),
        "blind7": lambda: load_articles(include_seeds=False, data=BLIND7_DATA),
        "blind8": lambda: load_articles(include_seeds=False, data=BLIND8_DATA),
        "blind9": lambda: load_articles(include_seeds=False, data=BLIND9_DATA),
        "blind10": lambda: load_articles(include_seeds=False, data=BLIND10_DATA),
        "blind11": lambda: load_articles(include_seeds=False, data=BLIND11_DATA),
        "blind12": lambda: load_articles(include_seeds=False, data=BLIND12_DATA),
        "blind13": lambda: load_articles(include_seeds=False, data=BLIND13_DATA),
        "blind14": lambda: load_articles(include_seeds=False, data=BLIND14_DATA),
        "blind15": lambda: load_articles(include_seeds=False, data=BLIND15_DATA),
        "blind16": lambda: load_articles(include_seeds=False, data=BLIND16_DATA),
        "blind17": lambda: load_articles(include_seeds=False, data=BLIND17_DATA),
        "blind18": lambda: load_articles(include_seeds=False, data=BLIND18_DATA),
        "blind19": lambda: load_articles(include_seeds=False, data=BLIND19_DATA),
        "blind20": lambda: load_articles(include_seeds=False, data=BLIND20_DATA),
        "blind21": lambda: load_articles(include_seeds=False, data=BLIND21_DATA),
    }
    return {name: loaders[name]() for name in SET_NAMES if name in names}


def extract(article: BenchArticle) -> MatchFacts | None:
    """Facts for one bench article, through the public API."""
    return extract_match_facts(article.title, article.body, language=article.language,
                               published_at=article.published_at)


def group_with_matching(articles: Sequence[BenchArticle]) -> list[str | None]:
    """Reference grouping: facts + :func:`newscrawl.matching.regroup` over the whole set at once
    (pair and one-team articles), no archive."""
    import stories_regroup

    story = {aid: c.key for c in regroup(stories_regroup.article_facts(articles, dates_known=True))
             for aid in c.article_ids}
    return [story.get(a.id) for a in articles]


def bcubed(gold: Sequence[str | None], predicted: Sequence[str | None]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1; an unlabelled item is its own singleton cluster."""
    g = [x if x is not None else f"_g{i}" for i, x in enumerate(gold)]
    p = [x if x is not None else f"_p{i}" for i, x in enumerate(predicted)]
    n = len(g)
    precision = recall = 0.0
    for i in range(n):
        same_p = [j for j in range(n) if p[j] == p[i]]
        same_g = [j for j in range(n) if g[j] == g[i]]
        both = sum(1 for j in same_p if g[j] == g[i])
        precision += both / len(same_p)
        recall += both / len(same_g)
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate_grouping(
    articles: Sequence[BenchArticle], group: Callable[[Sequence[BenchArticle]], list[str | None]]
) -> dict[str, float]:
    """Score a grouping callable against the gold match ids: B-cubed precision/recall/F1."""
    predicted = group(articles)
    p, r, f = bcubed([a.match for a in articles], predicted)
    return {"precision": p, "recall": r, "f1": f}


def evaluate_facts(articles: Sequence[BenchArticle], verbose: bool = False) -> dict[str, float]:
    """Team, score, kick-off date and article-type accuracy of the extractor."""
    teams_ok = score_ok = date_ok = type_ok = 0
    n_match = 0
    for a in articles:
        f = extract(a)
        predicted_teams = frozenset(f.team_ids) if f else None
        kind = classify_article(a.title, a.body, language=a.language)
        ok_teams = predicted_teams == (a.teams if a.match else None)
        teams_ok += ok_teams
        type_ok += kind == a.type
        problems = [] if ok_teams else [f"teams {sorted(predicted_teams or [])}"]
        if kind != a.type:
            problems.append(f"type {kind} (gold {a.type})")
        if a.match:
            n_match += 1
            goals = f.goals_by_team() if f else None
            score_ok += goals == a.goals
            date_ok += (f.kickoff_date if f else None) == a.kickoff
            if goals != a.goals:
                problems.append(f"score {goals} (gold {a.goals})")
            if (f.kickoff_date if f else None) != a.kickoff:
                problems.append(f"date {f.kickoff_date if f else None}/{f.kickoff_basis if f else None} (gold {a.kickoff})")
        if verbose and problems:
            print(f"  {a.id}: " + "; ".join(problems))
    return {
        "teams": teams_ok / len(articles),
        "score": score_ok / n_match if n_match else 0.0,
        "date": date_ok / n_match if n_match else 0.0,
        "type": type_ok / len(articles),
    }


def throughput(articles: Sequence[BenchArticle], rounds: int = 20) -> tuple[float, float]:
    """Articles per second of facts extraction + grouping (gazetteer already loaded), by wall
    clock and by this process's CPU time (steadier when other jobs share the machine)."""
    load_gazetteer()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        group_with_matching(articles)
    n = rounds * len(articles)
    return n / (time.perf_counter() - wall), n / (time.process_time() - cpu)


def run_ingest(articles: Sequence[BenchArticle]) -> tuple[list[str | None], dict[str, str], float]:
    """The full path: ``newscrawl ingest`` (every item pipeline, a real SQLite file) over the set,
    in publication order, in one run (``stories_ingest.ingest_batches``)."""
    import stories_ingest

    return stories_ingest.ingest_batches(articles, [sorted(articles, key=lambda a: a.published_at or "")])


def duplicate_scores(articles: Sequence[BenchArticle], predicted: dict[str, str]) -> tuple[float, float]:
    """Precision and recall of "this article is a copy of that one" over the labelled pairs.

    A pair counts as found when both articles end up as one stored row, whichever copy is kept.
    """
    gold = {(a.id, a.duplicate_of) for a in articles if a.duplicate_of}
    found = {frozenset(p) for p in predicted.items()}
    true_positive = sum(1 for pair in gold if frozenset(pair) in found)
    precision = true_positive / len(found) if found else 1.0
    recall = true_positive / len(gold) if gold else 1.0
    return precision, recall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list per-article errors and clusters")
    parser.add_argument("--pure", action="store_true",
                        help="pure matching only (regroup, no archive): the sets, shuffles, runs, fixtures on/off")
    parser.add_argument("--ingest", action="store_true",
                        help="the sets through `newscrawl ingest`: shuffled orders x 3 runs, fixtures on/off")
    parser.add_argument("--shuffles", type=int, default=20, help="shuffled orders per figure (--ingest)")
    parser.add_argument("--errors", action="store_true",
                        help="the misplaced match articles of --sets by class, with their ids (reads the "
                             f"articles: refused for the sets kept unread, {', '.join(UNREAD_SETS)})")
    parser.add_argument("--sets", default=",".join(SET_NAMES),
                        help=f"comma-separated sets for --pure/--ingest/--errors (default: {','.join(SET_NAMES)})")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    unknown = sorted(set(names) - set(SET_NAMES))
    if unknown:
        parser.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(SET_NAMES)}")
    if args.errors:
        import stories_regroup

        unread = sorted(set(names) & set(UNREAD_SETS))
        if unread:
            parser.error(f"--errors reads the articles: name the sets with --sets, none of {', '.join(UNREAD_SETS)}")
        for name, arts in load_sets(names).items():
            for kind, ids in sorted(stories_regroup.misplaced(arts).items(), key=lambda kv: -len(kv[1])):
                print(f"{name:9} {len(ids):3}  {kind}: {', '.join(ids)}")
        return 0
    if args.ingest:
        import stories_ingest

        stories_ingest.report(load_sets(names), bcubed, shuffles=args.shuffles)
        return 0
    if args.pure:
        import stories_regroup

        sets = load_sets(names)
        stories_regroup.report(sets, bcubed)
        if args.verbose:
            for name, arts in sets.items():
                for key, members in stories_regroup.wrong_merges(arts, dates_known=True):
                    print(f"  {name} wrong merge {key}: {members}")
        return 0
    t0 = time.perf_counter()
    load_gazetteer()
    build_ms = (time.perf_counter() - t0) * 1000
    articles = load_articles()
    n_matches = len({a.match for a in articles if a.match})
    langs = sorted({a.language or "?" for a in articles})
    print(f"articles: {len(articles)} ({', '.join(langs)}), matches: {n_matches}, "
          f"ungrouped by label: {sum(1 for a in articles if not a.match)}, "
          f"seeds: {sum(1 for a in articles if a.id.startswith('seed-'))}")
    if args.verbose:
        print("per-article errors:")
    facts = evaluate_facts(articles, verbose=args.verbose)
    grouping = evaluate_grouping(articles, group_with_matching)
    if args.verbose:
        for a, label in zip(articles, group_with_matching(articles), strict=True):
            print(f"  {a.id:34} gold={a.match or '-':28} got={label or '-'}")
    rate, cpu_rate = throughput(articles)
    mean_chars = sum(len(a.title) + len(a.body) for a in articles) / len(articles)
    for batch in sorted({a.extra.get("batch", "main") for a in articles} - {"main"}):
        subset = [a for a in articles if a.extra.get("batch") == batch]
        sub_facts = evaluate_facts(subset)
        sub_group = evaluate_grouping(subset, group_with_matching)
        print(f"{batch} batch only ({len(subset)} articles): grouping P/R/F1 {sub_group['precision']:.3f}/"
              f"{sub_group['recall']:.3f}/{sub_group['f1']:.3f}, teams {sub_facts['teams']:.3f}, "
              f"score {sub_facts['score']:.3f}, date {sub_facts['date']:.3f}, type {sub_facts['type']:.3f}")
    rows = [
        ("grouping B-cubed precision", f"{grouping['precision']:.3f}", ">= 0.97"),
        ("grouping B-cubed recall", f"{grouping['recall']:.3f}", ""),
        ("grouping B-cubed F1", f"{grouping['f1']:.3f}", ">= 0.95"),
        ("team accuracy", f"{facts['teams']:.3f}", ">= 0.97"),
        ("score accuracy", f"{facts['score']:.3f}", ">= 0.95"),
        ("kick-off date accuracy", f"{facts['date']:.3f}", ""),
        ("article type accuracy", f"{facts['type']:.3f}", ""),
        ("articles/s (facts + grouping, wall)", f"{rate:,.0f}", ""),
        ("articles/s (facts + grouping, CPU)", f"{cpu_rate:,.0f}", ""),
        (f"text kB/s (CPU; mean article {mean_chars:,.0f} chars)", f"{cpu_rate * mean_chars / 1000:,.0f}", ""),
        ("gazetteer build (ms, once)", f"{build_ms:.0f}", ""),
    ]
    ingest_labels, duplicates, ingest_seconds = run_ingest(articles)
    via_ingest = bcubed([a.match for a in articles], ingest_labels)
    dup_p, dup_r = duplicate_scores(articles, duplicates)
    rows += [
        ("via `newscrawl ingest` (all pipelines, SQLite):", "", ""),
        ("  grouping B-cubed precision", f"{via_ingest[0]:.3f}", ">= 0.97"),
        ("  grouping B-cubed recall", f"{via_ingest[1]:.3f}", ""),
        ("  grouping B-cubed F1", f"{via_ingest[2]:.3f}", ">= 0.95"),
        ("  duplicate detection precision", f"{dup_p:.3f}", ""),
        ("  duplicate detection recall", f"{dup_r:.3f}", ""),
        ("  articles/s through ingest (wall, after start-up)", f"{len(articles) / ingest_seconds:,.0f}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'metric':{width}}  {'value':>8}  target")
    for name, value, target in rows:
        print(f"{name:{width}}  {value:>8}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
