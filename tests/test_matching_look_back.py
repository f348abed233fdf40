"""A piece looking back on a played game is a reaction: its weekday reads backwards (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.matching import classify_article, extract_match_facts


@pytest.mark.parametrize(
    ("title", "body", "language", "published", "kickoff"),
    [
        ("Four talking points from the Tyne-Wear derby",
         "Three days on, a look at what decided Saturday at the Stadium of Light between Sunderland and "
         "Newcastle.", "en", "2025-03-04T08:00:00+00:00", date(2025, 3, 1)),
        ("Ce qu'il faut retenir du derby entre Lyon et Saint-Etienne",
         "Le calme est revenu. Dimanche, Lyon a dominé Saint-Etienne dans un Groupama Stadium plein.",
         "fr", "2025-03-04T09:00:00+01:00", date(2025, 3, 2)),
        ("Lessen uit de topper tussen PSV en AZ",
         "Zaterdag was PSV in Eindhoven lange tijd de betere ploeg tegen AZ, maar de punten werden gedeeld.",
         "nl", "2025-03-03T07:30:00+01:00", date(2025, 3, 1)),
    ],
)
def test_a_look_back_piece_is_a_reaction_dated_backwards(
        title: str, body: str, language: str, published: str, kickoff: date) -> None:
    assert classify_article(title, body, language=language) == "reaction"
    facts = extract_match_facts(title, body, language=language, published_at=published)
    assert facts is not None
    assert facts.kickoff_date == kickoff


def test_talking_points_before_a_game_stay_a_preview() -> None:
    title = "Talking points ahead of Sunday's derby"
    body = "Sunderland will host Newcastle on Sunday with both sides needing the points."
    assert classify_article(title, body, language="en") == "preview"


def test_a_possessive_weekday_in_a_look_back_opening_is_the_game_looked_back_on() -> None:
    title = "Cooper: Forest deserved a point at Everton"
    body = ("Three days on from Sunday's narrow defeat at Goodison Park, Nottingham Forest manager Nuno still "
            "believes his side were the better team against Everton.\n\n"
            "'We had more of the ball and came away with nothing,' he said ahead of the midweek trip to Leeds.")
    assert classify_article(title, body, language="en") == "reaction"
    facts = extract_match_facts(title, body, language="en", published_at="2025-03-05T10:00:00+00:00")
    assert facts is not None and facts.kickoff_date == date(2025, 3, 2)


def test_twee_dagen_na_opens_a_dutch_look_back() -> None:
    title = "Na de derbynederlaag: Heerenveen zoekt rust"
    body = ("Twee dagen na de pijnlijke 2-0 nederlaag bij Cambuur heerst er onrust in Heerenveen. De trainer sprak "
            "zaterdag lang met de groep.\n\nTegen Go Ahead Eagles komen er wijzigingen in de basis.")
    assert classify_article(title, body, language="nl") == "reaction"


@pytest.mark.parametrize(
    ("title", "body", "language", "published", "kickoff"),
    [
        ("Nuno: 'We switched off after the second goal'",
         "Two days on from the cup exit at Everton, Nottingham Forest manager Nuno said his side had stopped "
         "playing. Forest face Leeds on Sunday.", "en", "2025-03-07T11:00:00+00:00", date(2025, 3, 5)),
        ("Nice - Rennes, trois jours après : « On a manqué de caractère »",
         "Trois jours après l'élimination face à Rennes, l'entraîneur de Nice est revenu sur la défaite. "
         "Nice retrouve la Ligue 1 dimanche face à Lens.", "fr", "2025-03-07T11:00:00+01:00", date(2025, 3, 4)),
    ],
)
def test_a_reaction_counted_in_days_from_its_game_is_dated_back(
        title: str, body: str, language: str, published: str, kickoff: date) -> None:
    facts = extract_match_facts(title, body, language=language, published_at=published)
    assert facts is not None and facts.article_type == "reaction"
    assert facts.kickoff_date == kickoff
