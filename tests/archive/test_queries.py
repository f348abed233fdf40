"""Read-side queries (newscrawl.archive.queries, newscrawl.archive.search) on a real archive file."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date

import pytest

from newscrawl.archive import Archive, queries, search_query
from newscrawl.archive import search as fts
from tests.support.archive import build_archive


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "archive.db"
    build_archive(path)
    return path


@pytest.fixture
def conn(archive_path):
    connection = sqlite3.connect(f"file:{archive_path}?mode=ro", uri=True)
    yield connection
    connection.close()


def titles(rows):
    return [r["title"] for r in rows]


@pytest.mark.parametrize(
    ("word", "language", "inflection"),
    [
        ("égalise", "fr", "égalisation"),
        ("egalise", "fr", "égalisation"),
        ("gelijkspel", "nl", "gelijkspelen"),
        ("equaliser", "en", "equalised"),
    ],
)
def test_inflections_share_a_stem(word, language, inflection):
    assert fts.stem_word(word, language) == fts.stem_word(inflection, language)


def test_stemmed_text_is_folded_and_keeps_word_order():
    assert fts.stemmed_text("L'égalisation de Mbemba", "fr").split() == [
        "l", fts.stem_word("egalisation", "fr"), "de", fts.stem_word("mbemba", "fr")]


def test_the_stems_kept_for_whole_texts_stay_bounded_and_give_the_same_words(monkeypatch):
    monkeypatch.setattr(fts, "_STEMS_PER_LANGUAGE", 3)
    text = "Les Marseillais égalisent, puis les Lyonnais égalisent encore et gagnent"
    fts.stemmed_text.cache_clear()
    assert fts.stemmed_text(text, "fr").split() == [fts.stem_word(w, "fr") for w in fts.WORD.findall(text)]
    assert len(fts._stems("fr")) <= 3
    assert fts.stemmed_text(text + " enfin", "nl").split()[-1] == fts.stem_word("enfin", "nl")


@pytest.mark.parametrize("query", ['"', "NOT", "OR Marseille AND", "***", "a:b (c", "'; DROP TABLE articles"])
def test_any_typed_text_is_a_valid_query(conn, query):
    queries.search(conn, query)  # must not raise


def test_accent_free_query_finds_the_inflected_french_word(conn):
    rows = queries.search(conn, "egalise")
    assert titles(rows) == ["Marseille et l'Atalanta se quittent dos à dos"]
    assert "[égalisation]" in rows[0]["snippet"]


def test_dutch_query_finds_the_plural_form(conn):
    found = titles(queries.search(conn, "gelijkspel"))
    assert "PSV wil thuis niet opnieuw gelijkspelen" in found
    assert "Marseille en Atalanta houden elkaar in evenwicht" in found


def test_title_hits_rank_above_body_hits(conn):
    rows = queries.search(conn, "Feyenoord", queries.ArticleFilters(languages=["en"]))
    assert titles(rows)[0] == "PSV edge Feyenoord in Eindhoven"
    assert rows[0]["score"] >= rows[-1]["score"]


def test_phrase_prefix_and_operators(conn):
    assert titles(queries.search(conn, '"Luuk de Jong"', queries.ArticleFilters(languages=["en"]))) == [
        "PSV edge Feyenoord in Eindhoven"]
    assert "Juventus step up interest in Koopmeiners" in titles(queries.search(conn, "Koopm*"))
    with_nl = titles(queries.search(conn, "Atalanta NOT Lookman", queries.ArticleFilters(languages=["nl"])))
    assert with_nl == ["Atalanta naar de finale na ruime zege"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (queries.ArticleFilters(languages=["fr"]), {"fr"}),
        (queries.ArticleFilters(sources=["voetbalkrant"]), {"nl"}),
    ],
)
def test_language_and_source_filters(conn, filters, expected):
    rows = queries.search(conn, "Atalanta", filters)
    assert rows
    assert {r["language"] for r in rows} == expected


def test_date_team_competition_and_type_filters(conn):
    since = queries.ArticleFilters(since=date(2024, 5, 9))
    assert {r["story_id"] for r in queries.search(conn, "Atalanta", since)} == {2}
    until = queries.ArticleFilters(until=date(2024, 5, 2), languages=["fr"])
    assert set(titles(queries.search(conn, "Atalanta", until))) == {
        "Marseille et l'Atalanta se quittent dos à dos", "L'OM veut frapper fort contre l'Atalanta"}
    team = queries.ArticleFilters(team="PSV Eindhoven")
    assert {r["story_id"] for r in queries.search(conn, "Feyenoord", team)} == {3}
    competition = queries.ArticleFilters(competition="ligue europa", article_types=["reaction"])
    assert titles(queries.search(conn, "Marseille", competition)) == ["Gasset happy with the fightback"]


def test_unknown_team_is_an_error_not_an_empty_result(conn):
    with pytest.raises(queries.UnknownNameError, match="Ajax"):
        queries.search(conn, "Atalanta", queries.ArticleFilters(team="Ajax"))


def test_stemmed_index_follows_updates_of_an_article(tmp_path):
    archive = Archive(tmp_path / "a.db")

    def record(body):
        return {"canonical_url": "https://x.example/1", "url": "https://x.example/1", "title": "Le match",
                "body": body, "language": "fr", "content_hash": hashlib.sha1(body.encode()).hexdigest()}

    archive.write_articles([record("Une égalisation tardive.")])
    assert queries.search(archive.db.conn, "egaliser")
    archive.write_articles([record("Une victoire nette.")])
    assert not queries.search(archive.db.conn, "egaliser")
    assert titles(queries.search(archive.db.conn, "victoires")) == ["Le match"]
    archive.close()


def test_migration_indexes_articles_stored_before_it(tmp_path):
    path = tmp_path / "old.db"
    archive = Archive(path)
    archive.write_articles([{"canonical_url": "https://x.example/2", "title": "Doelpunten genoeg",
                             "body": "Een doelpunt.", "language": "nl", "content_hash": "h"}])
    archive.db.execute("DELETE FROM _migrations WHERE name = '010_query_indexes'")
    archive.db.execute(f"DROP TABLE {fts.TABLE}")
    archive.db.execute("DROP VIEW article_list")
    archive.db.conn.commit()
    archive.close()
    reopened = Archive(path)
    assert titles(queries.search(reopened.db.conn, "doelpunt")) == ["Doelpunten genoeg"]
    reopened.close()


def test_latest_stories_first_with_match_facts(conn):
    rows = queries.stories(conn)
    assert [r["id"] for r in rows] == [2, 3, 1]
    first = rows[0]
    assert (first["match"], first["score"], first["competition"]) == (
        "Atalanta - Olympique de Marseille", "3-0", "Europa League")
    assert first["languages"] == "en,fr,nl"
    assert [r["id"] for r in queries.stories(conn, team="feyenoord")] == [3]
    assert [r["id"] for r in queries.stories(conn, since=date(2024, 5, 4), competition="Europa League")] == [2]


def test_story_groups_articles_by_type_then_language(conn):
    data = queries.story(conn, 1)
    assert data["match"] == "Olympique de Marseille - Atalanta"
    assert [(g["type"], g["language"]) for g in data["groups"]] == [
        ("preview", "fr"), ("reaction", "en"), ("report", "en"), ("report", "fr"), ("report", "nl")]
    assert data["article_total"] == 5
    assert [leg["story_id"] for leg in data["other_legs"]] == [2]
    assert all(a["url"].startswith("https://") for g in data["groups"] for a in g["articles"])


def test_missing_story_is_a_named_error(conn):
    with pytest.raises(queries.NotFoundError):
        queries.story(conn, 999)


def test_matches_of_a_team_latest_first(conn):
    rows = queries.matches(conn, team="l'OM")
    assert [(r["kickoff_date"], r["story_id"]) for r in rows] == [("2024-05-09", 2), ("2024-05-02", 1)]
    assert [r["match_id"] for r in queries.matches(conn, since=date(2024, 5, 3), until=date(2024, 5, 6))] == [3]


def test_export_streams_filtered_articles_with_json_decoded(conn):
    rows = list(queries.export_articles(conn, queries.ArticleFilters(languages=["nl"]), batch_size=2))
    assert len(rows) == queries.count_articles(conn, queries.ArticleFilters(languages=["nl"])) == 4
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert all(isinstance(r["authors"], list) for r in rows)


def test_stats_counts_per_source_language_and_day(conn):
    data = queries.stats(conn, days=3, today=date(2024, 5, 9))
    assert data["articles"] == 12
    assert data["by_language"] == {"en": 5, "nl": 4, "fr": 3}
    assert data["by_day"] == {"2024-05-07": 0, "2024-05-08": 0, "2024-05-09": 3}
    assert data["duplicates_by_kind"] == {"near-duplicate": 1}
    assert data["last_runs"][0]["status"] == "finished"


def _full_scans(plan):
    return queries.full_scans(plan)


@pytest.mark.parametrize("selective_rows", [queries.SELECTIVE_FILTER_ROWS, 0])
def test_filtered_search_plans_use_indexes(conn, monkeypatch, selective_rows):
    monkeypatch.setattr(queries, "SELECTIVE_FILTER_ROWS", selective_rows)
    filters = queries.ArticleFilters(languages=["fr"], since=date(2024, 5, 1))
    sql, params, _ = queries.search_sql(conn, "Atalanta", filters, 20)
    plan = queries.explain(conn, sql, params)
    assert any("articles_stemmed VIRTUAL TABLE INDEX" in step for step in plan)
    assert not _full_scans(plan)
    # Selective: the filter becomes a set of ids. Broad: each match is looked up by id (SQLite picks
    # the covering index once ANALYZE knows the table is big; on this tiny one, the primary key).
    assert any("LIST SUBQUERY" in step for step in plan) == bool(selective_rows)
    assert any(step.startswith("SEARCH a USING") and "=?" in step for step in plan)
    assert [r["title"] for r in queries.search(conn, "Atalanta", filters)]  # both plans answer


def test_story_page_uses_the_story_index(conn):
    plan = queries.explain(conn, "SELECT id FROM articles WHERE story_id = ? ORDER BY published_at", [1])
    assert any(step.startswith("SEARCH articles USING") and "INDEX" in step and "(story_id=?)" in step
               for step in plan)


def test_query_words_become_their_stems_in_the_languages_asked():
    # the stem, and the folded word itself for articles in a language without a stemmer
    assert search_query.parse_query("Égalisé", ["fr"]).expression == '("egalis" OR "egalise")'
    # a word that looks like a facet token is looked for in the text columns only
    assert search_query.parse_query("XL", ["en"]).expression == '{title body} : ("xl")'
    terms = search_query.parse_query("gelijkspelen OR égalise", ["fr", "nl"])
    left, operator, right = terms.expression.partition(") OR (")
    assert operator and '"gelijkspel"' in left and '"egalis"' in right
    assert {"gelijkspel", "egalis"} <= terms.stems
    assert search_query.parse_query('"Chancel Mbemba" -', ["en"]).expression == '"chancel mbemba"'
    assert search_query.parse_query("NOT", None).expression == ""


def test_highlight_centres_on_the_hits_and_marks_every_form():
    text = " ".join(["Filler"] * 60) + " Les buts de Mbemba. Un but splendide."
    snippet = search_query.highlight(text, search_query.parse_query("but", ["fr"]), "fr", words=12)
    assert snippet.startswith("…")
    assert "[buts]" in snippet and "[but]" in snippet
    assert snippet.endswith("splendide.")


def test_only_the_newest_matches_are_ranked(conn, monkeypatch):
    everything = queries.search(conn, "Atalanta", limit=50)
    assert len(everything) >= 3
    monkeypatch.setattr(queries, "RANK_WINDOW", 2)
    newest = queries.search(conn, "Atalanta", limit=50)
    assert sorted(r["id"] for r in newest) == sorted(r["id"] for r in everything)[-2:]
