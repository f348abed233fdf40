"""Re-grouping the stories a run touched: archive evidence in, :func:`newscrawl.matching.regroup` over
it, the clusters written back (docs/regroup.md).

Which articles are re-grouped, for the articles stored since the last re-grouping (``pending``):

1. the team pairs of the pending pair articles (and of the story a pending article sat in);
2. the pairs of a pending one-team article's team with an article within :data:`NEAR_DAYS`;
3. every stored article of those pairs (a pair is always clustered whole);
4. the one-team articles of those pairs' teams near a pending article, those with no day at
   all (placed by their names among all their team's matches), and those already in their
   stories; for each of these, the other pairs of its team near its day (all of them for an
   undated one) are clustered too, so "exactly one match of this team fits" is decided on all
   its matches.
5. for the lone pair articles (alone in their match; :mod:`newscrawl.matching.regroup` may move
   them by their names): the pairs of their teams near their publication, and the stored lone
   articles of the new pair articles' teams near their days, until no lone article lacks one;
6. the match articles that name no team (:mod:`newscrawl.matching.names`) published within
   :data:`LOOSE_DAYS` of a re-grouped article or sitting in a re-grouped story, placed among the
   new clusters and every stored story kicked off near them.

So a run's cost follows the pairs it brought, not the size of the archive.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from newscrawl.archive import Archive, StoryPlan
from newscrawl.items import StoryMatch
from newscrawl.matching import ArticleFacts, Fixture, MatchCluster, MatchFacts, regroup, tie_key
from newscrawl.matching.facts import facts_from_dict
from newscrawl.matching.names import NEAR_DAYS as NAMES_NEAR_DAYS
from newscrawl.matching.names import NamedMatch, with_named

#: Days around a one-team article in which its team's matches are looked for (the widest
#: window of a date taken from publication, plus the day either side of a sure date).
NEAR_DAYS = 4
#: Days around a new pair article in which one-team articles of its teams are decided again:
#: a date window reaches 2 x NEAR_DAYS, a names window (around publication, whose day may be
#: the text's kick-off) as far as a lone pair article's (LONE_REACH_DAYS).
SINGLES_DAYS = max(2 * NEAR_DAYS, 3 * NAMES_NEAR_DAYS)
#: Days around a re-grouped article's day in which no-team articles are placed again: a match
#: within a names window (:data:`newscrawl.matching.names.NEAR_DAYS`) of them may have
#: appeared, moved or gone, and a match's day is within that of its articles' days.
LOOSE_DAYS = 2 * NAMES_NEAR_DAYS
#: Days around a lone pair article's publication in which its teams' matches are looked for
#: (its names window, plus the days a match's articles are dated away from its kick-off).
LONE_NEAR_DAYS = 2 * NAMES_NEAR_DAYS
#: Days around a new pair article in which stored lone pair articles of its teams are decided
#: again (a lone article's window reaches that far from the new article's match).
LONE_REACH_DAYS = 3 * NAMES_NEAR_DAYS
#: Evidence rows kept parsed between re-groupings (a pair's unchanged articles are not parsed
#: again after every batch; ArticleFacts are frozen, so sharing them is safe); some 20 MB at most.
PARSED_FACTS_CACHE = 20_000
#: Kick-off bases that fix the day exactly.
EXACT_BASES = frozenset({"fixture", "explicit"})

Pair = tuple[str, str]


@dataclass
class RegroupReport:
    """What one re-grouping did (counted as ``newscrawl/stories/regroup/*``)."""

    pending: int = 0
    pairs: int = 0
    articles: int = 0
    stories: int = 0
    created: int = 0
    moved: int = 0
    merged: int = 0
    removed: int = 0
    story_of: dict[str, int | None] = field(default_factory=dict)
    """Story id by canonical URL of every article re-grouped."""


def regroup_pending(archive: Archive, *, fixtures: bool = True) -> RegroupReport:
    """Re-group the stories of the articles stored since the last call; one transaction."""
    report = RegroupReport()
    pending = archive.pending_evidence()
    report.pending = len(pending)
    if not pending:
        return report
    pairs: set[Pair] = {(r["team_a"], r["team_b"]) for r in pending if r["team_b"]}
    pairs |= {_pair(r["story_teams"]) for r in pending if r["story_teams"]}
    new_singles = [r for r in pending if r["team_a"] and not r["team_b"]]
    for r in new_singles:
        pairs |= _single_context(archive, r)
    rows = {r["id"]: r for r in archive.pair_evidence(pairs)}
    singles = {r["id"]: r for r in new_singles}
    seen: set[tuple[str, str | None]] = set()  # (team, day) looked up; day None: its undated ones
    for r in pending:
        if r["team_b"]:
            for team in (r["team_a"], r["team_b"]):
                if (team, None) not in seen:
                    seen.add((team, None))
                    singles.update((s["id"], s) for s in archive.undated_singles(team))
                if r["day"] and (team, r["day"]) not in seen:
                    seen.add((team, r["day"]))
                    singles.update((s["id"], s) for s in _near(archive.singles_near, team, r["day"], SINGLES_DAYS))
    singles.update((s["id"], s) for s in archive.singles_in_stories(r["story_id"] for r in rows.values() if r["story_id"]))
    context: set[Pair] = set()
    for s in singles.values():
        context |= _single_context(archive, s)
    context -= pairs
    rows.update((r["id"], r) for r in archive.pair_evidence(context))
    loaded = pairs | context
    # The stored lone pair articles (matching.regroup._move_lone) a changed pair's matches may now take.
    extra: set[Pair] = set()
    for team, day in {(t, r["day"]) for r in pending if r["team_b"] and r["day"] for t in (r["team_a"], r["team_b"])}:
        extra |= _near(archive.pairs_near, team, day, LONE_REACH_DAYS)
    extra -= loaded
    while True:
        rows.update((r["id"], r) for r in archive.pair_evidence(extra))
        loaded |= extra
        evidence = list(rows.values()) + list(singles.values())
        known = [_fixture(f) for f in archive.fixtures_for(loaded)] if fixtures else []
        facts = [_article_facts(r) for r in evidence]
        clusters = regroup(facts, known)
        extra = _lone_context(archive, clusters, facts, rows) - loaded
        if not extra:
            break
    regrouped = {r["story_id"] for r in evidence if r["story_id"]}
    regrouped |= {c.story_id for c in clusters if c.story_id} | {s for c in clusters for s in c.absorbed_story_ids}
    loose = _loose_rows(archive, pending, evidence, regrouped)
    clusters, joined = _placed_by_names(archive, clusters, facts, loose, regrouped)
    evidence += loose
    ids = {r["canonical_url"]: r["id"] for r in evidence}
    plans = _plans(clusters, ids)
    joins = {ids[url]: story_id for url, story_id in joined.items()}
    applied = archive.apply_stories(plans, ids.values(), (r["id"] for r in pending), joins)
    url_of = {v: k for k, v in ids.items()}
    report.pairs, report.articles, report.stories = len(loaded), len(evidence), len(plans)
    report.created, report.moved, report.merged, report.removed = (applied.created, applied.moved,
                                                                   applied.merged, applied.removed)
    report.story_of = {url_of[i]: s for i, s in applied.story_of.items()}
    return report


def _lone_context(archive: Archive, clusters: list[MatchCluster], facts: list[ArticleFacts],
                  rows: dict[int, dict[str, Any]]) -> set[Pair]:
    """The pairs a re-grouping must also load so that its lone pair articles are placed as over
    the whole archive: the pairs of every match of a lone article's teams near its publication
    (its candidates), and those of articles of other pairs sitting in the stories re-grouped."""
    by_id = {a.article_id: a for a in facts}
    lone = [by_id[i] for c in clusters for i in c.joined]
    for c in clusters:
        own = [i for i in c.article_ids if i not in c.joined and len(by_id[i].team_ids) == 2]
        if len(own) == 1 and c.fixture is None:
            lone.append(by_id[own[0]])
    found = archive.pairs_in_stories(r["story_id"] for r in rows.values() if r["story_id"])
    for a in lone:
        if a.published_date is not None:
            for team in a.team_ids:
                found |= _near(archive.pairs_near, team, a.published_date.isoformat(), LONE_NEAR_DAYS)
    return found


def _loose_rows(archive: Archive, pending: list[dict[str, Any]], evidence: list[dict[str, Any]],
                regrouped: set[int]) -> list[dict[str, Any]]:
    """The no-team match articles whose placement this re-grouping may change: the pending ones,
    those published near a re-grouped article's day (a match there may have appeared, moved or
    gone) and those sitting in a re-grouped story."""
    found = {r["id"]: r for r in pending if r["team_a"] is None and r["side_facts"]}
    for first, last in _spans((r["day"] for r in evidence if r["day"]), LOOSE_DAYS):
        found.update((r["id"], r) for r in archive.loose_near(first, last))
    found.update((r["id"], r) for r in archive.loose_in_stories(regrouped))
    return [found[i] for i in sorted(found)]


def _placed_by_names(archive: Archive, clusters: list[MatchCluster], facts: list[ArticleFacts],
                     loose: list[dict[str, Any]], regrouped: set[int]) -> tuple[list[MatchCluster], dict[str, int]]:
    """The no-team articles placed by names (:mod:`newscrawl.matching.names`): into the clusters
    just decided, or (``joins``: canonical URL -> story id) into a stored story not re-grouped
    now. Every story kicked off near one of them is a candidate, so the placement is the one a
    re-grouping of the whole archive would make."""
    if not loose:
        return clusters, {}
    loose_facts = [_article_facts(r) for r in loose]
    others: list[NamedMatch] = []
    for first, last in _spans((r["day"] for r in loose if r["day"]), NAMES_NEAR_DAYS):
        others += [NamedMatch(sid, date.fromisoformat(day), names)
                   for sid, day, names in archive.named_stories(first, last) if sid not in regrouped]
    return with_named(clusters, loose_facts, {a.article_id: a.names for a in facts}, others)  # type: ignore[return-value]


def _spans(days: Iterable[str], margin: int) -> list[tuple[str, str]]:
    """The ISO day ranges within ``margin`` days of ``days``, overlapping ones merged."""
    spans: list[list[date]] = []
    for d in sorted({date.fromisoformat(day) for day in days}):
        first, last = d - timedelta(days=margin), d + timedelta(days=margin)
        if spans and first <= spans[-1][1] + timedelta(days=1):
            spans[-1][1] = last
        else:
            spans.append([first, last])
    return [(a.isoformat(), b.isoformat()) for a, b in spans]


def _pair(team_ids: str) -> Pair:
    a, b = sorted(team_ids.split("|"))
    return a, b


def _single_context(archive: Archive, single: dict[str, Any]) -> set[Pair]:
    """The pairs a one-team article is decided among: its team's near its day and near its
    publication (the names window, when no date window places it), or, undated, all its
    team's (its names are told apart from every match of its team)."""
    team = single["team_a"]
    if not single["day"]:
        return archive.pairs_with(team)
    found = _near(archive.pairs_near, team, single["day"], NEAR_DAYS)
    published = _article_facts(single).published_date
    if published is not None:
        found |= _near(archive.pairs_near, team, published.isoformat(), LONE_NEAR_DAYS)
    return found


def _near(read: Any, team: str, day: str | None, days: int) -> Any:
    """``read(team, first, last)`` over the days around ``day`` (nothing for an undated article)."""
    if not day:
        return read(team, "", "")  # BETWEEN '' AND '' matches no ISO day
    d = date.fromisoformat(day)
    return read(team, (d - timedelta(days=days)).isoformat(), (d + timedelta(days=days)).isoformat())


def _article_facts(row: dict[str, Any]) -> ArticleFacts:
    """The regroup view of an evidence row (a pair article's match facts, or one-team or no-team facts)."""
    return _parsed_facts(row["canonical_url"], row["story_id"], row["match_facts"] if row["team_b"] else None,
                         None if row["team_b"] else row["side_facts"], row["names"])


@lru_cache(maxsize=PARSED_FACTS_CACHE)
def _parsed_facts(url: str, story_id: int | None, match_facts: str | None, side_facts: str | None,
                  names: str | None) -> ArticleFacts:
    # Keyed on the stored text itself: a row whose facts or story changed is parsed again.
    words = frozenset(names.split()) if names else frozenset()
    if match_facts is not None:
        facts = facts_from_dict(json.loads(match_facts))
        return ArticleFacts.from_match_facts(url, facts, story_id=story_id, names=words)
    data = json.loads(side_facts)  # type: ignore[arg-type]  # a one-team (or no-team) row always has them
    data["names"] = words
    for key in ("kickoff_date", "published_date"):
        if data.get(key):
            data[key] = date.fromisoformat(data[key])
    data["team_ids"] = tuple(data["team_ids"])
    if data.get("goals") is not None:
        data["goals"] = tuple(tuple(g) for g in data["goals"])
    return ArticleFacts(**{**data, "article_id": url, "story_id": story_id})


def _fixture(row: dict[str, Any]) -> Fixture:
    goals = None
    if row["score_home"] is not None and row["score_away"] is not None:
        goals = tuple(sorted(((row["home_team"], row["score_home"]), (row["away_team"], row["score_away"]))))
    return Fixture(team_ids=(row["team_a"], row["team_b"]), kickoff_date=date.fromisoformat(row["kickoff_date"]),
                   competition_id=row["competition"], home_id=row["home_team"], goals=goals)


def _plans(clusters: Iterable[MatchCluster], ids: dict[str, int]) -> list[StoryPlan]:
    plans = []
    keys: set[str] = set()
    for c in clusters:
        match = story_match(c)
        key, n = match.key, 1
        while key in keys:  # two undated clusters of one pair that disagree: keys stay unique
            n += 1
            key = f"{match.key}#{n}"
        keys.add(key)
        match.key = key
        plans.append(StoryPlan(match=match, article_ids=tuple(sorted(ids[a] for a in c.article_ids)),
                               story_id=c.story_id, absorbed=c.absorbed_story_ids))
    return plans


def story_match(c: MatchCluster) -> StoryMatch:
    """The match row of a cluster: its consensus kick-off, competition, home side and result."""
    home = c.home_id or c.team_ids[0]
    away = c.team_ids[1] if home == c.team_ids[0] else c.team_ids[0]
    goals = dict(c.goals) if c.goals else None
    facts = MatchFacts(team_ids=c.team_ids, home_id=c.home_id, away_id=None, competition_id=c.competition_id,
                       stage=c.stage, leg=c.leg, score=None, kickoff_date=c.kickoff_date,
                       kickoff_basis=c.kickoff_basis, published_date=None, published_precision=None,
                       article_type="report", confidence=1.0)
    return StoryMatch(
        key=c.key, team_ids="|".join(c.team_ids),
        kickoff_date=c.kickoff_date.isoformat() if c.kickoff_date else None,
        tie_key=tie_key(facts), competition=c.competition_id, stage=c.stage, leg=c.leg,
        home_team=home, away_team=away, home_known=int(c.home_id is not None),
        kickoff_tolerance_days=0 if c.kickoff_basis in EXACT_BASES else 1,
        score_home=goals.get(home) if goals else None, score_away=goals.get(away) if goals else None,
    )
