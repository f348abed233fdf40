"""The query commands run as a user runs them: the installed CLI on a real archive file."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import sqlite3
import subprocess

import pytest

from tests.support.archive import build_archive
from tests.support.cli import newscrawl_command, run_cli


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-query") / "football.db"
    build_archive(path)
    return str(path)


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_search_prints_a_readable_result_list(db):
    result = run_cli("search", "egalise", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Marseille et l'Atalanta se quittent dos à dos" in result.stdout
    assert "[égalisation]" in result.stdout  # not a terminal: hits marked with brackets, no colour codes
    assert "\x1b[" not in result.stdout


def test_search_json_lines_with_filters(db):
    result = run_cli("search", "Atalanta", "--db", db, "--lang", "nl", "--type", "report", "--json")
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    assert rows and {(r["language"], r["article_type"]) for r in rows} == {("nl", "report")}
    assert {"id", "title", "url", "snippet", "score", "story_id"} <= set(rows[0])


def test_search_csv_with_team_and_dates(db):
    result = run_cli("search", "wedstrijd OR match", "--db", db, "--team", "psv", "--since", "2024-05-05",
                     "--until", "2024-05-05", "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["title"] for r in rows] == ["PSV klopt Feyenoord in de topper"]


def test_search_with_unknown_team_exits_2_with_a_message(db):
    result = run_cli("search", "Atalanta", "--db", db, "--team", "Ajax")
    assert result.returncode == 2
    assert "no team called 'Ajax'" in result.stderr


def test_stories_table_and_json(db):
    table = run_cli("stories", "--db", db)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "kickoff_date", "competition"]
    assert "Atalanta - Olympique de Marseille" in lines[1] and "3-0" in lines[1]
    rows = json_lines(run_cli("stories", "--db", db, "--team", "marseille", "--json").stdout)
    assert [r["id"] for r in rows] == [2, 1]
    assert rows[1]["languages"] == "en,fr,nl"


def test_story_shows_match_then_articles_by_type_and_language(db):
    result = run_cli("story", "1", "--db", db)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Story 1: Olympique de Marseille - Atalanta 1-1")
    assert "other leg: story 2" in out
    assert out.index("\npreview") < out.index("\nreaction") < out.index("\nreport")
    assert "https://voetbalkrant.example/marseille-atalanta-gelijk" in out
    data = json.loads(run_cli("story", "3", "--db", db, "--json").stdout)
    assert {g["language"] for g in data["groups"]} == {"en", "nl"}


def test_missing_story_exits_2(db):
    result = run_cli("story", "404", "--db", db)
    assert result.returncode == 2
    assert "no story 404" in result.stderr


def test_matches_filtered_by_competition_and_date(db):
    result = run_cli("matches", "--db", db, "--competition", "Eredivisie", "--json")
    assert [(r["match"], r["score"]) for r in json_lines(result.stdout)] == [("PSV - Feyenoord", "2-1")]
    since = json_lines(run_cli("matches", "--db", db, "--since", "2024-05-06", "--json").stdout)
    assert [r["kickoff_date"] for r in since] == ["2024-05-09"]


def test_export_jsonl_to_stdout_and_csv_to_file(db, tmp_path):
    result = run_cli("export", "--db", db, "--lang", "fr")
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    assert len(rows) == 3 and {r["language"] for r in rows} == {"fr"}
    assert all(r["body"] for r in rows)
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    out = tmp_path / "en.csv"
    result = run_cli("export", "--db", db, "--format", "csv", "--lang", "en", "--type", "report", "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(r["title"] for r in rows) == [
        "Atalanta sweep Marseille aside to reach the final", "Marseille and Atalanta all square after first leg",
        "PSV edge Feyenoord in Eindhoven"]
    assert json.loads(rows[0]["authors"]) == []


def test_stats_json_and_text(db):
    data = json.loads(run_cli("stats", "--db", db, "--json", "--days", "9").stdout)
    assert data["by_source"] == {"pitchside": 5, "voetbalkrant": 4, "vestiaire": 3}
    assert sum(data["by_day"].values()) == 12
    assert list(data["by_day"])[-1] == "2024-05-09"
    text = run_cli("stats", "--db", db).stdout
    assert "articles: 12" in text and "by day:" in text


def test_reindex_rebuilds_the_search_indexes(tmp_path):
    path = tmp_path / "re.db"
    build_archive(path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO articles_stemmed (articles_stemmed) VALUES ('delete-all')")  # an emptied index
    conn.commit()
    conn.close()
    assert json_lines(run_cli("search", "gelijkspel", "--db", str(path), "--json").stdout) == []
    result = run_cli("reindex", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "reindexed 12 articles" in result.stderr
    assert len(json_lines(run_cli("search", "gelijkspel", "--db", str(path), "--json").stdout)) == 2


def test_missing_archive_exits_4(tmp_path):
    result = run_cli("stories", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 4
    assert "no archive" in result.stderr


def test_export_draws_progress_on_stderr_only_when_it_is_a_terminal(db, tmp_path):
    master, slave = pty.openpty()
    out = tmp_path / "all.jsonl"
    done = subprocess.run([*newscrawl_command(), "export", "--db", db, "-o", str(out)],
                          stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, timeout=120)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert done.returncode == 0
    assert b"exporting" in shown and b"12/12" in shown
    assert len(json_lines(out.read_text(encoding="utf-8"))) == 12
