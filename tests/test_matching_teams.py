"""Gazetteer: names and nicknames in en/fr/nl, ambiguous short names, competitions."""

from __future__ import annotations

import pytest

from newscrawl.matching import find_competition, find_teams, load_gazetteer
from newscrawl.matching.lexicon import tokenize


def ids(text: str) -> list[str]:
    return [m.team_id for m in find_teams(text)]


@pytest.mark.parametrize(
    ("text", "team_id"),
    [
        ("Atalanta", "ita-atalanta"),
        ("Atalanta Bergamo", "ita-atalanta"),
        ("Atalanta BC", "ita-atalanta"),
        ("the hosts could not stop La Dea", "ita-atalanta"),
        ("Olympique de Marseille", "fra-marseille"),
        ("Olympique Marseille", "fra-marseille"),
        ("OM", "fra-marseille"),
        ("les supporters de l'OM", "fra-marseille"),
        ("fans van L'OM", "fra-marseille"),
        ("Netherlands", "nt-ned"),
        ("Pays-Bas", "nt-ned"),
        ("Nederland", "nt-ned"),
        ("Oranje", "nt-ned"),
        ("Belgium", "nt-bel"),
        ("Belgique", "nt-bel"),
        ("België", "nt-bel"),
        ("Rode Duivels", "nt-bel"),
        ("Diables Rouges", "nt-bel"),
        ("Bayern München", "ger-bayern"),
        ("Bayern Munchen", "ger-bayern"),
        ("Saint-Etienne", "fra-saint-etienne"),
        ("Saint-Étienne", "fra-saint-etienne"),
        ("Club Brugge", "bel-club-brugge"),
        ("Club Bruges", "bel-club-brugge"),
    ],
)
def test_names_and_nicknames_resolve(text: str, team_id: str) -> None:
    assert ids(text) == [team_id]


def test_longest_name_wins() -> None:
    assert ids("Inter Milan and AC Milan") == ["ita-inter", "ita-milan"]
    assert ids("Cercle Brugge host Club Brugge") == ["bel-cercle-brugge", "bel-club-brugge"]


def test_competition_and_event_names_are_not_teams() -> None:
    assert ids("Il a gagné la Coupe de France au Stade de France") == []
    assert ids("He won the Tour de France") == []


def test_case_rules_keep_common_words_out() -> None:
    assert ids("What a nice goal, through the lens of a camera") == []
    assert ids("om acht uur") == []
    assert ids("Nice and Lens drew") == ["fra-nice", "fra-lens"]


def test_ambiguous_short_names_need_context() -> None:
    assert ids("City were the better side.") == []
    assert ids("United won again.") == []
    assert ids("Manchester City beat Luton. City were the better side.") == [
        "eng-man-city", "eng-luton", "eng-man-city",
    ]
    assert ids("Newcastle United drew. United were poor.") == ["eng-newcastle", "eng-newcastle"]


def test_ambiguous_name_with_two_named_candidates_stays_unresolved() -> None:
    text = "Manchester United and Newcastle United met. United won."
    assert ids(text) == ["eng-man-united", "eng-newcastle"]


def test_inter_resolves_only_with_context() -> None:
    assert ids("Inter were the better side.") == []
    assert ids("Inter lead Serie A by four points.") == ["ita-inter"]
    assert ids("Inter beat Juventus in the derby.") == ["ita-inter", "ita-juventus"]


def test_shared_nickname_follows_the_named_club() -> None:
    assert ids("Atalanta impressed. The Nerazzurri pressed high.")[-1] == "ita-atalanta"
    assert ids("Inter Milan impressed. The Nerazzurri pressed high.")[-1] == "ita-inter"


def test_mentions_carry_offsets_and_surface() -> None:
    text = "Marseille 1-1 Atalanta BC"
    mentions = find_teams(text)
    assert [text[m.start : m.end] for m in mentions] == [m.surface for m in mentions]
    assert [m.surface for m in mentions] == ["Marseille", "Atalanta BC"]


def test_gazetteer_covers_the_eight_leagues_and_nations() -> None:
    gaz = load_gazetteer()
    clubs = [t for t in gaz.teams.values() if t.kind == "club"]
    for country in ("ENG", "FRA", "NED", "BEL", "ITA", "ESP", "GER", "POR"):
        assert sum(1 for t in clubs if t.country == country) >= 16, country
    nations = [t for t in gaz.teams.values() if t.kind == "national"]
    assert len(nations) >= 60


def test_no_plain_name_is_shared_by_two_teams() -> None:
    # A name two teams share must be listed as context_only, or lookups become guesses.
    seen: dict[tuple[str, ...], str] = {}
    for team in load_gazetteer().teams.values():
        for name in team.names:
            key = tuple(t.key for t in tokenize(name))
            assert seen.setdefault(key, team.id) == team.id, (name, seen[key], team.id)


@pytest.mark.parametrize(
    ("text", "competition_id"),
    [
        ("Europa League semi-final", "uefa-europa-league"),
        ("demi-finale de Ligue Europa", "uefa-europa-league"),
        ("Ligue des champions", "uefa-champions-league"),
        ("halve finale van de Champions League", "uefa-champions-league"),
        ("Europa Conference League final", "uefa-conference-league"),
        ("Conference League", "uefa-conference-league"),
        ("Eredivisie", "ned-eredivisie"),
        ("KNVB beker", "ned-knvb-beker"),
        ("Jupiler Pro League", "bel-pro-league"),
        ("Premier League", "eng-premier-league"),
        ("Ligue 1", "fra-ligue-1"),
        ("Serie A", "ita-serie-a"),
        ("La Liga", "esp-la-liga"),
        ("Bundesliga", "ger-bundesliga"),
        ("Liga Portugal", "por-liga-portugal"),
        ("FA Cup", "eng-fa-cup"),
        ("Coupe de France", "fra-coupe-de-france"),
        ("het EK in Duitsland", "uefa-euro"),
        ("le Championnat d'Europe", "uefa-euro"),
        ("Euro 2024", "uefa-euro"),
        ("World Cup", "fifa-world-cup"),
        ("la Coupe du monde", "fifa-world-cup"),
        ("het WK", "fifa-world-cup"),
        ("Nations League", "uefa-nations-league"),
    ],
)
def test_competitions_across_languages(text: str, competition_id: str) -> None:
    found = find_competition(text)
    assert found is not None
    assert found.competition_id == competition_id


def test_no_competition() -> None:
    assert find_competition("A quiet day at the training ground.") is None


@pytest.mark.parametrize(
    "text", ["He moved to the Saudi Pro League", "Real Madrid won the EuroLeague", "the Rugby World Cup"]
)
def test_other_competitions_do_not_borrow_our_names(text: str) -> None:
    assert find_competition(text) is None
