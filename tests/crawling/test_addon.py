"""The Scrapy add-on: one ADDONS entry wires newscrawl into a crawler, the project's own values win."""

from __future__ import annotations

from newscrawl import settings as project_settings
from newscrawl.crawling.addon import (
    DOWNLOADER_MIDDLEWARES,
    EXTENSIONS,
    ITEM_PIPELINES,
    newscrawl_defaults,
)
from newscrawl.dedup import NEAR_DUPLICATE_THRESHOLD
from tests.support.crawler import newscrawl_crawler


def test_a_bare_crawler_with_the_addon_gets_pipelines_middlewares_extensions_and_defaults():
    settings = newscrawl_crawler().settings
    assert settings.getdict("ITEM_PIPELINES") == ITEM_PIPELINES
    for path, order in DOWNLOADER_MIDDLEWARES.items():
        assert settings.getdict("DOWNLOADER_MIDDLEWARES")[path] == order
    for path, order in EXTENSIONS.items():
        assert settings.getdict("EXTENSIONS")[path] == order
    assert settings.getint("NEWSCRAWL_MIN_BODY_WORDS") == project_settings.NEWSCRAWL_MIN_BODY_WORDS
    assert settings.getlist("NEWSCRAWL_LANGUAGES") == ["en", "fr", "nl"]


def test_every_newscrawl_default_is_written_once_in_settings():
    defaults = newscrawl_defaults()
    assert "NEWSCRAWL_RETRY_BACKOFF_BASE" in defaults and "NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD" in defaults
    assert all(getattr(project_settings, name) == value for name, value in defaults.items())
    assert defaults["NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD"] == NEAR_DUPLICATE_THRESHOLD


def test_the_project_keeps_its_own_values_and_choices():
    settings = newscrawl_crawler(
        NEWSCRAWL_MIN_BODY_WORDS=5,
        ITEM_PIPELINES={"pipelines.stories.StoryPipeline": None},
    ).settings
    assert settings.getint("NEWSCRAWL_MIN_BODY_WORDS") == 5
    pipelines = settings.getdict("ITEM_PIPELINES")
    assert pipelines["pipelines.stories.StoryPipeline"] is None
    assert pipelines["pipelines.store.StorePipeline"] == 900


def test_the_project_settings_enable_the_addon():
    assert project_settings.ADDONS == {"newscrawl.crawling.addon.Newscrawl": 0}
    assert not hasattr(project_settings, "ITEM_PIPELINES")  # wired by the add-on, not twice


def test_a_cron_crawl_opens_no_console_or_remote_control_port():
    # Scrapy's telnet console and (2.19+) remote control accept commands that run in the crawl;
    # nobody is there to use them in a cron job, and the remote control costs an aiohttp import
    # and a server at every start.
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
