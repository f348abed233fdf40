"""Two meetings of the same clubs close together: a replay and the game it replaces, two legs of a
tie. The recalled meeting's date and score must not become this article's."""

from __future__ import annotations

from datetime import date

from tests.support.matching import facts


def test_report_of_a_replay_takes_its_weekday_not_the_abandoned_games_date() -> None:
    f = facts("Heerenveen win the rematch in Zwolle",
              "Heerenveen beat PEC Zwolle 3-1 on Tuesday in the replay of the league game that was "
              "stopped on 2 March after crowd trouble. The restart drew a small crowd.",
              "2026-03-25T08:00:00+01:00")
    assert f.kickoff_date == date(2026, 3, 24)


def test_an_old_date_alone_still_dates_a_report() -> None:
    # Nothing else in the text: the written date is the best there is.
    f = facts("Heerenveen beat PEC Zwolle", "Heerenveen beat PEC Zwolle 3-1 on 2 March.",
              "2026-03-25T08:00:00+01:00")
    assert f.kickoff_date == date(2026, 3, 2)


def test_second_leg_preview_recalling_the_first_leg_score_and_date() -> None:
    f = facts("Porto need to turn it round against Lille",
              "Porto go into Thursday's second leg at home trailing 2-0 after the first meeting in Lille "
              "on 5 March, when Jonathan David struck late. Their coach called the tie \"far from over\" on the eve of the game.\n\n"
              "Lille, who won 1-0 at Nantes at the weekend, will travel without their captain.",
              "2026-03-11T13:00:00+00:00")
    assert f.article_type == "preview"
    assert f.kickoff_date == date(2026, 3, 12)
    assert f.score is None
