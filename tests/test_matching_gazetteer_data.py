"""The gazetteer from open data: the build script, the generated clubs, nicknames, women's teams."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.matching import extract_match_facts
from newscrawl.matching.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_clubs.py"

# A miniature checkout in openfootball/clubs' format, written for this test.
CLUBS_TXT = """\
====================
=  England

Sunderland AFC, 1879,  @ Stadium of Light,  Sunderland
  | Sunderland | AFC Sunderland   # short form
Reading FC,  @ Madejski Stadium, Reading
  | Reading
Arsenal FC, 1886, @ Emirates Stadium, London
  | Arsenal | The Arsenal Football Club
ii) Arsenal FC U21
  | Arsenal Reserves
Leeds City FC (1904-1919),  Leeds
  | Leeds City
Racing Sunderland FC, Sunderland
  | Racing
"""


def ids(text: str) -> list[str]:
    return [m.team_id for m in load_gazetteer().scan(text).teams]


def test_build_script_turns_a_checkout_into_clubs(tmp_path: Path) -> None:
    folder = tmp_path / "europe" / "england"
    folder.mkdir(parents=True)
    (folder / "eng.clubs.txt").write_text(CLUBS_TXT, "utf-8")
    out = tmp_path / "clubs.json"
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--out", str(out), "--commit", "abc"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text("utf-8"))
    clubs = {c["id"]: c for c in data["clubs"]}
    assert data["commit"] == "abc"
    # One-word names only count in context; generic club words never name a club alone.
    assert clubs["eng-sunderland"]["names"] == ["AFC Sunderland", "Sunderland AFC"]
    assert clubs["eng-sunderland"]["context_only"] == ["Sunderland"]
    assert clubs["eng-sunderland"]["venues"] == ["Stadium of Light"]
    assert "Racing" not in clubs["eng-racing-sunderland"]["context_only"]
    # Reserves and defunct clubs are left out; a hand-kept club only gains full names.
    assert not any("u21" in i or "leeds-city" in i for i in clubs)
    assert "eng-arsenal" not in clubs
    assert data["extra_names"]["eng-arsenal"] == ["The Arsenal Football Club"]


# Clubs of two other continents, in the same format (written for this test).
MEXICO_TXT = """\
=  Mexico

Club León, 1944, León
  | León | Club León FC
Club América, 1916, Ciudad de México
  | América | CF América
"""
GIBRALTAR_TXT = """\
=  Gibraltar

Boca Juniors Gibraltar FC, Gibraltar
  | Boca Juniors
"""
ARGENTINA_TXT = """\
=  Argentina

Boca Juniors, 1905, @ La Bombonera, Buenos Aires
  | CA Boca Juniors
Racing Club, 1903, Avellaneda
  | Racing Club de Avellaneda
"""


def _build(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--out", str(tmp_path / "clubs.json")],
                          capture_output=True, text=True, check=False)


def test_build_script_reads_every_continent(tmp_path: Path) -> None:
    done = _build(tmp_path, {"north-america/mexico/mx.clubs.txt": MEXICO_TXT,
                             "europe/gibraltar/gi.clubs.txt": GIBRALTAR_TXT,
                             "south-america/argentina/ar.clubs.txt": ARGENTINA_TXT})
    assert done.returncode == 0, done.stderr
    clubs = {c["id"]: c for c in json.loads((tmp_path / "clubs.json").read_text("utf-8"))["clubs"]}
    # Outside UEFA a one-word name ("León": a first name once accents go) only counts in context,
    # and so does a name of generic club words ("Racing Club").
    assert clubs["mex-club-leon"]["names"] == ["Club León", "Club León FC"]
    assert "León" in clubs["mex-club-leon"]["context_only"]
    assert "Racing Club" in clubs["arg-racing-club"]["context_only"]
    assert clubs["arg-racing-club"]["names"] == ["Racing Club de Avellaneda"]
    # Outside UEFA a name without a club word is a place or a word as often as a club: in context only.
    assert clubs["arg-boca-juniors"]["names"] == ["CA Boca Juniors"]
    assert "Boca Juniors" in clubs["arg-boca-juniors"]["context_only"]
    # A shared full name is not the other club's plain name.
    assert "Boca Juniors" in clubs["gib-boca-juniors-gibraltar"]["context_only"]


# A town's club of today and a folded club of the same town that the source lists without its years
# (written for this test, in the source's format).
BELGIUM_TXT = """\
=  Belgium

Lommel United, Lommel
  | Lommel SK

== ??? ==

KFC Lommel SK,  Lommel
  | Lommel
"""


def test_build_script_gives_a_folded_clubs_town_name_to_its_successor(tmp_path: Path) -> None:
    done = _build(tmp_path, {"europe/belgium/be.clubs.txt": BELGIUM_TXT})
    assert done.returncode == 0, done.stderr
    clubs = {c["id"]: c for c in json.loads((tmp_path / "clubs.json").read_text("utf-8"))["clubs"]}
    assert "bel-kfc-lommel-sk" not in clubs
    assert clubs["bel-lommel-united"]["names"] == ["Lommel SK", "Lommel United"]
    assert clubs["bel-lommel-united"]["context_only"] == ["Lommel"]


def test_shipped_data_names_the_towns_club_of_today() -> None:
    assert ids("Lommel won 0-1 at RWDM in the Challenger Pro League.") == ["bel-lommel-united", "bel-rwdm"]
    assert ids("Lommel SK houdt Beveren op 1-1.")[0] == "bel-lommel-united"


def test_build_script_names_a_country_folder_it_does_not_know(tmp_path: Path) -> None:
    done = _build(tmp_path, {"asia/atlantis/at.clubs.txt": MEXICO_TXT})
    assert done.returncode == 2 and "atlantis" in done.stderr
    assert not (tmp_path / "clubs.json").exists()


def test_shipped_data_covers_every_continent_of_openfootball() -> None:
    gaz = load_gazetteer()
    assert ids("Boca Juniors beat River Plate 2-1") == ["arg-boca-juniors", "arg-river-plate"]
    assert ids("Al-Hilal and Al-Nassr drew 1-1") == ["ksa-al-hilal", "ksa-al-nassr"]
    assert ids("Leon Bailey and America") == []
    # Names in context only are each other's context when they are two clubs of one country.
    assert ids("Ronaldo scored as Al-Nassr beat Al-Hilal") == ["ksa-al-nassr", "ksa-al-hilal"]
    assert ids("He moved from San Francisco to São Paulo") == []
    assert {t.country for t in gaz.teams.values() if t.generated} >= {"BRA", "USA", "JPN", "KSA", "RSA"}


def test_build_script_refuses_a_folder_that_is_not_a_checkout(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--out", str(tmp_path / "x.json")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "openfootball/clubs" in done.stderr
    assert not (tmp_path / "x.json").exists()


def test_shipped_data_covers_lower_divisions() -> None:
    gaz = load_gazetteer()
    assert len([t for t in gaz.teams.values() if t.generated]) > 2000
    assert ids("Roda JC won at SC Cambuur.") == ["ned-roda-jc-kerkrade", "ned-cambuur"]
    assert ids("Leeds United drew at Sunderland.") == ["eng-leeds-united", "eng-sunderland"]


def test_a_generated_one_word_name_needs_context() -> None:
    assert ids("Sunderland was grey and wet.") == []
    assert ids("Reading the game well, Arsenal won.") == ["eng-arsenal"]
    assert ids("Leeds United came from behind against Sunderland.")[-1] == "eng-sunderland"


@pytest.mark.parametrize(
    ("text", "team_id"),
    [
        ("Oranje won in Rotterdam.", "nt-ned"), ("Het Nederlands elftal wint.", "nt-ned"),
        ("Ce soir, les Bleus jouent.", "nt-fra"), ("Les Diables rouges s'imposent.", "nt-bel"),
        ("De Rode Duivels winnen.", "nt-bel"), ("A big night for the Three Lions.", "nt-eng"),
        ("A big night for la Roja.", "nt-esp"), ("Ils jouent contre la Dea.", "ita-atalanta"),
        ("De Great Old wint.", "bel-antwerp"), ("Ha vinto il Marseille.", "fra-marseille"),
        ("Le L'Atalanta gagne.", "ita-atalanta"), ("The Black Cats lost.", "eng-sunderland"),
    ],
)
def test_nicknames_and_foreign_articles(text: str, team_id: str) -> None:
    assert ids(text) == [team_id]


@pytest.mark.parametrize(
    ("text", "team_id"),
    [("De Oranjevrouwen winnen.", "nt-ned-w"), ("Les Bleues gagnent.", "nt-fra-w"),
     ("The Lionesses won.", "nt-eng-w"), ("Arsenal Women won.", "eng-arsenal-w")],
)
def test_womens_teams_are_teams_of_their_own(text: str, team_id: str) -> None:
    assert ids(text) == [team_id]
    assert load_gazetteer().teams[team_id].women


def test_a_womens_game_maps_club_names_to_the_womens_teams() -> None:
    facts = extract_match_facts(
        "WSL: Chelsea held at home", "Chelsea were held 2-2 by Manchester City in the Women's Super League on Sunday.",
        language="en", published_at="2025-02-09T18:00:00+00:00",
    )
    assert facts is not None
    assert facts.team_ids == ("eng-chelsea-w", "eng-man-city-w")
    assert facts.competition_id == "eng-wsl"


def test_one_mention_of_the_womens_side_leaves_a_mens_game_alone() -> None:
    facts = extract_match_facts(
        "Chelsea 3-1 Everton", "Chelsea beat Everton 3-1 on Saturday. The clubs' women's teams meet on Sunday.",
        language="en", published_at="2025-02-08T18:00:00+00:00",
    )
    assert facts is not None and facts.team_ids == ("eng-chelsea", "eng-everton")


def test_every_team_has_a_name_and_every_nickname_a_generated_club() -> None:
    gaz = load_gazetteer()
    assert all(t.names for t in gaz.teams.values())
    import tomllib

    nicknames = tomllib.loads((ROOT / "newscrawl" / "matching" / "teams.toml").read_text("utf-8"))["nicknames"]
    assert all(gaz.teams[team_id].generated for team_id in nicknames)


def test_the_index_is_built_once_per_process() -> None:
    # Load time is measured in bench/stories.py; here only that it is paid once.
    assert load_gazetteer() is load_gazetteer()


def test_a_womens_team_is_football_context_by_itself() -> None:
    facts = extract_match_facts("Oranjevrouwen onderuit in Londen",
                                "De Oranjevrouwen verloren vrijdagavond met 3-1 van Engeland.",
                                language="nl", published_at="2025-04-05T08:00:00+02:00")
    assert facts is not None
    assert facts.team_ids == ("nt-eng-w", "nt-ned-w")
    assert facts.goals_by_team() == {"nt-eng-w": 3, "nt-ned-w": 1}


def test_a_national_team_report_with_match_words_is_football() -> None:
    facts = extract_match_facts("England open with win over Andorra",
                                "England beat Andorra 2-0 on Saturday. Kane headed the opener in the first half "
                                "and Rice added a second on his return to the side.",
                                language="en", published_at="2025-06-08T08:00:00+00:00")
    assert facts is not None and facts.team_ids == ("nt-and", "nt-eng")


def test_a_division_named_gives_headline_club_names_their_country() -> None:
    assert ids("Sunderland 2-2 Leeds in the Championship") == ["eng-sunderland", "eng-leeds-united"]
    assert ids("Cambuur wint in de Keuken Kampioen Divisie") == ["ned-cambuur"]
    assert ids("Cambuur wint opnieuw") == []


def test_no_name_runs_across_a_comma() -> None:
    # "Ol. Marseille" is a listed form of Marseille; "l'OL, Marseille ..." names Lyon, then Marseille.
    assert ids("Greenwood crucifie l'OL, Marseille conforte sa deuxième place") == ["fra-lyon", "fra-marseille"]
    assert ids("Ol. Marseille wint in Lyon") == ["fra-marseille", "fra-lyon"]
