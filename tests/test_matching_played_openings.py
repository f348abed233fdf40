"""A report's opening told in the past, a club named after a weekday."""

from __future__ import annotations

from datetime import date

from newscrawl.matching import classify_article, extract_match_facts
from tests.support.matching import facts


def test_a_club_named_after_a_weekday_is_not_a_match_day() -> None:
    # Published on a Saturday evening; "Wednesday's" is Sheffield Wednesday, not last Wednesday.
    f = facts("Sheffield Wednesday 0-2 Hull City: Tigers end the drought",
              "Hull City won 2-0 at Sheffield Wednesday at Hillsborough. Wednesday's unbeaten home run "
              "ends at six games.", "2026-11-14T17:30:00+00:00")
    assert f.kickoff_date == date(2026, 11, 14)


def test_opening_with_a_past_verb_and_a_weekday_is_a_report() -> None:
    f = facts("Kane's late header sinks his old club",
              "Harry Kane refused to celebrate, but his header sent Bayern into the quarter-finals on "
              "Tuesday night. It finished 2-1 in Munich after Tottenham had led at the break.",
              "2026-03-11T07:00:00+00:00")
    assert f.article_type == "report"
    assert f.kickoff_date == date(2026, 3, 10)


def test_dutch_perfect_tense_with_a_long_middle_is_a_report() -> None:
    f = facts("PSV Vrouwen kansloos in Lyon",
              "De vrouwen van PSV zijn woensdagavond in de Champions League volkomen kansloos ten onder "
              "gegaan bij Olympique Lyon. In het Groupama Stadium werd het 3-0.",
              "2026-10-15T08:00:00+02:00", "nl")
    assert f.article_type == "report"
    assert f.kickoff_date == date(2026, 10, 14)


def test_without_a_date_the_clubs_weekday_name_is_not_the_written_match_day() -> None:
    f = extract_match_facts("Sheffield Wednesday travel to Hull",
                            "Hull City host Sheffield Wednesday on Sunday. Wednesday's away form has been poor.",
                            language="en", published_at=None)
    assert f is not None
    assert f.kickoff_weekday == 6


def test_a_dutch_perfect_with_a_long_middle_field_is_told_in_the_past() -> None:
    # The participle closes the clause: "hebben zondag in Zwolle ... genomen" is a played game.
    assert classify_article("Heerenveen zet stap richting Europa",
                            "De Friezen hebben zondag in Zwolle de lastigste horde van de hele maand genomen. Met "
                            "het kleinst mogelijke verschil werd PEC Zwolle aan de kant gezet.",
                            language="nl") == "report"
