"""Rules from reading the blind set's errors (issue 11): previews that recall past scores, days of
quotes, next opponents, score order, distractors, Scottish and women's teams. Our own words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from newscrawl.matching import classify_article, extract_match_facts
from newscrawl.matching.evidence import ArticleFacts
from newscrawl.matching.regroup import regroup
from tests.support.matching import facts


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("Lyon and Nantes meet with Europe at stake",
         "Sunday's game at the Groupama Stadium could decide a European place for both clubs. "
         "Nantes, who won 3-1 in the cup in Lyon in January, are without their captain.", "en"),
        ("Rennes - Brest : un derby pour se relancer",
         "Le Stade rennais reçoit Brest dimanche soir au Roazhon Park. La dernière confrontation, "
         "en octobre, avait tourné à l'avantage des Brestois (2-1).", "fr"),
        ("Utrecht wil revanche op Twente",
         "FC Utrecht speelt zaterdagavond thuis tegen FC Twente. In de heenronde won Twente nog met 3-0, "
         "maar Utrecht is sindsdien ongeslagen.", "nl"),
    ],
)
def test_a_lead_looking_ahead_is_a_preview_whatever_past_score_it_recalls(title, body, language) -> None:
    assert classify_article(title, body, language=language) == "preview"


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("Schalke draait duel met Paderborn om",
         "Schalke 04 heeft zaterdag met 2-1 gewonnen van SC Paderborn. De ploeg kwam in de eerste helft achter.", "nl"),
        ("Les Canaris sans solution à Lens",
         "Le FC Nantes est reparti bredouille de Bollaert ce samedi. Les Nantais se sont inclinés 2-0 face à Lens.", "fr"),
    ],
)
def test_a_report_in_the_perfect_tense_with_a_weekday_stays_a_report(title, body, language) -> None:
    assert classify_article(title, body, language=language) == "report"


def test_the_weekday_of_a_quote_is_not_the_kick_off() -> None:
    got = facts("Rice: the win at Chelsea shows we belong",
                "Arsenal's 2-1 victory over Chelsea on Saturday was deserved, Declan Rice said on "
                "Monday. \"We showed real character,\" he told the club website.",
                "2025-12-15T10:00:00+00:00")
    assert got.kickoff_date == date(2025, 12, 13)
    nl = facts("Vaesen na rentree tegen Emmen: 'Ik had dit nodig'",
               "Kyan Vaesen scoorde vrijdag bij de 3-1 zege van Willem II op FC Emmen. \"Dit had ik nodig\", "
               "zei hij maandag.", "2026-01-26T12:00:00+01:00", "nl")
    assert nl.kickoff_date == date(2026, 1, 23)


def test_teams_in_a_sentence_about_the_next_game_are_not_sides() -> None:
    got = facts("Late header rescues a point in Rotterdam",
                "Romelu Lukaku headed in in the 89th minute on Saturday to earn a 2-2 draw in the Nations League. "
                "The Netherlands had led twice through Gakpo and Simons. Belgium were the better side late on. "
                "The Dutch travel to Hungary on Tuesday, while Belgium host Serbia in Brussels.",
                "2026-10-11T08:00:00+01:00")
    assert set(got.team_ids) == {"nt-ned", "nt-bel"}


@pytest.mark.parametrize(
    ("title", "body", "language", "expected"),
    [
        # A city after "in" is the venue, not the subject of the loss.
        ("Gent strandt in de beker",
         "In Genk verloor KAA Gent woensdagavond met 2-1 van KRC Genk.", "nl", {"bel-genk": 2, "bel-gent": 1}),
        # The side right after a transitive win verb, none named before it, lost.
        ("Serie A: the giallorossi beat Lazio in the derby",
         "At the Olimpico the giallorossi beat la Lazio 2-0 to climb to fourth. Roma deserved it.", "en",
         {"ita-roma": 2, "ita-lazio": 0}),
        ("Les Bleus se relancent",
         "Au Stade de France, ils ont battu la Belgique (3-1) en match amical. La France a dominé.", "fr",
         {"nt-fra": 3, "nt-bel": 1}),
    ],
)
def test_score_order(title, body, language, expected) -> None:
    assert facts(title, body, "2026-03-01T22:00:00+01:00", language).goals_by_team() == expected


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("Loting Conference League: Feyenoord treft Celtic",
         "Feyenoord speelt in de kwartfinales tegen Celtic. Dat bleek vrijdag bij de loting in Nyon.", "nl"),
        ("Zo staat Oranje ervoor in de groep",
         "Na het gelijkspel tegen België staat Nederland tweede, één punt achter België.", "nl"),
        ("Ligue 1: notre guide de la saison",
         "Le PSG part favori. Derrière, Marseille, Monaco, Lille et Lens espèrent jouer les premiers rôles, "
         "tandis que Nice et Rennes ont changé d'entraîneur. La saison débute vendredi avec Rennes - Marseille.", "fr"),
    ],
)
def test_a_draw_a_standings_piece_and_a_season_guide_are_not_match_stories(title, body, language) -> None:
    assert classify_article(title, body, language=language) == "other"
    assert extract_match_facts(title, body, language=language, published_at="2025-08-13T09:00:00+02:00") is None


def test_edinburgh_derby_by_nicknames_and_the_scottish_premiership() -> None:
    got = facts("Hibs and Hearts share the points",
                "Hibernian and Hearts drew 1-1 at Easter Road on Saturday in the Scottish Premiership.",
                "2025-04-12T18:00:00+01:00")
    assert set(got.team_ids) == {"sco-hibernian", "sco-hearts"}
    assert got.competition_id == "sco-premiership"


def test_a_clubs_players_in_the_feminine_make_a_womens_text() -> None:
    got = facts("Lyon s'offre le PSG",
                "Les Lyonnaises ont battu le PSG (2-0) samedi soir en Première Ligue. Les Parisiennes reculent.",
                "2026-03-14T23:00:00+01:00", "fr")
    assert set(got.team_ids) == {"fra-lyon-w", "fra-psg-w"}


def _art(aid: str, day: date, *, goals=None, comp=None, kind: str = "report", basis: str = "explicit") -> ArticleFacts:
    return ArticleFacts(article_id=aid, team_ids=("bel-charleroi", "bel-gent"), article_type=kind, kickoff_date=day,
                        kickoff_basis=basis, published_date=day, published_precision="day", competition_id=comp,
                        goals=goals)


def test_one_pair_never_plays_twice_the_same_day_or_two_days_apart_with_one_result() -> None:
    day = date(2026, 2, 11)
    right = (("bel-charleroi", 2), ("bel-gent", 1))
    wrong = (("bel-charleroi", 0), ("bel-gent", 2))  # a result misread from another game
    arts = [_art("a", day, goals=right, comp="bel-beker"), _art("b", day, goals=right),
            _art("c", day, goals=wrong, comp="bel-beker"),
            _art("d", day - timedelta(days=2), kind="preview", basis="weekday")]
    clusters = regroup(arts)
    assert [c.article_ids for c in clusters] == [("a", "b", "c", "d")]
    assert clusters[0].kickoff_date == day and clusters[0].goals == right


def test_league_and_cup_meetings_ten_days_apart_stay_two_matches() -> None:
    league, cup = date(2026, 2, 1), date(2026, 2, 11)
    arts = [_art("l1", league, comp="bel-pro-league"), _art("l2", league),
            _art("c1", cup, comp="bel-beker"), _art("c2", cup)]
    assert [c.article_ids for c in regroup(arts)] == [("l1", "l2"), ("c1", "c2")]



def test_a_persons_former_club_is_not_a_side() -> None:
    got = facts("Slot ziet Liverpool zege weggeven",
                "Arne Slot heeft met Liverpool zondag de kans laten liggen. De voormalige Feyenoord-trainer zag "
                "zijn ploeg lang voorstaan tegen Everton, maar het werd 1-1.",
                "2026-04-05T23:30:00+02:00", "nl")
    assert set(got.team_ids) == {"eng-liverpool", "eng-everton"}


def test_a_former_club_after_an_elided_article_is_not_a_side() -> None:
    # "l'ancien entraîneur de l'OGC Nice": the article between the cue and the club is no reason
    # to read the coach's old club as a side of tonight's game.
    got = facts("Farioli : « Je connais bien ce championnat »",
                "L'ancien entraîneur de l'OGC Nice a savouré jeudi soir la victoire de Porto contre Utrecht "
                "(3-1) en Ligue Europa. Francesco Farioli a salué ses joueurs après ce succès.",
                "2025-11-07T10:00:00+01:00", "fr")
    assert set(got.team_ids) == {"por-porto", "ned-utrecht"}
