"""Rules from reading the fourth blind set's errors (issue 11): sentences about a later game, inline
key-moment lists, dated earlier results in previews, "A 2 B 1" scorelines, live full-time lines. Our own words."""

from __future__ import annotations

import pytest

from newscrawl.matching import classify_article, extract_match_facts
from newscrawl.matching.lead import reorder_lead
from newscrawl.matching.scores import normalise_score_text
from tests.support.matching import facts


@pytest.mark.parametrize(
    ("title", "body", "language", "sides"),
    [
        # The played match's opponent is named once; the winner only as the subject of its next game.
        ("Jansen: 'We never stopped believing'",
         "Dick Jansen was all smiles after the 3-2 win on Sunday. \"Twice behind and still we won,\" he said. "
         "Opponents Heerenveen were left to rue the defeat. Groningen host NEC on Saturday.",
         "en", {"ned-groningen", "ned-heerenveen"}),
        ("De Vries: 'Dit doet pijn'",
         "De trainer was dinsdag nog altijd boos over het gelijkspel van zondag. \"Zo'n thuiswedstrijd moet je "
         "winnen\", zei hij. Het werd 1-1 tegen Sparta. Feyenoord speelt woensdag tegen Twente.",
         "nl", {"ned-feyenoord", "ned-sparta"}),
    ],
)
def test_the_subject_of_a_next_game_sentence_is_a_side(title, body, language, sides) -> None:
    got = facts(title, body, "2026-03-03T12:00:00+01:00", language)
    assert set(got.team_ids) == sides


def test_the_team_after_a_later_game_cue_is_the_next_opponent() -> None:
    # "ahead of the trip to Brentford": Brentford is after the cue, not the side of Saturday's game.
    got = extract_match_facts(
        "Emery: late goal shows this squad never gives up",
        "Unai Emery says his players' refusal to lose is becoming their hallmark. \"The mentality at the end "
        "was outstanding,\" he said on Monday, ahead of the trip to Brentford. Saturday's 2-2 with Aston Villa "
        "came from behind.",
        language="en", published_at="2026-03-02T11:00:00+00:00")
    assert got is None or "eng-brentford" not in got.team_ids


def test_an_inline_key_moments_list_leaves_the_lead() -> None:
    body = ("Key moments: 12' Osimhen heads in (0-1). 40' Dzeko levels (1-1). 77' Kerem wins it (2-1).\n\n"
            "Galatasaray came from behind against Fenerbahce on Sunday.")
    assert reorder_lead(body).body.startswith("Galatasaray came from behind")
    got = facts("Galatasaray win the derby", body, "2026-03-02T08:00:00+01:00")
    assert got.goals_by_team() != {"tur-galatasaray": 0, "tur-fenerbahce": 1}


def test_a_competition_named_with_a_third_team_is_another_games() -> None:
    got = facts("Heracles hoopt op volle bak tegen Utrecht",
                "Heracles ontvangt zondag FC Utrecht. Trainer Jansen kan weer over zijn spits beschikken. "
                "Utrecht speelde donderdag in de Europa League nog gelijk bij Bodø/Glimt.",
                "2026-03-07T10:00:00+01:00", "nl")
    assert set(got.team_ids) == {"ned-heracles", "ned-utrecht"}
    assert got.competition_id != "uefa-europa-league"


def test_a_competition_named_with_both_sides_stays_theirs() -> None:
    got = facts("Madrid derby decides the quarter-final",
                "Real Madrid host Atlético Madrid in the Champions League on Tuesday, a week after Atlético "
                "beat Sevilla. Real Madrid and Atlético Madrid meet in the Champions League for the third time.",
                "2026-04-06T10:00:00+01:00")
    assert got.competition_id == "uefa-champions-league"


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("Lyon doit réagir face à Nantes",
         "Battu 3-1 à Lens le samedi 8 mars, Lyon reçoit Nantes dimanche soir avec l'obligation de gagner.", "fr"),
        ("Fulham need a response against Everton",
         "Beaten 2-0 at Brentford on 1 March, Fulham host Everton on Saturday looking for a reaction.", "en"),
    ],
)
def test_a_dated_earlier_result_opening_a_look_ahead_is_a_preview(title, body, language) -> None:
    assert classify_article(title, body, language=language) == "preview"


def test_a_dated_result_without_a_day_ahead_stays_a_report() -> None:
    assert classify_article("Lyon edge Nantes", "Lyon beat Nantes 2-1 on 9 March at the Groupama Stadium.",
                            language="en") == "report"


def test_the_english_scoreline_with_goals_after_each_name_is_a_score() -> None:
    got = facts("Fulham 3 Everton 1: Jiménez at the double",
                "Raúl Jiménez scored twice as Fulham saw off Everton at Craven Cottage on Saturday.",
                "2026-03-07T19:00:00+00:00")
    assert got.goals_by_team() == {"eng-fulham": 3, "eng-everton": 1}
    assert normalise_score_text("Ligue 1 Lille 2.") == "Ligue 1 Lille 2."


def test_a_live_blogs_full_time_line_beats_a_recalled_higher_score() -> None:
    got = facts("Lille v Lens: Coupe de France – live",
                "FT: Lille 1 Lens 0. Lille are through.\n\n"
                "81' GOAL! Lille ahead at last. 1-0.\n\n"
                "Preamble: welcome to the second derby in a week, after Saturday's wild 3-3 in the league.",
                "2026-03-04T22:00:00+01:00")
    assert got.article_type == "live"
    assert got.goals_by_team() == {"fra-lille": 1, "fra-lens": 0}


@pytest.mark.parametrize(
    "closing",
    [
        "PSV ontvangt volgend weekend Heracles Almelo.",  # "volgend weekend": the next game
        "PSV ontvangt Heracles Almelo zaterdagavond in het Philips Stadion.",  # hosting is a later game
    ],
)
def test_a_reaction_closing_on_the_next_home_game_does_not_take_its_opponent(closing) -> None:
    body = ("Peter Bosz was zondagavond teleurgesteld na de nederlaag in Alkmaar. ‘We waren slordig’, zei de "
            f"PSV-trainer.\n\nBosz wees op de blessures in zijn selectie. {closing}")
    got = extract_match_facts("Bosz: ‘Dit moeten we snel vergeten’", body, language="nl",
                              published_at="2025-02-17T10:00:00+01:00")
    assert got is None or "ned-heracles" not in got.team_ids
