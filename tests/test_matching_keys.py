"""Match and tie keys (newscrawl.matching.keys)."""

from __future__ import annotations

from datetime import date

from newscrawl.matching.facts import MatchFacts
from newscrawl.matching.keys import tie_key


def facts(competition: str | None, leg: int | None = 1) -> MatchFacts:
    return MatchFacts(
        team_ids=("atalanta", "marseille"), home_id=None, away_id=None, competition_id=competition,
        stage="semi-final", leg=leg, score=None, kickoff_date=date(2024, 5, 2), kickoff_basis="fixture",
        published_date=date(2024, 5, 3), published_precision="day", article_type="report", confidence=1.0,
    )


def test_a_competition_the_gazetteer_does_not_know_is_not_two_legged() -> None:
    # A fixture file's league id the gazetteer lacks used to raise KeyError.
    assert tie_key(facts("scottish-league-two-2023")) is None


def test_a_known_two_legged_competition_gives_one_key_for_both_legs() -> None:
    first, second = tie_key(facts("uefa-europa-league", 1)), tie_key(facts("uefa-europa-league", 2))
    assert first is not None and first == second
    assert first.startswith("tie:uefa-europa-league:2023-24:")
