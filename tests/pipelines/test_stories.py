"""StoryPipeline, built from a crawler: it reads the evidence (typed verdict); stories are decided
over the stored evidence after the store pipeline wrote the batch."""

from __future__ import annotations

from newscrawl.archive import Archive
from pipelines.store import StorePipeline
from pipelines.stories import StoryPipeline
from tests.support.crawler import article, build, newscrawl_crawler

REPORT = ("Arsenal 2-2 Chelsea: Cole Palmer rescued a point for Chelsea at the Emirates on Saturday "
          "in the Premier League. Bukayo Saka and Kai Havertz scored for Arsenal before Palmer and "
          "Nicolas Jackson hit back in the second half of the London derby.")


def test_a_report_gets_its_type_and_facts_and_its_story_once_stored(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db")
    pipeline = build(StoryPipeline, crawler)
    store = build(StorePipeline, crawler)
    pipeline.open_spider()
    item = pipeline.process_item(article(title="Arsenal 2-2 Chelsea", body=REPORT, language="en",
                                         published_at="2024-05-04T19:30:00+00:00"))
    assert item.story.article_type
    assert item.story.facts is not None and set(item.story.facts.team_ids) == {"eng-arsenal", "eng-chelsea"}
    assert item.story.match is None, "the story is decided over the stored evidence, not per item"
    archive = Archive(tmp_path / "a.db", readonly=True)
    assert archive.db["teams"].count > 10 and archive.db["competitions"].count > 3
    assert archive.db["matches"].count == 0
    store.process_item(item)
    store.close_spider()  # the batch is written, then the signal makes the stories pipeline re-group it
    match = archive.conn.execute("SELECT team_ids, kickoff_date, score_home, score_away FROM matches").fetchall()
    assert match == [("eng-arsenal|eng-chelsea", "2024-05-04", 2, 2)]
    assert archive.conn.execute("SELECT count(*) FROM articles WHERE story_id IS NOT NULL").fetchone()[0] == 1
    assert archive.conn.execute("SELECT count(*) FROM story_evidence WHERE pending = 1").fetchone()[0] == 0
    assert crawler.stats.get_value("newscrawl/stories/regroup/created") == 1
    archive.close()


def test_a_one_team_article_carries_its_side(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db")
    pipeline = build(StoryPipeline, crawler)
    item = pipeline.process_item(article(
        title="Arteta proud of Arsenal after a derby draw", language="en", published_at="2024-05-05T09:00:00+00:00",
        body="Mikel Arteta said Arsenal showed character in the Premier League draw on Saturday night. "
             "The Arsenal manager praised Bukayo Saka and Kai Havertz, who both scored, and said his players "
             "would keep fighting for the title until the last game of the season at the Emirates."))
    assert item.story.facts is None
    assert item.story.side is not None and item.story.side.team_ids == ("eng-arsenal",)
    assert crawler.stats.get_value("newscrawl/stories/one_team") == 1


def test_an_article_about_no_match_is_counted(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db")
    pipeline = build(StoryPipeline, crawler)
    item = pipeline.process_item(article(title="Transfer window opens", language="en",
                                         body="The summer transfer window opens next week. " * 10))
    assert item.story.match is None
    assert crawler.stats.get_value("newscrawl/stories/no_match") == 1


def test_a_new_article_is_indexed_once_with_the_story_its_regrouping_gave(tmp_path):
    from newscrawl.archive import queries
    from newscrawl.archive import search as fts

    crawler = newscrawl_crawler(tmp_path / "a.db")
    pipeline = build(StoryPipeline, crawler)
    store = build(StorePipeline, crawler)
    pipeline.open_spider()
    store.process_item(pipeline.process_item(article(title="Arsenal 2-2 Chelsea", body=REPORT, language="en",
                                                     published_at="2024-05-04T19:30:00+00:00")))
    fts.stemmed_text.cache_clear()
    store.close_spider()  # stored, re-grouped into a new story, then indexed
    # title and body stemmed once each: not indexed storyless, taken out and indexed again
    assert fts.stemmed_text.cache_info().misses == 2 and fts.stemmed_text.cache_info().hits == 0
    archive = Archive(tmp_path / "a.db", readonly=True)
    assert archive.conn.execute(f"SELECT count(*) FROM {fts.DEFERRED}").fetchone()[0] == 0
    found = queries.search(archive.conn, "Palmer", queries.ArticleFilters(team="eng-chelsea"))
    assert [r["url"] for r in found] == ["https://example.com/sport/report.html"]
    archive.close()


def test_the_reference_tables_are_written_once_per_version_of_their_data(tmp_path, monkeypatch):
    from newscrawl.matching.reference import reference_version

    first = build(StoryPipeline, newscrawl_crawler(tmp_path / "a.db"))
    first.open_spider()
    archive = Archive(tmp_path / "a.db", readonly=True)
    assert archive.reference_version() == reference_version()
    teams = archive.db["teams"].count
    assert teams > 1000
    archive.close()

    # the next crawl of that archive does not even load the gazetteer ...
    def no_gazetteer():
        raise AssertionError("the gazetteer was loaded")

    monkeypatch.setattr("pipelines.stories.load_gazetteer", no_gazetteer)
    build(StoryPipeline, newscrawl_crawler(tmp_path / "a.db")).open_spider()
    # ... until the data changes
    monkeypatch.undo()
    monkeypatch.setattr("pipelines.stories.reference_version", lambda: "another version")
    build(StoryPipeline, newscrawl_crawler(tmp_path / "a.db")).open_spider()
    archive = Archive(tmp_path / "a.db", readonly=True)
    assert archive.reference_version() == "another version" and archive.db["teams"].count == teams
    archive.close()
