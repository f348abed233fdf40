"""``newscrawl fixtures import``: openfootball's football.json season files into the ``fixtures`` table.

A season file (public domain, CC0; github.com/openfootball/football.json) is one JSON object::

    {"name": "English Premier League 2023/24",
     "matches": [{"round": "Matchday 1", "date": "2023-08-11", "time": "20:00",
                  "team1": "Burnley FC", "team2": "Manchester City FC",
                  "score": {"ht": [0, 2], "ft": [0, 3]}}, ...]}

Older files group matches under ``"rounds": [{"name", "matches": [...]}]`` and may give teams as
objects (``{"name": ...}``) and scores as ``score1``/``score2``; both shapes are read. Team names
map to gazetteer ids through :func:`newscrawl.matching.find_teams` (a trailing country code such as
``(ENG)`` is dropped); a name that maps to no team, or to several, is counted in
``unknown_teams`` and its matches are skipped, never an exception. The competition comes from the
file's ``name`` (:func:`newscrawl.matching.find_competition`) unless given.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newscrawl.archive import Archive
from newscrawl.errors import FixturesFileError
from newscrawl.matching import find_competition, find_teams, load_gazetteer
from newscrawl.runs.regrouping import regroup_pending

#: "Manchester City (ENG)" -> "Manchester City": the country code of European-cup files.
_COUNTRY_CODE = re.compile(r"\s*\([A-Z]{2,4}\)\s*$")


@dataclass
class FixturesReport:
    """What one import did."""

    competition: str | None = None
    matches: int = 0
    new: int = 0
    updated: int = 0
    skipped: int = 0
    """Matches left out: a team not known, or no usable date."""
    unknown_teams: dict[str, int] = field(default_factory=dict)
    """Team names of the file that map to no gazetteer team, with how many matches name them."""
    regrouped_articles: int = 0
    """Stored articles of the imported pairs grouped again with the fixtures as evidence."""


def team_id(name: str) -> str | None:
    """The gazetteer id of a football.json team name, or None when it is unknown or ambiguous."""
    clean = _COUNTRY_CODE.sub("", name).strip()
    found = {m.team_id for m in find_teams(clean) if not m.ambiguous}
    return found.pop() if len(found) == 1 else None


def read_season(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """The season's name and its matches (both file shapes); :class:`FixturesFileError` otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FixturesFileError(f"{path} is not a football.json season file: {exc}") from exc
    if not isinstance(data, dict):
        raise FixturesFileError(f"{path} is not a football.json season file: not a JSON object")
    matches = data.get("matches")
    if matches is None and isinstance(data.get("rounds"), list):
        matches = [dict(m, round=r.get("name")) for r in data["rounds"] if isinstance(r, dict)
                   for m in r.get("matches") or [] if isinstance(m, dict)]
    if not isinstance(matches, list):
        raise FixturesFileError(f"{path} is not a football.json season file: no 'matches' list")
    return str(data.get("name") or path.stem), [m for m in matches if isinstance(m, dict)]


def _name(value: Any) -> str:
    return str(value.get("name") or "") if isinstance(value, dict) else str(value or "")


def _score(match: dict[str, Any]) -> tuple[int, int] | None:
    score = match.get("score")
    full = score.get("ft") if isinstance(score, dict) else None
    if isinstance(full, list) and len(full) == 2 and all(isinstance(g, int) for g in full):
        return full[0], full[1]
    if isinstance(match.get("score1"), int) and isinstance(match.get("score2"), int):
        return match["score1"], match["score2"]
    return None


def fixture_rows(path: Path, competition: str | None = None) -> tuple[list[dict[str, Any]], FixturesReport]:
    """The ``fixtures`` rows of a season file, and the report of what could not be mapped."""
    name, matches = read_season(path)
    report = FixturesReport(competition=competition)
    if report.competition is None:
        found = find_competition(name)
        report.competition = found.competition_id if found else None
    unknown: Counter[str] = Counter()
    rows = []
    for match in matches:
        report.matches += 1
        home_name, away_name = _name(match.get("team1")), _name(match.get("team2"))
        home, away = team_id(home_name), team_id(away_name)
        for team, text in ((home, home_name), (away, away_name)):
            if team is None:
                unknown[text] += 1
        try:
            day = date.fromisoformat(str(match.get("date")))
        except ValueError:
            day = None
        if home is None or away is None or home == away or day is None:
            report.skipped += 1
            continue
        score = _score(match)
        team_a, team_b = sorted((home, away))
        rows.append({"team_a": team_a, "team_b": team_b, "kickoff_date": day.isoformat(),
                     "competition": report.competition, "round": match.get("round"),
                     "home_team": home, "away_team": away,
                     "score_home": score[0] if score else None, "score_away": score[1] if score else None,
                     "source": path.name})
    report.unknown_teams = dict(sorted(unknown.items()))
    return rows, report


def import_fixtures(archive: Archive, path: Path, *, competition: str | None = None,
                    regroup: bool = True) -> FixturesReport:
    """Import a season file; the stored articles of its pairs are then grouped again with it."""
    if competition is not None and competition not in load_gazetteer().competitions:
        raise FixturesFileError(f"unknown competition id {competition!r}")
    rows, report = fixture_rows(path, competition)
    report.new, report.updated = archive.write_fixtures(rows)
    if regroup and rows:
        archive.mark_pairs_pending((r["team_a"], r["team_b"]) for r in rows)
        report.regrouped_articles = regroup_pending(archive, fixtures=True).articles
    return report
