"""`newscrawl fixtures import`: football.json season files (our own small files in that format) into
the ``fixtures`` table, and fixtures as grouping evidence (switched off by NEWSCRAWL_STORIES_FIXTURES)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from newscrawl.runs.fixtures import fixture_rows, team_id
from tests.support.cli import run_cli
from tests.test_stories_regroup import PREVIEW, REPORT

FILES = Path(__file__).parent / "fixtures" / "football_json"


def test_team_names_map_through_the_gazetteer_and_unknown_ones_are_counted():
    assert team_id("Manchester City (ENG)") == "eng-man-city"
    assert team_id("Sporting Nowhere Town FC") is None
    rows, report = fixture_rows(FILES / "en.1.json")
    assert report.competition == "eng-premier-league"
    assert (report.matches, len(rows), report.skipped) == (4, 2, 2)
    assert report.unknown_teams == {"Sporting Nowhere Town FC": 1}
    arsenal = next(r for r in rows if r["kickoff_date"] == "2024-05-04")
    assert (arsenal["team_a"], arsenal["team_b"], arsenal["home_team"]) == ("eng-arsenal", "eng-chelsea", "eng-arsenal")
    assert (arsenal["score_home"], arsenal["score_away"]) == (2, 2)
    unplayed = next(r for r in rows if r["kickoff_date"] == "2024-05-11")
    assert unplayed["score_home"] is None


def test_the_older_rounds_shape_is_read_too():
    rows, report = fixture_rows(FILES / "uefa.el.rounds.json")
    assert report.competition == "uefa-europa-league"
    assert [(r["home_team"], r["away_team"], r["score_home"], r["score_away"]) for r in rows] == [
        ("fra-marseille", "ita-atalanta", 1, 1)]


def test_a_file_that_is_not_a_season_is_a_clear_error(tmp_path):
    result = run_cli("fixtures", "import", str(FILES / "broken.json"), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 1 and "not a football.json season file" in result.stderr


def _ingest(db: Path, records: list[dict], *settings: str) -> None:
    source = db.with_suffix(".jsonl")
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    sets = [arg for s in settings for arg in ("--set", s)]
    result = run_cli("ingest", str(source), "--db", str(db), "--set", "NEWSCRAWL_MIN_BODY_WORDS=0", *sets)
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_fixture_gives_articles_its_day_and_result_and_unites_them(tmp_path):
    db = tmp_path / "a.db"
    _ingest(db, [PREVIEW, REPORT])
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == 2
    result = run_cli("fixtures", "import", str(FILES / "en.1.json"), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["new"], report["regrouped_articles"]) == (2, 2)
    assert report["unknown_teams"] == {"Sporting Nowhere Town FC": 1}
    assert conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == 1
    assert conn.execute("SELECT kickoff_date, competition, home_team, score_home, score_away, "
                        "kickoff_tolerance_days FROM matches").fetchall() == [
        ("2024-05-04", "eng-premier-league", "eng-arsenal", 2, 2, 0)]


def test_fixtures_switched_off_leave_grouping_to_the_articles(tmp_path):
    db = tmp_path / "a.db"
    assert run_cli("fixtures", "import", str(FILES / "en.1.json"), "--db", str(db)).returncode == 0
    _ingest(db, [PREVIEW, REPORT], "NEWSCRAWL_STORIES_FIXTURES=false")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == 2
    other = tmp_path / "b.db"  # the same, fixtures on (the default)
    assert run_cli("fixtures", "import", str(FILES / "en.1.json"), "--db", str(other)).returncode == 0
    _ingest(other, [PREVIEW, REPORT])
    assert sqlite3.connect(other).execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == 1
