"""A match being decided by :func:`newscrawl.matching.regroup.regroup`: its articles and their
consensus (kick-off weekday, competition, result, leg, stage, home side), and the test that an
article contradicts it (so took another game's date)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newscrawl.matching.evidence import ArticleFacts, Fixture
from newscrawl.matching.tally import Members, Tally, best, plus

#: Weight of an article's vote by how its kick-off date was inferred.
BASIS_WEIGHT = {"fixture": 10.0, "explicit": 3.0, "relative": 2.5, "weekday": 2.0, "published": 1.0}
#: Types whose score is a result that must agree within a match.
RESULT_TYPES = frozenset({"report", "reaction"})


#: The fields of a match's consensus, voted on by its articles (:func:`_votes`) in running totals.
_FIELDS = ("competition_id", "results", "live", "weekday", "leg", "stage", "home_id")


def _votes(a: ArticleFacts) -> tuple[tuple[str, Hashable | None, float], ...]:
    return (("competition_id", a.competition_id, 1.0),
            ("results", a.goals if a.article_type in RESULT_TYPES else None, 1.0),
            ("live", a.goals if a.article_type == "live" else None, 0.5),
            ("weekday", a.kickoff_weekday, 1.0), ("leg", a.leg, 1.0), ("stage", a.stage, 1.0),
            ("home_id", a.home_id, 1.0))


@dataclass
class DraftMatch:
    """A match being built by :func:`newscrawl.matching.regroup.regroup`: its pair, the day it
    is anchored on, the fixture it was matched to and its member articles so far."""

    team_ids: tuple[str, str]
    anchor: date | None
    fixture: Fixture | None = None
    members: list[ArticleFacts] = field(default_factory=list)
    joined: list[str] = field(default_factory=list)
    """Ids of articles placed here by their names (:func:`newscrawl.matching.regroup._move_lone`):
    members of the match's story that do not vote on its facts."""

    def __post_init__(self) -> None:
        self.tally = Tally(_FIELDS, _votes)
        self.agreed: dict[str, Any] | None = None  # the consensus, until the members change
        self.members = Members(self.tally, self._changed, self.members)

    def _changed(self) -> None:
        self.agreed = None


def majority(votes: Iterable[tuple[Hashable | None, float]]) -> Any:
    """The value with the most weight; ties go to the smallest value (by repr), never to order."""
    totals: dict[Hashable, float] = defaultdict(float)
    for value, weight in votes:
        if value is not None:
            totals[value] += weight
    return best(totals)


def consensus(m: DraftMatch) -> dict[str, Any]:
    """The match's agreed facts (see the module docstring), computed once per change of its members."""
    if m.agreed is None:
        m.agreed = _agreed(m.tally, m)
    return m.agreed


def _agreed(tally: Tally, m: DraftMatch) -> dict[str, Any]:
    t = tally.totals
    fx = m.fixture
    fixture_weight = BASIS_WEIGHT["fixture"]
    comp = best(plus(t["competition_id"], fx.competition_id if fx else None, fixture_weight))
    goals = best(plus(t["results"], fx.goals if fx and fx.goals else None, fixture_weight))
    if goals is None:
        goals = best(t["live"])
    return {
        "weekday": m.anchor.weekday() if m.anchor else best(t["weekday"]),
        "competition_id": comp,
        "goals": goals,
        "leg": best(t["leg"]),
        "stage": best(t["stage"]),
        "home_id": best(plus(t["home_id"], fx.home_id if fx else None, fixture_weight)),
    }


def consensus_without(m: DraftMatch, a: ArticleFacts) -> dict[str, Any]:
    """The consensus of ``m``'s other articles."""
    return m.tally.without(a, lambda tally: _agreed(tally, m))


def contradicts(a: ArticleFacts, agreed: dict[str, Any]) -> bool:
    """A result, leg or competition of ``a`` that differs from the match's consensus."""
    result = agreed["goals"]
    # The same goals the other way round is a score read in the wrong team order, not another
    # game: two meetings within days with mirrored results do not happen.
    if (a.goals is not None and a.article_type in RESULT_TYPES and result is not None
            and sorted(g for _, g in a.goals) != sorted(g for _, g in result)):
        return True
    if a.leg is not None and agreed["leg"] is not None and a.leg != agreed["leg"]:
        return True
    weekday = agreed.get("weekday")
    if a.kickoff_weekday is not None and weekday is not None and min((a.kickoff_weekday - weekday) % 7,
                                                                      (weekday - a.kickoff_weekday) % 7) > 1:
        return True  # "on Thursday" is not Sunday's game (a day either side for late-night reports)
    if a.goals is not None and a.goals == result:
        return False  # the same result within days: a competition named wrong, not another game
    comp = agreed["competition_id"]
    return a.competition_id is not None and comp is not None and a.competition_id != comp
