"""Articles placed by the names they share with one match (newscrawl.matching.names): match
articles that name no team, and pair articles alone in their match (their pair or date read
wrong); the names read, the choice, the pure grouping and the archive's re-grouping across cron
runs (real `newscrawl ingest` runs on a real SQLite file).

The articles are our own: a Saturday with Lille-Lens and Ajax-PSV, two coaches' reactions that
name their players and themselves but no club.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newscrawl.analysis import story_facts
from newscrawl.items import ArticleItem
from newscrawl.matching import regroup
from newscrawl.matching.names import NamedMatch, article_names, choose_by_names, names_window
from tests.support.cli import run_cli

LILLE_REPORT = ("lille-report", "en", "2025-01-19T08:00:00+00:00", "Lille 1-1 Lens: Sotoca heads late equaliser",
                "Lille and Lens drew 1-1 at the Stade Pierre-Mauroy on Saturday night in Ligue 1. Jonathan David "
                "had put the hosts ahead before Florian Sotoca headed in, and Bruno Genesio was left to rue a "
                "missed penalty.")
LILLE_REACTION = ("lille-reaction", "fr", "2025-01-19T10:00:00+01:00", "Genesio : « Nous avons manqué de tranchant »",
                  "L'entraîneur nordiste regrettait le penalty manqué samedi soir. « On a eu les occasions pour le "
                  "tuer », a reconnu Bruno Genesio après la rencontre, qui a salué le match de Jonathan David.")
LILLE_REPORT_FR = ("lille-report-fr", "fr", "2025-01-19T09:00:00+01:00", "Ligue 1 : Lille et Lens dos à dos",
                   "Lille et Lens se sont quittés sur un nul 1-1 samedi soir au stade Pierre-Mauroy. Florian "
                   "Sotoca a répondu à Jonathan David, et Bruno Genesio a regretté le penalty manqué.")
#: Read as Lille-Brest (the next opponent, in the quote): a pair article alone in its match.
LILLE_NEXT = ("lille-next", "en", "2025-01-19T12:00:00+00:00", "Genesio: 'We need more against Brest'",
              "Lille dropped two points on Saturday night. \"We need more against Brest,\" Bruno Genesio said "
              "after Jonathan David missed a penalty and Florian Sotoca headed a late equaliser.")
AJAX_REPORT = ("ajax-report", "nl", "2025-01-19T09:00:00+01:00", "Ajax wint van PSV in Amsterdam",
               "Ajax heeft zaterdagavond met 2-0 gewonnen van PSV in de Eredivisie. Brian Brobbey scoorde twee "
               "keer en Francesco Farioli zag zijn ploeg de koppositie versterken.")
AJAX_REACTION = ("ajax-reaction", "en", "2025-01-19T12:00:00+00:00", "Farioli: 'We played with courage'",
                 "The coach praised his players after Saturday's win. \"We played with courage from the first "
                 "minute,\" said Francesco Farioli, who singled out Brian Brobbey for his two goals.")
#: Another match the same weekend whose report names the same striker (on loan, say): with it,
#: "David" no longer tells Lille's game from this one, but "Genesio" still does.
NICE_REPORT = ("nice-report", "en", "2025-01-19T07:00:00+00:00", "Nice 2-0 Reims: Boga double",
               "Nice beat Reims 2-0 at the Allianz Riviera on Saturday in Ligue 1. Jeremie Boga scored twice "
               "and the visitors' own David was sent off.")

#: The Derby du Nord seen from Lens: the names that game alone has (the scorer, the referee).
LENS_VIEW = ("lens-view", "en", "2025-01-19T09:30:00+00:00", "Lens take a point at Lille as Sotoca strikes late",
             "Lens came from behind to draw 1-1 at Lille on Saturday in Ligue 1. Florian Sotoca headed the "
             "equaliser and referee Clément Turpin booked four players in a fierce Derby du Nord.")
#: Lille's next game: its own players and coach again, none of Lens's.
LILLE_BREST = ("lille-brest", "en", "2025-02-02T08:00:00+00:00", "Lille 2-0 Brest: David double lifts the hosts",
               "Lille beat Brest 2-0 on Saturday in Ligue 1. Jonathan David scored twice and Bruno Genesio praised "
               "his side's patience against Eric Roy's team.")
#: A one-team reaction with no date anywhere (no publication date, none in the text).
LILLE_UNDATED = ("lille-undated", "fr", None, "Genesio : « Ce penalty nous coûte cher »",
                 "Bruno Genesio n'a pas caché sa frustration après le match nul du LOSC. « On a eu les occasions », "
                 "a reconnu l'entraîneur de Lille, qui regrettait le penalty manqué par Jonathan David avant "
                 "l'égalisation de Florian Sotoca. Il a aussi contesté un carton jaune de Clément Turpin.")


def _facts(article):
    article_id, language, published, title, body = article
    found = story_facts(ArticleItem(url=article_id, title=title, body=body, language=language, published_at=published))
    return found.regroup_facts(article_id)


def test_names_are_people_and_places_outside_team_names() -> None:
    names = article_names("Genesio : « Nous avons manqué de tranchant »",
                          "Samedi, le VAR a annulé un but. « On a eu les occasions », a reconnu Bruno Genesio "
                          "au stade Pierre-Mauroy contre Lens, en janvier, après le but de Jonathan David.")
    assert {"genesio", "jonathan", "david"} <= names
    # a sentence's first word, an acronym, a month and a team or venue name are not names
    assert not names & {"samedi", "var", "lens", "pierre", "mauroy", "janvier", "nous"}


def test_a_word_also_written_in_lower_case_or_a_title_case_headline_gives_no_name() -> None:
    assert "Courage" not in article_names("", "He spoke of Courage. Courage, he said, is what courage means.")
    assert "courage" not in article_names("", "He spoke of Courage, and of courage again.")
    assert article_names("Coach Praises Players After Late Winner", "") == frozenset()
    assert article_names("", "It was Farioli's night, and Van Nistelrooij's too.") == {"farioli", "nistelrooy"}


def test_the_one_match_sharing_names_is_chosen() -> None:
    day = date(2025, 1, 18)
    lille = NamedMatch("lille", day, frozenset({"genesio", "david", "sotoca"}))
    nice = NamedMatch("nice", day, frozenset({"boga", "david"}))
    assert choose_by_names(frozenset({"genesio", "david"}), date(2025, 1, 19), "reaction", [lille, nice]) == "lille"
    # a name two candidates share tells nothing
    assert choose_by_names(frozenset({"david"}), date(2025, 1, 19), "reaction", [lille, nice]) is None
    # one name each is no lead
    assert choose_by_names(frozenset({"genesio", "boga"}), date(2025, 1, 19), "reaction", [lille, nice]) is None
    # not an article about one match; not a match outside the window of its type
    assert choose_by_names(frozenset({"genesio"}), date(2025, 1, 19), "other", [lille, nice]) is None
    assert choose_by_names(frozenset({"genesio"}), date(2025, 1, 20), "preview", [lille, nice]) is None
    assert names_window(date(2025, 1, 19), "preview") == (date(2025, 1, 18), date(2025, 1, 22))


def test_an_article_typed_preview_the_day_after_a_match_can_still_be_about_it() -> None:
    # A coach's quote headline over "we go again on Wednesday" reads as a preview, yet it is the
    # reaction to yesterday's game: the names it shares with that game alone place it there.
    day = date(2025, 1, 18)
    lille = NamedMatch("lille", day, frozenset({"genesio", "david", "sotoca"}))
    nice = NamedMatch("nice", day, frozenset({"boga", "david"}))
    assert choose_by_names(frozenset({"genesio", "sotoca"}), date(2025, 1, 19), "preview", [lille, nice]) == "lille"
    # the team's next game, two days on, shares the coach: the name no longer tells one from the other
    brest = NamedMatch("brest", date(2025, 1, 21), frozenset({"genesio", "david"}))
    assert choose_by_names(frozenset({"genesio"}), date(2025, 1, 19), "preview", [lille, brest]) is None
    # two days after the match, a preview is about a game still to come
    assert choose_by_names(frozenset({"genesio", "sotoca"}), date(2025, 1, 20), "preview", [lille, nice]) is None


def test_a_reaction_naming_no_team_is_a_loose_article() -> None:
    reaction = _facts(LILLE_REACTION)
    assert reaction.team_ids == () and reaction.article_type == "reaction"
    assert reaction.published_date == date(2025, 1, 19) and "genesio" in reaction.names
    assert _facts(LILLE_REPORT).team_ids == ("fra-lens", "fra-lille")


def test_regroup_places_reactions_by_names_in_any_order() -> None:
    facts = [_facts(a) for a in (LILLE_REPORT, LILLE_REACTION, AJAX_REPORT, AJAX_REACTION, NICE_REPORT)]
    want = {frozenset({"lille-report", "lille-reaction"}), frozenset({"ajax-report", "ajax-reaction"}),
            frozenset({"nice-report"})}
    for order in (facts, facts[::-1], facts[2:] + facts[:2]):
        assert {frozenset(c.article_ids) for c in regroup(order)} == want
    # without their names the reactions join nothing
    bare = [replace(f, names=frozenset()) for f in facts]
    assert {frozenset(c.article_ids) for c in regroup(bare)} == {frozenset({"lille-report"}),
                                                                 frozenset({"ajax-report"}), frozenset({"nice-report"})}


def test_an_undated_loose_article_joins_nothing() -> None:
    reaction = replace(_facts(LILLE_REACTION), published_date=None, published_precision=None)
    clusters = regroup([_facts(LILLE_REPORT), reaction])
    assert [c.article_ids for c in clusters] == [("lille-report",)]


def test_an_undated_one_team_article_joins_the_match_of_its_team_its_names_single_out() -> None:
    undated = _facts(LILLE_UNDATED)
    assert undated.team_ids == ("fra-lille",) and undated.kickoff_date is None and undated.published_date is None
    facts = [_facts(a) for a in (LILLE_REPORT, LENS_VIEW, LILLE_BREST)] + [undated]
    for order in (facts, facts[::-1], facts[1:] + facts[:1]):
        by_key = {c.team_ids: c for c in regroup(order)}
        derby = by_key[("fra-lens", "fra-lille")]
        assert derby.article_ids == ("lens-view", "lille-report", "lille-undated")
        assert derby.joined == ("lille-undated",)  # it does not vote on the match's facts
        assert by_key[("fra-brest", "fra-lille")].article_ids == ("lille-brest",)


def test_names_every_match_of_its_team_holds_place_no_undated_article() -> None:
    # Without the Lens report, the derby holds only Lille's own names (David, Genesio, Sotoca), and
    # two of them are also in Lille's next game: one name of its own is not enough.
    facts = [_facts(a) for a in (LILLE_REPORT, LILLE_BREST, LILLE_UNDATED)]
    assert {c.article_ids for c in regroup(facts)} == {("lille-report",), ("lille-brest",)}


#: Lille's midweek game, three days after the derby.
LILLE_BREST_MIDWEEK = ("lille-brest-midweek", "en", "2025-01-22T08:00:00+00:00", LILLE_BREST[3],
                       LILLE_BREST[4].replace("on Saturday", "on Tuesday night"))
#: The one-team reaction published on the Tuesday of Lille's midweek game.
LILLE_TUESDAY_REACTION = (*LILLE_UNDATED[:2], "2025-01-21T14:00:00+01:00", *LILLE_UNDATED[3:])


def test_a_one_team_article_two_matches_of_its_team_fit_joins_the_one_its_names_single_out() -> None:
    # Published on the Tuesday, the reaction's window (a played game up to 3 days before) holds
    # both the Saturday derby and the Tuesday game: "exactly one match fits" fails, its names decide.
    reaction = _facts(LILLE_TUESDAY_REACTION)
    assert reaction.team_ids == ("fra-lille",) and reaction.kickoff_basis == "published"
    facts = [_facts(a) for a in (LILLE_REPORT, LENS_VIEW, LILLE_BREST_MIDWEEK)] + [reaction]
    for order in (facts, facts[::-1]):
        by_pair = {c.team_ids: c for c in regroup(order)}
        assert by_pair[("fra-lens", "fra-lille")].joined == ("lille-undated",)
        assert by_pair[("fra-brest", "fra-lille")].article_ids == ("lille-brest-midweek",)
    # without its names it joins neither
    bare = [*facts[:3], replace(reaction, names=frozenset())]
    assert all("lille-undated" not in c.article_ids for c in regroup(bare))


@pytest.mark.parametrize("runs", [
    [[LILLE_TUESDAY_REACTION], [LILLE_REPORT, LENS_VIEW], [LILLE_BREST_MIDWEEK]],
    [[LILLE_BREST_MIDWEEK, LILLE_TUESDAY_REACTION], [LILLE_REPORT, LENS_VIEW]],
    [[LILLE_REPORT], [LILLE_TUESDAY_REACTION, LILLE_BREST_MIDWEEK], [LENS_VIEW]],
], ids=["reaction-first", "derby-last", "three-runs"])
def test_the_archive_places_a_one_team_article_by_names_across_cron_runs(tmp_path: Path, runs) -> None:
    story = _ingest(tmp_path / "two-games.db", tmp_path, runs)
    assert story["lille-undated"] == story["lille-report"] == story["lens-view"] is not None
    assert story["lille-brest-midweek"] not in (None, story["lille-report"])


def _record(article) -> dict:
    article_id, language, published, title, body = article
    url = f"https://news.example/{article_id}"
    return {"url": url, "canonical_url": url, "source": "example", "title": title, "body": body,
            "language": language, "published_at": published}


def _ingest(db: Path, folder: Path, runs: list[list]) -> dict[str, int | None]:
    for n, articles in enumerate(runs):
        source = folder / f"run-{n}.jsonl"
        source.write_text("".join(json.dumps(_record(a), ensure_ascii=False) + "\n" for a in articles), "utf-8")
        result = run_cli("ingest", str(source), "--db", str(db), "--set", "NEWSCRAWL_MIN_BODY_WORDS=0")
        assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        return {url.rsplit("/", 1)[1]: sid for url, sid in conn.execute("SELECT canonical_url, story_id FROM articles")}


@pytest.mark.parametrize("runs", [
    [[LILLE_REACTION], [LILLE_REPORT, AJAX_REPORT, AJAX_REACTION]],  # the reaction before its match
    [[LILLE_REPORT, AJAX_REPORT], [LILLE_REACTION, AJAX_REACTION]],  # the reactions after
    [[AJAX_REACTION, LILLE_REACTION], [AJAX_REPORT], [LILLE_REPORT]],
], ids=["reaction-first", "reaction-last", "three-runs"])
def test_the_archive_places_them_across_cron_runs(tmp_path: Path, runs) -> None:
    story = _ingest(tmp_path / "names.db", tmp_path, runs)
    assert story["lille-reaction"] == story["lille-report"] is not None
    assert story["ajax-reaction"] == story["ajax-report"] is not None
    assert story["lille-report"] != story["ajax-report"]


def test_a_later_match_sharing_the_only_name_takes_the_article_out(tmp_path: Path) -> None:
    # Known only by "David", the reaction joins Lille's game while it is the only one with that
    # name; a later run brings Nice's report, which names a David too: the reaction leaves.
    terse = (*LILLE_REACTION[:3], "Une soirée frustrante", "« On a eu les occasions », regrettait l'entraîneur "
             "samedi soir après le penalty manqué par Jonathan David.")
    story = _ingest(tmp_path / "names.db", tmp_path, [[LILLE_REPORT, terse]])
    assert story["lille-reaction"] == story["lille-report"]
    story = _ingest(tmp_path / "names.db", tmp_path, [[NICE_REPORT]])
    assert story["lille-reaction"] is None and story["nice-report"] not in (None, story["lille-report"])


@pytest.mark.parametrize("runs", [
    [[LILLE_UNDATED], [LILLE_REPORT, LILLE_BREST], [LENS_VIEW]],  # the reaction first
    [[LILLE_REPORT, LENS_VIEW], [LILLE_BREST, LILLE_UNDATED]],
    [[LILLE_BREST], [LENS_VIEW, LILLE_UNDATED], [LILLE_REPORT]],
], ids=["undated-first", "undated-last", "three-runs"])
def test_the_archive_places_an_undated_one_team_article_across_cron_runs(tmp_path: Path, runs) -> None:
    story = _ingest(tmp_path / "undated.db", tmp_path, runs)
    assert story["lille-undated"] == story["lille-report"] == story["lens-view"] is not None
    assert story["lille-brest"] not in (None, story["lille-report"])


def test_a_lone_pair_article_joins_the_match_its_names_place_it_in() -> None:
    lone = _facts(LILLE_NEXT)
    assert lone.team_ids == ("fra-brest", "fra-lille")  # the pair read wrong
    reports = [_facts(LILLE_REPORT), _facts(LILLE_REPORT_FR)]
    for order in ([lone, *reports], [*reports, lone][::-1]):
        (cluster,) = regroup(order)
        assert cluster.team_ids == ("fra-lens", "fra-lille") and cluster.joined == ("lille-next",)
        assert set(cluster.article_ids) == {"lille-report", "lille-report-fr", "lille-next"}
        # it does not vote: the match's facts are those of its reports
        assert (cluster.kickoff_date, cluster.goals) == (regroup(reports)[0].kickoff_date, regroup(reports)[0].goals)


def test_a_lone_article_does_not_join_another_lone_one() -> None:
    clusters = regroup([_facts(LILLE_NEXT), _facts(LILLE_REPORT)])
    assert sorted(c.article_ids for c in clusters) == [("lille-next",), ("lille-report",)]


@pytest.mark.parametrize("runs", [
    [[LILLE_NEXT], [LILLE_REPORT, LILLE_REPORT_FR]],
    [[LILLE_REPORT], [LILLE_NEXT], [LILLE_REPORT_FR]],
    [[LILLE_REPORT, LILLE_REPORT_FR, LILLE_NEXT]],
], ids=["lone-first", "lone-between", "one-run"])
def test_the_archive_moves_a_lone_article_across_cron_runs(tmp_path: Path, runs) -> None:
    story = _ingest(tmp_path / "lone.db", tmp_path, runs)
    assert story["lille-next"] == story["lille-report"] == story["lille-report-fr"] is not None
    with sqlite3.connect(tmp_path / "lone.db") as conn:
        teams = conn.execute("SELECT m.team_ids FROM stories s JOIN matches m ON m.id = s.match_id").fetchall()
    assert teams == [("fra-lens|fra-lille",)]


#: The return derby in April: the same pair, another scorer and referee.
LENS_LILLE_APRIL = ("lens-lille-april", "en", "2025-04-13T08:00:00+00:00",
                    "Lens 2-0 Lille: Frankowski double settles the derby",
                    "Lens beat Lille 2-0 at Bollaert on Saturday in Ligue 1. Przemyslaw Frankowski scored twice and "
                    "referee François Letexier waved away Lille's penalty appeals.")
#: A reaction to one of the two derbies with no date anywhere and no score: both meetings fit it.
LENS_UNDATED = ("lens-undated", "en", None, "Still hails Sotoca after derby draw at Lille",
                "Lens coach Will Still praised Florian Sotoca for his late header in the derby against Lille. "
                "\"He never stops running,\" Still said, and he had words for referee Clément Turpin after four "
                "bookings.")


def test_an_undated_pair_article_two_meetings_fit_joins_the_one_its_names_single_out() -> None:
    undated = _facts(LENS_UNDATED)
    assert undated.team_ids == ("fra-lens", "fra-lille") and undated.kickoff_date is None and undated.goals is None
    facts = [_facts(a) for a in (LILLE_REPORT, LENS_VIEW, LENS_LILLE_APRIL)] + [undated]
    for order in (facts, facts[::-1], facts[1:] + facts[:1]):
        by_day = {c.kickoff_date: c for c in regroup(order)}
        assert by_day[date(2025, 1, 18)].article_ids == ("lens-undated", "lens-view", "lille-report")
        assert by_day[date(2025, 1, 18)].joined == ("lens-undated",)  # it does not vote on the match's facts
        assert by_day[date(2025, 4, 12)].article_ids == ("lens-lille-april",)
    # without its names it joins neither meeting
    bare = [*facts[:3], replace(undated, names=frozenset())]
    assert all("lens-undated" not in c.article_ids for c in regroup(bare))


def test_an_undated_preview_two_meetings_fit_is_not_placed_by_names() -> None:
    # A preview recalls the last meeting's scorer and referee: its names point to the game before
    # the one it is about.
    preview = replace(_facts(LENS_UNDATED), article_type="preview")
    facts = [_facts(a) for a in (LILLE_REPORT, LENS_VIEW, LENS_LILLE_APRIL)] + [preview]
    assert all("lens-undated" not in c.article_ids for c in regroup(facts))


@pytest.mark.parametrize("runs", [
    [[LENS_UNDATED], [LILLE_REPORT, LENS_LILLE_APRIL], [LENS_VIEW]],
    [[LILLE_REPORT, LENS_VIEW, LENS_LILLE_APRIL], [LENS_UNDATED]],
], ids=["undated-first", "undated-last"])
def test_the_archive_places_an_undated_pair_article_across_cron_runs(tmp_path: Path, runs) -> None:
    story = _ingest(tmp_path / "meetings.db", tmp_path, runs)
    assert story["lens-undated"] == story["lille-report"] == story["lens-view"] is not None
    assert story["lens-lille-april"] not in (None, story["lille-report"])
