"""``newscrawl serve`` in a real browser: headless Chromium opens a story timeline and runs searches.

Needs Debian's ``chromium`` and the ``playwright`` Python package (it drives
that Chromium; no browser download). On CI (``CI=true``, root) a missing
chromium is installed with apt-get; otherwise the test is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.archive import build_archive
from tests.support.serve import serving

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: Where a screenshot of the story timeline is kept for people to look at (set to a path to keep it).
SCREENSHOT_ENV = "NEWSCRAWL_SCREENSHOT"


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    can_install = os.environ.get("CI") == "true" and os.geteuid() == 0 and shutil.which("apt-get")
    if not can_install:
        pytest.skip("Debian chromium is not installed (apt-get install chromium); the browser test needs it")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)
        if done.returncode != 0:
            pytest.skip(f"could not install chromium with {' '.join(command)}: {done.stderr[-500:]}")
    return shutil.which("chromium") or pytest.skip("apt-get installed chromium but no chromium binary is on PATH")


@pytest.fixture
def served(tmp_path):
    path = tmp_path / "football.db"
    build_archive(path)
    with serving(path) as base:
        yield f"{base}/football"


@pytest.fixture
def page(tmp_path):
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package drives chromium here: pip install playwright")
    executable = _chromium()
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / "profile"),  # a new, empty profile
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_serve_is_read_only_with_metadata_facets_and_canned_queries(served):
    root = served.rsplit("/", 1)[0]
    databases = _get_json(f"{root}/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("football", False)]
    article_list = _get_json(f"{served}/article_list.json?_size=0&_extra=facet_results")
    assert set(article_list["facet_results"]) >= {"language", "source", "competition", "article_type"}
    metadata = _get_json(f"{root}/-/metadata.json")
    tables = metadata["databases"]["football"]["tables"]
    assert tables["articles"]["columns"]["language"].startswith("Language")
    assert set(metadata["databases"]["football"]["queries"]) == {
        "latest_stories", "story_timeline", "team_matches", "search"}
    team = _get_json(f"{served}/team_matches.json?team=marseille&_shape=array")
    assert [row["story"] for row in team] == [2, 1]
    found = _get_json(f"{served}/search.json?q=gelijkspel&_shape=array")
    assert {row["title"] for row in found} == {
        "PSV wil thuis niet opnieuw gelijkspelen", "Marseille en Atalanta houden elkaar in evenwicht"}


def _column(page, header: str) -> list[str]:
    """The cells of one column of Datasette's result table."""
    return page.eval_on_selector_all(
        f"table.rows-and-columns td.col-{header}", "cells => cells.map(c => c.innerText.trim())")


def test_story_timeline_and_searches_in_the_browser(served, page, tmp_path):
    page.goto(f"{served}/story_timeline?story_id=1")
    assert "Story timeline" in page.title() or page.locator("h1").inner_text().startswith("Story timeline")
    assert _column(page, "language") == ["fr", "fr", "en", "nl", "en"]
    titles = _column(page, "title")
    assert titles[0] == "L'OM veut frapper fort contre l'Atalanta"
    assert "Marseille en Atalanta houden elkaar in evenwicht" in titles
    assert page.locator("td.col-url a").first.get_attribute("href") == (
        "https://vestiaire.example/om-atalanta-avant-match")
    shot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "timeline.png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    # The stemmed search, typed into the canned query's form.
    page.goto(f"{served}/search")
    page.fill("input[name=q]", "egalise")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert _column(page, "title") == ["Marseille et l'Atalanta se quittent dos à dos"]
    assert "[égalisation]" in _column(page, "snippet")[0]

    # Datasette's own full-text search and facets on the article list.
    page.goto(f"{served}/article_list")
    assert page.locator(".facet-info[data-column=competition]").count() == 1
    page.fill("input[name=_search]", "Mbemba")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert sorted(_column(page, "language")) == ["en", "fr", "nl"]
    assert "_search=Mbemba" in page.url
