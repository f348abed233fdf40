"""Club news (a coach leaving, a ban, an injury lay-off) is no match; a month is an earlier meeting."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.matching import classify_article, extract_match_facts


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("Preston part company with manager after heavy defeat",
         "Preston North End have parted company with their manager after Saturday's 4-0 loss at Burnley.",
         "en"),
        ("UEFA hands Dumfries two-match ban",
         "Inter defender Denzel Dumfries has been banned for two games after his red card against Napoli "
         "on Sunday. Inter will face Roma without him.", "en"),
        ("AZ moet twee duels met gesloten tribune spelen",
         "AZ speelt de komende twee thuisduels met een gesloten tribune. De KNVB legt die straf op na "
         "het vuurwerk tijdens het duel met Utrecht.", "nl"),
        ("Odegaard faces six weeks out with knee injury",
         "Martin Odegaard will miss Arsenal's next games against Chelsea and Spurs.", "en"),
        # Headline phrases of a club's news (the club_news cue); the lead still names the next game.
        ("Hansen commits future to Brentford with new three-year deal",
         "Brentford's manager agreed terms on Monday. His side visit Wolves on Saturday.", "en"),
        ("Vitesse haalt ervaren middenvelder binnen",
         "Vitesse heeft een clubloze middenvelder vastgelegd. Zondag tegen Heerenveen zit hij mogelijk al op de bank.",
         "nl"),
        ("Europa League draw: Roma paired with Porto",
         "Roma will meet Porto in the last 16 after Friday's ceremony. The first leg is in Rome on 6 March.", "en"),
        ("Eredivisie legt aftraptijden vast voor de slotronde",
         "PSV ontvangt op zondag 12 mei om 14.30 uur Feyenoord in een duel om de titel.", "nl"),
        # Ground works: the lead names the next home game, the headline no match.
        ("Geoffroy-Guichard : les travaux du virage sud prolongés",
         "L'AS Saint-Etienne a indiqué lundi que le chantier du virage sud durera jusqu'en mars. Les "
         "supporters seront replacés pour la venue de Lyon en février.", "fr"),
        ("Renovatie van de Abe Lenstra-tribune uitgesteld",
         "SC Heerenveen heeft dinsdag bekendgemaakt dat de verbouwing pas na het seizoen begint, ook "
         "het duel met Cambuur wordt nog in het oude stadion gespeeld.", "nl"),
        ("Fulham confirm Riverside Stand renovation timetable",
         "Fulham announced on Tuesday that the works will finish before Chelsea visit Craven Cottage.", "en"),
        ("Chelsea sweat on James after scan",
         "Reece James could miss Sunday's game with Arsenal after feeling his thigh in training.", "en"),
    ],
)
def test_club_news_is_other(title: str, body: str, language: str) -> None:
    assert classify_article(title, body, language=language) == "other"


def test_a_month_places_a_recalled_meeting() -> None:
    f = extract_match_facts(
        "PSV wil revanche op AZ",
        "PSV heeft zondag in het Philips Stadion iets recht te zetten. In september ging de ploeg in "
        "Alkmaar met 3-1 onderuit.", language="nl", published_at="2026-02-20T12:00:00+01:00")
    assert f is not None
    assert f.article_type == "preview"
    assert f.score is None
    assert f.kickoff_date == date(2026, 2, 22)


def test_team_news_in_a_lead_that_places_the_game_ahead_is_a_preview() -> None:
    # Injuries and a signing in the lead, but the lead hosts the opponents on a coming weekday.
    assert classify_article(
        "Slot: Villa are dangerous, whatever the table says",
        "Arne Slot insists Aston Villa remain a threat as Liverpool prepare to host Unai Emery's side at "
        "Anfield on Saturday. The Reds are without Alisson, still recovering from hamstring surgery, while "
        "Villa have a January signing in the squad.",
        language="en") == "preview"


def test_a_fixture_headline_naming_the_next_opponent_is_no_round_up() -> None:
    title = "Oranje v Denmark: Koeman rotates ahead of Norway trip"
    body = ("Ronald Koeman has hinted at changes when Oranje host Denmark in Utrecht on Friday night in the "
            "Nations League. Kick-off is at 8pm.")
    assert classify_article(title, body, language="en") == "preview"
    facts = extract_match_facts(title, body, language="en", published_at="2025-04-03T13:00:00+02:00")
    assert facts is not None and facts.team_ids == ("nt-den", "nt-ned")
