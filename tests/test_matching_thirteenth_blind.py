"""Rules from reading the thirteenth blind set's errors (issue 11): nicknames of generated clubs.
Our own words."""

from __future__ import annotations

from newscrawl.matching.gazetteer import find_teams
from tests.support.matching import facts


def test_venlonaren_are_vvv_venlo_beside_the_other_side() -> None:
    # Dutch reports name VVV by its town's people ("de Venlonaren") and the opponent in full.
    got = facts("Venlonaren winnen laat bij Roda JC",
                "De Venlonaren wonnen zaterdagavond met 1-2 bij Roda JC. De winnende treffer viel in de "
                "laatste minuut.",
                "2026-02-15T09:00:00+00:00")
    assert set(got.team_ids) == {"ned-roda-jc-kerkrade", "ned-vvv-venlo"}


def test_the_turchini_are_bastia_beside_the_other_side() -> None:
    # French reports call SC Bastia "les Turchini".
    got = facts("Les Turchini dominent Ajaccio",
                "Les Turchini ont battu l'AC Ajaccio 2-0 vendredi soir à Furiani en Ligue 2.",
                "2026-01-10T09:00:00+00:00")
    assert set(got.team_ids) == {"fra-ajaccio", "fra-bastia"}


def test_the_sky_blues_are_coventry_beside_a_championship_opponent() -> None:
    # "the Sky Blues" is Coventry City's nickname as well as Manchester City's: the club named
    # beside it in full decides.
    got = facts("Sky Blues hold on at Hull",
                "Coventry City held on for a 1-1 draw at Hull City on Saturday, and the Sky Blues stay sixth "
                "in the Championship.",
                "2026-02-15T09:00:00+00:00")
    assert "eng-man-city" not in got.team_ids
    assert "eng-coventry-city" in got.team_ids


def test_the_sky_blues_stay_man_city_beside_city() -> None:
    got = facts("Sky Blues too strong for Arsenal",
                "Manchester City beat Arsenal 2-0 at the Etihad, the Sky Blues scoring twice before the break.",
                "2026-02-15T09:00:00+00:00")
    assert set(got.team_ids) == {"eng-arsenal", "eng-man-city"}


def test_euro_2025_by_its_year_is_the_womens_euro() -> None:
    # The men's Euros fall in 2020, 2024 and 2028: "Euro 2025" names the women's tournament.
    got = facts("Spain too strong for Italy at Euro 2025",
                "Spain beat Italy 3-1 in Bern on Wednesday evening to reach the last four of Euro 2025.",
                "2025-07-24T09:00:00+00:00")
    assert set(got.team_ids) == {"nt-esp-w", "nt-ita-w"}


def test_a_named_clubs_home_town_is_not_the_generated_club_of_that_name() -> None:
    # "Liège" is Standard's home town and, alone, the name of RFC Liège: beside Standard, the town;
    # with Standard not named, still the club.
    beside = {m.team_id for m in find_teams("Standard Liège beat Genk 1-0, a first home win in Liège since October.")}
    assert beside == {"bel-genk", "bel-standard"}
    alone = {m.team_id for m in find_teams("Liège won 2-1 at Lierse on Saturday.")}
    assert "bel-rfc-liege" in alone


def test_the_club_a_coach_arrived_from_is_not_a_side() -> None:
    # "arrivé de Lorient", "arrived from Lyon": where the coach came from, not the opponent.
    got = facts("Norwich City file en finale des play-offs",
                "Arrivé cet été de Lorient, l'entraîneur a qualifié Norwich City mardi grâce à une "
                "victoire 2-0 contre Leeds United.",
                "2026-05-13T09:00:00+00:00", language="fr")
    assert set(got.team_ids) == {"eng-leeds-united", "eng-norwich-city"}
    got = facts("Gent through to the final",
                "The coach who arrived from Lyon last summer took Gent past Antwerp on Tuesday with a 2-0 win.",
                "2026-05-13T09:00:00+00:00")
    assert set(got.team_ids) == {"bel-antwerp", "bel-gent"}
