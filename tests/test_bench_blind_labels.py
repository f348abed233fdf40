"""The blind checking sets of the stories benchmark (``bench/data/stories_blind``,
``stories_blind2``, ``stories_blind3``, ``stories_blind4``, ``stories_blind5``,
``stories_blind6``, ``stories_blind7``, ``stories_blind8``, ``stories_blind9``,
``stories_blind10``, ``stories_blind11``, ``stories_blind12``,
``stories_blind13``, ``stories_blind14``, ``stories_blind15``, ``stories_blind16``,
``stories_blind17``, ``stories_blind18``, ``stories_blind19``,
``stories_blind20``, ``stories_blind21``) are well labelled.

The set is read by ``bench/stories.py`` as ground truth, so a typo in a label would silently turn
into a grouping error. These checks read the TOML files as the bench does and hold every label to
the rules the set was written by.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from newscrawl.matching import load_gazetteer

BENCH = Path(__file__).resolve().parents[1] / "bench"
#: bench set name -> its directory; every test below runs on each set.
SETS = {"blind": BENCH / "data" / "stories_blind", "blind2": BENCH / "data" / "stories_blind2",
        "blind3": BENCH / "data" / "stories_blind3", "blind4": BENCH / "data" / "stories_blind4",
        "blind5": BENCH / "data" / "stories_blind5", "blind6": BENCH / "data" / "stories_blind6",
        "blind7": BENCH / "data" / "stories_blind7", "blind8": BENCH / "data" / "stories_blind8",
        "blind9": BENCH / "data" / "stories_blind9", "blind10": BENCH / "data" / "stories_blind10",
        "blind11": BENCH / "data" / "stories_blind11",
        "blind12": BENCH / "data" / "stories_blind12",
        "blind13": BENCH / "data" / "stories_blind13",
        "blind14": BENCH / "data" / "stories_blind14",
        "blind15": BENCH / "data" / "stories_blind15",
        "blind16": BENCH / "data" / "stories_blind16",
        "blind17": BENCH / "data" / "stories_blind17",
        "blind18": BENCH / "data" / "stories_blind18",
        "blind19": BENCH / "data" / "stories_blind19",
        "blind20": BENCH / "data" / "stories_blind20",
        "blind21": BENCH / "data" / "stories_blind21"}
#: set name -> (articles min, max; matches min, max; distractors min): each set was written to its size.
SIZES = {"blind": (100, 130, 25, 30, 12), "blind2": (100, 130, 25, 30, 12), "blind3": (70, 90, 18, 20, 10),
         "blind4": (60, 80, 15, 18, 8), "blind5": (70, 90, 18, 22, 8),
         "blind6": (70, 90, 18, 22, 8), "blind7": (70, 90, 18, 22, 8),
         "blind8": (70, 90, 18, 22, 8), "blind9": (70, 90, 18, 22, 8),
         "blind10": (70, 90, 18, 22, 8), "blind11": (70, 90, 18, 22, 8),
         "blind12": (70, 90, 18, 22, 8), "blind13": (70, 90, 18, 22, 8),
         "blind14": (70, 90, 18, 22, 8), "blind15": (85, 100, 20, 24, 10),
         "blind16": (85, 100, 20, 24, 10), "blind17": (85, 100, 20, 24, 10),
         "blind18": (85, 100, 20, 24, 10), "blind19": (85, 100, 20, 24, 10),
         "blind20": (85, 100, 20, 24, 10), "blind21": (85, 100, 20, 24, 10)}
TYPES = {"preview", "live", "report", "reaction", "other"}
LANGUAGES = {"en", "fr", "nl"}


@pytest.fixture(params=sorted(SETS))
def set_name(request: pytest.FixtureRequest) -> str:
    return request.param


def _files(set_name: str) -> list[tuple[Path, dict]]:
    return [(p, tomllib.loads(p.read_text("utf-8"))) for p in sorted(SETS[set_name].glob("*.toml"))]


def _articles(set_name: str) -> list[tuple[dict, dict]]:
    """(article, its file's top-level table) for every article of the set."""
    return [(a, data) for _path, data in _files(set_name) for a in data.get("article", [])]


def test_the_set_has_its_size(set_name: str) -> None:
    articles = _articles(set_name)
    matches = {a["label"].get("match") for a, _ in articles} - {None}
    distractors = [a for a, _ in articles if not a["label"].get("match")]
    least, most, least_matches, most_matches, least_distractors = SIZES[set_name]
    assert least <= len(articles) <= most
    assert least_matches <= len(matches) <= most_matches
    assert len(distractors) >= least_distractors
    assert {a["language"] for a, _ in articles} == LANGUAGES


def test_every_article_is_labelled_and_ids_are_unique(set_name: str) -> None:
    seen: set[str] = set()
    for article, _data in _articles(set_name):
        assert article["id"] not in seen, article["id"]
        seen.add(article["id"])
        assert article["language"] in LANGUAGES, article["id"]
        assert article["title"].strip() and len(article["body"].split()) >= 25, article["id"]
        label = article.get("label")
        assert label is not None, f"{article['id']} has no [article.label]"
        assert label.get("type") in TYPES, article["id"]
        # an offset on every publication time: the bench feeds it as the page's date
        published = datetime.fromisoformat(article["published_at"])
        assert published.utcoffset() is not None, article["id"]


def test_team_and_competition_ids_are_known_or_declared_new(set_name: str) -> None:
    gazetteer = load_gazetteer()
    for article, data in _articles(set_name):
        label = article["label"]
        if not label.get("match"):
            assert not label.get("teams") and not label.get("score"), article["id"]
            continue
        teams = label["teams"]
        assert len(teams) == 2 and len(set(teams)) == 2, article["id"]
        for team in teams:
            assert team in gazetteer.teams or team in data.get("new_teams", []), (article["id"], team)
        if "score" in label:
            assert set(label["score"]) == set(teams), article["id"]
            assert all(isinstance(g, int) and g >= 0 for g in label["score"].values()), article["id"]
        competition = label.get("competition")
        if competition is not None:
            assert (competition in gazetteer.competitions
                    or competition in data.get("new_competitions", [])), (article["id"], competition)


def test_declared_new_ids_are_really_new(set_name: str) -> None:
    """A declared "new" id the gazetteer knows would hide a typo in the other labels."""
    gazetteer = load_gazetteer()
    for path, data in _files(set_name):
        for team in data.get("new_teams", []):
            assert team not in gazetteer.teams, (path.name, team)
        for competition in data.get("new_competitions", []):
            assert competition not in gazetteer.competitions, (path.name, competition)


def test_articles_of_one_match_agree(set_name: str) -> None:
    by_match: dict[str, list[dict]] = defaultdict(list)
    for article, _data in _articles(set_name):
        if article["label"].get("match"):
            by_match[article["label"]["match"]].append(article)
    for match, members in by_match.items():
        assert len({frozenset(a["label"]["teams"]) for a in members}) == 1, match
        assert len({a["label"]["kickoff"] for a in members}) == 1, match
        assert len({a["label"].get("competition") for a in members}) == 1, match
        finals = {tuple(sorted(a["label"]["score"].items())) for a in members
                  if "score" in a["label"] and a["label"]["type"] != "live"}
        assert len(finals) <= 1, match
        assert any(a["label"]["type"] in {"report", "live"} for a in members) or len(members) == 1, match


@pytest.mark.parametrize("kind", ["preview", "report", "reaction", "live"])
def test_kickoff_is_consistent_with_type_and_publication(kind: str, set_name: str) -> None:
    checked = 0
    for article, _data in _articles(set_name):
        label = article["label"]
        if label.get("type") != kind or not label.get("match"):
            continue
        kickoff = date.fromisoformat(label["kickoff"])
        # the publisher's local day, as the page shows it
        published = datetime.fromisoformat(article["published_at"]).date()
        if kind == "preview":
            assert kickoff >= published, article["id"]
            assert "score" not in label, article["id"]
        elif kind == "live":
            assert kickoff == published, article["id"]
        else:
            assert kickoff <= published, article["id"]
            assert (published - kickoff).days <= 7, article["id"]
            assert "score" in label, article["id"]
        checked += 1
    assert checked > 0


def test_the_bench_reads_the_blind_set_as_labelled(monkeypatch: pytest.MonkeyPatch, set_name: str) -> None:
    """``bench/stories.py --sets NAME`` scores against these labels: the loader keeps them all."""
    import importlib.util
    import sys

    monkeypatch.setattr(sys, "path", list(sys.path))  # the bench script puts bench/ on sys.path
    spec = importlib.util.spec_from_file_location("bench_stories", BENCH / "stories.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, bench)  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    loaded = bench.load_sets([set_name])[set_name]
    raw = {a["id"]: a["label"] for a, _ in _articles(set_name)}
    assert [a.id for a in loaded] == list(raw)  # no seeds, nothing dropped, file order
    for a in loaded:
        assert a.match == raw[a.id].get("match")
        assert a.type == raw[a.id]["type"]
        assert a.kickoff == (date.fromisoformat(raw[a.id]["kickoff"]) if raw[a.id].get("kickoff") else None)
