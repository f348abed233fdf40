"""Running vote totals (newscrawl.matching.tally) and the consensus regroup() builds from them."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from newscrawl.matching.consensus import RESULT_TYPES
from newscrawl.matching.regroup import ArticleFacts, regroup
from newscrawl.matching.tally import Members, Tally, best

PAIRS = (("ned-ajax", "ned-psv"), ("ned-ajax", "ned-feyenoord"))


def votes(item: tuple[str, float]):
    return (("colour", item[0], item[1]),)


def test_tally_after_adds_and_removes_equals_a_recount():
    rng = random.Random(3)
    tally, changes = Tally(("colour",), votes), []
    members = Members(tally, lambda: changes.append(1))
    for _ in range(400):
        if members and rng.random() < 0.4:
            members.remove(rng.choice(members))
        else:
            members.append((rng.choice("abc"), rng.choice((1.0, 0.5, 10.0))))
        recount: dict[str, float] = defaultdict(float)
        for colour, weight in members:
            recount[colour] += weight
        assert tally.totals["colour"] == dict(recount)  # a value with no vote left is gone, not 0
        assert best(tally.totals["colour"]) == best(dict(recount))
    assert len(changes) == 400


def test_without_takes_one_item_back_for_the_call_only():
    tally = Tally(("colour",), votes)
    members = Members(tally, lambda: None, [("red", 1.0), ("blue", 1.0), ("blue", 0.5)])
    assert best(tally.totals["colour"]) == "blue"
    assert tally.without(members[1], lambda t: best(t.totals["colour"])) == "red"
    assert tally.without(members[0], lambda t: dict(t.totals["colour"])) == {"blue": 1.5}
    assert tally.totals["colour"] == {"red": 1.0, "blue": 1.5}


def evidence(rng: random.Random, n: int) -> list[ArticleFacts]:
    days = [date(2026, 3, 1) + timedelta(days=d) for d in (0, 3, 10, 24)]
    out = []
    for i in range(n):
        pair = rng.choice(PAIRS)
        day = rng.choice(days) + timedelta(days=rng.choice((0, 0, 1, -1, 2)))
        kind = rng.choice(("report", "report", "preview", "reaction", "live", "other"))
        goals = None
        if kind != "preview" and kind != "other" and rng.random() < 0.7:
            goals = tuple(sorted(((pair[0], rng.choice((1, 2, 2))), (pair[1], rng.choice((0, 1))))))
        published = day + timedelta(days=rng.choice((0, 1, 2)))
        out.append(ArticleFacts(
            article_id=f"a{i:04d}", team_ids=pair, article_type=kind, kickoff_date=day,
            kickoff_basis=rng.choice(("explicit", "weekday", "published", "published")),
            published_date=published, published_precision="day",
            competition_id=rng.choice((None, "ned-eredivisie", "ned-eredivisie", "ned-knvb-beker")),
            leg=rng.choice((None, None, 1, 2)), home_id=rng.choice((None, pair[0], pair[1])), goals=goals))
    return out


def majority(values: list[tuple[object, float]]):
    totals: dict[object, float] = defaultdict(float)
    for value, weight in values:
        if value is not None:
            totals[value] += weight
    return best(dict(totals))


def test_cluster_facts_are_the_majority_of_its_final_articles_in_any_order():
    # Articles move between matches while clustering: the kept totals must follow every move.
    rng = random.Random(11)
    articles = evidence(rng, 240)
    by_id = {a.article_id: a for a in articles}
    clusters = regroup(articles)
    assert len(clusters) > 4 and any(len(c.article_ids) > 20 for c in clusters)
    for c in clusters:
        members = [by_id[i] for i in c.article_ids]
        assert c.competition_id == majority([(a.competition_id, 1.0) for a in members])
        assert c.leg == majority([(a.leg, 1.0) for a in members])
        assert c.home_id == majority([(a.home_id, 1.0) for a in members])
        assert c.goals == (majority([(a.goals, 1.0) for a in members if a.article_type in RESULT_TYPES])
                           or majority([(a.goals, 0.5) for a in members if a.article_type == "live"]))
    for _ in range(3):
        rng.shuffle(articles)
        assert regroup(articles) == clusters
