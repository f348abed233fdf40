"""Nicknames written the way the press writes them (compounds, club animals)."""

from __future__ import annotations

from newscrawl.matching import extract_match_facts


def teams(title: str, body: str, language: str, published: str = "2026-06-10T09:00:00+02:00") -> set[str]:
    facts = extract_match_facts(title, body, language=language, published_at=published)
    assert facts is not None
    return set(facts.team_ids)


def test_dutch_compound_nickname_of_the_womens_team() -> None:
    assert teams("Oranjeleeuwinnen treffen Noorwegen in Bern",
                 "De Oranjeleeuwinnen spelen zaterdagavond tegen Noorwegen hun laatste groepsduel op het EK.",
                 "nl") == {"nt-ned-w", "nt-nor-w"}


def test_club_nickname_owls_is_sheffield_wednesday() -> None:
    assert teams("Owls edge Preston in late thriller",
                 "The Owls beat Preston North End 2-1 at Hillsborough on Saturday.", "en",
                 "2026-11-15T09:00:00+00:00") == {"eng-sheffield-wednesday", "eng-preston-north-end"}


def test_the_blues_are_the_club_the_text_names() -> None:
    from newscrawl.matching import load_gazetteer

    gaz = load_gazetteer()

    def blues(text: str) -> str:
        return next(m.team_id for m in gaz.scan(text).teams if m.surface == "Blues")

    assert blues("Blues fans hail the derby point. Everton drew 1-1 with Liverpool on Wednesday.") == "eng-everton"
    assert blues("Blues fans hail the win. Chelsea beat Fulham 2-0 on Saturday.") == "eng-chelsea"


def test_le_sporting_is_the_belgian_club_the_text_names() -> None:
    from newscrawl.matching import load_gazetteer

    gaz = load_gazetteer()

    def sporting(text: str) -> str:
        return next(m.team_id for m in gaz.scan(text).teams if m.surface == "Sporting")

    assert sporting("Genk veut faire tomber le Sporting. Genk reçoit le RSC Anderlecht dimanche.") == "bel-anderlecht"
    assert sporting("Genk veut faire tomber le Sporting. Genk reçoit Charleroi dimanche.") == "bel-charleroi"


def test_wrexham_and_the_red_dragons_are_the_welsh_club_in_the_english_league() -> None:
    # A Welsh club in the English pyramid: no English context makes "Wrexham" the club.
    assert teams("Red Dragons beat Stockport in League One",
                 "Wrexham beat Stockport County 2-0 at the Racecourse on Saturday.", "en",
                 "2026-11-15T09:00:00+00:00") == {"wal-wrexham", "eng-stockport-county"}


def test_a_womens_team_opening_the_lead_makes_a_womens_text() -> None:
    # One women's nickname, but as the subject of the first sentence: the countries are the women's teams.
    assert teams("Martens en Roord bezorgen Oranje de zege",
                 "De Oranjeleeuwinnen hebben zaterdag in Utrecht met 2-0 gewonnen van Noorwegen. Lieke Martens "
                 "scoorde voor rust. Nederland gaat aan kop in de groep.", "nl",
                 "2025-04-05T19:00:00+02:00") == {"nt-ned-w", "nt-nor-w"}


def test_les_parisiens_are_the_paris_club_the_text_names() -> None:
    from newscrawl.matching import load_gazetteer

    gaz = load_gazetteer()

    def parisiens(text: str) -> str:
        return next(m.team_id for m in gaz.scan(text).teams if m.surface == "Parisiens")

    assert parisiens("Le Paris FC a ouvert le score. Les Parisiens ont ensuite touché le poteau.") == "fra-paris"
    assert parisiens("Le PSG a ouvert le score. Les Parisiens ont ensuite touché le poteau.") == "fra-psg"
