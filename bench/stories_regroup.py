"""Pure-matching mode of the stories benchmark: :func:`newscrawl.matching.regroup` without an archive.

Run: ``.venv/bin/python bench/stories.py --pure`` (the labelled sets: tuning, checking, blind, blind2).

For each set, every figure is measured over 20 shuffled arrival orders, each split into 3 "cron
runs": after each run the matching core regroups everything stored so far, keeping the story ids
the previous run handed out (new clusters get the next free ids, as an archive would). The
articles' final story ids are scored against the gold match ids (B-cubed). Order independence
shows as min = max. Variants: with and without fixtures (built from the gold labels: teams, day,
competition when labelled, result), and with publication dates known or only the dates written
in the text (``published_at`` removed).
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from newscrawl.analysis import story_facts
from newscrawl.items import ArticleItem
from newscrawl.matching import load_gazetteer
from newscrawl.matching.gazetteer import load_competitions
from newscrawl.matching.regroup import ArticleFacts, Fixture, regroup

#: Shuffled arrival orders per figure, and cron runs each order is split into.
SHUFFLES = 20
RUNS = 3


def article_facts(articles: Sequence, *, dates_known: bool, names: bool = True) -> list[ArticleFacts]:
    """The regroup input of a bench set (pair, one-team and no-team match articles), as the
    stories pipeline makes it (:func:`newscrawl.analysis.story_facts`); ``names=False`` leaves
    out the names (and so the no-team articles), to measure what they bring."""
    out = []
    for a in articles:
        published = a.published_at if dates_known else None
        found = story_facts(ArticleItem(url=a.id, title=a.title, body=a.body, language=a.language,
                                        published_at=published))
        loose = found.regroup_facts(a.id)
        if loose is not None and (names or loose.team_ids):
            out.append(loose if names else replace(loose, names=frozenset()))
    return out


def gold_fixtures(articles: Sequence) -> list[Fixture]:
    """One fixture per gold match: its teams, day, competition (when labelled) and result."""
    by_match: dict[str, list] = {}
    for a in articles:
        if a.match and a.teams and len(a.teams) == 2 and a.kickoff:
            by_match.setdefault(a.match, []).append(a)
    fixtures = []
    for arts in by_match.values():
        goals = Counter(tuple(sorted(a.goals.items())) for a in arts if a.goals)
        comps = Counter(a.extra.get("competition") for a in arts if a.extra.get("competition"))
        first = arts[0]
        fixtures.append(Fixture(
            team_ids=tuple(sorted(first.teams)), kickoff_date=first.kickoff,
            competition_id=comps.most_common(1)[0][0] if comps else None,
            goals=goals.most_common(1)[0][0] if goals else None,
        ))
    return fixtures


def simulate_runs(facts: list[ArticleFacts], order: list[int], fixtures: list[Fixture]) -> dict[str, int]:
    """Story id per article id after feeding ``facts`` in ``order`` over :data:`RUNS` runs."""
    stored: list[ArticleFacts] = []
    story: dict[str, int] = {}
    next_id = 1
    size = -(-len(order) // RUNS)
    for run in range(RUNS):
        batch = [facts[i] for i in order[run * size : (run + 1) * size]]
        stored = [replace(a, story_id=story.get(a.article_id)) for a in stored + batch]
        story = {}
        for cluster in regroup(stored, fixtures):
            sid = cluster.story_id
            if sid is None:
                sid, next_id = next_id, next_id + 1
            for aid in cluster.article_ids:
                story[aid] = sid
    return story


def figures(articles: Sequence, bcubed: Callable, *, fixtures: bool, dates_known: bool) -> dict[str, list[float]]:
    """B-cubed precision/recall/F1 over :data:`SHUFFLES` orders x :data:`RUNS` runs."""
    facts = article_facts(articles, dates_known=dates_known)
    fx = gold_fixtures(articles) if fixtures else []
    gold = [a.match for a in articles]
    rng = random.Random(11)
    out: dict[str, list[float]] = {"precision": [], "recall": [], "f1": [], "mixed": []}
    for _ in range(SHUFFLES):
        order = list(range(len(facts)))
        rng.shuffle(order)
        story = simulate_runs(facts, order, fx)
        p, r, f = bcubed(gold, [f"s{story[a.id]}" if a.id in story else None for a in articles])
        out["precision"].append(p)
        out["recall"].append(r)
        out["f1"].append(f)
        out["mixed"].append(float(mixed_stories(articles, story)))
    return out


def mixed_stories(articles: Sequence, story: dict[str, int]) -> int:
    """Stories holding articles of two gold matches (two meetings of the same teams, or a
    round-up folded in): the number that must stay 0."""
    gold = {a.id: a.match for a in articles}
    members: dict[int, set] = {}
    for aid, sid in story.items():
        members.setdefault(sid, set()).add(gold.get(aid))
    return sum(1 for matches in members.values() if len(matches) > 1)


def _spread(values: list[float]) -> str:
    return f"{min(values):.3f}/{statistics.median(values):.3f}/{max(values):.3f}"


def report(sets: dict[str, Sequence], bcubed: Callable) -> None:
    """Print the table: one row per set x fixtures x dates, min/median/max of P, R and F1."""
    print(f"pure matching (regroup), {SHUFFLES} shuffled orders x {RUNS} cron runs; min/median/max")
    header = (f"{'set':10} {'fixtures':8} {'dates':9} {'B3 precision':>19} {'B3 recall':>19} {'B3 F1':>19} "
              f"{'mixed stories':>13}")
    print(header)
    for name, articles in sets.items():
        for dates_known in (True, False):
            for fixtures in (False, True):
                got = figures(articles, bcubed, fixtures=fixtures, dates_known=dates_known)
                print(f"{name:10} {'on' if fixtures else 'off':8} {'known' if dates_known else 'text-only':9} "
                      f"{_spread(got['precision']):>19} {_spread(got['recall']):>19} {_spread(got['f1']):>19} "
                      f"{max(got['mixed']):>13.0f}")
    load_gazetteer.cache_clear()
    load_competitions.cache_clear()  # the gazetteer reads its competitions through it
    started = time.perf_counter()
    gaz = load_gazetteer()
    print(f"gazetteer: {len(gaz.teams)} teams ({sum(t.generated for t in gaz.teams.values())} generated), "
          f"{len(gaz.index)} indexed names, loaded in {(time.perf_counter() - started) * 1000:.0f} ms once per process")
    articles = next(iter(sets.values()))
    facts = article_facts(articles, dates_known=True)
    started = time.perf_counter()
    for _ in range(50):
        regroup(facts)
    per_call = (time.perf_counter() - started) / 50
    print(f"regroup of {len(facts)} articles at once: {per_call * 1000:.1f} ms")


def wrong_merges(articles: Sequence, *, dates_known: bool) -> list[tuple[str, list[str]]]:
    """Clusters holding articles of two gold matches (for ``--verbose``)."""
    gold = {a.id: a.match for a in articles}
    bad = []
    for c in regroup(article_facts(articles, dates_known=dates_known)):
        matches = {gold.get(aid) for aid in c.article_ids}
        if len(matches) > 1:
            bad.append((c.key, [f"{aid}={gold.get(aid)}" for aid in c.article_ids]))
    return bad


def misplaced(articles: Sequence, *, dates_known: bool = True) -> dict[str, list[str]]:
    """Article ids of the match articles outside their match's main cluster (the one holding most
    of its articles), by what their facts say went wrong (for ``--errors``): no facts at all, no
    team (names did not place it), one team (right or wrong), a pair of the right teams in the
    wrong cluster, or a pair with a wrong team (women's for men's, a country for a club, another)."""
    facts = {f.article_id: f for f in article_facts(articles, dates_known=dates_known)}
    story = {aid: i for i, c in enumerate(regroup(facts.values())) for aid in c.article_ids}
    by_match: dict[str, list] = {}
    for a in articles:
        if a.match:
            by_match.setdefault(a.match, []).append(a)
    out: dict[str, list[str]] = {}
    for members in by_match.values():
        placed = Counter(story[a.id] for a in members if a.id in story)
        main = placed.most_common(1)[0][0] if placed else None
        for a in members:
            if a.id in story and story[a.id] == main:
                continue
            out.setdefault(_what_went_wrong(facts.get(a.id), set(a.teams or ())), []).append(a.id)
    return out


def _what_went_wrong(f: ArticleFacts | None, gold: set[str]) -> str:
    if f is None:
        return "no facts (typed other, or nothing read)"
    got = set(f.team_ids)
    if not got:
        return "no team: names did not place it"
    if len(got) == 1:
        return "one team, right, not attached" if got <= gold else "one team, wrong"
    if got == gold:
        return "pair right, wrong date or cluster"
    if any(t.endswith("-w") for t in got) != any(t.endswith("-w") for t in gold):
        return "pair: women's for men's or back"
    if any(t.startswith("nt-") for t in got) != any(t.startswith("nt-") for t in gold):
        return "pair: a country for a club or back"
    return "pair: another wrong team"
