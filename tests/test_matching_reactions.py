"""Reactions told apart from previews, half-time scores, legs named by a player's return and
weekdays read without a publication date (issue 11, blind5 round)."""

from __future__ import annotations

from newscrawl.matching import classify_article, extract_match_facts
from newscrawl.matching.competitions import find_leg


def test_looking_back_on_a_knock_out_is_a_reaction() -> None:
    title = "Vermeulen: 'Dit doet nog lang pijn'"
    body = ("De trainer van Genk heeft donderdag teruggeblikt op de uitschakeling tegen Anderlecht. "
            "Genk speelt zondag thuis tegen Mechelen.")
    assert classify_article(title, body, language="nl") == "reaction"


def test_a_quote_two_days_after_the_game_is_a_reaction() -> None:
    title = "Dupont : « Il nous a manqué de la justesse »"
    body = ("Deux jours après le nul contre Lens, l'entraîneur de Lille revenait sur la rencontre. "
            "Lille se déplace à Nice samedi.")
    assert classify_article(title, body, language="fr") == "reaction"


def test_days_after_under_a_plain_headline_stays_a_preview() -> None:
    # Without a quoted headline "four days after the defeat" still recalls an earlier game.
    title = "Ajax look to bounce back against PSV"
    body = "Four days after the defeat in Rotterdam, Ajax host PSV on Sunday."
    assert classify_article(title, body, language="en") == "preview"


def test_a_past_tense_quote_headline_is_a_reaction() -> None:
    title = "Martin : « Samedi, on a montré du caractère »"
    body = "L'entraîneur de Rennes s'est exprimé mardi en conférence de presse. Rennes recevra Brest dimanche."
    assert classify_article(title, body, language="fr") == "reaction"


def test_a_coach_expecting_a_reaction_is_not_a_reaction_headline() -> None:
    title = "Derby : Martin attend une réaction de ses joueurs"
    body = "Rennes reçoit Nantes dimanche à 17h au Roazhon Park, après deux défaites de suite."
    assert classify_article(title, body, language="fr") == "preview"


def test_hails_is_a_reaction_verb() -> None:
    title = "Moyes hails West Ham's spirit"
    body = "West Ham manager David Moyes said on Monday that the team showed character after the defeat at Everton."
    assert classify_article(title, body, language="en") == "reaction"


def test_the_half_time_score_is_not_the_result() -> None:
    title = "Lens revient de loin contre Lille"
    body = "Menés 2-0 à la pause, les Lensois sont revenus à 2-2 face à Lille samedi soir."
    facts = extract_match_facts(title, body, language="fr", published_at="2024-03-02")
    assert facts is not None and facts.score == (2, 2)


def test_the_return_of_a_player_is_not_the_second_leg() -> None:
    body = "Lyon affronte Lille vendredi. L'entraîneur enregistre le retour de Tolisso au milieu."
    assert find_leg("Lyon veut enchaîner", body, finished=False) is None
    assert find_leg("Lyon veut enchaîner", "Lyon prépare le retour de la demi-finale.", finished=False) == 2


def test_a_return_leg_that_follows_makes_a_report_the_first_leg() -> None:
    body = "Genk verloor woensdag met 2-0 van Gent. Dinsdag volgt in Gent de terugwedstrijd."
    assert find_leg("Genk onderuit", body, finished=True) == 1


def test_without_publication_date_the_quote_day_is_not_the_match_day() -> None:
    title = "Hendriks baalt: 'Dat mag niet gebeuren'"
    body = ("Na het gelijkspel van zondag tegen FC Twente was PEC Zwolle-trainer Hendriks nog boos, "
            "zei hij dinsdag op de persconferentie.")
    facts = extract_match_facts(title, body, language="nl", published_at=None)
    assert facts is not None and facts.kickoff_weekday == 6


def test_without_publication_date_a_dated_weekday_is_left_to_the_date() -> None:
    title = "Coupe : Nice veut sa revanche contre Monaco"
    body = ("Dix-sept jours après la défaite au stade Louis-II (2-0, le dimanche 2 février), Nice retrouve "
            "Monaco mercredi en Coupe de France.")
    facts = extract_match_facts(title, body, language="fr", published_at=None)
    assert facts is not None and facts.kickoff_weekday == 2
