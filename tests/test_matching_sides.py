"""One-team articles: a match article that reliably names only one side."""

from __future__ import annotations

from datetime import date

from newscrawl.matching import extract_match_facts
from newscrawl.matching.sides import extract_side_facts


def test_a_coachs_reaction_naming_one_side() -> None:
    title = "Black Cats boss Le Bris proud of his players"
    body = "Régis Le Bris said his side had deserved more from Monday night's 2-2 draw at the Stadium of Light."
    assert extract_match_facts(title, body, language="en", published_at="2025-02-18T08:00:00+00:00") is None
    side = extract_side_facts(title, body, language="en", published_at="2025-02-18T08:00:00+00:00")
    assert side is not None
    assert side.team_ids == ("eng-sunderland",)
    assert side.kickoff_date == date(2025, 2, 17)


def test_a_second_side_in_the_lead_is_a_pair_article_not_a_one_team_one() -> None:
    title = "Lens: Still satisfied"
    body = "Will Still was pleased after Lens drew 1-1 at Lille on Saturday."
    assert extract_side_facts(title, body, language="en", published_at="2025-01-19T09:00:00+00:00") is None


def test_a_transfer_story_is_no_match_article() -> None:
    title = "Lens sign a Danish defender"
    body = "RC Lens have signed a defender from Copenhagen on a four-year contract."
    assert extract_side_facts(title, body, language="en", published_at="2025-01-19T09:00:00+00:00") is None


def test_a_place_is_not_the_named_side() -> None:
    # "in Lille" is where it was played; the one side named is Lens.
    title = "Sotoca, the man of the derby"
    body = "Florian Sotoca scored to earn RC Lens a point in Lille on Saturday night, his fourth goal of the season."
    side = extract_side_facts(title, body, language="en", published_at="2025-01-19T09:00:00+00:00")
    assert side is not None and side.team_ids == ("fra-lens",)


def test_the_subject_of_a_sentence_naming_its_last_opponent_and_a_rival_is_the_side() -> None:
    facts = extract_match_facts(
        "Slot rekent op Gakpo tegen Heerenveen",
        "Arne Slot kan zaterdagavond tegen SC Heerenveen weer een beroep doen op Cody Gakpo.\n\n"
        "Feyenoord wil na het gelijkspel bij Sparta Rotterdam de achterstand op Ajax weer verkleinen. "
        "Het duel in De Kuip begint om 20.00 uur.",
        language="nl", published_at="2025-03-07T13:20:00+01:00")
    assert facts is not None and facts.team_ids == ("ned-feyenoord", "ned-heerenveen")


def test_the_next_opponent_in_the_lead_does_not_make_a_pair_article() -> None:
    title = "Slot: ‘Dit doet pijn’"
    lead = ("Feyenoord-trainer Arne Slot was zondag teleurgesteld na de 2-1 nederlaag in Alkmaar. "
            "‘Dit moeten we snel vergeten’, zei hij. ")
    published = "2025-02-17T10:00:00+01:00"
    side = extract_side_facts(title, lead + "Feyenoord ontvangt volgend weekend Heracles Almelo in De Kuip.",
                              language="nl", published_at=published)
    assert side is not None and side.team_ids == ("ned-feyenoord",)
    # A second side that is not the next game's opponent still makes it no one-team article.
    assert extract_side_facts(title, lead + "Heracles Almelo was de hele middag de betere ploeg.",
                              language="nl", published_at=published) is None


def test_a_one_team_reaction_does_not_take_the_competition_of_the_next_game() -> None:
    body = ("Arne Slot was na afloop in Eindhoven kritisch op Feyenoord. ‘We waren niet scherp’, zei hij. "
            "De Rotterdammers spelen zondag in de Eredivisie tegen Heracles.")
    side = extract_side_facts("Slot baalt na bekeruitschakeling", body, language="nl",
                              published_at="2025-02-06T10:00:00+01:00")
    assert side is not None and side.team_ids == ("ned-feyenoord",)
    assert side.competition_id != "ned-eredivisie"


def test_late_game_words_are_football_words() -> None:
    # A ratings page: the club, a score, and "entré en fin de match" are enough football context.
    body = ("Rongier (7) a été le meilleur Marseillais samedi soir, Aubameyang (6) a marqué de la tête. "
            "Seul Sarr (4), entré en fin de match, a déçu. L'OM s'est imposé 2-0.")
    side = extract_side_facts("Les notes de l'OM : Rongier partout", body, language="fr",
                              published_at="2025-02-16T09:00:00+01:00")
    assert side is not None and side.team_ids == ("fra-marseille",)
