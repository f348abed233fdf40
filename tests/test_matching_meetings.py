"""Two meetings of the same teams kept apart: another meeting's date, the first leg seen from the
return, and a club's short name in a European competition (own-words fixtures)."""

from __future__ import annotations

from datetime import date

from newscrawl.matching import extract_match_facts
from newscrawl.matching.gazetteer import load_gazetteer


def test_a_preview_skips_the_date_of_the_next_meeting_of_the_same_clubs() -> None:
    facts = extract_match_facts(
        "Howe expects a tight game at St James' Park",
        "Eddie Howe says Newcastle's Sunday's visit of Everton is the first of two games in ten days. The sides meet "
        "again in the FA Cup quarter-final on Tuesday 16 March at Goodison.\n\nHowe has no new injuries.",
        language="en", published_at="2027-03-05T12:00:00+00:00",
    )
    assert facts is not None and facts.article_type == "preview"
    assert facts.kickoff_date == date(2027, 3, 7)


def test_a_first_leg_deficit_makes_the_report_about_the_return() -> None:
    facts = extract_match_facts(
        "Benfica 2-0 Lille: Benfica go through",
        "Benfica overturned their first-leg deficit in Lisbon to reach the Europa League quarter-finals. "
        "Lille, who won the first leg 1-0 last Thursday, never threatened.",
        language="en", published_at="2027-03-18T22:30:00+00:00",
    )
    assert facts is not None
    assert facts.leg == 2
    assert facts.kickoff_date != date(2027, 3, 11)  # last Thursday was the first leg


def _ids(text: str) -> set[str]:
    return {m.team_id for m in load_gazetteer().scan(text).teams}


def test_a_short_club_name_counts_in_a_european_competition_only() -> None:
    assert "ita-inter" in _ids("Feyenoord held Inter to a draw in the Champions League on Tuesday.")
    assert "ita-inter" not in _ids("Feyenoord held Inter to a draw on Tuesday.")


def test_a_preview_giving_the_return_its_slot_is_about_the_first_leg() -> None:
    facts = extract_match_facts(
        "Slot: 'Feyenoord zijn thuis sterk'",
        "Feyenoord neemt het donderdagavond in de Europa League op tegen Real Betis. De return in Sevilla "
        "staat voor donderdag 18 maart op het programma.",
        language="nl", published_at="2027-03-10T12:00:00+01:00",
    )
    assert facts is not None and facts.article_type == "preview"
    assert facts.leg == 1
    assert facts.kickoff_date == date(2027, 3, 11)
