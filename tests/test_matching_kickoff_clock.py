"""A kick-off time in the lead is a game to come (issue 11): a preview that opens on the last
result ("after the 1-1 three weeks ago") stays a preview, and its weekday points forward. Our own
words."""

from __future__ import annotations

import pytest

from newscrawl.matching import classify_article
from newscrawl.matching.kickoff import KICKOFF_CLOCK


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("Heerenveen wil donderdag de halve finale halen",
         "Na het 2-2 van drie weken geleden in Deventer beslist donderdagavond de terugwedstrijd. "
         "Heerenveen speelt thuis en heeft aan een 0-0 genoeg. Aftrap om 18.45 uur.", "nl"),
        ("Postecoglou: 'We owe the fans a performance'",
         "After the 3-0 defeat at Brighton, Tottenham host Wolves on Sunday (14:00) knowing another slip "
         "would leave them in the bottom half.", "en"),
        ("Koeman: 'Met een zege staan we met één been op het WK'",
         "Na de zuinige 1-0 in Litouwen wil Oranje dinsdagavond in Rotterdam de groep beslissen. "
         "\"Met een zege zijn we er bijna\", zei Ronald Koeman maandag. Aftrap om 20.45 uur.", "nl"),
        ("Pantaloni : « On doit retrouver notre efficacité »",
         "Battus 3-1 à Angers, les Merlus reçoivent Le Havre samedi (19h) au Moustoir avec l'obligation "
         "de réagir.", "fr"),
    ],
)
def test_a_lead_giving_the_kick_off_time_is_a_preview_whatever_score_it_recalls(title, body, language) -> None:
    assert classify_article(title, body, language=language) == "preview"


def test_a_report_naming_the_next_games_time_stays_a_report() -> None:
    title = "Lens 2-1 Lille : les Sang et Or s'offrent le derby"
    body = ("Lens a battu Lille 2-1 dimanche à Bollaert. Les deux équipes se retrouvent dès mercredi (21h) "
            "en Coupe de France.")
    assert classify_article(title, body, language="fr") == "report"


def test_a_live_blog_announcing_its_kick_off_stays_live() -> None:
    body = "52' Gele kaart voor Til.\n31' 1-0! Lang schiet raak.\n1' De bal rolt.\n\nAftrap om 20.00 uur in Eindhoven."
    assert classify_article("LIVE | PSV - Feyenoord", body, language="nl") == "live"


@pytest.mark.parametrize("text", ["dimanche (17h15) à la Beaujoire", "(20.45 uur)", "(14h, heure belge)",
                                  "kick-off is at 7.30pm", "De aftrap is om 14.30 uur"])
def test_kick_off_times_in_three_languages(text) -> None:
    assert KICKOFF_CLOCK.search(text)


@pytest.mark.parametrize("text", ["won 2-1 (1-0 at the break)", "in 2024 (3-1)", "the 2023-24 season (34 goals)"])
def test_scores_and_seasons_in_brackets_are_no_kick_off_time(text) -> None:
    assert not KICKOFF_CLOCK.search(text)
