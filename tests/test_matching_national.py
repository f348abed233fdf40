"""National teams named by nickname or demonym (newscrawl/matching/national.toml), and the
article-type and kick-off rules for leads that recall another game (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.matching import classify_article, extract_match_facts, find_teams, load_gazetteer
from newscrawl.matching.competitions import find_leg
from newscrawl.matching.sides import extract_side_facts


def _ids(text: str) -> list[str]:
    return [m.team_id for m in find_teams(text)]


def test_every_national_toml_entry_names_a_known_team_and_nicknames_are_plain_names():
    gaz = load_gazetteer()
    ned = gaz.teams["nt-ned"]
    assert "Oranje" in ned.nicknames and "Oranje" in ned.names
    assert "Néerlandais" in ned.context_only and "Néerlandais" not in ned.names
    assert "Matildas" in gaz.teams["nt-aus-w"].nicknames


def test_a_nickname_is_football_context_a_country_name_is_not():
    gaz = load_gazetteer()
    nick, country = gaz.scan("Les Diables rouges et la Belgique").teams
    assert gaz.football_name(nick) and not gaz.football_name(country)


def test_a_demonym_counts_in_a_national_team_text():
    assert _ids("Les Bleus ont dominé les Néerlandais en Ligue des nations.") == ["nt-fra", "nt-ned"]
    assert _ids("La Belgique a battu les Gallois samedi.") == ["nt-bel", "nt-wal"]


def test_a_demonym_alone_or_of_a_club_is_not_a_national_team():
    assert _ids("Les Néerlandais étaient nombreux dans les tribunes.") == []
    assert "nt-ned" not in _ids("Les Bleus en tribune, les Néerlandais du PSV sur la pelouse contre Lyon.")


def test_women_nicknames_are_the_womens_team_never_the_mens():
    assert _ids("The Matildas held the Lionesses") == ["nt-aus-w", "nt-eng-w"]


def test_french_writes_pays_de_galles_in_lower_case():
    assert _ids("La Belgique a battu le pays de Galles 3-1.") == ["nt-bel", "nt-wal"]


def test_a_nickname_headline_is_a_match_even_without_football_words():
    title = "France v Netherlands: Les Bleus need a big night in Saint-Denis"
    body = "France host the Netherlands on Sunday, three days after the trip to Rotterdam."
    facts = extract_match_facts(title, body, language="en", published_at="2025-03-22T15:00:00+00:00")
    assert facts is not None and facts.team_ids == ("nt-fra", "nt-ned")
    assert facts.article_type == "preview" and facts.kickoff_date == date(2025, 3, 23)


def test_a_one_team_reaction_by_nickname():
    side = extract_side_facts("Koeman: 'Oranje moet zondag beter'",
                              "De bondscoach baalde donderdagavond na de nederlaag van het Nederlands elftal in de Kuip.",
                              language="nl", published_at="2025-03-21T09:00:00+01:00")
    assert side is not None and side.team_ids == ("nt-ned",)


@pytest.mark.parametrize(("title", "body", "published"), [
    # The last result opens the lead; the day ahead is this match's.
    ("Ajax zint op revanche in de beker",
     "Vier dagen na de 3-1 nederlaag in Eindhoven krijgt Ajax donderdagavond thuis de kans. PSV is opnieuw "
     "de tegenstander in de kwartfinale van de beker.", "2025-02-05T16:00:00+01:00"),
    # "last Tuesday's 2-1 win": the first leg, recalled in a second-leg preview.
    ("Emery warns Villa the job is only half done",
     "Unai Emery says Aston Villa cannot rest on last Tuesday's 2-1 win in Bruges when Club Brugge visit "
     "Villa Park on Wednesday.", "2025-03-11T13:00:00+00:00"),
    # A past result of a team outside the match.
    ("La Roja and Portugal meet in Munich for the trophy",
     "Spain and Portugal contest the Nations League final on Sunday evening. Spain beat France in the "
     "semi-final on Thursday.", "2025-06-07T12:00:00+00:00"),
])
def test_previews_that_recall_another_game_stay_previews(title, body, published):
    assert classify_article(title, body, language=None) == "preview"
    facts = extract_match_facts(title, body, language=None, published_at=published)
    assert facts is not None and facts.article_type == "preview"
    assert facts.kickoff_date >= date.fromisoformat(published[:10])


def test_a_weekday_that_opens_another_games_date_is_not_the_kick_off():
    title = "Ligue des nations : les Bleus chutent à Rotterdam (2-1)"
    body = ("Battue 2-1 jeudi soir par les Pays-Bas, l'équipe de France devra renverser la situation au match "
            "retour, dimanche 23 mars au Stade de France.")
    facts = extract_match_facts(title, body, language="fr", published_at="2025-03-21T00:15:00+01:00")
    assert facts.kickoff_date == date(2025, 3, 20)
    assert facts.leg == 1  # the return leg "devra" still be played


def test_of_two_days_in_a_report_the_later_is_the_match():
    title = "Oranje uitgeschakeld in Parijs"
    body = ("Na de 2-1 zege van donderdag in Rotterdam ging het Nederlands elftal zondag alsnog onderuit. "
            "Frankrijk won met 2-0 van Nederland.")
    facts = extract_match_facts(title, body, language="nl", published_at="2025-03-24T08:00:00+01:00")
    assert facts.kickoff_date == date(2025, 3, 23)


def test_a_return_leg_still_to_play_in_a_report():
    body = "Villa won 2-1 in Bruges to take a narrow lead into the return leg of the Champions League tie."
    assert find_leg("Villa edge Club Brugge", body, finished=True) == 1


def test_a_recalled_result_is_not_the_score_when_the_lead_gives_another():
    title = "Oranje valt in Parijs"
    body = ("Na de 2-1 zege van donderdag in Rotterdam ging het Nederlands elftal zondag onderuit in "
            "Saint-Denis. Frankrijk won met 2-0.")
    facts = extract_match_facts(title, body, language="nl", published_at=None)
    assert facts.goals_by_team() == {"nt-fra": 2, "nt-ned": 0}
    assert facts.kickoff_weekday == 6  # Sunday, not the recalled Thursday


def test_a_reactions_after_the_defeat_score_is_its_own_match():
    facts = extract_match_facts("Slot: 'We were not good enough'",
                                "Arne Slot admitted Liverpool were second best after the 2-0 defeat at Chelsea.",
                                language="en", published_at="2025-05-05T09:00:00+00:00")
    assert facts.goals_by_team() == {"eng-chelsea": 2, "eng-liverpool": 0}


def test_dutch_voor_de_eredivisie_is_the_league_of_the_match():
    title = "PSV wil de kloof met Ajax vergroten"
    body = ("PSV ontvangt Ajax zondagmiddag voor de Eredivisie. Donderdag treffen de twee ploegen elkaar "
            "opnieuw in de KNVB Beker.")
    facts = extract_match_facts(title, body, language="nl", published_at="2025-02-01T14:00:00+01:00")
    assert facts.competition_id == "ned-eredivisie"


@pytest.mark.parametrize("lead", ["Tuchel's England beat Albania 2-0 in World Cup qualifying on Friday.",
                                  "Qualifications Mondial 2026 : l'Angleterre bat l'Albanie 2-0 vendredi."])
def test_a_world_cup_qualifier_is_not_the_world_cup(lead):
    facts = extract_match_facts(lead, lead, language=None, published_at="2025-03-22T08:00:00+01:00")
    assert facts.competition_id == "wc-qualifiers"


@pytest.mark.parametrize(("title", "body", "goals"), [
    # The first side named is the opponent ("tegen Anderlecht"); the winner is named by a word the
    # gazetteer does not know.
    ("Club Brugge wint de topper", "Blauw-zwart heeft zondag de topper tegen Anderlecht gewonnen: 2-1.",
     {"bel-club-brugge": 2, "bel-anderlecht": 1}),
    ("Face à Nantes, Lens arrache la victoire", "Face à Nantes, les Sang et Or se sont imposés 2-1 samedi.",
     {"fra-lens": 2, "fra-nantes": 1}),
    # Written from the unnamed subject's side.
    ("Oranje klopt Frankrijk in De Kuip", "Het werd donderdag in Rotterdam 2-1 tegen Frankrijk. Nederland was beter.",
     {"nt-ned": 2, "nt-fra": 1}),
    # A passive with the score inside.
    ("Soirée difficile à Rotterdam", "Battue 2-1 par les Pays-Bas jeudi en Ligue des nations, la France devra réagir.",
     {"nt-ned": 2, "nt-fra": 1}),
])
def test_the_opponent_marked_by_against_or_a_passive(title, body, goals):
    facts = extract_match_facts(title, body, language=None, published_at="2025-03-21T09:00:00+01:00")
    assert facts.goals_by_team() == goals


def test_a_one_team_article_must_be_about_football():
    lifestyle = ("A creator shares what changed after she lost weight",
                 "Emma Roma Jayne says food tastes different now. Her manager booked a trip to Spain.")
    assert extract_side_facts(*lifestyle, language="en", published_at="2025-04-01T10:00:00+00:00") is None
    # A "friendly" far down a long story is a word, not a competition.
    long_story = (lifestyle[0], lifestyle[1] + " She lives a quiet life." * 120 + " Everyone was friendly.")
    assert extract_side_facts(*long_story, language="en", published_at="2025-04-01T10:00:00+00:00") is None
    coach = extract_side_facts("Conte: Napoli must react", "The coach demanded a response after the 2-0 defeat on Saturday.",
                               language="en", published_at="2025-03-02T10:00:00+00:00")
    assert coach is not None and coach.team_ids == ("ita-napoli",)


def test_a_second_sentence_result_after_a_caption_and_a_dutch_passive():
    body = ("Arne Slot viert de zege met zijn spelers. (Foto: ANP)\n\n"
            "Feyenoord heeft zondag De Klassieker gewonnen. In De Kuip werd Ajax met 2-0 verslagen.")
    facts = extract_match_facts("Feyenoord wint De Klassieker", body, language="nl",
                                published_at="2025-01-27T08:00:00+01:00")
    assert facts.goals_by_team() == {"ned-feyenoord": 2, "ned-ajax": 0}
    assert facts.kickoff_date == date(2025, 1, 26)


def test_a_result_naming_both_sides_and_a_third_team_is_still_a_report():
    assert classify_article("Arsenal go top", "Arsenal beat Chelsea on Sunday to move above Liverpool at the top "
                            "of the Premier League.", language="en") == "report"
