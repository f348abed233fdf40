"""Rules from reading the twelfth blind set's errors (issue 11): a result clause before a later-game
cue, a city that is a word of a club name written in full, football words, women's words, table rivals
in headlines, a ground named in the headline. Our own words."""

from __future__ import annotations

import pytest

from newscrawl.matching import classify_article, extract_match_facts
from newscrawl.matching.sides import extract_side_facts
from tests.support.matching import facts


def test_a_team_named_with_the_result_before_a_later_game_cue_is_a_side() -> None:
    # "beaten 2-1 by Millwall and travel to Stoke": Millwall is the played match's opponent,
    # Stoke (after the cue) the next one.
    got = facts("Agony for Hull at the death",
                "Hull City head coach Liam Rosenior said his side deserved a point after Saturday's late defeat "
                "at The Den.\n\n'We gave everything,' he said. Hull were beaten 2-1 by Millwall and travel to "
                "Stoke on Tuesday.",
                "2026-03-08T11:00:00+00:00")
    assert set(got.team_ids) == {"eng-hull-city", "eng-millwall"}


def test_without_a_result_the_team_before_the_cue_stays_out() -> None:
    # No score before the cue: the old rule holds (only the sentence's subject is a side).
    got = extract_match_facts(
        "Emery: late goal shows this squad never gives up",
        "Unai Emery says his players' refusal to lose is becoming their hallmark. Saturday's draw with "
        "Aston Villa came from behind. Chelsea and Villa both travel to Brentford next month.",
        language="en", published_at="2026-03-02T11:00:00+00:00")
    assert got is None or "eng-brentford" not in got.team_ids


def test_a_city_that_is_a_word_of_a_club_named_in_full_is_not_another_club() -> None:
    # "Berlin" with "Union Berlin" named is that club's city, not Berlin's other club.
    got = facts("Braga take a draw home from Berlin",
                "Braga came back from Berlin with a 1-1 draw on Thursday night in the first leg of their "
                "Europa League tie. Ricardo Horta equalised late after Union Berlin had led at the break.",
                "2026-03-13T09:00:00+00:00")
    assert set(got.team_ids) == {"ger-union-berlin", "por-braga"}


def test_a_coachs_reaction_naming_only_countries_is_football_by_its_dressing_room() -> None:
    # No goal, league or score: the coach, the dressing room and the draw make it football.
    title = "Tedesco: 'Dit was gewoon niet goed genoeg'"
    body = ("Domenico Tedesco zocht dinsdag geen uitvluchten. De bondscoach van België sprak een dag na de "
            "nederlaag tegen Canada van een pijnlijke avond. In de kleedkamer bleef het na afloop lang stil.")
    assert classify_article(title, body, language="nl") == "reaction"
    assert set(facts(title, body, "2026-06-16T11:00:00+02:00", "nl").team_ids) == {"nt-bel", "nt-can"}


def test_the_dutch_womens_eleven_makes_oranje_the_womens_team() -> None:
    # "Het Nederlands vrouwenelftal" in the lead and "de Leeuwinnen" after it: "Oranje" and its
    # opponent are the women's teams, not the men's.
    got = facts("Oranje wint ruim van Zweden",
                "Het Nederlands vrouwenelftal heeft zaterdag met 3-1 gewonnen van Zweden. In Utrecht scoorden "
                "Roord, Martens en Miedema.\n\nDe Leeuwinnen speelden een sterke eerste helft.",
                "2026-04-11T22:00:00+02:00", "nl")
    assert set(got.team_ids) == {"nt-ned-w", "nt-swe-w"}


def test_a_rival_in_the_table_in_the_headline_is_no_third_side() -> None:
    # "to close gap on Newcastle", "en loopt uit op PSV": the third club is a rival in the
    # standings, so the headline is no round-up and the pair is the match's.
    got = facts("Brighton beat Fulham to close gap on Newcastle",
                "Brighton won 2-0 against Fulham at the Amex on Saturday. Two goals in the second half did it.",
                "2026-03-07T19:00:00+00:00")
    assert set(got.team_ids) == {"eng-brighton", "eng-fulham"}
    got = facts("Feyenoord wint van Heerenveen en loopt uit op PSV",
                "Feyenoord heeft zondag met 3-1 gewonnen van Heerenveen. Gimenez scoorde twee keer.",
                "2026-03-08T18:00:00+01:00", "nl")
    assert set(got.team_ids) == {"ned-feyenoord", "ned-heerenveen"}


def test_the_return_match_is_a_football_word_for_a_one_team_report() -> None:
    # One club, a score and "de terugwedstrijd": enough football for a one-team report.
    got = extract_side_facts(
        "Union houdt alles open in Duitsland",
        "Union Saint-Gilloise speelde donderdagavond 1-1 in Duitsland. Na de rust gaf de ploeg van Geraerts "
        "weinig meer weg.\n\nDe terugwedstrijd is volgende week donderdag in Brussel.",
        language="nl", published_at="2026-03-12T23:00:00+01:00")
    assert got is not None and got.team_ids == ("bel-union-sg",)


def test_a_ground_in_the_headline_names_the_opponent_of_a_one_team_page() -> None:
    # Only Arsenal is named; "at Villa Park" in the headline is Aston Villa's ground, so the
    # ratings are of Aston Villa v Arsenal.
    got = facts("Arsenal ratings: Saka shines at Villa Park",
                "Bukayo Saka 8 - Scored the winner and ran the show. Declan Rice 7 - Tidy in midfield. "
                "Arsenal won 1-0 and stay in the race.",
                "2026-03-09T08:00:00+00:00")
    assert set(got.team_ids) == {"eng-arsenal", "eng-aston-villa"}


def test_a_ground_in_a_reports_first_sentence_names_the_opponent() -> None:
    got = facts("Oosting: 'We verdienden meer dan een punt'",
                "Joseph Oosting was zaterdag na afloop in Eindhoven niet tevreden met het gelijkspel van FC Twente. "
                "'We hadden de wedstrijd moeten beslissen', zei de trainer.", "2026-03-08T11:00:00+01:00", "nl")
    assert set(got.team_ids) == {"ned-psv", "ned-twente"}


def test_a_ground_named_after_the_first_sentence_makes_no_pair() -> None:
    # A ground further on may be borrowed: only the headline's and a played match's first sentence count.
    got = extract_match_facts(
        "Arsenal ratings: Saka shines again",
        "Bukayo Saka 8 - Scored the winner and ran the show. Declan Rice 7 - Tidy in midfield at Villa Park. "
        "Arsenal won 1-0 and stay in the race.",
        language="en", published_at="2026-03-09T08:00:00+00:00")
    assert got is None


def test_a_french_club_name_with_le_is_found_contracted() -> None:
    # "du Mans", "au Havre": French contracts "de le" and "à le" in front of "Le Mans", "Le Havre".
    got = facts("Quevilly Rouen repart bredouille du Mans",
                "Quevilly Rouen a été battu 2-0 samedi soir en Ligue 2. Les Normands n'ont jamais trouvé la "
                "solution face à une équipe bien organisée.", "2026-03-08T10:00:00+01:00", "fr")
    assert set(got.team_ids) == {"fra-le-mans", "fra-us-quevilly-rouen-metropole"}
    got = facts("Amiens : la colère de l'entraîneur après la défaite au Havre",
                "L'entraîneur d'Amiens n'a pas digéré la défaite 1-0 de samedi en Ligue 2. « Nous méritions "
                "mieux », a-t-il déclaré.", "2026-03-08T10:00:00+01:00", "fr")
    assert set(got.team_ids) == {"fra-amiens", "fra-le-havre"}


def test_the_league_a_side_draws_closer_to_is_not_the_matchs() -> None:
    # "se rapproche de la Ligue 1": the league the Paris FC hopes to reach, not the one it plays in.
    got = facts("Le Paris FC s'impose et voit la montée approcher",
                "Le Paris FC se rapproche de la Ligue 1. Les Parisiens ont battu Grenoble 2-0 samedi soir au "
                "stade Charléty.", "2026-03-08T10:00:00+01:00", "fr")
    assert set(got.team_ids) == {"fra-paris", "fra-grenoble-foot-38"}
    assert got.competition_id != "fra-ligue-1"


def test_a_cup_named_in_a_previews_earlier_result_is_not_the_matchs() -> None:
    # "après l'élimination en Coupe de France": the last meeting's cup, not Sunday's game.
    got = facts("Lens veut effacer la déception face à Lille",
                "Dix jours après l'élimination en Coupe de France, Lens reçoit Lille dimanche (17h). Franck Haise "
                "récupère deux titulaires.", "2026-03-06T10:00:00+01:00", "fr")
    assert got.article_type == "preview"
    assert got.competition_id != "fra-coupe-de-france"


def test_a_derby_named_in_the_headline_names_both_sides() -> None:
    # Only Tottenham is named; "North London derby" names Arsenal too.
    got = facts("North London derby: Arteta expects a fierce contest",
                "Mikel Arteta's side go to Tottenham on Sunday looking for a third straight league win. "
                "Ange Postecoglou has injury worries in defence.", "2026-03-07T09:00:00+00:00")
    assert set(got.team_ids) == {"eng-arsenal", "eng-tottenham"}


def test_a_derby_looked_back_on_weighs_less_than_the_sides_named() -> None:
    # "na verloren Klassieker": the derby was the last game; Wednesday's is Ajax v AZ.
    got = facts("Ajax moet door na verloren Klassieker",
                "Drie dagen na de nederlaag in Rotterdam speelt Ajax woensdag (20.00 uur) in de beker tegen AZ. "
                "De trainer wil een reactie zien.", "2026-03-03T09:00:00+01:00", "nl")
    assert set(got.team_ids) == {"ned-ajax", "ned-az"}


def test_a_derby_needs_two_known_teams() -> None:
    from newscrawl.errors import GazetteerDataError
    from newscrawl.matching.gazetteer import Gazetteer

    with pytest.raises(GazetteerDataError):
        Gazetteer([], [], [], {"Some derby": ["no-such-team", "nor-this-one"]})


def test_a_derby_name_used_for_another_countrys_classic_names_no_clubs() -> None:
    # "de Klassieker van Frankrijk" beside Marseille and PSG is their game, not Ajax v Feyenoord.
    from newscrawl.matching.gazetteer import load_gazetteer

    text = ("Marseille buigt voor PSG\nOlympique Marseille heeft zondag de Klassieker van Frankrijk verloren. "
            "Paris Saint-Germain won met 2-1 in het Vélodrome.")
    named = {m.team_id for m in load_gazetteer().scan(text).teams}
    assert not named & {"ned-ajax", "ned-feyenoord"}
    # Beside one of its clubs the name counts: "de Klassieker" with Ajax named is Ajax v Feyenoord.
    named = {m.team_id for m in load_gazetteer().scan("Ajax wint de Klassieker\nAjax was zondag sterker.").teams}
    assert named == {"ned-ajax", "ned-feyenoord"}


def test_the_cup_a_side_turns_to_is_its_next_game() -> None:
    # "se tournent désormais vers la Coupe de France": the next game's cup, not this draw's.
    got = facts("Lens et Lille se quittent dos à dos",
                "Le RC Lens et le LOSC ont partagé les points samedi (1-1) à Bollaert. Les Lillois se tournent "
                "désormais vers la Coupe de France.", "2026-03-08T11:00:00+01:00", "fr")
    assert set(got.team_ids) == {"fra-lens", "fra-lille"}
    assert got.competition_id != "fra-coupe-de-france"
