"""regroup(): order-independent clusters, consensus, one-team articles, fixtures, kept story ids."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from newscrawl.matching import extract_match_facts
from newscrawl.matching.regroup import ArticleFacts, Fixture, RegroupInputError, regroup
from newscrawl.matching.sides import extract_side_facts

PAIR = ("fra-lens", "fra-lille")


def art(aid: str, day: date | None, basis: str | None = "explicit", kind: str = "report", **kw) -> ArticleFacts:
    published = kw.pop("published", day)
    return ArticleFacts(article_id=aid, team_ids=kw.pop("teams", PAIR), article_type=kind, kickoff_date=day,
                        kickoff_basis=basis, published_date=published,
                        published_precision="day" if published else None, **kw)


def groups(clusters) -> set[tuple[str, ...]]:
    return {c.article_ids for c in clusters}


LEAGUE = date(2025, 1, 18)
CUP = date(2025, 1, 22)
WON = (("fra-lens", 1), ("fra-lille", 2))
DRAW = (("fra-lens", 1), ("fra-lille", 1))

ARTICLES = [
    art("l-report-fr", LEAGUE, goals=DRAW, competition_id="fra-ligue-1"),
    art("l-report-en", LEAGUE, "weekday", goals=DRAW, published=date(2025, 1, 19)),
    art("l-preview", LEAGUE, "published", kind="preview", published=date(2025, 1, 17)),
    art("l-reaction", date(2025, 1, 19), "published", kind="reaction", goals=DRAW),
    art("c-preview", CUP, "weekday", kind="preview", competition_id="fra-coupe-de-france",
        published=date(2025, 1, 21)),
    art("c-report", CUP, goals=WON, competition_id="fra-coupe-de-france"),
    art("c-reaction", date(2025, 1, 23), "published", kind="reaction", goals=WON),
    art("undated-cup", None, None, goals=WON, published=None),
]


def test_the_result_does_not_depend_on_arrival_order() -> None:
    reference = regroup(ARTICLES)
    rng = random.Random(7)
    for _ in range(25):
        shuffled = ARTICLES[:]
        rng.shuffle(shuffled)
        assert regroup(shuffled) == reference


def test_league_and_cup_four_days_apart_are_two_matches() -> None:
    clusters = regroup(ARTICLES)
    assert groups(clusters) == {
        ("l-preview", "l-reaction", "l-report-en", "l-report-fr"),
        ("c-preview", "c-reaction", "c-report", "undated-cup"),
    }
    league, cup = clusters
    assert (league.kickoff_date, league.competition_id, league.goals) == (LEAGUE, "fra-ligue-1", DRAW)
    assert (cup.kickoff_date, cup.competition_id, cup.goals) == (CUP, "fra-coupe-de-france", WON)
    assert league.key == "fra-ligue-1:2025-01-18:fra-lens~fra-lille"


def test_a_report_takes_the_latest_match_before_publication_a_preview_the_earliest_after() -> None:
    first, second = date(2025, 3, 4), date(2025, 3, 6)
    arts = [art("a", first, goals=WON), art("b", second, goals=DRAW),
            art("late-report", date(2025, 3, 7), "published", goals=None),
            art("early-preview", date(2025, 3, 3), "published", kind="preview")]
    by_id = {aid: c.kickoff_date for c in regroup(arts) for aid in c.article_ids}
    assert by_id["late-report"] == second
    assert by_id["early-preview"] == first


def test_a_date_contradicted_by_the_result_was_another_games() -> None:
    # A first-leg report that took the return leg's date from its text: its result and
    # publication date put it back with the first leg.
    leg1, leg2 = date(2025, 3, 4), date(2025, 3, 12)
    arts = [art("l1-a", leg1, goals=WON), art("l1-b", leg1, goals=WON),
            art("l2-a", leg2, goals=DRAW), art("l2-b", leg2, goals=DRAW),
            art("l1-wrong-date", leg2, goals=WON, published=date(2025, 3, 5))]
    assert groups(regroup(arts)) == {("l1-a", "l1-b", "l1-wrong-date"), ("l2-a", "l2-b")}


def test_two_legs_never_share_a_story() -> None:
    leg1, leg2 = date(2025, 3, 4), date(2025, 3, 12)
    # "c" is dated by publication only: its window reaches the first leg, and its leg agrees;
    # "d", three days after the return leg, fits it by publication but its leg differs.
    arts = [art("a", leg1, leg=1), art("b", leg2, leg=2), art("c", date(2025, 3, 5), "published", leg=1),
            art("d", date(2025, 3, 15), "published", leg=1)]
    clusters = regroup(arts)
    assert groups(clusters) == {("a", "c"), ("b",), ("d",)}
    assert [c.leg for c in clusters] == [1, 2, 1]


def test_a_leg_read_from_a_sentence_about_the_other_leg_does_not_split_the_days_match() -> None:
    # "Open after the first leg": the first leg's live blog reads leg 2; the return leg's report
    # ("after the 1-1 first leg") reads leg 1, its reaction the next day too. One pair does not
    # meet twice in two days.
    leg1, leg2 = date(2025, 2, 5), date(2025, 2, 26)
    arts = [art("l1-report", leg1, "weekday", leg=1, goals=DRAW),
            art("l1-live", leg1, "published", kind="live", leg=2, goals=DRAW),
            art("l2-live", leg2, "published", kind="live", leg=2, goals=WON),
            art("l2-report", leg2, "weekday", leg=1, goals=WON),
            art("l2-reaction", leg2 + timedelta(days=1), "published", kind="reaction", leg=1)]
    clusters = regroup(arts)
    assert groups(clusters) == {("l1-live", "l1-report"), ("l2-live", "l2-reaction", "l2-report")}
    assert [c.kickoff_date for c in clusters] == [leg1, leg2]


def test_one_team_article_joins_only_when_exactly_one_match_fits() -> None:
    lens_only = art("lens-coach", date(2025, 1, 19), "published", kind="reaction", teams=("fra-lens",))
    clusters = regroup([*ARTICLES[:4], lens_only])
    assert "lens-coach" in clusters[0].article_ids
    # Lens also played Monaco the same weekend (in this test): two matches fit, so it stays out.
    monaco = art("lens-monaco", date(2025, 1, 17), teams=("fra-lens", "fra-monaco"))
    clusters = regroup([*ARTICLES[:4], monaco, lens_only])
    assert all("lens-coach" not in c.article_ids for c in clusters)


def test_a_one_team_reaction_naming_a_weekday_does_not_join_the_next_days_game() -> None:
    # "Lens coach hails Saturday's win": Lens (its women's side, unnamed as such) played on
    # Saturday; the men's game of Sunday is another one.
    sunday = date(2025, 1, 19)
    men = [art("m-report", sunday, goals=DRAW), art("m-preview", sunday, "weekday", kind="preview",
                                                     published=date(2025, 1, 18))]
    saturday_win = art("coach", date(2025, 1, 18), "weekday", kind="reaction", teams=("fra-lens",),
                       published=sunday)
    assert groups(regroup([*men, saturday_win])) == {("m-preview", "m-report")}
    # Sunday's win does join Sunday's game, and so does a Monday report of "Sunday night".
    sunday_win = replace(saturday_win, kickoff_date=sunday, published_date=date(2025, 1, 20))
    assert groups(regroup([*men, sunday_win])) == {("coach", "m-preview", "m-report")}
    # A preview's weekday keeps a day either side.
    preview = art("coach", date(2025, 1, 18), "weekday", kind="preview", teams=("fra-lens",),
                  published=date(2025, 1, 17))
    assert groups(regroup([*men, preview])) == {("coach", "m-preview", "m-report")}


def test_a_fixture_gives_date_competition_and_result_and_none_are_needed() -> None:
    fixture = Fixture(team_ids=("fra-lille", "fra-lens"), kickoff_date=LEAGUE, competition_id="fra-ligue-1",
                      goals=DRAW)
    loose = [art("p", date(2025, 1, 17), "published", kind="preview"),
             art("r", date(2025, 1, 19), "published", kind="reaction")]
    (with_fixture,) = regroup(loose, [fixture])
    assert (with_fixture.kickoff_date, with_fixture.kickoff_basis) == (LEAGUE, "fixture")
    assert (with_fixture.competition_id, with_fixture.goals, with_fixture.fixture) == ("fra-ligue-1", DRAW, fixture)
    without = regroup(loose)
    assert groups(without) == {("p", "r")} and without[0].fixture is None


def test_merged_stories_keep_the_oldest_id_and_name_the_absorbed_one() -> None:
    arts = [replace(a, story_id=7) for a in ARTICLES[:2]] + [replace(a, story_id=3) for a in ARTICLES[2:4]]
    (league,) = [c for c in regroup(arts) if "l-report-fr" in c.article_ids]
    assert league.story_id == 3
    assert league.absorbed_story_ids == (7,)


def test_a_split_story_keeps_its_id_where_most_of_its_articles_went() -> None:
    arts = [replace(a, story_id=5) for a in ARTICLES[:5]] + ARTICLES[5:]
    clusters = regroup(arts)
    league = next(c for c in clusters if "l-report-fr" in c.article_ids)
    cup = next(c for c in clusters if "c-report" in c.article_ids)
    assert (league.story_id, cup.story_id, cup.absorbed_story_ids) == (5, None, ())


def test_cron_runs_give_the_same_clusters_as_one_run() -> None:
    story: dict[str, int] = {}
    next_id = 1
    stored: list[ArticleFacts] = []
    for batch in (ARTICLES[5:], ARTICLES[2:5], ARTICLES[:2]):
        stored = [replace(a, story_id=story.get(a.article_id)) for a in stored + batch]
        for c in regroup(stored):
            sid = c.story_id
            if sid is None:
                sid, next_id = next_id, next_id + 1
            story.update(dict.fromkeys(c.article_ids, sid))
    assert groups(regroup(stored)) == groups(regroup(ARTICLES))
    assert len(set(story.values())) == 2


def test_bad_input_is_a_named_error() -> None:
    with pytest.raises(RegroupInputError):
        regroup([ARTICLES[0], ARTICLES[0]])
    with pytest.raises(RegroupInputError):
        regroup([replace(ARTICLES[0], team_ids=("a", "b", "c"))])


def test_from_text_to_clusters_in_any_order() -> None:
    texts = [
        ("a", "en", "2025-01-18T22:00:00+00:00", "Lille 1-1 Lens: Sotoca heads late equaliser",
         "Lille and Lens drew 1-1 at the Stade Pierre-Mauroy on Saturday night in Ligue 1."),
        ("b", "fr", "2025-01-19T09:00:00+01:00", "Ligue 1 : Lille et Lens dos à dos",
         "Lille et Lens se sont quittés sur un nul 1-1 samedi soir au stade Pierre-Mauroy."),
        ("c", "nl", "2025-01-19T10:00:00+01:00", "Lens pakt punt in Lille",
         "Lens heeft zaterdagavond met 1-1 gelijkgespeeld bij Lille in de Ligue 1."),
        ("d", "fr", "2025-01-19T11:00:00+01:00", "Lens : Will Still fier de ses joueurs",
         "L'entraîneur du RC Lens a salué samedi soir l'état d'esprit de son équipe, revenue au score."),
    ]
    facts = []
    for aid, lang, published, title, body in texts:
        f = extract_match_facts(title, body, language=lang, published_at=published)
        if f is not None:
            facts.append(ArticleFacts.from_match_facts(aid, f))
        else:
            side = extract_side_facts(title, body, language=lang, published_at=published)
            assert side is not None and side.team_ids == ("fra-lens",)
            facts.append(replace(side, article_id=aid))
    reference = regroup(facts)
    assert groups(reference) == {("a", "b", "c", "d")}
    assert reference[0].kickoff_date == date(2025, 1, 18)
    assert regroup(facts[::-1]) == reference


def test_a_score_read_the_wrong_way_round_does_not_split_the_match() -> None:
    mirrored = (("fra-lens", 2), ("fra-lille", 1))
    arts = [art("a", LEAGUE, goals=WON), art("b", LEAGUE, goals=WON),
            art("c", date(2025, 1, 19), "published", goals=mirrored)]
    assert groups(regroup(arts)) == {("a", "b", "c")}
    assert regroup(arts)[0].goals == WON


def test_undated_articles_are_told_apart_by_the_weekday_they_give() -> None:
    thursday = art("thu", None, None, published=None, kickoff_weekday=3)
    sunday = [art("sun-a", None, None, published=None, kickoff_weekday=6),
              art("sun-b", None, None, published=None, kickoff_weekday=6)]
    assert groups(regroup([thursday, *sunday])) == {("thu",), ("sun-a", "sun-b")}


def test_undated_reports_gather_first_so_a_wrong_competition_does_not_split_them() -> None:
    undated = [art(f"r{i}", None, None, published=None, goals=DRAW, competition_id="fra-ligue-1") for i in range(3)]
    undated += [art("a-reaction", None, None, kind="reaction", published=None, goals=DRAW,
                    competition_id="uefa-europa-league"),
                art("a-preview", None, None, kind="preview", published=None, competition_id="fra-ligue-1")]
    (cluster,) = regroup(undated)
    assert len(cluster.article_ids) == 5 and cluster.competition_id == "fra-ligue-1"


def test_a_played_games_text_date_long_before_publication_is_another_games() -> None:
    # The cup report, published on the cup night, recalls "Saturday's draw": its weekday reads
    # the league meeting's day, five days before publication, which no report of that night has.
    arts = [*ARTICLES[:3], art("c-report-2", LEAGUE, "weekday", published=CUP),
            art("c-report-3", CUP, goals=WON)]
    by_id = {aid: c.kickoff_date for c in regroup(arts) for aid in c.article_ids}
    assert by_id["c-report-2"] == CUP
    # within the publication lag the text date still rules: a reaction two days on stays with its game
    late = art("l-late-reaction", LEAGUE, "weekday", kind="reaction", published=LEAGUE + timedelta(days=3))
    by_id = {aid: c.kickoff_date for c in regroup([*arts, late]) for aid in c.article_ids}
    assert by_id["l-late-reaction"] == LEAGUE
