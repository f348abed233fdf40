"""StoryPipeline, built from a crawler: it decides (typed verdict), the archive writes the rows."""

from __future__ import annotations

from newscrawl.archive import Archive
from pipelines.stories import StoryPipeline
from tests.support.crawler import article, build, newscrawl_crawler

REPORT = ("Arsenal 2-2 Chelsea: Cole Palmer rescued a point for Chelsea at the Emirates on Saturday "
          "in the Premier League. Bukayo Saka and Kai Havertz scored for Arsenal before Palmer and "
          "Nicolas Jackson hit back in the second half of the London derby.")


def test_a_report_gets_its_type_facts_and_match_and_reference_tables_are_written(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db")
    pipeline = build(StoryPipeline, crawler)
    pipeline.open_spider()
    item = pipeline.process_item(article(title="Arsenal 2-2 Chelsea", body=REPORT, language="en",
                                         published_at="2024-05-04T19:30:00+00:00"))
    assert item.story.article_type
    assert item.story.facts is not None and set(item.story.facts.team_ids) == {"eng-arsenal", "eng-chelsea"}
    assert item.story.match is not None and item.story.match.team_ids == "eng-arsenal|eng-chelsea"
    assert item.story.match.kickoff_date == "2024-05-04"
    archive = Archive(tmp_path / "a.db", readonly=True)
    assert archive.db["teams"].count > 10 and archive.db["competitions"].count > 3
    assert archive.db["matches"].count == 0  # the store pipeline writes the match with the article
    archive.close()


def test_an_article_about_no_match_is_counted(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db")
    pipeline = build(StoryPipeline, crawler)
    item = pipeline.process_item(article(title="Transfer window opens", language="en",
                                         body="The summer transfer window opens next week. " * 10))
    assert item.story.match is None
    assert crawler.stats.get_value("newscrawl/stories/no_match") == 1
