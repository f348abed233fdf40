"""Youth national teams are teams of their own, never merged with the seniors."""

from __future__ import annotations

from newscrawl.matching import extract_match_facts, load_gazetteer


def teams(title: str, body: str, language: str, published: str = "2026-06-10T09:00:00+02:00") -> set[str]:
    facts = extract_match_facts(title, body, language=language, published_at=published)
    assert facts is not None
    return set(facts.team_ids)


def test_every_senior_national_team_has_youth_counterparts() -> None:
    gaz = load_gazetteer()
    assert gaz.youth_of[("nt-bel", 21)] == "nt-bel-u21"
    assert gaz.teams["nt-bel-u21"].senior == "nt-bel"
    assert gaz.teams["nt-bel-u21"].kind == "national"


def test_youth_nickname_makes_the_opponent_its_age_group() -> None:
    assert teams("Jong Oranje te sterk voor Portugal",
                 "Jong Oranje heeft dinsdagavond in Almere met 3-1 gewonnen van Portugal in de EK-kwalificatie.",
                 "nl") == {"nt-ned-u21", "nt-por-u21"}


def test_written_age_maps_both_countries() -> None:
    assert teams("U19 Euro: Italy edge Spain in the semi-final",
                 "Italy's Under-19s beat Spain 2-1 on Monday night to reach the final of the European "
                 "championship in Malta.", "en") == {"nt-ita-u19", "nt-esp-u19"}


def test_age_in_text_overrides_a_nicknames_usual_age() -> None:
    # "Bleuets" is listed under the U21s; in an under-20 tournament it is the U20 side.
    assert teams("Mondial U20 : les Bleuets battent le Japon",
                 "Les Bleuets se sont imposés 2-0 face au Japon mardi soir en Coupe du monde des moins de 20 ans.",
                 "fr") == {"nt-fra-u20", "nt-jpn-u20"}


def test_one_passing_age_leaves_seniors_seniors() -> None:
    assert teams("Belgium beat Wales in Cardiff",
                 "Belgium beat Wales 2-1 on Tuesday. Their winger, a former U21 captain, scored the winner.",
                 "en") == {"nt-bel", "nt-wal"}



def test_clubs_in_a_youth_text_are_their_academy_sides() -> None:
    # Clubs have no youth teams in the gazetteer: an under-19 game of two clubs is no match of theirs.
    assert extract_match_facts(
        "U19 league: Lyon's youngsters thrash Saint-Etienne",
        "Lyon's under-19s beat their Saint-Etienne counterparts 4-0 on Saturday, a day before the "
        "senior derby.", language="en", published_at="2025-03-01T18:00:00+01:00") is None
    assert extract_match_facts(
        "Onder 19 : Anderlecht domineert Club Brugge",
        "De jeugd van Anderlecht won zaterdag met 3-1 van Club Brugge in de competitie onder 19.",
        language="nl", published_at="2025-03-01T18:00:00+01:00") is None


def test_a_club_report_naming_an_academy_graduate_keeps_its_clubs() -> None:
    facts = extract_match_facts(
        "Lyon beat Saint-Etienne in the derby",
        "Lyon beat Saint-Etienne 2-0 on Sunday. A former U19 captain scored the second.",
        language="en", published_at="2025-03-02T22:00:00+01:00")
    assert facts is not None and set(facts.team_ids) == {"fra-lyon", "fra-saint-etienne"}
