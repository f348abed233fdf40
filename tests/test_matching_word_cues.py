"""Word cues that place a result: a goalless draw is a score, a recalled game is dated by any number
of days, and a French past-tense pattern does not read English."""

from __future__ import annotations

from newscrawl.matching import classify_article, extract_match_facts


def test_a_goalless_draw_is_a_played_score() -> None:
    f = extract_match_facts(
        "Keepers keep it blank in Lille",
        "Lille and Lens played out a goalless draw on Saturday, both goalkeepers making fine saves.",
        language="en", published_at="2026-03-07T19:00:00+01:00")
    assert f is not None
    assert f.article_type == "report"
    assert f.score == (0, 0)


def test_a_goalless_first_half_is_no_score() -> None:
    f = extract_match_facts(
        "Lille and Lens still level",
        "Lille and Lens went in after a goalless first half on Saturday; the second half follows.",
        language="en", published_at="2026-03-07T18:00:00+01:00")
    assert f is None or f.score is None


def test_any_number_of_days_after_dates_an_earlier_game() -> None:
    title = "PSV wil revanche op AZ"
    body = "Twaalf dagen na de 2-1 nederlaag in Alkmaar ontvangt PSV zondag AZ in het Philips Stadion."
    assert classify_article(title, body, language="nl") == "preview"


def test_an_english_semi_final_is_no_french_past_tense() -> None:
    title = "Howe: Magpies can end long wait for a semi-final"
    body = ("Eddie Howe says Newcastle have a real chance to reach a first semi-final when Chelsea visit "
            "St James' Park in the cup quarter-final on Tuesday night.")
    assert classify_article(title, body, language="en") == "preview"
