"""A deficit still to overturn is the first leg's score, not a result (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.matching import classify_article, extract_match_facts
from newscrawl.matching.scores import find_scores


@pytest.mark.parametrize(
    "text",
    ["Twente moet 0-2 goedmaken in Istanbul", "Celtic must overturn a 1-3 deficit at Parkhead",
     "Le Stade Rennais a un 0-1 à remonter au Roazhon Park", "Utrecht kijkt tegen een 1-2 achterstand aan"],
)
def test_a_deficit_is_no_result(text: str) -> None:
    assert [s.aggregate for s in find_scores(text)] == [True]


def test_a_played_score_beside_a_comeback_stays_the_result() -> None:
    scores = find_scores("Heracles won met 3-2 nadat het een 0-2 achterstand had weggewerkt")
    assert [(s.first, s.second, s.aggregate) for s in scores] == [(3, 2, False), (0, 2, True)]


def test_a_return_leg_preview_with_the_deficit_in_its_headline() -> None:
    title = "Twente moet 0-2 goedmaken tegen Fenerbahce"
    body = ("Na de 0-2 nederlaag in Istanbul vorige donderdag moet FC Twente morgen in De Grolsch Veste "
            "winnen om door te gaan in de Europa League.")
    assert classify_article(title, body, language="nl") == "preview"
    facts = extract_match_facts(title, body, language="nl", published_at="2025-02-19T14:00:00+01:00")
    assert facts is not None and facts.score is None


def test_a_first_leg_deficit_undone_is_the_return_legs_own_clause() -> None:
    facts = extract_match_facts(
        "Scotland beat Greece to stay in Nations League A",
        "Scotland overturned a first-leg deficit to beat Greece 3-0 at Hampden on Sunday and keep their place. "
        "Greece, who had won 3-1 in Piraeus on Thursday, barely threatened.",
        language="en", published_at="2025-03-24T08:00:00+00:00")
    assert facts is not None
    assert facts.goals_by_team() == {"nt-sco": 3, "nt-gre": 0}
    assert facts.kickoff_date == date(2025, 3, 23)
