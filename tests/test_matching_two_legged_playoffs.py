"""Two meetings days apart (a play-off's two legs, a second meeting after a first): the play-off's
own final, the decider announced in a report, a bare recalled score, a defeat's participle and a
live blog's preamble (own-words fixtures, issue 11)."""

from __future__ import annotations

from datetime import date

from newscrawl.matching import classify_article, extract_match_facts


def test_the_play_off_final_is_the_match_not_a_later_round() -> None:
    # "finale van de play-offs" is the tie itself: its day is the preview's, not a later game's.
    facts = extract_match_facts(
        "Play-offs: Willem II wil stunten",
        "Willem II speelt vrijdagavond de eerste wedstrijd van de finale van de play-offs tegen NAC. "
        "De return is maandag.",
        language="nl", published_at="2028-05-17T12:00:00+02:00",
    )
    assert facts is not None and facts.article_type == "preview"
    assert facts.kickoff_date == date(2028, 5, 19)


def test_a_report_skips_the_day_the_decision_falls() -> None:
    facts = extract_match_facts(
        "Alles open na remise",
        "Willem II en NAC hebben in de eerste finale van de play-offs met 2-2 gelijkgespeeld.\n\n"
        "Maandag valt in Breda de beslissing over promotie.",
        language="nl", published_at="2028-05-19T22:30:00+02:00",
    )
    assert facts is not None and facts.article_type == "report"
    assert facts.kickoff_date == date(2028, 5, 19)  # not last Monday


def test_a_bare_score_after_an_after_word_is_a_recalled_game_in_a_preview() -> None:
    title = "Na de 0-2 van zaterdag wil Willem II revanche op NAC"
    text = "Willem II speelt woensdagavond (20.00 uur) in de beker tegen NAC."
    assert classify_article(title, text, language="nl") == "preview"
    facts = extract_match_facts(title, text, language="nl", published_at="2028-02-07T12:00:00+01:00")
    assert facts is not None and facts.kickoff_date == date(2028, 2, 9)  # not Saturday ahead


def test_a_headline_saying_they_meet_again_keeps_the_day_of_that_meeting() -> None:
    facts = extract_match_facts(
        "Beker: Willem II en NAC treffen elkaar opnieuw",
        "Willem II en NAC staan donderdagavond opnieuw tegenover elkaar, nu in de beker.",
        language="nl", published_at="2028-02-07T12:00:00+01:00",
    )
    assert facts is not None and facts.kickoff_date == date(2028, 2, 10)


def test_a_sentence_opening_on_a_defeat_with_two_days_recalls_the_first() -> None:
    title, body = ("Les Diables Rouges veulent leur revanche",
                   "Battus 0-1 mardi à Gand, les Diables Rouges retrouvent le pays de Galles samedi (20h45) "
                   "à Cardiff pour la deuxième journée des qualifications.")
    assert classify_article(title, body, language="fr") == "preview"
    facts = extract_match_facts(title, body, language="fr", published_at="2028-03-20T12:00:00+01:00")
    assert facts is not None and facts.kickoff_date == date(2028, 3, 25)  # not the Tuesday ahead
    # One day only: the match's own result, told in the present.
    assert classify_article("Les Diables Rouges passent", "Tenus en échec 1-1 mercredi soir à Cardiff, les "
                            "Diables Rouges se qualifient pour l'Euro.", language="fr") == "report"


def test_a_dutch_perfect_without_ge_tells_a_played_match() -> None:
    assert classify_article("Punt voor NAC in Tilburg", "NAC is zaterdag met een punt uit Tilburg vertrokken. "
                            "Tegen Willem II werd het 1-1.", language="nl") == "report"


def test_a_titled_result_is_the_draw_the_lead_places_after() -> None:
    # The lead looks ahead to the second leg, but the headline tells this match's draw.
    title, body = ("NAC earn draw at Willem II in play-off final first leg",
                   "NAC's hopes are alive after a 2-2 draw away to Willem II in the first leg of the play-off "
                   "final on Friday.\n\nThe second leg is in Breda on Monday.")
    assert classify_article(title, body, language="en") == "report"


def test_a_live_blog_skips_the_day_of_the_first_leg_in_its_preamble() -> None:
    facts = extract_match_facts(
        "LIVE: NAC - Willem II, de beslissing",
        "88' NAC maakt het af: 2-0.\n50' NAC op voorsprong, 1-0.\n12' Kans voor Willem II.\n\n"
        "Welkom bij dit liveblog. Vrijdag eindigde de heenwedstrijd in Tilburg in 2-2.",
        language="nl", published_at="2028-05-22T18:50:00+02:00",
    )
    assert facts is not None and facts.article_type == "live"
    assert facts.kickoff_date == date(2028, 5, 22)
