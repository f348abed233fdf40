"""What :func:`newscrawl.matching.regroup.regroup` takes and gives: article evidence, known
fixtures, match clusters, and the rule that keeps story ids stable when clusters merge or split."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from newscrawl.errors import RegroupInputError  # noqa: F401  (raised by regroup, defined with the others)
from newscrawl.matching.facts import MatchFacts

#: Article types that tell a played match (their kick-off is on or before publication).
PLAYED_TYPES = frozenset({"report", "reaction", "live"})


@dataclass(frozen=True)
class ArticleFacts:
    """What :func:`regroup` needs of one article: its id, teams, date evidence and match facts."""

    article_id: str
    """Stable id (the archive's canonical URL or row id as text); sorts and breaks ties."""
    team_ids: tuple[str, ...]
    """Two sorted team ids, one for an article that reliably names only one side, or none for a
    match article placed only by the names it shares with a match (:mod:`newscrawl.matching.names`)."""
    article_type: str
    kickoff_date: date | None = None
    kickoff_basis: str | None = None
    """``explicit``, ``relative``, ``weekday``, ``published`` or None."""
    published_date: date | None = None
    published_precision: str | None = None
    competition_id: str | None = None
    stage: str | None = None
    leg: int | None = None
    home_id: str | None = None
    goals: tuple[tuple[str, int], ...] | None = None
    """Result as sorted (team id, goals) pairs, from a report or reaction; None otherwise."""
    story_id: int | None = None
    """Story the archive gave this article before, if any."""
    kickoff_weekday: int | None = None
    """Weekday (0 = Monday) the text gives when no date resolves it: separates undated articles."""
    names: frozenset[str] = frozenset()
    """People and places the text names outside team names (:func:`newscrawl.matching.names.article_names`):
    what places an article that names no team."""

    @classmethod
    def from_match_facts(cls, article_id: str, facts: MatchFacts, story_id: int | None = None,
                         names: frozenset[str] = frozenset()) -> ArticleFacts:
        """The regroup view of :class:`~newscrawl.matching.facts.MatchFacts`."""
        by_team = facts.goals_by_team()
        goals = tuple(sorted(by_team.items())) if by_team and facts.article_type in PLAYED_TYPES else None
        return cls(
            article_id=article_id, team_ids=tuple(facts.team_ids), article_type=facts.article_type,
            kickoff_date=facts.kickoff_date, kickoff_basis=facts.kickoff_basis,
            published_date=facts.published_date, published_precision=facts.published_precision,
            competition_id=facts.competition_id, stage=facts.stage, leg=facts.leg, home_id=facts.home_id,
            goals=goals, story_id=story_id, kickoff_weekday=facts.kickoff_weekday, names=names,
        )


@dataclass(frozen=True)
class Fixture:
    """A known fixture: who plays whom on which day, and the result when played."""

    team_ids: tuple[str, str]
    kickoff_date: date
    competition_id: str | None = None
    home_id: str | None = None
    goals: tuple[tuple[str, int], ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "team_ids", tuple(sorted(self.team_ids)))


@dataclass(frozen=True)
class MatchCluster:
    """One match and the articles about it, as decided over all the evidence."""

    key: str
    """``competition:kickoff-date:team~team`` (as :func:`~newscrawl.matching.keys.match_key`);
    ``undated`` in place of the date when no article dates the match. It may change as evidence
    arrives: the story id is the stable handle."""
    team_ids: tuple[str, str]
    kickoff_date: date | None
    kickoff_basis: str | None
    """Best basis among the votes for the chosen day (``fixture`` when a fixture fixed it)."""
    competition_id: str | None
    stage: str | None
    leg: int | None
    home_id: str | None
    goals: tuple[tuple[str, int], ...] | None
    article_ids: tuple[str, ...]
    """Sorted ids of every article of the match (one-team articles included)."""
    story_id: int | None = None
    """The story id kept for this match (the oldest of its articles' ids), None for a new story."""
    absorbed_story_ids: tuple[int, ...] = ()
    """Earlier story ids merged into this one: ``story OLD_ID`` should answer with this story."""
    fixture: Fixture | None = None
    joined: tuple[str, ...] = ()
    """Ids (among ``article_ids``) of articles of another pair, or of another meeting, placed here
    by their names (a lone article whose teams or date were read wrong)."""



def keep_story_ids(clusters: list[MatchCluster], articles: Sequence[ArticleFacts]) -> list[MatchCluster]:
    """``clusters`` with :attr:`MatchCluster.story_id` and ``absorbed_story_ids`` set from the
    story ids ``articles`` carried before: oldest (smallest) id first, each to the cluster holding
    most of its articles (ties: the cluster whose smallest article id sorts first) without an id
    yet; an id kept nowhere is absorbed by the cluster holding most of its articles."""
    story_of = {a.article_id: a.story_id for a in articles if a.story_id is not None}
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    for i, c in enumerate(clusters):
        for aid in c.article_ids:
            if aid in story_of:
                counts[story_of[aid]][i] += 1
    kept: dict[int, int] = {}
    for sid in sorted(counts):
        free = [i for i in counts[sid] if i not in kept.values()]
        if free:
            kept[sid] = min(free, key=lambda i: (-counts[sid][i], clusters[i].article_ids[0]))
    owner = {i: sid for sid, i in kept.items()}
    out = []
    for i, c in enumerate(clusters):
        absorbed = tuple(sorted(sid for sid, where in counts.items() if sid not in kept and i in where
                                and max(where, key=lambda j: (where[j], -j)) == i))
        out.append(replace(c, story_id=owner.get(i), absorbed_story_ids=absorbed))
    return out


