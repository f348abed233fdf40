"""Scores written in words, earlier results told by "N weeks after" / "reste sur", present-tense
speech headlines and the town of a borrowed ground (issue 11, blind6 round)."""

from __future__ import annotations

from newscrawl.matching import classify_article, extract_match_facts
from newscrawl.matching.scores import find_scores, normalise_score_text


def _scores(text: str) -> list[tuple[int, int]]:
    return [(s.first, s.second) for s in find_scores(normalise_score_text(text))]


def test_a_french_score_in_words_is_read() -> None:
    assert _scores("Nantes a battu Angers trois buts à un dimanche.") == [(3, 1)]
    assert _scores("Metz l'emporte deux à zéro.") == [(2, 0)]


def test_a_dutch_or_english_score_in_words_is_read() -> None:
    assert _scores("Het werd twee-één in Zwolle.") == [(2, 1)]
    assert _scores("They won two-nil at home.") == [(2, 0)]


def test_words_that_are_no_score_stay_words() -> None:
    # "un à un" is "one by one"; a one-two is a passing move.
    assert _scores("Les joueurs sont sortis un à un du vestiaire.") == []
    assert _scores("Hij speelde een één-twee met de spits.") == []
    assert _scores("He played a one-two with the striker.") == []


def test_a_report_with_its_score_in_words_is_a_report() -> None:
    title = "Nantes écarte Angers et remonte au classement"
    body = "Nantes a écarté Angers trois buts à un samedi soir à la Beaujoire."
    facts = extract_match_facts(title, body, language="fr", published_at="2025-03-08T23:00:00+01:00")
    assert facts is not None and facts.article_type == "report" and sorted(facts.score or ()) == [1, 3]


def test_weeks_after_a_defeat_is_an_earlier_game() -> None:
    title = "Utrecht wil wraak in de beker"
    body = ("Twee weken na de 2-0 nederlaag in Arnhem (zaterdag 1 maart) ontvangt Utrecht woensdagavond "
            "Vitesse in de kwartfinale.")
    assert classify_article(title, body, language="nl") == "preview"


def test_a_side_coming_off_a_defeat_recalls_an_earlier_game() -> None:
    title = "Angers veut rebondir face à Reims"
    body = "Angers, qui reste sur une lourde défaite (4-0), reçoit Reims dimanche à 15h."
    assert classify_article(title, body, language="fr") == "preview"


def test_a_present_tense_speech_headline_about_a_defeat_is_a_reaction() -> None:
    title = "Moyes admits Everton 'lacked energy' at Fulham"
    body = ("David Moyes said on Monday that his side lacked energy in Saturday's defeat at Craven Cottage. "
            "Everton host Wolves next.")
    assert classify_article(title, body, language="en") == "reaction"


def test_the_town_of_a_borrowed_ground_is_no_third_team() -> None:
    # Brest plays its European home games in Guingamp: the town is a place, the sides are Brest and PSV.
    title = "Ligue des champions : Brest veut battre le PSV à Guingamp"
    body = "Le Stade Brestois accueille le PSV Eindhoven mercredi soir (21h) pour la sixième journée."
    facts = extract_match_facts(title, body, language="fr", published_at="2024-12-10T17:00:00+01:00")
    assert facts is not None and facts.article_type == "preview"
    assert facts.team_ids == ("fra-brest", "ned-psv")


def test_a_ground_named_as_stadium_of_a_third_club_is_a_place() -> None:
    title = "PSV onderuit in Bretagne"
    body = ("PSV heeft woensdagavond verloren in de Champions League. In het stadion van Guingamp, waar "
            "Stade Brest zijn Europese thuiswedstrijden speelt, gingen de Eindhovenaren met 2-1 onderuit.")
    facts = extract_match_facts(title, body, language="nl", published_at="2024-12-11T23:00:00+01:00")
    assert facts is not None and facts.team_ids == ("fra-brest", "ned-psv")


def test_a_town_after_a_place_word_with_one_other_team_is_the_opponent() -> None:
    # "s'impose à Lyon" with no third club: Lyon is the side beaten, not a place.
    title = "Lens s'impose à Lyon"
    body = "Le RC Lens a battu l'Olympique Lyonnais 2-1 dimanche soir."
    facts = extract_match_facts(title, body, language="fr", published_at="2025-03-09T23:00:00+01:00")
    assert facts is not None and facts.team_ids == ("fra-lens", "fra-lyon")


def test_a_result_not_yet_won_is_no_played_match() -> None:
    # "nog geen enkele keer gewonnen": the side has not won; the lead looks ahead to Saturday.
    title = "Steijn wil zaterdag de eerste thuiszege"
    body = ("FC Groningen heeft dit seizoen thuis nog geen enkele keer gewonnen. Zaterdagavond komt "
            "NEC naar de Euroborg.")
    assert classify_article(title, body, language="nl") == "preview"


def test_beerschots_ground_het_kiel_is_no_holstein_kiel() -> None:
    # Gazetteer data: Beerschot play at "het Kiel", which the short name of Holstein Kiel would take.
    got = extract_match_facts(
        "Lommel wint op het Kiel", "Lommel SK heeft zondag met 0-2 gewonnen op het Kiel. De trainer was tevreden.",
        language="nl", published_at="2025-03-02T20:00:00+01:00")
    assert got is None or "ger-holstein-kiel" not in got.team_ids
